/**
 * The one gate between a site's files and the machine: a path read for the site must lie inside the
 * site folder, after every symlink on the way is followed. Site files are untrusted (CI builds pull
 * requests), so a link to /etc/passwd or to a folder elsewhere is refused, as Jekyll's safe mode
 * refuses it, with an error naming the link and where it points. Includes, include_relative,
 * layouts, data, static files and themes all go through here.
 */
import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { BuildError } from './errors.ts';

/**
 * The absolute path of `relative` below `root`, checked to stay inside `root` once symlinks are
 * followed. A path that does not exist is returned as joined (the caller says it is missing).
 * `label` names the setting or tag that asked, for the message.
 */
export function resolveInside(root: string, relative: string, label = relative): string {
  const joined = path.resolve(root, relative);
  if (!isInside(path.resolve(root), joined)) {
    throw new BuildError(`${label} points outside the site folder: ${relative}`, {
      file: relative,
      hint: 'Use a path inside the site; files outside it are never read.',
    });
  }
  let real: string;
  try {
    real = realpathSync(joined);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') throw symlinkLoop(root, joined, error);
    return joined;
  }
  if (!isInside(realRoot(root), real)) throw linkOutside(root, joined, real);
  return joined;
}

/**
 * For an entry a listing found to be a symlink: refuses it when it leads outside the site, or back
 * to a folder that contains it (a loop that would make the walk endless).
 * Returns the real path it leads to.
 */
export function checkSymlink(root: string, absolute: string): string {
  let real: string;
  try {
    real = realpathSync(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') throw symlinkLoop(root, absolute, error);
    // A dangling link: nothing to read; the caller treats it as a missing file.
    return absolute;
  }
  const siteRoot = realRoot(root);
  if (!isInside(siteRoot, real)) throw linkOutside(root, absolute, real);
  const realParent = realpathSync(path.dirname(absolute));
  if (isInside(real, realParent)) throw symlinkLoop(root, absolute);
  return real;
}

/** True when `target` is `root` itself or lies below it. */
export function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

function realRoot(root: string): string {
  try {
    return realpathSync(root);
  } catch {
    return path.resolve(root);
  }
}

function shown(root: string, absolute: string): string {
  const relative = path.relative(root, absolute);
  return relative === '' || relative.startsWith('..') ? absolute : relative.split(path.sep).join('/');
}

function linkOutside(root: string, absolute: string, real: string): BuildError {
  const file = shown(root, absolute);
  return new BuildError(`This symlink points to ${real}, outside the site folder; it is not read.`, {
    file,
    hint: 'Copy the file into the site instead of linking to it, or remove the link.',
  });
}

function symlinkLoop(root: string, absolute: string, cause?: unknown): BuildError {
  const file = shortened(shown(root, absolute));
  let target = '';
  try {
    if (lstatSync(absolute).isSymbolicLink()) target = ` (it points to ${readlinkSync(absolute)})`;
  } catch {
    // Only for the message.
  }
  return new BuildError(`This symlink makes a loop${target}: following it never ends.`, {
    file,
    hint: 'Remove the link, or point it at a folder that does not contain it.',
    cause,
  });
}

/** A path grown by a loop can be kilobytes long: keep its ends. */
function shortened(file: string): string {
  return file.length > 200 ? `${file.slice(0, 80)}…${file.slice(-100)}` : file;
}
