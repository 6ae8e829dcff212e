/**
 * jekyll-github-metadata 2.15, offline: `site.github` with what can be known without the GitHub API
 * (hosts from the environment; names and URLs from the repository's "owner/name", taken from
 * $PAGES_REPO_NWO, `repository:` in _config.yml, or the `origin` remote in development), and
 * the gem's fallbacks: `site.title` from the repository, and in production `site.url` and
 * `site.baseurl` from where Pages would serve it. tryck never calls the API: its fields (description,
 * contributors, releases, license…) are what the gem gives when every call fails, nil or false.
 * (Offline, the gem itself crashes on `public_repositories`, and on a `github:` map in _config.yml,
 * whose merge reads every field; tryck gives false and merges the map.)
 */
import { execFileSync } from 'node:child_process';
import { deepMerge, isPlainObject } from '../config/load-config.ts';
import type { SiteConfig } from '../config/site-config.ts';
import { BuildError } from '../errors.ts';
import { defineLazyProperty } from '../lazy-property.ts';
import { isRubyTruthy } from '../liquid/filters/ruby-values.ts';
import { readPagesEnvironment } from './github-metadata/pages-environment.ts';
import { describeRepository, type RepositoryMetadata } from './github-metadata/repository-metadata.ts';
import type { JekyllPlugin } from './jekyll-plugin.ts';

const NO_REPOSITORY =
  "No repo name found. Specify using PAGES_REPO_NWO environment variables, 'repository' in your configuration, or set up an 'origin' git remote pointing to your github.com repository.";

export const jekyllGithubMetadata: JekyllPlugin = {
  name: 'jekyll-github-metadata',
  configure(config, environment) {
    const pages = readPagesEnvironment(environment);
    const jekyllEnv = environment.JEKYLL_ENV || 'development';
    const nwo = findRepositoryName(config, environment, pages.hostname, jekyllEnv);
    const repository = nwo === undefined ? undefined : describeRepository(nwo, pages);
    const requireRepository = (what: string): RepositoryMetadata => {
      if (repository) return repository;
      throw new BuildError(`jekyll-github-metadata needs the repository for ${what}. ${NO_REPOSITORY}`, { file: '_config.yml', hint: 'Add repository: owner/name to _config.yml.' });
    };

    // SiteGitHubMunger#add_title_and_description_fallbacks! (the description needs the API: nil).
    const raw = config.raw;
    if (!isRubyTruthy(raw.title) && !isRubyTruthy(raw.name)) {
      const repo = requireRepository('site.title');
      raw.title = repo.isUserPage ? repo.owner : repo.name;
      config.title = String(raw.title);
    }
    // add_url_and_baseurl_fallbacks!: only in production or a Pages build.
    if (jekyllEnv === 'production' || (environment.PAGE_BUILD_ID ?? '') !== '') {
      const url = new URL(requireRepository('site.url').htmlUrl);
      if (config.url === '') {
        config.url = url.origin;
        raw.url = config.url;
      }
      if (config.baseurl === '') {
        config.baseurl = url.pathname.replace(/\/$/, '');
        raw.baseurl = config.baseurl;
      }
    }

    const drop: Record<string, unknown> = {
      environment: pages.env,
      pages_env: pages.env,
      hostname: pages.hostname,
      pages_hostname: pages.pagesHostname,
      api_url: pages.apiUrl,
      help_url: pages.helpUrl,
      versions: {},
      ...repository?.fields,
    };
    // MetadataDrop#build_revision: read from git only if a template asks for it.
    defineLazyProperty(drop, 'build_revision', () => environment.JEKYLL_BUILD_REVISION ?? runGit(config.source, ['rev-parse', 'HEAD']));
    // SiteGitHubMunger#github_namespace: a `github:` map in _config.yml is merged over the metadata; any other value wins.
    const own = raw.github;
    if (own === undefined || own === null) raw.github = drop;
    else if (isPlainObject(own)) raw.github = deepMerge(drop, own);
  },
};

/** RepositoryFinder#nwo. */
function findRepositoryName(config: SiteConfig, environment: NodeJS.ProcessEnv, hostname: string, jekyllEnv: string): string | undefined {
  if (environment.PAGES_REPO_NWO) return environment.PAGES_REPO_NWO;
  const configured = config.raw.repository;
  if (typeof configured === 'string' && configured.includes('/')) return configured;
  if (jekyllEnv !== 'development' && jekyllEnv !== 'test') return undefined;
  const origin = runGit(config.source, ['remote', '--verbose'])
    .split('\n')
    .filter((line) => line.startsWith('origin\t'))
    .map((line) => line.replace(/^origin\t(.*) \([a-z]+\)$/, '$1'))[0];
  const escaped = hostname.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const matches = origin === undefined ? null : new RegExp(`${escaped}(:|/)([\\w-]+)/([\\w.-]+)`).exec(origin.replace(/\.git$/, ''));
  return matches ? `${matches[2]}/${matches[3]}` : undefined;
}

function runGit(cwd: string, args: string[]): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}
