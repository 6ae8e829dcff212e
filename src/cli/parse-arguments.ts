/**
 * The command line, with Jekyll's flag names where Jekyll has them.
 */
import { parseArgs } from 'node:util';

export type CommandName = 'build' | 'watch' | 'serve' | 'new' | 'bench' | 'help' | 'version';

export interface CommandLine {
  command: CommandName;
  positionals: string[];
  source: string;
  /** True when --source was given: a `source:` in the configuration is then ignored, as in Jekyll. */
  sourceGiven: boolean;
  destination?: string;
  /** `--config a.yml,b.yml`. */
  configFiles?: string[];
  baseurl?: string;
  drafts: boolean;
  future: boolean;
  unpublished: boolean;
  strict: boolean;
  port: number;
  host: string;
  cache: boolean;
  posts?: number[];
  quiet: boolean;
  /** `--theme-dir DIR`: the theme's folder, found wherever it is. */
  themeDir?: string;
}

export const USAGE = `Usage: tryck <command> [options]

Commands:
  build              Build the site into the destination folder (default _site/)
  watch              Build, serve on http://127.0.0.1:4000 and rebuild on changes (alias: serve)
  new "Titel"        Create a dated post in _posts/ with the blog's front matter
  bench              Compare build speed with Jekyll and Eleventy

Options:
  -s, --source DIR        Site folder (default: current folder)
  -d, --destination DIR   Output folder (default: _site in the current folder, as Jekyll)
      --config FILE[,FILE]  Configuration files instead of _config.yml (later ones win)
  -b, --baseurl URL       Serve the site from URL (over baseurl: in the configuration)
      --safe              Accepted for Jekyll's sake: tryck never runs a site's plugins
  -D, --drafts            Include posts from _drafts/
      --future            Include posts dated in the future
      --unpublished       Include posts with published: false
      --strict            Fail on a plugin in _config.yml that tryck does not provide
  -P, --port N            Port for watch (default 4000)
  -H, --host HOST         Host for watch (default 127.0.0.1)
      --theme-dir DIR     Use the theme in DIR (instead of finding theme: NAME)
      --no-cache          Do not read or write .tryck-cache/
  -q, --quiet             Print only errors
  -h, --help              Show this help
  -v, --version           Show the version`;

export class UsageError extends Error {
  override name = 'UsageError';
}

export function parseArguments(argv: string[]): CommandLine {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        source: { type: 'string', short: 's' },
        destination: { type: 'string', short: 'd' },
        config: { type: 'string' },
        baseurl: { type: 'string', short: 'b' },
        safe: { type: 'boolean' },
        drafts: { type: 'boolean', short: 'D' },
        future: { type: 'boolean' },
        unpublished: { type: 'boolean' },
        strict: { type: 'boolean' },
        port: { type: 'string', short: 'P' },
        host: { type: 'string', short: 'H' },
        'no-cache': { type: 'boolean' },
        'theme-dir': { type: 'string' },
        posts: { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [first, ...rest] = positionals;
  let command: CommandName = 'help';
  if (values.version) command = 'version';
  else if (values.help) command = 'help';
  else if (first === undefined) command = 'help';
  else if (['build', 'b'].includes(first)) command = 'build';
  else if (['watch', 'serve', 's', 'server'].includes(first)) command = 'watch';
  else if (first === 'new') command = 'new';
  else if (first === 'bench') command = 'bench';
  else throw new UsageError(`Unknown command '${first}'.`);

  const port = values.port === undefined ? 4000 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not '${values.port}'.`);
  const posts = values.posts?.split(',').map((n) => Number(n.trim()));
  if (posts?.some((n) => !Number.isInteger(n) || n < 1)) throw new UsageError(`--posts takes whole numbers, e.g. --posts 1000,4000.`);
  return {
    command,
    positionals: rest,
    source: values.source ?? '.',
    sourceGiven: values.source !== undefined,
    destination: values.destination,
    configFiles: values.config?.split(',').map((name) => name.trim()),
    baseurl: values.baseurl,
    drafts: values.drafts ?? false,
    future: values.future ?? false,
    unpublished: values.unpublished ?? false,
    strict: values.strict ?? false,
    port,
    host: values.host ?? '127.0.0.1',
    cache: !values['no-cache'],
    posts,
    quiet: values.quiet ?? false,
    ...(values['theme-dir'] !== undefined ? { themeDir: values['theme-dir'] } : {}),
  };
}
