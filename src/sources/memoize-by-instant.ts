/**
 * Intl's time-zone arithmetic is slow (tens of microseconds a call) and a build asks about the same
 * instants again and again: every page that shows a post's date. Results are kept per exact
 * (zone, instant), so nothing about time-zone rules is assumed; the memo is bounded.
 */
const LIMIT = 50_000;

/** Values kept by key, at most LIMIT of them: when full, it starts afresh. */
export class BoundedMemo<K, V> {
  #values = new Map<K, V>();

  get(key: K): V | undefined {
    return this.#values.get(key);
  }

  /** Keeps `value` under `key`, and returns it. */
  set(key: K, value: V): V {
    if (this.#values.size >= LIMIT) this.#values = new Map();
    this.#values.set(key, value);
    return value;
  }
}

export function memoizeByInstant<T>(compute: (epochMs: number, timeZone: string) => T): (epochMs: number, timeZone: string) => T {
  const memo = new BoundedMemo<string, T>();
  return (epochMs, timeZone) => {
    const key = `${timeZone}|${epochMs}`;
    return memo.get(key) ?? memo.set(key, compute(epochMs, timeZone));
  };
}
