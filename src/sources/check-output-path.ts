/**
 * A document's output path comes from its permalink, which its front matter may set to anything:
 * `/%2e%2e/%2e%2e/x.html` decodes to a path above the destination, and a NUL byte cannot name a file
 * at all. Jekyll quietly folds such paths into the destination; tryck refuses them, naming the file
 * and the permalink's line.
 */
import { BuildError } from '../errors.ts';
import { locateInFrontMatter } from './locate-in-front-matter.ts';

export function checkOutputPath(outputPath: string, url: string, file: { relativePath: string; absolutePath: string }): string {
  const bad = outputPath.includes('\0')
    ? 'holds a NUL byte'
    : outputPath.split(/[/\\]/).some((part) => part === '..')
      ? "climbs out of the site with '..'"
      : undefined;
  if (bad === undefined) return outputPath;
  throw new BuildError(`The permalink of this page ${bad}: ${JSON.stringify(url)}.`, {
    file: file.relativePath,
    ...locateInFrontMatter(file.absolutePath, 'permalink'),
    hint: 'Write the permalink as a plain path inside the site, e.g. permalink: /om/kontakt.html.',
  });
}
