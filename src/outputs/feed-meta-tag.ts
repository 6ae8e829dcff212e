/**
 * `{% feed_meta %}` (JekyllFeed::MetaTag): the `<link rel="alternate">` to the site's Atom feed.
 * Register it with `liquid.registerTag('feed_meta', createFeedMetaTag(config))`.
 */
import { Tag, type Context } from 'liquidjs';
import type { SiteConfig } from '../config/site-config.ts';
import { feedMetaTag } from './feed.ts';

export function createFeedMetaTag(config: SiteConfig) {
  const html = feedMetaTag(config);
  return class FeedMetaTag extends Tag {
    *render(_ctx: Context): Generator<unknown, string, unknown> {
      return html;
    }
  };
}
