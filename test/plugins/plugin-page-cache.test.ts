/**
 * Pages the plugins make or change stay current under the page cache: an archive re-renders when a
 * post it lists changes, a page whose links relative-links rewrote re-renders when the target's URL
 * moves, a title from a heading follows the heading, and a redirect follows its target.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { build } from '../../src/build.ts';
import { readFolder } from '../support/read-folder.ts';
import { write } from '../support/write-file.ts';

const dirs: string[] = [];
const savedEpoch = process.env.SOURCE_DATE_EPOCH;
afterEach(() => {
  if (savedEpoch === undefined) delete process.env.SOURCE_DATE_EPOCH;
  else process.env.SOURCE_DATE_EPOCH = savedEpoch;
});
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function createSite(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'tryck-plugins-'));
  dirs.push(root);
  write(
    root,
    '_config.yml',
    'title: Plugins\nplugins: [jekyll-archives, jekyll-relative-links, jekyll-titles-from-headings, jekyll-redirect-from, jekyll-optional-front-matter]\n' +
      'jekyll-archives:\n  enabled: [tags]\ndefaults:\n  - scope: {type: pages}\n    values: {layout: default}\n',
  );
  write(root, '_layouts/archive.html', '---\n---\n<h1>{{ page.title }}</h1>{% for post in page.posts %}<p>{{ post.title }}</p>{% endfor %}\n');
  write(root, '_layouts/default.html', '<title>{{ page.title }}</title>{{ content }}\n');
  write(root, 'index.md', '---\nlayout: default\n---\n# Start\n\nLäs [guiden](guide.md).\n');
  write(root, 'guide.md', '---\nlayout: default\nredirect_from: /gammal-guide/\n---\n# Guiden\n');
  write(root, 'utan-front-matter.md', '# Utan front matter\n\nTill [start](index.md).\n');
  write(root, '_posts/2025-03-01-forsta.md', '---\ntitle: Första\ntags: [journal]\n---\nText.\n');
  write(root, '_posts/2025-03-02-andra.md', '---\ntitle: Andra\ntags: [journal]\n---\nText.\n');
  return root;
}

async function buildSite(root: string): Promise<Map<string, string>> {
  process.env.SOURCE_DATE_EPOCH = '1750000000';
  await build({ source: root, destination: path.join(root, '_site') });
  return readFolder(path.join(root, '_site'));
}

async function buildUncached(root: string): Promise<Map<string, string>> {
  const destination = path.join(root, '_uncached');
  rmSync(destination, { recursive: true, force: true });
  await build({ source: root, destination, cache: false });
  return readFolder(destination);
}

describe('plugin pages under the page cache', () => {
  it('carries every plugin page over when nothing changed', async () => {
    const root = createSite();
    await buildSite(root);
    process.env.SOURCE_DATE_EPOCH = '1750000000';
    const again = await build({ source: root, destination: path.join(root, '_site') });
    expect(again.pageCache?.rendered).toBe(0);
  });

  it("re-renders a tag archive when a post's title changes", async () => {
    const root = createSite();
    await buildSite(root);
    write(root, '_posts/2025-03-01-forsta.md', '---\ntitle: Första, omskriven\ntags: [journal]\n---\nText.\n');
    const site = await buildSite(root);
    expect(site.get('tag/journal/index.html')).toContain('Första, omskriven');
    expect(site).toEqual(await buildUncached(root));
  });

  it('re-renders a page whose relative link points at a page that moved, and the redirect to it', async () => {
    const root = createSite();
    await buildSite(root);
    write(root, 'guide.md', '---\nlayout: default\npermalink: /handbok/\nredirect_from: /gammal-guide/\n---\n# Guiden\n');
    const site = await buildSite(root);
    expect(site.get('index.html')).toContain('href="/handbok/"');
    expect(site.get('gammal-guide/index.html')).toContain('/handbok/');
    expect(site).toEqual(await buildUncached(root));
  });

  it('follows a heading that changed into the title', async () => {
    const root = createSite();
    await buildSite(root);
    write(root, 'utan-front-matter.md', '# Ny rubrik\n\nTill [start](index.md).\n');
    const site = await buildSite(root);
    expect(site.get('utan-front-matter.html')).toContain('<title>Ny rubrik</title>');
    expect(site).toEqual(await buildUncached(root));
  });
});
