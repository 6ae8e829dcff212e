import { describe, expect, it } from 'vitest';
import { parseRequestPath } from '../../src/serve/request-path.ts';
import { isInside } from '../../src/serve/resolve-site-file.ts';

describe('parseRequestPath', () => {
  it.each([
    ['/', [], true, ''],
    ['/index.html', ['index.html'], false, ''],
    ['/blog/2024/post/', ['blog', '2024', 'post'], true, ''],
    ['/a%20b.html?x=1#top', ['a b.html'], false, '?x=1'],
    ['/caf%C3%A9/', ['café'], true, ''],
    ['//double//slash', ['double', 'slash'], false, ''],
    ['/a..b.txt', ['a..b.txt'], false, ''],
    ['/..notes', ['..notes'], false, ''],
    ['/page#frag?not-query', ['page'], false, ''],
  ])('accepts %s', (target, segments, trailingSlash, query) => {
    expect(parseRequestPath(target)).toEqual({ ok: true, segments, trailingSlash, query });
  });

  it.each([
    '/../etc/passwd',
    '/a/../../etc/passwd',
    '/./index.html',
    '/%2e%2e/etc/passwd',
    '/%2E%2E/etc/passwd',
    '/.%2e/etc/passwd',
    '/%2e./etc/passwd',
    '/...',
    '/.. /x',
    '/..%2fetc%2fpasswd',
    '/..%2Fetc/passwd',
    '/..%5cetc%5cpasswd',
    '/..\\etc\\passwd',
    '/a\\b',
    '/%252e%252e/etc/passwd',
    '/%25252e/x',
    '/index.html%00.txt',
    '/index.html\u0000',
    '/%c0%ae%c0%ae/etc/passwd',
    '/%e0%80%ae/x',
    '/%zz',
    '/%',
    'http://127.0.0.1/index.html',
    '*',
    '',
  ])('refuses %j', (target) => {
    const result = parseRequestPath(target);
    expect(result.ok).toBe(false);
    if (!result.ok) expect([400, 403]).toContain(result.status);
  });
});

describe('isInside', () => {
  it('treats the root and paths below it as inside, siblings and parents as outside', () => {
    expect(isInside('/srv/site', '/srv/site')).toBe(true);
    expect(isInside('/srv/site', '/srv/site/a/b.html')).toBe(true);
    expect(isInside('/srv/site', '/srv/site/..notes')).toBe(true);
    expect(isInside('/srv/site', '/srv/site-other/x')).toBe(false);
    expect(isInside('/srv/site', '/srv')).toBe(false);
    expect(isInside('/srv/site', '/etc/passwd')).toBe(false);
  });
});
