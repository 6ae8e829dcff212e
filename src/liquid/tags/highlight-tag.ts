/**
 * `{% highlight ruby %}…{% endhighlight %}` and `{% highlight ruby linenos %}` (Jekyll 4.3's
 * Tags::HighlightBlock with the Rouge highlighter). The block's Liquid is rendered first, then its
 * leading and trailing line breaks are dropped and the code is highlighted into Rouge's token spans:
 *
 *   <figure class="highlight"><pre><code class="language-ruby" data-lang="ruby">…</code></pre></figure>
 *
 * With `linenos` the code sits in the table Rouge::Formatters::HTMLTable makes (Jekyll passes it
 * gutter_class "gutter" and code_class "code"; the table keeps Rouge's "rouge-table" class).
 */
import { Tag, TokenKind, type Context, type Liquid, type Parser, type TagToken, type Template, type TopLevelToken } from 'liquidjs';
import { BuildError } from '../../errors.ts';
import { highlightToHtml } from '../../markdown/highlight-code.ts';

/** HighlightBlock::SYNTAX: a language, then options `name`, `name=value` or `name="1 2 3"`. */
const SYNTAX = /^([a-zA-Z0-9.+#_-]+)((\s+\w+(=(\w+|"([0-9]+\s)*[0-9]+"))?)*)$/;
const OPTION = /(?:\w="[^"]*"|\w=\w|\w)+/g;
const LEADING_OR_TRAILING_LINE_TERMINATORS = /^[\n\r]+|[\n\r]+$/g;

export interface HighlightOptions {
  linenos: boolean;
}

export function createHighlightTag() {
  return class HighlightTag extends Tag {
    private readonly language: string;
    private readonly options: HighlightOptions;
    private readonly templates: Template[] = [];

    constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid, parser: Parser) {
      super(token, remainTokens, liquid);
      const markup = token.args.trim();
      const match = SYNTAX.exec(markup);
      const [line, column] = token.getPosition();
      if (!match) {
        throw new BuildError(`Syntax error in tag 'highlight' while parsing '${markup}'.`, {
          file: token.file,
          line,
          column,
          hint: 'Valid syntax: {% highlight <lang> [linenos] %}…{% endhighlight %}, e.g. {% highlight ruby linenos %}.',
        });
      }
      this.language = match[1].toLowerCase();
      const keys = [...match[2].matchAll(OPTION)].map(([option]) => option.split('=')[0]);
      this.options = { linenos: keys.includes('linenos') };
      for (;;) {
        const next = remainTokens.shift();
        if (!next) {
          throw new BuildError("highlight: '{% highlight %}' is never closed.", { file: token.file, line, column, hint: 'End the block with {% endhighlight %}.' });
        }
        if (next.kind === TokenKind.Tag && (next as TagToken).name === 'endhighlight') break;
        this.templates.push(parser.parseToken(next, remainTokens));
      }
    }

    *render(ctx: Context): Generator<unknown, string, unknown> {
      const body = String(yield this.liquid.renderer.renderTemplates(this.templates, ctx));
      return renderHighlightBlock(body.replace(LEADING_OR_TRAILING_LINE_TERMINATORS, ''), this.language, this.options);
    }

    *children(): Generator<unknown, Template[], unknown> {
      return this.templates;
    }
  };
}

/** HighlightBlock#render_rouge + #add_code_tag for code whose surrounding line breaks are already gone. */
export function renderHighlightBlock(code: string, language: string, options: HighlightOptions): string {
  let html = highlightToHtml(code, language);
  if (options.linenos) html = lineNumberTable(code, html);
  const attributes = `class="language-${language.replaceAll('+', '-')}" data-lang="${language}"`;
  // add_code_tag chomps one line ending.
  return `<figure class="highlight"><pre><code ${attributes}>${html.replace(/(\r\n|\n|\r)$/, '')}</code></pre></figure>`;
}

/** Rouge::Formatters::HTMLTable with Jekyll's gutter and code classes. */
function lineNumberTable(code: string, html: string): string {
  let lines = (code.match(/\n/g) ?? []).length;
  let formatted = html;
  if (!code.endsWith('\n')) {
    lines += 1;
    formatted += '\n';
  }
  const numbers = Array.from({ length: lines }, (_, i) => `${i + 1}\n`).join('');
  return (
    '<table class="rouge-table"><tbody><tr>' +
    `<td class="gutter gl"><pre class="lineno">${numbers}</pre></td>` +
    `<td class="code"><pre>${formatted}</pre></td>` +
    '</tr></tbody></table>'
  );
}
