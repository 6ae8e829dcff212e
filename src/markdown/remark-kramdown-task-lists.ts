/**
 * GFM task lists as kramdown-parser-gfm 1.1.0 makes them (GFM#parse_list): a list item whose first
 * block is a paragraph starting with `[ ]` or `[x]`/`[X]` and whitespace gets a disabled checkbox in
 * place of that marker. Quirks reproduced: from the first task item on, every later item that starts
 * with a paragraph gets `class="task-list-item"` (earlier ones do not), replacing any class an IAL
 * gave it, and the list gets `class="task-list"`.
 */
import type { List, Parents, PhrasingContent, Root, RootContent } from 'mdast';

const UNCHECKED = /^\s*\[ \]\s+/;
const CHECKED = /^\s*\[x\]\s+/i;

export function remarkKramdownTaskLists() {
  return (tree: Root): void => {
    walk(tree);
  };
}

function walk(parent: Parents): void {
  for (const node of parent.children as RootContent[]) {
    if ('children' in node) walk(node);
    if (node.type === 'list') markTasks(node);
  }
}

function markTasks(list: List): void {
  let isTaskList = false;
  for (const item of list.children) {
    const paragraph = item.children[0];
    if (paragraph?.type !== 'paragraph') continue;
    const text = paragraph.children[0];
    if (text?.type === 'text') {
      const marker = UNCHECKED.exec(text.value) ?? CHECKED.exec(text.value);
      if (marker) {
        isTaskList = true;
        text.value = text.value.slice(marker[0].length);
        paragraph.children.unshift(checkbox(!marker[0].includes(' ]')));
      }
    }
    if (isTaskList) ((item.data ??= {}).hProperties ??= {}).className = ['task-list-item'];
  }
  if (isTaskList) ((list.data ??= {}).hProperties ??= {}).className = ['task-list'];
}

/** An `<input>` for remark-rehype (data.hName), without raw HTML to parse. */
function checkbox(checked: boolean): PhrasingContent {
  // kramdown-parser-gfm sets them as disabled="disabled" and checked="checked".
  const properties: Record<string, string | boolean> = { type: 'checkbox', className: 'task-list-item-checkbox', disabled: 'disabled' };
  if (checked) properties.checked = 'checked';
  return { type: 'kramdownTaskCheckbox', data: { hName: 'input', hProperties: properties }, children: [] } as unknown as PhrasingContent;
}
