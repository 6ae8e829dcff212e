/**
 * Dates as Jekyll's templates see them. Ruby prints a Time as `2022-06-16 08:00:00 +0200` and a
 * Date as `2022-06-16`; these subclasses of Date print the same way, in the site's time zone.
 */
import { formatOffset, instantFromWallTime, zonedParts, type WallTime } from './zoned-time.ts';

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** A point in time, shown in the site's zone (Ruby's Time after Jekyll's `localtime`). */
export class JekyllTime extends Date {
  readonly timeZone: string;

  constructor(instant: number | Date, timeZone: string) {
    super(typeof instant === 'number' ? instant : instant.getTime());
    this.timeZone = timeZone;
  }

  static fromWallTime(wall: WallTime, timeZone: string): JekyllTime {
    return new JekyllTime(instantFromWallTime(wall, timeZone), timeZone);
  }

  override toString(): string {
    const p = zonedParts(this, this.timeZone);
    return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)} ${formatOffset(p.offsetMinutes)}`;
  }
}

/**
 * A calendar date without a time (Ruby's Date, from YAML like `lastmod: 2022-06-16`).
 * As an instant it is local midnight in the site's zone, which is what Jekyll's filters use.
 */
export class JekyllDate extends Date {
  readonly timeZone: string;
  readonly year: number;
  readonly month: number;
  readonly day: number;

  constructor(year: number, month: number, day: number, timeZone: string) {
    super(instantFromWallTime({ year, month, day, hour: 0, minute: 0, second: 0, millisecond: 0 }, timeZone).getTime());
    this.timeZone = timeZone;
    this.year = year;
    this.month = month;
    this.day = day;
  }

  override toString(): string {
    return `${this.year}-${pad(this.month)}-${pad(this.day)}`;
  }
}

/** True for any date value a template may hold. */
export function isDateValue(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}
