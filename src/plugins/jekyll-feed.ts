/**
 * jekyll-feed: `{% feed_meta %}` and the Atom feed(s) at `/feed.xml` (src/outputs/feed.ts).
 */
import { createFeedMetaTag } from '../outputs/feed-meta-tag.ts';
import { renderFeeds } from '../outputs/feed.ts';
import { jekyllEnvironment } from '../config/jekyll-environment.ts';
import type { JekyllPlugin } from './jekyll-plugin.ts';

export const jekyllFeed: JekyllPlugin = {
  name: 'jekyll-feed',
  tags: ['feed_meta'],
  liquid(liquid, { config }) {
    liquid.registerTag('feed_meta', createFeedMetaTag(config));
  },
  generateFiles({ config, sources, rendered, now, taken, site }) {
    const newestFirst = rendered.filter((r) => r.document.kind === 'post' || r.document.kind === 'draft').reverse();
    const collections = new Map(
      sources.collections.map((collection) => {
        const payloads = site?.[collection.config.label];
        return [collection.config.label, Array.isArray(payloads) ? payloads.map((payload: Record<string, unknown>) => ({ payload })) : []];
      }),
    );
    return renderFeeds({ config, posts: newestFirst, collections, time: now, data: sources.data }, jekyllEnvironment())
      .filter((feed) => !taken.has(feed.url))
      .map((feed) => ({ outputPath: feed.outputPath, contents: feed.contents }));
  },
};
