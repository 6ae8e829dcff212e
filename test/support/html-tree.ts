/**
 * Compares HTML as trees, not bytes: two documents are equal when they parse to the same elements,
 * attributes and text, ignoring whitespace between block elements and runs of whitespace in text.
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
  const tree = fromHtml(html, { fragment: !document });
  const lines: string[] = [];
  walk(tree, 0, lines, false);
  return lines.join('\n');
}

function walk(node: Nodes, depth: number, lines: string[], preformatted: boolean): void {
  const pad = '  '.repeat(depth);
  switch (node.type) {
    case 'root':
      for (const child of node.children) walk(child, depth, lines, preformatted);
      return;
    case 'doctype':
      lines.push(`${pad}<!doctype>`);
      return;
    case 'comment':
      lines.push(`${pad}<!--${node.value.trim()}-->`);
      return;
    case 'text': {
      const text = preformatted ? node.value : node.value.replace(/\s+/g, ' ').trim();
      if (text) lines.push(`${pad}${JSON.stringify(text)}`);
      return;
    }
    case 'element': {
      lines.push(`${pad}<${node.tagName}${formatProperties(node)}>`);
      const pre = preformatted || node.tagName === 'pre' || node.tagName === 'textarea';
      const children = node.tagName === 'template' && node.content ? node.content.children : node.children;
      for (const child of children) walk(child, depth + 1, lines, pre);
      return;
    }
    default:
      return;
  }
}

function formatProperties(element: Element): string {
  const entries = Object.entries(element.properties ?? {})
    .filter(([, value]) => value !== undefined && value !== null && value !== false)
    .map(([key, value]) => [key, Array.isArray(value) ? value.join(' ') : String(value)] as const)
    .sort(([a], [b]) => a.localeCompare(b));
  return entries.map(([key, value]) => ` ${key}=${JSON.stringify(value)}`).join('');
}
