/**
 * jekyll-avatar 0.7: `{% avatar login size=N %}` (or `user=variable`, `lazy=true`) writes the user's
 * GitHub avatar `<img>` with a srcset for 1x to 4x, on the avatars host the gem picks by CRC32.
 * $PAGES_AVATARS_URL replaces the host.
 */
import { crc32 } from 'node:zlib';
import { Tag, type Context, type Liquid, type TagToken, type Template, type TopLevelToken } from 'liquidjs';
import type { JekyllPlugin } from './jekyll-plugin.ts';

const SERVERS = 4;
const DEFAULT_SIZE = '40';
const API_VERSION = '3';

export const jekyllAvatar: JekyllPlugin = {
  name: 'jekyll-avatar',
  tags: ['avatar'],
  liquid(liquid) {
    liquid.registerTag('avatar', createAvatarTag(process.env.PAGES_AVATARS_URL ?? ''));
  },
};

function createAvatarTag(customHost: string) {
  return class AvatarTag extends Tag {
    private readonly markup: Template[];
    private readonly size: string;
    private readonly userVariable: string | undefined;

    constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid) {
      super(token, remainTokens, liquid);
      const text = token.args.trim();
      this.markup = liquid.parse(text, token.file);
      this.size = /\bsize=(\d+)\b/i.exec(text)?.[1] ?? DEFAULT_SIZE;
      this.userVariable = /\buser=([\w.]+)\b/.exec(text)?.[1];
    }

    *render(ctx: Context): Generator<unknown, string, unknown> {
      const text = (yield this.liquid.renderer.renderTemplates(this.markup, ctx)) as string;
      const username = this.userVariable === undefined ? usernameIn(text) : lookup(ctx, this.userVariable);
      const path = (scale: number): string => `${username}?v=${API_VERSION}&s=${scale === 1 ? this.size : Number.parseInt(this.size, 10) * scale}`;
      const host = customHost === '' ? `https://avatars${crc32(path(1)) % SERVERS}.githubusercontent.com` : customHost;
      const url = (scale: number): string => (customHost === '' ? `${host}/${path(scale)}` : new URL(path(scale), host.endsWith('/') ? host : `${host}/`).toString());
      const srcset = [1, 2, 3, 4].map((scale) => `${url(scale)} ${scale}x`).join(', ');
      const classes = Number.parseInt(this.size, 10) < 48 ? 'avatar avatar-small' : 'avatar';
      const base = `class="${classes}" alt="${username}" width="${this.size}" height="${this.size}" data-proofer-ignore="true"`;
      // Avatar#lazy_load? looks at the rendered markup.
      if (text.includes('lazy=true')) return `<img ${base} src="" data-src="${url(1)}" data-srcset="${srcset}" />`;
      return `<img ${base} src="${url(1)}" srcset="${srcset}" />`;
    }
  };
}

/** Avatar#username: the first word, less a leading "@". */
function usernameIn(text: string): string {
  const first = text.includes(' ') ? (text.split(' ').find((word) => word !== '') ?? '') : text;
  return first.startsWith('@') ? first.replace('@', '') : first;
}

/** Avatar#lookup_variable: `a.b.c` read from the context, or the name itself when nothing is there. */
function lookup(ctx: Context, variable: string): string {
  const value = ctx.getSync(variable.split('.'));
  return value === undefined || value === null || value === false ? variable : String(value);
}
