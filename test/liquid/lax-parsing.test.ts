/**
 * Jekyll parses Liquid with `error_mode: warn`: markup its strict parser refuses is read by Liquid's
 * lax parser, with a warning, and the build goes on. Real themes ship such slips (a stray `}` after a
 * filter, `&&` in a condition); tryck reads them as Ruby does, names them, and `error_mode: strict`
 * turns them into errors. The readings below are what Liquid 5.4's lax parser makes of each markup.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.ts';
import { laxCondition, laxVariable } from '../../src/liquid/lax-markup.ts';
import { createMemoryWriter } from '../../src/outputs/site-writer.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function site(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'tryck-lax-'));
  dirs.push(root);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

describe('Liquid lax readings', () => {
  it('keeps the filters Ruby recognises and drops the rest', () => {
    expect(laxVariable(' _tag | strip | url_encode } ')).toBe('_tag | strip | url_encode');
    expect(laxVariable(' "a" | replace: "a" "b" | date: format: "%Y", x')).toBe('"a" | replace: "a" | date: format: "%Y", x');
    expect(laxVariable('page.title | | downcase')).toBe('page.title | downcase');
    expect(laxVariable('page.title. ')).toBe('page.title');
    expect(laxVariable('site.data["menu"].items | size')).toBe('site.data["menu"].items | size');
  });

  it('reads a condition up to what Ruby understands', () => {
    expect(laxCondition('a == 1 && b == 2')).toBe('a == 1');
    expect(laxCondition('a == 1 and b <> "x" or c')).toBe('a == 1 and b != "x" or c');
    expect(laxCondition('a = b')).toBeUndefined();
  });
});

describe('building with markup Jekyll reads laxly', () => {
  const files = {
    '_config.yml': 'title: Vårdsystem\ntimezone: UTC\n',
    '_includes/kod.html': '{%- assign kod = include.tag | strip | url_encode } -%}\n<a href="#{{ kod }}">{{ include.tag }}</a>\n',
    'index.html': '---\n---\n{% include kod.html tag="e-hälsa" %}\n{% if site.title == "Vårdsystem" && site.x %}ja{% endif %}\n',
  };

  it('renders it as Jekyll does and warns with the file, line and column', async () => {
    const writer = createMemoryWriter();
    const warnings: string[] = [];
    await build({ source: site(files), writer, onWarning: (message) => warnings.push(message) });
    expect(Buffer.from(writer.files.get('index.html')!).toString()).toBe('<a href="#e-h%C3%A4lsa">e-hälsa</a>\n\nja\n');
    expect(warnings).toEqual([
      expect.stringMatching(/^index\.html:4:1: Liquid warning: .* in "if site\.title == "Vårdsystem" && site\.x"/),
      expect.stringMatching(/^_includes\/kod\.html:1:1: Liquid warning: .* in "assign kod = include\.tag \| strip \| url_encode }"/),
    ]);
  });

  it('fails with error_mode: strict, naming the file and line', async () => {
    const root = site({ ...files, '_config.yml': 'title: Vårdsystem\nliquid:\n  error_mode: strict\n' });
    await expect(build({ source: root, writer: createMemoryWriter() })).rejects.toMatchObject({ file: 'index.html', line: 4 });
  });

  it('still fails on markup Ruby cannot read either', async () => {
    const root = site({ '_config.yml': 'title: t\n', 'index.html': '---\n---\n{% if a = b %}x{% endif %}\n' });
    await expect(build({ source: root, writer: createMemoryWriter() })).rejects.toThrow(/Liquid error/);
  });
});
