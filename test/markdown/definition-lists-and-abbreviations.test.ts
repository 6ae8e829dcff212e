import { describe, expect, it } from 'vitest';
import { createMarkdownProcessor } from '../../src/markdown/create-markdown-processor.ts';
import { canonicalHtml } from '../support/html-tree.ts';

const render = (markdown: string): string => canonicalHtml(createMarkdownProcessor().render(markdown));
const same = (markdown: string, html: string): void => expect(render(markdown)).toBe(canonicalHtml(html));

describe('definition lists', () => {
  it('turns a term and a definition into <dl>', () => {
    same('Term\n: Definition\n', '<dl><dt>Term</dt><dd>Definition</dd></dl>');
  });
  it('wraps the first paragraph only after a blank line', () => {
    same('Term\n\n: Definition\n', '<dl><dt>Term</dt><dd><p>Definition</p></dd></dl>');
  });
  it('is not a definition list two blank lines below the paragraph', () => {
    same('Term\n\n\n: Definition\n', '<p>Term</p><p>: Definition</p>');
  });
  it('is not a definition list without a paragraph above', () => {
    same('# H\n\n: Definition\n', '<h1 id="h">H</h1><p>: Definition</p>');
  });
  it('leaves a colon line inside fenced code alone', () => {
    expect(createMarkdownProcessor().render('```\nTerm\n: not a definition\n```\n')).toContain(': not a definition');
  });
  it('leaves a colon line inside raw HTML alone', () => {
    expect(createMarkdownProcessor().render('<div>\nTerm\n: kept\n</div>\n')).toContain(': kept');
  });
  it('joins terms after a definition list into it', () => {
    same('A\n: a\n\nB\n: b\n', '<dl><dt>A</dt><dd>a</dd><dt>B</dt><dd>b</dd></dl>');
  });
});

describe('abbreviations', () => {
  it('marks whole words only and removes the definition', () => {
    same('*[HTML]: Hyper Text\n\nHTML, xHTML, HTMLx, HTMLär.\n',
      '<p><abbr title="Hyper Text">HTML</abbr>, xHTML, HTMLx, <abbr title="Hyper Text">HTML</abbr>är.</p>');
  });
  it('gives an empty definition no title', () => {
    same('*[W3C]:\n\nW3C\n', '<p><abbr>W3C</abbr></p>');
  });
  it('prefers the longest abbreviation', () => {
    same('*[A]: a\n*[A B]: ab\n\nA B\n', '<p><abbr title="ab">A B</abbr></p>');
  });
  it('leaves code and raw HTML alone', () => {
    same('*[X]: x\n\n`X`\n\n<div>X</div>\n', '<p><code class="language-plaintext highlighter-rouge">X</code></p><div>X</div>');
  });
  it('is no definition as a paragraph continuation line', () => {
    same('Text\n*[X]: x\n\nX\n', '<p>Text\n*[X]: x</p><p>X</p>');
  });
  it('applies inside markdown="1" HTML', () => {
    same('*[X]: x\n\n<div markdown="1">\nX here\n</div>\n', '<div><p><abbr title="x">X</abbr> here</p></div>');
  });
  it('does not leak into the next document', () => {
    const processor = createMarkdownProcessor();
    processor.render('*[X]: x\n\nX\n');
    expect(processor.render('X\n')).toBe('<p>X</p>\n');
  });
});
