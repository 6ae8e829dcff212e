import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planSite } from '../../src/build.ts';

let dir: string;
const savedTz = process.env.TZ;

function site(config: string): string {
  const source = join(dir, 'source');
  mkdirSync(join(source, '_posts'), { recursive: true });
  writeFileSync(join(source, '_config.yml'), config);
  // Near midnight in UTC: in Stockholm, the next day, so another URL.
  writeFileSync(join(source, '_posts/2023-03-01-sen-kvall.md'), '---\ndate: 2023-03-01 23:30:00 +0000\n---\nText\n');
  // A date from the file name alone is the same day in every zone.
  writeFileSync(join(source, '_posts/2023-03-02-morgon.md'), '---\ntitle: Morgon\n---\nText\n');
  return source;
}

async function zoneWarnings(source: string): Promise<{ urls: string[]; warnings: string[] }> {
  const plan = await planSite({ source, destination: join(dir, '_site'), workers: false, now: new Date('2024-01-01T00:00:00Z') });
  return { urls: plan.sources.posts.map((post) => post.url), warnings: plan.warnings.filter((w) => w.includes('timezone')) };
}

describe('time zone when _config.yml sets none', () => {
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tryck-zone-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  });

  it("reads dates in the process's zone and warns, naming it and the posts that would move", async () => {
    process.env.TZ = 'UTC';
    const { urls, warnings } = await zoneWarnings(site('title: Test\n'));
    expect(urls).toEqual(['/2023/03/01/sen-kvall.html', '/2023/03/02/morgon.html']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('UTC');
    expect(warnings[0]).toContain('1 of 2 posts would get another date or URL in Europe/Stockholm');
  });

  it('compares with UTC on a machine in Stockholm', async () => {
    process.env.TZ = 'Europe/Stockholm';
    const { urls, warnings } = await zoneWarnings(site('title: Test\n'));
    expect(urls).toContain('/2023/03/02/sen-kvall.html');
    expect(warnings[0]).toContain('Europe/Stockholm');
    expect(warnings[0]).toContain('1 of 2 posts would get another date or URL in UTC');
  });

  it('says nothing when timezone: is set, and that zone wins over TZ', async () => {
    process.env.TZ = 'UTC';
    const { urls, warnings } = await zoneWarnings(site('timezone: Europe/Stockholm\n'));
    expect(urls).toContain('/2023/03/02/sen-kvall.html');
    expect(warnings).toEqual([]);
  });
});
