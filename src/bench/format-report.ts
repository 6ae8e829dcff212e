/**
 * The benchmark's results and their report: one table per corpus size (rows: tools; columns: cold,
 * warm, one post edited, watch latency, peak memory; each a median of the accepted runs), then the
 * headline, tryck's speed-up over each peer.
 */
export type Metric = 'cold' | 'warm' | 'edit' | 'watch';
export const METRICS: Metric[] = ['cold', 'warm', 'edit', 'watch'];

export interface Sample {
  ok: boolean;
  milliseconds?: number;
  maxRssKb?: number;
  error?: string;
}

export interface ToolResult {
  tool: string;
  label: string;
  version?: string;
  /** Why the tool was not run (not installed). */
  skipped?: string;
  samples: Record<Metric, Sample[]>;
  /** Peak memory of the watch process, reported apart from the builds'. */
  watchMaxRssKb?: number;
}

export interface SizeResult {
  posts: number;
  markdownBytes: number;
  runs: number;
  tools: ToolResult[];
}

export interface BenchResults {
  date: string;
  machine: { cpus: number; memoryMb: number; node: string; platform: string };
  sizes: SizeResult[];
}

export function median(values: number[]): number | undefined {
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Median time of the accepted runs; undefined when none was accepted or the metric was not measured. */
export function medianTime(samples: Sample[]): number | undefined {
  return median(samples.filter((s) => s.ok && s.milliseconds !== undefined).map((s) => s.milliseconds!));
}

/** The highest resident memory any of the tool's accepted builds reached, in kilobytes. */
export function peakRss(result: ToolResult): number | undefined {
  const values = (['cold', 'warm', 'edit'] as const).flatMap((m) => result.samples[m]).filter((s) => s.ok && s.maxRssKb).map((s) => s.maxRssKb!);
  return values.length ? Math.max(...values) : undefined;
}

export function formatDuration(milliseconds: number): string {
  if (milliseconds < 1000) return `${milliseconds < 10 ? milliseconds.toFixed(1) : Math.round(milliseconds)} ms`;
  return `${(milliseconds / 1000).toFixed(milliseconds < 10_000 ? 2 : 1)} s`;
}

export function formatMemory(kilobytes: number): string {
  return `${Math.round(kilobytes / 1024)} MB`;
}

function timeCell(samples: Sample[]): string {
  if (!samples.length) return '–';
  const accepted = samples.filter((s) => s.ok).length;
  const value = medianTime(samples);
  if (value === undefined) return 'failed';
  return accepted < samples.length ? `${formatDuration(value)} (${samples.length - accepted} failed)` : formatDuration(value);
}

export function formatTable(size: SizeResult): string {
  const header = ['Tool', 'cold', 'warm', 'edit 1 post', 'watch', 'peak RSS'];
  const rows = size.tools.map((tool) => {
    if (tool.skipped) return [tool.label, 'skipped', '', '', '', ''];
    const rss = peakRss(tool);
    return [tool.version ? `${tool.label} ${tool.version}` : tool.label, ...METRICS.map((m) => timeCell(tool.samples[m])), rss ? formatMemory(rss) : '–'];
  });
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]): string =>
    `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  const title = `${size.posts} posts, ${(size.markdownBytes / 1e6).toFixed(1)} MB of Markdown; medians of ${size.runs} run${size.runs === 1 ? '' : 's'}`;
  return [title, '', line(header), rule, ...rows.map(line)].join('\n');
}

/** "cold: tryck 3.10× faster than Jekyll, 1.25× slower than Eleventy": peer median ÷ tryck median, per metric. */
export function formatRatios(size: SizeResult, subject = 'tryck'): string[] {
  const own = size.tools.find((t) => t.tool === subject);
  if (!own || own.skipped) return [];
  const peers = size.tools.filter((t) => t.tool !== subject && !t.skipped);
  const lines: string[] = [];
  for (const metric of METRICS) {
    const mine = medianTime(own.samples[metric]);
    if (mine === undefined) continue;
    const parts = peers.flatMap((peer) => {
      const theirs = medianTime(peer.samples[metric]);
      if (theirs === undefined) return [];
      const ratio = theirs / mine;
      return [ratio >= 1 ? `${ratio.toFixed(2)}× faster than ${peer.label}` : `${(1 / ratio).toFixed(2)}× slower than ${peer.label}`];
    });
    if (parts.length) lines.push(`${metric}: ${subject} ${parts.join(', ')}`);
  }
  const myRss = peakRss(own);
  if (myRss) {
    const parts = peers.flatMap((peer) => {
      const theirs = peakRss(peer);
      return theirs ? [`${(myRss / theirs).toFixed(2)}× ${peer.label}'s`] : [];
    });
    if (parts.length) lines.push(`peak RSS: ${subject} uses ${parts.join(', ')}`);
  }
  return lines;
}

export function formatReport(results: BenchResults): string {
  const blocks = results.sizes.map((size) => {
    const ratios = formatRatios(size);
    const failures = size.tools.flatMap((tool) =>
      METRICS.flatMap((metric) => tool.samples[metric].filter((s) => !s.ok).map((s) => `${tool.label} ${metric}: ${s.error}`)),
    );
    return [
      formatTable(size),
      ...(ratios.length ? ['', ...ratios] : []),
      ...(failures.length ? ['', 'Failed runs (not timed):', ...failures.map((f) => `  ${f}`)] : []),
      ...size.tools.filter((t) => t.skipped).map((t) => `${t.label} skipped: ${t.skipped}`),
    ].join('\n');
  });
  const { machine } = results;
  return `${blocks.join('\n\n')}\n\n${machine.cpus} CPUs, ${Math.round(machine.memoryMb / 1024)} GB, Node ${machine.node}, ${machine.platform}. cold: no output, no cache; warm: rebuilt with nothing changed; edit: one sentence appended to one post, rebuilt; watch: tryck watch, from saving a post to its page on disk.\n`;
}
