/**
 * `path.join(root, relative)` for a relative path known to be plain (POSIX separators, no `.` or `..`
 * parts, no doubled or leading slash): joined as text where the platform's separator is `/`.
 * path.join normalizes every part, and an edited build joins some 12000 paths of files it only
 * checks (3 MB of strings and 5-9 ms at 4000 posts); anything unusual still goes through it.
 */
import path from 'node:path';

const UNUSUAL = /(?:^|\/)\.\.?(?:\/|$)|\/\/|^\/|\\/;

export function joinInside(root: string, relative: string): string {
  if (path.sep !== '/' || relative === '' || UNUSUAL.test(relative) || root.endsWith('/')) return path.join(root, relative);
  return `${root}/${relative}`;
}
