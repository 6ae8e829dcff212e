import { describe, expect, it } from 'vitest';
import { createMarkdownProcessor, markdownOptionsFromConfig } from '../../src/markdown/create-markdown-processor.ts';

const render = (markdown: string, options = {}) => createMarkdownProcessor(options).render(markdown).replace(/^<p>|<\/p>\n$/g, '');

describe('kramdown typography', () => {
  it.each([
    [`it's`, 'it’s'],
    [`'90s`, '’90s'],
    [`rock'n'roll`, 'rock’n’roll'],
    [`"Hello," she said.`, '“Hello,” she said.'],
    [`("x")`, '(“x”)'],
    [`"'nested'"`, '“‘nested’”'],
    [`--"a"`, '–“a”'],
    [`a -- b --- c...`, 'a – b — c…'],
    [`a << b >> c`, 'a «\u00a0b\u00a0» c'],
    [`\\"escaped\\" \\.\\.\\.`, '"escaped" ...'],
  ])('%s', (input, expected) => {
    expect(render(input)).toBe(expected);
  });

  it('uses the raw source after a quote, markup included', () => {
    expect(render('"*foo*"')).toBe('“<em>foo</em>”');
    expect(render('*foo*"bar')).toBe('<em>foo</em>“bar');
  });

  it('leaves code, raw code elements, autolinks and attributes alone', () => {
    expect(render('`"a" -- b`')).toBe('<code class="language-plaintext highlighter-rouge">"a" -- b</code>');
    expect(render(`<kbd>it's</kbd>`)).toBe(`<kbd>it's</kbd>`);
    expect(render('<http://a--b.se>')).toBe('<a href="http://a--b.se">http://a--b.se</a>');
    expect(render('[a](http://x--y "it\'s")')).toMatch(/^<a href="http:\/\/x--y" title="it(?:'|&#x27;)s">a<\/a>$/);
  });

  it('honours smart_quotes and typographic_symbols', () => {
    const options = markdownOptionsFromConfig({ smart_quotes: 'sbquo,lsquo,bdquo,ldquo', typographic_symbols: { hellip: '...' }, unknown: 1 });
    expect(render('"a" \'b\' c...', options)).toBe('„a“ ‚b‘ c...');
  });
});
