/**
 * With `timezone:` unset, Jekyll reads and prints dates in the machine's zone, so the same site can get
 * other post dates and URLs on another machine. This names the zone used and counts the posts that
 * would move in Europe/Stockholm or UTC (whichever this machine is not in), so an editor learns why.
 */
import { readFileSync } from 'node:fs';
import type { SiteConfig } from '../config/site-config.ts';
import { resolveDefaults } from './front-matter-defaults.ts';
import type { SourceDocument } from './site-sources.ts';
import { zonedParts } from './zoned-time.ts';

const FOLDER_OF_POSTS = /^(?:(.*)\/)?(_posts|_drafts)\//;
const DATE_LINE = /^date[ \t]*:(.*)$/m;

export function processZoneWarning(config: SiteConfig, posts: readonly SourceDocument[]): string | undefined {
  if (config.timezoneConfigured) return undefined;
  const other = config.timezone === 'Europe/Stockholm' ? 'UTC' : 'Europe/Stockholm';
  const moved = posts.filter((post) => movesInZone(post, config, other)).length;
  const consequence =
    moved === 0
      ? `no post would get another date or URL in ${other}`
      : `${moved} of ${posts.length} posts would get another date or URL in ${other}`;
  return (
    `_config.yml has no timezone:, so dates are read in this machine's zone, ${config.timezone}, as Jekyll does; ` +
    `${consequence}. Set timezone: to build the same everywhere.`
  );
}

/**
 * A date from the file name, or a date-only value, is a wall-clock date: the same day in every zone.
 * A time in the front matter is an instant (with an offset, or UTC as Psych reads one without):
 * it moves when its day differs in `zone`. Re-reading the posts fully took 1.8 s for 2000 posts.
 */
function movesInZone(post: SourceDocument, config: SiteConfig, zone: string): boolean {
  const folder = FOLDER_OF_POSTS.exec(post.relativePath);
  if (!folder || !post.date) return false;
  const defaults = resolveDefaults(config.defaults, post.relativePath, folder[2] === '_drafts' ? 'drafts' : 'posts');
  if (folder[2] !== '_drafts' && !('date' in defaults)) {
    const text = readFileSync(post.absolutePath, 'utf8');
    const line = DATE_LINE.exec(text.slice(0, frontMatterEnd(text)));
    if (!line || !/\d:\d/.test(line[1])) return false;
  }
  return calendarDay(post.date, zone) !== calendarDay(post.date, config.timezone);
}

function frontMatterEnd(text: string): number {
  const end = text.indexOf('\n---', 3);
  return end < 0 ? text.length : end;
}

function calendarDay(date: Date, zone: string): string {
  const { year, month, day } = zonedParts(date, zone);
  return `${year}-${month}-${day}`;
}
