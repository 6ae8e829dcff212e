import { describe, expect, it } from 'vitest';
import { slugify, transliterateLatin } from '../../../src/liquid/filters/slugify.ts';
import { smartify } from '../../../src/liquid/filters/smartify.ts';
import {
  dividedBy, inspectFilter, jsonify, normalizeWhitespace, numberOfWords, size, stripHtml, toInteger,
  truncate, truncatewords, xmlEscape,
} from '../../../src/liquid/filters/string-filters.ts';
import { RubyFloat, rubyInspect } from '../../../src/liquid/filters/ruby-values.ts';

describe('slugify', () => {
  const title = 'Räksmörgås & Ölkafé: 10 tips för "hälsa"';
  it.each([
    [undefined, 'räksmörgås-ölkafé-10-tips-för-hälsa'],
    ['default', 'räksmörgås-ölkafé-10-tips-för-hälsa'],
    ['raw', 'räksmörgås-&-ölkafé:-10-tips-för-"hälsa"'],
    ['pretty', 'räksmörgås-&-ölkafé-10-tips-för-hälsa'],
    ['ascii', 'r-ksm-rg-s-lkaf-10-tips-f-r-h-lsa'],
    ['latin', 'raksmorgas-olkafe-10-tips-for-halsa'],
    ['none', 'räksmörgås & ölkafé: 10 tips för "hälsa"'],
    ['bogus', 'räksmörgås & ölkafé: 10 tips för "hälsa"'], // unknown modes act like none
  ])('mode %s', (mode, expected) => {
    expect(slugify(title, mode)).toBe(expected);
  });

  it('cased keeps the case', () => {
    expect(slugify('Åre Östersund', 'latin', true)).toBe('Are-Ostersund');
    expect(slugify('Åre Östersund', 'default', true)).toBe('Åre-Östersund');
    expect(slugify('Åre Östersund', 'none', true)).toBe('Åre Östersund');
  });

  it('strips one hyphen at each end, keeps marks and CJK, nil stays nil', () => {
    expect(slugify('  --Hello_World.html!! ')).toBe('hello-world-html');
    expect(slugify('  --Hello_World.html!! ', 'pretty')).toBe('hello_world.html!!');
    expect(slugify('日本語 タイトル')).toBe('日本語-タイトル');
    expect(slugify(null)).toBe(null);
    expect(slugify('!!!')).toBe('');
  });

  it('latin transliterates like I18n (two-letter ligatures, ? for the rest)', () => {
    expect(transliterateLatin('Æsir ß Œuvre Þór Łódź ŉ 日本 ÷')).toBe('AEsir ss OEuvre Thor Lodz \'n ?? ?');
  });
});

describe('truncate / truncatewords (Ruby Liquid counting)', () => {
  it('truncate counts code points and includes the ellipsis', () => {
    expect(truncate('Ett två tre fyra fem', 10)).toBe('Ett två...');
    expect(truncate('Ett två tre fyra fem', 10, '…')).toBe('Ett två t…');
    expect(truncate('😀😀😀😀😀', 4, '')).toBe('😀😀😀😀');
    expect(truncate('😀😀😀', 3)).toBe('😀😀😀');
    expect(truncate('abcdef', 2)).toBe('...');
    expect(truncate('abc', 0, '')).toBe('');
    expect(truncate(null, 5)).toBeUndefined();
    expect(truncate(12345678, 5)).toBe('12...');
    expect(() => truncate('abc', 'x')).toThrow('invalid integer');
  });

  it('truncatewords: words ≤ 0 means 1, short input untouched', () => {
    expect(truncatewords('a b c d', 2)).toBe('a b...');
    expect(truncatewords('a b c d', 0)).toBe('a...');
    expect(truncatewords('a b c d', -3)).toBe('a...');
    expect(truncatewords('  a\n\tb   c ', 2)).toBe('a b...');
    expect(truncatewords('  a\n\tb  ', 2)).toBe('  a\n\tb  ');
    expect(truncatewords('a\u00a0b c', 1)).toBe('a\u00a0b...'); // NBSP is not whitespace to Ruby
    expect(truncatewords('a b c', 2, '')).toBe('a b');
  });
});

describe('other string filters', () => {
  it('number_of_words with cjk modes', () => {
    const text = 'Hello 世界 こんにちは 안녕 world';
    expect(numberOfWords(text)).toBe(5);
    expect(numberOfWords(text, 'cjk')).toBe(11);
    expect(numberOfWords(text, 'auto')).toBe(11);
    expect(numberOfWords('en två  tre', 'auto')).toBe(3);
    expect(numberOfWords('')).toBe(0);
  });

  it('xml_escape, normalize_whitespace, strip_html', () => {
    expect(xmlEscape(`<a href="x">Tom & 'Jerry'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jerry&apos;&lt;/a&gt;');
    expect(xmlEscape(null)).toBe('');
    expect(normalizeWhitespace('  a \n\t b\r\n ')).toBe('a b');
    expect(stripHtml('<p>a<!-- x\ny --><script type="x">1\n2</script><style>p{}</style> <b>b</b></p>')).toBe('a b');
  });

  it('inspect and jsonify', () => {
    expect(rubyInspect({ a: 1, b: null, c: [1.5, 'x"#{y}'], d: true })).toBe('{"a"=>1, "b"=>nil, "c"=>[1.5, "x\\"\\#{y}"], "d"=>true}');
    expect(inspectFilter(['ä', null])).toBe('[&quot;ä&quot;, nil]');
    expect(jsonify({ t: new Date('2022-06-16T10:30:00Z'), n: undefined, s: '<å>' }, 'Europe/Stockholm'))
      .toBe('{"t":"2022-06-16 12:30:00 +0200","n":null,"s":"<å>"}');
    expect(jsonify(new RubyFloat(3))).toBe('3');
  });

  it('to_integer is Ruby to_i', () => {
    expect([toInteger('42'), toInteger(' -4.9x'), toInteger('1_000'), toInteger('abc'), toInteger(4.9),
      toInteger(true), toInteger(false), toInteger(null)]).toEqual([42, -4, 1000, 0, 4, 1, 0, 0]);
    expect(toInteger(new Date('2022-06-16T10:30:00Z'))).toBe(1655375400);
  });

  it('size: characters, counts, and Integer#size', () => {
    expect([size('åäö😀'), size([1, 2]), size({ a: 1, b: 2 }), size(7), size(0.5), size(null)]).toEqual([4, 2, 2, 8, 0, 0]);
  });

  it('divided_by: integer division floors; floats stay floats', () => {
    expect(dividedBy(10, 4)).toBe(2);
    expect(dividedBy(-7, 2)).toBe(-4);
    expect(dividedBy('10', 4)).toBe(2);
    expect(String(dividedBy(7, 10, true))).toBe('0.7');
    expect(String(dividedBy(7.5, 2.5))).toBe('3.0');
    expect(String(dividedBy('7.5', 2))).toBe('3.75');
    expect(() => dividedBy(1, 0)).toThrow('divided by 0');
  });
});

describe('smartify (kramdown SmartyPants)', () => {
  it.each([
    [`"Hej," sa hon -- 'det är bra' --- eller... it's 1990's`, '“Hej,” sa hon – ‘det är bra’ — eller… it’s 1990’s'],
    [`'80s and '90s`, '’80s and ’90s'],
    [`"'Quoted' words"`, '“‘Quoted’ words”'],
    ['&copy; &amp; &#8212; &#x41; &bogus; &lt;', '© &amp; — A &amp;bogus; &lt;'],
    [`<a href='x'>link's</a>`, '<a href="x">link’s</a>'],
    [`"*emph*" and '_u_'`, '“*emph*” and ‘_u_’'],
    ['5 << 6 >> 7 a<<b', '5 «\u00a06\u00a0» 7 a«b'],
    ['\\<< a', '&lt;&lt; a'],
    ['5 > 3 < 4 & x', '5 &gt; 3 &lt; 4 &amp; x'],
    [`'Tis the season, don't "stop"`, '‘Tis the season, don’t “stop”'],
    ['(\"a\")', '(“a”)'],
    ['line\n', 'line'],
  ])('%s', (input, expected) => {
    expect(smartify(input)).toBe(expected);
  });
});
