/**
 * `tryck build` from the command line, on real folders: the blog in this repository, and the
 * failure modes an editor or CI meets (broken front matter, a missing layout or include, a Liquid
 * error), where the exit code must be non-zero, the message must name file and line, and the
 * previous `_site/` must survive untouched.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
const bin = path.join(repoRoot, 'bin/tryck.js');
const scratch: string[] = [];

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

function tryck(args: string[], cwd = repoRoot): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd, env: { ...process.env, TZ: 'UTC' } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as NodeJS.ErrnoException & { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

function tempDir(name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `tryck-cli-${name}-`));
  scratch.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

describe('tryck build on the blog in this repository', () => {
  let out: string;
  let result: RunResult;

  beforeAll(async () => {
    out = path.join(tempDir('blog'), '_site');
    result = await tryck(['build', '--destination', out]);
  });

  it('exits 0 and reports what it built', () => {
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Built .*: \d+ pages, \d+ posts, \d+ static files in \d+ ms/);
  });

  it('writes the seed post at its Jekyll URL with the table of contents kramdown makes', () => {
    const html = readFileSync(path.join(out, '2022/06/16/upphandlingar-av-journalsystem.html'), 'utf8');
    const toc = html.slice(html.indexOf('<ul id="markdown-toc">'));
    const ids = [...toc.slice(0, toc.indexOf('</ul>\n')).matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual(['hur-har-journalsystemen-i-sverige-upphandlats', 'sussa-samverkan', '3r---skåne-stockholm-och-västra-götaland']);
    for (const id of ids) expect(html).toContain(`<h2 id="${id}">`);
    expect(html).toContain('<html lang="sv"');
  });

  it('lists the seed post in sitemap.xml with its lastmod, priority and changefreq', () => {
    const sitemap = readFileSync(path.join(out, 'sitemap.xml'), 'utf8');
    const entry = sitemap.match(/<url>\s*<loc>[^<]*upphandlingar-av-journalsystem\.html<\/loc>[\s\S]*?<\/url>/)?.[0] ?? '';
    expect(entry).toContain('<loc>https://ehalsobloggen.se/2022/06/16/upphandlingar-av-journalsystem.html</loc>');
    expect(entry).toContain('<lastmod>2022-06-16</lastmod>');
    expect(entry).toContain('<priority>0.7</priority>');
    expect(entry).toContain('<changefreq>weekly</changefreq>');
    expect(sitemap).not.toContain('404.html');
  });

  it('shows the excerpt on the home page and nothing after <!--more-->', () => {
    const home = readFileSync(path.join(out, 'index.html'), 'utf8');
    expect(home).toContain('Vissa svenska regioner samarbetar vid upphandling av journalsystem.');
    expect(home).not.toContain('Ungefär hälften av Sveriges regioner');
    expect(home).toContain('16 juni 2022');
  });

  it('lists posts newest first across the paginated article list', () => {
    const pages = [readFileSync(path.join(out, 'index.html'), 'utf8'), readFileSync(path.join(out, 'sida/2/index.html'), 'utf8')];
    const dates = pages.flatMap((html) => [...html.matchAll(/datetime="(\d{4}-\d{2}-\d{2})/g)].map((m) => m[1]));
    expect(dates.length).toBe(7);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it('gives every tag a page with a Swedish-safe slug, linked from the posts', () => {
    const tagPage = readFileSync(path.join(out, 'kategori/foretag.html'), 'utf8');
    expect(tagPage).toContain('Inlägg om Företag');
    expect(tagPage).toContain('/2022/06/16/upphandlingar-av-journalsystem.html');
    const post = readFileSync(path.join(out, '2022/06/16/upphandlingar-av-journalsystem.html'), 'utf8');
    expect(post).toContain('href="/kategori/foretag.html"');
    expect(readFileSync(path.join(out, 'kategorier.html'), 'utf8')).toContain('href="/kategori/journalsystem.html"');
  });

  it('paginates the article list and links the pages both ways', () => {
    const home = readFileSync(path.join(out, 'index.html'), 'utf8');
    const second = readFileSync(path.join(out, 'sida/2/index.html'), 'utf8');
    expect(home).toContain('rel="next" href="/sida/2/"');
    expect(second).toContain('rel="prev" href="/"');
    const onHome = [...home.matchAll(/class="kort-rubrik"><a href="([^"]+)"/g)].map((m) => m[1]);
    const onSecond = [...second.matchAll(/class="kort-rubrik"><a href="([^"]+)"/g)].map((m) => m[1]);
    expect(onHome).toHaveLength(5);
    expect(onSecond.length).toBeGreaterThan(0);
    expect(onHome.filter((url) => onSecond.includes(url))).toEqual([]);
  });

  it('writes an Atom feed with every post, linked from every page', () => {
    const feed = readFileSync(path.join(out, 'feed.xml'), 'utf8');
    expect(feed).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    expect(feed).toContain('https://ehalsobloggen.se/2022/06/16/upphandlingar-av-journalsystem.html');
    expect((feed.match(/<entry>/g) ?? []).length).toBe(7);
    expect(readFileSync(path.join(out, 'om.html'), 'utf8')).toMatch(/<link[^>]+application\/atom\+xml[^>]+feed\.xml/);
  });

  it('copies static files byte for byte and leaves the generator out', () => {
    const svg = 'assets/images/post-assets/samarbeten-upphandlingar.svg';
    expect(readFileSync(path.join(out, svg))).toEqual(readFileSync(path.join(repoRoot, svg)));
    // bin/tryck.js has just made dist/, the bundle: the generator's code is not the blog's.
    expect(existsSync(path.join(repoRoot, 'dist'))).toBe(true);
    for (const excluded of ['package.json', 'src', 'test', 'node_modules', 'README.md', 'bin', 'dist', '.tryck-cache']) {
      expect(existsSync(path.join(out, excluded)), excluded).toBe(false);
    }
  });
});

/** A tiny site, built once so there is a last good `_site/` to protect. */
function makeSite(): { source: string; destination: string } {
  const source = tempDir('site');
  mkdirSync(path.join(source, '_posts'));
  mkdirSync(path.join(source, '_layouts'));
  mkdirSync(path.join(source, '_includes'));
  writeFileSync(path.join(source, '_config.yml'), 'title: Test\nurl: https://example.org\ntimezone: Europe/Stockholm\n');
  writeFileSync(path.join(source, '_layouts/default.html'), '<main>{{ content }}</main>\n');
  writeFileSync(path.join(source, '_includes/hej.html'), 'Hej {{ include.namn }}!');
  writeFileSync(path.join(source, '_posts/2024-01-02-forsta.md'), '---\nlayout: default\ntitle: Första\n---\nText {% include hej.html namn="du" %}\n');
  return { source, destination: path.join(source, '_site') };
}

describe('a failed build', () => {
  const cases: Array<{ name: string; file: string; text: string; expect: RegExp[] }> = [
    {
      name: 'broken YAML front matter',
      file: '_posts/2024-01-03-trasig.md',
      text: '---\ntitle: Del 1: Inledning\nlayout: default\n---\nText\n',
      expect: [/_posts\/2024-01-03-trasig\.md:2:\d+/, /title: Del 1: Inledning/, /quoted/],
    },
    {
      name: 'an unknown layout',
      file: '_posts/2024-01-03-layout.md',
      text: '---\nlayout: artikel\n---\nText\n',
      expect: [/_posts\/2024-01-03-layout\.md/, /Layout 'artikel' does not exist/, /Available layouts: default/],
    },
    {
      name: 'an unknown include',
      file: '_posts/2024-01-03-include.md',
      text: '---\nlayout: default\n---\nRad ett\n\n{% include saknas.html %}\n',
      expect: [/_posts\/2024-01-03-include\.md:6:1/, /Include 'saknas\.html' not found/, /Available includes: hej\.html/],
    },
    {
      name: 'a Liquid syntax error',
      file: '_posts/2024-01-03-liquid.md',
      text: '---\nlayout: default\n---\nRad ett\n{% if page.title %}\nIngen sluttagg\n',
      expect: [/_posts\/2024-01-03-liquid\.md:5:1/, /not closed/],
    },
  ];

  for (const testCase of cases) {
    it(`on ${testCase.name} exits non-zero, names file and line, and keeps the last good _site/`, async () => {
      const { source, destination } = makeSite();
      const first = await tryck(['build', '-s', source, '-d', destination]);
      expect(first.code).toBe(0);
      const goodPage = path.join(destination, '2024/01/02/forsta.html');
      const before = readFileSync(goodPage, 'utf8');
      expect(before).toContain('Hej du!');

      writeFileSync(path.join(source, testCase.file), testCase.text);
      const failed = await tryck(['build', '-s', source, '-d', destination]);
      expect(failed.code).not.toBe(0);
      for (const pattern of testCase.expect) expect(failed.stderr).toMatch(pattern);
      expect(readFileSync(goodPage, 'utf8')).toBe(before);
      // Nothing half-written is left beside the destination either.
      const leftovers = (await import('node:fs')).readdirSync(source).filter((name) => name.includes('tryck-staging'));
      expect(leftovers).toEqual([]);
    });
  }

  it('rejects a destination that would replace the source', async () => {
    const { source } = makeSite();
    const result = await tryck(['build', '-s', source, '-d', source]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/would replace the source/);
    expect(existsSync(path.join(source, '_config.yml'))).toBe(true);
  });

  it('rejects a bad sitemap priority, naming the file', async () => {
    const { source, destination } = makeSite();
    writeFileSync(path.join(source, '_config.yml'), 'title: Test\nurl: https://example.org\nplugins: [jekyll-sitemap]\n');
    writeFileSync(path.join(source, '_posts/2024-01-03-prio.md'), '---\nlayout: default\nsitemap:\n  priority: 7\n---\nText\n');
    const result = await tryck(['build', '-s', source, '-d', destination]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/_posts\/2024-01-03-prio\.md: sitemap\.priority '7' must be a number from 0\.0 to 1\.0/);
  });
});

describe('the command line', () => {
  it('answers an unknown command with usage and exit code 2', async () => {
    const result = await tryck(['bygg']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Unknown command 'bygg'/);
    expect(result.stderr).toMatch(/Usage: tryck/);
  });

  it('creates a new post with the blog front matter that then builds', async () => {
    const { source, destination } = makeSite();
    const created = await tryck(['new', 'Nationell patientöversikt igen', '-s', source]);
    expect(created.code).toBe(0);
    const posts = (await import('node:fs')).readdirSync(path.join(source, '_posts')).filter((f) => f.includes('nationell'));
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatch(/^\d{4}-\d{2}-\d{2}-nationell-patientoversikt-igen\.md$/);
    const text = readFileSync(path.join(source, '_posts', posts[0]), 'utf8');
    expect(text).toContain('title: "Nationell patientöversikt igen"');
    expect(text).toContain('excerpt_separator: <!--more-->');
    // The template includes toc.md; give the tiny site one, then the new post must build.
    writeFileSync(path.join(source, '_includes/toc.md'), '* TOC\n{:toc}\n');
    writeFileSync(path.join(source, '_layouts/post.html'), '---\nlayout: default\n---\n{{ content }}');
    const built = await tryck(['build', '-s', source, '-d', destination, '--future']);
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
  });
});
