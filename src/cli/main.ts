/**
 * The `tryck` command: parses the command line, runs a command, prints errors, returns the exit code.
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { build } from '../build.ts';
import { packageRoot } from '../package-root.ts';
import { formatError } from '../errors.ts';
import { limitHeapGrowth } from './heap-growth.ts';
import { createNewPost } from './new-post.ts';
import { parseArguments, USAGE, UsageError, type CommandLine } from './parse-arguments.ts';

export async function main(argv: string[]): Promise<number> {
  let args: CommandLine;
  try {
    args = parseArguments(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`tryck: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }
  try {
    switch (args.command) {
      case 'help':
        process.stdout.write(`${USAGE}\n`);
        return 0;
      case 'version':
        process.stdout.write(`tryck ${packageVersion()}\n`);
        return 0;
      case 'build':
        return await runBuild(args);
      case 'new': {
        const title = args.positionals.join(' ');
        const file = createNewPost({ source: path.resolve(args.source), title });
        process.stdout.write(`Created ${path.relative(process.cwd(), file)}\n`);
        return 0;
      }
      case 'watch': {
        const { runWatch } = await import('../serve/run-watch.ts');
        return await runWatch(args);
      }
      case 'bench': {
        const { runBench } = await import('../bench/run-bench.ts');
        return await runBench(args);
      }
    }
    return 2;
  } catch (error) {
    process.stderr.write(`tryck: ${formatError(error)}\n`);
    if (process.env.TRYCK_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    return 1;
  }
}

async function runBuild(args: CommandLine): Promise<number> {
  // On a terminal, one line that says what the build is doing, replaced as it goes and then cleared.
  const progress =
    process.stderr.isTTY && !args.quiet
      ? (step: string | undefined): void => {
          process.stderr.write(step ? `\r\x1b[K${step}…` : '\r\x1b[K');
        }
      : undefined;
  const summary = await build({
    source: path.resolve(args.source),
    destination: args.destination ? path.resolve(args.destination) : undefined,
    // As Jekyll: paths in the configuration and the default _site are taken from the working directory.
    workingDirectory: process.cwd(),
    sourceFromConfig: !args.sourceGiven,
    configFiles: args.configFiles,
    baseurl: args.baseurl,
    drafts: args.drafts,
    future: args.future,
    unpublished: args.unpublished,
    strict: args.strict,
    cache: args.cache,
    themeDir: args.themeDir && path.resolve(args.themeDir),
    onWarning: (message) => process.stderr.write(`warning: ${message}\n`),
    onProgress: progress,
    onManyPages: () => limitHeapGrowth(),
  }).finally(() => progress?.(undefined));
  if (!args.quiet) {
    const where = path.relative(process.cwd(), summary.destination) || '.';
    process.stdout.write(
      `Built ${where}: ${summary.pages} pages, ${summary.posts} posts, ${summary.staticFiles} static files in ${Math.round(summary.milliseconds)} ms` +
        (summary.pageCache ? `, ${summary.pageCache.reused} pages reused, ${summary.pageCache.rendered} rendered` : '') +
        (summary.cache ? `, Markdown cache: ${summary.cache.hits} hits, ${summary.cache.misses} misses` : ', no cache') +
        '\n',
    );
  }
  return 0;
}

function packageVersion(): string {
  const file = path.join(packageRoot(), 'package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}
