/**
 * How fast a one-shot build lets V8's heaps grow. V8 lets a heap grow to four times what survived its
 * last full collection when, as here, its limit is 4 GB. A build that renders 4000 posts keeps about
 * 100 MB live while it makes garbage fast, so its main heap swelled to 260 MB. Growing by 1.3 times
 * keeps it under 190 MB, for about 0.2 s more of full collections in a 20 s build (GC traces); the
 * flag applies to every thread.
 *
 * Only for a build with many pages to render (BuildOptions.onManyPages), and from the start of a
 * build without a cache, whose heaps would otherwise grow fast while it reads the site: one that carries nearly every page over keeps some
 * 50 MB live, and three more full collections took 30 ms of an edited build at 4000 posts (medians
 * of 10 alternated runs: 0.735 s with the flag from the start, 0.70 s without). Not for `tryck
 * watch`: it keeps a whole site live between saves, and collecting that more often put collections
 * in the way of saves (4000 posts, 8 saves each: median 65 ms from save to page instead of 50).
 * Whoever sets the flag for node themselves keeps their own.
 */
import v8 from 'node:v8';

let limited = false;

/** Limits heap growth for the rest of the process. */
export function limitHeapGrowth(): void {
  if (limited) return;
  limited = true;
  if (`${process.env.NODE_OPTIONS ?? ''} ${process.execArgv.join(' ')}`.includes('heap-growing-percent')) return;
  v8.setFlagsFromString('--heap-growing-percent=30');
}
