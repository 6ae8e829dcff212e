/**
 * What a theme adds to a site, under the site's own files: data only with jekyll-data, its
 * configuration without Jekyll's own keys.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { planSite } from '../../src/build.ts';

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

function site(config: string): string {
  const source = mkdtempSync(path.join(tmpdir(), 'tryck-layer-'));
  scratch.push(source);
  const files: Record<string, string> = {
    '_config.yml': `theme_dir: _themes/hälsa\n${config}`,
    '_themes/hälsa/_config.yml': 'permalink: pretty\nhalsa:\n  farg: grön\n  rubrik: Temats\n',
    '_themes/hälsa/_data/kontakt.yml': 'telefon: "1177"\nort: Umeå\n',
    '_themes/hälsa/_layouts/default.html': '<p>{{ site.halsa.farg }} {{ site.halsa.rubrik }} {{ site.data.kontakt.telefon }} {{ site.data.kontakt.ort }}</p>',
    '_data/kontakt.yml': 'ort: Luleå\n',
    'index.html': '---\nlayout: default\n---\n',
    'om.html': '---\n---\n',
  };
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(source, name)), { recursive: true });
    writeFileSync(path.join(source, name), text);
  }
  return source;
}

async function outputs(config: string): Promise<Map<string, string>> {
  const plan = await planSite({ source: site(config), workers: false, keepOutputs: true });
  return new Map(plan.rendered.map((page) => [page.document.outputPath, page.output]));
}

it('reads the theme’s data under the site’s only when jekyll-data is loaded', async () => {
  expect((await outputs('')).get('index.html')).toBe('<p>grön Temats  Luleå</p>');
  expect((await outputs('plugins: [jekyll-data]\n')).get('index.html')).toBe('<p>grön Temats 1177 Luleå</p>');
});

it('takes the theme’s configuration under the site’s, but not Jekyll’s own keys', async () => {
  const pages = await outputs('halsa:\n  rubrik: Sajtens\n');
  expect(pages.get('index.html')).toBe('<p>grön Sajtens  Luleå</p>');
  // permalink: pretty in the theme's _config.yml does not apply.
  expect([...pages.keys()].sort()).toEqual(['index.html', 'om.html']);
});
