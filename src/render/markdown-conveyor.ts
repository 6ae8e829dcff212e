/**
 * Carries a build's Markdown to the worker threads as its Liquid is rendered, and the HTML back
 * into the Markdown cache. The workers are started for it only once there is enough new Markdown to
 * repay their start; below that, or without workers, every text is converted on the main thread
 * when it is needed. Conversion is pure, so where a text was converted never shows in the output.
 */
import { findTooDeepLine } from '../markdown/check-markdown-nesting.ts';
import type { MarkdownCache } from '../markdown/cached-markdown-processor.ts';
import { PARALLEL_THRESHOLD, type SharedWorkerPool } from '../workers/worker-pool.ts';

export class MarkdownConveyor {
  /** Texts seen before the workers started, with their urgency: they go when enough have gathered. */
  private readonly gathered = new Map<string, boolean>();
  /** By text: the same string objects come back, so their hashes are computed once. */
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(
    /** The key a text is cached under. */
    private readonly keyOf: (text: string) => string,
    private readonly cache: MarkdownCache,
    private readonly workers: SharedWorkerPool | undefined,
    /** Texts nested deeper are left to the main thread, which reports them (check-markdown-nesting.ts). */
    private readonly maxNesting = Infinity,
  ) {}

  /**
   * Offers a text for conversion ahead of need, `urgent` ones before the rest; the cache's texts
   * and repeats are skipped.
   */
  offer(text: string, urgent = false): void {
    if (!this.workers) return;
    if (this.inFlight.has(text) || this.gathered.has(text) || this.cache.has(this.keyOf(text))) return;
    if (findTooDeepLine(text, this.maxNesting)) return;
    if (this.workers.started) return this.send(text, urgent);
    this.gathered.set(text, urgent);
    if (this.gathered.size < PARALLEL_THRESHOLD) return;
    for (const [gathered, isUrgent] of this.gathered) this.send(gathered, isUrgent);
    this.gathered.clear();
  }

  /** No more texts for now: the workers take what is queued, however little. */
  flush(): void {
    if (this.workers?.started) this.workers.use().flush();
  }

  /**
   * Settles when the text is in the cache, or when it is clear it will not come from a worker
   * (it was never sent, or a worker failed); the caller then converts it itself, and an error in it
   * is reported against its own file.
   */
  ready(text: string): Promise<void> | undefined {
    return this.inFlight.get(text);
  }

  private send(text: string, urgent: boolean): void {
    const done = this.workers!.use()
      .convert(text, urgent)
      .then(
        (html) => {
          this.cache.set(this.keyOf(text), html);
          this.inFlight.delete(text);
        },
        () => {
          // A worker failed (out of memory on a huge post, or a conversion error): the main thread converts.
          this.inFlight.delete(text);
        },
      );
    this.inFlight.set(text, done);
  }
}
