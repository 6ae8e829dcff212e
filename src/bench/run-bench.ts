/**
 * `tryck bench` (`npm run bench`): for each corpus size, generate the corpus, then build it with tryck,
 * Jekyll and Eleventy, one process at a time: cold, warm and one-post-edited builds, several runs each,
 * and tryck's watch-mode latency. The runs go in rounds, each tool once per round, so a machine whose
 * speed drifts during the bench (this one's does, by half over twenty minutes) slows every tool alike
 * and the ratios stay fair. A run counts only when every post page is in the output. Progress goes to
 * stderr, the tables to stdout.
 *
 * Settings beyond the command line's `--posts`, from the environment:
 *   BENCH_RUNS=3        runs per measurement (median reported)
 *   BENCH_DIR=…         where corpora and outputs go (default: <tmp>/tryck-bench)
 *   BENCH_TOOLS=tryck,jekyll,eleventy   which tools to run
 *   BENCH_JSON=file     also write the results as JSON
 *   BENCH_SEED=n        the corpus seed
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CommandLine } from '../cli/parse-arguments.ts';
import { rejectIncomplete } from './count-outputs.ts';
import { formatReport, formatDuration, formatMemory, METRICS, type BenchResults, type Metric, type Sample, type SizeResult, type ToolResult } from './format-report.ts';
import { DEFAULT_SEED, editSentence, generateCorpus, type CorpusManifest } from './generate-corpus.ts';
import { hasGnuTime, runMeasured } from './measure-process.ts';
import { ALL_TOOLS, toolVersion, type Tool } from './tools.ts';
import { measureWatchLatency } from './watch-latency.ts';

export const DEFAULT_SIZES = [1000, 4000];

export interface BenchOptions {
  sizes: number[];
  runs: number;
  workDir: string;
  /** The blog whose layouts, includes, data, assets and home page the corpus uses. */
  blogRoot: string;
  tools: Tool[];
  seed: number;
  json?: string;
  log: (line: string) => void;
}

export function benchOptions(args: CommandLine, env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const runs = env.BENCH_RUNS === undefined ? 3 : Number(env.BENCH_RUNS);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`BENCH_RUNS must be a whole number of at least 1, not '${env.BENCH_RUNS}'.`);
  const names = env.BENCH_TOOLS?.split(',').map((name) => name.trim().toLowerCase()).filter(Boolean);
  const unknown = names?.filter((name) => !ALL_TOOLS.some((tool) => tool.name === name));
  if (unknown?.length) throw new Error(`BENCH_TOOLS: unknown tool ${unknown.join(', ')} (tryck, jekyll, eleventy).`);
  return {
    sizes: args.posts?.length ? args.posts : DEFAULT_SIZES,
    runs,
    workDir: path.resolve(env.BENCH_DIR ?? path.join(os.tmpdir(), 'tryck-bench')),
    blogRoot: path.resolve(args.source),
    tools: names ? ALL_TOOLS.filter((tool) => names.includes(tool.name)) : ALL_TOOLS,
    seed: env.BENCH_SEED === undefined ? DEFAULT_SEED : Number(env.BENCH_SEED),
    json: env.BENCH_JSON,
    log: args.quiet ? () => undefined : (line) => process.stderr.write(`${line}\n`),
  };
}

/** The CLI entry. */
export async function runBench(args: CommandLine, overrides: Partial<BenchOptions> = {}): Promise<number> {
  const options = { ...benchOptions(args), ...overrides };
  const results = await benchmark(options);
  process.stdout.write(formatReport(results));
  if (options.json) {
    writeFileSync(options.json, `${JSON.stringify(results, null, 2)}\n`);
    options.log(`Results written to ${options.json}`);
  }
  const failed = results.sizes.some((size) => size.tools.some((tool) => METRICS.some((m) => tool.samples[m].some((s) => !s.ok))));
  return failed ? 1 : 0;
}

export async function benchmark(options: BenchOptions): Promise<BenchResults> {
  const { log } = options;
  if (!hasGnuTime()) log('note: /usr/bin/time not found; peak memory is polled from /proc (apt-get install time for exact figures)');
  const results: BenchResults = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, memoryMb: Math.round(os.totalmem() / 2 ** 20), node: process.version, platform: `${os.platform()} ${os.release()}` },
    sizes: [],
  };
  for (const posts of options.sizes) {
    const base = path.join(options.workDir, `posts-${posts}`);
    const corpus = path.join(base, 'corpus');
    mkdirSync(base, { recursive: true });
    log(`[${posts} posts] generating corpus in ${corpus}`);
    const manifest = generateCorpus(corpus, { posts, seed: options.seed, blogRoot: options.blogRoot });
    log(`[${posts} posts] ${(manifest.markdownBytes / 1e6).toFixed(1)} MB of Markdown`);
    const size: SizeResult = { posts, markdownBytes: manifest.markdownBytes, runs: options.runs, tools: [] };
    const benched = options.tools.map((tool) => ({ tool, output: path.join(base, `out-${tool.name}`), prefix: `[${posts} posts] ${tool.label}`, result: toolResult(tool, options, `[${posts} posts] ${tool.label}`) }));
    for (const { result } of benched) size.tools.push(result);
    for (let run = 0; run < options.runs; run++) {
      for (const { tool, output, prefix, result } of benched) {
        if (!result.skipped) await benchRound(tool, corpus, output, manifest, run, result.samples, options, prefix);
      }
    }
    for (const { tool, output, prefix, result } of benched) {
      if (result.skipped) continue;
      tool.clean(corpus, output);
      if (tool.name !== 'tryck') continue;
      await benchWatch(corpus, output, manifest, result, options, prefix);
      tool.clean(corpus, output);
    }
    results.sizes.push(size);
  }
  return results;
}

/** A tool's empty results, or why it is skipped. */
function toolResult(tool: Tool, options: BenchOptions, prefix: string): ToolResult {
  const samples = Object.fromEntries(METRICS.map((m) => [m, [] as Sample[]])) as Record<Metric, Sample[]>;
  const result: ToolResult = { tool: tool.name, label: tool.label, samples };
  const unavailable = tool.unavailable();
  if (unavailable) {
    options.log(`${prefix}: skipped, ${unavailable}`);
    result.skipped = unavailable;
    return result;
  }
  result.version = toolVersion(tool);
  return result;
}

/** One round of one tool: a cold build, a warm one, and one after a post was edited. */
async function benchRound(
  tool: Tool,
  corpus: string,
  output: string,
  manifest: CorpusManifest,
  run: number,
  samples: Record<Metric, Sample[]>,
  options: BenchOptions,
  prefix: string,
): Promise<void> {
  const { log } = options;
  tool.clean(corpus, output);
  samples.cold.push(await timedBuild(tool, corpus, output, manifest.expectedPages));
  log(`${prefix} cold ${run + 1}/${options.runs}: ${describe(samples.cold.at(-1)!)}`);
  samples.warm.push(await timedBuild(tool, corpus, output, manifest.expectedPages));
  log(`${prefix} warm ${run + 1}/${options.runs}: ${describe(samples.warm.at(-1)!)}`);

  const post = manifest.posts[Math.floor(manifest.posts.length / 2)];
  const file = path.join(corpus, post.file);
  const original = readFileSync(file, 'utf8');
  const text = editSentence(`${tool.name}-${run + 1}`);
  writeFileSync(file, `${original.trimEnd()}\n\n${text}\n`);
  try {
    samples.edit.push(await timedBuild(tool, corpus, output, manifest.expectedPages, { page: post.outputPath, text }));
  } finally {
    writeFileSync(file, original);
  }
  log(`${prefix} edit ${run + 1}/${options.runs}: ${describe(samples.edit.at(-1)!)}`);
}

async function benchWatch(corpus: string, output: string, manifest: CorpusManifest, result: ToolResult, options: BenchOptions, prefix: string): Promise<void> {
  const { log } = options;
  log(`${prefix} watch: starting tryck watch`);
  const watch = await measureWatchLatency(corpus, output, manifest, options.runs, (line) => log(`${prefix}${line}`));
  result.samples.watch.push(...watch.samples);
  if (watch.error) result.samples.watch.push({ ok: false, error: `watch: ${watch.error}` });
  result.watchMaxRssKb = watch.maxRssKb;
}

async function timedBuild(tool: Tool, corpus: string, output: string, expected: string[], mustContain?: { page: string; text: string }): Promise<Sample> {
  let measured;
  try {
    measured = await runMeasured(tool.build(corpus, output));
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
  const base = { milliseconds: measured.milliseconds, maxRssKb: measured.maxRssKb };
  if (measured.code !== 0) return { ok: false, ...base, error: `exit code ${measured.code}: ${measured.reason}` };
  const incomplete = rejectIncomplete(output, expected, mustContain);
  return incomplete ? { ok: false, ...base, error: incomplete } : { ok: true, ...base };
}

function describe(sample: Sample): string {
  const memory = sample.maxRssKb ? `, ${formatMemory(sample.maxRssKb)}` : '';
  return sample.ok ? `${formatDuration(sample.milliseconds!)}${memory}` : `failed (${sample.error})`;
}
