/**
 * tryck's watch-mode latency: from saving a post to its page on disk containing the new text. Starts
 * `tryck watch` on a free port, waits for the first build, then edits one post per run and polls the
 * output file; after each measurement it restores the post and waits for that rebuild too.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { rejectIncomplete } from './count-outputs.ts';
import type { CorpusManifest } from './generate-corpus.ts';
import { editSentence } from './generate-corpus.ts';
import { readVmHwm } from './measure-process.ts';
import { REPO_ROOT } from './tools.ts';

export interface WatchSample {
  ok: boolean;
  milliseconds?: number;
  error?: string;
}

export interface WatchResult {
  samples: WatchSample[];
  /** The watch process's peak resident memory, in kilobytes. */
  maxRssKb?: number;
  error?: string;
}

class LineWaiter {
  private lines: string[] = [];
  private waiting: Array<() => void> = [];
  count = 0;

  push(line: string): void {
    this.lines.push(line);
    this.count++;
    for (const wake of this.waiting.splice(0)) wake();
  }

  /** Resolves with the first line after index `from` matching `pattern`. */
  async waitFor(pattern: RegExp, from: number, timeoutMs: number): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.lines.slice(from).find((line) => pattern.test(line));
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${pattern}; last output: ${this.lines.slice(-3).join(' | ')}`);
      await Promise.race([new Promise<void>((resolve) => this.waiting.push(resolve)), delay(Math.min(left, 1000))]);
    }
  }
}

export async function measureWatchLatency(
  corpus: string,
  output: string,
  manifest: CorpusManifest,
  runs: number,
  log: (line: string) => void,
  timeoutMs = 10 * 60_000,
): Promise<WatchResult> {
  const child: ChildProcess = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/tryck.js'), 'watch', '-s', corpus, '-d', output, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = new LineWaiter();
  let buffer = '';
  const onData = (chunk: Buffer): void => {
    buffer += chunk.toString('utf8');
    let newline;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      lines.push(buffer.slice(0, newline));
      buffer = buffer.slice(newline + 1);
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const result: WatchResult = { samples: [] };
  try {
    await lines.waitFor(/^Serving /, 0, timeoutMs);
    const incomplete = rejectIncomplete(output, manifest.expectedPages);
    if (incomplete) throw new Error(`first build incomplete: ${incomplete}`);
    // Let the file watcher settle after the first build.
    await delay(300);
    for (let run = 0; run < runs; run++) {
      const post = manifest.posts[(Math.floor(manifest.posts.length / 3) + run * 7) % manifest.posts.length];
      const file = path.join(corpus, post.file);
      const page = path.join(output, post.outputPath);
      const original = readFileSync(file, 'utf8');
      const text = editSentence(`watch-${run + 1}-${process.pid}`);
      const mark = lines.count;
      let sample: WatchSample;
      const started = performance.now();
      writeFileSync(file, `${original.trimEnd()}\n\n${text}\n`);
      try {
        sample = { ok: true, milliseconds: await pollFor(page, text, true, started, 60_000) };
        await lines.waitFor(/^Rebuilt|error/i, mark, 60_000);
      } catch (error) {
        sample = { ok: false, error: (error as Error).message };
      }
      result.samples.push(sample);
      log(sample.ok ? ` watch ${run + 1}/${runs}: ${Math.round(sample.milliseconds!)} ms` : ` watch ${run + 1}/${runs}: failed (${sample.error})`);
      const restoreMark = lines.count;
      writeFileSync(file, original);
      await pollFor(page, text, false, performance.now(), 60_000).catch(() => undefined);
      await lines.waitFor(/^Rebuilt|error/i, restoreMark, 60_000).catch(() => undefined);
      await delay(100);
    }
    result.maxRssKb = child.pid === undefined ? undefined : readVmHwm(child.pid);
  } catch (error) {
    result.error = (error as Error).message;
  } finally {
    child.kill('SIGTERM');
    await Promise.race([exited, delay(10_000)]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
  return result;
}

/** Polls `file` until it does (or no longer does) contain `text`; returns milliseconds since `started`. */
async function pollFor(file: string, text: string, present: boolean, started: number, timeoutMs: number): Promise<number> {
  for (;;) {
    let contents = '';
    try {
      contents = readFileSync(file, 'utf8');
    } catch {
      // Between an unlink and a rename: try again.
    }
    if (contents.includes(text) === present) return performance.now() - started;
    if (performance.now() - started > timeoutMs) throw new Error(`${path.basename(file)} not updated within ${timeoutMs / 1000} s`);
    await delay(1);
  }
}
