import { describe, expect, it } from 'vitest';
import { canonicalHtml } from '../support/html-tree.ts';
import { createMarkdownProcessor, markdownOptionsFromConfig } from '../../src/markdown/create-markdown-processor.ts';
import { knownDifferences, loadGoldenCases, withoutRougeTokens } from './golden-fixtures.ts';

const known = knownDifferences();

describe('Markdown output matches Jekyll 4.3.1 + kramdown 2.4.0 goldens', () => {
  for (const fixture of loadGoldenCases()) {
    const test = known.has(fixture.name) ? it.fails : it;
    test(fixture.name, () => {
      const processor = createMarkdownProcessor(markdownOptionsFromConfig(fixture.kramdown));
      const ours = processor.render(fixture.input);
      expect(canonicalHtml(withoutRougeTokens(ours))).toBe(canonicalHtml(withoutRougeTokens(fixture.jekyll)));
      // Byte for byte too: filters over content (strip_html, truncate, jsonify) keep every newline and space.
      expect(withoutRougeTokens(ours), 'the same bytes as kramdown writes').toBe(withoutRougeTokens(fixture.jekyll));
    });
  }
});
