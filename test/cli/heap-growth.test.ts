/**
 * A one-shot build with many pages to render limits how fast V8's heaps grow, for its peak memory;
 * one that carries nearly every page over does not, for its speed (BuildOptions.onManyPages); and a
 * flag the user gave node wins.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../src/bench/generate-corpus.ts';
import { build, MANY_PAGES } from '../../src/build.ts';

const repoRoot = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const module = pathToFileURL(fileURLToPath(new URL('../../src/cli/heap-growth.ts', import.meta.url))).href;

/** Whether V8's flags changed when a new process limited heap growth, as a large build does. */
function flagsChanged(nodeOptions: string[] = []): boolean {
  const script = `const v8 = await import('node:v8'); const before = v8.cachedDataVersionTag(); const { limitHeapGrowth } = await import(${JSON.stringify(module)}); limitHeapGrowth(); console.log(v8.cachedDataVersionTag() !== before);`;
  const output = execFileSync(process.execPath, [...nodeOptions, '--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
  return output.trim() === 'true';
}

describe('the heap growth of a build', () => {
  it('is limited by a V8 flag', () => {
    expect(flagsChanged()).toBe(true);
  });

  it('is set back as the process exits, so the code cache made then fits the next run', () => {
    // As bin/load-bundle.js does: an exit listener registered as the bundle loaded, before the build.
    const script = `const v8 = await import('node:v8'); const before = v8.cachedDataVersionTag(); process.once('exit', () => console.log(v8.cachedDataVersionTag() === before)); const { limitHeapGrowth } = await import(${JSON.stringify(module)}); limitHeapGrowth();`;
    expect(execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' }).trim()).toBe('true');
  });

  it('is limited by a build that renders many pages, and not by one that carries them over', async () => {
    const source = mkdtempSync(path.join(tmpdir(), 'tryck-heap-'));
    dirs.push(source);
    const manifest = generateCorpus(source, { posts: MANY_PAGES + 10, blogRoot: repoRoot });
    const destination = path.join(source, '_site');
    // When the build first says so: 'start' before it reads the site, 'planned' once it knows what it carries over.
    const calls = async (): Promise<string[]> => {
      const said: string[] = [];
      let started = false;
      await build({ source, destination, onProgress: () => (started = true), onManyPages: () => said.push(started ? 'planned' : 'start') });
      return said;
    };
    expect(await calls()).toEqual(['start']);
    appendFileSync(path.join(source, manifest.posts[3].file), '\nEn mening till.\n');
    expect(await calls()).toEqual([]);
    appendFileSync(path.join(source, '_layouts/post.html'), '\n<!-- ändrad -->\n');
    expect(await calls()).toEqual(['planned']);
  }, 120_000);

  it('is left as the user set it for node', () => {
    expect(flagsChanged(['--heap-growing-percent=50'])).toBe(false);
  });
});
