/**
 * jekyll-seo-tag 2.8: `{% seo %}` (and `{% seo title=false %}`) writes the page's title, meta
 * description, canonical link, Open Graph and Twitter tags and JSON-LD, from its front matter and
 * _config.yml (seo-tag/seo-drop.ts), through the gem's own template (seo-tag/seo-template.ts).
 */
import { Tag, type Context, type Liquid, type TagToken, type TopLevelToken } from 'liquidjs';
import type { SiteConfig } from '../config/site-config.ts';
import { JEKYLL_VERSION } from '../outputs/feed.ts';
import type { JekyllPlugin, PluginLiquidContext } from './jekyll-plugin.ts';
import { createSeoDrop } from './seo-tag/seo-drop.ts';
import { SEO_TEMPLATE } from './seo-tag/seo-template.ts';

export const jekyllSeoTag: JekyllPlugin = {
  name: 'jekyll-seo-tag',
  tags: ['seo'],
  liquid(liquid, context) {
    liquid.registerTag('seo', createSeoTag(liquid, context));
  },
};

function createSeoTag(liquid: Liquid, { config, markdown }: PluginLiquidContext) {
  const template = liquid.parse(SEO_TEMPLATE, 'jekyll-seo-tag/template.html');
  const jekyll = { version: JEKYLL_VERSION, environment: process.env.JEKYLL_ENV ?? 'development' };
  return class SeoTag extends Tag {
    private readonly markup: string;

    constructor(token: TagToken, remainTokens: TopLevelToken[], engine: Liquid) {
      super(token, remainTokens, engine);
      this.markup = token.args;
    }

    *render(ctx: Context): Generator<unknown, string, unknown> {
      const site = (ctx.getSync(['site']) ?? {}) as Record<string, unknown>;
      const page = (ctx.getSync(['page']) ?? {}) as Record<string, unknown>;
      const paginator = ctx.getSync(['paginator']);
      const seoTag = createSeoDrop({
        site,
        page,
        paginator,
        markup: this.markup,
        url: config.url,
        baseurl: config.baseurl,
        timezone: config.timezone,
        markdownify: (text) => markdown.render(text),
      });
      const scope = { site: siteAsJekyllHasIt(site, config), page, paginator, jekyll, seo_tag: seoTag };
      return (yield liquid.renderer.renderTemplates(template, ctx.spawn(scope))) as string;
    }
  };
}

/** Jekyll has no `url` unless _config.yml sets one, so `{% if site.url %}` is false then. */
function siteAsJekyllHasIt(site: Record<string, unknown>, config: SiteConfig): Record<string, unknown> {
  if (config.url !== '') return site;
  return new Proxy(site, { get: (target, key, receiver) => (key === 'url' ? undefined : Reflect.get(target, key, receiver)) });
}
