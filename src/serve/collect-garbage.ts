/**
 * A garbage collection on demand, for a long-running watcher to do while it is idle, so that the
 * collection its last rebuild left owing does not land on the next save instead. V8 keeps gc()
 * behind a flag; set at run time, it applies to the new context that hands the function over.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type Gc = (options?: { type?: 'major' | 'minor'; execution?: 'sync' | 'async' }) => void;

let gc: Gc | null | undefined;

/**
 * Collects now; does nothing where V8 will not hand gc() over. `major` collects everything before it
 * returns; `minor` only the young generation, which is quick.
 */
export function collectGarbage(type: 'major' | 'minor' = 'major'): void {
  if (gc === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc') as Gc;
    } catch {
      gc = null;
    }
  }
  // gc() alone is a full, synchronous collection; { type: 'major' } was not, here (Node 20).
  if (type === 'major') gc?.();
  else gc?.({ type: 'minor' });
}
