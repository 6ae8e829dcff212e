/**
 * html-pipeline's EmojiFilter as jemoji configures it: `:name:` in text becomes GitHub's emoji
 * image, except inside `pre`, `code` and `tt` (and raw-text elements).
 */
import { mapHtmlText } from '../map-html-text.ts';

const IGNORED = new Set(['pre', 'code', 'tt', 'script', 'style', 'textarea']);

export interface EmojiImages {
  /** Matches `:name:` for every known name (EmojiFilter.emoji_pattern). */
  pattern: RegExp;
  /** The `<img>` for a name. */
  imageTag(name: string): string;
}

export function emojifyHtml(html: string, images: EmojiImages): string {
  return mapHtmlText(html, IGNORED, (text) => (text.includes(':') ? text.replace(images.pattern, (_whole, name: string) => images.imageTag(name)) : text));
}
