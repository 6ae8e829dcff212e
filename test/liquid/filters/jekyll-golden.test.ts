/**
 * Renders test/fixtures/filters/cases.liquid with liquidjs + our filters and compares it, case by
 * case, with what Jekyll 4.3.1 printed for the same template and data (jekyll.txt, made by
 * scripts/regenerate-filter-goldens.sh with TZ=UTC and `timezone: Europe/Stockholm`).
 *
 * Both YAML files are read by tryck's own front-matter YAML reader, as Psych reads them (zone-less
 * timestamps are UTC instants).
 *
 * This process may run in any zone; the filters must not care, so the test pins TZ to something
 * that is neither UTC nor Stockholm.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseJekyllYaml } from '../../../src/sources/front-matter.ts';
import { Liquid } from 'liquidjs';
import { describe, expect, it } from 'vitest';
import { registerJekyllFilters } from '../../../src/liquid/filters/register-jekyll-filters.ts';

process.env.TZ = 'America/Los_Angeles';

const dir = fileURLToPath(new URL('../../fixtures/filters/', import.meta.url));
const read = (name: string): string => readFileSync(dir + name, 'utf8');

/** Splits "@@ name: body" blocks into a name → body map, in order. */
function splitCases(text: string): Map<string, string> {
  const cases = new Map<string, string>();
  for (const block of text.split(/^@@ /m).slice(1)) {
    const colon = block.indexOf(': ');
    cases.set(block.slice(0, colon), block.slice(colon + 2).replace(/\n$/, ''));
  }
  return cases;
}

/**
 * Cases where we knowingly differ from Jekyll, with what we print instead. Each entry is a
 * documented limitation; if one starts matching Jekyll, remove it here.
 */
const KNOWN_DIFFERENCES: Record<string, string> = {
  // None at the moment: every case in cases.liquid matches Jekyll.
};

describe('Jekyll filter goldens', async () => {
  const page = parseJekyllYaml(read('page.yml'), 'page.yml', 'Europe/Stockholm') as Record<string, unknown>;
  const data = parseJekyllYaml(read('data.yml'), 'data.yml', 'Europe/Stockholm') as Record<string, unknown>;
  const liquid = new Liquid();
  registerJekyllFilters(liquid, { url: 'https://example.org', baseurl: '/blogg', timezone: 'Europe/Stockholm' });
  const rendered = await liquid.parseAndRender(read('cases.liquid'), { page, site: { data: { fx: data } } });
  const ours = splitCases(rendered);
  const jekyll = splitCases(read('jekyll.txt'));

  it('has the same cases as the golden', () => {
    expect([...ours.keys()]).toEqual([...jekyll.keys()]);
  });

  for (const [name, expected] of jekyll) {
    it(name, () => {
      expect(ours.get(name)).toBe(KNOWN_DIFFERENCES[name] ?? expected);
    });
  }
});
