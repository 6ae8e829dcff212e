/**
 * Defines `key` on `target` so that reading it calls `read` until something assigns it; from then on
 * it is a plain property holding what was assigned. A value is then fetched only if it is asked for.
 */
export function defineLazyProperty(target: object, key: PropertyKey, read: () => unknown): void {
  Object.defineProperty(target, key, {
    configurable: true,
    enumerable: true,
    get: read,
    set(value: unknown) {
      Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
    },
  });
}
