/**
 * Fingerprints of what a page's output can depend on, for the page cache's keys:
 * - `site`: everything every page may read — the configuration, layouts, includes, data files and
 *   the environment (JEKYLL_ENV);
 * - `own(document)`: the document itself — its path, URL, front matter (after defaults) and body, or
 *   for a file, its text's digest, which decides them;
 * - `neighbours(post)`: `page.previous` and `page.next`, which a post's layout may show;
 * - `corpus`: every document and static file, for pages that list them (site.posts, site.tags,
 *   paginator, post_url…);
 * - `listing(excerptOf)` and `listingGroup`: the same, but of each post only what a listing shows
 *   when it does not read the posts' content: everything but the body, and the excerpt as converted.
 *   A listing page that read no content is reused when a post's body changed below its excerpt.
 * A fingerprint is a SHA-256 of a stable text form: Date values keep their class and zone, so a
 * `date:` that changes from a date to a time changes the page.
 */
import { hash as oneShotHash } from 'node:crypto';
import type { SiteConfig } from '../config/site-config.ts';
import type { SiteSources, SourceDocument, TemplateFile } from '../sources/site-sources.ts';

export interface PageInputs {
  site: string;
  own(document: SourceDocument): string;
  neighbours(document: SourceDocument): string;
  corpus(): string;
  /** The posts of one tag or category (`tags\u0000<name>`), for pages that read just that group. */
  group(id: string): string;
  /** As corpus, with each post as listings show it; `excerptOf` names a post's converted excerpt. */
  listing(excerptOf: (post: SourceDocument) => string): string;
  /** As group, with each post as listings show it. */
  listingGroup(id: string, excerptOf: (post: SourceDocument) => string): string;
}

export function fingerprintPageInputs(config: SiteConfig, sources: SiteSources, environment: NodeJS.ProcessEnv = process.env): PageInputs {
  const site = hash(
    stableText(config),
    templatesText(sources.layouts),
    templatesText(sources.includes),
    stableText(sources.data),
    `JEKYLL_ENV=${environment.JEKYLL_ENV ?? 'development'}`,
  );
  const owns = new Map<SourceDocument, string>();
  const own = (document: SourceDocument): string => {
    let fingerprint = owns.get(document);
    if (fingerprint === undefined) {
      const where = [document.kind, document.relativePath, document.url, document.outputPath, String(document.isMarkdown), stableText(document.pagination ?? null)];
      // A document read from a file is decided by its text, its path and the configuration (in
      // `site`), and a draft's date by the file's time: their digest stands for data and body.
      fingerprint =
        document.sourceDigest !== undefined
          ? hash(...where, document.sourceDigest, document.kind === 'draft' ? String(document.modifiedTime.getTime()) : '')
          : hash(...where, stableText(document.data), document.body);
      owns.set(document, fingerprint);
    }
    return fingerprint;
  };
  // A post as a listing shows it: what `own` covers but the body, and the excerpt it was converted to.
  // Kept for the build: the excerpts named are those of this build's posts.
  const showns = new Map<SourceDocument, string>();
  const shown = (post: SourceDocument, excerptOf: (post: SourceDocument) => string): string => {
    let fingerprint = showns.get(post);
    if (fingerprint === undefined) {
      fingerprint = hash(
        post.kind,
        post.relativePath,
        post.url,
        post.outputPath,
        String(post.isMarkdown),
        // Its data is this text with the site's defaults and what its path gives, both in `site`.
        post.frontMatterDigest !== undefined ? `\u0002${post.frontMatterDigest}` : stableText(post.data),
        excerptOf(post),
        post.kind === 'draft' ? String(post.modifiedTime.getTime()) : '',
      );
      showns.set(post, fingerprint);
    }
    return fingerprint;
  };
  const postIndex = new Map(sources.posts.map((post, i) => [post, i]));
  // A collection document's neighbours are those of its own collection.
  const collectionIndex = new Map<SourceDocument, { list: readonly SourceDocument[]; index: number }>();
  for (const { docs } of sources.collections) docs.forEach((doc, index) => collectionIndex.set(doc, { list: docs, index }));
  let corpus: string | undefined;
  let listing: string | undefined;
  let groups: Map<string, SourceDocument[]> | undefined;
  const groupIndex = (): Map<string, SourceDocument[]> => {
    if (!groups) {
      groups = new Map();
      for (const post of sources.posts) {
        for (const kind of ['tags', 'categories']) {
          const names = post.data[kind];
          if (!Array.isArray(names)) continue;
          for (const name of names) {
            const id = `${kind}\u0000${String(name)}`;
            const members = groups.get(id);
            if (members) members.push(post);
            else groups.set(id, [post]);
          }
        }
      }
    }
    return groups;
  };
  const everything = (posts: string[]): string =>
    hash(
      ...posts,
      '\u0001',
      ...sources.pages.map(own),
      '\u0001',
      // Collection documents are rendered every build, and listed (site.NAME) as they are now.
      ...sources.collections.flatMap((collection) => collection.docs.map(own)),
      '\u0001',
      ...sources.staticFiles.map((file) => `${file.relativePath}\u0000${file.url}\u0000${file.modifiedTime.getTime()}\u0000${stableText(file.data)}`),
    );
  return {
    site,
    own,
    neighbours(document) {
      const inCollection = collectionIndex.get(document);
      const list = inCollection?.list ?? sources.posts;
      const i = inCollection?.index ?? postIndex.get(document);
      if (i === undefined) return '';
      const previous = list[i - 1];
      const next = list[i + 1];
      // Joined, not hashed again: it goes into the page's key, which is hashed.
      return `${previous ? own(previous) : '-'}\u0000${next ? own(next) : '-'}`;
    },
    group(id) {
      return hash(...(groupIndex().get(id) ?? []).map(own));
    },
    corpus() {
      corpus ??= everything(sources.posts.map(own));
      return corpus;
    },
    listing(excerptOf) {
      listing ??= everything(sources.posts.map((post) => shown(post, excerptOf)));
      return listing;
    },
    listingGroup(id, excerptOf) {
      return hash(...(groupIndex().get(id) ?? []).map((post) => shown(post, excerptOf)));
    },
  };
}

/**
 * SHA-256 of the parts, each ended by a NUL. Hashed in one call: a Hash object per key cost more
 * than the hashing itself for the short texts most keys are made of (20000 keys at 4000 posts).
 */
export function hash(...parts: string[]): string {
  // The last NUL as one more (empty) part: the text is made once, not joined and then added to,
  // which crypto copied again to flatten (5 MB of strings in an edited build at 4000 posts).
  parts.push('');
  return oneShotHash('sha256', parts.join('\u0000'), 'base64url');
}

function templatesText(templates: Map<string, TemplateFile>): string {
  return [...templates.values()].map((template) => `${template.relativePath}\u0000${stableText(template.data)}\u0000${template.body}`).join('\u0001');
}

/** JSON, but Dates keep their class (JekyllDate vs JekyllTime), instant and zone. */
export function stableText(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, replaced: unknown) {
    const original = this[key];
    if (original instanceof Date) {
      return `${original.constructor.name}(${original.getTime()},${(original as { timeZone?: string }).timeZone ?? ''})`;
    }
    if (original instanceof Map) return [...original.entries()];
    return replaced;
  }) ?? 'undefined';
}
