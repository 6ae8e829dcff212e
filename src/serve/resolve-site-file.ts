/**
 * Maps decoded URL path segments to a file inside the site folder, the way Jekyll's own
 * server does: a directory serves its `index.html`, `/about` serves `/about.html` when there
 * is no `/about` (pretty-less URLs), and a directory requested without its trailing slash is
 * redirected so that relative links inside its index resolve against the right base.
 *
 * Second safety layer: every candidate is passed through `realpath` and must still lie inside
 * the real path of the root, so a symlink in the output (copied from the source, say) cannot
 * expose files elsewhere on the machine.
 */
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';

export type SiteFile =
  /** `realPath` is the symlink-free path to open. */
  | { kind: 'file'; realPath: string }
  /** A directory requested without a trailing slash. */
  | { kind: 'directory-without-slash' }
  | { kind: 'missing'; rootMissing: boolean }
  | { kind: 'forbidden' };

export async function resolveSiteFile(
  root: string,
  segments: readonly string[],
  trailingSlash: boolean,
): Promise<SiteFile> {
  let realRoot: string;
  try {
    // Resolved per request: the build replaces the whole folder, and the root may be a symlink.
    realRoot = await realpath(root);
  } catch {
    return { kind: 'missing', rootMissing: true };
  }

  const candidate = path.join(realRoot, ...segments);
  // The segments were vetted already; this catches anything that slipped through regardless.
  if (!isInside(realRoot, candidate)) return { kind: 'forbidden' };

  if (trailingSlash || segments.length === 0) {
    return fileAt(realRoot, path.join(candidate, 'index.html'));
  }

  const found = await inspect(realRoot, candidate);
  if (found === 'forbidden') return { kind: 'forbidden' };
  if (found?.kind === 'file') return { kind: 'file', realPath: found.realPath };
  if (found?.kind === 'directory') return { kind: 'directory-without-slash' };
  return fileAt(realRoot, `${candidate}.html`);
}

async function fileAt(realRoot: string, candidate: string): Promise<SiteFile> {
  const found = await inspect(realRoot, candidate);
  if (found === 'forbidden') return { kind: 'forbidden' };
  if (found?.kind === 'file') return { kind: 'file', realPath: found.realPath };
  return { kind: 'missing', rootMissing: false };
}

type Inspection = { kind: 'file' | 'directory' | 'other'; realPath: string } | 'forbidden' | undefined;

/** What `candidate` really is, following symlinks; undefined when it does not exist. */
async function inspect(realRoot: string, candidate: string): Promise<Inspection> {
  let realPath: string;
  try {
    realPath = await realpath(candidate);
  } catch {
    // ENOENT, ENOTDIR (`/file.html/x`), ELOOP, EACCES: all just "not here" to a browser.
    return undefined;
  }
  if (!isInside(realRoot, realPath)) return 'forbidden';
  try {
    const info = await stat(realPath);
    return { kind: info.isFile() ? 'file' : info.isDirectory() ? 'directory' : 'other', realPath };
  } catch {
    return undefined;
  }
}

/** True when `target` is `root` itself or lies below it. */
export function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  // Not a plain `startsWith('..')`: a file may legitimately be named `..notes.txt`.
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}
