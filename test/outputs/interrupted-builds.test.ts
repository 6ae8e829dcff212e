/**
 * A build killed (kill -9) while it changed the site leaves it, after the next build's tidying,
 * as one complete build: the last one if the commit had not begun, the new one if it had.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { oldSiteFolder, recoverInterruptedBuilds, stagingFolder, writeCommitJournal } from '../../src/outputs/interrupted-builds.ts';

const scratch: string[] = [];
afterEach(() => {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A process id no process has any more. */
function gonePid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString());
}

function write(root: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
}

function read(root: string, relative = ''): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(path.join(root, relative), { withFileTypes: true })) {
    const child = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) Object.assign(files, read(root, child));
    else files[child] = readFileSync(path.join(root, child), 'utf8');
  }
  return files;
}

function setup() {
  const parent = mkdtempSync(path.join(tmpdir(), 'tryck-interrupted-'));
  scratch.push(parent);
  const site = path.join(parent, '_site');
  const pid = gonePid();
  return { parent, site, pid, staging: stagingFolder(site, pid) };
}

describe('a build killed while it updated the site in place', () => {
  it('is finished by the next build: the site is the new build, whole', () => {
    const { parent, site, pid, staging } = setup();
    // The old site: three pages. The new build rewrote a.html and b.html, dropped c.html, added d.html;
    // it was killed after renaming a.html into the site.
    write(site, { 'a.html': 'ny a', 'b.html': 'gammal b', 'c.html': 'gammal c', '.git/HEAD': 'ref' });
    write(staging, { 'b.html': 'ny b', 'mapp/d.html': 'ny d' });
    writeCommitJournal(site, pid, { mode: 'in-place', made: ['a.html', 'b.html', 'mapp/d.html'], keepFiles: ['.git'] });
    recoverInterruptedBuilds(site);
    expect(read(site)).toEqual({ 'a.html': 'ny a', 'b.html': 'ny b', 'mapp/d.html': 'ny d', '.git/HEAD': 'ref' });
    expect(readdirSync(parent)).toEqual(['_site']);
  });
});

describe('a build killed before its commit began', () => {
  it('leaves the last complete site, and its staging folder is removed', () => {
    const { parent, site, pid, staging } = setup();
    write(site, { 'a.html': 'gammal a' });
    write(staging, { 'a.html': 'ny a', 'b.html': 'ny b' });
    recoverInterruptedBuilds(site);
    expect(read(site)).toEqual({ 'a.html': 'gammal a' });
    expect(readdirSync(parent)).toEqual(['_site']);
  });
});

describe('a build killed while it swapped a new site in', () => {
  it('between moving the old site aside and the new one in: the new site is put in place', () => {
    const { parent, site, pid, staging } = setup();
    write(oldSiteFolder(site, pid), { 'a.html': 'gammal a' });
    write(staging, { 'a.html': 'ny a', '.git/HEAD': 'ref' });
    writeCommitJournal(site, pid, { mode: 'swap', keepFiles: ['.git'] });
    recoverInterruptedBuilds(site);
    expect(read(site)).toEqual({ 'a.html': 'ny a', '.git/HEAD': 'ref' });
    expect(readdirSync(parent)).toEqual(['_site']);
  });

  it('before the old site was moved: the kept files go with the new site', () => {
    const { parent, site, pid, staging } = setup();
    write(site, { 'a.html': 'gammal a', '.git/HEAD': 'ref' });
    write(staging, { 'a.html': 'ny a' });
    writeCommitJournal(site, pid, { mode: 'swap', keepFiles: ['.git'] });
    recoverInterruptedBuilds(site);
    expect(read(site)).toEqual({ 'a.html': 'ny a', '.git/HEAD': 'ref' });
    expect(readdirSync(parent)).toEqual(['_site']);
  });
});

describe('a build still running', () => {
  it('is left alone', () => {
    const { site } = setup();
    const running = stagingFolder(site, process.pid);
    write(running, { 'a.html': 'pågår' });
    recoverInterruptedBuilds(site);
    expect(existsSync(path.join(running, 'a.html'))).toBe(true);
  });
});
