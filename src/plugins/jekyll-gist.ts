/**
 * jekyll-gist 1.5: `{% gist user/1234567 [file.js] %}` writes the gist's `<script>` embed. The gem
 * also fetches the gist's code for a `<noscript>` copy; tryck never goes to the network, so it
 * writes the script alone, as the gem does with `gist: {noscript: false}`, and warns as the gem
 * does when the fetch fails. (Offline, the gem also prints its logger's return value, a stray
 * "true" before the script; that is not reproduced.)
 */
import { Tag, type Context, type Liquid, type TagToken, type TopLevelToken } from 'liquidjs';
import { BuildError } from '../errors.ts';
import type { JekyllPlugin } from './jekyll-plugin.ts';

export const jekyllGist: JekyllPlugin = {
  name: 'jekyll-gist',
  tags: ['gist'],
  liquid(liquid, { config, sources }) {
    const gist = config.raw.gist;
    const noscript = !(typeof gist === 'object' && gist !== null && (gist as Record<string, unknown>).noscript === false);
    const warned = new Set<string>();
    const warn = (id: string): void => {
      if (!noscript || warned.has(id)) return;
      warned.add(id);
      sources.warnings.push(`The <noscript> tag for your gist ${id} could not be generated: tryck does not fetch gists. This will affect users who do not have JavaScript enabled in their browsers.`);
    };
    liquid.registerTag('gist', createGistTag(warn));
  },
};

function createGistTag(warnNoCode: (id: string) => void) {
  return class GistTag extends Tag {
    private readonly id: string;
    private readonly filename: string;

    constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid) {
      super(token, remainTokens, liquid);
      // GistTag#determine_arguments.
      const matched = /^(\S+|.*(?=\/).+)\s?(\S*)$/.exec(token.args.trim());
      if (!matched) {
        throw new BuildError(`Syntax error in tag 'gist' while parsing '${token.args.trim()}'.`, {
          file: token.file,
          hint: 'Valid syntax: {% gist user/1234567 %}, {% gist user/1234567 foo.js %}, {% gist 28949e1d5ee2273f9fd3 best.md %}',
        });
      }
      this.id = matched[1].trim();
      this.filename = matched[2].trim();
    }

    *render(ctx: Context): Generator<unknown, string, unknown> {
      // A name the page defines is read as a variable, as the gem does.
      const id = String(ctx.getSync([this.id]) ?? this.id);
      const filename = this.filename === '' ? '' : String(ctx.getSync([this.filename]) ?? this.filename);
      warnNoCode(id);
      return `<script src="https://gist.github.com/${id}.js${filename === '' ? '' : `?file=${filename}`}"> </script>`;
    }
  };
}
