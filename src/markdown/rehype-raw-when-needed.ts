/**
 * rehype-raw, only when there is raw HTML to parse. Re-parsing a whole tree through an HTML parser is
 * the costliest step after Markdown parsing itself, and most posts hold no raw HTML but an HTML
 * comment such as `<!--more-->`, which becomes a comment node directly.
 */
import type { Element, Root, RootContent, Text } from 'hast';
import { raw } from 'hast-util-raw';
import type { VFile } from 'vfile';

const LONE_COMMENT = /^<!--(?!>|->)([\s\S]*?)-->$/;

export function rehypeRawWhenNeeded() {
  return (tree: Root, file: VFile): Root => {
    if (!replaceCommentsFindRaw(tree)) return tree;
    protectLeadingNewlines(tree);
    file.data.rawHtmlRanges = rawRanges(tree);
    return raw(tree, { file }) as Root;
  };
}

/**
 * The HTML parser drops a newline right after `<pre>` — even through a `<code>` start tag — which
 * would eat the first line of a code block that starts blank. Doubling it keeps one.
 */
function protectLeadingNewlines(parent: Root | Element): void {
  for (const node of parent.children) {
    if (node.type !== 'element') continue;
    if (node.tagName === 'pre') {
      const first = firstText(node);
      if (first && first.value.startsWith('\n')) first.value = `\n${first.value}`;
    } else {
      protectLeadingNewlines(node);
    }
  }
}

function firstText(node: Element): Text | undefined {
  const child = node.children[0];
  if (!child) return undefined;
  if (child.type === 'text') return child;
  return child.type === 'element' ? firstText(child) : undefined;
}

/** Where the raw nodes are in the source, so the serialiser can tell the elements parsed from them. */
function rawRanges(parent: { children: RootContent[] }, ranges: Array<readonly [number, number]> = []): Array<readonly [number, number]> {
  for (const node of parent.children) {
    if (node.type === 'raw') {
      const start = node.position?.start?.offset;
      const end = node.position?.end?.offset;
      if (start !== undefined && end !== undefined) ranges.push([start, end]);
    } else if ('children' in node) {
      rawRanges(node, ranges);
    }
  }
  return ranges;
}

/** Turns raw nodes that are one comment into comment nodes; true when other raw HTML remains. */
function replaceCommentsFindRaw(parent: { children: RootContent[] }): boolean {
  let needsParser = false;
  for (let i = 0; i < parent.children.length; i++) {
    const node = parent.children[i];
    if (node.type === 'raw') {
      const comment = LONE_COMMENT.exec(node.value);
      // "--" inside a comment, or "--!>", is where HTML parsers and a plain copy part ways: let the parser decide.
      if (comment && !comment[1].includes('--')) parent.children[i] = { type: 'comment', value: comment[1], position: node.position };
      else needsParser = true;
    } else if ('children' in node && replaceCommentsFindRaw(node)) {
      needsParser = true;
    }
  }
  return needsParser;
}
