/**
 * A Ruby `Time` value for the date filters: an instant plus the UTC offset (and zone name) its
 * wall clock is shown in. Everything is computed from the IANA zone database through `Intl`, never
 * from the machine's own zone (`TZ`), because Jekyll sets `ENV["TZ"]` to the site's `timezone`
 * and Ruby then shows every local Time in that zone.
 */

import { BoundedMemo, memoizeByInstant } from '../../sources/memoize-by-instant.ts';
import { zoneOffsetSeconds } from '../../sources/zone-offsets.ts';

export interface RubyTime {
  /** The instant, in milliseconds since the Unix epoch. */
  readonly epochMs: number;
  /** Offset of the wall clock from UTC, in seconds (Stockholm summer: 7200). */
  readonly offsetSeconds: number;
  /** What `%Z` prints: "CEST", "UTC", or "" for a Time with a bare numeric offset (Ruby quirk). */
  readonly zoneName: string;
  /**
   * Ruby's Time#utc?: true only for a Time made in UTC ("… UTC", "…Z"), never for a local time, even
   * with TZ=UTC: Jekyll prints those `+00:00`, not `Z`.
   */
  readonly utc?: boolean;
}

export interface WallClock {
  year: number;
  month: number; // 1..12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** 0 = Sunday, like Ruby's `wday`. */
  weekday: number;
  /** 1..366 */
  yearDay: number;
}

export function isRubyTimeLike(value: unknown): value is RubyTime {
  return value !== null && typeof value === 'object'
    && typeof (value as RubyTime).epochMs === 'number'
    && typeof (value as RubyTime).offsetSeconds === 'number'
    && 'zoneName' in value;
}

const nameFormatters = new Map<string, Intl.DateTimeFormat>();

/** UTC offset in seconds of `timeZone` at the instant `epochMs`. */
export { zoneOffsetSeconds };

/**
 * The zone abbreviation tzdata (and so Ruby's `%Z`) uses. ICU's en-GB names give the European
 * abbreviations ("CET"/"CEST"); zones without one come back as "GMT+3", which tzdata spells "+03".
 */
export const zoneAbbreviation = memoizeByInstant(computeZoneAbbreviation);

function computeZoneAbbreviation(epochMs: number, timeZone: string): string {
  if (/^(utc|etc\/utc|etc\/uct|uct|zulu|etc\/zulu|universal)$/i.test(timeZone)) return 'UTC';
  let f = nameFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'short' });
    nameFormatters.set(timeZone, f);
  }
  const name = f.formatToParts(new Date(epochMs)).find((p) => p.type === 'timeZoneName')?.value ?? '';
  const gmt = /^(?:GMT|UTC)(?:([+-])(\d{1,2})(?::(\d{2}))?)?$/.exec(name);
  if (!gmt) return name;
  if (!gmt[1]) return timeZone === 'Etc/GMT' || timeZone === 'GMT' ? 'GMT' : 'UTC';
  return `${gmt[1]}${gmt[2].padStart(2, '0')}${gmt[3] ?? ''}`;
}

/** A RubyTime in a named zone. A class, as an object literal with a getter is slow to make: every date filter makes one. */
class ZonedTime implements RubyTime {
  readonly epochMs: number;
  readonly offsetSeconds: number;
  readonly #timeZone: string;

  constructor(epochMs: number, timeZone: string) {
    this.epochMs = epochMs;
    this.offsetSeconds = zoneOffsetSeconds(epochMs, timeZone);
    this.#timeZone = timeZone;
  }

  /** Only %Z and UTC times need the name, and finding it asks Intl: found when read. */
  get zoneName(): string {
    return zoneAbbreviation(this.epochMs, this.#timeZone);
  }
}

/** The instant shown in a named zone (Ruby `Time#localtime` with `TZ` set to it). */
export function timeInZone(epochMs: number, timeZone: string): RubyTime {
  return new ZonedTime(epochMs, timeZone);
}

/** A JS Date carries no zone: like Jekyll's `localtime`, show it in the site's zone. */
export function timeOfDate(date: Date, timeZone: string): RubyTime {
  return timeInZone(date.getTime(), timeZone);
}

/** A Time with a fixed numeric offset, as Ruby's Time.parse makes for "… +05:00". */
export function timeWithOffset(epochMs: number, offsetSeconds: number, zoneName = ''): RubyTime {
  return { epochMs, offsetSeconds, zoneName, utc: offsetSeconds === 0 && zoneName === 'UTC' };
}

/**
 * The instant whose wall clock in `timeZone` reads the given fields. In the spring-forward gap
 * (02:30 in Stockholm on the last Sunday of March) Ruby moves forward an hour (03:30 CEST); this
 * does the same by using the offset in force before the gap.
 */
export function timeFromWallClock(
  timeZone: string, year: number, month: number, day: number,
  hour = 0, minute = 0, second = 0, millisecond = 0,
): RubyTime {
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  const fixedYear = new Date(utc);
  fixedYear.setUTCFullYear(year); // Date.UTC maps years 0..99 to 1900..1999
  const wall = fixedYear.getTime();
  const first = zoneOffsetSeconds(wall, timeZone);
  let epoch = wall - first * 1000;
  const second_ = zoneOffsetSeconds(epoch, timeZone);
  if (second_ !== first) {
    const candidate = wall - second_ * 1000;
    // Keep the candidate only if it really shows the requested wall clock (not in a gap).
    epoch = zoneOffsetSeconds(candidate, timeZone) === second_ ? candidate : wall - Math.min(first, second_) * 1000;
  }
  return timeInZone(epoch, timeZone);
}

/**
 * The wall clocks worked out, by the instant as the wall clock reads it. A build asks for the same
 * post dates over and over: on the post's page, in every listing, in the feed.
 */
const wallClocks = new BoundedMemo<number, Readonly<WallClock>>();

/** The wall clock fields of `t`, shared between callers: never change them. */
export function wallClock(t: RubyTime): Readonly<WallClock> {
  const local = t.epochMs + t.offsetSeconds * 1000;
  return wallClocks.get(local) ?? wallClocks.set(local, Object.freeze(computeWallClock(local)));
}

function computeWallClock(local: number): WallClock {
  const d = new Date(local);
  const year = d.getUTCFullYear();
  const startOfYear = new Date(0);
  startOfYear.setUTCFullYear(year, 0, 1);
  startOfYear.setUTCHours(0, 0, 0, 0);
  const dayStart = new Date(d.getTime());
  dayStart.setUTCHours(0, 0, 0, 0);
  return {
    year,
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
    weekday: d.getUTCDay(),
    yearDay: Math.round((dayStart.getTime() - startOfYear.getTime()) / 86_400_000) + 1,
  };
}

function pad(n: number, width: number): string {
  const s = String(Math.abs(n)).padStart(width, '0');
  return n < 0 ? `-${s}` : s;
}

/** "+0200" (or "+02:00" with a colon), as Ruby's `%z` / `%:z`. */
export function formatOffset(offsetSeconds: number, colons = 0): string {
  const sign = offsetSeconds < 0 ? '-' : '+';
  const abs = Math.abs(offsetSeconds);
  const h = pad(Math.floor(abs / 3600), 2);
  const m = pad(Math.floor((abs % 3600) / 60), 2);
  const s = pad(abs % 60, 2);
  if (colons === 0) return `${sign}${h}${m}`;
  if (colons === 1) return `${sign}${h}:${m}`;
  return `${sign}${h}:${m}:${s}`;
}

/** Ruby's Time#to_s / #inspect (without fractions): "2022-06-16 12:30:00 +0200", or "… UTC". */
export function formatRubyTime(t: RubyTime): string {
  const w = wallClock(t);
  const zone = t.utc === true ? 'UTC' : formatOffset(t.offsetSeconds);
  return `${pad(w.year, 4)}-${pad(w.month, 2)}-${pad(w.day, 2)} ${pad(w.hour, 2)}:${pad(w.minute, 2)}:${pad(w.second, 2)} ${zone}`;
}

/** Ruby's Time#xmlschema: "2022-06-16T12:30:00+02:00", "Z" for UTC Times. */
export function formatXmlSchema(t: RubyTime): string {
  const w = wallClock(t);
  const zone = t.utc === true ? 'Z' : formatOffset(t.offsetSeconds, 1);
  return `${pad(w.year, 4)}-${pad(w.month, 2)}-${pad(w.day, 2)}T${pad(w.hour, 2)}:${pad(w.minute, 2)}:${pad(w.second, 2)}${zone}`;
}

const RFC_DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const RFC_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Ruby's Time#rfc822 (= rfc2822): "Thu, 16 Jun 2022 12:30:00 +0200"; UTC Times say "-0000". */
export function formatRfc822(t: RubyTime): string {
  const w = wallClock(t);
  const zone = t.utc === true ? '-0000' : formatOffset(t.offsetSeconds);
  return `${RFC_DAYS[w.weekday]}, ${pad(w.day, 2)} ${RFC_MONTHS[w.month - 1]} ${pad(w.year, 4)} `
    + `${pad(w.hour, 2)}:${pad(w.minute, 2)}:${pad(w.second, 2)} ${zone}`;
}

/** The same instant shown in the site's zone (Jekyll's `time(date)` ends in `.localtime`). */
export function toLocalTime(t: RubyTime, timeZone: string): RubyTime {
  return timeInZone(t.epochMs, timeZone);
}
