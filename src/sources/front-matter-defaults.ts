/**
 * `defaults:` from _config.yml (Jekyll's FrontmatterDefaults): every scope whose path and type match
 * contributes its values; a longer path, then a scope with a type, takes precedence.
 */
import { deepMerge } from '../config/load-config.ts';
import type { FrontMatterDefault } from '../config/site-config.ts';

/** `posts`, `pages`, `drafts` or a collection's label. */
export type ScopeType = string | undefined;

/**
 * `collectionsDir` is `collections_dir`: Jekyll matches a document's path relative to it against the
 * scope path with that folder taken off (FrontmatterDefaults#strip_collections_dir), so both spellings apply.
 */
export function resolveDefaults(defaults: FrontMatterDefault[], relativePath: string, type: ScopeType, collectionsDir = ''): Record<string, unknown> {
  let result: Record<string, unknown> = {};
  let previous: FrontMatterDefault['scope'] | undefined;
  const inCollections = collectionsDir && relativePath.startsWith(`${collectionsDir}/`) ? relativePath.slice(collectionsDir.length + 1) : undefined;
  for (const entry of defaults) {
    const applies = appliesToPath(entry.scope.path, relativePath) || (inCollections !== undefined && appliesToPath(stripFolder(entry.scope.path, collectionsDir), inCollections));
    if (!applies || !appliesToType(entry.scope.type, type)) continue;
    if (hasPrecedence(previous, entry.scope)) {
      result = deepMerge(result, structuredClone(entry.values));
      previous = entry.scope;
    } else {
      result = deepMerge(structuredClone(entry.values), result);
    }
  }
  return result;
}

function sanitize(path: string | undefined): string {
  return (path ?? '').replace(/^\/+|\/+$/g, '').replace(/^\.\//, '');
}

function stripFolder(scopePath: string | undefined, folder: string): string | undefined {
  const clean = sanitize(scopePath);
  return clean.startsWith(`${folder}/`) ? clean.slice(folder.length + 1) : clean;
}

function appliesToPath(scopePath: string | undefined, relativePath: string): boolean {
  const scope = sanitize(scopePath);
  if (scope === '' || scope === '.') return true;
  if (scope.includes('*')) {
    const pattern = new RegExp(`^${scope.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}`);
    return pattern.test(relativePath);
  }
  return relativePath.startsWith(scope);
}

function appliesToType(scopeType: string | undefined, type: ScopeType): boolean {
  if (scopeType === undefined) return true;
  // Drafts live in the posts collection, so `type: posts` covers them.
  return scopeType === type || (scopeType === 'posts' && type === 'drafts');
}

function hasPrecedence(previous: FrontMatterDefault['scope'] | undefined, next: FrontMatterDefault['scope']): boolean {
  if (previous === undefined) return true;
  const nextPath = sanitize(next.path);
  const previousPath = sanitize(previous.path);
  if (nextPath.length !== previousPath.length) return nextPath.length >= previousPath.length;
  if (next.type !== undefined) return true;
  return previous.type === undefined;
}
