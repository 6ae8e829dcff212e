/**
 * jekyll-github-metadata's Pages: the GitHub (Enterprise) and Pages hosts, read from the
 * environment with the gem's defaults (lib/jekyll-github-metadata/pages.rb).
 */
export interface PagesEnvironment {
  /** PAGES_ENV, else JEKYLL_ENV, else "development". */
  env: string;
  hostname: string;
  pagesHostname: string;
  apiUrl: string;
  helpUrl: string;
  /** Where repositories live: https://github.com unless another host is configured. */
  githubUrl: string;
  scheme: 'http' | 'https';
  subdomainIsolation: boolean;
  enterprise: boolean;
  /** Only on github.com itself (PAGES_ENV dotcom) or in the gem's tests. */
  customDomainsEnabled: boolean;
}

export function readPagesEnvironment(environment: NodeJS.ProcessEnv): PagesEnvironment {
  // Pages.env_var: a set, non-empty variable, else the intermediate default, else the gem's default.
  const read = (key: string, fallback: string | undefined, otherwise: string): string => {
    const value = environment[key];
    return value !== undefined && value !== '' ? value : (fallback ?? otherwise);
  };
  const trim = (url: string): string => (url.endsWith('/') ? url.slice(0, -1) : url);
  const env = read('PAGES_ENV', environment.JEKYLL_ENV, 'development');
  const test = env === 'test';
  const ssl = read('SSL', undefined, 'false') === 'true' || test;
  const scheme = ssl ? 'https' : 'http';
  const hostname = trim(read('PAGES_GITHUB_HOSTNAME', environment.GITHUB_HOSTNAME, 'github.com'));
  const pagesDefault = environment.PAGES_HOSTNAME ?? (env === 'development' ? 'localhost:4000' : undefined);
  return {
    env,
    hostname,
    pagesHostname: trim(read('PAGES_PAGES_HOSTNAME', pagesDefault, 'github.io')),
    apiUrl: trim(read('PAGES_API_URL', environment.API_URL, 'https://api.github.com')),
    helpUrl: trim(read('PAGES_HELP_URL', environment.HELP_URL, 'https://help.github.com')),
    githubUrl: env === 'dotcom' || hostname === 'github.com' ? 'https://github.com' : `${scheme}://${hostname}`,
    scheme,
    subdomainIsolation: read('SUBDOMAIN_ISOLATION', undefined, 'false') === 'true',
    enterprise: env === 'enterprise',
    customDomainsEnabled: env === 'dotcom' || test,
  };
}
