/**
 * Yields to the event loop every few milliseconds of work, so that a long synchronous stretch on the
 * main thread still takes in the workers' results and hands them more. Between yields it costs no
 * await: a build that carries 4000 pages over went through two awaits a page (see render-site.ts).
 */
export class Breather {
  private last = performance.now();

  /** A pause to await when it is time to yield, else nothing. */
  breathe(): Promise<void> | undefined {
    if (performance.now() - this.last < 4) return undefined;
    return new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      this.last = performance.now();
    });
  }
}
