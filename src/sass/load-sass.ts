/**
 * The seam to dart-sass (the `sass` package), loaded only by a build that has a stylesheet to
 * compile: it is some 5 MB of JavaScript that most builds never need. Loaded with `require`, which
 * works in the code-cached CLI bundle, where a dynamic import() has no callback to run it.
 */
import { createRequire } from 'node:module';

export type Sass = typeof import('sass');

export function loadSass(): Sass {
  return createRequire(import.meta.url)('sass') as Sass;
}
