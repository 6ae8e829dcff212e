/**
 * The watcher collects garbage while idle, without node being started with --expose-gc.
 */
import { describe, expect, it } from 'vitest';
import { collectGarbage } from '../../src/serve/collect-garbage.ts';

/** Made in a frame of its own, so no stale register of the test's frame keeps the objects alive. */
function fill(holder: { objects?: object[] }): void {
  holder.objects = Array.from({ length: 500_000 }, (_, i) => ({ i }));
}

describe('collecting garbage on demand', () => {
  it('frees memory nothing refers to any more', () => {
    const holder: { objects?: object[] } = {};
    fill(holder);
    const withObjects = process.memoryUsage().heapUsed;
    holder.objects = undefined;
    collectGarbage('major');
    // Half a million small objects are some 20 MB.
    expect(withObjects - process.memoryUsage().heapUsed).toBeGreaterThan(10_000_000);
  });
});
