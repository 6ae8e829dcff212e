/**
 * The quick front matter reader against the `yaml` library it stands in for: on every text it
 * accepts it must give exactly what the library gives (dates with their class and zone), and it
 * must accept the front matter this blog's posts actually have, or it saves nothing.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { jekyllYamlOptions, splitFrontMatter } from '../../src/sources/front-matter.ts';
import { readSimpleYaml } from '../../src/sources/simple-yaml.ts';
import { stableText } from '../../src/cache/page-inputs.ts';
import { planPosts, renderPost } from '../../src/bench/generate-corpus.ts';

const zone = 'Europe/Stockholm';
const options = jekyllYamlOptions(zone);
const root = path.resolve(import.meta.dirname, '../..');

/** What the library makes of a text: its value as stable text, or 'error'. */
function library(text: string): string {
  try {
    return stableText(parse(text, options));
  } catch {
    return 'error';
  }
}

// Scalars the library reads in every way YAML 1.1 allows, and some it rejects.
const VALUES = [
  'post', 'Journalsystem Företag', 'yes', 'No', 'ON', 'off', 'y', 'N', 'true', 'FALSE', '~', 'null', 'Null', '',
  '12', '-7', '+3', '0777', '0x1F', '0b101', '1_000', '1:30', '190:20:30', '1:30.5', '0.7', '.5', '1.', '1e3', '-1.5e-3', '.inf', '-.Inf', '.NaN',
  '2022-06-16', '2022-6-1', '2022-06-16 08:00:00 +0200', '2022-06-16T08:00:00Z', '2023-03-01 23:30:00', '2022-06-16 08:00:00.25 -05:30', '2022-13-45',
  '"citat: med kolon"', '"tomt"', '""', "'enkelt'", "'it''s'", '"med \\"flykt\\""', '"rad\\nbryt"', "''",
  '<!--more-->', '/assets/images/bild.jpg', 'https://ehalsobloggen.se/a?b=c#d', 'Del 1: Inledning', 'text # kommentar', 'slut:', 'a:b',
  '- lista', '[a, b]', '{a: 1}', '&ankare värde', '*ankare', '!!str 12', '|', '>', '%procent', '@snabel', '`fästing`', '? fråga', ': kolon',
  'mellanslag på slutet   ', 'åäö ÅÄÖ é ü', '–tankstreck', '→ pil', 'tab\there', '"öppen', "'öppen", 'x"y', "x'y",
];
const KEYS = ['layout', 'title', 'date', 'tags', 'sitemap', 'lastmod', 'priority', 'image', 'path', 'video', 'yes', 'Y', 'on', 'null', '12', '__proto__', '<<', 'my-key', 'my_key', 'Titel'];

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(next: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  const lines: string[] = [];
  const count = 1 + Math.floor(next() * 6);
  for (let i = 0; i < count; i++) {
    const key = pick(KEYS);
    const shape = next();
    if (shape < 0.2) {
      // A nested mapping, sometimes badly indented.
      lines.push(`${key}:`);
      const indent = ' '.repeat(pick([2, 2, 2, 4, 1]));
      const nested = 1 + Math.floor(next() * 3);
      for (let j = 0; j < nested; j++) lines.push(`${next() < 0.9 ? indent : '   '}${pick(KEYS)}: ${pick(VALUES)}`);
    } else if (shape < 0.25) {
      lines.push(`${key}:`, `  - ${pick(VALUES)}`);
    } else if (shape < 0.3) {
      lines.push(pick(['', '   ', '# kommentar', `${key}:${pick(VALUES)}`, `  ${key}: ${pick(VALUES)}`, `${key}: ${pick(VALUES)}\r`]));
    } else {
      lines.push(`${key}: ${pick(VALUES)}`);
    }
  }
  return `\n${lines.join('\n')}`;
}

describe('the quick front matter reader', () => {
  it('gives what the yaml library gives, on every text it accepts', () => {
    const next = random(20261126);
    let accepted = 0;
    for (let i = 0; i < 40000; i++) {
      const text = generate(next);
      const quick = readSimpleYaml(text, options);
      if (quick === undefined) continue;
      accepted += 1;
      expect(stableText(quick), text).toBe(library(text));
    }
    // The generator makes enough texts the quick reader takes for the comparison to mean something.
    expect(accepted).toBeGreaterThan(2500);
  });

  it('keeps the classes of dates, so a page prints them as Jekyll does', () => {
    const text = '\ndate: 2022-06-16 08:00:00 +0200\nsitemap:\n  lastmod: 2022-06-16\n';
    const quick = readSimpleYaml(text, options)!;
    const full = parse(text, options);
    expect(quick.date!.constructor).toBe(full.date.constructor);
    expect((quick.sitemap as { lastmod: Date }).lastmod.constructor).toBe(full.sitemap.lastmod.constructor);
    expect(String(quick.date)).toBe('2022-06-16 08:00:00 +0200');
  });

  it("reads the blog's own posts and the benchmark's posts itself, as the library does", () => {
    const texts = readdirSync(path.join(root, '_posts')).map((name) => readFileSync(path.join(root, '_posts', name), 'utf8'));
    const posts = planPosts(50);
    for (let i = 0; i < posts.length; i++) texts.push(renderPost(posts, i));
    for (const text of texts) {
      const yaml = splitFrontMatter(text)!.yaml;
      const quick = readSimpleYaml(yaml, options);
      expect(quick, yaml).toBeDefined();
      expect(stableText(quick)).toBe(library(yaml));
    }
  });
});
