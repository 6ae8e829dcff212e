/**
 * The three builders the benchmark runs on the same corpus, each as a child process: tryck (this
 * repository's `bin/tryck.js`), Jekyll (the `jekyll` command, when on PATH) and Eleventy 3 (the
 * devDependency's own `cmd.cjs`, run by node directly so npx's start-up is not counted against it).
 */
import { packageRoot } from '../package-root.ts';
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ELEVENTY_CONFIG_FILE } from './eleventy-config.ts';
import type { ProcessSpec } from './measure-process.ts';

export type ToolName = 'tryck' | 'jekyll' | 'eleventy';

export interface Tool {
  name: ToolName;
  label: string;
  /** Undefined when the tool can run here, else why not. */
  unavailable(): string | undefined;
  build(corpus: string, output: string): ProcessSpec;
  /** Removes the output and any build cache, for a cold build. */
  clean(corpus: string, output: string): void;
}

export const REPO_ROOT = packageRoot();
const TRYCK_BIN = path.join(REPO_ROOT, 'bin/tryck.js');
const ELEVENTY_BIN = path.join(REPO_ROOT, 'node_modules/@11ty/eleventy/cmd.cjs');

function removeAll(...dirs: string[]): void {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}

export const tryck: Tool = {
  name: 'tryck',
  label: 'tryck',
  unavailable: () => (existsSync(TRYCK_BIN) ? undefined : `${TRYCK_BIN} is missing`),
  build: (corpus, output) => ({ command: process.execPath, args: [TRYCK_BIN, 'build', '-s', corpus, '-d', output, '-q'] }),
  clean: (corpus, output) => removeAll(output, path.join(corpus, '.tryck-cache')),
};

export const jekyll: Tool = {
  name: 'jekyll',
  label: 'Jekyll',
  unavailable: () => {
    const probe = spawnSync('jekyll', ['--version'], { encoding: 'utf8' });
    return probe.error || probe.status !== 0 ? 'the `jekyll` command is not on PATH' : undefined;
  },
  build: (corpus, output) => ({ command: 'jekyll', args: ['build', '-s', corpus, '-d', output, '-q'] }),
  clean: (corpus, output) => removeAll(output, path.join(corpus, '.jekyll-cache')),
};

export const eleventy: Tool = {
  name: 'eleventy',
  label: 'Eleventy',
  unavailable: () => (existsSync(ELEVENTY_BIN) ? undefined : '@11ty/eleventy is not installed (npm install)'),
  build: (corpus, output) => ({
    command: process.execPath,
    args: [ELEVENTY_BIN, '--input=.', `--output=${output}`, `--config=${ELEVENTY_CONFIG_FILE}`, '--quiet'],
    cwd: corpus,
  }),
  clean: (corpus, output) => removeAll(output, path.join(corpus, '.cache')),
};

export const ALL_TOOLS: Tool[] = [tryck, jekyll, eleventy];

export function toolVersion(tool: Tool): string | undefined {
  if (tool.name === 'jekyll') return /jekyll (\S+)/.exec(spawnSync('jekyll', ['--version'], { encoding: 'utf8' }).stdout ?? '')?.[1];
  return undefined;
}
