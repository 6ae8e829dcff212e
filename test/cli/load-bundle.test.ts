/**
 * bin/load-bundle.js runs the CLI bundle with V8's code cache. V8 checks a cache against the length
 * of the source only, so a rebuilt bundle must never run with the cache of the one before it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const loader = pathToFileURL(fileURLToPath(new URL('../../bin/load-bundle.js', import.meta.url))).href;
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Loads the bundle in a new process, as bin/tryck.js does, and returns what its `answer()` gives. */
function run(bundle: string, nodeFlags: string[] = []): string {
  const script = `import(${JSON.stringify(loader)}).then(({ loadBundle }) => console.log(loadBundle(${JSON.stringify(bundle)}, 'build').answer()))`;
  return execFileSync(process.execPath, [...nodeFlags, '--input-type=module', '-e', script], { encoding: 'utf8' }).trim();
}

describe('the code cache of the CLI bundle', () => {
  it('is made by the first run, used by the next, and never used for a rebuilt bundle of the same length', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tryck-code-cache-'));
    dirs.push(dir);
    const bundle = path.join(dir, 'cli.cjs');
    writeFileSync(bundle, "exports.answer = () => 'first';\n");
    const caches = (): string[] => readdirSync(dir).filter((name) => name.endsWith('.v8cache'));

    expect(run(bundle)).toBe('first');
    expect(caches()).toHaveLength(1);
    expect(run(bundle)).toBe('first');
    expect(caches()).toHaveLength(1);

    // As ensure-bundle.js puts a new bundle in place: a new file renamed over the old one.
    await new Promise((resolve) => setTimeout(resolve, 20));
    writeFileSync(`${bundle}.new`, "exports.answer = () => 'other';\n");
    renameSync(`${bundle}.new`, bundle);
    expect(run(bundle)).toBe('other');
    expect(caches()).toHaveLength(2);
  });

  it('is not made by a run that changed V8’s flags, which would make V8 reject it in every later run', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tryck-code-cache-'));
    dirs.push(dir);
    const bundle = path.join(dir, 'cli.cjs');
    // As a build with many pages to render does (src/cli/heap-growth.ts).
    writeFileSync(bundle, "exports.answer = () => { require('node:v8').setFlagsFromString('--heap-growing-percent=30'); return 'flags'; };\n");
    expect(run(bundle)).toBe('flags');
    expect(readdirSync(dir).filter((name) => name.endsWith('.v8cache'))).toEqual([]);
  });

  it('holds the functions that ran at start, however much the run collected garbage since', () => {
    // A bundle's module bodies run once, at start, as these functions do; then a cold build
    // collects garbage for seconds, which V8 stresses here by dropping unused bytecode at once.
    const setup = Array.from({ length: 100 }, (_, i) => `function setup${i}(n) { let s = 0; for (let j = 0; j < n; j++) s += (j * ${i}) % 7; return s; }\nsetup${i}(3);`).join('\n');
    const cacheSize = (collections: number): number => {
      const dir = mkdtempSync(path.join(tmpdir(), 'tryck-code-cache-'));
      dirs.push(dir);
      const bundle = path.join(dir, 'cli.cjs');
      writeFileSync(bundle, `${setup}\nexports.answer = () => { for (let i = 0; i < ${collections}; i++) gc(); return 'collected'; };\n`);
      expect(run(bundle, ['--expose-gc', '--stress-flush-code'])).toBe('collected');
      const [cache] = readdirSync(dir).filter((name) => name.endsWith('.v8cache'));
      return statSync(path.join(dir, cache)).size;
    };
    expect(cacheSize(3)).toBeGreaterThan(0.9 * cacheSize(0));
  });
});

