/**
 * `tryck` runs a bundle of its sources that is rebuilt whenever a source is newer, and the bundle
 * and the TypeScript sources (through tsx) build the same site.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain JavaScript module without types
import { ensureBundle } from '../../bin/ensure-bundle.js';
import { compareSites } from '../support/compare-sites.ts';

const root = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(root, 'bin/tryck.js'), ...args], { cwd: root, env: { ...process.env, ...env } }, (error, _out, stderr) =>
      resolve({ code: error ? 1 : 0, stderr }),
    );
  });
}

describe('the bundle behind bin/tryck.js', () => {
  it('is rebuilt when a source file is newer than it', async () => {
    const cli = (await ensureBundle(root)) as string;
    const before = statSync(cli).mtimeMs;
    expect(await ensureBundle(root)).toBe(cli);
    expect(statSync(cli).mtimeMs).toBe(before);
    const source = path.join(root, 'src/errors.ts');
    const { atime, mtime } = statSync(source);
    try {
      const later = new Date(Date.now() + 5000);
      utimesSync(source, later, later);
      await ensureBundle(root);
      expect(statSync(cli).mtimeMs).toBeGreaterThan(before);
    } finally {
      utimesSync(source, atime, mtime);
    }
  });

  it('builds the same site as the TypeScript sources run through tsx', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tryck-bundle-'));
    dirs.push(dir);
    const env = { SOURCE_DATE_EPOCH: '1764000000' };
    const bundled = await run(['build', '--no-cache', '-d', path.join(dir, 'bundle')], env);
    const fromSource = await run(['build', '--no-cache', '-d', path.join(dir, 'source')], { ...env, TRYCK_FROM_SOURCE: '1' });
    expect(bundled).toEqual({ code: 0, stderr: '' });
    expect(fromSource).toEqual({ code: 0, stderr: '' });
    expect(compareSites(path.join(dir, 'bundle'), path.join(dir, 'source'), { normalisers: [] })).toEqual([]);
    expect(readFileSync(path.join(dir, 'bundle/feed.xml'))).toEqual(readFileSync(path.join(dir, 'source/feed.xml')));
  });
});
