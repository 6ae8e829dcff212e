/**
 * The filters that can turn the build time into text: Liquid's `date`, Jekyll's `date_to_*` and our
 * `swedish_date`. When one of them is given `site.time` (or "now"), the page cache records the
 * result as a TimeFact and reuses the page on a later build only while the filter gives the same
 * text again: a footer's `{{ site.time | date: "%Y" }}` keeps pages reusable all year.
 */
import { JekyllTime } from '../../sources/jekyll-time.ts';
import { recorderIn, TrackedTime, type TimeFact } from '../render-recorder.ts';
import { dateFilter, dateToLongString, dateToRfc822, dateToString, dateToXmlschema } from './date-filters.ts';
import { swedishDate } from './swedish-date.ts';

export const DATE_FILTER_NAMES = ['date', 'date_to_xmlschema', 'date_to_rfc822', 'date_to_string', 'date_to_long_string', 'swedish_date'] as const;
export type DateFilterName = (typeof DATE_FILTER_NAMES)[number];

export function applyDateFilter(name: DateFilterName, input: unknown, args: unknown[], timeZone: string, now?: () => Date): unknown {
  switch (name) {
    case 'date': return dateFilter(input, args[0], timeZone, now);
    case 'date_to_xmlschema': return dateToXmlschema(input, timeZone, now);
    case 'date_to_rfc822': return dateToRfc822(input, timeZone, now);
    case 'date_to_string': return dateToString(input, args[0], args[1], timeZone, now);
    case 'date_to_long_string': return dateToLongString(input, args[0], args[1], timeZone, now);
    case 'swedish_date': return swedishDate(input, args[0], timeZone, now);
  }
}

/**
 * A date filter as registered: the plain function, plus a TimeFact when the input is the build time
 * and the page cache is listening (`environments` is the render's scope).
 */
export function recordingDateFilter(name: DateFilterName, timeZone: string, now?: () => Date) {
  return function (this: { context: { environments: unknown } }, input: unknown, ...args: unknown[]): unknown {
    const recorder = recorderIn(this.context.environments);
    const source = recorder && buildTimeInput(input);
    if (!recorder || !source) return applyDateFilter(name, input, args, timeZone, now);
    const result = applyDateFilter(name, source.value, args, timeZone, now);
    const plainArgs = args.every(isPlain) ? (args as TimeFact['args']) : undefined;
    if (typeof result !== 'string' || !plainArgs) recorder.markVolatile(`${name} of the build time`);
    else recorder.recordTimeFact({ filter: name, input: source.input, args: plainArgs, result });
    return result;
  };
}

/** Whether a recorded fact still holds at the build time `time`. */
export function timeFactHolds(fact: TimeFact, time: Date, timeZone: string): boolean {
  if (!(DATE_FILTER_NAMES as readonly string[]).includes(fact.filter)) return false;
  const input = fact.input === 'time' ? new JekyllTime(time, timeZone) : fact.input;
  try {
    return applyDateFilter(fact.filter as DateFilterName, input, fact.args, timeZone, () => time) === fact.result;
  } catch {
    return false;
  }
}

function buildTimeInput(input: unknown): { input: string; value: unknown } | undefined {
  if (input instanceof TrackedTime) return { input: 'time', value: input.untracked };
  if (typeof input === 'string' && /^(now|today)$/i.test(input)) return { input, value: input };
  return undefined;
}

function isPlain(value: unknown): boolean {
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}
