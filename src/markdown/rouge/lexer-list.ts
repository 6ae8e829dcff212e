/** The Rouge lexers ported to TypeScript; a language named here is highlighted exactly as Rouge does. */
import { LexerRegistry } from './regex-lexer.ts';
import { css } from './lexers/css.ts';
import { diff } from './lexers/diff.ts';
import { html } from './lexers/html.ts';
import { xml } from './lexers/xml.ts';
import { json } from './lexers/json.ts';
import { consoleLexer } from './lexers/console.ts';
import { liquid } from './lexers/liquid.ts';
import { markdown } from './lexers/markdown.ts';
import { python } from './lexers/python.ts';
import { ruby } from './lexers/ruby.ts';
import { sass } from './lexers/sass.ts';
import { scss } from './lexers/scss.ts';
import { shell } from './lexers/shell.ts';
import { sql } from './lexers/sql.ts';
import { yaml } from './lexers/yaml.ts';
import { javascript } from './lexers/javascript.ts';
import { typescript } from './lexers/typescript.ts';

export function createRougeLexers(): LexerRegistry {
  return new LexerRegistry([consoleLexer, css, diff, html, xml, javascript, json, liquid, markdown, python, ruby, sass, scss, shell, sql, typescript, yaml]);
}
