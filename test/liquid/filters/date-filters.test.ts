import { describe, expect, it } from 'vitest';
import {
  dateFilter, dateToLongString, dateToRfc822, dateToString, dateToXmlschema, InvalidDateError,
  ordinalSuffix, parseRubyTimeString, toRubyTime,
} from '../../../src/liquid/filters/date-filters.ts';
import { strftime } from '../../../src/liquid/filters/ruby-strftime.ts';
import { timeFromWallClock, timeInZone, zoneAbbreviation } from '../../../src/liquid/filters/ruby-time.ts';
import { swedishDate } from '../../../src/liquid/filters/swedish-date.ts';

const STHLM = 'Europe/Stockholm';
const summer = new Date('2022-06-16T10:30:00Z'); // 12:30 CEST
const nearMidnight = new Date('2022-01-10T23:30:00Z'); // 00:30 CET on the 11th

describe('ruby strftime', () => {
  const t = timeInZone(new Date('2022-03-05T07:04:03.250Z').getTime(), STHLM); // 08:04:03 CET, Saturday

  it.each([
    ['%-d %-m %e', '5 3  5'],
    ['%d|%3d|%_m|%-H|%k|%l|%I', '05|005| 3|8| 8| 8|08'],
    ['%A %a %B %b %h', 'Saturday Sat March Mar Mar'],
    ['%^A %^b %#B %#p %P %p', 'SATURDAY MAR MARCH am am AM'],
    ['%10A|%-10A|%010d|%_5H|%^10b', '  Saturday|Saturday|0000000005|    8|       MAR'],
    ['%j %U %W %u %w %V %G %g', '064 09 09 6 6 09 2022 22'],
    ['%L %3N %6N %N', '250 250 250000 250000000'],
    ['%z %:z %::z %Z', '+0100 +01:00 +01:00:00 CET'],
    ['%F %T %D %R %r', '2022-03-05 08:04:03 03/05/22 08:04 08:04:03 AM'],
    ['%c', 'Sat Mar  5 08:04:03 2022'],
    ['%v', ' 5-MAR-2022'],
    ['%s', String(Date.parse('2022-03-05T07:04:03Z') / 1000)],
    ['%C %y %Y', '20 22 2022'],
    ['%% %n%t', '% \n\t'],
    ['%+ %Q %:d %E', '%+ %Q %:d %E'], // unknown directives are printed as written
  ])('%s', (format, expected) => {
    expect(strftime(t, format)).toBe(expected);
  });

  it('ISO weeks across the year boundary', () => {
    const t2 = timeFromWallClock(STHLM, 2021, 1, 3, 12);
    expect(strftime(t2, '%G-W%V %U %W %j')).toBe('2020-W53 01 00 003');
    const t3 = timeFromWallClock(STHLM, 2024, 12, 30, 12);
    expect(strftime(t3, '%G-W%V')).toBe('2025-W01');
  });
});

describe('zones', () => {
  it('names summer and winter time like tzdata', () => {
    expect(zoneAbbreviation(summer.getTime(), STHLM)).toBe('CEST');
    expect(zoneAbbreviation(nearMidnight.getTime(), STHLM)).toBe('CET');
    expect(zoneAbbreviation(summer.getTime(), 'UTC')).toBe('UTC');
  });

  it('moves wall-clock times in the spring-forward gap an hour on, as Ruby does', () => {
    const t = timeFromWallClock(STHLM, 2022, 3, 27, 2, 30);
    expect(strftime(t, '%H:%M %Z')).toBe('03:30 CEST');
  });
});

describe('to_date (Time.parse subset)', () => {
  it('reads zone-less strings in the site zone and keeps explicit offsets', () => {
    expect(strftime(toRubyTime('2022-06-16', STHLM)!, '%F %T %z')).toBe('2022-06-16 00:00:00 +0200');
    expect(strftime(toRubyTime('2022-01-10T23:30:00Z', STHLM)!, '%d %H:%M %Z')).toBe('10 23:30 UTC');
    expect(strftime(toRubyTime('2022-01-10 23:30:00 +05:00', STHLM)!, '%H:%M %z|%Z|')).toBe('23:30 +0500||');
    expect(strftime(parseRubyTimeString('Thu, 16 Jun 2022 12:30:00 +0200', STHLM)!, '%F %T %z')).toBe('2022-06-16 12:30:00 +0200');
    expect(strftime(parseRubyTimeString('June 16, 2022', STHLM)!, '%F')).toBe('2022-06-16');
    expect(strftime(parseRubyTimeString('16 jun 2022 08:00', STHLM)!, '%F %H')).toBe('2022-06-16 08');
  });

  it('epoch seconds, now/today, and the non-dates', () => {
    expect(strftime(toRubyTime(1655375400, STHLM)!, '%F %T')).toBe('2022-06-16 12:30:00');
    expect(strftime(toRubyTime('1655375400', STHLM)!, '%F %T')).toBe('2022-06-16 12:30:00');
    const now = (): Date => nearMidnight;
    expect(strftime(toRubyTime('Now', STHLM, now)!, '%F')).toBe('2022-01-11');
    expect(strftime(toRubyTime('today', STHLM, now)!, '%F')).toBe('2022-01-11');
    expect(toRubyTime('', STHLM)).toBeUndefined();
    expect(toRubyTime(null, STHLM)).toBeUndefined();
    expect(toRubyTime(1.5, STHLM)).toBeUndefined(); // Floats are not dates in Ruby Liquid
    expect(toRubyTime('not a date', STHLM)).toBeUndefined();
    expect(toRubyTime('2022-13-01', STHLM)).toBeUndefined();
  });
});

describe('date filters', () => {
  it('date: shows JS Dates in the site zone, returns non-dates unchanged', () => {
    expect(dateFilter(nearMidnight, '%Y-%m-%d %H:%M', STHLM)).toBe('2022-01-11 00:30');
    expect(dateFilter(nearMidnight, '%Y-%m-%d %H:%M', 'UTC')).toBe('2022-01-10 23:30');
    expect(dateFilter('nope', '%Y', STHLM)).toBe('nope');
    expect(dateFilter(null, '%Y', STHLM)).toBe(null);
    expect(dateFilter(summer, '', STHLM)).toBe('2022-06-16 12:30:00 +0200');
  });

  it('date_to_xmlschema and date_to_rfc822 convert to the site zone', () => {
    expect(dateToXmlschema(summer, STHLM)).toBe('2022-06-16T12:30:00+02:00');
    expect(dateToXmlschema('2022-01-10T23:30:00Z', STHLM)).toBe('2022-01-11T00:30:00+01:00');
    // Jekyll's filters call localtime: a local time in UTC is not Ruby's utc?, so no "Z".
    expect(dateToXmlschema(summer, 'UTC')).toBe('2022-06-16T10:30:00+00:00');
    expect(dateToRfc822(nearMidnight, STHLM)).toBe('Tue, 11 Jan 2022 00:30:00 +0100');
    expect(dateToRfc822(summer, 'UTC')).toBe('Thu, 16 Jun 2022 10:30:00 +0000');
    expect(dateToXmlschema('', STHLM)).toBe('');
    expect(dateToXmlschema(null, STHLM)).toBe(null);
    expect(() => dateToXmlschema('garbage', STHLM)).toThrow(InvalidDateError);
  });

  it('date_to_string / date_to_long_string with ordinal and US', () => {
    expect(dateToString(summer, undefined, undefined, STHLM)).toBe('16 Jun 2022');
    expect(dateToString(summer, 'ordinal', undefined, STHLM)).toBe('16th Jun 2022');
    expect(dateToString(summer, 'ordinal', 'US', STHLM)).toBe('Jun 16th, 2022');
    expect(dateToString(summer, 'plain', 'US', STHLM)).toBe('16 Jun 2022');
    expect(dateToLongString(nearMidnight, 'ordinal', 'US', STHLM)).toBe('January 11th, 2022');
    expect(dateToLongString('2022-03-05', undefined, undefined, STHLM)).toBe('05 March 2022');
  });

  it('ordinal suffixes', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 31, 101, 111, 112].map((n) => n + ordinalSuffix(n)))
      .toEqual(['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '23rd', '31st', '101st', '111th', '112th']);
  });
});

describe('swedish_date', () => {
  it('day month year and month year, in the site zone', () => {
    expect(swedishDate(summer, undefined, STHLM)).toBe('16 juni 2022');
    expect(swedishDate(summer, 'month', STHLM)).toBe('juni 2022');
    expect(swedishDate(nearMidnight, undefined, STHLM)).toBe('11 januari 2022');
    expect(swedishDate(nearMidnight, undefined, 'UTC')).toBe('10 januari 2022');
    expect(swedishDate('2022-12-24', undefined, STHLM)).toBe('24 december 2022');
    expect(swedishDate('2022-03-05', 'month', STHLM)).toBe('mars 2022');
    expect(swedishDate('2022-05-01', undefined, STHLM)).toBe('1 maj 2022');
  });

  it('leaves non-dates alone', () => {
    expect(swedishDate(null, undefined, STHLM)).toBe(null);
    expect(swedishDate('', undefined, STHLM)).toBe('');
    expect(swedishDate('igår', undefined, STHLM)).toBe('igår');
  });
});
