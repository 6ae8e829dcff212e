/**
 * Registers Jekyll's filters (Jekyll 4.3 + Liquid 5.4 semantics) and our `swedish_date` on a
 * liquidjs instance, replacing liquidjs's built-ins where they differ from Ruby Liquid:
 *
 * - `date`: Ruby strftime, in the site's zone (liquidjs uses the machine's zone / its own flags).
 * - `sort`: Jekyll's, with a property (nested "a.b"), nils "first"/"last", numeric strings as numbers.
 * - `where`, `find`, `group_by`: Jekyll's `to_s` comparisons, arrays match by element, nested keys.
 * - `where_exp`, `find_exp`: Ruby truthiness (liquidjs keeps only exactly `true`).
 * - `group_by_exp`, `group_by`: Jekyll adds `size` to each group.
 * - `truncate`, `size`: count characters (code points), not UTF-16 units; `Integer#size` is 8.
 * - `truncatewords`: a count ≤ 0 means 1; short input comes back with its whitespace untouched.
 * - `divided_by`: integer (floor) division when both sides are integers, "3.0" for float results.
 * - `push`, `pop`, `shift`, `unshift`, `sample`: non-arrays come back unchanged; `pop`/`shift` take
 *   a count.
 */
import { TokenKind, type Liquid } from 'liquidjs';
import {
  arrayToSentenceString, find, groupBy, pop, push, sample, shift, sort, unshift, where,
  type CollectionOptions, type PropertyReader,
} from './collection-filters.ts';
import { DATE_FILTER_NAMES, recordingDateFilter } from './build-time-filters.ts';
import { findExp, groupByExp, whereExp, type FilterThis } from './expression-filters.ts';
import { slugify } from './slugify.ts';
import { smartify } from './smartify.ts';
import {
  dividedBy, inspectFilter, jsonify, markdownify, normalizeWhitespace, numberOfWords, size, stripHtml,
  toInteger, truncate, truncatewords, xmlEscape, escapeHtml, escapeOnce,
} from './string-filters.ts';
import { absoluteUrl, cgiEscape, relativeUrl, uriEscape } from './url-filters.ts';
import { rubyToS, unwrap } from './ruby-values.ts';
import { recorderIn } from '../render-recorder.ts';

export interface FilterSite {
  url: string;
  baseurl: string;
  /** IANA zone, e.g. "Europe/Stockholm": every date is shown in it, never in the machine's. */
  timezone: string;
  /** Converts Markdown to HTML for `markdownify` (the site's Markdown module). */
  markdownify?: (markdown: string) => string;
  /** Clock for "now"/"today" (tests pin it); defaults to the real time. */
  now?: () => Date;
}

/** A literal argument written with a decimal point (`10.0`), which liquidjs reads as 10. */
function isFloatLiteral(token: unknown): boolean {
  if (token === null || typeof token !== 'object') return false;
  const t = token as { kind?: unknown; getText?: unknown };
  return t.kind === TokenKind.Number && typeof t.getText === 'function'
    && (t.getText as () => string).call(token).includes('.');
}

export function registerJekyllFilters(liquid: Liquid, site: FilterSite): void {
  const tz = site.timezone;
  const now = site.now;
  const options = (self: FilterThis): CollectionOptions => {
    // liquidjs's own property reading: Drops (liquidMethodMissing), functions, `size`/`first`/`last`.
    const read: PropertyReader = (obj, key) => self.context.readProperty(obj as object, key) as unknown;
    return { read, timeZone: tz };
  };
  type Handler = (this: FilterThis, input: unknown, ...args: unknown[]) => unknown;
  const register = (name: string, handler: Handler): void => {
    liquid.registerFilter(name, handler as (this: unknown, ...args: unknown[]) => unknown);
  };

  // URLs
  register('relative_url', (input) => relativeUrl(input, site.baseurl));
  register('absolute_url', (input) => absoluteUrl(input, site.url, site.baseurl));
  register('cgi_escape', (input) => cgiEscape(input));
  register('uri_escape', (input) => uriEscape(input));

  // Dates
  for (const name of DATE_FILTER_NAMES) register(name, recordingDateFilter(name, tz, now));

  // Arrays
  register('where', function (input, property, value) { return where(input, property, value, options(this)); });
  register('find', function (input, property, value) { return find(input, property, value, options(this)); });
  register('group_by', function (input, property) { return groupBy(input, property, options(this)); });
  register('sort', function (input, property, nils) {
    return sort(input, property, nils === undefined ? 'first' : nils, options(this));
  });
  register('where_exp', whereExp as Handler);
  register('find_exp', findExp as Handler);
  register('group_by_exp', groupByExp as Handler);
  register('array_to_sentence_string', (input, connector) => arrayToSentenceString(input, connector ?? 'and', tz));
  register('push', (input, value) => push(input, value));
  register('pop', (input, num) => pop(input, num ?? 1));
  register('shift', (input, num) => shift(input, num ?? 1));
  register('unshift', (input, value) => unshift(input, value));
  register('sample', function (input, num) {
    // A random pick: the page cache may not reuse a page that makes one.
    recorderIn(this.context.environments)?.markVolatile('uses sample');
    return sample(input, num ?? 1);
  });
  register('size', (input) => size(input));

  // Strings
  register('number_of_words', (input, mode) => numberOfWords(input, mode));
  register('slugify', (input, mode, cased) => {
    // Jekyll's filter takes only a mode; `cased` (Utils.slugify's option) is our extension.
    const v = unwrap(input);
    if (v === null || v === undefined) return null;
    return slugify(rubyToS(v, tz), mode === undefined || mode === null ? null : rubyToS(mode), cased === true);
  });
  register('xml_escape', (input) => xmlEscape(input));
  register('escape', (input) => escapeHtml(input));
  register('escape_once', (input) => escapeOnce(input));
  register('jsonify', (input) => jsonify(input, tz));
  register('inspect', (input) => inspectFilter(input, tz));
  register('normalize_whitespace', (input) => normalizeWhitespace(input));
  register('strip_html', (input) => stripHtml(input));
  register('truncate', (input, length, ellipsis) => truncate(input, length ?? 50, ellipsis ?? '...'));
  register('truncatewords', (input, words, ellipsis) => truncatewords(input, words ?? 15, ellipsis ?? '...'));
  register('to_integer', (input) => toInteger(input, tz));
  register('smartify', (input) => smartify(rubyToS(input, tz)));
  register('markdownify', (input) => markdownify(input, site.markdownify));

  // Numbers
  register('divided_by', function (input, operand) {
    return dividedBy(input, operand, isFloatLiteral(this.token.args[0]));
  });
}
