/**
 * Ruby's Time#strftime, English names, for a {@link RubyTime} (its own offset, never the
 * machine's zone).
 *
 * Supported: flags `-` (no padding), `_` (pad with spaces), `0` (pad with zeros), `^` (upcase),
 * `#` (change case), a field width (`%10A`, `%3N`), colons for `%z` (`%:z`, `%::z`), and the
 * conversions a b A B c C d D e F g G h H I j k l L m M n N p P r R s S t T u U v V w W x X y Y z Z %.
 * Anything else is printed literally, directive and all, as Ruby does (`%+` prints "%+").
 */
import { formatOffset, wallClock, type RubyTime, type WallClock } from './ruby-time.ts';
import { BoundedMemo } from '../../sources/memoize-by-instant.ts';

export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July',
  'August', 'September', 'October', 'November', 'December'] as const;
export const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** ISO 8601 week-based year and week number (for %G %g %V). */
function isoWeek(w: WallClock): { year: number; week: number } {
  const isoWeekday = w.weekday === 0 ? 7 : w.weekday; // Monday = 1
  // The Thursday of this week decides which year the week belongs to.
  const thursday = new Date(0);
  thursday.setUTCFullYear(w.year, w.month - 1, w.day + (4 - isoWeekday));
  const year = thursday.getUTCFullYear();
  const jan1 = new Date(0);
  jan1.setUTCFullYear(year, 0, 1);
  const week = Math.floor((thursday.getTime() - jan1.getTime()) / 86_400_000 / 7) + 1;
  return { year, week };
}

/** Week number with weeks starting on `firstDay` (0 = Sunday for %U, 1 = Monday for %W). */
function weekOfYear(w: WallClock, firstDay: number): number {
  const wday = (w.weekday - firstDay + 7) % 7;
  return Math.floor((w.yearDay - 1 - wday + 7) / 7);
}

interface Directive {
  flags: string;
  width: number | undefined;
  colons: number;
  conv: string;
}

const NUMERIC_DEFAULT_WIDTH: Record<string, number> = {
  C: 2, d: 2, e: 2, g: 2, H: 2, I: 2, j: 3, k: 2, l: 2, L: 3, m: 2, M: 2, S: 2, U: 2, u: 1,
  V: 2, w: 1, W: 2, y: 2,
};
/** Ruby pads these numbers with spaces by default instead of zeros. */
const SPACE_PADDED = new Set(['e', 'k', 'l']);

function padNumber(value: number, d: Directive, defaultWidth: number, defaultPad: '0' | ' '): string {
  if (d.flags.includes('-')) return String(value);
  const padChar = d.flags.includes('_') ? ' ' : d.flags.includes('0') ? '0' : defaultPad;
  const width = d.width ?? defaultWidth;
  const negative = value < 0;
  const digits = String(Math.abs(value));
  if (padChar === '0') return (negative ? '-' : '') + digits.padStart(width - (negative ? 1 : 0), '0');
  return (negative ? `-${digits}` : digits).padStart(width, ' ');
}

function padText(text: string, d: Directive, upcaseWithHash: boolean): string {
  let s = text;
  if (d.flags.includes('^')) s = s.toUpperCase();
  if (d.flags.includes('#')) s = upcaseWithHash ? s.toUpperCase() : s.toLowerCase();
  if (d.flags.includes('-') || d.width === undefined) return s;
  const padChar = d.flags.includes('0') ? '0' : ' ';
  return s.padStart(d.width, padChar);
}

function expand(t: RubyTime, w: WallClock, d: Directive): string | undefined {
  const num = (value: number): string =>
    padNumber(value, d, NUMERIC_DEFAULT_WIDTH[d.conv] ?? 1, SPACE_PADDED.has(d.conv) ? ' ' : '0');
  const composite = (format: string): string => padText(strftime(t, format), d, true);
  const hour12 = w.hour % 12 === 0 ? 12 : w.hour % 12;
  switch (d.conv) {
    case 'a': return padText(DAY_NAMES[w.weekday].slice(0, 3), d, true);
    case 'A': return padText(DAY_NAMES[w.weekday], d, true);
    case 'b': case 'h': return padText(MONTH_NAMES[w.month - 1].slice(0, 3), d, true);
    case 'B': return padText(MONTH_NAMES[w.month - 1], d, true);
    case 'c': return composite('%a %b %e %H:%M:%S %Y');
    case 'C': return num(Math.floor(w.year / 100));
    case 'd': return num(w.day);
    case 'D': case 'x': return composite('%m/%d/%y');
    case 'e': return num(w.day);
    case 'F': return composite('%Y-%m-%d');
    case 'g': return num(((isoWeek(w).year % 100) + 100) % 100);
    case 'G': return padNumber(isoWeek(w).year, d, 4, '0');
    case 'H': return num(w.hour);
    case 'I': return num(hour12);
    case 'j': return num(w.yearDay);
    case 'k': return num(w.hour);
    case 'l': return num(hour12);
    case 'L': case 'N': {
      // Fractional seconds: the width is the number of digits (default 3 for %L, 9 for %N),
      // truncated, not rounded. Our instants have millisecond precision.
      const digits = d.width ?? (d.conv === 'L' ? 3 : 9);
      return String(w.millisecond).padStart(3, '0').padEnd(digits, '0').slice(0, digits);
    }
    case 'm': return num(w.month);
    case 'M': return num(w.minute);
    case 'n': return '\n';
    case 'p': return padText(w.hour < 12 ? 'AM' : 'PM', d, false);
    case 'P': return padText(w.hour < 12 ? 'am' : 'pm', d, false);
    case 'r': return composite('%I:%M:%S %p');
    case 'R': return composite('%H:%M');
    case 's': return padNumber(Math.floor(t.epochMs / 1000), d, 1, '0');
    case 'S': return num(w.second);
    case 't': return '\t';
    case 'T': case 'X': return composite('%H:%M:%S');
    case 'u': return num(w.weekday === 0 ? 7 : w.weekday);
    case 'U': return num(weekOfYear(w, 0));
    // Ruby's %v upcases the month: "24-DEC-2022".
    case 'v': return composite('%e-%^b-%4Y');
    case 'V': return num(isoWeek(w).week);
    case 'w': return num(w.weekday);
    case 'W': return num(weekOfYear(w, 1));
    case 'y': return num(((w.year % 100) + 100) % 100);
    case 'Y': return padNumber(w.year, d, w.year < 0 ? 5 : 4, '0');
    case 'z': {
      const s = formatOffset(t.offsetSeconds, d.colons);
      if (d.width === undefined || d.flags.includes('-')) return s;
      const padChar = d.flags.includes('_') ? ' ' : '0';
      return padChar === '0' ? s[0] + s.slice(1).padStart(d.width - 1, '0') : s.padStart(d.width, ' ');
    }
    case 'Z': return padText(t.zoneName, d, false);
    case '%': return padText('%', d, false);
    default: return undefined;
  }
}

const DIRECTIVE = /%([-_0^#]*)(\d*)(:{0,2})([a-zA-Z%+])/g;

/** Formatted times by instant, offset, zone name where the format may print it, and format. */
const formatted = new BoundedMemo<string, string>();

export function strftime(t: RubyTime, format: string): string {
  // A listing formats each of its posts' dates again, with the same few formats.
  const key = `${t.epochMs},${t.offsetSeconds},${format.includes('Z') ? t.zoneName : ''},${format}`;
  return formatted.get(key) ?? formatted.set(key, formatTime(t, format));
}

function formatTime(t: RubyTime, format: string): string {
  const w = wallClock(t);
  return format.replace(DIRECTIVE, (whole, flags: string, width: string, colons: string, conv: string) => {
    if (colons.length > 0 && conv !== 'z') return whole;
    const out = expand(t, w, { flags, width: width === '' ? undefined : Number(width), colons: colons.length, conv });
    return out ?? whole;
  });
}
