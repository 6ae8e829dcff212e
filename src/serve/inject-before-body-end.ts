/**
 * Inserts a snippet before the last `</body>` of an HTML document, or appends it when there is
 * none (fragments, or pages that rely on the parser closing `<body>`). Works on bytes, not on a
 * decoded string, so a page in any ASCII-compatible encoding comes out byte-for-byte unchanged
 * apart from the insertion. Only ever applied to a response: files on disk are not touched.
 */

/** `</body>` with any case and optional whitespace before `>`, as HTML parsers accept it. */
const BODY_END = /<\/body\s*>/gi;

export function injectBeforeBodyEnd(html: Buffer, snippet: string): Buffer {
  // latin1 maps each byte to one UTF-16 unit, so string indexes are byte offsets.
  const text = html.toString('latin1');
  let at = -1;
  for (const match of text.matchAll(BODY_END)) at = match.index;
  const insert = Buffer.from(snippet, 'utf8');
  if (at === -1) return Buffer.concat([html, insert]);
  return Buffer.concat([html.subarray(0, at), insert, html.subarray(at)]);
}
