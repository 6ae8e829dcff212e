/**
 * Intl's time-zone arithmetic is slow (tens of microseconds a call) and a build asks about the same
 * instants again and again: every page that shows a post's date. Results are kept per exact
 * (zone, instant), so nothing about time-zone rules is assumed; the memo is bounded.
 */
const LIMIT = 50_000;

export function memoizeByInstant<T>(compute: (epochMs: number, timeZone: string) => T): (epochMs: number, timeZone: string) => T {
  let memo = new Map<string, T>();
  return (epochMs, timeZone) => {
    const key = `${timeZone}|${epochMs}`;
    let value = memo.get(key);
    if (value === undefined) {
      value = compute(epochMs, timeZone);
      if (memo.size >= LIMIT) memo = new Map();
      memo.set(key, value);
    }
    return value;
  };
}
