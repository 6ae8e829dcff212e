/**
 * jemoji 0.13: `:+1:` in a page's body becomes `<img class="emoji" title=":+1:" alt=":+1:" src="…"
 * height="20" width="20">`, after its layouts (a `:post_render` hook). The images come from
 * `emoji.src` in _config.yml, else $ASSET_HOST_URL/images/icons/, else GitHub's asset host.
 */
import type { SiteConfig } from '../config/site-config.ts';
import type { SourceDocument } from '../sources/site-sources.ts';
import { listEmojiImages } from './jemoji/emoji-images.ts';
import { emojifyHtml, type EmojiImages } from './jemoji/emojify-html.ts';
import type { JekyllPlugin } from './jekyll-plugin.ts';

const GITHUB_ASSET_HOST = 'https://github.githubassets.com';
const ASSET_PATH = '/images/icons/';
const OPENING_BODY_TAG = /<body(.*?)>\s*/s;

export const jemoji: JekyllPlugin = {
  name: 'jemoji',
  createPostRender(config, environment) {
    const images = createEmojiImages(config, environment);
    return (output, document) => {
      if (!isEmojiable(document)) return output;
      images.pattern.lastIndex = 0;
      if (!images.pattern.test(output)) return output;
      // Jemoji.replace_document_body: with a <body>, only the body is filtered.
      if (!output.includes('<body')) return emojifyHtml(output, images);
      const opener = OPENING_BODY_TAG.exec(output);
      if (!opener) return output;
      const bodyStart = opener.index + opener[0].length;
      const end = output.indexOf('</body>', bodyStart);
      const bodyEnd = end === -1 ? output.length : end;
      return output.slice(0, bodyStart) + emojifyHtml(output.slice(bodyStart, bodyEnd), images) + output.slice(bodyEnd);
    };
  },
};

/** Jemoji.emojiable?: HTML output, or a permalink ending in "/". */
function isEmojiable(document: SourceDocument): boolean {
  return document.outputExt === '.html' || String(document.data.permalink ?? '').endsWith('/');
}

function createEmojiImages(config: SiteConfig, environment: NodeJS.ProcessEnv): EmojiImages {
  const files = listEmojiImages();
  const root = assetRoot(config.raw, environment);
  const names = [...files.keys()].sort().map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return {
    pattern: new RegExp(`:(${names.join('|')}):`, 'g'),
    // EmojiFilter#emoji_image_tag with jemoji's img_attrs (align: nil drops the align attribute).
    imageTag: (name) =>
      `<img class="emoji" title=":${name}:" alt=":${name}:" src="${joinPath(root, `emoji/${files.get(name)}`)}" height="20" width="20">`,
  };
}

/** Jemoji.emoji_src. */
function assetRoot(raw: Record<string, unknown>, environment: NodeJS.ProcessEnv): string {
  const emoji = raw.emoji;
  if (typeof emoji === 'object' && emoji !== null && 'src' in emoji) return String((emoji as Record<string, unknown>).src ?? '');
  const host = environment.ASSET_HOST_URL ?? '';
  if (host !== '') return `${host.replace(/\/$/, '')}${ASSET_PATH}`;
  return `${GITHUB_ASSET_HOST}${ASSET_PATH}`;
}

/** Ruby's File.join of two parts: one slash between them. */
function joinPath(root: string, path: string): string {
  return `${root.replace(/\/+$/, '')}/${path}`;
}
