/**
 * The folder of tryck's own package.json, found by walking up from this module. It works the same
 * from the TypeScript sources (src/) and from the compiled bundle (dist/).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

export function packageRoot(): string {
  if (root) return root;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('tryck: cannot find its package.json');
    dir = parent;
  }
  root = dir;
  return root;
}

/** True when running from the compiled bundle rather than the TypeScript sources. */
export function isCompiled(): boolean {
  return !import.meta.url.endsWith('.ts');
}
