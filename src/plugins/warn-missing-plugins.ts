/**
 * A plugin named in `plugins:` that tryck does not provide: one warning naming it and the pages
 * that use tags nobody defines (the likely users of that plugin), or with `--strict` an error.
 */
import { tags as LIQUID_TAGS } from 'liquidjs';
import type { SiteConfig } from '../config/site-config.ts';
import { BuildError } from '../errors.ts';
import { JEKYLL_TAGS } from '../liquid/register-jekyll-extensions.ts';
import type { SiteSources } from '../sources/site-sources.ts';
import { findActivePlugins, findMissingPlugins } from './active-plugins.ts';
import { PLUGIN_LIST } from './plugin-list.ts';

/** Words that continue or close a block rather than open a tag. */
const INNER_WORDS = new Set(['else', 'elsif', 'when', 'empty']);

export function warnMissingPlugins(config: SiteConfig, sources: SiteSources, strict = false): string[] {
  const missing = findMissingPlugins(config);
  if (missing.length === 0) return [];
  const users = findUnknownTagUsers(config, sources);
  const used = users.size ? ` Files using tags tryck does not know: ${[...users].map(([file, names]) => `${file} (${[...names].join(', ')})`).join('; ')}.` : '';
  const message = `${missing.length === 1 ? 'Plugin' : 'Plugins'} ${missing.map((name) => `'${name}'`).join(', ')} ${missing.length === 1 ? 'is' : 'are'} not provided by tryck and ignored.${used}`;
  if (strict) throw new BuildError(message, { file: '_config.yml', hint: 'Remove it from plugins: in _config.yml, or build without --strict to ignore it.' });
  return [`_config.yml: ${message}`];
}

/**
 * An unknown tag's Liquid error, with the missing plugins named as its likely cause, or the plugin
 * tryck has that defines it when the site has not turned it on. Other errors are returned as they are.
 */
export function blameMissingPlugins(error: unknown, config: SiteConfig): unknown {
  if (!(error instanceof BuildError) || error.hint !== undefined) return error;
  const tag = /tag "([^"]+)" not found/.exec(error.message)?.[1];
  if (tag === undefined) return error;
  const missing = findMissingPlugins(config);
  // A tag of a plugin tryck has but the site does not turn on: Jekyll fails the same way.
  const provider = PLUGIN_LIST.find((plugin) => plugin.tags?.includes(tag));
  let hint: string | undefined;
  if (missing.length > 0) hint = `The tag '${tag}' probably comes from ${missing.map((name) => `'${name}'`).join(' or ')} in plugins: of _config.yml, which tryck does not provide.`;
  else if (provider) hint = `The tag '${tag}' comes from ${provider.name}: add it to plugins: in _config.yml.`;
  if (hint === undefined) return error;
  return new BuildError(error.message, { file: error.file, line: error.line, column: error.column, excerpt: error.excerpt, cause: error.cause, hint });
}

/** Each template file with the names of the tags in it that neither Liquid, Jekyll nor an active plugin defines. */
function findUnknownTagUsers(config: SiteConfig, sources: SiteSources): Map<string, Set<string>> {
  const known = new Set([...Object.keys(LIQUID_TAGS), ...JEKYLL_TAGS, ...findActivePlugins(config).flatMap((plugin) => plugin.tags ?? [])]);
  const users = new Map<string, Set<string>>();
  const templates = [...sources.pages, ...sources.posts, ...sources.layouts.values(), ...sources.includes.values()];
  for (const { relativePath, body } of templates) {
    const text = body.replace(/\{%-?\s*raw\s*-?%\}[\s\S]*?\{%-?\s*endraw\s*-?%\}/g, '').replace(/\{%-?\s*comment\s*-?%\}[\s\S]*?\{%-?\s*endcomment\s*-?%\}/g, '');
    for (const match of text.matchAll(/\{%-?\s*([A-Za-z_][\w-]*)/g)) {
      const name = match[1];
      if (known.has(name) || INNER_WORDS.has(name) || name.startsWith('end')) continue;
      let names = users.get(relativePath);
      if (!names) users.set(relativePath, (names = new Set()));
      names.add(name);
    }
  }
  return users;
}
