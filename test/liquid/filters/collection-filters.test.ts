import { Drop, Liquid } from 'liquidjs';
import { describe, expect, it } from 'vitest';
import {
  arrayToSentenceString, comparePropertyVsTarget, find, groupBy, itemProperty, parseSortInput, pop,
  push, sample, shift, sort, unshift, where,
} from '../../../src/liquid/filters/collection-filters.ts';
import { registerJekyllFilters } from '../../../src/liquid/filters/register-jekyll-filters.ts';
import { RubyFloat } from '../../../src/liquid/filters/ruby-values.ts';

const posts = [
  { title: 'A', rank: 3, tags: ['mat', 'sömn'], sitemap: { lastmod: '2022-07-01' } },
  { title: 'B', rank: 1, tags: ['löpning'], sitemap: { lastmod: '2021-12-24' } },
  { title: 'C', rank: '2', tags: [] },
  { title: 'D', sitemap: { lastmod: null } },
];
const titles = (items: unknown): string => (items as { title: string }[]).map((p) => p.title).join(',');

describe('item_property', () => {
  it('nested keys; a missing intermediate gives false, a missing leaf nil', () => {
    expect(itemProperty(posts[0], 'sitemap.lastmod')).toBe('2022-07-01');
    expect(itemProperty(posts[2], 'sitemap.lastmod')).toBe(false);
    expect(itemProperty(posts[3], 'sitemap.lastmod')).toBe(null);
    expect(itemProperty(posts[3], 'rank')).toBeUndefined();
  });

  it('parse_sort_input makes numeric strings numbers', () => {
    expect(parseSortInput('10')).toBe(10);
    expect(parseSortInput(' -3 ')).toBe(-3);
    expect(parseSortInput('2.50')).toEqual(new RubyFloat(2.5));
    expect(parseSortInput('.5')).toEqual(new RubyFloat(0.5));
    expect(parseSortInput('1e3')).toBe('1e3');
    expect(parseSortInput('abc')).toBe('abc');
  });
});

describe('where / find', () => {
  it('compares to_s, array properties match any element', () => {
    expect(titles(where(posts, 'tags', 'sömn'))).toBe('A');
    expect(titles(where(posts, 'rank', 2))).toBe('C');
    expect(titles(where(posts, 'rank', '3'))).toBe('A');
    expect(titles(where(posts, 'rank', null))).toBe('D');
    expect(titles(where(posts, 'sitemap.lastmod', 'false'))).toBe('C'); // Jekyll quirk
    expect(titles(where({ a: posts[0], b: posts[1] }, 'rank', 1))).toBe('B'); // hashes: values
  });

  it('returns the input for a missing property or an array/hash value', () => {
    expect(where(posts, null, 'x')).toBe(posts);
    expect(where(posts, 'tags', ['mat'])).toBe(posts);
    expect(where('text', 'a', 'b')).toBe('text');
  });

  it('find returns the first match or nil', () => {
    expect((find(posts, 'tags', 'mat') as { title: string }).title).toBe('A');
    expect(find(posts, 'title', 'Z')).toBe(null);
  });

  it('float strings compare by Ruby Float#to_s', () => {
    expect(comparePropertyVsTarget(parseSortInput('2.50'), '2.5')).toBe(true);
    expect(comparePropertyVsTarget(parseSortInput('5.0'), '5.0')).toBe(true);
    expect(comparePropertyVsTarget(parseSortInput('5.0'), 5)).toBe(false);
  });
});

describe('sort', () => {
  it('nils first by default, last on request', () => {
    expect(titles(sort(posts, 'rank'))).toBe('D,B,C,A');
    expect(titles(sort(posts, 'rank', 'last'))).toBe('B,C,A,D');
  });

  it('nested keys: false (missing parent) is not nil and sorts by to_s', () => {
    expect(titles(sort(posts, 'sitemap.lastmod'))).toBe('D,B,A,C');
    expect(titles(sort(posts, 'sitemap.lastmod', 'last'))).toBe('B,A,C,D');
  });

  it('without a property: Ruby Array#sort, by code point', () => {
    expect(sort([10, 2, 33, 4])).toEqual([2, 4, 10, 33]);
    expect(sort(['b', 'A', 'å', 'ä', 'Ö', '😀', '\uffff'])).toEqual(['A', 'b', 'Ö', 'ä', 'å', '\uffff', '😀']);
    expect(() => sort([1, 'a'])).toThrow(/comparison of (Integer|String) with (String|Integer) failed/);
    expect(() => sort(['a', null])).toThrow('comparison');
  });

  it('errors like Jekyll', () => {
    expect(() => sort(null)).toThrow('Cannot sort a null object.');
    expect(() => sort(posts, 'rank', 'middle')).toThrow("Invalid nils order: 'middle'");
  });
});

describe('group_by, sentences, array edits', () => {
  it('group_by names are to_s, with size', () => {
    const groups = groupBy(posts, 'tags') as { name: string; size: number }[];
    expect(groups.map((g) => `${g.name}=${g.size}`)).toEqual(['["mat", "sömn"]=1', '["löpning"]=1', '[]=1', '=1']);
    expect((groupBy(posts, 'rank') as { name: string }[]).map((g) => g.name)).toEqual(['3', '1', '2', '']);
  });

  it('array_to_sentence_string', () => {
    expect(arrayToSentenceString(['a', 'b', 'c'])).toBe('a, b, and c');
    expect(arrayToSentenceString(['a', 'b'], 'och')).toBe('a och b');
    expect(arrayToSentenceString(['a'])).toBe('a');
    expect(arrayToSentenceString([])).toBe('');
    expect(arrayToSentenceString([1, null, 2.5])).toBe('1, , and 2.5');
  });

  it('push/pop/shift/unshift copy; non-arrays pass through', () => {
    const a = [1, 2, 3];
    expect([push(a, 4), pop(a), pop(a, 2), shift(a), shift(a, 5), unshift(a, 0)])
      .toEqual([[1, 2, 3, 4], [1, 2], [1], [2, 3], [], [0, 1, 2, 3]]);
    expect(a).toEqual([1, 2, 3]);
    expect(push('x', 1)).toBe('x');
    expect(() => pop(a, 'x')).toThrow('invalid integer');
  });

  it('sample', () => {
    expect(sample([1, 2, 3], 1, () => 0.99)).toBe(3);
    expect(sample([], 1)).toBe(null);
    expect((sample([1, 2, 3], 2) as number[]).length).toBe(2);
    expect((sample([1, 2, 3], 9) as number[]).sort()).toEqual([1, 2, 3]);
    expect(sample([1, 2], 'x', () => 0)).toBe(1);
    expect(sample('abc')).toBe('abc');
  });
});

describe('through liquidjs', () => {
  class PostDrop extends Drop {
    constructor(private readonly data: Record<string, unknown>) { super(); }
    override liquidMethodMissing(key: string): unknown { return this.data[key]; }
  }
  const liquid = new Liquid();
  registerJekyllFilters(liquid, { url: 'https://example.org', baseurl: '', timezone: 'Europe/Stockholm' });
  const render = (tpl: string, scope: Record<string, unknown> = {}): string => liquid.parseAndRenderSync(tpl, scope);

  it('where/sort read Drops and nested Drops', () => {
    const drops = [
      new PostDrop({ title: 'x', meta: new PostDrop({ n: 2 }) }),
      new PostDrop({ title: 'y', meta: new PostDrop({ n: 1 }) }),
    ];
    expect(render('{{ d | sort: "meta.n" | map: "title" | join }}', { d: drops })).toBe('y x');
    expect(render('{{ d | where: "meta.n", 2 | map: "title" | join }}', { d: drops })).toBe('x');
  });

  it('where_exp keeps Ruby-truthy values ("" and 0 are true)', () => {
    const items = [{ v: '' }, { v: 0 }, { v: null }, { v: false }, {}];
    expect(render('{{ i | where_exp: "x", "x.v" | size }}', { i: items })).toBe('2');
    expect(render('{{ i | find_exp: "x", "x.v == 0" | jsonify }}', { i: items })).toBe('{"v":0}');
    expect(render('{% assign g = i | group_by_exp: "x", "x.v" %}{{ g | size }}', { i: items })).toBe('4');
  });

  it('and/or bind right to left, as in Ruby Liquid', () => {
    const items = [{ a: false, b: false, c: true }];
    expect(render('{{ i | where_exp: "x", "x.a and x.b or x.c" | size }}', { i: items })).toBe('0');
  });

  it('divided_by sees float literals; output prints Ruby floats', () => {
    expect(render('{{ 7 | divided_by: 10.0 }}|{{ 7 | divided_by: 10 }}|{{ 9 | divided_by: 3.0 }}|{{ 9 | divided_by: 3.0 | plus: 1 }}'))
      .toBe('0.7|0|3.0|4');
    expect(render('{% assign h = 9 | divided_by: 3.0 %}{% if h == 3 %}eq{% endif %}{% if h > 2 %}gt{% endif %}')).toBe('eqgt');
  });

  it('the machine zone does not matter', () => {
    const old = process.env.TZ;
    try {
      for (const tz of ['UTC', 'Asia/Tokyo', 'America/New_York']) {
        process.env.TZ = tz;
        expect(render('{{ d | date: "%F %H:%M %Z" }} {{ d | swedish_date }}', { d: new Date('2022-01-10T23:30:00Z') }))
          .toBe('2022-01-11 00:30 CET 11 januari 2022');
      }
    } finally {
      process.env.TZ = old;
    }
  });

  it('markdownify delegates to the site converter; slugify takes cased', () => {
    const l = new Liquid();
    registerJekyllFilters(l, { url: '', baseurl: '', timezone: 'UTC', markdownify: (md) => `<p>${md}</p>` });
    expect(l.parseAndRenderSync('{{ "*x*" | markdownify }}|{{ "Åre By" | slugify: "latin", true }}')).toBe('<p>*x*</p>|Are-By');
    expect(() => render('{{ "x" | markdownify }}')).toThrow('markdownify');
  });
});
