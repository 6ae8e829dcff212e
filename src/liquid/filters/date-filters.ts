/**
 * Jekyll's date filters (`date`, `date_to_xmlschema`, `date_to_rfc822`, `date_to_string`,
 * `date_to_long_string`) with Ruby's semantics, always in the site's zone.
 *
 * Two Ruby behaviours are kept on purpose:
 * - Liquid's `date` formats a Time in *its own* offset. A string with an explicit offset
 *   ("2022-01-10T23:30:00Z", "… +05:00") keeps that offset; everything else (JS Dates, epoch
 *   numbers, "now", strings without a zone) is shown in the site's zone, as Jekyll's post dates
 *   are `localtime`d and Ruby's `Time.parse` reads zone-less strings as local (TZ = site zone).
 * - Jekyll's own `date_to_*` filters end in `.localtime`, so they convert even offset strings to
 *   the site's zone.
 */
import { strftime } from './ruby-strftime.ts';
import {
  formatRfc822, formatRubyTime, formatXmlSchema, isRubyTimeLike, timeFromWallClock, timeInZone,
  timeOfDate, timeWithOffset, toLocalTime, wallClock, type RubyTime,
} from './ruby-time.ts';
import { rubyToS, unwrap } from './ruby-values.ts';

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

function monthNumber(name: string): number | undefined {
  return MONTHS[name.slice(0, 3).toLowerCase()];
}

/** Parses a trailing zone ("Z", "UTC", "GMT", "+05:00", "+0500", "-03") into seconds. */
function parseZone(zone: string | undefined): { offset: number; name: string } | undefined {
  if (!zone) return undefined;
  const z = zone.trim();
  if (/^(z|utc|gmt|ut)$/i.test(z)) return { offset: 0, name: 'UTC' };
  const m = /^([+-])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?$/.exec(z);
  if (!m) return undefined;
  const seconds = Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
  return { offset: m[1] === '-' ? -seconds : seconds, name: '' };
}

interface Fields {
  year: number; month: number; day: number; hour: number; minute: number; second: number;
  ms: number; zone: string | undefined;
}

const TIME_PART = String.raw`(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?`;
const ZONE_PART = String.raw`\s*(Z|UTC|GMT|[+-]\d{1,2}(?::?\d{2}){0,2})?`;
const ISO = new RegExp(String.raw`^(-?\d{4})-(\d{1,2})-(\d{1,2})${TIME_PART}${ZONE_PART}$`, 'i');
const SLASHED = new RegExp(String.raw`^(\d{4})/(\d{1,2})/(\d{1,2})${TIME_PART}${ZONE_PART}$`, 'i');
// "Thu, 16 Jun 2022 12:30:00 +0200", "16 June 2022", "16 Jun 2022 12:30"
const DAY_MONTH_YEAR = new RegExp(
  String.raw`^(?:[a-z]+,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,})\.?,?\s+(\d{4})${TIME_PART}${ZONE_PART}$`, 'i');
// "June 16, 2022", "Jun 16 2022 12:30", "Thursday, June 16th, 2022"
const MONTH_DAY_YEAR = new RegExp(
  String.raw`^(?:[a-z]+,?\s+)?([a-z]{3,})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})${TIME_PART}${ZONE_PART}$`, 'i');

function fields(y: string, mo: number | undefined, d: string, rest: (string | undefined)[]): Fields | undefined {
  if (mo === undefined) return undefined;
  const [h, mi, s, frac, zone] = rest;
  return {
    year: Number(y), month: mo, day: Number(d), hour: Number(h ?? 0), minute: Number(mi ?? 0),
    second: Number(s ?? 0), ms: frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0, zone,
  };
}

function parseFields(s: string): Fields | undefined {
  let m = ISO.exec(s) ?? SLASHED.exec(s);
  if (m) return fields(m[1], Number(m[2]), m[3], m.slice(4));
  m = DAY_MONTH_YEAR.exec(s);
  if (m) return fields(m[3], monthNumber(m[2]), m[1], m.slice(4));
  m = MONTH_DAY_YEAR.exec(s);
  if (m) return fields(m[3], monthNumber(m[1]), m[2], m.slice(4));
  return undefined;
}

/**
 * A subset of Ruby's `Time.parse` (which is very lenient): ISO dates with optional time and zone,
 * "YYYY/MM/DD", RFC 2822, "16 June 2022" and "June 16, 2022". Returns undefined where Ruby raises
 * ArgumentError (and for the rarer forms Ruby would accept; see the module's known differences).
 */
export function parseRubyTimeString(input: string, timeZone: string): RubyTime | undefined {
  const f = parseFields(input.trim());
  if (!f) return undefined;
  if (f.month < 1 || f.month > 12 || f.day < 1 || f.day > 31 || f.hour > 24 || f.minute > 59 || f.second > 60) {
    return undefined; // Ruby: ArgumentError "argument out of range"
  }
  const zone = parseZone(f.zone);
  if (f.zone && !zone) return undefined;
  if (zone) {
    const asUtc = new Date(0);
    asUtc.setUTCFullYear(f.year, f.month - 1, f.day);
    asUtc.setUTCHours(f.hour, f.minute, f.second, f.ms);
    return timeWithOffset(asUtc.getTime() - zone.offset * 1000, zone.offset, zone.name);
  }
  return timeFromWallClock(timeZone, f.year, f.month, f.day, f.hour, f.minute, f.second, f.ms);
}

/**
 * Liquid's `Utils.to_date`: Times pass through; "" → nil; "now"/"today" → now; an integer or a
 * string of digits → seconds since the epoch; other strings → `Time.parse` (nil when it fails).
 * Floats are not dates in Ruby Liquid (they fall through every branch).
 */
export function toRubyTime(input: unknown, timeZone: string, now: () => Date = () => new Date()): RubyTime | undefined {
  const v = unwrap(input);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : timeOfDate(v, timeZone);
  if (isRubyTimeLike(v)) return v;
  if (typeof v === 'number') return Number.isInteger(v) ? timeInZone(v * 1000, timeZone) : undefined;
  if (typeof v !== 'string' || v === '') return undefined;
  const s = v.toLowerCase();
  if (s === 'now' || s === 'today') return timeInZone(now().getTime(), timeZone);
  if (/^\d+$/.test(s)) return timeInZone(Number(s) * 1000, timeZone);
  return parseRubyTimeString(v, timeZone);
}

export class InvalidDateError extends Error {
  constructor(input: unknown) {
    // Jekyll::Errors::InvalidDateError, raised by the date_to_* filters (the build stops).
    super(`Invalid Date: '${rubyToS(input)}' is not a valid datetime.`);
    this.name = 'InvalidDateError';
  }
}

/** Jekyll's private `time(input)`: to_date, then `localtime` (the site's zone); raises if invalid. */
function jekyllTime(input: unknown, timeZone: string, now?: () => Date): RubyTime {
  const t = toRubyTime(input, timeZone, now);
  if (!t) throw new InvalidDateError(input);
  return toLocalTime(t, timeZone);
}

/** Jekyll returns its input untouched when `input.to_s` is empty (nil, ""). */
function isBlank(input: unknown): boolean {
  // A valid date always prints as something: no need to print it (every post card asks).
  const v = unwrap(input);
  if ((v instanceof Date && !Number.isNaN(v.getTime())) || isRubyTimeLike(v)) return false;
  return rubyToS(input) === '';
}

/**
 * Liquid's `date` filter. An empty format returns the input; so does an input that is not a date.
 * Where Ruby would then print a Time with `to_s`, we return that text ("2022-06-16 12:30:00 +0200")
 * instead of the JS Date, so the output matches.
 */
export function dateFilter(input: unknown, format: unknown, timeZone: string, now?: () => Date): unknown {
  const t = toRubyTime(input, timeZone, now);
  const fmt = rubyToS(format);
  if (fmt === '') return t && unwrap(input) instanceof Date ? formatRubyTime(t) : input;
  if (!t) return input;
  return strftime(t, fmt);
}

export function dateToXmlschema(input: unknown, timeZone: string, now?: () => Date): unknown {
  if (isBlank(input)) return input;
  return formatXmlSchema(jekyllTime(input, timeZone, now));
}

export function dateToRfc822(input: unknown, timeZone: string, now?: () => Date): unknown {
  if (isBlank(input)) return input;
  return formatRfc822(jekyllTime(input, timeZone, now));
}

/** English ordinal suffix, 11th–13th included. */
export function ordinalSuffix(n: number): string {
  if (n % 100 >= 11 && n % 100 <= 13) return 'th';
  switch (n % 10) {
    case 1: return 'st';
    case 2: return 'nd';
    case 3: return 'rd';
    default: return 'th';
  }
}

function stringifyDate(input: unknown, monthType: '%b' | '%B', type: unknown, style: unknown,
  timeZone: string, now?: () => Date): unknown {
  if (isBlank(input)) return input;
  const t = jekyllTime(input, timeZone, now);
  // Only the exact strings "ordinal" and "US" switch formats; anything else is the UK default.
  if (type === 'ordinal') {
    const day = wallClock(t).day;
    const ordinalDay = `${day}${ordinalSuffix(day)}`;
    if (style === 'US') return strftime(t, `${monthType} ${ordinalDay}, %Y`);
    return strftime(t, `${ordinalDay} ${monthType} %Y`);
  }
  return strftime(t, `%d ${monthType} %Y`);
}

/** "16 Jun 2022", "16th Jun 2022", "Jun 16th, 2022". */
export function dateToString(input: unknown, type: unknown, style: unknown, timeZone: string, now?: () => Date): unknown {
  return stringifyDate(input, '%b', type, style, timeZone, now);
}

/** "16 June 2022", "16th June 2022", "June 16th, 2022". */
export function dateToLongString(input: unknown, type: unknown, style: unknown, timeZone: string, now?: () => Date): unknown {
  return stringifyDate(input, '%B', type, style, timeZone, now);
}
