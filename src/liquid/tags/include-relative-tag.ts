/**
 * `{% include_relative del.md key=value %}` (Jekyll's IncludeRelativeTag): a file next to the page being
 * rendered, with the same `include.*` parameters as include. It may not leave the site folder.
 */
import { recorderIn } from '../render-recorder.ts';
import { existsSync } from 'node:fs';
import { readSiteText } from '../../sources/read-site-text.ts';
import path from 'node:path';
import { Hash, Tag, type Context, type Emitter, type Liquid, type TagToken, type Template, type TopLevelToken } from 'liquidjs';
import { BuildError } from '../../errors.ts';
import { resolveInside } from '../../resolve-inside.ts';
import { DEPENDENCIES_REGISTER, type RenderDependencies } from '../include-tag.ts';

export function createIncludeRelativeTag(sourceRoot: string) {
  const parsed = new Map<string, Template[]>();
  return class IncludeRelativeTag extends Tag {
    private readonly file: Template[];
    private readonly hash: Hash;

    constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid) {
      super(token, remainTokens, liquid);
      const args = token.args.trim();
      const space = args.search(/\s/);
      this.file = liquid.parse(space === -1 ? args : args.slice(0, space));
      this.hash = new Hash(space === -1 ? '' : args.slice(space), true);
    }

    *render(ctx: Context, emitter: Emitter): Generator<unknown, void, unknown> {
      // A file outside _includes/, which the page cache does not fingerprint: never reuse this page.
      recorderIn(ctx.environments)?.markVolatile('uses include_relative');
      const page = ctx.get(['page']) as Record<string, unknown> | undefined;
      const pagePath = typeof page?.path === 'string' ? page.path : '';
      const name = String(yield this.liquid.renderer.renderTemplates(this.file, ctx)).trim();
      const relative = path.posix.normalize(path.posix.join(path.posix.dirname(pagePath), name));
      if (relative.startsWith('..') || path.posix.isAbsolute(relative) || relative.split('/').some((part) => part.startsWith('_') && part !== '_posts')) {
        throw new BuildError(`include_relative: '${name}' points outside the page's folder tree.`, {
          file: this.token.file,
          hint: 'include_relative takes a path below the page; for shared snippets use _includes/ and include.',
        });
      }
      let templates = parsed.get(relative);
      if (!templates) {
        const file = resolveInside(sourceRoot, relative, 'include_relative');
        if (!existsSync(file)) throw new BuildError(`include_relative: '${relative}' does not exist.`, { file: this.token.file });
        const text = readSiteText(file, relative);
        templates = this.liquid.parse(text, relative);
        parsed.set(relative, templates);
      }
      ctx.getRegister<RenderDependencies>(DEPENDENCIES_REGISTER, { includes: new Set() }).includes.add(`../${relative}`);
      const scope = (yield this.hash.render(ctx)) as Record<string, unknown>;
      ctx.push({ include: scope });
      yield this.liquid.renderer.renderTemplates(templates, ctx, emitter);
      ctx.pop();
    }
  };
}
