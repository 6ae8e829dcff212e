/**
 * `jekyll.environment` and `jekyll.version` as templates see them (Jekyll's JekyllDrop). The version
 * is the Jekyll tryck builds as, so a generator tag or a version check reads as on Jekyll.
 */
export const JEKYLL_VERSION = '4.3.1';

/** Jekyll.env: `JEKYLL_ENV`, else "development". */
export function jekyllEnvironment(environment: NodeJS.ProcessEnv = process.env): string {
  return environment.JEKYLL_ENV ?? 'development';
}

export function createJekyllDrop(environment: NodeJS.ProcessEnv = process.env): { version: string; environment: string } {
  return { version: JEKYLL_VERSION, environment: jekyllEnvironment(environment) };
}
