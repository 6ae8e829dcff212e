/**
 * `{% link om.md %}` (Jekyll's Tags::Link): the URL, with the baseurl, of the page, post or static
 * file at that path in the source. The path may hold Liquid.
 */
import { recorderIn } from '../render-recorder.ts';
import { Tag, type Context, type Liquid, type TagToken, type Template, type TopLevelToken } from 'liquidjs';
import { BuildError } from '../../errors.ts';

export interface LinkTarget {
  relativePath: string;
  url: string;
}

export function createLinkTag(targets: () => ReadonlyMap<string, LinkTarget>, relativeUrl: (url: string) => string) {
  return class LinkTag extends Tag {
    private readonly path: string;
    private readonly pathTemplate: Template[];

    constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid) {
      super(token, remainTokens, liquid);
      this.path = token.args.trim();
      this.pathTemplate = liquid.parse(this.path);
    }

    *render(ctx: Context): Generator<unknown, string, unknown> {
      // The URL comes from another document: the page depends on the site's list of documents.
      recorderIn(ctx.environments)?.readCorpus();
      const path = String(yield this.liquid.renderer.renderTemplates(this.pathTemplate, ctx)).trim().replace(/^\/+/, '');
      const target = targets().get(path);
      if (!target) {
        throw new BuildError(`link: no page, post or file at '${path}'.`, {
          file: this.token.file,
          hint: 'Give the path from the site folder, e.g. {% link _posts/2022-06-16-min-post.md %} or {% link om.md %}.',
        });
      }
      return relativeUrl(target.url);
    }
  };
}
