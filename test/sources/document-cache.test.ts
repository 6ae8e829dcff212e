/**
 * The document shelf gives a build the documents the last one made from files it has not changed
 * since: exactly as reading them again would make them, and never a stale one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import { GenerationalCache } from '../../src/cache/generational-cache.ts';
import { readSources } from '../../src/sources/read-sources.ts';
import type { SourceDocument } from '../../src/sources/site-sources.ts';
import { write } from '../support/write-file.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Front matter of every kind a document's data can hold: dates and times, lists, defaults, categories from folders. */
function createSite(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'tryck-documents-'));
  dirs.push(root);
  write(
    root,
    '_config.yml',
    'title: Dokument\ntimezone: Europe/Stockholm\npermalink: /:categories/:year/:slug/\n' +
      'defaults:\n  - scope: {path: "", type: posts}\n    values: {layout: post, author: Anna, sitemap: {priority: 0.5}}\n',
  );
  write(root, '_posts/2022-06-16-forsta.md', '---\ntitle: "Första: om journaler"\ntags: ehälsa journal\nsitemap:\n  lastmod: 2022-06-20\n---\nIngress.\n\nText.\n');
  write(root, 'upphandling/_posts/2023-01-02-andra.markdown', '---\ndate: 2023-01-02 08:30:00 +0100\ncategories: [Lag, Rätt]\nextra: {nested: [1, 2.5, null, true]}\nhistory: [2021-05-01, {when: 2022-03-04 10:00:00}]\n---\nAndra.\n');
  write(root, '_posts/2024-02-29-utan-titel.md', '\uFEFF---\npublished: true\n---\nMed byte-order mark.\n');
  write(root, '_drafts/utkast.md', '---\ntitle: Utkast\n---\nEj klart.\n');
  write(root, 'om.md', '---\ntitle: Om\ndate: 2022-01-01\n---\nOm *bloggen*.\n');
  write(root, 'index.html', '---\n---\n{{ site.posts.size }}\n');
  write(root, 'assets/bild.svg', '<svg/>');
  return root;
}

/** Everything about a document that templates, URLs and the caches see, with each date's class and zone. */
function describeDocument(document: SourceDocument): unknown {
  const dates = (value: unknown): unknown => {
    if (value instanceof Date) return `${value.constructor.name}(${value.getTime()},${(value as { timeZone?: string }).timeZone})`;
    if (Array.isArray(value)) return value.map(dates);
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, dates(v)]));
    return value;
  };
  return dates({ ...document, body: document.body, sameDate: document.date === document.data.date });
}

function read(root: string, cache: GenerationalCache, drafts = true) {
  const { config } = loadConfig(root, { drafts });
  let gets = 0;
  const counting = {
    get: (key: string) => {
      const value = cache.get(key);
      if (value !== undefined) gets += 1;
      return value;
    },
    has: (key: string) => cache.has(key),
    set: (key: string, value: string) => cache.set(key, value),
  };
  const sources = readSources(config, { now: new Date(), documentCache: counting });
  cache.nextGeneration();
  return { sources, hits: gets, documents: [...sources.posts, ...sources.pages] };
}

describe('documents kept between builds', () => {
  it('gives back every unchanged document exactly as reading its file made it', () => {
    const root = createSite();
    const cache = new GenerationalCache();
    const fresh = read(root, cache);
    expect(fresh.hits).toBe(0);
    const kept = read(root, cache);
    expect(kept.hits).toBe(fresh.documents.length);
    expect(kept.documents.map(describeDocument)).toEqual(fresh.documents.map(describeDocument));
    const draft = kept.sources.posts.find((post) => post.kind === 'draft')!;
    expect(draft.data.title).toBe('Utkast');
    expect(kept.sources.pages.find((page) => page.url === '/om/')!.body).toBe('Om *bloggen*.\n');
    expect(kept.sources.posts.find((post) => post.relativePath.endsWith('utan-titel.md'))!.body).toBe('Med byte-order mark.\n');
  });

  it('makes an edited file into a document again, and keeps the others', () => {
    const root = createSite();
    const cache = new GenerationalCache();
    const fresh = read(root, cache);
    write(root, '_posts/2022-06-16-forsta.md', '---\ntitle: Ny titel\ntags: [lag]\n---\nNy ingress.\n');
    const edited = read(root, cache);
    expect(edited.hits).toBe(fresh.documents.length - 1);
    const post = edited.sources.posts.find((p) => p.relativePath === '_posts/2022-06-16-forsta.md')!;
    expect(post.data.title).toBe('Ny titel');
    expect(post.data.tags).toEqual(['lag']);
    expect(post.body).toBe('Ny ingress.\n');
  });

  it('starts afresh when the configuration changes what documents are', () => {
    const root = createSite();
    const cache = new GenerationalCache();
    const before = read(root, cache);
    expect(before.sources.posts.map((post) => post.url)).toContain('/upphandling/lag/r%C3%A4tt/2023/andra/');
    write(root, '_config.yml', 'title: Dokument\npermalink: /:year/:month/:day/:title:output_ext\n');
    const after = read(root, cache);
    expect(after.hits).toBe(0);
    expect(after.sources.posts.map((post) => post.url)).toContain('/2022/06/16/forsta.html');
    expect(after.documents.map(describeDocument)).toEqual(read(root, new GenerationalCache()).documents.map(describeDocument));
    expect(after.sources.posts.find((post) => post.url.includes('forsta'))!.data.author).toBeUndefined();
  });

  it('fails the build rather than render a body saved after its document was made', () => {
    const root = createSite();
    const cache = new GenerationalCache();
    read(root, cache);
    const kept = read(root, cache);
    const post = kept.sources.posts.find((p) => p.relativePath === '_posts/2022-06-16-forsta.md')!;
    write(root, post.relativePath, '---\ntitle: Sparad under bygget\n---\nAnnan text.\n');
    expect(() => post.body).toThrow(/changed while the site was being built/);
  });
});
