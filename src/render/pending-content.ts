/**
 * Posts' content still being converted. Layouts run while the workers convert later posts, so a
 * layout that reads another post's content or excerpt before it is ready is interrupted, and its
 * page rendered again once everything is converted: every layout sees what it would have seen had
 * all Markdown been converted first.
 */
import { RenderInterrupted } from '../errors.ts';
import { defineLazyProperty } from '../lazy-property.ts';

type Payload = Record<string, unknown>;

export class PendingContent {
  private reads = 0;

  /** Reads of pending content so far: a render during which this grew must be redone, even if something caught the interruption. */
  get readCount(): number {
    return this.reads;
  }

  /** Until `key` is set on `payload`, reading it interrupts the render. */
  hold(payload: Payload, key: 'content' | 'excerpt'): void {
    defineLazyProperty(payload, key, () => {
      this.reads += 1;
      throw new RenderInterrupted(`The ${key} of ${String(payload.path)} is not converted yet.`);
    });
  }
}
