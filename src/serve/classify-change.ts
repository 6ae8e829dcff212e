/**
 * What a changed path means for the site, so the watcher can say what it rebuilt and skip what is
 * not part of the site at all (the output folder, git, editors' swap files).
 */
import path from 'node:path';

export type ChangeKind = 'config' | 'data' | 'layout' | 'include' | 'post' | 'draft' | 'content' | 'theme' | 'ignored';

export interface ChangeContext {
  source: string;
  destination: string;
  layoutsDir: string;
  includesDir: string;
  dataDir: string;
}

const IGNORED_NAMES = /(^|\/)(\.git|node_modules|\.tryck-cache|\.jekyll-cache|\.sass-cache)(\/|$)/;
const EDITOR_TEMPORARY = /(~|\.sw[a-p]|\.tmp|^4913|^\.#.*)$/;

export function classifyChange(absolutePath: string, context: ChangeContext): ChangeKind {
  const relative = path.relative(context.source, absolutePath).split(path.sep).join('/');
  if (relative === '' || relative.startsWith('..')) return 'ignored';
  const destination = path.relative(context.source, context.destination).split(path.sep).join('/');
  if (destination && (relative === destination || relative.startsWith(`${destination}/`))) return 'ignored';
  if (relative.includes('.tryck-staging') || relative.includes('.tryck-old')) return 'ignored';
  if (IGNORED_NAMES.test(relative) || EDITOR_TEMPORARY.test(path.posix.basename(relative))) return 'ignored';
  if (/^_config\.ya?ml$/.test(relative)) return 'config';
  const top = relative.split('/')[0];
  if (top === context.dataDir) return 'data';
  if (top === context.layoutsDir) return 'layout';
  if (top === context.includesDir) return 'include';
  if (/(^|\/)_posts\//.test(relative)) return 'post';
  if (/(^|\/)_drafts\//.test(relative)) return 'draft';
  return 'content';
}
