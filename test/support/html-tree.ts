/**
 * Compares HTML as trees, not bytes: two documents are equal when they parse to the same elements,
 * attributes and rendered text. Whitespace is compared as a browser renders it (CSS
 * `white-space: normal`, approximated on the DOM): runs collapse to one space, a space at the start
 * or end of a line (a block boundary or `<br>`) is dropped, and so is a space that follows another
 * one, even across inline elements. So `foo <a>bar</a>` ≠ `foo<a>bar</a>`, but the newlines between
 * block elements do not count. Inside `pre` and `textarea` text is compared exactly.
 * The canonical form is one node per line, so a failing assertion shows a readable diff.
 */
import { fromHtml } from 'hast-util-from-html';
import type { Nodes, Element } from 'hast';

export interface CanonicalHtmlOptions {
  /** Parse as a whole document (`<html>…`) rather than a fragment. Default: detected from a doctype or `<html`. */
  document?: boolean;
}

export function canonicalHtml(html: string, options: CanonicalHtmlOptions = {}): string {
  const document = options.document ?? /^\s*(<!doctype|<html)/i.test(html);
  const tree = toRenderTree(fromHtml(html, { fragment: !document }), 'normal');
  collapseForward(tree.children, { afterSpace: true });
  collapseBackward(tree.children, { beforeLineEnd: true });
  const lines: string[] = [];
  for (const child of tree.children) writeNode(child, 0, lines);
  return lines.join('\n');
}

/** A copy of the hast tree that the whitespace passes may rewrite. */
type RenderNode =
  | { type: 'text'; value: string; exact: boolean }
  | { type: 'comment'; value: string }
  | { type: 'doctype' }
  | { type: 'element'; tagName: string; properties: string; layout: Layout; children: RenderNode[] };

/**
 * How an element takes part in line layout: a block starts and ends a line; an atomic inline box
 * (an image, a form control) counts as content; a hidden one is not rendered at all.
 */
type Layout = 'block' | 'inline' | 'atomic' | 'hidden';

type TextMode = 'normal' | 'exact' | 'code';

const BLOCK = new Set(
  ('html head body title address article aside blockquote center details dialog dd dir div dl dt fieldset ' +
    'figcaption figure footer form frameset frame h1 h2 h3 h4 h5 h6 header hgroup hr li main menu nav noscript ol ' +
    'optgroup option p pre search section summary table caption colgroup col thead tbody tfoot tr td th ul legend br')
    .split(' '),
);
const HIDDEN = new Set('script style template meta link base source track param area datalist noembed noframes'.split(' '));
const ATOMIC = new Set('img input button select textarea video audio iframe canvas object embed meter progress svg math'.split(' '));
/** Whitespace inside is rendered as written. */
const PRESERVED = new Set(['pre', 'textarea', 'listing', 'plaintext']);
/** Code, not rendered text: only runs and the ends of its whitespace are normalised. */
const RAW_TEXT = new Set(['script', 'style', 'noembed', 'noframes', 'xmp']);

function toRenderTree(node: Nodes, mode: TextMode): Extract<RenderNode, { type: 'element' }> {
  const root = { type: 'element' as const, tagName: '#root', properties: '', layout: 'block' as Layout, children: [] as RenderNode[] };
  if (node.type === 'root') root.children = convertChildren(node.children, mode);
  return root;
}

function convertChildren(nodes: readonly Nodes[], mode: TextMode): RenderNode[] {
  const out: RenderNode[] = [];
  for (const node of nodes) {
    const converted = convertNode(node, mode);
    if (converted) out.push(converted);
  }
  return out;
}

function convertNode(node: Nodes, mode: TextMode): RenderNode | undefined {
  switch (node.type) {
    case 'doctype':
      return { type: 'doctype' };
    case 'comment':
      return { type: 'comment', value: node.value.trim() };
    case 'text':
      if (mode === 'code') return { type: 'text', value: node.value.replace(/\s+/g, ' ').trim(), exact: true };
      return { type: 'text', value: node.value, exact: mode === 'exact' };
    case 'element': {
      const tagName = node.tagName;
      const childMode: TextMode = RAW_TEXT.has(tagName) ? 'code' : PRESERVED.has(tagName) ? 'exact' : mode;
      const children = tagName === 'template' && node.content ? node.content.children : node.children;
      return { type: 'element', tagName, properties: formatProperties(node), layout: layoutOf(tagName), children: convertChildren(children, childMode) };
    }
    default:
      return undefined;
  }
}

function layoutOf(tagName: string): Layout {
  if (HIDDEN.has(tagName)) return 'hidden';
  if (BLOCK.has(tagName)) return 'block';
  if (ATOMIC.has(tagName)) return 'atomic';
  return 'inline';
}

/** Collapses runs, and drops a space at a line start or right after another collapsible space. */
function collapseForward(nodes: RenderNode[], state: { afterSpace: boolean }): void {
  for (const node of nodes) {
    if (node.type === 'text') {
      if (node.exact) continue;
      let value = node.value.replace(/[ \t\n\f\r]+/g, ' ');
      if (state.afterSpace && value.startsWith(' ')) value = value.slice(1);
      node.value = value;
      if (value) state.afterSpace = value.endsWith(' ');
    } else if (node.type === 'element') {
      if (node.layout === 'hidden') collapseForward(node.children, { afterSpace: true });
      else if (node.layout === 'atomic') {
        collapseForward(node.children, { afterSpace: true });
        state.afterSpace = false;
      } else if (node.layout === 'block') {
        state.afterSpace = true;
        collapseForward(node.children, state);
        state.afterSpace = true;
      } else collapseForward(node.children, state);
    }
  }
}

/** Drops a space right before a line end (a block boundary or `<br>`). */
function collapseBackward(nodes: RenderNode[], state: { beforeLineEnd: boolean }): void {
  for (let index = nodes.length - 1; index >= 0; index--) {
    const node = nodes[index];
    if (node.type === 'text') {
      if (node.exact) continue;
      if (state.beforeLineEnd && node.value.endsWith(' ')) node.value = node.value.slice(0, -1);
      if (node.value) state.beforeLineEnd = false;
    } else if (node.type === 'element') {
      if (node.layout === 'hidden') collapseBackward(node.children, { beforeLineEnd: true });
      else if (node.layout === 'atomic') {
        collapseBackward(node.children, { beforeLineEnd: true });
        state.beforeLineEnd = false;
      } else if (node.layout === 'block') {
        state.beforeLineEnd = true;
        collapseBackward(node.children, state);
        state.beforeLineEnd = true;
      } else collapseBackward(node.children, state);
    }
  }
}

function writeNode(node: RenderNode, depth: number, lines: string[]): void {
  const pad = '  '.repeat(depth);
  switch (node.type) {
    case 'doctype':
      lines.push(`${pad}<!doctype>`);
      return;
    case 'comment':
      lines.push(`${pad}<!--${node.value}-->`);
      return;
    case 'text': {
      // Texts a comment or a dropped node split are written one by one; empty ones not at all.
      if (node.value) lines.push(`${pad}${JSON.stringify(node.value)}`);
      return;
    }
    case 'element':
      lines.push(`${pad}<${node.tagName}${node.properties}>`);
      for (const child of node.children) writeNode(child, depth + 1, lines);
  }
}

function formatProperties(element: Element): string {
  const entries = Object.entries(element.properties ?? {})
    .filter(([, value]) => value !== undefined && value !== null && value !== false)
    .map(([key, value]) => [key, Array.isArray(value) ? value.join(' ') : String(value)] as const)
    .sort(([a], [b]) => a.localeCompare(b));
  return entries.map(([key, value]) => ` ${key}=${JSON.stringify(value)}`).join('');
}
