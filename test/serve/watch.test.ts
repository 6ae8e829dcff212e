/**
 * `tryck watch` on real files: edits, renames and deletions while watching must leave the output
 * folder equal to a fresh full build; a broken file shows an error and fixing it recovers; and in a
 * real browser an edited post's new text appears without a manual reload.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.ts';
import { startWatching, type Watcher } from '../../src/serve/run-watch.ts';
import { compareSites } from '../support/compare-sites.ts';

const repoRoot = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
const CHROMIUM = process.env.TRYCK_CHROMIUM ?? '/usr/bin/chromium';
const scratch: string[] = [];
const watchers: Watcher[] = [];

afterAll(async () => {
  for (const watcher of watchers) await watcher.close();
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/** A copy of this repository's blog in a temp folder. */
function copyBlog(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tryck-watch-'));
  scratch.push(dir);
  for (const entry of ['_config.yml', '_posts', '_layouts', '_includes', '_data', 'assets', 'index.html', '404.html', 'om.md']) {
    cpSync(path.join(repoRoot, entry), path.join(dir, entry), { recursive: true });
  }
  return dir;
}

async function watchBlog(source: string, drafts = false, log: (line: string) => void = () => {}): Promise<Watcher> {
  const watcher = await startWatching({ source, port: 0, debounce: 30, drafts, log });
  watchers.push(watcher);
  return watcher;
}

/** Waits until a rebuild has settled and `check` holds, or fails after `ms`. */
async function eventually(watcher: Watcher, check: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    await watcher.settled();
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('condition not met in time');
}

const seed = '_posts/2022-06-16-upphandlingar-av-journalsystem.markdown';

describe('tryck watch', () => {
  it('keeps the output equal to a full build through edits, new posts, renames and deletions', async () => {
    const source = copyBlog();
    const lines: string[] = [];
    const watcher = await watchBlog(source, false, (line) => lines.push(line));
    const out = path.join(source, '_site');
    const seedPage = path.join(out, '2022/06/16/upphandlingar-av-journalsystem.html');

    // 1. Edit a post's text: its page and the home page (its excerpt) change.
    const text = readFileSync(path.join(source, seed), 'utf8');
    writeFileSync(path.join(source, seed), text.replace('Vissa svenska regioner samarbetar', 'Flera svenska regioner samarbetar'));
    await eventually(watcher, () => readFileSync(seedPage, 'utf8').includes('Flera svenska regioner'));
    expect(readFileSync(path.join(out, 'index.html'), 'utf8')).toContain('Flera svenska regioner');
    // The rebuild re-rendered the post and the pages that list it, and carried the rest over.
    const rebuilt = lines.find((line) => line.startsWith('Rebuilt'));
    const [, rendered, reused] = /\((\d+) pages rendered, (\d+) reused\)/.exec(rebuilt ?? '') ?? [];
    expect(Number(reused)).toBeGreaterThanOrEqual(3);
    expect(Number(rendered)).toBeGreaterThan(0);
    expect(Number(rendered)).toBeLessThan(Number(reused) + Number(rendered));

    // 2. A new post appears; 3. a post renamed (its old page must go); 4. a post deleted.
    writeFileSync(path.join(source, '_posts/2026-01-10-ny-post.md'), '---\nlayout: post\ntitle: Ny post\n---\nNy text här.\n');
    renameSync(path.join(source, '_posts/2021-07-30-journalsystem.markdown'), path.join(source, '_posts/2021-07-31-journalsystem-i-sverige.markdown'));
    unlinkSync(path.join(source, '_posts/2023-02-14-patientdatalagen.markdown'));
    // 5. An include changes (every post shows the TOC heading from it).
    const toc = path.join(source, '_includes/toc.md');
    writeFileSync(toc, readFileSync(toc, 'utf8').replace('Innehåll', 'I detta inlägg'));
    // 6. A static file changes.
    writeFileSync(path.join(source, 'assets/css/stil.css'), `${readFileSync(path.join(source, 'assets/css/stil.css'), 'utf8')}\n/* ändrad */\n`);

    // Every change visible (they may arrive in several batches), then one more settle.
    await eventually(
      watcher,
      () =>
        existsSync(path.join(out, '2026/01/10/ny-post.html')) &&
        !existsSync(path.join(out, '2023/02/14/patientdatalagen.html')) &&
        existsSync(path.join(out, '2021/07/30/journalsystem-i-sverige.html')) &&
        readFileSync(seedPage, 'utf8').includes('I detta inlägg') &&
        readFileSync(path.join(out, 'assets/css/stil.css'), 'utf8').includes('/* ändrad */'),
    );
    await watcher.settled();
    expect(existsSync(path.join(out, '2021/07/30/journalsystem.html'))).toBe(false);
    // The front matter's date (2021-07-30) wins over the new file name's, as in Jekyll.
    expect(existsSync(path.join(out, '2021/07/30/journalsystem-i-sverige.html'))).toBe(true);

    const fresh = path.join(mkdtempSync(path.join(tmpdir(), 'tryck-fresh-')), '_site');
    scratch.push(path.dirname(fresh));
    await build({ source, destination: fresh });
    // Everything must match, sitemap mtimes included; only the feed's <updated> (the build time) may differ.
    expect(compareSites(out, fresh)).toEqual([]);
  });

  it('equals a full build after a seeded random series of edits, bursts included', async () => {
    const source = copyBlog();
    const watcher = await watchBlog(source);
    const out = path.join(source, '_site');
    let seed = 20221116;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const posts = (): string[] => readdirSync(path.join(source, '_posts')).sort();
    const postPath = (name: string): string => path.join(source, '_posts', name);
    const operations: Array<() => void> = [
      () => {
        const name = posts()[random(posts().length)];
        writeFileSync(postPath(name), `${readFileSync(postPath(name), 'utf8')}\nEn ny mening ${random(1000)}.\n`);
      },
      () => {
        const name = posts()[random(posts().length)];
        writeFileSync(postPath(name), readFileSync(postPath(name), 'utf8').replace(/^title: .*$/m, `title: "Ny rubrik ${random(1000)}"`));
      },
      () => {
        const n = random(10000);
        writeFileSync(postPath(`2024-0${1 + random(9)}-1${random(9)}-slumpad-${n}.md`), `---\nlayout: post\ntitle: Slumpad ${n}\ntags: Slump\n---\nText ${n}.\n\nMer.\n`);
      },
      () => {
        const list = posts();
        if (list.length > 3) unlinkSync(postPath(list[random(list.length)]));
      },
      () => {
        const name = posts()[random(posts().length)];
        renameSync(postPath(name), postPath(name.replace(/(\.\w+)$/, `-flyttad${random(100)}$1`)));
      },
      () => {
        const file = path.join(source, '_includes/toc.md');
        writeFileSync(file, readFileSync(file, 'utf8').replace(/^## .*$/m, `## Innehåll ${random(100)}`));
      },
      () => {
        const file = path.join(source, '_layouts/post.html');
        writeFileSync(file, readFileSync(file, 'utf8').replace(/<article[^>]*>/, `<article class="inlagg" data-v="${random(100)}">`));
      },
      () => {
        const file = path.join(source, 'assets/css/stil.css');
        writeFileSync(file, `${readFileSync(file, 'utf8')}\n/* ${random(1000)} */\n`);
      },
    ];
    for (let step = 0; step < 24; step++) {
      operations[random(operations.length)]();
      // Sometimes a burst (no pause), sometimes a pause longer than the debounce.
      if (random(3) > 0) await new Promise((resolve) => setTimeout(resolve, random(120)));
    }
    // Let the last events arrive and every rebuild finish.
    for (let i = 0; i < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await watcher.settled();
    }
    const fresh = path.join(mkdtempSync(path.join(tmpdir(), 'tryck-fresh-')), '_site');
    scratch.push(path.dirname(fresh));
    await build({ source, destination: fresh });
    expect(compareSites(out, fresh)).toEqual([]);
  }, 60_000);

  it('reports a broken post, keeps serving the last good page, and recovers when it is fixed', async () => {
    const source = copyBlog();
    const watcher = await watchBlog(source);
    const url = `${watcher.server.url}2022/06/16/upphandlingar-av-journalsystem.html`;
    const before = await (await fetch(url)).text();

    const broken = path.join(source, '_posts/2026-02-01-trasig.md');
    writeFileSync(broken, '---\nlayout: post\ntitle: Trasig\n---\n{% if page.title %}\nIngen sluttagg\n');
    await watcher.settled();
    const during = await fetch(url);
    expect(during.status).toBe(200);
    const duringHtml = await during.text();
    expect(duringHtml).toContain('Vissa svenska regioner');
    expect(duringHtml).toContain('2026-02-01-trasig.md');

    writeFileSync(broken, '---\nlayout: post\ntitle: Trasig\n---\n{% if page.title %}\nNu med sluttagg\n{% endif %}\n');
    await eventually(watcher, () => existsSync(path.join(source, '_site/2026/02/01/trasig.html')));
    const after = await (await fetch(url)).text();
    expect(after).not.toContain('2026-02-01-trasig.md');
    expect(before).toContain('Vissa svenska regioner');
  });

  it('with --drafts serves drafts with a banner that never reaches the files on disk', async () => {
    const source = copyBlog();
    mkdirSync(path.join(source, '_drafts'));
    writeFileSync(path.join(source, '_drafts/utkast.md'), '---\nlayout: post\ntitle: Utkast\ndate: 2026-03-01 10:00:00 +0100\n---\nEj klar.\n');
    const watcher = await watchBlog(source, true);
    const draft = await (await fetch(`${watcher.server.url}2026/03/01/utkast.html`)).text();
    expect(draft).toContain('Ej klar.');
    expect(draft).toContain('data-tryck-draft');
    expect(readFileSync(path.join(source, '_site/2026/03/01/utkast.html'), 'utf8')).not.toContain('data-tryck-draft');
    const post = await (await fetch(`${watcher.server.url}2022/06/16/upphandlingar-av-journalsystem.html`)).text();
    expect(post).not.toContain('data-tryck-draft');
  });

  it('shows an edited post in the open browser without a manual reload', async () => {
    if (!existsSync(CHROMIUM)) {
      if (process.env.CI) throw new Error(`CI is set but there is no chromium at ${CHROMIUM}`);
      console.warn(`Skipping: no chromium at ${CHROMIUM}`);
      return;
    }
    const source = copyBlog();
    const watcher = await watchBlog(source);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    try {
      const page = await browser.newPage();
      await page.goto(`${watcher.server.url}2022/06/16/upphandlingar-av-journalsystem.html`);
      await page.waitForFunction(() => (globalThis as { __tryckLiveReload?: { connected: boolean } }).__tryckLiveReload?.connected === true);
      const file = path.join(source, seed);
      writeFileSync(file, readFileSync(file, 'utf8').replace('## Sussa samverkan', '## Sussa samverkan i praktiken'));
      await page.waitForSelector('#sussa-samverkan-i-praktiken', { timeout: 10_000 });
      expect(await page.textContent('#sussa-samverkan-i-praktiken')).toBe('Sussa samverkan i praktiken');
      await page.screenshot({ path: path.join(tmpdir(), 'tryck-watch-post.png') });
    } finally {
      await browser.close();
    }
  });
});
