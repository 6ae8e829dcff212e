/**
 * When the watcher collects garbage: while it is idle, so that the collection a build leaves owing
 * does not land on the next save. Right after a rebuild only the young generation the rebuild filled
 * (quick); the last rebuild's whole plan, some 200 MB at 4000 posts that V8 let grow past 1.4 GB
 * before collecting, only after a quiet spell, as a full collection takes some 60 ms there. Any
 * change calls the pending collections off.
 */
import { collectGarbage } from './collect-garbage.ts';

/** How long the watcher waits, quiet after a build, before collecting. */
const IDLE_DELAY = 100;
/** How long it waits before a full collection. */
const QUIET_DELAY = 2000;

export class IdleCollector {
  private idle: NodeJS.Timeout | undefined;
  private quiet: NodeJS.Timeout | undefined;
  /** The heap after the last full collection. */
  private collectedHeap = 0;

  /** After the first build (and its rehearsal): everything, once idle. */
  afterFirstBuild(): void {
    this.cancel();
    this.idle = setTimeout(() => this.collectFully(), IDLE_DELAY).unref();
  }

  /** After a rebuild: the young generation once idle, and everything after a quiet spell if the heap grew. */
  afterRebuild(): void {
    this.cancel();
    this.idle = setTimeout(() => collectGarbage('minor'), IDLE_DELAY).unref();
    if (process.memoryUsage().heapUsed > 1.5 * this.collectedHeap) this.quiet = setTimeout(() => this.collectFully(), QUIET_DELAY).unref();
  }

  /** A change came in: no collection now. */
  cancel(): void {
    clearTimeout(this.idle);
    clearTimeout(this.quiet);
  }

  private collectFully(): void {
    collectGarbage('major');
    this.collectedHeap = process.memoryUsage().heapUsed;
  }
}
