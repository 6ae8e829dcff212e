/**
 * jekyll-mentions 1.6: `@login` in a page's body becomes a link to the user's GitHub profile,
 * after its layouts (a `:post_render` hook), except inside `a`, `pre`, `code`, `style` and
 * `script`. The base URL is `jekyll-mentions:` (a string, or `{base_url}`) from _config.yml or the
 * page, else https://$GITHUB_HOSTNAME when $SSL is set, else https://github.com.
 */
import { BuildError } from '../errors.ts';
import type { SourceDocument } from '../sources/site-sources.ts';
import type { JekyllPlugin } from './jekyll-plugin.ts';
import { linkMentions, MENTION } from './mentions/link-mentions.ts';

const OPENING_BODY_TAG = /<body(.*?)>\s*/s;

export const jekyllMentions: JekyllPlugin = {
  name: 'jekyll-mentions',
  createPostRender(config, environment) {
    const siteBase = mentionBase(config.raw['jekyll-mentions'], environment, '_config.yml');
    return (output, document) => {
      if (!isMentionable(document) || !output.includes('@')) return output;
      const base = 'jekyll-mentions' in document.data ? mentionBase(document.data['jekyll-mentions'], environment, document.relativePath) : siteBase;
      const opener = output.includes('<body') ? OPENING_BODY_TAG.exec(output) : null;
      if (!opener) return hasMention(output) ? linkMentions(output, base) : output;
      const bodyStart = opener.index + opener[0].length;
      const end = output.indexOf('</body>', bodyStart);
      const bodyEnd = end === -1 ? output.length : end;
      const body = output.slice(bodyStart, bodyEnd);
      if (!hasMention(body)) return output;
      return output.slice(0, bodyStart) + linkMentions(body, base) + output.slice(bodyEnd);
    };
  },
};

function hasMention(html: string): boolean {
  MENTION.lastIndex = 0;
  return MENTION.test(html);
}

/** Jekyll::Mentions.mentionable?: HTML output (or a permalink ending in "/"), not `jekyll-mentions: false`. */
function isMentionable(document: SourceDocument): boolean {
  return (document.outputExt === '.html' || String(document.data.permalink ?? '').endsWith('/')) && document.data['jekyll-mentions'] !== false;
}

/** Jekyll::Mentions.mention_base. */
function mentionBase(setting: unknown, environment: NodeJS.ProcessEnv, file: string): string {
  if (setting === undefined || setting === null) return defaultBase(environment);
  if (typeof setting === 'string') return setting;
  if (typeof setting === 'object' && !Array.isArray(setting)) {
    const base = (setting as Record<string, unknown>).base_url;
    return base === undefined ? defaultBase(environment) : String(base);
  }
  throw new BuildError(`Your jekyll-mentions config has to either be a string or a hash. It's ${JSON.stringify(setting)} right now.`, {
    file,
    hint: 'Write jekyll-mentions: https://github.com, or jekyll-mentions: {base_url: https://github.com}.',
  });
}

function defaultBase(environment: NodeJS.ProcessEnv): string {
  const ssl = environment.SSL ?? '';
  const host = environment.GITHUB_HOSTNAME ?? '';
  if (ssl !== '' && host !== '') return `${ssl === 'true' ? 'https://' : 'http://'}${host.replace(/\/$/, '')}`;
  return 'https://github.com';
}
