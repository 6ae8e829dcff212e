/**
 * The report: a table per corpus size with medians of the accepted runs, failed runs shown as failed,
 * and tryck's speed-up over each peer.
 */
import { describe, expect, it } from 'vitest';
import { formatDuration, formatRatios, formatReport, formatTable, median, type Sample, type SizeResult, type ToolResult } from '../../src/bench/format-report.ts';

const ok = (seconds: number, mb = 100): Sample => ({ ok: true, milliseconds: seconds * 1000, maxRssKb: mb * 1024 });

function tool(name: string, label: string, samples: Partial<ToolResult['samples']>, extra: Partial<ToolResult> = {}): ToolResult {
  return { tool: name, label, samples: { cold: [], warm: [], edit: [], watch: [], ...samples }, ...extra };
}

const size: SizeResult = {
  posts: 1000,
  markdownBytes: 6_100_000,
  runs: 3,
  tools: [
    tool('tryck', 'tryck', { cold: [ok(2, 200), ok(3, 250), ok(2.5, 210)], warm: [ok(0.4), ok(0.5), ok(0.3)], edit: [ok(0.6), ok(0.6), ok(0.6)], watch: [ok(0.04), ok(0.05), ok(0.045)] }),
    tool('jekyll', 'Jekyll', { cold: [ok(10, 300), ok(11, 320), ok(9, 310)], warm: [ok(5), ok(5), ok(5)], edit: [ok(6), { ok: false, milliseconds: 1000, error: '1 of 1001 pages missing' }, ok(6)] }, { version: '4.3.1' }),
    tool('eleventy', 'Eleventy', { cold: [ok(2), ok(2), ok(2)], warm: [{ ok: false, error: 'exit code 1' }], edit: [] }),
  ],
};

describe('the report', () => {
  it('takes medians', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeUndefined();
    expect(formatDuration(45.2)).toBe('45 ms');
    expect(formatDuration(2500)).toBe('2.50 s');
    expect(formatDuration(67_000)).toBe('67.0 s');
  });

  it('prints one row per tool with medians, failures and peak memory', () => {
    const table = formatTable(size);
    const lines = table.split('\n');
    expect(lines[0]).toBe('1000 posts, 6.1 MB of Markdown; medians of 3 runs');
    expect(lines[2]).toMatch(/^\| Tool +\| +cold \| +warm \| +edit 1 post \| +watch \| peak RSS \|$/);
    expect(lines[3]).toMatch(/^\|-+\|-+:\|-+:\|-+:\|-+:\|-+:\|$/);
    const row = (label: string) => lines.find((line) => line.startsWith(`| ${label}`))!.split('|').map((cell) => cell.trim()).slice(1, -1);
    expect(row('tryck')).toEqual(['tryck', '2.50 s', '400 ms', '600 ms', '45 ms', '250 MB']);
    expect(row('Jekyll')).toEqual(['Jekyll 4.3.1', '10.0 s', '5.00 s', '6.00 s (1 failed)', '–', '320 MB']);
    expect(row('Eleventy')).toEqual(['Eleventy', '2.00 s', 'failed', '–', '–', '100 MB']);
    expect(new Set(lines.slice(2).map((line) => line.length)).size).toBe(1);
  });

  it('puts the ratio to each peer in the headline', () => {
    expect(formatRatios(size)).toEqual([
      'cold: tryck 4.00× faster than Jekyll, 1.25× slower than Eleventy',
      'warm: tryck 12.50× faster than Jekyll',
      'edit: tryck 10.00× faster than Jekyll',
      "peak RSS: tryck uses 0.78× Jekyll's, 2.50× Eleventy's",
    ]);
  });

  it('lists failed runs and skipped tools under the table', () => {
    const report = formatReport({
      date: '2025-01-01T00:00:00Z',
      machine: { cpus: 2, memoryMb: 4096, node: 'v20', platform: 'linux' },
      sizes: [{ ...size, tools: [...size.tools, tool('jekyll', 'Jekyll', {}, { skipped: 'the `jekyll` command is not on PATH' })] }],
    });
    expect(report).toContain('Failed runs (not timed):\n  Jekyll edit: 1 of 1001 pages missing\n  Eleventy warm: exit code 1');
    expect(report).toContain('Jekyll skipped: the `jekyll` command is not on PATH');
    expect(report).toMatch(/\| Jekyll +\| +skipped \|/);
  });
});
