/**
 * Highlighted code blocks against the goldens with Rouge's real token spans: the code text must be
 * identical, the tokens present with Rouge's class names, and the token choice mostly Rouge's.
 * (golden.test.ts compares the surrounding tree with the token spans stripped on both sides.)
 */
import { describe, expect, it } from 'vitest';
import { createMarkdownProcessor, markdownOptionsFromConfig } from '../../src/markdown/create-markdown-processor.ts';
import { highlightLanguage } from '../../src/markdown/highlight-code.ts';
import { loadGoldenCases } from './golden-fixtures.ts';
import { ROUGE_TOKEN_CLASSES } from './highlight-fixtures.ts';

interface CodeBlock {
  language: string;
  /** One entry per character of the code: the Rouge class it is in, '' for bare text. */
  chars: Array<{ char: string; className: string }>;
}

const BLOCK = /<div class="language-([^" ]+)[^"]*highlighter-rouge"><div class="highlight"><pre class="highlight"><code>([\s\S]*?)<\/code><\/pre><\/div>\s*<\/div>/g;

function decode(html: string): string {
  return html.replace(/&(?:#x([0-9a-fA-F]+)|#(\d+)|(lt|gt|amp|quot));/g, (_all, hex: string, dec: string, name: string) =>
    hex ? String.fromCodePoint(parseInt(hex, 16)) : dec ? String.fromCodePoint(Number(dec)) : { lt: '<', gt: '>', amp: '&', quot: '"' }[name]!,
  );
}

function codeBlocks(html: string): CodeBlock[] {
  return [...html.matchAll(BLOCK)].map(([, language, inner]) => {
    const chars: CodeBlock['chars'] = [];
    for (const [, className, spanned, bare] of inner.matchAll(/<span class="([^"]*)">([^<]*)<\/span>|([^<]+)/g)) {
      for (const char of decode(spanned ?? bare)) chars.push({ char, className: className ?? '' });
    }
    return { language, chars };
  });
}

const cases = loadGoldenCases().filter((fixture) => fixture.jekyll.includes('highlighter-rouge"><div class="highlight">'));

describe('highlighted code blocks against Rouge', () => {
  for (const fixture of cases) {
    const ours = codeBlocks(createMarkdownProcessor(markdownOptionsFromConfig(fixture.kramdown)).render(fixture.input));
    const jekyll = codeBlocks(fixture.jekyll);

    it(`${fixture.name}: the same blocks with the same code text`, () => {
      expect(ours.map((block) => block.language)).toEqual(jekyll.map((block) => block.language));
      expect(ours.map((block) => block.chars.map((c) => c.char).join(''))).toEqual(jekyll.map((block) => block.chars.map((c) => c.char).join('')));
    });

    it(`${fixture.name}: tokens with Rouge's class names where a highlighter is registered, none elsewhere`, () => {
      for (const block of ours) {
        const classes = new Set(block.chars.map((c) => c.className).filter(Boolean));
        if (highlightLanguage(block.language) && block.chars.some((c) => /\S/.test(c.char))) expect(classes.size, block.language).toBeGreaterThan(0);
        if (!highlightLanguage(block.language)) expect([...classes], block.language).toEqual([]);
        for (const name of classes) expect(ROUGE_TOKEN_CLASSES).toContain(name);
      }
    });
  }

  it('agrees with Rouge on most characters of the highlighted-code case', () => {
    const fixture = cases.find((c) => c.name === 'highlighted-code')!;
    const ours = codeBlocks(createMarkdownProcessor(markdownOptionsFromConfig(fixture.kramdown)).render(fixture.input));
    const jekyll = codeBlocks(fixture.jekyll);
    let compared = 0;
    let same = 0;
    ours.forEach((block, b) => {
      if (!highlightLanguage(block.language)) return;
      block.chars.forEach((c, i) => {
        if (/\s/.test(c.char)) return;
        compared += 1;
        if (c.className === jekyll[b].chars[i].className) same += 1;
      });
    });
    expect(same / compared).toBeGreaterThan(0.8);
  });
});
