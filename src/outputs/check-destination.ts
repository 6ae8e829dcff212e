/**
 * Where a build may write. The destination is replaced whole by each build, so it must be a folder
 * (or not exist yet), never the source, never a folder that holds the source, and, when
 * `_config.yml` names it (a pull request can change that file), inside the source or the working
 * directory: a site's own
 * files do not get to choose a folder elsewhere on the machine to empty.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import type { SiteConfig } from '../config/site-config.ts';
import { BuildError } from '../errors.ts';
import { isInside } from '../resolve-inside.ts';

export function checkDestination(config: SiteConfig, fromCommandLine: boolean): void {
  const { source, destination } = config;
  if (isInside(destination, source)) {
    throw new BuildError(
      destination === source
        ? `The destination ${destination} is the source folder: the build would replace the source with the site.`
        : `The destination ${destination} holds the source folder: the build would replace the source with the site.`,
      { hint: 'Choose a destination inside the source, such as _site, or a new folder elsewhere.' },
    );
  }
  // Jekyll resolves the destination against the working directory (its default `_site` lands there).
  const workingDirectory = process.cwd();
  const inWorkingDirectory = workingDirectory !== path.parse(workingDirectory).root && isInside(workingDirectory, destination);
  if (!fromCommandLine && !isInside(source, destination) && !inWorkingDirectory) {
    throw new BuildError(`destination: ${destination} is outside the site folder and the working directory; a site's own configuration may not write elsewhere.`, {
      file: '_config.yml',
      hint: 'Remove destination from _config.yml and pass the folder on the command line: tryck build -d FOLDER.',
    });
  }
  let stat;
  try {
    stat = statSync(destination);
  } catch {
    return;
  }
  if (!stat.isDirectory()) {
    throw new BuildError(`The destination ${destination} is a file, not a folder; the build would delete it.`, {
      hint: 'Choose another destination, or remove the file if it is not needed.',
    });
  }
}
