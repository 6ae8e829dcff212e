/**
 * A tool's run only counts if its output is complete: every post page (and the home page) is on disk.
 * A fast build that skipped pages is a failed run, never a time.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface OutputCount {
  expected: number;
  present: number;
  /** Up to ten of the missing pages, for the message. */
  missing: string[];
}

export function countOutputs(outputDir: string, expectedPages: readonly string[]): OutputCount {
  let present = 0;
  const missing: string[] = [];
  for (const page of expectedPages) {
    if (existsSync(path.join(outputDir, page))) present++;
    else if (missing.length < 10) missing.push(page);
  }
  return { expected: expectedPages.length, present, missing };
}

/** Why a run must be rejected, or undefined when its output is complete (and contains `mustContain`). */
export function rejectIncomplete(
  outputDir: string,
  expectedPages: readonly string[],
  mustContain?: { page: string; text: string },
): string | undefined {
  const count = countOutputs(outputDir, expectedPages);
  if (count.present < count.expected) {
    return `${count.expected - count.present} of ${count.expected} pages missing (e.g. ${count.missing.slice(0, 3).join(', ')})`;
  }
  if (mustContain) {
    const file = path.join(outputDir, mustContain.page);
    if (!readFileSync(file, 'utf8').includes(mustContain.text)) return `${mustContain.page} does not contain the edit`;
  }
  return undefined;
}
