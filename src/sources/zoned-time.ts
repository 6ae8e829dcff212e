/**
 * Wall-clock time in an IANA time zone, without depending on the machine's zone (`TZ`).
 * Jekyll sets `ENV["TZ"]` from `timezone:`; we compute with Intl instead so builds are reproducible.
 */
import { memoizeByInstant } from './memoize-by-instant.ts';
import { hasStoredOffsets, zoneOffsetSeconds } from './zone-offsets.ts';

export interface WallTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

export interface ZonedParts extends WallTime {
  /** Offset from UTC in minutes, e.g. 120 for +02:00. */
  offsetMinutes: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

/**
 * The zone of this process: `TZ`, else the system's, as Ruby's Time.local sees it. Jekyll reads and
 * prints dates in it when `timezone:` is unset.
 */
export function processTimeZone(): string {
  // An empty or unknown TZ is UTC to Ruby; Intl calls it Etc/Unknown or nothing.
  const zone = new Intl.DateTimeFormat().resolvedOptions().timeZone as string | undefined;
  return zone && zone !== 'Etc/Unknown' ? zone : 'UTC';
}

/** Throws a RangeError for a zone name Intl does not know. */
export function assertTimeZone(timeZone: string): void {
  if (!hasStoredOffsets(timeZone)) new Intl.DateTimeFormat('en-US', { timeZone });
}

/** The wall-clock fields and UTC offset of an instant, as seen in `timeZone`. */
export function zonedParts(instant: Date, timeZone: string): ZonedParts {
  return zonedPartsAt(instant.getTime(), timeZone);
}

const zonedPartsAt = memoizeByInstant((epochMs: number, timeZone: string): ZonedParts => {
  const offsetSeconds = zoneOffsetSeconds(epochMs, timeZone);
  // The wall clock is the instant moved by the offset, read in UTC.
  const wall = new Date(Math.floor(epochMs / 1000) * 1000 + offsetSeconds * 1000);
  return Object.freeze({
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
    millisecond: new Date(epochMs).getUTCMilliseconds(),
    offsetMinutes: Math.round(offsetSeconds / 60),
    weekday: wall.getUTCDay(),
  });
});

/** The instant at which the clocks in `timeZone` show `wall`. In a DST gap, the later reading wins, as Ruby's Time.local. */
export function instantFromWallTime(wall: WallTime, timeZone: string): Date {
  const naive = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond);
  // Two passes settle the offset even across a DST change. Only the offset is needed (the minutes
  // zonedParts would give), not the wall clock: every post's date comes through here.
  const offsetMinutes = (epochMs: number): number => Math.round(zoneOffsetSeconds(epochMs, timeZone) / 60);
  let guess = naive - offsetMinutes(naive) * 60_000;
  guess = naive - offsetMinutes(guess) * 60_000;
  return new Date(guess);
}

/** `+0200` style offset, as Ruby's `%z`. */
export function formatOffset(offsetMinutes: number, separator = ''): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hours = String(Math.floor(abs / 60)).padStart(2, '0');
  const minutes = String(abs % 60).padStart(2, '0');
  return `${sign}${hours}${separator}${minutes}`;
}
