/**
 * Live reload and the error overlay in a real browser: Debian's chromium driven by playwright-core.
 * Locally the test skips when chromium is missing; on CI (process.env.CI) it fails instead, so a
 * broken image cannot pass silently.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer, type DevServer } from '../../src/serve/dev-server.ts';
import { makeSite, type TempSite } from './support.ts';

const CHROMIUM = process.env.TRYCK_CHROMIUM ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
const runBrowserTests = available || Boolean(process.env.CI);
if (!runBrowserTests) {
  console.warn(`Skipping browser tests: no chromium at ${CHROMIUM} (set TRYCK_CHROMIUM to point at one).`);
}

const page1 = (text: string): string => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Draft</title>
<link rel="stylesheet" href="/assets/site.css"></head>
<body><main><h1>Om eHälsa</h1><p id="text">${text}</p>
<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit. Sed do eiusmod tempor incididunt ut labore.</p></main></body></html>`;

const SCREENSHOTS = os.tmpdir();

// The callbacks given to page.evaluate run in the browser. The project compiles without DOM
// types (it is a Node program), so declare, for this module only, the little they use.
interface BrowserElement {
  textContent: string | null;
  tagName: string;
}
declare const window: {
  __tryckLiveReload?: { connected: boolean };
  __notReloaded?: boolean;
  __beforeClear?: boolean;
  __pwned?: number;
};
declare const document: {
  querySelector(selector: string): BrowserElement | null;
  querySelectorAll(selector: string): { length: number };
  elementFromPoint(x: number, y: number): BrowserElement | null;
};
declare function getComputedStyle(element: BrowserElement): { color: string; fontSize: string };

describe.runIf(runBrowserTests)('in a real browser', () => {
  let site: TempSite;
  let server: DevServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    if (!available) throw new Error(`CI is set but there is no chromium at ${CHROMIUM}`);
    site = await makeSite({
      'index.html': page1('First draft'),
      'assets/site.css': 'body { font: 18px/1.6 Georgia, serif; margin: 3rem; color: rgb(20, 20, 20); } h1 { color: rgb(0, 80, 160); }',
    });
    server = await startDevServer({ root: site.root, host: '127.0.0.1', port: 0, baseurl: '' });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    page = await browser.newPage({ viewport: { width: 1100, height: 760 } });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await site?.remove();
  });

  /** The page's event stream is open, so an event sent now reaches it. */
  async function connected(): Promise<void> {
    await page.waitForFunction(() => window.__tryckLiveReload?.connected === true);
  }

  const text = (): Promise<string | null> => page.locator('#text').textContent();

  it('reloads the page when the file changes', async () => {
    await page.goto(server.url);
    await connected();
    expect(await text()).toBe('First draft');

    await writeFile(path.join(site.root, 'index.html'), page1('Second draft'));
    server.reload(['index.html']);
    await page.waitForFunction(() => document.querySelector('#text')?.textContent === 'Second draft');
    await connected();
  });

  it('swaps stylesheets in place when only CSS changed', async () => {
    await page.evaluate(() => (window.__notReloaded = true));
    const color = (): Promise<string> => page.evaluate(() => getComputedStyle(document.querySelector('h1')!).color);
    expect(await color()).toBe('rgb(0, 80, 160)');

    await writeFile(path.join(site.root, 'assets/site.css'), 'body { margin: 3rem; } h1 { color: rgb(200, 30, 30); }');
    server.reload(['assets/site.css']);
    await page.waitForFunction(() => getComputedStyle(document.querySelector('h1')!).color === 'rgb(200, 30, 30)');
    expect(await page.evaluate(() => window.__notReloaded)).toBe(true);
    // The old <link> is gone once the new one loaded: no pile-up on repeated saves.
    await page.waitForFunction(() => document.querySelectorAll('link[rel=stylesheet]').length === 1);
    expect(await page.locator('link[rel=stylesheet]').getAttribute('href')).toMatch(/\/assets\/site\.css\?tryck-reload=/);
  });

  const error = {
    message: 'Liquid syntax error: the "for" tag was never closed with "endfor" <img src=x onerror="window.__pwned=1">',
    file: '_layouts/post.html',
    line: 14,
    column: 7,
    excerpt: [
      '12 |   <article class="post">',
      '13 |     <h1>{{ page.title }}</h1>',
      '14 |     {% for tag in page.tags %}',
      '   |       ^ "for" opened here',
      '15 |       <a href="/tags/{{ tag | slugify }}/">{{ tag }}</a>',
      '16 |   </article>',
    ].join('\n'),
    hint: 'Add {% endfor %} after the loop body.',
  };

  it('shows the error overlay live, legibly, without running the error text', async () => {
    server.showError(error);
    const panel = page.locator('tryck-error-overlay .panel');
    await panel.waitFor({ state: 'visible' });
    expect(await page.locator('tryck-error-overlay .location').textContent()).toBe('_layouts/post.html:14:7');
    expect(await page.locator('tryck-error-overlay .message').textContent()).toBe(error.message);
    expect(await page.locator('tryck-error-overlay .excerpt').textContent()).toBe(error.excerpt);
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
    // Above the page: what is at the centre of the viewport belongs to the overlay.
    expect(await page.evaluate(() => document.elementFromPoint(550, 380)?.tagName.toLowerCase())).toBe('tryck-error-overlay');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'tryck-overlay-live.png') });
  });

  it('shows the overlay on a fresh page load while the error stands', async () => {
    await page.reload();
    await page.locator('tryck-error-overlay .panel').waitFor({ state: 'visible' });
    await connected();
    expect(await page.locator('tryck-error-overlay .location').textContent()).toBe('_layouts/post.html:14:7');
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'tryck-overlay-fresh.png') });
    // Authors preview on phones too: the panel must fit and the excerpt scroll sideways, not overflow.
    await page.setViewportSize({ width: 390, height: 760 });
    expect(await page.locator('tryck-error-overlay .panel').evaluate((el) => el.getBoundingClientRect().right)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'tryck-overlay-narrow.png') });
    await page.setViewportSize({ width: 1100, height: 760 });
  });

  it('keeps the overlay when the page has hostile CSS', async () => {
    // Rules a site might well have (or a careless one), aimed at the elements the overlay uses.
    await page.addStyleTag({
      content:
        'div, section, header, p, pre, footer { display: none !important; color: red !important; font-size: 4px !important; }' +
        ' tryck-error-overlay { opacity: 0 !important; display: none !important; }',
    });
    // Page styles cannot reach into the shadow root; the host itself is reset with !important.
    expect(await page.locator('tryck-error-overlay .panel').isVisible()).toBe(true);
    expect(await page.locator('tryck-error-overlay .message').evaluate((el) => getComputedStyle(el).fontSize)).toBe('19px');
  });

  it('removes the overlay and reloads on clearError', async () => {
    await page.evaluate(() => (window.__beforeClear = true));
    await writeFile(path.join(site.root, 'index.html'), page1('Fixed'));
    server.clearError();
    await page.waitForFunction(() => document.querySelector('#text')?.textContent === 'Fixed');
    expect(await page.locator('tryck-error-overlay').count()).toBe(0);
    expect(await page.evaluate(() => window.__beforeClear)).toBeUndefined();
    await connected();
  });

  it('dismisses the overlay with its button', async () => {
    server.showError({ message: 'Short error' });
    await page.locator('tryck-error-overlay .panel').waitFor({ state: 'visible' });
    await page.locator('tryck-error-overlay [data-tryck-dismiss]').click();
    expect(await page.locator('tryck-error-overlay').count()).toBe(0);
    server.clearError();
    await connected();
  });
});
