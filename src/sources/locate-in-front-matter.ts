/**
 * Where in a file's front matter a value is written, for an error found after parsing (a date out
 * of range, a tag without letters): the first front matter line holding `needle`, or nothing.
 */
import { readFileSync } from 'node:fs';

export function locateInFrontMatter(absolutePath: string, needle: string): { line: number; column: number } | undefined {
  let text: string;
  try {
    text = readFileSync(absolutePath, 'utf8');
  } catch {
    return undefined;
  }
  const lines = text.split('\n');
  for (let i = 1; i < lines.length && !/^---\s*$/.test(lines[i]); i++) {
    const column = lines[i].indexOf(needle);
    if (column !== -1) return { line: i + 1, column: column + 1 };
  }
  return undefined;
}
