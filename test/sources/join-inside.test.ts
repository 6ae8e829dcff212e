/** joinInside joins plain paths as text and hands anything else to path.join: the same path either way. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { joinInside } from '../../src/join-inside.ts';

describe('joinInside', () => {
  it('gives what path.join gives, for plain and unusual relative paths', () => {
    const relatives = [
      '2022/06/16/inlagg.html',
      '_posts/2022-06-16-första.md',
      '..dolt/fil.html',
      'a/../b.html',
      './a.html',
      'a/./b.html',
      'a//b.html',
      '/a.html',
      'a/',
      '..',
      '',
      'mapp\\fil.html',
    ];
    for (const root of ['/tmp/sajt', '/tmp/sajt/', '/']) {
      for (const relative of relatives) expect(joinInside(root, relative), `${root} + ${relative}`).toBe(path.join(root, relative));
    }
  });
});
