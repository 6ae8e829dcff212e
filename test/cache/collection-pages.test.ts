/**
 * The page cache and collections: a page that lists a collection (`site.NAME`), and the documents
 * beside an edited one (`page.previous`, `page.next`), are rendered again when a document changes;
 * a page that reads neither is carried over.
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

const EPOCH = String(Date.UTC(2025, 5, 1) / 1000);

function createSite(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'tryck-collections-'));
  dirs.push(root);
  write(root, '_config.yml', 'title: Vårdrutiner\ncollections:\n  rutiner:\n    output: true\n    sort_by: steg\n');
  write(
    root,
    '_layouts/rutin.html',
    '<h1>{{ page.title }}</h1>{{ content }}' +
      '{% if page.previous %}<a rel="prev">{{ page.previous.title }}</a>{% endif %}{% if page.next %}<a rel="next">{{ page.next.title }}</a>{% endif %}\n',
  );
  write(root, 'index.html', '---\n---\n{% for r in site.rutiner %}<li>{{ r.title }}</li>{% endfor %}\n');
  write(root, 'om.md', '---\ntitle: Om\n---\nOm rutinerna.\n');
  write(root, '_rutiner/handtvatt.md', '---\nlayout: rutin\ntitle: Handtvätt\nsteg: 1\n---\nTvätta händerna.\n');
  write(root, '_rutiner/skyddsrock.md', '---\nlayout: rutin\ntitle: Skyddsrock\nsteg: 2\n---\nTa på skyddsrock.\n');
  write(root, '_rutiner/handskar.md', '---\nlayout: rutin\ntitle: Handskar\nsteg: 3\n---\nTa på handskar.\n');
  write(root, '_rutiner/munskydd.md', '---\nlayout: rutin\ntitle: Munskydd\nsteg: 4\n---\nTa på munskydd.\n');
  return root;
}

async function buildSite(root: string, destination = path.join(root, '_site'), cache = true) {
  process.env.SOURCE_DATE_EPOCH = EPOCH;
  return build({ source: root, destination, cache });
}

describe('the page cache with collections', () => {
  it('renders the listing and the neighbours of an edited collection document again, and carries the rest over', async () => {
    const root = createSite();
    await buildSite(root);
    write(root, '_rutiner/skyddsrock.md', '---\nlayout: rutin\ntitle: Förkläde\nsteg: 2\n---\nTa på förkläde.\n');
    const edited = await buildSite(root);
    const site = readFolder(path.join(root, '_site'));
    expect(site.get('rutiner/skyddsrock.html')).toContain('Ta på förkläde.');
    expect(site.get('rutiner/handtvatt.html')).toContain('<a rel="next">Förkläde</a>');
    expect(site.get('rutiner/handskar.html')).toContain('<a rel="prev">Förkläde</a>');
    expect(site.get('index.html')).toContain('<li>Förkläde</li>');
    // The page that reads no collection, and the document that is not beside the edited one, are carried over.
    expect(edited.pageCache).toEqual({ reused: 2, rendered: 4 });
    await buildSite(root, path.join(root, '_uncached'), false);
    expect(site).toEqual(readFolder(path.join(root, '_uncached')));
  });

  it("carries every page over when nothing changed, and renders a page showing an undated document's date every build", async () => {
    const root = createSite();
    write(root, 'datum.html', '---\n---\n{% for r in site.rutiner %}{{ r.date | date: "%Y-%m-%d" }} {% endfor %}\n');
    await buildSite(root);
    const again = await buildSite(root);
    // datum.html, and index.html, which lists documents and so is rendered when any page's content
    // depends on the time; the four documents and om.html are carried over.
    expect(again.pageCache).toEqual({ reused: 5, rendered: 2 });
    const site = readFolder(path.join(root, '_site'));
    expect(site.get('datum.html')).toContain('2025-06-01');
  });

  it('gives a listing rendered again the content and excerpts of documents carried over', async () => {
    const root = createSite();
    write(root, 'allt.html', '---\n---\n{% for r in site.rutiner %}<section>{{ r.excerpt }}|{{ r.content }}</section>{% endfor %}{{ site.pages.size }}\n');
    await buildSite(root);
    write(root, 'ny.md', '---\ntitle: Ny sida\n---\nNy.\n');
    const again = await buildSite(root);
    expect(again.pageCache?.reused).toBeGreaterThanOrEqual(4);
    const site = readFolder(path.join(root, '_site'));
    expect(site.get('allt.html')).toContain('<section><p>Ta på munskydd.</p>\n|<p>Ta på munskydd.</p>\n</section>');
    await buildSite(root, path.join(root, '_uncached'), false);
    expect(site).toEqual(readFolder(path.join(root, '_uncached')));
  });

  it('lists a document again when its sort key moves it', async () => {
    const root = createSite();
    await buildSite(root);
    write(root, '_rutiner/handskar.md', '---\nlayout: rutin\ntitle: Handskar\nsteg: 0\n---\nTa på handskar.\n');
    await buildSite(root);
    const site = readFolder(path.join(root, '_site'));
    expect(site.get('index.html')).toContain('<li>Handskar</li><li>Handtvätt</li><li>Skyddsrock</li><li>Munskydd</li>');
    expect(site.get('rutiner/handtvatt.html')).toContain('<a rel="prev">Handskar</a>');
  });
});
