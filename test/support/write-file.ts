import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Writes `text` to `file` below `root`, making its folders. */
export function write(root: string, file: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
}
