/**
 * The benchmark corpus: the same seed gives the same bytes, the size changes with N, the posts look
 * like the blog's seed post, and tryck builds every post page with its table of contents.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.ts';
import { countOutputs } from '../../src/bench/count-outputs.ts';
import { generateCorpus, planPosts, renderPost } from '../../src/bench/generate-corpus.ts';

const repoRoot = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
const scratch = mkdtempSync(path.join(tmpdir(), 'tryck-bench-test-'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function filesOf(dir: string, prefix = ''): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? filesOf(full, `${prefix}${name}/`) : [`${prefix}${name}`];
    });
}

describe('generateCorpus', () => {
  it('writes byte-identical corpora for the same seed and size', () => {
    const a = path.join(scratch, 'a');
    const b = path.join(scratch, 'b');
    generateCorpus(a, { posts: 30, blogRoot: repoRoot });
    generateCorpus(b, { posts: 30, blogRoot: repoRoot });
    const files = filesOf(a);
    expect(filesOf(b)).toEqual(files);
    for (const file of files) expect(readFileSync(path.join(b, file)).equals(readFileSync(path.join(a, file))), file).toBe(true);
  });

  it('changes with the seed, and N sets the number of posts', () => {
    expect(renderPost(planPosts(10, 1), 3, { seed: 1 })).not.toBe(renderPost(planPosts(10, 2), 3, { seed: 2 }));
    const small = generateCorpus(path.join(scratch, 'n5'), { posts: 5, blogRoot: repoRoot });
    const large = generateCorpus(path.join(scratch, 'n40'), { posts: 40, blogRoot: repoRoot });
    expect(readdirSync(path.join(scratch, 'n5/_posts'))).toHaveLength(5);
    expect(readdirSync(path.join(scratch, 'n40/_posts'))).toHaveLength(40);
    expect(small.expectedPages).toHaveLength(6);
    expect(large.expectedPages).toHaveLength(41);
    expect(new Set(large.expectedPages).size).toBe(41);
    expect(large.markdownBytes / 40).toBeGreaterThan(5500);
    expect(large.markdownBytes / 40).toBeLessThan(7500);
  });

  it('shapes posts like the seed post', () => {
    const posts = planPosts(50);
    const text = renderPost(posts, 7);
    for (const key of ['layout: post', 'title:', 'description:', 'date:', 'tags:', 'tags_extra:', 'author:', 'image:', 'video: false', 'sitemap:', '  lastmod:', '  priority:', "  changefreq: 'weekly'", 'excerpt_separator: <!--more-->', 'karta: false', 'chart: false', 'cc: false']) {
      expect(text).toContain(`\n${key}`);
    }
    expect(text).toMatch(/\ndate: \d{4}-\d\d-\d\d \d\d:\d\d:00 \+0100\n/);
    expect(text).toContain('\n<!--more-->\n\n{% include toc.md %}\n');
    const headings = text.match(/^## /gm) ?? [];
    expect(headings.length).toBeGreaterThanOrEqual(4);
    expect(headings.length).toBeLessThanOrEqual(8);
    expect(text).toMatch(/\*\*[^*]+\*\*/);
    expect(text).toMatch(/\]\(\/\d{4}\/\d\d\/\d\d\/[a-z0-9-]+\.html\)/);
    expect(text).toMatch(/^- /m);
    expect(text).toMatch(/^\|-+\|/m);
    expect(text).toMatch(/^!\[[^\]]+\]\(\/assets\/images\/post-assets\/[^)]+\)\n_[^_]+\._$/m);
    expect(text).toMatch(/[åäö]/);
  });
});

describe('tryck builds the corpus', () => {
  it('writes every post page, each with its table of contents', async () => {
    const corpus = path.join(scratch, 'built');
    const manifest = generateCorpus(corpus, { posts: 20, blogRoot: repoRoot });
    const destination = path.join(scratch, 'built-site');
    const summary = await build({ source: corpus, destination });
    expect(summary.posts).toBe(20);
    const count = countOutputs(destination, manifest.expectedPages);
    expect(count.missing).toEqual([]);
    expect(count.present).toBe(21);
    for (const post of manifest.posts) {
      const html = readFileSync(path.join(destination, post.outputPath), 'utf8');
      expect(html, post.outputPath).toContain('id="markdown-toc"');
      expect(html).toContain('<table>');
    }
    const home = readFileSync(path.join(destination, 'index.html'), 'utf8');
    for (const post of manifest.posts) expect(home).toContain(`href="/${post.outputPath}"`);
  });
});
