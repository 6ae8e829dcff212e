/**
 * The seam to dart-sass (the `sass` package), loaded only by a build that has a stylesheet to
 * compile: it is some 5 MB of JavaScript that most builds never need.
 */
export type Sass = typeof import('sass');

export async function loadSass(): Promise<Sass> {
  return await import('sass');
}
