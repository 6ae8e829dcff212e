/**
 * The week-by-week offset cache gives Intl's answer for every instant, in zones chosen for their
 * awkward rules: half-hour DST, negative DST, DST suspended for Ramadan, a day skipped at the date
 * line, offsets with seconds (local mean time before 1900).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { intlOffsetSeconds, keepOffsetsIn, saveOffsets, zoneOffsetSeconds } from '../../src/sources/zone-offsets.ts';
import { zonedParts } from '../../src/sources/zoned-time.ts';

const ZONES = [
  'Europe/Stockholm', 'America/New_York', 'Australia/Lord_Howe', 'Africa/Casablanca', 'Antarctica/Troll',
  'Pacific/Apia', 'Asia/Kolkata', 'America/Sao_Paulo', 'Europe/Dublin', 'Asia/Tehran', 'Pacific/Chatham',
  'America/St_Johns', 'Europe/Moscow', 'UTC',
];

/** A small deterministic generator, so a failure can be repeated. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const FROM = Date.UTC(1850, 0, 1);
const TO = Date.UTC(2045, 0, 1);

describe('zone offsets', () => {
  for (const zone of ZONES) {
    it(`equal Intl's in ${zone}, at random instants and around every change`, () => {
      const next = random(zone.length * 7919);
      const mismatches: string[] = [];
      const check = (epochMs: number): void => {
        const expected = intlOffsetSeconds(epochMs, zone);
        const actual = zoneOffsetSeconds(epochMs, zone);
        if (actual !== expected && mismatches.length < 5) mismatches.push(`${new Date(epochMs).toISOString()}: ${actual} ≠ ${expected}`);
      };
      for (let i = 0; i < 3000; i++) check(Math.floor(FROM + next() * (TO - FROM)));
      // Around the changes: find them hour by hour in 2005–2025 and test the seconds either side.
      let previous = intlOffsetSeconds(Date.UTC(2005, 0, 1), zone);
      for (let t = Date.UTC(2005, 0, 1); t < Date.UTC(2025, 0, 1); t += 3 * 3600_000) {
        const offset = intlOffsetSeconds(t, zone);
        if (offset !== previous) for (let s = t - 4 * 3600_000; s <= t; s += 1000 * 599) check(s);
        previous = offset;
      }
      expect(mismatches).toEqual([]);
    });
  }

  it('give the wall clock Intl gives, including before 1900 with local mean time', () => {
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone: 'Europe/Stockholm', hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    for (const instant of [Date.UTC(1870, 5, 1, 12, 0, 0), Date.UTC(2022, 2, 27, 0, 59, 59), Date.UTC(2022, 2, 27, 1, 0, 0), Date.UTC(2022, 9, 30, 0, 30)]) {
      const p = zonedParts(new Date(instant), 'Europe/Stockholm');
      const fields = Object.fromEntries(format.formatToParts(new Date(instant)).map((part) => [part.type, part.value]));
      expect([p.year, p.month, p.day, p.hour, p.minute, p.second]).toEqual(
        ['year', 'month', 'day', 'hour', 'minute', 'second'].map((key) => Number(fields[key])),
      );
    }
  });

  describe('kept between processes', () => {
    afterEach(() => {
      keepOffsetsIn(undefined);
      vi.restoreAllMocks();
    });

    it('are worked out once: a build that takes them from the store gives the same offsets without asking Intl', () => {
      const store = new Map<string, string>();
      const cache = { get: (key: string) => store.get(key), has: (key: string) => store.has(key), set: (key: string, value: string) => void store.set(key, value) };
      const instants = Array.from({ length: 400 }, (_, i) => Date.UTC(2000, 0, 1) + i * 5 * 24 * 3600 * 1000 + 3_600_000);
      keepOffsetsIn(cache);
      const first = instants.map((instant) => zoneOffsetSeconds(instant, 'Europe/Stockholm'));
      saveOffsets();
      expect(store.size).toBe(1);

      // The next build: a new store object over the same entries, nothing in memory.
      keepOffsetsIn({ ...cache });
      const intl = vi.spyOn(Intl.DateTimeFormat.prototype, 'formatToParts');
      expect(instants.map((instant) => zoneOffsetSeconds(instant, 'Europe/Stockholm'))).toEqual(first);
      expect(intl).not.toHaveBeenCalled();
      expect(first).toEqual(instants.map((instant) => intlOffsetSeconds(instant, 'Europe/Stockholm')));
    });

    it('are worked out again from Intl when the stored ones are damaged', () => {
      const store = new Map<string, string>();
      const cache = { get: (key: string) => store.get(key), has: (key: string) => store.has(key), set: (key: string, value: string) => void store.set(key, value) };
      keepOffsetsIn(cache);
      zoneOffsetSeconds(Date.UTC(2022, 5, 1), 'Europe/Stockholm');
      saveOffsets();
      const week = Math.floor(Date.UTC(2022, 5, 1) / (7 * 24 * 3600 * 1000));
      for (const damaged of ['[[1, "skräp"', JSON.stringify([[week, 'x', 0, 0]])]) {
        for (const key of store.keys()) store.set(key, damaged);
        keepOffsetsIn(cache);
        expect(zoneOffsetSeconds(Date.UTC(2022, 5, 1), 'Europe/Stockholm')).toBe(7200);
        expect(zoneOffsetSeconds(Date.UTC(2022, 11, 1), 'Europe/Stockholm')).toBe(3600);
      }
    });
  });
});
