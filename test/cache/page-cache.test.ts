/**
 * The page cache carries unchanged pages over from the last build's _site/, and never a stale one:
 * an edited post re-renders that post, its neighbours and the pages that list it; a page that shows
 * the year re-renders when the year turns; a hand-edited output file is replaced; a failed build
 * leaves the old site as it was.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { build, CACHE_DIR } from '../../src/build.ts';
import { readFolder } from '../support/read-folder.ts';
import { write } from '../support/write-file.ts';

const dirs: string[] = [];
const savedEpoch = process.env.SOURCE_DATE_EPOCH;
afterEach(() => {
  if (savedEpoch === undefined) delete process.env.SOURCE_DATE_EPOCH;
  else process.env.SOURCE_DATE_EPOCH = savedEpoch;
});
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const YEAR_2025 = String(Date.UTC(2025, 5, 1) / 1000);
const LATER_2025 = String(Date.UTC(2025, 8, 1) / 1000);
const YEAR_2026 = String(Date.UTC(2026, 1, 1) / 1000);

/** Five posts, a home page that lists them, a plain page, and a footer with the year. */
function createSite(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'tryck-pages-'));
  dirs.push(root);
  write(root, '_config.yml', 'title: Sidcache\nurl: https://example.se\nplugins: [jekyll-feed]\n');
  write(root, '_layouts/default.html', '<main>{{ content }}</main><footer>© {{ site.time | date: "%Y" }} {{ site.title }}</footer>\n');
  write(
    root,
    '_layouts/post.html',
    '---\nlayout: default\n---\n<h1>{{ page.title }}</h1>{{ content }}' +
      '{% if page.previous %}<a rel="prev" href="{{ page.previous.url }}">{{ page.previous.title }}</a>{% endif %}' +
      '{% if page.next %}<a rel="next" href="{{ page.next.url }}">{{ page.next.title }}</a>{% endif %}\n',
  );
  write(root, 'index.html', '---\nlayout: default\n---\n{% for post in site.posts %}<article>{{ post.title }}: {{ post.excerpt }}</article>{% endfor %}\n');
  write(root, 'om.md', '---\nlayout: default\ntitle: Om\n---\nOm *bloggen*.\n');
  for (let day = 1; day <= 5; day++) {
    write(root, `_posts/2025-03-0${day}-inlagg-${day}.md`, `---\nlayout: post\ntitle: Inlägg ${day}\n---\nIngress ${day}.\n\nBrödtext ${day}.\n`);
  }
  return root;
}

const snapshot = (dir: string): Map<string, string> => readFolder(dir);

const postPage = (day: number): string => `2025/03/0${day}/inlagg-${day}.html`;

async function buildAt(root: string, epoch: string, destination = path.join(root, '_site')) {
  process.env.SOURCE_DATE_EPOCH = epoch;
  return build({ source: root, destination });
}

/** The site as a build without any cache makes it. */
async function uncached(root: string, epoch: string): Promise<Map<string, string>> {
  process.env.SOURCE_DATE_EPOCH = epoch;
  const destination = path.join(root, '_uncached');
  rmSync(destination, { recursive: true, force: true });
  await build({ source: root, destination, cache: false });
  return snapshot(destination);
}

describe('the page cache', () => {
  it('carries every page over when nothing changed, with the same bytes as an uncached build', async () => {
    const root = createSite();
    const cold = await buildAt(root, YEAR_2025);
    expect(cold.pageCache).toEqual({ reused: 0, rendered: 7 });
    const warm = await buildAt(root, LATER_2025);
    expect(warm.pageCache).toEqual({ reused: 7, rendered: 0 });
    expect(snapshot(path.join(root, '_site'))).toEqual(await uncached(root, LATER_2025));
  });

  it('writes no file again when nothing changed, in the cache or the site, and only some record shards when a post did', async () => {
    const root = createSite();
    await buildAt(root, YEAR_2025);
    // A folder listed within RACY_MS of its last change is listed again by the next build (its
    // record rewritten): wait past that, so the second build's listings are trusted by the third.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await buildAt(root, YEAR_2025);
    const cacheDir = path.join(root, CACHE_DIR);
    const times = (): Map<string, number> => new Map(readdirSync(cacheDir).map((name) => [name, statSync(path.join(cacheDir, name)).mtimeMs]));
    // Every file and folder of the site, with its inode and mtime: a rewritten feed would show.
    const site = path.join(root, '_site');
    const siteFiles = (): Map<string, string> =>
      new Map(['', ...readdirSync(site, { recursive: true, encoding: 'utf8' })].map((name) => [name, `${statSync(path.join(site, name)).ino} ${statSync(path.join(site, name)).mtimeMs}`]));
    const before = times();
    const siteBefore = siteFiles();
    expect(siteBefore.has('feed.xml')).toBe(true);
    expect((await buildAt(root, YEAR_2025)).pageCache).toEqual({ reused: 7, rendered: 0 });
    expect(times()).toEqual(before);
    expect(siteFiles()).toEqual(siteBefore);
    write(root, '_posts/2025-03-03-inlagg-3.md', '---\nlayout: post\ntitle: Inlägg 3\n---\nIngress 3.\n\nBrödtext 3, ändrad.\n');
    await buildAt(root, YEAR_2025);
    const after = times();
    const records = [...after.keys()].filter((name) => name.startsWith('pages-'));
    const rewritten = records.filter((name) => after.get(name) !== before.get(name));
    expect(rewritten.length).toBeGreaterThan(0);
    expect(rewritten.length).toBeLessThan(records.length);
  });

  it('re-renders an edited post, its neighbours and the pages that list it, and nothing else', async () => {
    const root = createSite();
    await buildAt(root, YEAR_2025);
    const before = snapshot(path.join(root, '_site'));
    write(root, '_posts/2025-03-03-inlagg-3.md', '---\nlayout: post\ntitle: Inlägg tre, omskrivet\n---\nNy ingress.\n\nBrödtext 3.\n');
    const edited = await buildAt(root, YEAR_2025);
    // The post, the two posts that link to it, and the home page.
    expect(edited.pageCache).toEqual({ reused: 3, rendered: 4 });
    const after = snapshot(path.join(root, '_site'));
    expect(after).toEqual(await uncached(root, YEAR_2025));
    expect(after.get(postPage(2))).toContain('Inlägg tre, omskrivet');
    expect(after.get(postPage(4))).toContain('Inlägg tre, omskrivet');
    expect(after.get('index.html')).toContain('Ny ingress.');
    expect(after.get('feed.xml')).toContain('Inlägg tre, omskrivet');
    expect(after.get(postPage(1))).toBe(before.get(postPage(1)));
  });

  it('carries a listing page over when a post changed only below its excerpt', async () => {
    const root = createSite();
    write(root, 'taggar/alla.html', '---\n---\n{% for post in site.tags.vard %}<p>{{ post.title }}: {{ post.excerpt }}</p>{% endfor %}\n');
    write(root, '_posts/2025-03-03-inlagg-3.md', '---\nlayout: post\ntitle: Inlägg 3\ntags: vard\n---\nIngress 3.\n\nBrödtext 3.\n');
    await buildAt(root, YEAR_2025);
    const before = snapshot(path.join(root, '_site'));
    write(root, '_posts/2025-03-03-inlagg-3.md', '---\nlayout: post\ntitle: Inlägg 3\ntags: vard\n---\nIngress 3.\n\nBrödtext 3, omskriven.\n');
    const edited = await buildAt(root, YEAR_2025);
    // The post and its two neighbours; the home page and the tag page show only titles and excerpts.
    expect(edited.pageCache).toEqual({ reused: 5, rendered: 3 });
    const after = snapshot(path.join(root, '_site'));
    expect(after.get(postPage(3))).toContain('Brödtext 3, omskriven.');
    expect(after.get('index.html')).toBe(before.get('index.html'));
    expect(after).toEqual(await uncached(root, YEAR_2025));
    // Nothing changed since: everything is carried over, the listings by their ordinary keys again.
    expect((await buildAt(root, YEAR_2025)).pageCache).toEqual({ reused: 8, rendered: 0 });
    // The excerpt changes: the listings are rendered again and show it.
    write(root, '_posts/2025-03-03-inlagg-3.md', '---\nlayout: post\ntitle: Inlägg 3\ntags: vard\n---\nNy ingress 3.\n\nBrödtext 3, omskriven.\n');
    expect((await buildAt(root, YEAR_2025)).pageCache).toEqual({ reused: 3, rendered: 5 });
    const last = snapshot(path.join(root, '_site'));
    expect(last.get('taggar/alla.html')).toContain('Ny ingress 3.');
    expect(last).toEqual(await uncached(root, YEAR_2025));
    // Only the front matter changes: so do the listings.
    write(root, '_posts/2025-03-03-inlagg-3.md', '---\nlayout: post\ntitle: Tredje inlägget\ntags: vard\n---\nNy ingress 3.\n\nBrödtext 3, omskriven.\n');
    await buildAt(root, YEAR_2025);
    const renamed = snapshot(path.join(root, '_site'));
    expect(renamed.get('index.html')).toContain('Tredje inlägget');
    expect(renamed.get('taggar/alla.html')).toContain('Tredje inlägget');
    expect(renamed).toEqual(await uncached(root, YEAR_2025));
  });

  it("renders a listing again when a post's body changes and the listing shows content, its own or another page's", async () => {
    const root = createSite();
    write(root, 'innehall.html', '---\n---\n{% for post in site.posts %}<section>{{ post.content }}</section>{% endfor %}\n');
    // A page that shows the page above, which shows the posts' content.
    write(root, 'zz-sammandrag.html', '---\n---\n{% for page in site.pages %}{% if page.url == "/innehall.html" %}{{ page.content }}{% endif %}{% endfor %}\n');
    await buildAt(root, YEAR_2025);
    write(root, '_posts/2025-03-03-inlagg-3.md', '---\nlayout: post\ntitle: Inlägg 3\n---\nIngress 3.\n\nBrödtext 3, omskriven.\n');
    await buildAt(root, YEAR_2025);
    const after = snapshot(path.join(root, '_site'));
    expect(after.get('innehall.html')).toContain('Brödtext 3, omskriven.');
    expect(after.get('zz-sammandrag.html')).toContain('Brödtext 3, omskriven.');
    expect(after).toEqual(await uncached(root, YEAR_2025));
  });

  it("gives a page that is rendered again the content of an HTML page that was carried over, and renders that page again once its content is gone", async () => {
    const root = createSite();
    write(root, 'kontakt.html', '---\n---\n<address>Kontakta {{ site.title }}</address>\n');
    write(root, 'zz-sidor.html', '---\n---\n{% for page in site.pages %}{% if page.url == "/kontakt.html" %}{{ page.content }}{% endif %}{% endfor %} {{ site.posts.size }} inlägg\n');
    await buildAt(root, YEAR_2025);
    write(root, '_posts/2025-03-06-inlagg-6.md', '---\nlayout: post\ntitle: Inlägg 6\n---\nIngress 6.\n');
    const added = await buildAt(root, YEAR_2025);
    // The new post, its neighbour, the home page and the page of pages; the contact page is carried over.
    expect(added.pageCache).toEqual({ reused: 6, rendered: 4 });
    const after = snapshot(path.join(root, '_site'));
    expect(after.get('zz-sidor.html')).toContain('<address>Kontakta Sidcache</address>\n 6 inlägg');
    expect(after).toEqual(await uncached(root, YEAR_2025));
    for (const name of readdirSync(path.join(root, CACHE_DIR))) if (name.startsWith('page-contents-')) writeFileSync(path.join(root, CACHE_DIR, name), 'skräp');
    const again = await buildAt(root, YEAR_2025);
    // The pages whose content is lost are rendered again; the posts' content is in the Markdown cache.
    expect(again.pageCache!.rendered).toBeGreaterThan(0);
    expect(snapshot(path.join(root, '_site'))).toEqual(await uncached(root, YEAR_2025));
  });

  it('keeps the copies of unchanged static files, and copies a file again when it or its copy changed', async () => {
    const root = createSite();
    write(root, 'assets/logo.svg', '<svg>1</svg>');
    write(root, 'assets/foto.txt', 'ett foto');
    await buildAt(root, YEAR_2025);
    const copy = (name: string): string => path.join(root, '_site/assets', name);
    const inode = (name: string): number => statSync(copy(name)).ino;
    const before = { logo: inode('logo.svg'), foto: inode('foto.txt') };
    await buildAt(root, YEAR_2025);
    // Not copied again: the very same files.
    expect({ logo: inode('logo.svg'), foto: inode('foto.txt') }).toEqual(before);

    write(root, 'assets/logo.svg', '<svg>2</svg>');
    writeFileSync(copy('foto.txt'), 'ändrat för hand');
    await buildAt(root, YEAR_2025);
    expect(readFileSync(copy('logo.svg'), 'utf8')).toBe('<svg>2</svg>');
    expect(readFileSync(copy('foto.txt'), 'utf8')).toBe('ett foto');
    expect(snapshot(path.join(root, '_site'))).toEqual(await uncached(root, YEAR_2025));
    const again = { logo: inode('logo.svg'), foto: inode('foto.txt') };
    await buildAt(root, YEAR_2025);
    expect({ logo: inode('logo.svg'), foto: inode('foto.txt') }).toEqual(again);
  });

  it('sees a post rewritten to the same size and given back its old modification time', async () => {
    const root = createSite();
    const file = path.join(root, '_posts/2025-03-03-inlagg-3.md');
    const written = new Date('2025-03-03T08:00:00Z');
    utimesSync(file, written, written);
    await buildAt(root, YEAR_2025);
    const { size } = statSync(file);
    writeFileSync(file, readFileSync(file, 'utf8').replace('Brödtext 3.', 'Brödtext Z.'));
    utimesSync(file, written, written);
    expect(statSync(file).size).toBe(size);
    expect(statSync(file).mtimeMs).toBe(written.getTime());
    await buildAt(root, YEAR_2025);
    const after = snapshot(path.join(root, '_site'));
    expect(after.get(postPage(3))).toContain('Brödtext Z.');
    expect(after).toEqual(await uncached(root, YEAR_2025));
  });

  it('renders every post again from its file when a layout changes after a build that read none of them', async () => {
    const root = createSite();
    await buildAt(root, YEAR_2025);
    // Nothing changed: the posts' files are known by their identity on disk and not read.
    expect((await buildAt(root, YEAR_2025)).pageCache).toEqual({ reused: 7, rendered: 0 });
    write(root, '_layouts/post.html', '---\nlayout: default\n---\n<h1 class="rubrik">{{ page.title }}</h1>{{ content }}\n');
    // Any layout may be read by any page, so every page is rendered again.
    const changed = await buildAt(root, YEAR_2025);
    expect(changed.pageCache).toEqual({ reused: 0, rendered: 7 });
    const after = snapshot(path.join(root, '_site'));
    expect(after.get(postPage(2))).toContain('<h1 class="rubrik">Inlägg 2</h1><p>Ingress 2.</p>');
    expect(after).toEqual(await uncached(root, YEAR_2025));
  });

  it("re-renders a tag's page when one of its posts changes, and not the other tags' pages", async () => {
    const root = createSite();
    for (const [day, tag] of [[1, 'Lagar'], [2, 'FHIR'], [3, 'Lagar']] as const) {
      write(root, `_posts/2025-03-0${day}-inlagg-${day}.md`, `---\nlayout: post\ntitle: Inlägg ${day}\ntags: ${tag}\n---\nIngress ${day}.\n`);
    }
    const tagPage = (tag: string): string => `---\ntag: ${tag}\n---\n{% for post in site.tags[page.tag] %}<p>{{ post.title }}: {{ post.excerpt }}</p>{% endfor %}\n`;
    write(root, 'taggar/lagar.html', tagPage('Lagar'));
    write(root, 'taggar/fhir.html', tagPage('FHIR'));
    await buildAt(root, YEAR_2025);
    write(root, '_posts/2025-03-01-inlagg-1.md', '---\nlayout: post\ntitle: Inlägg 1\ntags: Lagar\n---\nNy ingress om lagar.\n');
    const edited = await buildAt(root, YEAR_2025);
    // Post 1, post 2 (its neighbour), the home page and the Lagar page; not the FHIR page.
    expect(edited.pageCache).toEqual({ reused: 5, rendered: 4 });
    const site = snapshot(path.join(root, '_site'));
    expect(site.get('taggar/lagar.html')).toContain('Ny ingress om lagar.');
    expect(site).toEqual(await uncached(root, YEAR_2025));
  });

  it('keeps a tag page current when a post on it shows its neighbour, and the neighbour changes', async () => {
    const root = createSite();
    write(root, '_posts/2025-03-02-inlagg-2.md', '---\nlayout: post\ntitle: Inlägg 2\ntags: Lagar\n---\nFöljs av {{ page.next.title }}.\n');
    write(root, 'taggar/lagar.html', '---\ntag: Lagar\n---\n{% for post in site.tags[page.tag] %}{{ post.content }}{% endfor %}\n');
    await buildAt(root, YEAR_2025);
    write(root, '_posts/2025-03-03-inlagg-3.md', '---\nlayout: post\ntitle: Tredje, omdöpt\n---\nIngress 3.\n');
    await buildAt(root, YEAR_2025);
    expect(readFileSync(path.join(root, '_site/taggar/lagar.html'), 'utf8')).toContain('Följs av Tredje, omdöpt.');
  });

  it('re-renders pages that show the year when the year turns, and keeps them within it', async () => {
    const root = createSite();
    await buildAt(root, YEAR_2025);
    expect(readFileSync(path.join(root, '_site', postPage(1)), 'utf8')).toContain('© 2025');
    const newYear = await buildAt(root, YEAR_2026);
    expect(newYear.pageCache).toEqual({ reused: 0, rendered: 7 });
    for (const [file, text] of snapshot(path.join(root, '_site'))) if (file.endsWith('.html')) expect(text).toContain('© 2026');
    expect((await buildAt(root, YEAR_2026)).pageCache!.reused).toBe(7);
  });

  it('never reuses a page that prints the build time itself, nor the pages that list it', async () => {
    const root = createSite();
    write(root, 'byggd.html', '---\n---\nByggd {{ site.time }}\n');
    await buildAt(root, YEAR_2025);
    const again = await buildAt(root, LATER_2025);
    // byggd.html, and the home page: it reads the site's documents, one of which changes every build.
    expect(again.pageCache).toEqual({ reused: 6, rendered: 2 });
    expect(readFileSync(path.join(root, '_site/byggd.html'), 'utf8')).toContain('Byggd 2025-09-01');
  });

  it("re-renders a draft dated by its file's time when only that time changes", async () => {
    const root = createSite();
    write(root, '_drafts/utkast.md', '---\nlayout: post\ntitle: Utkast\npermalink: /utkast/\n---\nSkrivet {{ page.date | date: "%Y-%m-%d" }}.\n');
    utimesSync(path.join(root, '_drafts/utkast.md'), new Date('2025-04-01T12:00:00Z'), new Date('2025-04-01T12:00:00Z'));
    process.env.SOURCE_DATE_EPOCH = YEAR_2025;
    const first = await build({ source: root, drafts: true });
    const page = path.join(root, '_site', first.plan.sources.posts.find((post) => post.kind === 'draft')!.outputPath);
    expect(readFileSync(page, 'utf8')).toContain('Skrivet 2025-04-01.');
    utimesSync(path.join(root, '_drafts/utkast.md'), new Date('2025-04-09T12:00:00Z'), new Date('2025-04-09T12:00:00Z'));
    const second = await build({ source: root, drafts: true });
    const moved = path.join(root, '_site', second.plan.sources.posts.find((post) => post.kind === 'draft')!.outputPath);
    expect(readFileSync(moved, 'utf8')).toContain('Skrivet 2025-04-09.');
  });

  it('replaces an output file that was edited by hand', async () => {
    const root = createSite();
    await buildAt(root, YEAR_2025);
    await buildAt(root, YEAR_2025);
    const file = path.join(root, '_site', postPage(2));
    const feed = path.join(root, '_site', 'feed.xml');
    const original = readFileSync(file, 'utf8');
    const originalFeed = readFileSync(feed, 'utf8');
    writeFileSync(file, 'ändrad för hand');
    writeFileSync(feed, 'ändrad för hand');
    const next = await buildAt(root, YEAR_2025);
    expect(next.pageCache).toEqual({ reused: 6, rendered: 1 });
    expect(readFileSync(file, 'utf8')).toBe(original);
    expect(readFileSync(feed, 'utf8')).toBe(originalFeed);
  });

  it('leaves the last site untouched when a build fails after carrying pages over', async () => {
    const root = createSite();
    await buildAt(root, YEAR_2025);
    const before = snapshot(path.join(root, '_site'));
    // A page that renders fine is carried over; then a broken page stops the build.
    write(root, 'trasig.html', '---\n---\n{% if %}\n');
    await expect(buildAt(root, YEAR_2025)).rejects.toMatchObject({ file: 'trasig.html' });
    expect(snapshot(path.join(root, '_site'))).toEqual(before);
    rmSync(path.join(root, 'trasig.html'));
    expect((await buildAt(root, YEAR_2025)).pageCache).toEqual({ reused: 7, rendered: 0 });
  });

  it('ignores a damaged page cache and rebuilds it', async () => {
    const root = createSite();
    await buildAt(root, YEAR_2025);
    const shards = readdirSync(path.join(root, CACHE_DIR)).filter((name) => /^pages-\d+\.v8$/.test(name));
    expect(shards.length).toBeGreaterThan(0);
    for (const shard of shards) writeFileSync(path.join(root, CACHE_DIR, shard), 'inte en cache');
    const rebuilt = await buildAt(root, YEAR_2025);
    expect(rebuilt.pageCache).toEqual({ reused: 0, rendered: 7 });
    expect(snapshot(path.join(root, '_site'))).toEqual(await uncached(root, YEAR_2025));
    expect((await buildAt(root, YEAR_2025)).pageCache!.reused).toBe(7);
  });
});
