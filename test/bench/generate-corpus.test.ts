/**
 * The benchmark corpus: the same seed gives the same bytes, the size changes with N, the posts look
 * like the blog's seed post, every tag has a page, and tryck and Eleventy build every post page (with
 * its table of contents) and every tag page (listing that tag's posts, newest first).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.ts';
import { countOutputs } from '../../src/bench/count-outputs.ts';
import { generateCorpus, planPosts, renderPost, type CorpusManifest } from '../../src/bench/generate-corpus.ts';
import { eleventy } from '../../src/bench/tools.ts';

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
    const postFiles = (dir: string): string[] => readdirSync(path.join(scratch, dir, '_posts')).filter((name) => name.endsWith('.markdown'));
    expect(postFiles('n5')).toHaveLength(5);
    expect(postFiles('n40')).toHaveLength(40);
    expect(small.expectedPages).toHaveLength(1 + small.tagPages.length + 5);
    expect(large.expectedPages).toHaveLength(1 + large.tagPages.length + 40);
    expect(new Set(large.expectedPages).size).toBe(large.expectedPages.length);
    expect(large.expectedPages).toEqual(expect.arrayContaining(['index.html', 'kategori/foretag.html', 'kategori/sakerhet.html']));
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

/** Each written post's tags (Jekyll splits the value on spaces) and date, read back from its front matter. */
function writtenPosts(corpus: string, manifest: CorpusManifest): { outputPath: string; tags: string[]; date: string }[] {
  return manifest.posts.map((post) => {
    const text = readFileSync(path.join(corpus, post.file), 'utf8');
    return {
      outputPath: post.outputPath,
      tags: /^tags: (.*)$/m.exec(text)![1].split(' '),
      date: /^date: (.*)$/m.exec(text)![1],
    };
  });
}

/** The posts a built tag page lists, in order: the links of its cards' headings. */
function listedPosts(html: string): string[] {
  return [...html.matchAll(/class="kort-rubrik"><a href="\/([^"]+)"/g)].map((m) => m[1]);
}

describe('tag pages', () => {
  it('writes one page per distinct tag, named as the post layout links to it, listing its posts newest first', () => {
    const corpus = path.join(scratch, 'tags');
    const manifest = generateCorpus(corpus, { posts: 60, blogRoot: repoRoot });
    const posts = writtenPosts(corpus, manifest);
    const tags = [...new Set(posts.flatMap((post) => post.tags))];
    expect(tags.length).toBeGreaterThan(5);
    expect(tags).toContain('Säkerhet');

    const files = readdirSync(path.join(corpus, 'kategori')).filter((name) => name.endsWith('.html')).sort();
    expect(files).toHaveLength(tags.length);
    expect(files).toContain('sakerhet.html'); // slugify: 'latin', as _layouts/post.html links: å ä ö lose their dots
    expect(files).toContain('foretag.html');
    expect(manifest.tagPages.map((page) => page.file).sort()).toEqual(files.map((name) => `kategori/${name}`));

    for (const page of manifest.tagPages) {
      const text = readFileSync(path.join(corpus, page.file), 'utf8');
      expect(text).toContain('\nlayout: tag\n');
      expect(text).toContain(`\ntag: "${page.tag}"\n`);
      const expected = posts
        .filter((post) => post.tags.includes(page.tag))
        .sort((a, b) => (a.date < b.date ? 1 : -1))
        .map((post) => post.outputPath);
      expect(page.posts, page.tag).toEqual(expected);
    }
    expect(manifest.tagPages.reduce((sum, page) => sum + page.posts.length, 0)).toBe(posts.reduce((sum, post) => sum + post.tags.length, 0));
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
    expect(count.present).toBe(1 + manifest.tagPages.length + 20);
    for (const post of manifest.posts) {
      const html = readFileSync(path.join(destination, post.outputPath), 'utf8');
      expect(html, post.outputPath).toContain('id="markdown-toc"');
      expect(html).toContain('<table>');
    }
    const home = readFileSync(path.join(destination, 'index.html'), 'utf8');
    for (const post of manifest.posts) expect(home).toContain(`href="/${post.outputPath}"`);
  });

  it('writes every tag page, listing that tag’s posts newest first, and the posts’ tag links reach them', async () => {
    const corpus = path.join(scratch, 'built-tags');
    const manifest = generateCorpus(corpus, { posts: 30, blogRoot: repoRoot });
    const destination = path.join(scratch, 'built-tags-site');
    await build({ source: corpus, destination });
    expect(countOutputs(destination, manifest.expectedPages).missing).toEqual([]);
    for (const page of manifest.tagPages) {
      const html = readFileSync(path.join(destination, page.outputPath), 'utf8');
      expect(html).toContain(`<h1 id="tagg-rubrik">Inlägg om ${page.tag}</h1>`);
      expect(listedPosts(html), page.tag).toEqual(page.posts);
    }
    expectTagLinksResolve(destination, manifest);
  });
});

function expectTagLinksResolve(destination: string, manifest: CorpusManifest): void {
  for (const post of manifest.posts) {
    const html = readFileSync(path.join(destination, post.outputPath), 'utf8');
    const links = [...html.matchAll(/href="\/(kategori\/[^"]+)"/g)].map((m) => m[1]);
    expect(links.length, post.outputPath).toBe(post.tags.length);
    for (const link of links) expect(existsSync(path.join(destination, link)), `${post.outputPath} → ${link}`).toBe(true);
  }
}

/** A post page's links to the older and newer post. */
function neighbourLinks(html: string): string {
  return /<nav class="blader"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
}

describe('Eleventy builds the corpus', () => {
  it('writes the same pages as tryck: posts with layout, table of contents and neighbours at Jekyll’s URLs, and tag pages listing the same posts', async () => {
    const corpus = path.join(scratch, 'eleventy');
    const manifest = generateCorpus(corpus, { posts: 30, blogRoot: repoRoot });
    const destination = path.join(scratch, 'eleventy-site');
    const spec = eleventy.build(corpus, destination);
    const run = spawnSync(spec.command, spec.args, { cwd: spec.cwd, encoding: 'utf8', timeout: 120_000 });
    expect(run.status, run.stderr).toBe(0);
    const tryckSite = path.join(scratch, 'eleventy-tryck-site');
    await build({ source: corpus, destination: tryckSite });

    expect(countOutputs(destination, manifest.expectedPages).missing).toEqual([]);
    for (const post of manifest.posts) {
      const html = readFileSync(path.join(destination, post.outputPath), 'utf8');
      expect(html, post.outputPath).toContain('<article class="inlagg">');
      expect(html).toContain(`<h1>${post.title}</h1>`);
      expect(html).toContain('Innehåll'); // the toc.md include
      const neighbours = neighbourLinks(html);
      expect(neighbours, post.outputPath).toMatch(/Äldre inlägg|Nyare inlägg/);
      expect(neighbours).toBe(neighbourLinks(readFileSync(path.join(tryckSite, post.outputPath), 'utf8')));
    }
    for (const page of manifest.tagPages) {
      const html = readFileSync(path.join(destination, page.outputPath), 'utf8');
      expect(html).toContain(`<title>${page.tag} | eHälsobloggen</title>`);
      expect(listedPosts(html), page.tag).toEqual(page.posts);
      // Each card's excerpt is HTML, as Jekyll renders it, not the Markdown source.
      expect(html).toMatch(/<div class="utdrag">\s*<p>/);
      expect(html).not.toMatch(/<div class="utdrag">[^<]*\*\*/);
    }
    expectTagLinksResolve(destination, manifest);
    // The Eleventy-only files stay out of Jekyll's and tryck's way, and out of Eleventy's output.
    expect(readdirSync(path.join(destination, 'kategori')).filter((name) => !name.endsWith('.html'))).toEqual([]);
  });
});
