/**
 * `{% post_url %}` finds a post by its file name, in a sub-folder of _posts or in a category folder's
 * _posts, and names the post it could not find.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.ts';
import { createMemoryWriter } from '../../src/outputs/site-writer.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function site(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'tryck-post-url-'));
  dirs.push(root);
  for (const [file, text] of Object.entries({ '_config.yml': 'title: t\n', ...files })) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

const post = '---\ntitle: x\n---\nText\n';

describe('post_url', () => {
  it('links posts in _posts, in a sub-folder of it and in a category folder', async () => {
    const root = site({
      '_posts/2022-06-16-forsta.md': post,
      '_posts/2023/2023-01-02-andra.md': post,
      'nyheter/_posts/2024-03-04-tredje.md': post,
      'lankar.html': '---\n---\n{% post_url 2022-06-16-forsta %} {% post_url 2023/2023-01-02-andra %} {% post_url nyheter/2024-03-04-tredje %}\n',
    });
    const writer = createMemoryWriter();
    await build({ source: root, writer });
    expect(Buffer.from(writer.files.get('lankar.html')!).toString().trim()).toBe(
      '/2022/06/16/forsta.html /2023/01/02/andra.html /nyheter/2024/03/04/tredje.html',
    );
  });

  it('names the post it cannot find', async () => {
    const root = site({ '_posts/2022-06-16-forsta.md': post, 'lankar.html': '---\n---\n{% post_url 2022-06-17-forsta %}\n' });
    await expect(build({ source: root, writer: createMemoryWriter() })).rejects.toThrow(/no post named '2022-06-17-forsta'/);
  });
});
