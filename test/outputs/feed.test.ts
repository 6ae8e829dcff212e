/**
 * The Atom feed against jekyll-feed 0.17. The fixture test runs the real pipeline on
 * test/fixtures/sites/sitemap-feed; the unit tests' expected strings were checked against
 * Jekyll 4.3.1 + jekyll-feed 0.17 building the same posts.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderSite } from '../../src/build.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import type { SiteConfig } from '../../src/config/site-config.ts';
import { BuildError } from '../../src/errors.ts';
import { feedMetaTag, feedUrl, renderFeed, renderFeeds, type FeedInput, type RenderedPost } from '../../src/outputs/feed.ts';
import { JekyllDate, JekyllTime } from '../../src/sources/jekyll-time.ts';
import { readSources } from '../../src/sources/read-sources.ts';
import { canonicalXml, normaliseFeedBuildTime } from '../support/compare-sites.ts';

const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const fixture = join(repoRoot, 'test/fixtures/sites/sitemap-feed');
const TZ = 'Europe/Stockholm';
const TIME = new Date('2023-06-01T10:00:00Z');

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tryck-feed-'));
  scratch.push(dir);
  return dir;
}

function siteConfig(yaml: string): SiteConfig {
  const dir = tempDir();
  writeFileSync(join(dir, '_config.yml'), `url: https://ex.org\ntimezone: ${TZ}\n${yaml}`);
  return loadConfig(dir).config;
}

let day = 0;
/** A rendered post's payload as the pipeline leaves it; dates count up from 2023-01-01. */
function post(data: Record<string, unknown> = {}): RenderedPost {
  day += 1;
  const slug = String(data.slug ?? `post-${day}`);
  const date = (data.date as Date | undefined) ?? new JekyllTime(Date.UTC(2023, 0, day) - 3_600_000, TZ);
  return {
    payload: {
      title: slug,
      url: `/2023/01/${slug}.html`,
      id: `/2023/01/${slug}`,
      relative_path: `_posts/${slug}.md`,
      categories: [],
      tags: [],
      draft: false,
      content: `<p>${slug}</p>\n`,
      excerpt: `<p>${slug}</p>\n`,
      ...data,
      date,
    },
  };
}

function feed(yaml: string, posts: RenderedPost[], extra: Partial<FeedInput> = {}): string {
  return renderFeed({ config: siteConfig(yaml), posts, time: TIME, xsl: false, ...extra });
}

function entries(xml: string): string[] {
  return xml.match(/<entry[ >].*?<\/entry>/g) ?? [];
}

describe('the sitemap-feed fixture', () => {
  it('gives the feed Jekyll wrote', async () => {
    const dir = tempDir();
    cpSync(join(fixture, 'source'), dir, { recursive: true });
    // The layout's {% feed_meta %} only matters for the pages' HTML, not for the feed; dropping it
    // keeps this test independent of whether the tag is registered yet.
    const layout = join(dir, '_layouts/default.html');
    writeFileSync(layout, readFileSync(layout, 'utf8').replace('{% feed_meta %}', ''));
    const now = new Date();
    const { config } = loadConfig(dir);
    const sources = readSources(config, { now });
    const rendered = await renderSite(config, sources, now);
    const posts = rendered.filter((doc) => doc.document.kind !== 'page').reverse();

    const ours = renderFeed({ config, posts, time: now, data: sources.data });
    const golden = readFileSync(join(fixture, 'jekyll/feed.xml'), 'utf8');
    const canonical = (xml: string): string => normaliseFeedBuildTime('feed.xml', canonicalXml(xml));
    expect(canonical(ours)).toBe(canonical(golden));
    expect(ours).not.toContain('\n<entry');
    expect(ours.startsWith('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xml:lang="sv-SE">')).toBe(true);
  });
});

describe('renderFeed', () => {
  it('writes one minified line, byte for byte as jekyll-feed', () => {
    const xml = feed('title: Blogg\nbaseurl: /b\nauthor: Kalle Anka', [
      post({
        slug: 'ett',
        title: 'Ett',
        date: new JekyllTime(Date.UTC(2023, 0, 10, 7, 30), TZ),
        content: '\n  <div>\nhtml\n</div>\n\n',
        excerpt: '<div>\nhtml\n</div>',
      }),
    ]);
    expect(xml).toBe(
      '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" >' +
        '<generator uri="https://jekyllrb.com/" version="4.3.1">Jekyll</generator>' +
        '<link href="https://ex.org/b/feed.xml" rel="self" type="application/atom+xml" />' +
        '<link href="https://ex.org/b/" rel="alternate" type="text/html" />' +
        '<updated>2023-06-01T12:00:00+02:00</updated><id>https://ex.org/b/feed.xml</id>' +
        '<title type="html">Blogg</title><author><name>Kalle Anka</name></author>' +
        '<entry><title type="html">Ett</title>' +
        '<link href="https://ex.org/b/2023/01/ett.html" rel="alternate" type="text/html" title="Ett" />' +
        '<published>2023-01-10T08:30:00+01:00</published><updated>2023-01-10T08:30:00+01:00</updated>' +
        '<id>https://ex.org/b/2023/01/ett</id>' +
        '<content type="html" xml:base="https://ex.org/b/2023/01/ett.html"><![CDATA[<div>\nhtml\n</div>]]></content>' +
        '<author><name>Kalle Anka</name></author>' +
        '<summary type="html"><![CDATA[html]]></summary></entry></feed>',
    );
  });

  it('names the language on the feed, the alternate link and entries', () => {
    const xml = feed('lang: sv-SE', [post({ lang: 'en' }), post()]);
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="sv-SE">');
    expect(xml).toContain('<link href="https://ex.org/" rel="alternate" type="text/html" hreflang="sv-SE" />');
    expect(entries(xml).map((e) => e.slice(0, e.indexOf('>') + 1))).toEqual(['<entry>', '<entry xml:lang="en">']);
  });

  it('links the XSL stylesheet when the site has feed.xslt.xml', () => {
    expect(feed('', [], { xsl: true })).toContain(
      '<?xml version="1.0" encoding="utf-8"?><?xml-stylesheet type="text/xml" href="https://ex.org/feed.xslt.xml"?><feed ',
    );
  });

  describe('escaping', () => {
    it('smartifies and escapes titles twice, as jekyll-feed does', () => {
      const xml = feed('title: Flöden & kartor\ndescription: En blogg om "flöden" och <webbplatskartor>', [
        post({ title: 'Tom & Jerry <3 <em>x</em> -- ok...' }),
        post({ title: 'Första inlägget: "citat" & sånt' }),
      ]);
      expect(xml).toContain('<title type="html">Flöden &amp;amp; kartor</title>');
      expect(xml).toContain('<subtitle>En blogg om &quot;flöden&quot; och &lt;webbplatskartor&gt;</subtitle>');
      expect(xml).toContain('<title type="html">Tom &amp;amp; Jerry &amp;lt;3 x – ok…</title>');
      expect(xml).toContain('title="Tom &amp;amp; Jerry &amp;lt;3 x – ok…" />');
      expect(xml).toContain('<title type="html">Första inlägget: “citat” &amp;amp; sånt</title>');
    });

    it('falls back on site.name, escaping & < > " in names and URIs', () => {
      const xml = feed('name: Min sida & "blogg"', [
        post({ author: { name: 'Hans & Greta', email: 'hg@ex.org', uri: 'https://hg.ex.org/?a=1&b=2' } }),
      ]);
      expect(xml).toContain('<title type="html">Min sida &amp;amp; “blogg”</title>');
      expect(xml).toContain('<author><name>Hans &amp; Greta</name><email>hg@ex.org</email><uri>https://hg.ex.org/?a=1&amp;b=2</uri></author>');
    });
  });

  describe('posts', () => {
    it('lists the newest 10 by default', () => {
      const posts = Array.from({ length: 12 }, () => post()).reverse();
      const xml = feed('', posts);
      expect(entries(xml)).toHaveLength(10);
      expect(entries(xml)[0]).toContain(`<title type="html">${String(posts[0].payload.title)}</title>`);
    });

    it('honours feed.posts_limit, also written as a string', () => {
      const posts = [post(), post(), post()].reverse();
      expect(entries(feed('feed:\n  posts_limit: 2', posts))).toHaveLength(2);
      expect(entries(feed('feed:\n  posts_limit: "1"', posts))).toHaveLength(1);
      expect(entries(feed('feed:\n  posts_limit: 0', posts))).toHaveLength(0);
      expect(() => feed('feed:\n  posts_limit: many', posts)).toThrow(BuildError);
    });

    it('sorts by date, newest first', () => {
      const older = post({ slug: 'older' });
      const newer = post({ slug: 'newer' });
      expect(entries(feed('', [older, newer])).map((e) => /<title type="html">(\w+)/.exec(e)?.[1])).toEqual(['newer', 'older']);
    });

    it('leaves drafts out unless drafts are shown', () => {
      const posts = [post({ slug: 'utkast', draft: true }), post({ slug: 'klar' })];
      expect(entries(feed('', posts))).toHaveLength(1);
      expect(entries(feed('show_drafts: true', posts))).toHaveLength(2);
    });
  });

  describe('entries', () => {
    it('uses last_modified_at for <updated>', () => {
      const xml = feed('', [
        post({ date: new JekyllTime(Date.UTC(2023, 1, 20, 23, 15), TZ), last_modified_at: new JekyllDate(2023, 5, 1, TZ) }),
      ]);
      expect(xml).toContain('<published>2023-02-21T00:15:00+01:00</published><updated>2023-05-01T00:00:00+02:00</updated>');
    });

    it('leaves out the content with excerpt_only, from the site or the post', () => {
      const posts = [post({ slug: 'a', feed: { excerpt_only: true } }), post({ slug: 'b' })];
      const [b, a] = entries(feed('', posts));
      expect(a).not.toContain('<content');
      expect(a).toContain('<summary type="html"><![CDATA[a]]></summary>');
      expect(b).toContain('<content type="html" xml:base="https://ex.org/2023/01/b.html"><![CDATA[<p>b</p>]]></content>');
      // `post.feed.excerpt_only | default: site.feed.excerpt_only`: a post's false cannot override the site.
      const all = entries(feed('feed:\n  excerpt_only: true', [post({ feed: { excerpt_only: false } })]));
      expect(all[0]).not.toContain('<content');
    });

    it('summarises with the description, else the excerpt, without tags and extra space', () => {
      const [c, b, a] = entries(
        feed('', [
          post({ description: '  <b>Fet</b>\n  och   luft  ' }),
          post({ description: '', excerpt: '<p>Från\nutdrag.</p>\n' }),
          post({ content: '', excerpt: '' }),
        ]),
      );
      expect(a).toContain('<summary type="html"><![CDATA[Fet och luft]]></summary>');
      expect(b).toContain('<summary type="html"><![CDATA[Från utdrag.]]></summary>');
      // Jekyll's excerpt is a drop, never `empty`: an empty post still gets an empty summary.
      expect(c).toContain('<content type="html" xml:base="https://ex.org/2023/01/post-');
      expect(c).toContain('<summary type="html"><![CDATA[]]></summary>');
    });

    it('writes category before categories, then tags', () => {
      const [b, a] = entries(
        feed('', [
          post({ category: 'Övrigt', categories: ['Övrigt'], tags: ['a & b'] }),
          post({ category: '', categories: [], tags: 'ensam' }),
        ]),
      );
      expect(a).toContain('</author><category term="Övrigt" /><category term="a &amp; b" /><summary');
      expect(b).toContain('</author><category term="" /><category term="ensam" /><summary');
    });
  });

  describe('authors', () => {
    const data = { authors: { mimmi: { name: 'Mimmi Mus', email: 'mimmi@ex.org', uri: 'https://mimmi.ex.org' } } };
    const mimmi = '<author><name>Mimmi Mus</name><email>mimmi@ex.org</email><uri>https://mimmi.ex.org</uri></author>';

    it('takes the site author as a string or a hash', () => {
      expect(feed('author: Kalle Anka', [post()])).toContain('</id><author><name>Kalle Anka</name></author><entry>');
      const xml = feed('author:\n  name: Åsa Öberg\n  email: asa@example.org', [post()]);
      expect(xml.match(/<author><name>Åsa Öberg<\/name><email>asa@example.org<\/email><\/author>/g)).toHaveLength(2);
    });

    it('looks post authors up in site.data.authors, also the first of authors', () => {
      const [c, b, a] = entries(feed('author: mimmi', [post({ author: 'mimmi' }), post({ authors: ['mimmi', 'kalle'] }), post()], { data }));
      expect(a).toContain(mimmi);
      expect(b).toContain(mimmi);
      expect(c).toContain(mimmi);
      // The feed's own author is not looked up.
      expect(feed('author: mimmi', [], { data })).toContain('<author><name>mimmi</name></author>');
    });

    it('prints a hash without a name as Ruby inspects it, and an empty name without any author', () => {
      const [b, a] = entries(feed('', [post({ author: { email: 'x@ex.org' } }), post()]));
      expect(a).toContain('<author><name>{&quot;email&quot;=&gt;&quot;x@ex.org&quot;}</name><email>x@ex.org</email></author>');
      expect(b).toContain('<author><name></name></author>');
    });
  });

  describe('images', () => {
    it('makes a path absolute, keeps a URL, reads image.path', () => {
      const [c, b, a] = entries(
        feed('baseurl: /blogg', [post({ image: 'bild.png' }), post({ image: { path: 'https://cdn.ex.org/a.jpg' } }), post({ image: { path: '/bilder/a b.png' } })]),
      );
      const media = (url: string): string =>
        `<media:thumbnail xmlns:media="http://search.yahoo.com/mrss/" url="${url}" />` +
        `<media:content medium="image" url="${url}" xmlns:media="http://search.yahoo.com/mrss/" /></entry>`;
      expect(a).toContain(media('https://ex.org/blogg/bild.png'));
      expect(b).toContain(media('https://cdn.ex.org/a.jpg'));
      expect(c).toContain(media('https://ex.org/blogg/bilder/a%20b.png'));
      expect(entries(feed('', [post()]))[0]).not.toContain('media:');
    });
  });
});

describe('renderFeeds', () => {
  it('adds a feed per configured category and per tag', () => {
    const config = siteConfig('title: T\nfeed:\n  path: blog/atom.xml\n  categories: [Övrigt]\n  tags:\n    except: [b]');
    const posts = [
      post({ slug: 'x', categories: ['Övrigt'], tags: ['a', 'b', 'flöde'] }),
      post({ slug: 'y', categories: ['Nyheter'], tags: ['a'] }),
    ].reverse();
    const files = renderFeeds({ config, posts, time: TIME, xsl: false }, 'production');
    expect(files.map((f) => [f.url, f.outputPath])).toEqual([
      ['/feed/%C3%96vrigt.xml', 'feed/Övrigt.xml'],
      ['/blog/atom.xml', 'blog/atom.xml'],
      ['/feed/by_tag/a.xml', 'feed/by_tag/a.xml'],
    ]);
    const [category, main, tag] = files.map((f) => f.contents);
    expect(category).toContain('<link href="https://ex.org/feed/%C3%96vrigt.xml" rel="self" type="application/atom+xml" />');
    expect(category).toContain('<title type="html">T | Övrigt</title>');
    expect(entries(category)).toHaveLength(1);
    expect(entries(main)).toHaveLength(2);
    expect(tag).toContain('<title type="html">T</title>');
    expect(entries(tag)).toHaveLength(2);
    expect(renderFeeds({ config, posts, time: TIME, xsl: false }, 'production')[1].contents).toBe(renderFeed({ config, posts, time: TIME, xsl: false }));
  });

  it('writes none with disable_in_development in development', () => {
    const config = siteConfig('feed:\n  disable_in_development: true');
    expect(renderFeeds({ config, posts: [], time: TIME }, 'development')).toEqual([]);
    expect(renderFeeds({ config, posts: [], time: TIME, xsl: false }, 'production')).toHaveLength(1);
  });
});

describe('feedMetaTag', () => {
  it('links the feed with the site title, attribute-escaped', () => {
    expect(feedMetaTag(siteConfig('title: Flöden & kartor'))).toBe(
      '<link type="application/atom+xml" rel="alternate" href="https://ex.org/feed.xml" title="Flöden &amp; kartor" />',
    );
    expect(feedMetaTag(siteConfig('name: Min "sida"\nbaseurl: /b\nfeed:\n  path: atom.xml'))).toBe(
      '<link type="application/atom+xml" rel="alternate" href="https://ex.org/b/atom.xml" title="Min &quot;sida&quot;" />',
    );
    expect(feedMetaTag(siteConfig(''))).toBe('<link type="application/atom+xml" rel="alternate" href="https://ex.org/feed.xml" />');
  });

  it('agrees with the feed on its URL', () => {
    expect(feedUrl(siteConfig('feed:\n  collections:\n    posts:\n      path: /atom.xml'))).toBe('/atom.xml');
    expect(feedMetaTag(siteConfig('feed:\n  collections:\n    posts:\n      path: /atom.xml'))).toContain('href="https://ex.org/atom.xml"');
  });
});
