/**
 * A run is accepted only when every expected page is in its output.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { countOutputs, rejectIncomplete } from '../../src/bench/count-outputs.ts';

const scratch = mkdtempSync(path.join(tmpdir(), 'tryck-bench-count-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const expected = ['index.html', '2020/01/02/a-1.html', '2020/01/03/b-2.html', '2021/05/06/c-3.html'];

function site(name: string, pages: string[]): string {
  const dir = path.join(scratch, name);
  for (const page of pages) {
    mkdirSync(path.dirname(path.join(dir, page)), { recursive: true });
    writeFileSync(path.join(dir, page), `<p>${page}</p>`);
  }
  return dir;
}

describe('counting a tool’s output', () => {
  it('accepts a complete output', () => {
    const dir = site('complete', expected);
    expect(countOutputs(dir, expected)).toEqual({ expected: 4, present: 4, missing: [] });
    expect(rejectIncomplete(dir, expected)).toBeUndefined();
  });

  it('rejects a run with a missing post page', () => {
    const dir = site('missing', expected.filter((page) => page !== '2020/01/03/b-2.html'));
    expect(countOutputs(dir, expected)).toEqual({ expected: 4, present: 3, missing: ['2020/01/03/b-2.html'] });
    expect(rejectIncomplete(dir, expected)).toMatch(/1 of 4 pages missing \(e\.g\. 2020\/01\/03\/b-2\.html\)/);
  });

  it('rejects an output folder that is not there at all', () => {
    expect(rejectIncomplete(path.join(scratch, 'nothing'), expected)).toMatch(/4 of 4 pages missing/);
  });

  it('rejects an edited build whose page lacks the edit', () => {
    const dir = site('edited', expected);
    expect(rejectIncomplete(dir, expected, { page: '2020/01/02/a-1.html', text: 'Redigerad mening' })).toMatch(/does not contain the edit/);
    expect(rejectIncomplete(dir, expected, { page: '2020/01/02/a-1.html', text: 'a-1.html' })).toBeUndefined();
  });
});
