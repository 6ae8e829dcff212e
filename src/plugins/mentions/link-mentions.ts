/**
 * html-pipeline's MentionFilter with jekyll-mentions' username pattern: `@login` in text (not in
 * `a`, `pre`, `code`, `style`, `script`) becomes `<a href='BASE/login' class='user-mention'>@login</a>`.
 */
import { mapHtmlText } from '../map-html-text.ts';

/**
 * MentionFilter::MentionPatterns[/[\w][\w-]*\/]: after the start of a line or a non-word character,
 * no trailing slash, and followed by dots and a non-word character, or by a character that is not
 * part of a name. (Ruby's atomic group is a lookahead and a back-reference here.)
 */
export const MENTION = /(?:^|\W)@(?=(\w[\w-]*))\1(?!\/)(?=\.+[ \t\W]|\.+$|[^0-9a-zA-Z_.]|$)/gim;

/** Words that are not users: `@mention` stays text (MentionFilter::MentionLogins). */
const NOT_USERS = new Set(['mention', 'mentions', 'mentioned', 'mentioning']);
const IGNORED = new Set(['pre', 'code', 'a', 'style', 'script']);

export function linkMentions(html: string, base: string): string {
  const prefix = /[/~]$/.test(base) ? base : `${base}/`;
  return mapHtmlText(html, IGNORED, (text) =>
    !text.includes('@')
      ? text
      : text.replace(MENTION, (match: string, login: string) =>
          NOT_USERS.has(login.toLowerCase()) ? match : match.replace(`@${login}`, `<a href='${prefix}${login}' class='user-mention'>@${login}</a>`),
        ),
  );
}
