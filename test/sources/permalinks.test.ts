import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import { readSources } from '../../src/sources/read-sources.ts';
import { createEntryFilter } from '../../src/sources/entry-filter.ts';
import { resolveDefaults } from '../../src/sources/front-matter-defaults.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function site(files: Record<string, string>, config = ''): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tryck-sources-'));
  dirs.push(dir);
  writeFileSync(path.join(dir, '_config.yml'), config);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

function urls(dir: string, now = new Date('2026-01-01T00:00:00Z')): Record<string, string> {
  const { config } = loadConfig(dir);
  const sources = readSources(config, { now });
  return Object.fromEntries([...sources.posts, ...sources.pages].map((d) => [d.relativePath, d.url]));
}

describe('URLs as Jekyll 4.3 makes them', () => {
  it('uses the date style by default, categories first, slug kept with its case, å escaped', () => {
    const dir = site({
      '_posts/2022-06-16-upphandlingar-av-journalsystem.markdown': '---\n---\n',
      '_posts/2023-01-15-Hej Världen.md': '---\n---\n',
      '_posts/2023-02-01-kategori.md': '---\ncategories: Nyheter Sverige\n---\n',
      'om.md': '---\n---\n',
      'blogg/index.md': '---\n---\n',
    });
    expect(urls(dir)).toEqual({
      '_posts/2022-06-16-upphandlingar-av-journalsystem.markdown': '/2022/06/16/upphandlingar-av-journalsystem.html',
      '_posts/2023-01-15-Hej Världen.md': '/2023/01/15/Hej-V%C3%A4rlden.html',
      '_posts/2023-02-01-kategori.md': '/nyheter/sverige/2023/02/01/kategori.html',
      'om.md': '/om.html',
      'blogg/index.md': '/blogg/',
    });
  });

  it('takes the day from a front matter date in the site zone, and skips future and unpublished posts', () => {
    const dir = site({
      '_posts/2023-03-01-sen.md': '---\ndate: 2023-03-01 23:30:00 +0000\n---\n',
      '_posts/2030-01-01-framtid.md': '---\n---\n',
      '_posts/2023-01-01-utkast.md': '---\npublished: false\n---\n',
    }, 'timezone: Europe/Stockholm\n');
    expect(urls(dir)).toEqual({ '_posts/2023-03-01-sen.md': '/2023/03/02/sen.html' });
  });

  it('honours permalink: pretty and a post permalink with placeholders', () => {
    const dir = site(
      { '_posts/2023-04-05-a.md': '---\npermalink: /artiklar/:year/:title/\n---\n', 'om.md': '---\n---\n' },
      'permalink: pretty\n',
    );
    expect(urls(dir)).toEqual({ '_posts/2023-04-05-a.md': '/artiklar/2023/a/', 'om.md': '/om/' });
  });
});

describe('which files are read', () => {
  it('skips _, ., # and ~ names and exclude patterns (a prefix match, as Jekyll), unless included', () => {
    const filter = createEntryFilter({ include: ['.htaccess'], exclude: ['src', 'node_modules'] });
    expect(filter.accepts('_drafts', true)).toBe(false);
    expect(filter.accepts('.git', true)).toBe(false);
    expect(filter.accepts('notes.md~', false)).toBe(false);
    expect(filter.accepts('.htaccess', false)).toBe(true);
    expect(filter.accepts('src', true)).toBe(false);
    expect(filter.accepts('srcset.md', false)).toBe(false);
    expect(filter.accepts('assets/site.css', false)).toBe(true);
  });

  it('applies defaults by path and type, the more specific scope winning', () => {
    const defaults = [
      { scope: { path: '' }, values: { layout: 'default', author: 'Alla' } },
      { scope: { path: '', type: 'posts' }, values: { layout: 'post' } },
      { scope: { path: 'blogg' }, values: { author: 'Blogg' } },
    ];
    expect(resolveDefaults(defaults, '_posts/2022-01-01-a.md', 'posts')).toEqual({ layout: 'post', author: 'Alla' });
    expect(resolveDefaults(defaults, 'blogg/om.md', 'pages')).toEqual({ layout: 'default', author: 'Blogg' });
  });
});
