/**
 * Keeps dist/ — an esbuild bundle of the TypeScript sources — current: rebuilt whenever a source
 * file is newer than it, so `tryck` starts fast without a compile step anyone has to remember.
 * Returns the bundle's path, or undefined when it cannot be made (then tsx runs the sources).
 */
import { existsSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { dependencyPatchesPlugin } from './dependency-patches.js';
import { sourceDigests } from './source-digests.js';
import { CODE_CACHE_SUFFIX } from './load-bundle.js';

/**
 * How the sources are bundled, given entry points and an output folder (tests bundle parts the same
 * way). The CLI is CommonJS, which Node 20 can run with V8's code cache (load-bundle.js); the worker
 * stays an ES module, which a Worker runs as it is.
 */
export function bundleSettings(root, entryPoints, outdir, format = 'esm') {
  const commonjs = format === 'cjs';
  // The digests the caches' fingerprints are made of, as the sources stand now (source-digests.js).
  const digests = { __TRYCK_SOURCE_DIGESTS__: JSON.stringify(sourceDigests(root)) };
  return {
    absWorkingDir: root,
    entryPoints,
    outdir,
    outExtension: { '.js': commonjs ? '.cjs' : '.mjs' },
    bundle: true,
    platform: 'node',
    format,
    target: 'node20',
    // Dependencies go into the bundle too: resolving and loading some 200 files of node_modules took
    // 0.25 s of every run. Only the build tools themselves stay outside, and dart-sass (5 MB), which
    // only a site with stylesheets to compile loads (src/sass/load-sass.ts).
    external: ['esbuild', 'tsx', 'sass'],
    // A package's ES module build where it has one (liquidjs): bundled from CommonJS, every use of
    // an import went through a getter, 0.2 s of a 4000-post build in liquidjs's hot paths alone.
    mainFields: ['module', 'main'],
    // An ES module bundle needs `require` for the CommonJS dependencies that
    // require Node's built-ins; a CommonJS one needs `import.meta.url`, which finds the package root.
    ...(commonjs
      ? { banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" }, define: { 'import.meta.url': '__importMetaUrl', ...digests } }
      : { banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" }, define: digests }),
    // Speed patches to dependencies; see dependency-patches.js.
    plugins: [dependencyPatchesPlugin()],
    logLevel: 'silent',
  };
}

export async function ensureBundle(root) {
  const dist = path.join(root, 'dist');
  const cli = path.join(dist, 'cli.cjs');
  try {
    if (existsSync(cli) && statSync(cli).mtimeMs >= newestSource(root)) return cli;
    const { build } = await import('esbuild');
    const staging = mkdtempSync(path.join(root, '.dist-'));
    try {
      await build({ ...bundleSettings(root, { 'build-worker': 'src/workers/build-worker.ts' }, staging), sourcemap: 'linked' });
      await build({ ...bundleSettings(root, { cli: 'src/cli/main.ts' }, staging, 'cjs'), sourcemap: 'linked' });
      if (!existsSync(dist)) mkdirSafe(dist);
      // The old bundle's code caches go; they are named by its identity, so none could be used anyway.
      // So does the CLI bundle of earlier versions, an ES module.
      for (const name of readdirSync(dist)) {
        if (name.endsWith(CODE_CACHE_SUFFIX) || name.startsWith('cli.mjs')) rmSync(path.join(dist, name), { force: true });
      }
      // The worker first and the CLI last: the CLI's mtime is what marks the bundle current.
      for (const name of ['build-worker.mjs', 'build-worker.mjs.map', 'cli.cjs.map', 'cli.cjs']) {
        renameSync(path.join(staging, name), path.join(dist, name));
      }
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
    return cli;
  } catch {
    return undefined;
  }
}

function mkdirSafe(dir) {
  try {
    readdirSync(dir);
  } catch {
    // Created by another tryck at the same moment is fine too.
    try {
      renameSync(mkdtempSync(`${dir}-`), dir);
    } catch {}
  }
}

function newestSource(root) {
  let newest = statSync(path.join(root, 'package.json')).mtimeMs;
  // The bundle holds the dependencies: an install that changed them (npm records it here) remakes it,
  // as does a change to how it is made.
  for (const lock of ['package-lock.json', 'node_modules/.package-lock.json', 'bin/ensure-bundle.js', 'bin/dependency-patches.js', 'bin/load-bundle.js']) {
    if (existsSync(path.join(root, lock))) newest = Math.max(newest, statSync(path.join(root, lock)).mtimeMs);
  }
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  visit(path.join(root, 'src'));
  return newest;
}
