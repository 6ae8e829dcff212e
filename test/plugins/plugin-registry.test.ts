/**
 * The plugin registry as a site author meets it: a plugin named in `plugins:` that tryck lacks is
 * reported once with the files that use its tags, `--strict` makes that an error, and a page using
 * the missing tag fails naming the plugin; the plugins tryck has are all listed by gem name.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { planSite } from '../../src/build.ts';
import { BuildError } from '../../src/errors.ts';
import { PLUGIN_LIST } from '../../src/plugins/plugin-list.ts';

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

function site(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tryck-plugins-'));
  scratch.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const options = { workers: false, now: new Date('2024-01-01T00:00:00Z') } as const;

describe('plugins tryck does not provide', () => {
  it('are reported once, with the files that use tags nobody defines', async () => {
    const source = site({
      '_config.yml': 'plugins: [jekyll-twitter-plugin, jekyll-feed]\ngems: [jekyll-twitter-plugin]\n',
      'index.html': '---\n---\n{% if true %}Hej{% endif %}',
      '_includes/tweet.html': '{% raw %}{% twitter x %}{% endraw %}{% tweet https://x.example/1 %}',
    });
    const { warnings } = await planSite({ ...options, source, destination: path.join(source, '_site') });
    const about = warnings.filter((warning) => warning.includes('jekyll-twitter-plugin'));
    expect(about).toHaveLength(1);
    expect(about[0]).toContain('_includes/tweet.html (tweet)');
    expect(about[0]).not.toContain('twitter)');
    expect(about[0]).not.toContain('index.html');
    expect(about[0]).not.toContain('jekyll-feed');
  });

  it('fail the build with --strict', async () => {
    const source = site({ '_config.yml': 'plugins: [jekyll-twitter-plugin]\n', 'index.html': '---\n---\nHej' });
    await expect(planSite({ ...options, source, destination: path.join(source, '_site'), strict: true })).rejects.toThrow(/jekyll-twitter-plugin/);
  });

  it('are named as the likely cause when a page uses their tag', async () => {
    const source = site({ '_config.yml': 'plugins: [jekyll-twitter-plugin]\n', 'index.html': '---\n---\nHej\n{% tweet https://x.example/1 %}' });
    const error = await planSite({ ...options, source, destination: path.join(source, '_site') }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BuildError);
    expect((error as BuildError).file).toBe('index.html');
    // Line 4 of the file: two lines of front matter, then the body.
    expect((error as BuildError).line).toBe(4);
    expect((error as BuildError).hint).toContain("'jekyll-twitter-plugin'");
  });
});

describe('the plugin list', () => {
  it('has one module per gem, each named once', () => {
    const names = PLUGIN_LIST.map((plugin) => plugin.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(
      expect.arrayContaining(['jekyll-feed', 'jekyll-sitemap', 'jekyll-paginate', 'jekyll-seo-tag', 'jekyll-include-cache', 'jemoji', 'jekyll-mentions', 'jekyll-gist', 'jekyll-avatar', 'jekyll-github-metadata']),
    );
  });

  it('turns on only the plugins a site names', async () => {
    const source = site({ '_config.yml': 'title: Test\n', 'index.md': '---\n---\nTack :+1: @anna' });
    const { rendered } = await planSite({ ...options, source, destination: path.join(source, '_site'), keepOutputs: true });
    expect(rendered[0].output).toContain(':+1: @anna');
  });
});

describe('a tag of a plugin the site has not turned on', () => {
  it('fails as in Jekyll, saying which plugin to add', async () => {
    const source = site({ '_config.yml': 'title: Test\n', '_layouts/default.html': '<head>{% seo %}</head>{{ content }}', 'index.md': '---\nlayout: default\n---\nHej' });
    const error = await planSite({ ...options, source, destination: path.join(source, '_site') }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BuildError);
    expect((error as BuildError).file).toBe('_layouts/default.html');
    expect((error as BuildError).hint).toContain('jekyll-seo-tag');
  });
});
