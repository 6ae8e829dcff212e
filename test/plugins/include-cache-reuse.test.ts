/**
 * `{% include_cached %}` with the page cache: a page that shows a cached include depends on what the
 * include read when it was first rendered, so editing a page the include lists re-renders every page
 * that shows it, as a fresh build would.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { build } from '../../src/build.ts';

const fixture = fileURLToPath(new URL('../fixtures/sites/plugin-include-cache/source', import.meta.url));
const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

it('re-renders the pages showing a cached include when what it lists changes', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tryck-include-cache-'));
  scratch.push(dir);
  const source = path.join(dir, 'source');
  const destination = path.join(dir, '_site');
  cpSync(fixture, source, { recursive: true });
  const options = { source, destination, workers: false, now: new Date('2024-01-01T00:00:00Z') };
  await build(options);
  const page = path.join(source, 'remisser.md');
  writeFileSync(page, readFileSync(page, 'utf8').replace('title: Remisser', 'title: Remisser och svar'));
  await build(options);
  expect(readFileSync(path.join(destination, 'recept.html'), 'utf8')).toContain('>Remisser och svar</a>');
});
