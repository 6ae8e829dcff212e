import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.ts';
import { createMemoryWriter } from '../../src/outputs/site-writer.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

async function render(template: string, posts: Record<string, string>): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'tryck-payload-'));
  dirs.push(dir);
  mkdirSync(path.join(dir, '_posts'));
  writeFileSync(path.join(dir, '_config.yml'), 'title: T\n');
  for (const [name, text] of Object.entries(posts)) writeFileSync(path.join(dir, '_posts', name), text);
  writeFileSync(path.join(dir, 'index.html'), `---\n---\n${template}`);
  const writer = createMemoryWriter();
  await build({ source: dir, writer });
  return Buffer.from(writer.files.get('index.html')!).toString('utf8');
}

describe('site.tags', () => {
  const posts = {
    '2023-01-01-a.md': '---\ntags: [eHälsa, "2022"]\n---\nA',
    '2023-01-02-b.md': '---\ntags: 10 eHälsa\n---\nB',
  };

  // Expected values are what Jekyll 4.3.1 printed for the same two posts and templates.
  it('loops over tags in first-seen order (oldest post first), numbers included, posts newest first', async () => {
    expect(await render('{% for tag in site.tags %}{{ tag[0] }}={{ tag[1].size }}:{{ tag[1][0].url }};{% endfor %}', posts)).toBe(
      'eHälsa=2:/2023/01/02/b.html;2022=1:/2023/01/01/a.html;10=1:/2023/01/02/b.html;',
    );
  });

  it('sorts tags by name as Ruby does, and looks them up by name', async () => {
    expect(await render('{% assign s = site.tags | sort %}{% for t in s %}{{ t[0] }} {% endfor %}|{{ site.tags["2022"].size }}|{{ site.tags.size }}', posts)).toBe(
      '10 2022 eHälsa |1|3',
    );
  });
});
