/**
 * Stylesheets compared by what they say, not how they are laid out: Jekyll's oracle (Debian's
 * jekyll-sass-converter 2.2 on libsass) formats CSS differently from dart-sass, which tryck and
 * jekyll-sass-converter 3 use. Both sides are re-serialised by dart-sass, compressed, so spacing,
 * `black`/`#000` and comments do not count; a colour dart-sass keeps at full precision
 * (`rgb(0%, 23.92%, 15.8%)` from `darken`) is rounded to the 8-bit value libsass wrote.
 */
import * as sass from 'sass';

export function canonicalCss(css: string): string {
  const rounded = css
    .replace(/\/\*# sourceMappingURL=[^*]*\*\//g, '')
    .replace(/rgba?\(\s*([\d.]+)%\s*,?\s*([\d.]+)%\s*,?\s*([\d.]+)%\s*\)/g, (_, r: string, g: string, b: string) =>
      `#${[r, g, b].map((value) => Math.round(Number(value) * 2.55).toString(16).padStart(2, '0')).join('')}`,
    );
  // Read as SCSS, so that colours are values and print in their shortest form (`black` = `#000`).
  for (const syntax of ['scss', 'css'] as const) {
    try {
      return sass.compileString(rounded, { syntax, style: 'compressed', logger: sass.Logger.silent }).css.replace(/\}/g, '}\n');
    } catch {
      // Not valid SCSS (a hack only CSS allows): read as CSS, or compare the text.
    }
  }
  return rounded;
}

/**
 * A source map compared by what a reader of it relies on: the CSS file it maps, the sources it
 * names (by file name: libsass names them from the output folder, dart-sass from the site, and
 * each orders them its own way) and their text. The mappings themselves differ between compilers,
 * and libsass keeps an indented `.sass` file's text converted to SCSS.
 */
export function canonicalSourceMap(text: string): string {
  const map = JSON.parse(text) as { version?: number; file?: string; sources?: string[]; sourcesContent?: string[] };
  const sources = (map.sources ?? [])
    .map((source, i) => ({ name: source.split('/').at(-1) ?? '', text: /\.sass$/i.test(source) ? '(indented syntax)' : map.sourcesContent?.[i] }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return JSON.stringify({ version: map.version, file: map.file, sources }, null, 1);
}
