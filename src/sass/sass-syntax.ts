/**
 * Which Sass syntax a file is in, by its extension, as jekyll-sass-converter's converters match them
 * (Scss: /^\.scss$/i, Sass: /^\.sass$/i).
 */
export type SassSyntax = 'scss' | 'indented';

export function sassSyntaxOf(relativePath: string): SassSyntax | undefined {
  const ext = /\.[^./]*$/.exec(relativePath)?.[0].toLowerCase();
  if (ext === '.scss') return 'scss';
  if (ext === '.sass') return 'indented';
  return undefined;
}

/**
 * Jekyll's `asset_file?` (Convertible#sass_file?): an exact, case-sensitive `.scss`/`.sass`, which
 * is never placed in a layout.
 */
export function isSassAsset(relativePath: string): boolean {
  return /\.s[ac]ss$/.test(relativePath);
}
