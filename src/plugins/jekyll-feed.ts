/**
 * jekyll-feed: `{% feed_meta %}` and the Atom feed(s) at `/feed.xml` (src/outputs/feed.ts).
 */
import { createFeedMetaTag } from '../outputs/feed-meta-tag.ts';
import { renderFeeds } from '../outputs/feed.ts';
import type { JekyllPlugin } from './jekyll-plugin.ts';

export const jekyllFeed: JekyllPlugin = {
  name: 'jekyll-feed',
  tags: ['feed_meta'],
  liquid(liquid, { config }) {
    liquid.registerTag('feed_meta', createFeedMetaTag(config));
  },
  generateFiles({ config, sources, rendered, now, taken }) {
    const newestFirst = rendered.filter((r) => r.document.kind !== 'page').reverse();
    return renderFeeds({ config, posts: newestFirst, time: now, data: sources.data }, process.env.JEKYLL_ENV ?? 'development')
      .filter((feed) => !taken.has(feed.url))
      .map((feed) => ({ outputPath: feed.outputPath, contents: feed.contents }));
  },
};
