/**
 * `collections:` from _config.yml as Jekyll 4.3 reads it (Configuration#add_default_collections and
 * Collection#extract_metadata): a list of names or a map of names to settings, with `posts` always
 * first and always written.
 */
import { BuildError } from '../errors.ts';
import { isPlainObject } from './load-config.ts';

export interface CollectionConfig {
  /** The name, as Collection#sanitize_label leaves it: letters, digits, `_`, `-` and `.`. */
  label: string;
  /** Written as pages (`output: true`); default false, except for posts. */
  output: boolean;
  /** The collection's URL template, if set; otherwise `/:collection/:path` with the site's suffix. */
  permalink?: string;
  /** A front matter key to sort the documents by (`sort_by`). */
  sortBy?: string;
  /** File names, relative to the collection folder, that come first in this order (`order`). */
  order?: string[];
  /** Every setting as written: what `site.collections[i].KEY` shows. */
  metadata: Record<string, unknown>;
}

/** The collections in Jekyll's order (posts first); `permalink` is the posts' expanded template. */
export function readCollectionsConfig(value: unknown, postsPermalink: string, file: string): CollectionConfig[] {
  if (value === null || value === undefined) return [postsCollection({}, postsPermalink)];
  let entries: Array<[string, Record<string, unknown>]>;
  if (Array.isArray(value)) entries = value.map((name) => [String(name), {}]);
  else if (isPlainObject(value)) entries = Object.entries(value).map(([name, settings]) => [name, isPlainObject(settings) ? { ...settings } : {}]);
  else throw new BuildError('`collections` must be a list of names or a map of names to settings.', { file, hint: 'collections: [recipes] or collections: {recipes: {output: true}}' });

  const posts = entries.find(([name]) => name === 'posts');
  const others = entries.filter(([name]) => name !== 'posts');
  return [
    postsCollection(posts?.[1] ?? {}, postsPermalink),
    ...others.map(([name, metadata]): CollectionConfig => ({
      label: name.replace(/[^a-z0-9_\-.]/gi, ''),
      output: Boolean(metadata.output),
      ...(typeof metadata.permalink === 'string' ? { permalink: metadata.permalink } : {}),
      ...(typeof metadata.sort_by === 'string' ? { sortBy: metadata.sort_by } : {}),
      ...(Array.isArray(metadata.order) ? { order: metadata.order.map(String) } : {}),
      metadata,
    })),
  ];
}

function postsCollection(metadata: Record<string, unknown>, permalink: string): CollectionConfig {
  // Jekyll sets posts' `output: true` and, from the site's `permalink`, their template.
  const settings = { ...metadata, output: true, permalink: typeof metadata.permalink === 'string' ? metadata.permalink : permalink };
  return { label: 'posts', output: true, permalink: settings.permalink, metadata: settings };
}
