/**
 * How fast V8's heaps may grow. V8 lets a heap grow to four times what survived its last full
 * collection when, as here, its limit is 4 GB. A build that renders 4000 posts keeps about 100 MB
 * live while it makes garbage fast, so its main heap swelled to 260 MB. Growing by 1.3 times keeps it
 * under 190 MB, for about 0.2 s more of full collections in a 20 s build (GC traces); the flag applies
 * to every thread.
 *
 * A one-shot build limits it only when it renders many pages (BuildOptions.onManyPages), from its
 * start when no cache holds an earlier build, whose heaps would otherwise grow fast while it reads
 * the site. One that carries nearly every page over keeps some 50 MB live, and three more full
 * collections took 30 ms of an edited build at 4000 posts (medians of 10 alternated runs: 0.735 s
 * with the flag from the start, 0.70 s without). Whoever sets the flag for node keeps their own.
 */
import v8 from 'node:v8';

/** A build's heaps may grow by 1.3 times what survived their last full collection. */
export const BUILD_GROWTH = 30;

let limited = false;

/** Limits heap growth for the rest of the process, unless the user set it for node. (`tryck watch` sets its own in bin/tryck.js.) */
export function limitHeapGrowth(): void {
  if (limited || `${process.env.NODE_OPTIONS ?? ''} ${process.execArgv.join(' ')}`.includes('heap-growing-percent')) return;
  limited = true;
  v8.setFlagsFromString(`--heap-growing-percent=${BUILD_GROWTH}`);
  // Back to V8's default as the process exits, before bin/load-bundle.js makes the code cache: V8
  // rejects a cache made under other flags than the run that loads it. A cold build's cache is the
  // one worth keeping, as it has the Markdown conversion compiled; a warm build's has not.
  process.prependOnceListener('exit', () => v8.setFlagsFromString('--heap-growing-percent=0'));
}
