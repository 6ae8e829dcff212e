/**
 * Posts' layouts are rendered while the workers still convert later posts. A layout that reads
 * another post's content or excerpt, or a page's content, must still see it converted, as when all
 * Markdown was converted before any layout, whichever thread converted it and whenever.
 */
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.ts';
import { generateCorpus } from '../../src/bench/generate-corpus.ts';
import { readFolder } from '../support/read-folder.ts';

const repoRoot = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

// Every tenth post reads its newer neighbour, the newest post and the home page: some of them are
// rendered before those are converted.
const READS_OTHERS = `
{%- assign nummer = page.title | size | modulo: 10 %}
{%- if nummer == 0 %}
<aside class="grannar">
<div class="nyare">{{ page.next.excerpt }}</div>
<div class="nyast">{{ site.posts.first.content | slice: 0, 4 }}</div>
{%- assign hem = site.pages | where: "url", "/" | first %}
<div class="hem">{% if hem.content contains "{%" %}Liquid kvar{% else %}färdig{% endif %}</div>
</aside>
{%- endif %}
`;

const SHOWS_POST_CONTENT = `---
title: Senaste
---
<div class="senaste">{% for post in site.posts limit: 3 %}{{ post.content | slice: 0, 3 }}|{{ post.excerpt | slice: 0, 3 }}|{% endfor %}</div>
`;

const SHOWS_PAGE_CONTENT = `---
title: Om senaste
---
{% assign senaste = site.pages | where: "url", "/a-senaste.html" | first -%}
<div class="om">{{ senaste.content | strip | slice: 0, 24 | escape }}</div>
`;

describe('layouts that read other documents', () => {
  it('see their content converted, with workers and without, and the site is the same both ways', async () => {
    const source = mkdtempSync(path.join(tmpdir(), 'tryck-layout-reads-'));
    dirs.push(source);
    const manifest = generateCorpus(source, { posts: 200, blogRoot: repoRoot });
    appendFileSync(path.join(source, '_layouts', 'post.html'), READS_OTHERS);
    // A page that lists posts' content, and one after it that shows the first page's content.
    writeFileSync(path.join(source, 'a-senaste.html'), SHOWS_POST_CONTENT);
    writeFileSync(path.join(source, 'b-om-senaste.html'), SHOWS_PAGE_CONTENT);
    const env = process.env.SOURCE_DATE_EPOCH;
    process.env.SOURCE_DATE_EPOCH = '1764000000';
    try {
      await build({ source, destination: path.join(source, '_parallel'), cache: false, workers: true });
      await build({ source, destination: path.join(source, '_serial'), cache: false, workers: false });
    } finally {
      if (env === undefined) delete process.env.SOURCE_DATE_EPOCH;
      else process.env.SOURCE_DATE_EPOCH = env;
    }
    const parallel = readFolder(path.join(source, '_parallel'));
    expect(parallel).toEqual(readFolder(path.join(source, '_serial')));

    const asides = manifest.posts
      .map((post) => readFileSync(path.join(source, '_parallel', post.outputPath), 'utf8'))
      .map((html) => /<aside class="grannar">([\s\S]*?)<\/aside>/.exec(html)?.[1])
      .filter((aside): aside is string => aside !== undefined);
    expect(asides.length).toBeGreaterThan(5);
    for (const aside of asides) {
      expect(aside).toContain('<div class="hem">färdig</div>');
      // The newest post's content starts with its converted first paragraph, not Markdown.
      expect(aside).toContain('<div class="nyast"><p>');
    }
    // Pages' Liquid sees every post converted, and the pages before it.
    expect(readFileSync(path.join(source, '_parallel', 'a-senaste.html'), 'utf8')).toContain('<div class="senaste"><p>|<p>|<p>|<p>|<p>|<p>|</div>');
    expect(readFileSync(path.join(source, '_parallel', 'b-om-senaste.html'), 'utf8')).toContain('<div class="om">&lt;div class=&quot;senaste&quot;&gt;&lt;p&gt;</div>');
    // The newest post has no newer neighbour; the others show its converted excerpt.
    expect(asides.filter((aside) => aside.includes('<div class="nyare"><p>')).length).toBeGreaterThanOrEqual(asides.length - 1);
  }, 120_000);
});
