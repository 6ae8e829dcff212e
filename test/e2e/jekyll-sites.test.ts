/**
 * Differential tests against real Jekyll: every site under test/fixtures/sites/<name>/source is
 * built by tryck and compared with test/fixtures/sites/<name>/jekyll, the `_site` that Jekyll 4.3.1
 * wrote for it (regenerate with scripts/regenerate-site-goldens.sh). Same file set (= same URLs),
 * same HTML/XML trees, same bytes for everything else. See test/support/compare-sites.ts.
 *
 * Each site is copied to a temporary directory and all its mtimes are set to FIXED_MTIME first,
 * exactly as the regenerate script does, because static files' mtimes reach the output
 * (jekyll-sitemap's <lastmod> for static .html/.pdf files).
 *
 * Like the goldens, the builds run with TZ=UTC and JEKYLL_ENV=production: every fixture sets
 * `timezone: Europe/Stockholm`, and that must win over the host's zone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, lstatSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from '../../src/build.ts';
import { compareSiteFiles, describeComparison, listFiles, type FileComparison } from '../support/compare-sites.ts';
import { canonicalHtml } from '../support/html-tree.ts';
import { withoutRougeTokens } from '../markdown/golden-fixtures.ts';

/** 2023-11-14T22:13:20Z; keep in sync with scripts/regenerate-site-goldens.sh. */
const FIXED_MTIME = 1_700_000_000;

const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const sitesDir = join(repoRoot, 'test/fixtures/sites');
const sites = readdirSync(sitesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(sitesDir, entry.name, 'source')))
  .map((entry) => entry.name)
  .sort();

/**
 * Sites that still differ from Jekyll, and why. They run as expected failures, so the day they
 * pass the test says so and the entry must go.
 */
const KNOWN_FAILING: Record<string, string> = {};

/** The fixture used for the CLI-level test. */
const CLI_SITE = 'permalinks';

const scratch: string[] = [];
const savedEnv = { TZ: process.env.TZ, JEKYLL_ENV: process.env.JEKYLL_ENV };

beforeAll(() => {
  process.env.TZ = 'UTC';
  process.env.JEKYLL_ENV = 'production';
});

afterAll(() => {
  for (const [key, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the site's source with fixed mtimes, and a not-yet-existing destination next to it. */
function prepare(site: string): { source: string; destination: string } {
  const dir = mkdtempSync(join(tmpdir(), `tryck-e2e-${site}-`));
  scratch.push(dir);
  const source = join(dir, 'source');
  cpSync(join(sitesDir, site, 'source'), source, { recursive: true });
  const touch = (path: string): void => {
    if (lstatSync(path).isDirectory()) {
      for (const entry of readdirSync(path)) touch(join(path, entry));
    }
    utimesSync(path, FIXED_MTIME, FIXED_MTIME);
  };
  touch(source);
  return { source, destination: join(dir, '_site') };
}

function goldenDir(site: string): string {
  const dir = join(sitesDir, site, 'jekyll');
  if (!existsSync(dir)) {
    throw new Error(`No Jekyll golden for ${site}: run scripts/regenerate-site-goldens.sh ${site}`);
  }
  return dir;
}

describe('Jekyll fixture sites build like Jekyll 4.3.1', () => {
  it('has fixtures', () => {
    expect(sites.length).toBeGreaterThan(0);
  });

  for (const site of sites) {
    const known = KNOWN_FAILING[site];
    (known ? it.fails : it)(known ? `${site} (known gap: ${known})` : site, async () => {
      const golden = goldenDir(site);
      const { source, destination } = prepare(site);
      await build({ source, destination, future: false, drafts: false });

      const files = compareSiteFiles(destination, golden).map((file) => acceptKnownGaps(file, destination, golden));
      // The URL set first, as one list, so a missing or extra file reads at a glance…
      expect.soft(
        files.filter((file) => file.status === 'only-in-ours' || file.status === 'only-in-jekyll').map(describeComparison),
        `${site}: files only on one side`,
      ).toEqual([]);
      // …then one assertion per file, all reported (soft), so failures are precise.
      for (const file of files) {
        if (file.status === 'only-in-ours' || file.status === 'only-in-jekyll') continue;
        expect.soft(file.status === 'same' ? '' : describeComparison(file), `${site}/${file.path}`).toBe('');
      }
    });
  }
});

/**
 * One difference is known and accepted: syntax highlighting uses highlight.js, so Rouge's token
 * <span>s are removed from Jekyll's HTML; the wrapper markup and the code text are still compared.
 * Sitemaps are compared whole, like every other XML file.
 */
function acceptKnownGaps(file: FileComparison, ours: string, jekyll: string): FileComparison {
  if (file.status !== 'different') return file;
  const oursText = readFileSync(join(ours, file.path), 'utf8');
  const jekyllText = readFileSync(join(jekyll, file.path), 'utf8');
  if (/\.html?$/.test(file.path) && canonicalHtml(withoutRougeTokens(oursText)) === canonicalHtml(withoutRougeTokens(jekyllText))) {
    return { ...file, status: 'same' };
  }
  return file;
}

describe('tryck CLI', () => {
  it(`builds ${CLI_SITE} with bin/tryck.js to the same file set as Jekyll`, async () => {
    const golden = goldenDir(CLI_SITE);
    const { source, destination } = prepare(CLI_SITE);
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
      execFile(
        process.execPath,
        [join(repoRoot, 'bin/tryck.js'), 'build', '--source', source, '--destination', destination],
        { cwd: repoRoot, env: { ...process.env, TZ: 'UTC', JEKYLL_ENV: 'production' }, timeout: 60_000 },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
          done({ code, stdout, stderr });
        },
      );
    });
    expect(result.code, `exit code; stderr:\n${result.stderr}`).toBe(0);
    expect(existsSync(destination), 'destination written').toBe(true);
    expect(listFiles(destination)).toEqual(listFiles(golden));
  });
});
