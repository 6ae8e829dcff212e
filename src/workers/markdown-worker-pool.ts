/**
 * Markdown conversion across all cores. Texts are queued as the build produces them and cut into
 * small batches handed to whichever worker has room, so the workers start on the first posts while
 * the main thread is still rendering the Liquid of later ones, and a slow post does not hold up the
 * rest. Each text's promise settles as its batch returns.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import path from 'node:path';
import { isCompiled, packageRoot } from '../package-root.ts';
import type { MarkdownOptions } from '../markdown/create-markdown-processor.ts';
import type { ConvertRequest, ConvertResponse } from './markdown-worker.ts';

/** Below this many texts, starting workers (about half a second) costs more than it saves. */
export const PARALLEL_THRESHOLD = 150;
const BATCH = 16;
/**
 * Batches a worker may hold at once. More than one, so a worker never waits for the main thread,
 * which hands out work only between its own steps; few, so the last batches go to whoever is free.
 */
const BATCHES_AHEAD = 3;

export interface MarkdownWorkerPool {
  /** Queues a text; the promise gives its HTML, or rejects if a worker fails (then every later one does). */
  convert(text: string): Promise<string>;
  /** Sends what is queued even when it does not fill a batch: no more texts are coming for now. */
  flush(): void;
  close(): Promise<void>;
}

interface Job {
  text: string;
  resolve(html: string): void;
  reject(error: Error): void;
}

/** The compiled bundle has its own worker file; from the sources, the worker registers tsx first. */
function startWorker(options: Partial<MarkdownOptions>): Worker {
  if (isCompiled()) return new Worker(path.join(packageRoot(), 'dist', 'markdown-worker.mjs'), { workerData: options });
  const workerUrl = new URL('./markdown-worker.ts', import.meta.url).href;
  const tsxUrl = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsxUrl)}).then(({ register }) => { register(); return import(${JSON.stringify(workerUrl)}); })`;
  return new Worker(bootstrap, { eval: true, workerData: options });
}

export function createMarkdownWorkerPool(options: Partial<MarkdownOptions>, size = availableParallelism()): MarkdownWorkerPool {
  const queue: Job[] = [];
  let head = 0;
  let flushed = false;
  let failure: Error | undefined;
  let nextId = 0;
  const batches = new Map<number, Job[]>();
  const load = new Map<Worker, number>();

  const fail = (error: Error): void => {
    failure ??= error;
    for (const jobs of batches.values()) for (const job of jobs) job.reject(failure);
    batches.clear();
    for (const job of queue.slice(head)) job.reject(failure);
    queue.length = head = 0;
  };

  const dispatch = (): void => {
    for (const [worker, held] of load) {
      let holding = held;
      while (holding < BATCHES_AHEAD && (queue.length - head >= BATCH || (flushed && head < queue.length))) {
        const jobs = queue.slice(head, head + BATCH);
        head += jobs.length;
        const id = nextId++;
        batches.set(id, jobs);
        worker.postMessage({ id, texts: jobs.map((job) => job.text) } satisfies ConvertRequest);
        holding += 1;
      }
      load.set(worker, holding);
    }
    if (head === queue.length) queue.length = head = 0;
  };

  for (let i = 0; i < Math.max(1, size); i++) {
    const worker = startWorker(options);
    load.set(worker, 0);
    worker.on('message', (response: ConvertResponse) => {
      const jobs = batches.get(response.id);
      batches.delete(response.id);
      load.set(worker, load.get(worker)! - 1);
      if ('error' in response) return fail(new Error(response.error));
      jobs?.forEach((job, j) => job.resolve(response.htmls[j]));
      dispatch();
    });
    worker.on('error', fail);
  }

  return {
    convert(text) {
      if (failure) return Promise.reject(failure);
      return new Promise<string>((resolve, reject) => {
        queue.push({ text, resolve, reject });
        flushed = false;
        if (queue.length - head >= BATCH) dispatch();
      });
    },
    flush() {
      flushed = true;
      dispatch();
    },
    async close() {
      fail(new Error('The Markdown workers were closed.'));
      await Promise.all([...load.keys()].map((worker) => worker.terminate()));
    },
  };
}
