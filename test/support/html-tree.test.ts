import { describe, expect, it } from 'vitest';
import { canonicalHtml } from './html-tree.ts';

const same = (a: string, b: string): boolean => canonicalHtml(a) === canonicalHtml(b);

describe('canonicalHtml compares whitespace as a browser renders it', () => {
  it('keeps a space between inline content, which a reader sees', () => {
    expect(same('<p>foo <a href="x">bar</a> baz</p>', '<p>foo<a href="x">bar</a>baz</p>')).toBe(false);
    expect(same('<p><em>a</em> <em>b</em></p>', '<p><em>a</em><em>b</em></p>')).toBe(false);
    expect(same('<p>a<img src="i.png"> b</p>', '<p>a<img src="i.png">b</p>')).toBe(false);
  });

  it('ignores whitespace between blocks and at the start and end of a line', () => {
    expect(same('<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n', '<ul><li>a</li><li>b</li></ul>')).toBe(true);
    expect(same('<p>\n  a  b\n</p>', '<p>a b</p>')).toBe(true);
    expect(same('<p>a <br /> b</p>', '<p>a<br>b</p>')).toBe(true);
    expect(same('<table>\n<tr>\n<td> x </td>\n</tr>\n</table>', '<table><tr><td>x</td></tr></table>')).toBe(true);
  });

  it('collapses a space that follows another across inline elements', () => {
    expect(same('<p>a <em> b</em></p>', '<p>a <em>b</em></p>')).toBe(true);
    // …but a space moved across the boundary is a different underline, so it counts.
    expect(same('<p><a>x </a>y</p>', '<p><a>x</a> y</p>')).toBe(false);
  });

  it('compares preformatted text exactly', () => {
    expect(same('<pre><code>a\n  b</code></pre>', '<pre><code>a b</code></pre>')).toBe(false);
    expect(same('<pre><code>a\n</code></pre>', '<pre><code>a</code></pre>')).toBe(false);
  });

  it('treats hidden elements as transparent', () => {
    expect(same('<p>a <script>x()</script> b</p>', '<p>a <script>x()</script>b</p>')).toBe(true);
  });
});
