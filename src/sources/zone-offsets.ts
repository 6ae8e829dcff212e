/**
 * UTC offsets of IANA zones, from Intl but asked far less often. Intl answers one instant at a time
 * and slowly (tens of microseconds); a build needs the offset of every post's date several times.
 * Offsets are found per week: the offsets at a week's two ends, and where they differ, the second
 * of the change, found by bisection. This assumes no zone changes its offset and back within one
 * week, which holds for every zone in the tz database; test/sources/zone-offsets.test.ts checks it
 * against Intl instant by instant.
 */
const WEEK_MS = 7 * 24 * 3600 * 1000;
const BUCKET_LIMIT = 100_000;

interface Week {
  /** Offset (seconds) from the week's start up to `change`. */
  before: number;
  /** Offset from `change` (epoch seconds) on; equal to `before` when nothing changes. */
  after: number;
  change: number;
}

const weeksByZone = new Map<string, Map<number, Week>>();
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Strings kept between processes: the build's cache. */
export interface OffsetStore {
  get(key: string): string | undefined;
  has(key: string): boolean;
  set(key: string, value: string): void;
}

let store: OffsetStore | undefined;
/** How many weeks each zone had when it was taken from the store. */
const stored = new Map<string, number>();
/** The time zone data the offsets come from: other data may give other offsets. */
const TZ_DATA = process.versions.tz ?? process.versions.icu ?? '';

/**
 * Takes the weeks a zone's offsets were worked out for from `next` when the zone is first asked for,
 * and keeps the weeks found since in it (saveOffsets). Intl takes about 25 µs an instant: a blog with
 * posts over 25 years has 1300 weeks of them, 30 ms of every build at 4000 posts.
 */
export function keepOffsetsIn(next: OffsetStore | undefined): void {
  store = next;
  stored.clear();
  weeksByZone.clear();
}

/** Puts the weeks worked out since keepOffsetsIn into its store. */
export function saveOffsets(): void {
  if (!store) return;
  for (const [timeZone, weeks] of weeksByZone) {
    if (weeks.size === (stored.get(timeZone) ?? 0)) continue;
    store.set(storeKey(timeZone), JSON.stringify([...weeks].map(([index, week]) => [index, week.before, week.after, week.change])));
    stored.set(timeZone, weeks.size);
  }
}

/**
 * Whether offsets of the zone were worked out by an earlier build with the same time zone data: then
 * Intl knows the zone, and need not be asked (its first use in a process loads its data, 12 ms).
 */
export function hasStoredOffsets(timeZone: string): boolean {
  return store?.has(storeKey(timeZone)) ?? false;
}

function storeKey(timeZone: string): string {
  return `zone offsets\u0000${TZ_DATA}\u0000${timeZone}`;
}

function storedWeeks(timeZone: string): Map<number, Week> {
  const weeks = new Map<number, Week>();
  const text = store?.get(storeKey(timeZone));
  if (text !== undefined) {
    try {
      for (const week of JSON.parse(text) as unknown[][]) {
        if (week.length !== 4 || !week.every(Number.isInteger)) throw new Error('not a week');
        const [index, before, after, change] = week as number[];
        weeks.set(index, { before, after, change });
      }
    } catch {
      // Damaged: worked out again.
      weeks.clear();
    }
  }
  stored.set(timeZone, weeks.size);
  return weeks;
}

/** The UTC offset in seconds of `timeZone` at `epochMs` (positive east of Greenwich). */
export function zoneOffsetSeconds(epochMs: number, timeZone: string): number {
  let weeks = weeksByZone.get(timeZone);
  if (!weeks || weeks.size >= BUCKET_LIMIT) {
    weeks = weeks ? new Map() : storedWeeks(timeZone);
    weeksByZone.set(timeZone, weeks);
  }
  const index = Math.floor(epochMs / WEEK_MS);
  let week = weeks.get(index);
  if (!week) {
    week = findWeek(index, timeZone, weeks);
    weeks.set(index, week);
  }
  return Math.floor(epochMs / 1000) < week.change ? week.before : week.after;
}

function findWeek(index: number, timeZone: string, weeks: Map<number, Week>): Week {
  let low = (index * WEEK_MS) / 1000;
  let high = ((index + 1) * WEEK_MS) / 1000;
  // Neighbouring weeks share an end: a post a week brings one Intl call, not two.
  const before = weeks.get(index - 1)?.after ?? intlOffsetSeconds(low * 1000, timeZone);
  const after = weeks.get(index + 1)?.before ?? intlOffsetSeconds(high * 1000, timeZone);
  if (before === after) return { before, after, change: high };
  // The first second with the new offset.
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (intlOffsetSeconds(middle * 1000, timeZone) === before) low = middle;
    else high = middle;
  }
  return { before, after, change: high };
}

/** The offset straight from Intl, for one instant (whole seconds; BC years handled). */
export function intlOffsetSeconds(epochMs: number, timeZone: string): number {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric', era: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  const fields: Record<string, string> = {};
  for (const part of formatter.formatToParts(new Date(epochMs))) fields[part.type] = part.value;
  let year = Number(fields.year);
  if (fields.era === 'BC') year = 1 - year;
  const asUtc = Date.UTC(year, Number(fields.month) - 1, Number(fields.day), Number(fields.hour), Number(fields.minute), Number(fields.second));
  const wholeSeconds = Math.floor(epochMs / 1000) * 1000;
  return Math.round((asUtc - wholeSeconds) / 1000);
}
