/**
 * Yields to the event loop every few milliseconds of work, so that a long synchronous stretch on the
 * main thread still takes in the workers' results and hands them more.
 */
export class Breather {
  private last = performance.now();

  async breathe(): Promise<void> {
    if (performance.now() - this.last < 4) return;
    await new Promise((resolve) => setImmediate(resolve));
    this.last = performance.now();
  }
}
