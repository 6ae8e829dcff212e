/**
 * `tryck` runs a bundle of its sources that is rebuilt whenever a source is newer, and the bundle
 * and the TypeScript sources (through tsx) build the same site.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain JavaScript module without types
import { bundleSettings, ensureBundle } from '../../bin/ensure-bundle.js';
import { codeFingerprint } from '../../src/cache/persistent-cache.ts';
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

describe('the caches’ fingerprints in the bundle', () => {
  // The source sets open-build-caches.ts fingerprints.
  const FINGERPRINTED = [['markdown'], ['sources/front-matter.ts', 'sources/simple-yaml.ts'], ['.']];

  /** A copy of the package's sources, manifest and lock file, with its dependencies. */
  function copyPackage(): string {
    const copy = mkdtempSync(path.join(tmpdir(), 'tryck-package-'));
    dirs.push(copy);
    for (const entry of ['src', 'package.json', 'package-lock.json', 'tsconfig.json']) cpSync(path.join(root, entry), path.join(copy, entry), { recursive: true });
    symlinkSync(path.join(root, 'node_modules'), path.join(copy, 'node_modules'));
    return copy;
  }

  /** codeFingerprint as a bundle made from `from` computes it, once `then` has run. */
  async function bundledFingerprints(from: string, then = (): void => {}): Promise<string[]> {
    const outdir = mkdtempSync(path.join(tmpdir(), 'tryck-fingerprint-'));
    dirs.push(outdir);
    await build(bundleSettings(from, { cache: 'src/cache/persistent-cache.ts' }, outdir));
    const bundled = (await import(pathToFileURL(path.join(outdir, 'cache.mjs')).href)) as typeof import('../../src/cache/persistent-cache.ts');
    then();
    return FINGERPRINTED.map((sources) => bundled.codeFingerprint(...sources));
  }

  it('are those the sources compute, without reading a source file', async () => {
    const copy = copyPackage();
    const bundled = await bundledFingerprints(copy, () => rmSync(path.join(copy, 'src'), { recursive: true }));
    expect(bundled).toEqual(FINGERPRINTED.map((sources) => codeFingerprint(...sources)));
  });

  it('change with the lock file, so updated dependencies never serve an old conversion', async () => {
    const copy = copyPackage();
    const before = await bundledFingerprints(copy);
    const lock = path.join(copy, 'package-lock.json');
    writeFileSync(lock, readFileSync(lock, 'utf8').replace(/"version": "[^"]+"/, '"version": "0.0.0-ändrad"'));
    const after = await bundledFingerprints(copy);
    for (let i = 0; i < before.length; i++) expect(after[i]).not.toBe(before[i]);
  });
});
