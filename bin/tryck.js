#!/usr/bin/env node
// The `tryck` command. It runs dist/, a bundle of the TypeScript sources that ensure-bundle.js
// rebuilds whenever a source is newer, with V8's code cache (load-bundle.js); if the bundle cannot
// be made, tsx runs the sources directly.
import path from 'node:path';
import v8 from 'node:v8';
import { fileURLToPath } from 'node:url';
import { ensureBundle } from './ensure-bundle.js';
import { loadBundle } from './load-bundle.js';

// V8 lets a heap grow to four times what survived its last full collection when, as here, its limit
// is 4 GB. A build keeps about 100 MB live while it makes garbage fast, so its main heap swelled to
// 260 MB. Growing by 1.3 times keeps it under 190 MB, for about 0.2 s more of full collections in a
// 20 s build of 4000 posts (GC traces); the flag applies to every thread. Not for `tryck watch`: it
// keeps a whole site live between saves, and collecting that more often put collections in the way of
// saves (4000 posts, 8 saves each: median 65 ms from save to page instead of 50). Whoever sets the
// flag for node themselves keeps their own.
const command = process.argv[2];
if (command !== 'watch' && !`${process.env.NODE_OPTIONS ?? ''} ${process.execArgv.join(' ')}`.includes('heap-growing-percent')) {
  v8.setFlagsFromString('--heap-growing-percent=30');
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = process.env.TRYCK_FROM_SOURCE ? undefined : await ensureBundle(root);
let main;
if (bundle) {
  ({ main } = loadBundle(bundle, /^[a-z]+$/.test(command ?? '') ? command : 'other'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
