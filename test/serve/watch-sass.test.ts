/**
 * `tryck watch` and Sass: saving a partial in `_sass/` (here the fixture's sass_dir) compiles the
 * stylesheet again, and open pages are told to swap their CSS rather than reload.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { startWatching, type Watcher } from '../../src/serve/run-watch.ts';
import { EVENTS_PATH } from '../../src/serve/live-reload.ts';

const fixture = fileURLToPath(new URL('../fixtures/sites/sass/source', import.meta.url));
const scratch: string[] = [];
const watchers: Watcher[] = [];

afterAll(async () => {
  for (const watcher of watchers) await watcher.close();
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/** The live-reload events a page would receive, collected as they come. */
function listen(url: string): { events: string[]; close: () => void } {
  const events: string[] = [];
  const req = request(new URL(EVENTS_PATH.slice(1), url), (res) => {
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => events.push(...[...chunk.matchAll(/^event: (\w+)$/gm)].map((m) => m[1])));
  });
  req.on('error', () => undefined);
  req.end();
  return { events, close: () => req.destroy() };
}

it('recompiles the stylesheet when a partial changes and swaps it without a reload', async () => {
  const source = path.join(mkdtempSync(path.join(tmpdir(), 'tryck-watch-sass-')), 'source');
  scratch.push(path.dirname(source));
  cpSync(fixture, source, { recursive: true });
  const watcher = await startWatching({ source, port: 0, debounce: 30, log: () => {} });
  watchers.push(watcher);
  const css = path.join(source, '_site/assets/css/main.css');
  expect(readFileSync(css, 'utf8')).toContain('border-left:4px solid #c8102e');
  const stream = listen(watcher.server.url);
  await new Promise((resolve) => setTimeout(resolve, 200));

  const partial = path.join(source, '_stilar/_journal.scss');
  writeFileSync(partial, readFileSync(partial, 'utf8').replace('4px solid', '6px dashed'));
  const deadline = Date.now() + 10_000;
  while (!readFileSync(css, 'utf8').includes('6px dashed') && Date.now() < deadline) {
    await watcher.settled();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(readFileSync(css, 'utf8')).toContain('border-left:6px dashed #c8102e');
  await new Promise((resolve) => setTimeout(resolve, 100));
  stream.close();
  expect(stream.events).toContain('css');
  expect(stream.events).not.toContain('reload');
});

it('watches a theme in node_modules: a changed theme partial swaps the stylesheet, a changed theme layout reloads', async () => {
  const source = path.join(mkdtempSync(path.join(tmpdir(), 'tryck-watch-theme-')), 'source');
  scratch.push(path.dirname(source));
  cpSync(fileURLToPath(new URL('../fixtures/sites/theme-gem/source', import.meta.url)), source, { recursive: true });
  const watcher = await startWatching({ source, port: 0, debounce: 30, log: () => {} });
  watchers.push(watcher);
  const theme = path.join(source, 'node_modules/jekyll-theme-vardkontakt');
  const css = path.join(source, '_site/assets/css/stil.css');
  const page = path.join(source, '_site/2024/03/01/ny-mottagning.html');
  const stream = listen(watcher.server.url);
  await new Promise((resolve) => setTimeout(resolve, 200));

  const until = async (check: () => boolean): Promise<void> => {
    const deadline = Date.now() + 10_000;
    while (!check() && Date.now() < deadline) {
      await watcher.settled();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  writeFileSync(path.join(theme, '_sass/vardkontakt/_bas.scss'), 'header .telefon { font-weight: 900; }\n');
  await until(() => readFileSync(css, 'utf8').includes('font-weight: 900'));
  expect(readFileSync(css, 'utf8')).toContain('font-weight: 900');
  expect(stream.events).toContain('css');
  expect(stream.events).not.toContain('reload');

  const layout = path.join(theme, '_layouts/post.html');
  writeFileSync(layout, readFileSync(layout, 'utf8').replace('class="inlagg"', 'class="inlagg nytt"'));
  await until(() => readFileSync(page, 'utf8').includes('inlagg nytt'));
  expect(readFileSync(page, 'utf8')).toContain('class="inlagg nytt"');
  await new Promise((resolve) => setTimeout(resolve, 100));
  stream.close();
  expect(stream.events).toContain('reload');
});
