/**
 * The Rouge lexers ported here against Rouge 3.30 itself: for every sample under
 * test/fixtures/rouge/<language>/, the same tokens with the same classes as the HTML Rouge made of it
 * (scripts/regenerate-rouge-goldens.sh), character for character.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/markdown/highlight-code.ts';
import { createRougeLexers } from '../../src/markdown/rouge/lexer-list.ts';

const dir = fileURLToPath(new URL('../fixtures/rouge', import.meta.url));
const lexers = createRougeLexers();

function html(language: string, code: string): string {
  return lexers
    .lex(language, code)
    .map(([className, text]) => (className === '' ? escapeHtml(text) : `<span class="${className}">${escapeHtml(text)}</span>`))
    .join('');
}

describe('Rouge lexers', () => {
  for (const language of readdirSync(dir).sort()) {
    for (const file of readdirSync(path.join(dir, language)).filter((name) => name.endsWith('.txt'))) {
      it(`${language}/${file}`, () => {
        const code = readFileSync(path.join(dir, language, file), 'utf8');
        const golden = readFileSync(path.join(dir, language, file.replace(/\.txt$/, '.html')), 'utf8');
        expect(html(language, code)).toBe(golden);
      });
    }
  }
});
