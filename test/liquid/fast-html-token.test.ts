/**
 * The tokenizer's text scan, replaced for speed, must stop exactly where liquidjs's own does, and
 * the Liquid engine must be what puts it in place. The module is imported inside the tests, the
 * engine's first, so that importing it here cannot be what installs it.
 */
import { describe, expect, it } from 'vitest';
import { Liquid, Tokenizer } from 'liquidjs';

/** liquidjs's loop, as written in its Tokenizer#readHTMLToken and #match. */
function liquidjsEnd(input: string, p: number, end: number, stopStrings: readonly string[]): number {
  const matches = (at: number, word: string): boolean => [...word].every((c, i) => input[at + i] === c);
  while (p < end) {
    if (stopStrings.some((word) => matches(p, word))) break;
    p += 1;
  }
  return p;
}

describe('the text scan of the Liquid tokenizer', () => {
  it('is installed by the Liquid engine, and liquidjs renders the same with it', async () => {
    await import('../../src/liquid/create-liquid-engine.ts');
    const installed = (Tokenizer.prototype as unknown as { readHTMLToken: unknown }).readHTMLToken;
    const { readHTMLToken } = await import('../../src/liquid/fast-html-token.ts');
    expect(installed).toBe(readHTMLToken);
    const liquid = new Liquid();
    const template = 'Text {{ a }} mer {% if b %}ja{% endif %} {%- raw %}{{ rå }}{% endraw %} slut { % } {';
    expect(liquid.parseAndRenderSync(template, { a: 'A', b: true })).toBe('Text A mer ja{{ rå }} slut { % } {');
  });

  it('stops where liquidjs stops, on random text full of near-delimiters', async () => {
    const { htmlTokenEnd } = await import('../../src/liquid/fast-html-token.ts');
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const alphabet = ['{', '%', '}', '{{', '{%', 'å', 'a', ' ', '\n', '-'];
    for (let n = 0; n < 3000; n++) {
      const input = Array.from({ length: random(40) }, () => alphabet[random(alphabet.length)]).join('');
      const p = random(input.length + 2);
      const end = Math.min(input.length, p + random(input.length + 1));
      for (const stops of [['{%', '{{'], ['{%-', '{{-'], [''], ['%}']]) {
        expect(htmlTokenEnd(input, p, end, stops), JSON.stringify({ input, p, end, stops })).toBe(liquidjsEnd(input, p, end, stops));
      }
    }
  });
});
