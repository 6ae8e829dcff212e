/**
 * A site with Ruby plugins in `_plugins/` builds, and the editor is told once which plugins tryck
 * could not run, as their pages are missing from the output.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { build } from '../../src/build.ts';
import { createMemoryWriter } from '../../src/outputs/site-writer.ts';
import { write } from '../support/write-file.ts';

const root = mkdtempSync(path.join(tmpdir(), 'tryck-ruby-plugins-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

it('names the Ruby plugins it cannot run, and builds the rest', async () => {
  write(root, '_config.yml', 'title: Vårdbloggen\n');
  write(root, '_plugins/forfattarsidor.rb', 'module Jekyll; end\n');
  write(root, '_plugins/taggar/generator.rb', 'module Jekyll; end\n');
  write(root, '_plugins/README.md', 'not a plugin\n');
  write(root, 'index.html', '---\n---\nStart\n');
  const warnings: string[] = [];
  const writer = createMemoryWriter();
  await build({ source: root, writer, onWarning: (message) => warnings.push(message) });
  expect(writer.files.has('index.html')).toBe(true);
  expect(warnings).toEqual([expect.stringContaining('_plugins/ holds Ruby plugins tryck cannot run (forfattarsidor.rb, taggar/generator.rb)')]);
});
