/**
 * A build's worker threads, one per core but one, converting Markdown, with the main thread taking
 * jobs too whenever its event loop comes round and the workers have their fill.
 * Work is queued as the build produces it and cut into small batches handed to whichever worker has
 * room, so the workers start on the first posts while the main thread still renders the Liquid of
 * later ones, and a slow post does not hold up the rest. Each job's promise settles as its batch
 * returns.
 *
 * Why not a worker on every core: the main thread is busy only part of a build (reading, Liquid,
 * layouts), so with a worker on each of two cores three threads shared them, and each worker is an
 * isolate with its own heap (about 70 MB). Alternated cold builds on two cores, one worker and the
 * main thread against two workers: the same time within the machine's noise (medians 7.7 and 7.9 s
 * at 1000 posts, 6 runs each), and peak memory 237 MB instead of 296 (366 instead of 430 at 4000
 * posts). That is with the heap growth limit bin/tryck.js sets: without it, the main heap swells
 * with the garbage of the conversions it does, and 4000 posts took 550-580 MB.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import path from 'node:path';
import { isCompiled, packageRoot } from '../package-root.ts';
import { createMarkdownProcessor, type MarkdownOptions, type MarkdownProcessor } from '../markdown/create-markdown-processor.ts';
import type { WorkerRequest, WorkerResponse } from './build-worker.ts';

/** Below this many jobs, starting workers (about half a second) costs more than it saves. */
export const PARALLEL_THRESHOLD = 150;
const BATCH = 16;
/**
 * Batches a worker may hold at once: about a third of a second of Markdown, so a worker never runs
 * dry while the main thread renders a long page and hands out nothing. It is topped up as it returns
 * batches; what it holds when the queue runs out is the main thread's idle time at the end, which is
 * why batches shrink then (nextBatch).
 */
const BATCHES_AHEAD = 4;

export interface WorkerPool {
  /**
   * Queues Markdown; the promise gives its HTML, or rejects if a worker fails (then every later job
   * does). `urgent` Markdown goes before the rest (posts' excerpts, which the pages wait for).
   */
  convert(text: string, urgent?: boolean): Promise<string>;
  /** Sends what is queued even when it does not fill a batch: no more jobs are coming for now. */
  flush(): void;
  close(): Promise<void>;
  /** How many texts the main thread converted itself. */
  readonly convertedHere: number;
}

interface Job {
  text: string;
  resolve(result: string): void;
  reject(error: Error): void;
}

/** Jobs of one urgency, sent in batches of their own. */
interface Queue {
  jobs: Job[];
  head: number;
}

/**
 * A worker's old generation may grow to 512 MB, which a 2 MB post's syntax trees fit in (330 MB
 * measured; a worker that runs out fails its jobs, and the main thread converts them). A limit under V8's 2 GB also
 * makes V8 grow the heap by at most 1.4 times what survived the last full collection instead of
 * 4 times: each worker then peaks at 70 MB of heap instead of 94, at no cost in time (measured at
 * 4000 posts: 20 full collections instead of 10, the same 1.9 s of GC).
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 512 };

/** The compiled bundle has its own worker file; from the sources, the worker registers tsx first. */
function startWorker(options: Partial<MarkdownOptions>): Worker {
  if (isCompiled()) return new Worker(path.join(packageRoot(), 'dist', 'build-worker.mjs'), { workerData: options, resourceLimits: WORKER_LIMITS });
  const workerUrl = new URL('./build-worker.ts', import.meta.url).href;
  const tsxUrl = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsxUrl)}).then(({ register }) => { register(); return import(${JSON.stringify(workerUrl)}); })`;
  return new Worker(bootstrap, { eval: true, workerData: options, resourceLimits: WORKER_LIMITS });
}

export function createWorkerPool(options: Partial<MarkdownOptions>, size = availableParallelism() - 1): WorkerPool {
  // Urgent Markdown (excerpts, which the pages wait for) first.
  const urgentMarkdown: Queue = { jobs: [], head: 0 };
  const markdown: Queue = { jobs: [], head: 0 };
  let flushed = false;
  let failure: Error | undefined;
  let nextId = 0;
  const batches = new Map<number, Job[]>();
  const load = new Map<Worker, number>();

  const queued = (queue: Queue): number => queue.jobs.length - queue.head;
  const ordered = (): Queue[] => [urgentMarkdown, markdown];

  const fail = (error: Error): void => {
    failure ??= error;
    for (const jobs of batches.values()) for (const job of jobs) job.reject(failure);
    batches.clear();
    for (const queue of ordered()) {
      for (const job of queue.jobs.slice(queue.head)) job.reject(failure);
      queue.jobs = [];
      queue.head = 0;
    }
  };

  const take = (queue: Queue, count: number): Job[] => {
    const jobs = queue.jobs.slice(queue.head, queue.head + count);
    queue.head += jobs.length;
    // Drop the jobs taken once they are half the array: a taken job holds its text (and through
    // it the post's source) and, once settled, its HTML. A cold build queues every post long
    // before the workers get to it, so the queue would otherwise hold them all until it drains.
    if (queue.head * 2 >= queue.jobs.length) {
      queue.jobs = queue.jobs.slice(queue.head);
      queue.head = 0;
    }
    return jobs;
  };

  const nextBatch = (): Job[] | undefined => {
    // Once no more jobs are coming, batches shrink with what is left: a worker holding four full
    // batches when the queue ran out kept the main thread waiting a third of a second at the end.
    // Each thread now holds about its share of the rest (the main thread takes one job at a time).
    const waiting = ordered().reduce((sum, queue) => sum + queued(queue), 0);
    const size = flushed ? Math.min(BATCH, Math.ceil(waiting / (BATCHES_AHEAD * (load.size + 1)))) : BATCH;
    for (const queue of ordered()) {
      if (queued(queue) >= BATCH || (flushed && queued(queue) > 0)) return take(queue, size);
    }
    return undefined;
  };

  const dispatch = (): void => {
    for (const [worker, held] of load) {
      let holding = held;
      for (let batch = holding < BATCHES_AHEAD ? nextBatch() : undefined; batch; batch = holding < BATCHES_AHEAD ? nextBatch() : undefined) {
        const id = nextId++;
        batches.set(id, batch);
        worker.postMessage({ id, texts: batch.map((job) => job.text) } satisfies WorkerRequest);
        holding += 1;
      }
      load.set(worker, holding);
    }
  };

  // The main thread's share: one job each time the event loop comes round (between a page's Liquid
  // and the next, since rendering breathes every few milliseconds), after the workers have taken
  // what they may hold. Its processor is built from the same options, so the HTML is the same.
  let here: MarkdownProcessor | undefined;
  let convertedHere = 0;
  let turnScheduled = false;
  const convertOneHere = (): void => {
    turnScheduled = false;
    if (failure) return;
    dispatch();
    const queue = ordered().find((candidate) => queued(candidate) > 0);
    if (!queue) return;
    const [job] = take(queue, 1);
    try {
      here ??= createMarkdownProcessor(options);
      job.resolve(here.render(job.text));
      convertedHere += 1;
    } catch (error) {
      // Its caller converts it again and reports the error against its own file.
      job.reject(error instanceof Error ? error : new Error(String(error)));
    }
    scheduleTurn();
  };
  const scheduleTurn = (): void => {
    if (turnScheduled || failure || ordered().every((queue) => queued(queue) === 0)) return;
    turnScheduled = true;
    setImmediate(convertOneHere);
  };

  for (let i = 0; i < Math.max(1, size); i++) {
    const worker = startWorker(options);
    load.set(worker, 0);
    worker.on('message', (response: WorkerResponse) => {
      const jobs = batches.get(response.id);
      batches.delete(response.id);
      load.set(worker, load.get(worker)! - 1);
      if ('error' in response) return fail(new Error(response.error));
      jobs?.forEach((job, j) => job.resolve(response.results[j]));
      dispatch();
    });
    worker.on('error', fail);
    // A worker that ends on its own (killed, out of memory) would leave its batches waiting forever.
    worker.on('exit', (code) => fail(new Error(`A build worker stopped (exit code ${code}).`)));
  }

  const enqueue = (queue: Queue, text: string): Promise<string> => {
    if (failure) return Promise.reject(failure);
    return new Promise((resolve, reject) => {
      queue.jobs.push({ text, resolve, reject });
      flushed = false;
      if (queued(queue) >= BATCH) dispatch();
      scheduleTurn();
    });
  };

  return {
    convert(text, urgent = false) {
      return enqueue(urgent ? urgentMarkdown : markdown, text);
    },
    flush() {
      flushed = true;
      dispatch();
    },
    async close() {
      fail(new Error('The build workers were closed.'));
      await Promise.all([...load.keys()].map((worker) => worker.terminate()));
    },
    get convertedHere() {
      return convertedHere;
    },
  };
}

/** The pool of one build, started by whichever step first has enough work for it, closed by the build. */
export class SharedWorkerPool {
  private pool: WorkerPool | undefined;
  private closed = false;

  constructor(private readonly options: Partial<MarkdownOptions>) {}

  /** Workers help only where there is a second core. */
  static available(): boolean {
    return availableParallelism() >= 2;
  }

  get started(): boolean {
    return this.pool !== undefined;
  }

  /** Started and not closed: the workers fill the cores. */
  get running(): boolean {
    return this.started && !this.closed;
  }

  use(): WorkerPool {
    return (this.pool ??= createWorkerPool(this.options));
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.pool?.close();
  }
}
