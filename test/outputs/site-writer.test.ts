import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { deserialize, serialize } from 'node:v8';
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

  it('updates a site in place when most of it is carried over, removing what the build no longer makes', async () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'tryck-writer-'));
    dirs.push(parent);
    const destination = path.join(parent, '_site');
    const first = createDiskWriter({ destination, keepFiles: ['.git'] });
    for (let i = 0; i < 30; i++) await first.write(`2022/06/${String(i).padStart(2, '0')}/inlagg.html`, `inlägg ${i}`);
    await first.write('gammal/bort.html', 'tas bort');
    await first.write('index.html', 'start');
    await first.commit();
    mkdirSync(path.join(destination, '.git'));
    writeFileSync(path.join(destination, '.git/HEAD'), 'ref');
    const kept = path.join(destination, '2022/06/07/inlagg.html');
    const keptInode = statSync(kept).ino;

    const next = createDiskWriter({ destination, keepFiles: ['.git'] });
    for (let i = 0; i < 30; i++) {
      const outputPath = `2022/06/${String(i).padStart(2, '0')}/inlagg.html`;
      await next.carryOver!(outputPath, path.join(destination, outputPath));
    }
    await next.write('index.html', 'ny start');
    await next.write('ny/sida.html', 'ny');
    expect(readFileSync(path.join(destination, 'index.html'), 'utf8')).toBe('start');
    await next.commit();

    expect(statSync(kept).ino).toBe(keptInode);
    expect(readFileSync(kept, 'utf8')).toBe('inlägg 7');
    expect(readFileSync(path.join(destination, 'index.html'), 'utf8')).toBe('ny start');
    expect(readFileSync(path.join(destination, 'ny/sida.html'), 'utf8')).toBe('ny');
    expect(existsSync(path.join(destination, 'gammal'))).toBe(false);
    expect(readFileSync(path.join(destination, '.git/HEAD'), 'utf8')).toBe('ref');
    expect(readdirSync(parent)).toEqual(['_site']);
  });

  it('updates in place when a file takes the place of a folder of the last build', async () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'tryck-writer-'));
    dirs.push(parent);
    const destination = path.join(parent, '_site');
    const first = createDiskWriter({ destination });
    for (let i = 0; i < 30; i++) await first.write(`sidor/${i}.html`, `sida ${i}`);
    await first.write('om/index.html', 'om som mapp');
    await first.commit();

    const next = createDiskWriter({ destination });
    for (let i = 0; i < 30; i++) await next.carryOver!(`sidor/${i}.html`, path.join(destination, `sidor/${i}.html`));
    await next.write('om', 'om som fil');
    await next.commit();

    expect(readFileSync(path.join(destination, 'om'), 'utf8')).toBe('om som fil');
    expect(readdirSync(path.join(destination, 'sidor'))).toHaveLength(30);
    expect(readdirSync(parent)).toEqual(['_site']);
  });

  it('removes a file put into the site by hand, whether or not its folder was listed by an earlier build', async () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'tryck-writer-'));
    dirs.push(parent);
    const destination = path.join(parent, '_site');
    const folderRecords = path.join(parent, '.tryck-cache', 'site-folders.v8');
    const posts = Array.from({ length: 30 }, (_, i) => `2022/06/${String(i).padStart(2, '0')}/inlagg.html`);
    const build = async (): Promise<void> => {
      const writer = createDiskWriter({ destination, folderRecords });
      for (const outputPath of posts) writer.carryOver!(outputPath, path.join(destination, outputPath));
      await writer.write('index.html', 'start');
      await writer.commit();
    };
    const first = createDiskWriter({ destination, folderRecords });
    for (const outputPath of posts) await first.write(outputPath, 'inlägg');
    await first.commit();
    // Folders last changed an hour ago, so that the listings read now are trusted next time.
    const anHourAgo = new Date(Date.now() - 3600_000);
    const setBack = (): void => {
      for (const folder of ['', '2022', '2022/06', ...posts.map((post) => path.dirname(post))]) utimesSync(path.join(destination, folder), anHourAgo, anHourAgo);
    };
    setBack();
    await build();
    expect(existsSync(folderRecords)).toBe(true);

    // Added to a folder whose listing is kept: the folder's mtime tells.
    writeFileSync(path.join(destination, '2022/06/07/kvar.html'), 'för hand');
    mkdirSync(path.join(destination, '2022/06/07/bilder'));
    writeFileSync(path.join(destination, '2022/06/07/bilder/bild.png'), 'för hand');
    await build();
    expect(readdirSync(path.join(destination, '2022/06/07'))).toEqual(['inlagg.html']);

    // Added, and the folder's mtime set back to what the listing saw: its ctime tells.
    setBack();
    await build();
    writeFileSync(path.join(destination, '2022/06/08/kvar.html'), 'för hand');
    utimesSync(path.join(destination, '2022/06/08'), anHourAgo, anHourAgo);
    await build();
    expect(readdirSync(path.join(destination, '2022/06/08'))).toEqual(['inlagg.html']);

    // A damaged file of listings is read past, whether it is no file of listings at all or one whose
    // parts are not what they should be.
    writeFileSync(folderRecords, 'skräp');
    writeFileSync(path.join(destination, '2022/06/09/kvar.html'), 'för hand');
    await build();
    expect(readdirSync(path.join(destination, '2022/06/09'))).toEqual(['inlagg.html']);
    const stored = deserialize(readFileSync(folderRecords)) as { entries: unknown[] };
    stored.entries[0] = 7;
    writeFileSync(folderRecords, serialize(stored));
    writeFileSync(path.join(destination, '2022/06/10/kvar.html'), 'för hand');
    await build();
    expect(readdirSync(path.join(destination, '2022/06/10'))).toEqual(['inlagg.html']);
    expect(readdirSync(parent).sort()).toEqual(['.tryck-cache', '_site']);
  });

  it('refuses to write outside the destination', async () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'tryck-writer-'));
    dirs.push(parent);
    const writer = createDiskWriter({ destination: path.join(parent, '_site') });
    await expect(writer.write('../utanfor.html', 'x')).rejects.toThrow(/outside the destination/);
    await writer.abort();
  });
});
