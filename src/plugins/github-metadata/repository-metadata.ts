/**
 * What jekyll-github-metadata 2.15 knows of a repository without the GitHub API (its Repository and
 * RepositoryCompat, lib/jekyll-github-metadata/repository*.rb): names and URLs derived from
 * "owner/name". What only the API knows is what the gem gives when every API call fails: `false`
 * for lists, nil for the rest.
 */
import type { PagesEnvironment } from './pages-environment.ts';

/** The owner fields (Owner#to_h), all nil without the API. */
const OWNER_FIELDS = [
  'avatar_url', 'bio', 'blog', 'collaborators', 'company', 'created_at', 'description', 'email', 'followers', 'following',
  'has_organization_projects', 'has_repository_projects', 'hireable', 'html_url', 'id', 'is_verified', 'location', 'login',
  'name', 'node_id', 'public_gists', 'public_repos', 'type', 'updated_at',
];

export interface RepositoryMetadata {
  owner: string;
  name: string;
  isUserPage: boolean;
  /** Repository#html_url: where Pages serves the site, as the gem guesses it offline. */
  htmlUrl: string;
  /** `site.github`'s repository keys. */
  fields: Record<string, unknown>;
}

export function describeRepository(nwo: string, pages: PagesEnvironment): RepositoryMetadata {
  const owner = nwo.split('/')[0];
  const name = nwo.split('/').at(-1)!;
  const githubRepo = !pages.enterprise && owner === 'github';
  const defaultUserDomain = (githubRepo ? `${owner}.${pages.hostname}` : pages.enterprise ? pages.pagesHostname : `${owner}.${pages.pagesHostname}`).toLowerCase();
  const userPageDomains = pages.enterprise ? [defaultUserDomain] : [defaultUserDomain, `${owner}.github.com`.toLowerCase()];
  // Repository#primary?: a user or organisation site (`owner.github.io`), by its name alone.
  const isUserPage = pages.enterprise ? name.toLowerCase() === `${owner.toLowerCase()}.${pages.hostname}` : userPageDomains.includes(name.toLowerCase());
  const htmlUrl = pagesUrl(owner, name, nwo, isUserPage, defaultUserDomain, pages).replace(/\/$/, '');
  const ownerUrl = `${pages.githubUrl}/${owner}`;
  const repositoryUrl = `${ownerUrl}/${name}`;
  const source = { branch: isUserPage ? 'master' : 'gh-pages', path: '/' };
  return {
    owner,
    name,
    isUserPage,
    htmlUrl,
    fields: {
      public_repositories: false,
      organization_members: null,
      project_title: name,
      project_tagline: null,
      owner: Object.fromEntries(OWNER_FIELDS.map((field) => [field, null])),
      owner_name: owner,
      owner_display_name: null,
      owner_url: ownerUrl,
      owner_gravatar_url: `${ownerUrl}.png`,
      repository_url: repositoryUrl,
      repository_nwo: nwo,
      repository_name: name,
      zip_url: `${repositoryUrl}/zipball/${source.branch}`,
      tar_url: `${repositoryUrl}/tarball/${source.branch}`,
      clone_url: `${repositoryUrl}.git`,
      releases_url: `${repositoryUrl}/releases`,
      issues_url: null,
      wiki_url: null,
      language: null,
      is_user_page: isUserPage,
      is_project_page: !isUserPage,
      show_downloads: null,
      url: htmlUrl,
      baseurl: new URL(htmlUrl).pathname.replace(/^\/$/, ''),
      contributors: false,
      releases: false,
      latest_release: false,
      private: null,
      archived: null,
      disabled: null,
      license: null,
      source,
    },
  };
}

/** RepositoryCompat#pages_url, with no CNAME (only the API knows one). */
function pagesUrl(owner: string, name: string, nwo: string, isUserPage: boolean, defaultUserDomain: string, pages: PagesEnvironment): string {
  if (!pages.customDomainsEnabled) {
    const path = isUserPage ? owner : nwo;
    return pages.subdomainIsolation ? new URL(path, `${pages.scheme}://${pages.pagesHostname}/`).toString() : new URL(path, `${pages.githubUrl}/pages/`).toString();
  }
  const domain = defaultUserDomain;
  const scheme = pages.enterprise ? pages.scheme : owner === 'github' && domain.endsWith('.github.com') ? 'https' : 'http';
  return isUserPage ? `${scheme}://${domain}` : new URL(name, `${scheme}://${domain}`).toString();
}
