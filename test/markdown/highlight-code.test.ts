import { describe, expect, it } from 'vitest';
import { escapeHtml, highlightLanguage, highlightToHast, highlightToHtml, highlightTokens } from '../../src/markdown/highlight-code.ts';
import { ROUGE_TOKEN_CLASSES } from './highlight-fixtures.ts';

const SAMPLES: Record<string, string> = {
  js: 'const a = 1 < 2 && "x"; // c\n',
  ts: 'export type Q = P | null;\n',
  json: '{ "a": [1, 2.5, true, null] }\n',
  yaml: 'title: eHälsobloggen # c\nport: 4000\n',
  html: '<p class="x">hi &amp; bye</p>\n',
  xml: '<?xml version="1.0"?>\n<id value="1"/>\n',
  css: '.a > #b:hover { color: #fff; }\n',
  bash: 'export FOO="bar $HOME" # c\nnpm run build --if-present\n',
  console: '$ npm test\nok\n',
  python: 'def f(x):\n    return None if x else "s"\n',
  ruby: 'def foo(x)\n  puts "hej #{x}"\nend\n',
  java: 'public class A { int n = 10; }\n',
  csharp: 'public string S { get; set; } = "x";\n',
  sql: "SELECT id FROM t WHERE name = 'x';\n",
  markdown: '# Rubrik\n\n*kursiv* `kod`\n',
  http: 'GET /fhir/Patient/1 HTTP/1.1\nAccept: application/json\n',
};

describe('highlightTokens', () => {
  it.each(Object.entries(SAMPLES))('%s: the tokens are the code, character for character, with Rouge classes', (language, code) => {
    const tokens = highlightTokens(code, language);
    expect(tokens.map((token) => token.text).join('')).toBe(code);
    const classes = tokens.flatMap((token) => (token.className ? [token.className] : []));
    expect(classes.length).toBeGreaterThan(0);
    for (const name of classes) expect(ROUGE_TOKEN_CLASSES).toContain(name);
  });

  it('chooses the Rouge tokens for common JavaScript', () => {
    expect(highlightToHtml('const a = 1 < 2 && "x";\n', 'js')).toBe(
      '<span class="kd">const</span> <span class="nx">a</span> <span class="o">=</span> <span class="mi">1</span> <span class="o">&lt;</span> ' +
        '<span class="mi">2</span> <span class="o">&amp;&amp;</span> <span class="dl">"</span><span class="s2">x</span><span class="dl">"</span><span class="p">;</span>\n',
    );
  });

  it('classes comments, numbers, strings, tags and keys as Rouge does', () => {
    const classOf = (code: string, language: string, text: string) => highlightTokens(code, language).find((token) => token.text === text)?.className;
    expect(classOf('// c\nx = 3.5;\n', 'js', '// c')).toBe('c1');
    expect(classOf('/* c */\n', 'js', '/* c */')).toBe('cm');
    expect(classOf('x = 3.5;\n', 'js', '3.5')).toBe('mf');
    expect(classOf('x = 0xff;\n', 'js', '0xff')).toBe('mh');
    expect(classOf("puts 'a'\n", 'ruby', "'a'")).toBe('s1');
    expect(classOf('title: x\n', 'yaml', 'title')).toBe('na');
    expect(classOf('{"a": 1}\n', 'json', '"a"')).toBe('nl');
    expect(classOf('<p class="x">\n', 'html', 'class=')).toBe('na');
    expect(classOf('<p class="x">\n', 'html', '<p')).toBe('nt');
    expect(classOf('body { color: red; }\n', 'css', 'color')).toBe('nl');
    expect(classOf('def f():\n    pass\n', 'python', 'f')).toBe('nf');
  });

  it('keeps whitespace bare or classed as Rouge does', () => {
    const tokens = highlightTokens('$ npm test\n', 'console');
    expect(tokens[0]).toEqual({ className: 'gp', text: '$' });
    // Rouge's console lexer gives the space after a prompt Text.Whitespace; its shell lexer, Text.
    expect(tokens[1]).toEqual({ className: 'w', text: ' ' });
    expect(highlightTokens('npm test\n', 'shell')[0]).toEqual({ className: null, text: 'npm ' });
  });

  it('leaves unknown languages, Rouge languages without a highlighter here and plaintext as one bare token', () => {
    for (const language of ['unknownlang', 'go', 'plaintext', 'text', 'JS']) {
      expect(highlightTokens('a < b && "c"\n', language)).toEqual([{ className: null, text: 'a < b && "c"\n' }]);
    }
    expect(highlightToHtml('a < b & "c"', 'go')).toBe('a &lt; b &amp; "c"');
  });

  it('resolves Rouge names and aliases', () => {
    expect(highlightLanguage('js')).toBe('javascript');
    expect(highlightLanguage('yml')).toBe('yaml');
    expect(highlightLanguage('bash')).toBe('shell');
    expect(highlightLanguage('terminal')).toBe('console');
    expect(highlightLanguage('c#')).toBe('csharp');
    expect(highlightLanguage('html')).toBe('html');
    expect(highlightLanguage('go')).toBeUndefined();
  });

  it('highlights code embedded in HTML with that language', () => {
    const tokens = highlightTokens('<script>var a = 1;</script>\n<style>p { color: red; }</style>\n', 'html');
    expect(tokens).toContainEqual({ className: 'kd', text: 'var' });
    expect(tokens).toContainEqual({ className: 'nl', text: 'color' });
  });

  it('never drops or alters characters (odd input, unterminated strings, control characters, astral symbols)', () => {
    const odd = ['"unterminated\n', '\t\r\n\u0000x = 1 /* open', '🙂 = "🙂"; // 🙂\n', '\n\n', ' ', '<<<>>>&&&', "'''\n\"\"\"\n```"];
    for (const code of odd) for (const language of Object.keys(SAMPLES)) expect(highlightTokens(code, language).map((t) => t.text).join('')).toBe(code);
  });

  it('is pure: the same input gives the same output', () => {
    expect(highlightToHtml(SAMPLES.ruby, 'ruby')).toBe(highlightToHtml(SAMPLES.ruby, 'ruby'));
  });

  it('makes hast with the same tokens', () => {
    const nodes = highlightToHast('let x;\n', 'js');
    expect(nodes[0]).toEqual({ type: 'element', tagName: 'span', properties: { className: ['kd'] }, children: [{ type: 'text', value: 'let' }] });
    expect(nodes.at(-1)).toEqual({ type: 'text', value: '\n' });
  });

  it('escapes as Rouge does: &, < and > only', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(`&lt;a href="x"&gt;'&amp;'&lt;/a&gt;`);
  });
});
