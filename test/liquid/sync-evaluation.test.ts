/**
 * The plain-function evaluation that replaces liquidjs's generators in synchronous rendering must
 * give what the generators give: the same output and the same errors. liquidjs's asynchronous
 * rendering still runs its own generators, so each template is rendered both ways and compared.
 */
import { describe, expect, it } from 'vitest';
import { Drop, Expression, Liquid } from 'liquidjs';

class Person extends Drop {
  name = 'Astrid';
  override liquidMethodMissing(key: string): string {
    return `saknas:${key}`;
  }
}

const scope = {
  page: { title: 'Journal & "data"', tags: ['a', 'b', 'c'], author: { name: 'Eva' }, empty: '' },
  site: { data: { manader: ['januari', 'februari', 'mars'] }, title: 'eHälsa' },
  i: 1,
  key: 'title',
  posts: [
    { title: 'Ett', kind: 'x', n: 3 },
    { title: 'Två', kind: 'y', n: 1 },
    { title: 'Tre', kind: 'x', n: 2 },
  ],
  person: new Person(),
  zero: 0,
  nothing: null,
};

const templates = [
  '{{ page.title }}|{{ page.title | escape }}|{{ page.title | upcase | append: "!" }}',
  '{{ page.tags.size }} {{ page.tags.first }} {{ page.tags.last }} {{ page.tags[1] }} {{ page.tags[i] }}',
  '{{ site.data.manader[i] }} {{ page[key] }} {{ "abc".size }} {{ page.missing.deeper }}',
  '{{ person.name }} {{ person.unknown }}',
  '{% if page.author.name and page.tags.size > 2 or nothing %}ja{% else %}nej{% endif %}',
  '{% if page.title contains "data" %}1{% endif %}{% if zero == 0 %}2{% endif %}{% if page.empty == empty %}3{% endif %}',
  '{% if not nothing %}inte{% endif %}{% unless page.tags %}aldrig{% endunless %}',
  '{% assign n = i | plus: 2 | times: 3 %}{{ n }} {{ (1..n) | join: "," }}',
  '{% for post in posts %}{{ forloop.index }}:{{ post.title }}{% unless forloop.last %},{% endunless %}{% endfor %}',
  '{{ posts | where: "kind", "x" | map: "title" | join: "+" }} {{ posts | sort: "n" | map: "title" | join: "" }}',
  '{{ nothing | default: "tomt" }} {{ page.empty | default: "tomt", allow_false: true }} {{ page.title | truncate: 7, "…" }}',
  '{%- capture x -%}{{ page.author.name | downcase }}{%- endcapture -%}[{{ x }}]',
  '{% for post in posts %}{% if post.n == 1 %}{% continue %}{% endif %}{{ post.title }}{% if post.n == 2 %}{% break %}{% endif %}{% endfor %}',
  '{% for i in (1..3) %}{% for j in (1..3) %}{% if j == 2 %}{% break %}{% endif %}{{ i }}{{ j }} {% endfor %}{% endfor %}',
  '{% case page.author.name %}{% when "Eva" %}E{% else %}?{% endcase %}{% unless zero %}u{% endunless %}{% tablerow t in page.tags cols:2 %}{{ t }}{% endtablerow %}',
];

function bothWays(liquid: Liquid, template: string, data: object): Promise<[unknown, unknown]> {
  const outcome = (run: () => unknown): Promise<unknown> =>
    Promise.resolve()
      .then(run)
      .then(
        (output) => ({ output }),
        (error: Error) => ({ error: `${error.name}: ${error.message}` }),
      );
  return Promise.all([outcome(() => liquid.parseAndRenderSync(template, data)), outcome(() => liquid.parseAndRender(template, data))]);
}

describe('synchronous Liquid evaluation without generators', () => {
  it('is installed by the Liquid engine', async () => {
    expect(Expression.prototype.evaluate.constructor.name).toBe('GeneratorFunction');
    await import('../../src/liquid/create-liquid-engine.ts');
    expect(Expression.prototype.evaluate.constructor.name).toBe('Function');
  });

  it('renders every template as liquidjs’s generators do', async () => {
    await import('../../src/liquid/sync-evaluation.ts');
    const liquid = new Liquid();
    for (const template of templates) {
      const [sync, async] = await bothWays(liquid, template, scope);
      expect(sync, template).toEqual(async);
      expect(sync, template).toHaveProperty('output');
    }
  });

  it('fails as liquidjs does: strict variables, lenient default, throwing and generator filters', async () => {
    await import('../../src/liquid/sync-evaluation.ts');
    const strict = new Liquid({ strictVariables: true, lenientIf: true });
    strict.registerFilter('boom', (value: unknown) => {
      throw new Error(`boom på ${String(value)}`);
    });
    strict.registerFilter('twice', function* (value: unknown): Generator<unknown, string, unknown> {
      return `${String(yield value)}${String(value)}`;
    });
    const cases = [
      '{{ page.missing }}',
      '{{ page.author.missing.x }}',
      '{{ page.title | boom }}',
      '{{ page.title | twice }}',
      '{% if page.missing %}ja{% else %}nej{% endif %}',
      '{{ page.missing | default: "reserv" }}',
      '{{ missing[page.title] }}',
      '{% if page.title %}<{{ page.title | boom }}>{% endif %}',
      '{% for t in page.tags %}{% unless t == "b" %}{{ t | boom }}{% endunless %}{% endfor %}',
    ];
    const results = [];
    for (const template of cases) {
      const [sync, async] = await bothWays(strict, template, scope);
      expect(sync, template).toEqual(async);
      results.push(sync);
    }
    // The cases do cover both failures and results.
    expect(results.filter((result) => 'error' in (result as object)).length).toBeGreaterThanOrEqual(3);
    expect(results).toContainEqual({ output: 'reserv' });
    expect(results).toContainEqual({ output: 'Journal & "data"Journal & "data"' });
  });
});
