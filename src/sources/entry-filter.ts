/**
 * Which files Jekyll reads (lib/jekyll/entry_filter.rb): names starting with `.`, `_`, `#` or `~` and
 * backups ending in `~` are skipped, `exclude` wins unless `include` names the entry.
 */
export interface EntryFilterOptions {
  include: string[];
  exclude: string[];
}

export interface EntryFilter {
  /** `relativePath` is POSIX and relative to the source; `isDirectory` matters for `dir/` patterns. */
  accepts(relativePath: string, isDirectory: boolean): boolean;
}

export function createEntryFilter(options: EntryFilterOptions): EntryFilter {
  const include = compilePatterns(options.include);
  const exclude = compilePatterns(options.exclude.filter((pattern) => !options.include.includes(pattern)));
  return {
    accepts(relativePath, isDirectory) {
      const name = relativePath.slice(relativePath.lastIndexOf('/') + 1);
      if (name.endsWith('.')) return false;
      const included = matchesAny(include, name, isDirectory) || matchesAny(include, relativePath, isDirectory);
      if (!included && matchesAny(exclude, relativePath, isDirectory)) return false;
      if (included) return true;
      return !/^[._#~]/.test(name) && !name.endsWith('~');
    },
  };
}

interface Pattern {
  /** The pattern without leading slashes. */
  clean: string;
  glob?: RegExp;
}

/** Each pattern cleaned and, if it has wildcards, compiled once: every file of the site is checked against them all. */
function compilePatterns(patterns: string[]): Pattern[] {
  return patterns.map((pattern) => {
    const clean = pattern.replace(/^\/+/, '');
    return /[*?[]/.test(clean) ? { clean, glob: globToRegExp(clean) } : { clean };
  });
}

/**
 * Jekyll's glob_include?: File.fnmatch (where `*` also crosses `/`), or a plain prefix of the path —
 * so `exclude: [src]` also drops `srcset.md`, as it does in Jekyll.
 */
function matchesAny(patterns: Pattern[], entry: string, isDirectory: boolean): boolean {
  for (const { clean, glob } of patterns) {
    if (entry.startsWith(clean)) return true;
    if (isDirectory && clean === `${entry}/`) return true;
    if (glob?.test(entry)) return true;
  }
  return false;
}

const globCache = new Map<string, RegExp>();

function globToRegExp(glob: string): RegExp {
  let cached = globCache.get(glob);
  if (!cached) {
    let source = '';
    for (let i = 0; i < glob.length; i++) {
      const c = glob[i];
      if (c === '*') source += '.*';
      else if (c === '?') source += '.';
      else if (c === '[') {
        const end = glob.indexOf(']', i + 1);
        if (end === -1) source += '\\[';
        else {
          source += `[${glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
          i = end;
        }
      } else source += c.replace(/[.+^${}()|\\/]/g, '\\$&');
    }
    cached = new RegExp(`^${source}$`);
    globCache.set(glob, cached);
  }
  return cached;
}
