import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDiskWriter } from '../../src/outputs/site-writer.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('the disk writer', () => {
  it('replaces the destination only on commit, keeping keep_files, and leaves nothing behind on abort', async () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'tryck-writer-'));
    dirs.push(parent);
    const destination = path.join(parent, '_site');
    mkdirSync(path.join(destination, '.git'), { recursive: true });
    writeFileSync(path.join(destination, '.git/HEAD'), 'ref');
    writeFileSync(path.join(destination, 'old.html'), 'gammal');

    const failing = createDiskWriter({ destination, keepFiles: ['.git'] });
    await failing.write('index.html', 'halv');
    expect(readFileSync(path.join(destination, 'old.html'), 'utf8')).toBe('gammal');
    await failing.abort();
    expect(readdirSync(parent)).toEqual(['_site']);

    const writer = createDiskWriter({ destination, keepFiles: ['.git'] });
    await writer.write('a/b/index.html', 'ny');
    await writer.commit();
    expect(readFileSync(path.join(destination, 'a/b/index.html'), 'utf8')).toBe('ny');
    expect(existsSync(path.join(destination, 'old.html'))).toBe(false);
    expect(readFileSync(path.join(destination, '.git/HEAD'), 'utf8')).toBe('ref');
    expect(readdirSync(parent)).toEqual(['_site']);
  });

  it('refuses to write outside the destination', async () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'tryck-writer-'));
    dirs.push(parent);
    const writer = createDiskWriter({ destination: path.join(parent, '_site') });
    await expect(writer.write('../utanfor.html', 'x')).rejects.toThrow(/outside the destination/);
    await writer.abort();
  });
});
