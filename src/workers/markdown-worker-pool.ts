/**
 * Markdown conversion across all cores. The texts are cut into small batches handed to whichever
 * worker is free, so a slow post does not hold up the rest; each result is handed over, with its
 * index, as its batch returns.
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

export interface MarkdownWorkerPool {
  /**
   * Converts every text, handing each result to `onConverted` as its batch comes back (so no list of
   * results is held, and a failure keeps what was done). Rejects on the first failure.
   */
  convertAll(texts: string[], onConverted: (index: number, html: string) => void): Promise<void>;
  close(): Promise<void>;
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
  const workers = Array.from({ length: Math.max(1, size) }, () => startWorker(options));

  return {
    convertAll(texts, onConverted) {
      return new Promise((resolve, reject) => {
        let next = 0;
        let pending = 0;
        let failed = false;
        const feed = (worker: Worker): void => {
          if (failed) return;
          if (next >= texts.length) {
            if (pending === 0) resolve();
            return;
          }
          const start = next;
          next = Math.min(texts.length, next + BATCH);
          pending += 1;
          worker.postMessage({ id: start, texts: texts.slice(start, next) } satisfies ConvertRequest);
        };
        for (const worker of workers) {
          worker.removeAllListeners('message');
          worker.removeAllListeners('error');
          worker.on('message', (response: ConvertResponse) => {
            pending -= 1;
            if ('error' in response) {
              failed = true;
              reject(new Error(response.error));
              return;
            }
            response.htmls.forEach((html, i) => onConverted(response.id + i, html));
            feed(worker);
          });
          worker.on('error', (error) => {
            failed = true;
            reject(error);
          });
          feed(worker);
        }
        if (texts.length === 0) resolve();
      });
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
