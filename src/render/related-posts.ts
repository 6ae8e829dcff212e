/**
 * `site.related_posts` as Jekyll 4.3 gives it without `--lsi` (RelatedPosts#most_recent_posts): for a
 * post, the ten newest posts other than itself; nil for a page (SiteDrop#related_posts).
 */
import type { SiteSources, SourceDocument } from '../sources/site-sources.ts';

type Payload = Record<string, unknown>;

/**
 * Jekyll: `(site.posts.docs.last(11).reverse - [post]).first(10)`, and none at all with one post.
 * `newest` is the site's newest posts, oldest first (eleven are enough); `total` how many there are.
 */
export function mostRecentPosts(newest: readonly Payload[], post: Payload, total = newest.length): Payload[] {
  if (total <= 1) return [];
  return newest.slice(-11).reverse().filter((other) => other !== post).slice(0, 10);
}

/**
 * `site` as a post's templates see it: the same object but for `related_posts`. A proxy, so that the
 * site's lazily made lists stay lazy and shared; liquidjs reads own properties only, which the
 * descriptor trap keeps true.
 */
export function siteWithRelatedPosts(site: Payload, related: () => Payload[]): Payload {
  let value: Payload[] | undefined;
  const relatedPosts = (): Payload[] => (value ??= related());
  return new Proxy(site, {
    get(target, key, receiver) {
      return key === 'related_posts' ? relatedPosts() : Reflect.get(target, key, receiver);
    },
    getOwnPropertyDescriptor(target, key) {
      if (key !== 'related_posts') return Reflect.getOwnPropertyDescriptor(target, key);
      return { value: relatedPosts(), writable: true, enumerable: true, configurable: true };
    },
  });
}

/** What relatedPostsSites needs of the posts: their payloads by index, oldest first. */
export interface PostPayloadSource {
  at(index: number): Payload;
}

/**
 * RenderContext#siteFor: each post's own `site`, kept for its renders (body, excerpt, layouts). Only
 * where a template could read `related_posts`: otherwise every post shares the one `site`.
 */
export function relatedPostsSites(
  sources: SiteSources,
  site: Payload,
  payloads: PostPayloadSource,
): (document: SourceDocument) => Payload | undefined {
  const mentions = (template: { body: string }): boolean => template.body.includes('related_posts');
  const templatesMention = [...sources.layouts.values(), ...sources.includes.values()].some(mentions);
  const indexes = new Map(sources.posts.map((post, i) => [post, i]));
  const sites = new Map<SourceDocument, Payload>();
  const recentIndexes = (): number[] => Array.from({ length: Math.min(11, sources.posts.length) }, (_, k) => sources.posts.length - 1 - k).reverse();
  return (document) => {
    const index = indexes.get(document);
    if (index === undefined || (!templatesMention && !mentions(document))) return undefined;
    let own = sites.get(document);
    if (!own) {
      own = siteWithRelatedPosts(site, () => mostRecentPosts(recentIndexes().map((i) => payloads.at(i)), payloads.at(index), sources.posts.length));
      sites.set(document, own);
    }
    return own;
  };
}
