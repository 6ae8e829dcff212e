/**
 * Decides, per list item, whether its first paragraph is wrapped in `<p>`, as kramdown does.
 *
 * CommonMark makes a whole list loose or tight; kramdown (parse_list in kramdown 2.4.0
 * parser/kramdown/list.rb) makes the first paragraph of an item "transparent" (no `<p>`) when no
 * blank line follows it, except that the last item of a list is transparent only if it has no
 * other blocks, and only when the list has one item or an earlier item was transparent or did not
 * start with a paragraph. So `- a\n- b\n\n- c` gives `a`, `<p>b</p>`, `c`.
 *
 * Every list is marked loose here, and transparent items get a marker that
 * rehypeKramdownListItems uses to unwrap their first paragraph.
 */
import type { Root, List, ListItem, Parents, RootContent } from 'mdast';

export const TRANSPARENT_MARKER = 'dataTryckTransparent';

export function remarkKramdownListItems() {
  return (tree: Root): void => {
    walk(tree);
  };
}

function walk(parent: Parents): void {
  for (const node of parent.children as RootContent[]) {
    if (node.type === 'list') markItems(node);
    if ('children' in node) walk(node);
  }
}

function markItems(list: List): void {
  list.spread = true;
  const transparent: boolean[] = [];
  list.children.forEach((item, index) => {
    item.spread = true;
    const isLast = index === list.children.length - 1;
    const result = isTransparent(item, list.children[index + 1], isLast) &&
      (!isLast || list.children.length === 1 || list.children.slice(0, -1).some((earlier, i) => earlier.children[0]?.type !== 'paragraph' || transparent[i]));
    transparent.push(result);
    if (result) ((item.data ??= {}).hProperties ??= {})[TRANSPARENT_MARKER] = '';
  });
}

function isTransparent(item: ListItem, next: ListItem | undefined, isLast: boolean): boolean {
  const [first, second] = item.children;
  if (first?.type !== 'paragraph') return false;
  if (second) return !blankLineBetween(first, second);
  // A blank line after the item's only paragraph counts, except after the list's last item.
  return isLast || next === undefined || !blankLineBetween(first, next);
}

function blankLineBetween(before: RootContent, after: RootContent | ListItem): boolean {
  const end = before.position?.end.line;
  const start = after.position?.start.line;
  return end !== undefined && start !== undefined && start > end + 1;
}
