/**
 * URLs as Jekyll 4.3 makes them (lib/jekyll/url.rb and drops/url_drop.rb): a template such as
 * `/:categories/:year/:month/:day/:title:output_ext` filled with escaped values, then sanitised.
 */
import { BuildError } from '../errors.ts';
import { zonedParts } from './zoned-time.ts';

export type Placeholders = Record<string, string | undefined>;

/** Jekyll's URL.escape_path: plain paths stay as they are, anything else is percent-encoded (å → %C3%A5). */
export function escapePath(value: string): string {
  if (value === '' || /^[a-zA-Z0-9./-]+$/.test(value)) return value;
  // Addressable::URI.encode keeps sub-delimiters, ":" and "@"; Jekyll then encodes the first "#".
  return encodeURI(value).replace('#', '%23');
}

export function unescapePath(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURI(value).replace(/%23/g, '#');
  } catch {
    return value;
  }
}

/** Jekyll's URL#sanitize_url: a leading slash, ".." and "./" removed, repeated slashes squeezed. */
export function sanitizeUrl(url: string): string {
  return `/${url}`.replaceAll('..', '/').replaceAll('./', '').replace(/\/{2,}/g, '/');
}

/** Fills a template from a document's placeholders (UrlDrop semantics: every `:name` must exist). */
export function expandDocumentUrl(template: string, placeholders: Placeholders, file: string): string {
  const filled = template.replace(/:([a-z_]+)/g, (match, name: string) => {
    const pool = name.endsWith('_') ? [name, name.slice(0, -1)] : [name];
    const winner = pool.find((key) => key in placeholders);
    if (winner === undefined) {
      throw new BuildError(`The permalink '${template}' uses :${name}, which posts do not have.`, {
        file,
        hint: `Use one of :${Object.keys(placeholders).join(', :')}.`,
      });
    }
    const value = escapePath(placeholders[winner] ?? '');
    return match.replace(`:${winner}`, value);
  });
  return sanitizeUrl(filled);
}

/**
 * Fills a page template (Jekyll's generate_url_from_hash): each known placeholder is replaced in turn,
 * and one whose value is missing takes its leading slash with it.
 */
export function expandPageUrl(template: string, placeholders: Placeholders): string {
  let result = template;
  for (const [key, value] of Object.entries(placeholders)) {
    if (!result.includes(':')) break;
    result = value === undefined ? result.replaceAll(`/:${key}`, '') : result.replaceAll(`:${key}`, escapePath(value));
  }
  return sanitizeUrl(result);
}

/** Where a URL is written in the destination (Document#destination / Page#destination). */
export function outputPathForUrl(url: string, outputExt: string): string {
  let output = unescapePath(url).replace(/^\/+/, '');
  if (url.endsWith('/')) output += 'index.html';
  else if (outputExt && !output.endsWith(outputExt)) output += outputExt;
  return output;
}

/** Jekyll's add_permalink_suffix: how a page URL ends under the site's permalink style. */
export function addPermalinkSuffix(template: string, permalinkStyle: string): string {
  if (permalinkStyle === 'pretty') return `${template}/`;
  if (['date', 'ordinal', 'none'].includes(permalinkStyle)) return `${template}:output_ext`;
  let result = template;
  if (permalinkStyle.endsWith('/')) result += '/';
  if (permalinkStyle.endsWith(':output_ext')) result += ':output_ext';
  return result;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** The date placeholders of Jekyll's UrlDrop, read in the site's zone. */
export function datePlaceholders(date: Date, timeZone: string): Placeholders {
  const p = zonedParts(date, timeZone);
  const startOfYear = Date.UTC(p.year, 0, 1);
  const dayOfYear = Math.floor((Date.UTC(p.year, p.month - 1, p.day) - startOfYear) / 86_400_000) + 1;
  const iso = isoWeek(p.year, p.month, p.day);
  return {
    year: String(p.year),
    month: pad(p.month),
    day: pad(p.day),
    hour: pad(p.hour),
    minute: pad(p.minute),
    second: pad(p.second),
    i_day: String(p.day),
    i_month: String(p.month),
    short_month: MONTHS[p.month - 1].slice(0, 3),
    long_month: MONTHS[p.month - 1],
    short_year: pad(p.year % 100),
    y_day: pad(dayOfYear, 3),
    w_year: String(iso.year),
    week: pad(iso.week),
    w_day: String(p.weekday === 0 ? 7 : p.weekday),
    short_day: DAYS[p.weekday].slice(0, 3),
    long_day: DAYS[p.weekday],
  };
}

function isoWeek(year: number, month: number, day: number): { year: number; week: number } {
  const date = new Date(Date.UTC(year, month - 1, day));
  const weekday = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const weekYear = date.getUTCFullYear();
  const week = Math.ceil(((date.getTime() - Date.UTC(weekYear, 0, 1)) / 86_400_000 + 1) / 7);
  return { year: weekYear, week };
}
