/**
 * The persistent cache can never serve a stale page, is ignored when damaged, and changes nothing
 * in the output: cold, warm, edited and uncached builds are byte-identical where their sources are.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, CACHE_DIR } from '../../src/build.ts';
import { PersistentCache } from '../../src/cache/persistent-cache.ts';
import { readFolder } from '../support/read-folder.ts';
import { generateCorpus } from '../../src/bench/generate-corpus.ts';

const repoRoot = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
const dirs: string[] = [];
const saved = process.env.SOURCE_DATE_EPOCH;
beforeAll(() => {
  process.env.SOURCE_DATE_EPOCH = '1764000000';
});
afterAll(() => {
  if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
  else process.env.SOURCE_DATE_EPOCH = saved;
  dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

function copyBlog(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tryck-cache-'));
  dirs.push(dir);
  for (const entry of ['_config.yml', '_posts', '_layouts', '_includes', '_data', 'assets', 'index.html', '404.html', 'om.md', 'kategorier.html']) {
    cpSync(path.join(repoRoot, entry), path.join(dir, entry), { recursive: true });
  }
  return dir;
}

const snapshot = (dir: string): Map<string, string> => readFolder(dir, 'base64');

const seedPage = '2022/06/16/upphandlingar-av-journalsystem.html';

describe('the persistent cache', () => {
  it('serves warm builds from .tryck-cache and gives the same bytes as cold and uncached builds', async () => {
    const source = copyBlog();
    const cold = await build({ source, destination: path.join(source, '_cold') });
    expect(cold.cache).toMatchObject({ hits: 0 });
    expect(cold.cache!.misses).toBeGreaterThan(0);
    const warm = await build({ source, destination: path.join(source, '_warm') });
    expect(warm.cache).toEqual({ hits: cold.cache!.misses, misses: 0 });
    const uncached = await build({ source, destination: path.join(source, '_uncached'), cache: false });
    expect(uncached.cache).toBeUndefined();
    expect(snapshot(path.join(source, '_warm'))).toEqual(snapshot(path.join(source, '_cold')));
    expect(snapshot(path.join(source, '_uncached'))).toEqual(snapshot(path.join(source, '_cold')));
  });

  it('shows edits to an include, a layout, _config.yml and a data file on a warm build', async () => {
    const source = copyBlog();
    const out = path.join(source, '_site');
    await build({ source, destination: out });
    const edit = (file: string, from: string, to: string): void => {
      const full = path.join(source, file);
      const text = readFileSync(full, 'utf8');
      expect(text).toContain(from);
      writeFileSync(full, text.replace(from, to));
    };
    edit('_includes/toc.md', 'Innehåll', 'I detta inlägg');
    edit('_layouts/post.html', '<article', '<article data-redigerad="ja"');
    edit('_config.yml', 'title: "eHälsobloggen"', 'title: "Ny titel på bloggen"');
    edit('_data/manader.yml', '- juni', '- Juni-månad');
    const warm = await build({ source, destination: out });
    expect(warm.cache!.hits).toBeGreaterThan(0);
    const page = readFileSync(path.join(out, seedPage), 'utf8');
    expect(page).toContain('I detta inlägg');
    expect(page).toContain('data-redigerad="ja"');
    expect(page).toContain('Ny titel på bloggen');
    expect(page).toContain('16 Juni-månad 2022');
  });

  it('ignores a damaged cache file, rebuilds it, and never crashes', async () => {
    const source = copyBlog();
    await build({ source, destination: path.join(source, '_a') });
    const cacheDir = path.join(source, CACHE_DIR);
    for (const name of readdirSync(cacheDir)) writeFileSync(path.join(cacheDir, name), 'skräp, inte en cache');
    const rebuilt = await build({ source, destination: path.join(source, '_b') });
    expect(rebuilt.cache!.hits).toBe(0);
    expect(snapshot(path.join(source, '_b'))).toEqual(snapshot(path.join(source, '_a')));
    const again = await build({ source, destination: path.join(source, '_c') });
    expect(again.cache!.misses).toBe(0);
  });
});

describe('a cache file', () => {
  const scratch = (name: string): string => {
    const directory = mkdtempSync(path.join(tmpdir(), `tryck-${name}-`));
    dirs.push(directory);
    return directory;
  };
  const keys = Array.from({ length: 40 }, (_, i) => `nyckel-${i}`);
  const valueOf = (key: string): string => `<p>Värde ${key}</p>`;
  /** A cache of 40 entries in two files, as a build leaves it. */
  const saved = (directory: string): void => {
    const cache = PersistentCache.open(directory, 'prov', 'f1', { shards: 2 });
    for (const key of keys) cache.set(key, valueOf(key));
    cache.save();
  };
  /** That cache opened again by a build that keeps every entry without reading it, and adds one. */
  const keepingAll = (directory: string, key: string, value: string): PersistentCache => {
    const cache = PersistentCache.open(directory, 'prov', 'f1', { shards: 2 });
    for (const kept of keys) cache.retain(PersistentCache.hash(kept));
    cache.set(key, value);
    return cache;
  };

  it('gives back every value as it was set, whether it keeps strings or bytes', () => {
    const directory = scratch('strings');
    // Latin-1 (one byte a character to V8), typographic quotes and a dash (two bytes), and a pair of surrogates.
    const values = new Map(['Läkemedelsförteckningen', '”Sammanhållen” journalföring – 2024', 'Vård 🏥 i hemmet', ''].map((value, i) => [`nyckel-${i}`, value]));
    const asStrings = PersistentCache.open(directory, 'prov', 'f1', { shards: 2, strings: true });
    for (const [key, value] of values) asStrings.set(key, value);
    asStrings.save();
    const asBytes = PersistentCache.open(directory, 'prov', 'f1', { shards: 2 });
    for (const [key, value] of values) expect(asBytes.get(key)).toBe(value);
    asBytes.set('nyckel-0', 'Ändrad');
    asBytes.save();
    const again = PersistentCache.open(directory, 'prov', 'f1', { shards: 2, strings: true });
    expect(again.get('nyckel-0')).toBe('Ändrad');
    for (const [key, value] of [...values].slice(1)) expect(again.get(key)).toBe(value);
    expect(again.stats).toEqual({ hits: values.size, misses: 0 });
  });

  it('keeps the values a build kept without reading them when it rewrites their file', () => {
    const directory = scratch('retain');
    saved(directory);
    keepingAll(directory, 'ny', '<p>Ny</p>').save();
    const third = PersistentCache.open(directory, 'prov', 'f1', { shards: 2 });
    for (const key of keys) expect(third.get(key)).toBe(valueOf(key));
    expect(third.get('ny')).toBe('<p>Ny</p>');
  });

  it('says so, rather than serve another file’s bytes, when its file was replaced during the build', () => {
    const directory = scratch('replaced');
    const first = PersistentCache.open(directory, 'prov', 'f1');
    first.set('nyckel', '<p>Första</p>');
    first.save();
    const reading = PersistentCache.open(directory, 'prov', 'f1');
    const other = PersistentCache.open(directory, 'prov', 'f1');
    other.set('nyckel', '<p>En annan bygges värde</p>');
    other.set('mer', '<p>Mer</p>');
    other.save();
    expect(() => reading.get('nyckel')).toThrow(/was replaced during the build: is another build of this site running/);
  });

  it('leaves the file another build wrote in place of one it still had values to keep from', () => {
    const directory = scratch('overtaken');
    saved(directory);
    const slow = keepingAll(directory, 'långsam', '<p>Långsam</p>');
    const fast = keepingAll(directory, 'snabb', '<p>Snabb</p>');
    fast.set('snabb-2', '<p>Snabb igen</p>');
    fast.save();
    expect(() => slow.save()).not.toThrow();
    const after = PersistentCache.open(directory, 'prov', 'f1', { shards: 2 });
    for (const key of keys) expect(after.get(key)).toBe(valueOf(key));
    expect(after.get('snabb')).toBe('<p>Snabb</p>');
  });

  it('drops the entries of a file cut short, and keeps those of the others', () => {
    const directory = scratch('cut');
    saved(directory);
    const cut = path.join(directory, 'prov-0.v8');
    const bytes = readFileSync(cut);
    writeFileSync(cut, bytes.subarray(0, bytes.length - 1));
    const reopened = PersistentCache.open(directory, 'prov', 'f1', { shards: 2 });
    const kept = keys.filter((key) => reopened.get(key) !== undefined);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(keys.length);
    for (const key of kept) expect(reopened.get(key)).toBe(valueOf(key));
  });
});

describe('Markdown in worker threads', () => {
  it('gives exactly the single-thread output on a corpus large enough to use them', async () => {
    const source = mkdtempSync(path.join(tmpdir(), 'tryck-workers-'));
    dirs.push(source);
    generateCorpus(source, { posts: 160, blogRoot: repoRoot });
    await build({ source, destination: path.join(source, '_parallel'), cache: false, workers: true });
    await build({ source, destination: path.join(source, '_serial'), cache: false, workers: false });
    const parallel = snapshot(path.join(source, '_parallel'));
    expect(parallel.size).toBeGreaterThan(160);
    expect(parallel).toEqual(snapshot(path.join(source, '_serial')));
  }, 120_000);

  it('reports a YAML mistake in one post of a site large enough for workers, against its file and line', async () => {
    const source = mkdtempSync(path.join(tmpdir(), 'tryck-workers-'));
    dirs.push(source);
    const manifest = generateCorpus(source, { posts: 160, blogRoot: repoRoot });
    const broken = path.join(source, manifest.posts[80].file);
    writeFileSync(broken, readFileSync(broken, 'utf8').replace(/^title: .*$/m, 'title: Del 1: Inledning'));
    const failure = build({ source, destination: path.join(source, '_site'), cache: false, workers: true });
    await expect(failure).rejects.toMatchObject({ file: manifest.posts[80].file, line: 3, message: expect.stringMatching(/Invalid YAML/) });
  }, 120_000);
});
