/**
 * Loads the Markdown fixtures (test/fixtures/markdown/<case>/input.md + jekyll.html, and an optional
 * kramdown.yml with the case's `kramdown:` options) and the list of known differences.
 */
import { createRougeLexers } from '../../src/markdown/rouge/lexer-list.ts';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as loadYaml } from 'yaml';

export const FIXTURES = fileURLToPath(new URL('../fixtures/markdown/', import.meta.url));

export interface GoldenCase {
  name: string;
  input: string;
  jekyll: string;
  kramdown: unknown;
}

export function loadGoldenCases(): GoldenCase[] {
  return readdirSync(FIXTURES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(FIXTURES, entry.name, 'input.md')))
    .map((entry) => {
      const dir = join(FIXTURES, entry.name);
      const options = join(dir, 'kramdown.yml');
      return {
        name: entry.name,
        input: readFileSync(join(dir, 'input.md'), 'utf8'),
        jekyll: readFileSync(join(dir, 'jekyll.html'), 'utf8'),
        kramdown: existsSync(options) ? loadYaml(readFileSync(options, 'utf8')) : undefined,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Case names listed as `- \`name\`: reason` in KNOWN-DIFFERENCES.md. */
export function knownDifferences(): Set<string> {
  const text = readFileSync(join(FIXTURES, 'KNOWN-DIFFERENCES.md'), 'utf8');
  return new Set([...text.matchAll(/^- `([^`]+)`/gm)].map((match) => match[1]));
}

/**
 * Rouge's token spans in code of a language tryck has no port of Rouge's lexer for (it highlights
 * those with highlight.js, whose token boundaries differ) are removed on both sides before comparing:
 * the wrapper markup and the escaped code text must still match. Code in a ported language keeps
 * its spans, which must be Rouge's exactly.
 */
export function withoutRougeTokens(html: string): string {
  const ported = createRougeLexers();
  const strip = (language: string, code: string): string => (ported.has(language) ? code : code.replace(/<\/?span[^>]*>/g, ''));
  return html
    .replace(/(<div class="language-([^" ]+) highlighter-rouge"><div class="highlight"><pre class="highlight"><code>)([\s\S]*?)(<\/code><\/pre>)/g, (_all, open: string, language: string, code: string, close: string) => open + strip(language, code) + close)
    .replace(/(<code class="language-([^" ]+)" data-lang="[^"]*">)([\s\S]*?)(<\/code>)/g, (_all, open: string, language: string, code: string, close: string) => open + strip(language, code) + close)
    .replace(/(<code class="language-([^" ]+) highlighter-rouge">)([\s\S]*?)(<\/code>)/g, (_all, open: string, language: string, code: string, close: string) => open + strip(language, code) + close);
}
