import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseFrontMatter, readUnchangedFile } from '../../src/sources/front-matter.ts';
import { JekyllDate, JekyllTime } from '../../src/sources/jekyll-time.ts';
import { BuildError } from '../../src/errors.ts';

const zone = 'Europe/Stockholm';

describe('front matter read as Jekyll (Psych) reads it', () => {
  it('reads a date-only value as a calendar date that prints as Ruby prints a Date', () => {
    const { data } = parseFrontMatter('---\nsitemap:\n  lastmod: 2022-06-16\n---\n', 'a.md', zone);
    const lastmod = (data.sitemap as Record<string, unknown>).lastmod;
    expect(lastmod).toBeInstanceOf(JekyllDate);
    expect(String(lastmod)).toBe('2022-06-16');
    // Local midnight in Stockholm (summer time) is 22:00 UTC the day before.
    expect((lastmod as Date).toISOString()).toBe('2022-06-15T22:00:00.000Z');
  });

  it('keeps an explicit offset and prints the time in the site zone', () => {
    const { data } = parseFrontMatter('---\ndate: 2022-06-16 08:00:00 +0200\n---\n', 'a.md', zone);
    expect(data.date).toBeInstanceOf(JekyllTime);
    expect(String(data.date)).toBe('2022-06-16 08:00:00 +0200');
  });

  it('reads a time without an offset as UTC, as Psych does (a Jekyll quirk)', () => {
    const { data } = parseFrontMatter('---\ndate: 2023-03-01 23:30:00\n---\n', 'a.md', zone);
    expect(String(data.date)).toBe('2023-03-02 00:30:00 +0100');
  });

  it('reads YAML 1.1 booleans and keeps the body and its line offset', () => {
    const parsed = parseFrontMatter('---\nvideo: no\ncc: yes\n---\n\nText\n', 'a.md', zone);
    expect(parsed.data).toMatchObject({ video: false, cc: true });
    expect(parsed.body).toBe('Text\n');
    expect(parsed.bodyLineOffset).toBe(5);
  });

  it('treats a file without a leading --- as having no front matter', () => {
    const parsed = parseFrontMatter('Hej\n---\n', 'a.md', zone);
    expect(parsed.hasFrontMatter).toBe(false);
    expect(parsed.body).toBe('Hej\n---\n');
  });

  it('names file, line and column of a YAML error, shows the line and suggests quoting', () => {
    let error: unknown;
    try {
      parseFrontMatter('---\nlayout: post\ntitle: Del 1: Inledning\n---\n', '_posts/x.md', zone);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BuildError);
    const buildError = error as BuildError;
    expect(buildError.location).toBe('_posts/x.md:3:8');
    expect(buildError.excerpt).toContain('title: Del 1: Inledning');
    expect(buildError.hint).toMatch(/quoted/);
  });
});

describe('a file saved with Windows line endings', () => {
  it('gives the front matter a file with Unix ones gives, its last value without a carriage return', () => {
    const unix = parseFrontMatter('---\ntitle: Hej\nlayout: post\n---\nText\n', 'a.md', zone);
    const windows = parseFrontMatter('---\r\ntitle: Hej\r\nlayout: post\r\n---\r\nText\r\n', 'a.md', zone);
    expect(windows.data).toEqual({ title: 'Hej', layout: 'post' });
    expect(windows.data).toEqual(unix.data);
    expect(windows.body).toBe('Text\r\n');
    expect(windows.bodyLineOffset).toBe(unix.bodyLineOffset);
  });
});

describe('the body', () => {
  // gray-matter's cut, as Jekyll's: after the closing fence and one line ending; what follows `---`
  // on its line is the body's start. Blank lines after the fence are Jekyll's `---\s*$\n?` too.
  it.each([
    ['---\ntitle: Hej\n---\n---\nText\n', '---\nText\n', 3],
    ['---\ntitle: Hej\n---\n\nText', 'Text', 4],
    ['---\ntitle: Hej\n---\n  \n\n   Text\n', '   Text\n', 5],
    ['---\ntitle: Hej\n---\n\n \n', '', 5],
    ['---\ntitle: Hej\n-----\nText\n', '--\nText\n', 2],
    ['---\ntitle: Utan slut\n', '', 2],
  ])('of %j is %j, after %i lines', (text, body, lines) => {
    const parsed = parseFrontMatter(text, 'a.md', zone);
    expect(parsed.body).toBe(body);
    expect(parsed.bodyLineOffset).toBe(lines);
    expect(parsed.data.title).toMatch(/^(Hej|Utan slut)$/);
  });
});

describe('parsed front matter kept between builds', () => {
  it('comes back from the cache equal, dates as the same classes', () => {
    const store = new Map<string, string>();
    const cache = { get: (k: string) => store.get(k), has: (k: string) => store.has(k), set: (k: string, v: string) => void store.set(k, v) };
    const text = '---\ndate: 2022-06-16 08:00:00 +0200\nsitemap:\n  lastmod: 2022-06-16\n  priority: 0.7\ntags: [a, b]\nvideo: no\n---\nText\n';
    const first = parseFrontMatter(text, 'a.md', zone, cache);
    expect(store.size).toBe(1);
    const second = parseFrontMatter(text, 'a.md', zone, cache);
    expect(second.data).toEqual(first.data);
    expect(second.data.date).toBeInstanceOf(JekyllTime);
    expect(String(second.data.date)).toBe('2022-06-16 08:00:00 +0200');
    const lastmod = (second.data.sitemap as Record<string, unknown>).lastmod;
    expect(lastmod).toBeInstanceOf(JekyllDate);
    expect(String(lastmod)).toBe('2022-06-16');
    expect(second.body).toBe('Text\n');
  });
});

/** Front matter of every shape the splitter must cut the same way from the cache as by parsing. */
function texts(): string[] {
  return [
    '---\ntitle: Hej\n---\nText\n',
    '\uFEFF---\ntitle: Hej\n---\nText\n',
    '---\r\ntitle: Hej\r\n---\r\nText\r\n',
    '--- \ntitle: Hej\n--- \nText\n',
    '---\ntitle: Hej\n---\n---\nText\n',
    '---\ntitle: "a --- b"\nlista:\n  - ett\n---\n\n---\nmer\n',
    '---\ntitle: Utan slut\n',
    '---\n# bara en kommentar\ntitle: x\n---\n',
    '---\n---\nText\n',
    'Bara text\n',
  ];
}

describe('front matter read again from the cache', () => {
  // A file read before is neither split nor parsed again: the cache keeps where its body starts.
  it.each(texts())('gives what parsing gives, for %j', (text) => {
    const store = new Map<string, string>();
    const cache = { get: (k: string) => store.get(k), has: (k: string) => store.has(k), set: (k: string, v: string) => void store.set(k, v) };
    const fresh = parseFrontMatter(text, 'a.md', zone);
    const first = parseFrontMatter(text, 'a.md', zone, cache);
    const again = parseFrontMatter(text, 'a.md', zone, cache);
    expect(again.fromCache).toBe(fresh.hasFrontMatter ? true : undefined);
    // The text listing pages are keyed by is the same whether the front matter was parsed or cached.
    expect(again.frontMatterText).toBe(first.frontMatterText);
    expect({ ...again, fromCache: undefined, frontMatterText: undefined }).toEqual(fresh);
  });

  it('misses when anything in the file changed, the body included', () => {
    const store = new Map<string, string>();
    const cache = { get: (k: string) => store.get(k), has: (k: string) => store.has(k), set: (k: string, v: string) => void store.set(k, v) };
    parseFrontMatter('---\ntitle: Hej\n---\nText\n', 'a.md', zone, cache);
    const edited = parseFrontMatter('---\ntitle: Hej\n---\nNy text\n', 'a.md', zone, cache);
    expect(edited.fromCache).toBeUndefined();
    expect(edited.body).toBe('Ny text\n');
  });
});

describe('a file known by its identity on disk', () => {
  const setup = (text: string) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tryck-identity-'));
    const file = path.join(dir, '2024-01-01-inlagg.md');
    writeFileSync(file, text);
    const store = new Map<string, string>();
    const cache = { get: (k: string) => store.get(k), has: (k: string) => store.has(k), set: (k: string, v: string) => void store.set(k, v) };
    const identity = statSync(file);
    parseFrontMatter(readFileSync(file, 'utf8'), '_posts/2024-01-01-inlagg.md', zone, cache, identity);
    return { dir, file, cache, identity };
  };

  it.each(texts())('is read from the cache as parsing reads it, the body from the file when asked, for %j', (text) => {
    const { dir, file, cache, identity } = setup(text);
    try {
      const unchanged = readUnchangedFile(file, '_posts/2024-01-01-inlagg.md', identity, zone, cache);
      const parsed = parseFrontMatter(text, '_posts/2024-01-01-inlagg.md', zone);
      if (!parsed.hasFrontMatter) return expect(unchanged).toBeUndefined();
      expect(unchanged).toBeDefined();
      expect(unchanged!.data).toEqual(parsed.data);
      expect(unchanged!.bodyLineOffset).toBe(parsed.bodyLineOffset);
      expect(unchanged!.digest).toBe(parsed.digest);
      expect(unchanged!.body).toBe(parsed.body);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is not known once it is written again', () => {
    const { dir, file, cache } = setup('---\ntitle: Hej\n---\nText\n');
    try {
      writeFileSync(file, '---\ntitle: Hej\n---\nTexT\n');
      expect(readUnchangedFile(file, '_posts/2024-01-01-inlagg.md', statSync(file), zone, cache)).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails the build, naming the file, when the file changes between its front matter and its body', () => {
    const { dir, file, cache, identity } = setup('---\ntitle: Hej\n---\nText\n');
    try {
      const unchanged = readUnchangedFile(file, '_posts/2024-01-01-inlagg.md', identity, zone, cache)!;
      writeFileSync(file, '---\ntitle: Hej då\n---\nAnnan text\n');
      expect(() => unchanged.body).toThrow(BuildError);
      expect(() => unchanged.body).toThrow(/changed while the site was being built/);
      try {
        void unchanged.body;
      } catch (error) {
        expect((error as BuildError).file).toBe('_posts/2024-01-01-inlagg.md');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
