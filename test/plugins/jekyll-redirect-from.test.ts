/** jekyll-redirect-from's input checks: a redirect that is not a path fails the build at its line. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.ts';
import { BuildError } from '../../src/errors.ts';
import { createMemoryWriter } from '../../src/outputs/site-writer.ts';
import { write } from '../support/write-file.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

async function buildPage(frontMatter: string): Promise<unknown> {
  const root = mkdtempSync(path.join(tmpdir(), 'tryck-redirect-'));
  dirs.push(root);
  write(root, '_config.yml', 'plugins: [jekyll-redirect-from]\n');
  write(root, 'journal.md', `---\ntitle: Journalen\n${frontMatter}---\nText.\n`);
  return build({ source: root, writer: createMemoryWriter(), cache: false, workers: false }).catch((error: unknown) => error);
}

describe('jekyll-redirect-from', () => {
  it('names the file and line of a redirect_from that is a map, not a path', async () => {
    const error = await buildPage('redirect_from:\n  gammal: /journal-gammal/\n');
    expect(error).toBeInstanceOf(BuildError);
    expect(error).toMatchObject({ file: 'journal.md', line: 3, message: expect.stringContaining('redirect_from should be a path') });
  });

  it('fails on a redirect_to that is a number', async () => {
    const error = await buildPage('redirect_to: 1177\n');
    expect(error).toMatchObject({ file: 'journal.md', line: 3, hint: expect.stringContaining('quoted') });
  });
});
