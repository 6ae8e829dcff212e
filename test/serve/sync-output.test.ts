import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { syncOutput } from '../../src/serve/sync-output.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('writing the watcher output', () => {
  // A saved post's page is written at once, and the rebuild that follows may write it too.
  it('lets two writes of the same pages run at once: neither fails, and each page holds one of the texts', async () => {
    const destination = mkdtempSync(path.join(tmpdir(), 'tryck-sync-'));
    dirs.push(destination);
    const pages = (text: string) => new Map(Array.from({ length: 20 }, (_, i) => [`2024/01/0${i % 9 + 1}/sida-${i}.html`, { contents: `${text} ${i}` }] as const));
    const results = await Promise.allSettled([syncOutput(destination, new Map(), pages('äldre')), syncOutput(destination, new Map(), pages('nyare'))]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled']);
    for (let i = 0; i < 20; i++) {
      expect([`äldre ${i}`, `nyare ${i}`]).toContain(readFileSync(path.join(destination, `2024/01/0${i % 9 + 1}/sida-${i}.html`), 'utf8'));
    }
    // No temporary file is left behind.
    for (const day of readdirSync(path.join(destination, '2024/01'))) {
      expect(readdirSync(path.join(destination, '2024/01', day)).filter((name) => name.startsWith('.'))).toEqual([]);
    }
  });
});
