/**
 * Our own `swedish_date` filter (no Jekyll counterpart): `16 juni 2022`, or with "month"
 * `juni 2022`. Month names are built in (Swedish writes them in lower case) rather than taken from
 * the machine's locale, and the day is the one in the site's zone, like the other date filters.
 */
import { toRubyTime } from './date-filters.ts';
import { wallClock } from './ruby-time.ts';

export const SWEDISH_MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli',
  'augusti', 'september', 'oktober', 'november', 'december'] as const;

/**
 * Returns the input unchanged when it is not a date (nil, "", garbage), like Liquid's `date`.
 * A date-only string ("2022-06-16") means that day, whatever the zone.
 */
export function swedishDate(input: unknown, mode: unknown, timeZone: string, now?: () => Date): unknown {
  const t = toRubyTime(input, timeZone, now);
  if (!t) return input;
  const w = wallClock(t);
  const month = SWEDISH_MONTHS[w.month - 1];
  if (mode === 'month') return `${month} ${w.year}`;
  return `${w.day} ${month} ${w.year}`;
}
