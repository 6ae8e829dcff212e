/**
 * The command line as Jekyll's: `--config a.yml,b.yml`, `--baseurl`, `source:` and `destination:`
 * from the working directory, JEKYLL_ENV as `jekyll.environment`. Each case under
 * test/fixtures/cli/<case> holds a working folder, the arguments, and what Jekyll 4.3.1 built there
 * (scripts/regenerate-cli-goldens.sh).
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { compareSiteFiles, describeComparison } from '../support/compare-sites.ts';

const repoRoot = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
const bin = path.join(repoRoot, 'bin/tryck.js');
const casesDir = path.join(repoRoot, 'test/fixtures/cli');
const scratch: string[] = [];

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

function tryck(args: string[], cwd: string, env: Record<string, string> = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args, '--no-cache'], { cwd, env: { ...process.env, TZ: 'UTC', ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as NodeJS.ErrnoException & { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

function tempDir(name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `tryck-cli-${name}-`));
  scratch.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

describe('a Jekyll command line gives what Jekyll built with it', () => {
  for (const name of readdirSync(casesDir)) {
    it(name, async () => {
      const work = path.join(tempDir(name), 'workdir');
      cpSync(path.join(casesDir, name, 'workdir'), work, { recursive: true });
      const args = readFileSync(path.join(casesDir, name, 'args'), 'utf8').split('\n').filter(Boolean);
      const result = await tryck(['build', ...args], work, { JEKYLL_ENV: 'staging' });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const files = compareSiteFiles(path.join(work, '_site'), path.join(casesDir, name, 'jekyll'));
      expect(files.filter((file) => file.status !== 'same').map(describeComparison)).toEqual([]);
    });
  }
});

describe('tryck build, where Jekyll puts things', () => {
  it('writes _site in the working directory, not in --source', async () => {
    const dir = tempDir('cwd');
    mkdirSync(path.join(dir, 'sajt'));
    writeFileSync(path.join(dir, 'sajt/_config.yml'), 'title: Test\ntimezone: Europe/Stockholm\n');
    writeFileSync(path.join(dir, 'sajt/index.html'), '---\n---\n<p>{{ site.title }}</p>\n');
    const result = await tryck(['build', '-s', 'sajt', '-q'], dir);
    expect(result.code).toBe(0);
    expect(readFileSync(path.join(dir, '_site/index.html'), 'utf8')).toContain('<p>Test</p>');
    expect(existsSync(path.join(dir, 'sajt/_site'))).toBe(false);
  });

  it('stops when a file given to --config does not exist, naming it', async () => {
    const dir = tempDir('missing');
    writeFileSync(path.join(dir, '_config.yml'), 'title: Test\n');
    const result = await tryck(['build', '--config', '_config.yml,_saknas.yml'], dir);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(`The configuration file '${path.join(dir, '_saknas.yml')}' could not be found.`);
  });

  it('accepts --safe', async () => {
    const dir = tempDir('safe');
    writeFileSync(path.join(dir, '_config.yml'), 'title: Test\ntimezone: UTC\n');
    const result = await tryck(['build', '--safe', '-q'], dir);
    expect(result).toMatchObject({ code: 0, stderr: '' });
  });

  it('refuses relative_permalinks: true, as Jekyll 4 does, naming the line', async () => {
    const dir = tempDir('relative');
    writeFileSync(path.join(dir, '_config.yml'), 'title: Hyde\nrelative_permalinks: true\n');
    writeFileSync(path.join(dir, 'index.html'), '---\n---\nHej\n');
    const result = await tryck(['build'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('_config.yml:2');
    expect(result.stderr).toContain('relative_permalinks');
    expect(existsSync(path.join(dir, '_site'))).toBe(false);
  });
});
