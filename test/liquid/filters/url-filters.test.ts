import { describe, expect, it } from 'vitest';
import {
  absoluteUrl, cgiEscape, computeNormalizedUri, isAbsoluteUri, normalizeUri, relativeUrl, removeDotSegments, uriEscape,
} from '../../../src/liquid/filters/url-filters.ts';

describe('relative_url / absolute_url', () => {
  it('prefixes baseurl, normalizes like Addressable', () => {
    expect(relativeUrl('/assets/a.css', '/blogg')).toBe('/blogg/assets/a.css');
    expect(relativeUrl('assets/a.css', '/blogg/')).toBe('/blogg/assets/a.css');
    expect(relativeUrl('', '/blogg')).toBe('/blogg');
    expect(relativeUrl('/', '')).toBe('/');
    expect(relativeUrl('/räksmörgås/', null)).toBe('/r%C3%A4ksm%C3%B6rg%C3%A5s/');
    expect(relativeUrl('/a b/c?q=å ä#ö', '/blogg')).toBe('/blogg/a%20b/c?q=%C3%A5%20%C3%A4#%C3%B6');
    expect(relativeUrl('/x/../y/./z', '/blogg')).toBe('/blogg/y/z');
    expect(relativeUrl('/%7Euser/%41', '')).toBe('/~user/A');
    expect(relativeUrl('https://example.org/x', '/blogg')).toBe('https://example.org/x');
    expect(relativeUrl('//cdn.example.org/x', '/blogg')).toBe('/blogg//cdn.example.org/x');
    expect(relativeUrl(null, '/blogg')).toBeUndefined();
    expect(relativeUrl({ url: '/post/' }, '/blogg')).toBe('/blogg/post/');
  });

  it('absolute_url joins site url, falls back to relative without one', () => {
    expect(absoluteUrl('/a/', 'https://Example.ORG:443', '/blogg')).toBe('https://example.org/blogg/a/');
    expect(absoluteUrl('/a/', 'http://localhost:4000', '')).toBe('http://localhost:4000/a/');
    expect(absoluteUrl('/a/', '', '/blogg')).toBe('/blogg/a/');
    expect(absoluteUrl('mailto:a@b.se', 'https://example.org', '')).toBe('mailto:a@b.se');
    expect(absoluteUrl('/hälsa/', 'https://example.org', '/blogg')).toBe('https://example.org/blogg/h%C3%A4lsa/');
  });

  it('helpers', () => {
    expect(isAbsoluteUri('x:y')).toBe(true);
    expect(isAbsoluteUri('/x:y')).toBe(false);
    expect(removeDotSegments('/a/b/../../../c/./d/.')).toBe('/c/d/');
    expect(normalizeUri('HTTP://Example.org')).toBe('http://example.org/');
  });

  it('calls a URL absolute exactly when splitting it as Addressable does finds a scheme', () => {
    const parts = /^(?:([^:/?#]+):)?(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/s;
    const pieces = ['a', ':', '/', '//', '?', '#', 'ö', '\n', ' ', 'https', 'mailto', '1', '.'];
    for (let i = 0; i < 4000; i++) {
      let uri = '';
      for (let n = i; n > 0; n = Math.floor(n / pieces.length)) uri += pieces[n % pieces.length];
      const m = parts.exec(uri);
      expect(isAbsoluteUri(uri), JSON.stringify(uri)).toBe(m !== null && m[1] !== undefined);
    }
  });

  it('normalizes plain URLs, taken as they are, exactly as the full normalization does', () => {
    // Random URLs near the shortcut's edge: dot segments, empty segments, ports, case, escapes, no path.
    const pieces = ['a', 'B', '2012', 'ö', '%41', '.', '..', '.well-known', 'x.html', '', '-', '_', '~', 'a..b', ' '];
    const hosts = ['https://example.se', 'http://ex-ample.org', 'https://Example.se', 'https://example.se:443', 'http://a.b.', 'https://xn--hlsa-loa.se', ''];
    let seed = 7;
    const pick = <T>(list: T[]): T => list[(seed = (seed * 1103515245 + 12345) % 2147483648) % list.length];
    let shortcut = 0;
    for (let i = 0; i < 3000; i++) {
      const segments = Array.from({ length: 1 + (i % 4) }, () => pick(pieces));
      const uri = `${pick(hosts)}${i % 7 === 0 ? '' : '/'}${segments.join('/')}${i % 3 === 0 ? '/' : ''}`;
      expect(normalizeUri(uri), uri).toBe(computeNormalizedUri(uri));
      if (normalizeUri(uri) === uri) shortcut += 1;
    }
    expect(shortcut).toBeGreaterThan(300);
    expect(normalizeUri('https://example.se/2012/06/30/inlagg.html')).toBe('https://example.se/2012/06/30/inlagg.html');
    expect(normalizeUri('https://example.se/a/./b/../c')).toBe('https://example.se/a/c');
  });
});

describe('escaping', () => {
  it('cgi_escape is CGI.escape', () => {
    expect(cgiEscape("foo,bar;baz? å&ä=ö / ~*'()")).toBe('foo%2Cbar%3Bbaz%3F+%C3%A5%26%C3%A4%3D%C3%B6+%2F+~%2A%27%28%29');
  });

  it('uri_escape is Addressable normalize_component', () => {
    expect(uriEscape('foo, bar \\baz? å/ä#ö [x] 100% %41%2f')).toBe('foo,%20bar%20%5Cbaz?%20%C3%A5/%C3%A4#%C3%B6%20[x]%20100%25%20A/');
    expect(uriEscape('e\u0301')).toBe('%C3%A9'); // NFKC first
    expect(uriEscape(null)).toBeUndefined();
  });
});
