/**
 * Random sites thrown at a real build (the disk writer, a destination beside the source): random
 * front matter, Markdown, Liquid and file names. Every run must end in a finished site or a
 * BuildError: never another exception, a hang, or a file outside the destination.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.ts';
import { BuildError } from '../../src/errors.ts';

const scratch = mkdtempSync(path.join(tmpdir(), 'tryck-fuzz-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const word = fc.constantFrom('vård', 'journal', 'Region Skåne', 'e-hälsa', '1177', 'FHIR', 'NPÖ', '', ' ', '<b>', '"citat"', "it's", '&', ':', '#', '---', '{{', '%}', '\\', '\u00a0', '\u200b', '😷');
const text = fc.array(word, { maxLength: 6 }).map((words) => words.join(' '));

const yamlValue = fc.oneof(
  text.map((t) => JSON.stringify(t)),
  text,
  fc.constantFrom('2024-01-15', '2024-01-15 25:61', '2024-02-30 10:00:00 +0100', 'yes', 'no', '~', '[a, b]', '{x: 1}', '&a [1]', '*a', '!!binary aGVq', '0x1F', '1e400', '|', '>-', "'", '"'),
);
const yamlKey = fc.constantFrom('title', 'date', 'layout', 'permalink', 'tags', 'categories', 'published', 'excerpt', 'description', 'paginate', 'title', 'slug', 'excerpt_separator');
const frontMatter = fc.array(fc.tuple(yamlKey, yamlValue), { maxLength: 6 }).map((pairs) => pairs.map(([key, value]) => `${key}: ${value}`).join('\n'));

const liquid = fc.constantFrom(
  '{{ page.title }}',
  '{{ site.posts | size }}',
  '{% for p in site.posts %}{{ p.title | escape }}{% endfor %}',
  '{% for i in (1..50) %}{{ i }}{% endfor %}',
  '{% for i in (1..900000000) %}{% endfor %}',
  '{% include inc.html %}',
  '{% include inc.html x= %}',
  '{% include saknas.html %}',
  '{% include_relative ../../etc/passwd %}',
  '{% include_relative om.md %}',
  '{% if page.title == "x" %}ja{% else %}nej{% endif %}',
  '{% capture c %}{{ content }}{% endcapture %}',
  '{% assign x = "a,b" | split: "," %}{{ x | join: "-" }}',
  '{{ page.date | date: "%Y-%m-%d" }}',
  '{% highlight ruby %}puts 1{% endhighlight %}',
  '{% raw %}{{ x }}{% endraw %}',
  '{% post_url 2024-01-15-saknas %}',
  '{% link om.md %}',
  '{{ "x" | slugify }}',
  '{% for',
  '{{',
  '{% endfor %}',
  '{% unknown_tag %}',
);
const markdown = fc.constantFrom(
  '# Rubrik',
  '## Rubrik {#egen}',
  '- punkt\n  - inre\n    - inre',
  '> citat\n> > i citat',
  '1. ett\n2. två',
  '```js\nlet x = 1;\n```',
  '| a | b |\n|---|---|\n| 1 | 2 |',
  'Term\n: Definition',
  '*[HTML]: HyperText',
  'Fotnot[^1]\n\n[^1]: Här.',
  '{:.klass}',
  '<div markdown="1">*x*</div>',
  '* {:toc}',
  '<!--more-->',
  '[länk](http://exempel.se "titel")',
  `${'>'.repeat(300)} djupt`,
  Array.from({ length: 150 }, (_, i) => `${'  '.repeat(i)}- ${i}`).join('\n'),
  '\u0000',
);
const body = fc.array(fc.oneof(text, liquid, markdown), { maxLength: 8 }).map((parts) => parts.join('\n\n'));

const folder = fc.constantFrom('', '_posts/', '_drafts/', '_includes/', '_layouts/', '_data/', 'assets/', 'om/', '_sass/', '.dold/');
const baseName = fc.oneof(
  fc.constantFrom('index', 'om', 'inc', 'default', 'post', '2024-01-15-inlagg', '2024-13-45-fel', 'å ä ö', '..x', 'x..', '-', '_x', '#x', '%2e%2e'),
  fc.stringMatching(/^[a-zåäö0-9 ._-]{1,10}$/),
);
const extension = fc.constantFrom('.md', '.markdown', '.html', '.yml', '.json', '.txt', '.xml', '');
const fileName = fc
  .tuple(folder, baseName, extension)
  .map(([dir, name, ext]) => `${dir}${name}${ext}`)
  .filter((name) => !name.split('/').some((part) => part === '' || part === '.' || part === '..'));
const file = fc.record({
  name: fileName,
  frontMatter: fc.option(frontMatter, { nil: undefined }),
  body,
});
const siteFiles = fc.array(file, { minLength: 1, maxLength: 6 });

const CONFIG = 'title: Fuzz\nplugins: [jekyll-feed, jekyll-sitemap, jekyll-paginate]\ntryck_limits: {liquid_render_seconds: 2}\n';

/** Every file below `dir`, relative to it. */
function listAll(dir: string, relative = ''): string[] {
  return readdirSync(path.join(dir, relative), { withFileTypes: true }).flatMap((entry) => {
    const child = relative ? `${relative}/${entry.name}` : entry.name;
    return entry.isDirectory() ? [child, ...listAll(dir, child)] : [child];
  });
}

describe('random sites', () => {
  it('end in a finished site or a BuildError, and write only into the destination', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(siteFiles, async (files) => {
        const root = path.join(scratch, String(run++));
        const source = path.join(root, 'sajt');
        mkdirSync(source, { recursive: true });
        writeFileSync(path.join(source, '_config.yml'), CONFIG);
        mkdirSync(path.join(source, '_includes'), { recursive: true });
        writeFileSync(path.join(source, '_includes/inc.html'), '<p>{{ include.x }}</p>');
        for (const { name, frontMatter, body } of files) {
          const target = path.join(source, name);
          mkdirSync(path.dirname(target), { recursive: true });
          try {
            writeFileSync(target, frontMatter === undefined ? body : `---\n${frontMatter}\n---\n${body}`);
          } catch {
            // A name used as a folder and a file: the first one stays.
          }
        }
        const before = new Set(listAll(source));
        const destination = path.join(root, 'ut');
        try {
          await build({ source, destination, cache: false, workers: false, now: new Date('2024-06-01T00:00:00Z') });
        } catch (error) {
          if (!(error instanceof BuildError)) throw error;
          expect(error.message).not.toBe('');
        }
        // Nothing beside the source and the destination, and nothing new in the source.
        expect(readdirSync(root).filter((name) => name !== 'ut')).toEqual(['sajt']);
        expect(listAll(source).filter((name) => !before.has(name))).toEqual([]);
        rmSync(root, { recursive: true, force: true });
      }),
      { numRuns: 60, seed: Number(process.env.FUZZ_SEED ?? 20240115) },
    );
  }, 120_000);
});
