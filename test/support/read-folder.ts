/** Every file below a folder, by its path relative to the folder: for comparing whole sites. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export function readFolder(dir: string, encoding: BufferEncoding = 'utf8'): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (relative: string): void => {
    for (const name of readdirSync(path.join(dir, relative))) {
      const child = relative ? `${relative}/${name}` : name;
      if (statSync(path.join(dir, child)).isDirectory()) walk(child);
      else files.set(child, readFileSync(path.join(dir, child), encoding));
    }
  };
  walk('');
  return files;
}
