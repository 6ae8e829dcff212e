/**
 * Loads the Markdown fixtures (test/fixtures/markdown/<case>/input.md + jekyll.html, and an optional
 * kramdown.yml with the case's `kramdown:` options) and the list of known differences.
 */
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
 * Rouge's token spans inside highlighted code are not this stage's job (a highlighter plugs in
 * later), so they are removed from the golden before comparing: only the wrapper markup and the
 * escaped code text must match.
 */
export function withoutRougeTokens(html: string): string {
  const strip = (code: string): string => code.replace(/<\/?span[^>]*>/g, '');
  return html
    .replace(/(<pre class="highlight"><code>)([\s\S]*?)(<\/code><\/pre>)/g, (_all, open: string, code: string, close: string) => open + strip(code) + close)
    .replace(/(<code class="[^"]*highlighter-rouge[^"]*">)([\s\S]*?)(<\/code>)/g, (_all, open: string, code: string, close: string) => open + strip(code) + close);
}
