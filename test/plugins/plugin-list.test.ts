/**
 * A built-in plugin works only when `plugins:` (or the older `gems:`) names it, as in Jekyll 4.3
 * without the github-pages gem, and naming one earns no "not supported" warning.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.ts';
import { createMemoryWriter } from '../../src/outputs/site-writer.ts';
import { PLUGIN_LIST } from '../../src/plugins/plugin-list.ts';
import { write } from '../support/write-file.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

async function buildWith(config: string): Promise<{ files: string[]; warnings: string[] }> {
  const root = mkdtempSync(path.join(tmpdir(), 'tryck-plugin-list-'));
  dirs.push(root);
  write(root, '_config.yml', config);
  write(root, 'rutin.md', '# Rutin för samtycke\n\nUtan front matter.\n');
  const writer = createMemoryWriter();
  const summary = await build({ source: root, writer, cache: false, workers: false, now: new Date('2025-01-01T00:00:00Z') });
  return { files: [...writer.files.keys()].sort(), warnings: summary.warnings };
}

describe('the plugin list', () => {
  it('leaves a plugin off when the configuration does not name it', async () => {
    const { files } = await buildWith('title: Utan\n');
    expect(files).toEqual(['rutin.md']);
  });

  it('turns a plugin on when plugins: or gems: names it', async () => {
    expect((await buildWith('plugins: [jekyll-optional-front-matter]\n')).files).toEqual(['rutin.html', 'rutin.md']);
    expect((await buildWith('gems: [jekyll-optional-front-matter]\n')).files).toEqual(['rutin.html', 'rutin.md']);
  });

  it('warns about none of the plugins it has', async () => {
    // github-metadata, like the gem, needs to know the repository.
    const { warnings } = await buildWith(`repository: ehalsa/bloggen\nplugins: [${PLUGIN_LIST.map((plugin) => plugin.name).join(', ')}, jekyll-okänd]\n`);
    expect(warnings.filter((warning) => warning.includes('jekyll-'))).toEqual([expect.stringContaining('jekyll-okänd')]);
  });
});
