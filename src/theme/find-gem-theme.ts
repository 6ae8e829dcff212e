/**
 * Where RubyGems keeps an installed gem: the gem folders of GEM_PATH and GEM_HOME, Debian's
 * (`apt-get install jekyll-theme-minima` puts minima in /usr/share/rubygems-integration/all/gems),
 * then whatever `gem` itself says. A gem's folder is `gems/NAME-VERSION`; its specification, which
 * names the plugins it needs, is `specifications/NAME-VERSION.gemspec` beside it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface FoundGem {
  root: string;
  version: string;
  /** Runtime dependencies, from the gemspec when there is one. */
  dependencies: string[];
}

/** The gem homes to look in, in order (each holds `gems/` and `specifications/`). */
export function gemHomes(environment: NodeJS.ProcessEnv = process.env): string[] {
  const fromEnvironment = [environment.GEM_HOME, ...(environment.GEM_PATH ?? '').split(path.delimiter)].filter((dir): dir is string => Boolean(dir));
  const versioned = (parent: string): string[] => listNames(parent).map((name) => path.join(parent, name));
  const system = [
    '/usr/share/rubygems-integration/all',
    ...versioned('/var/lib/gems'),
    ...versioned('/usr/lib/ruby/gems'),
    ...versioned('/usr/local/lib/ruby/gems'),
    ...versioned(path.join(os.homedir(), '.gem/ruby')),
    ...versioned(path.join(os.homedir(), '.local/share/gem/ruby')),
  ];
  return [...new Set([...fromEnvironment, ...system])];
}

export function findGem(name: string, homes: string[], askGem = true): FoundGem | undefined {
  for (const home of homes) {
    const versions = listNames(path.join(home, 'gems'))
      .map((entry) => ({ entry, version: entry.startsWith(`${name}-`) ? entry.slice(name.length + 1) : '' }))
      .filter(({ version }) => /^\d[\w.]*$/.test(version))
      .sort((a, b) => compareVersions(b.version, a.version));
    const newest = versions[0];
    if (newest) {
      const root = path.join(home, 'gems', newest.entry);
      return { root, version: newest.version, dependencies: readDependencies(path.join(home, 'specifications', `${newest.entry}.gemspec`)) };
    }
  }
  return askGem ? askRubyGems(name) : undefined;
}

/** `gem spec NAME full_gem_path`, when RubyGems is installed; a site's theme name is never a flag (checked before). */
function askRubyGems(name: string): FoundGem | undefined {
  let output: string;
  try {
    output = execFileSync('gem', ['spec', name, 'full_gem_path'], { encoding: 'utf8', timeout: 20_000, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  }
  const root = /^---\s*"?([^"\n]+)"?\s*$/m.exec(output)?.[1];
  if (!root || !existsSync(root)) return undefined;
  const entry = path.basename(root);
  const version = entry.slice(name.length + 1);
  return { root, version, dependencies: readDependencies(path.join(path.dirname(path.dirname(root)), 'specifications', `${entry}.gemspec`)) };
}

/** The gems a gemspec depends on at run time: an installed one (`%q<name>`) or a theme's source (`"name"`). */
export function readDependencies(gemspec: string): string[] {
  let text: string;
  try {
    text = readFileSync(gemspec, 'utf8');
  } catch {
    return [];
  }
  // A gemspec lists them twice, for old and new RubyGems; `add_dependency` alone also means runtime.
  const named = (kind: string): string[] =>
    [...text.matchAll(new RegExp(`${kind}\\(?\\s*(?:%q<([^>]+)>|["']([^"']+)["'])`, 'g'))].map((m) => m[1] ?? m[2]);
  const runtime = named('add_runtime_dependency');
  const plain = named('add_dependency');
  return [...new Set(runtime.length > 0 ? runtime : plain)];
}

function compareVersions(a: string, b: string): number {
  const left = a.split('.');
  const right = b.split('.');
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const x = left[i] ?? '';
    const y = right[i] ?? '';
    const difference = /^\d+$/.test(x) && /^\d+$/.test(y) ? Number(x) - Number(y) : x < y ? -1 : x > y ? 1 : 0;
    if (difference !== 0) return difference;
  }
  return 0;
}

function listNames(dir: string): string[] {
  try {
    return statSync(dir).isDirectory() ? readdirSync(dir) : [];
  } catch {
    return [];
  }
}
