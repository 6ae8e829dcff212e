#!/usr/bin/env node
// The `tryck` command. It runs dist/, a bundle of the TypeScript sources that ensure-bundle.js
// rebuilds whenever a source is newer, with V8's code cache (load-bundle.js); if the bundle cannot
// be made, tsx runs the sources directly.
import path from 'node:path';
import v8 from 'node:v8';
import { fileURLToPath } from 'node:url';
import { ensureBundle } from './ensure-bundle.js';
import { loadBundle } from './load-bundle.js';

const command = process.argv[2];

// `tryck watch` lets V8's heaps grow by 1.5 times what survived a full collection, not by up to four
// times. It keeps a whole site live between saves (375 MB of heap at 4000 posts) and each rebuild
// leaves the last site's plan behind: with V8's own growth the heap grew past 1.4 GB before it was
// collected when saves came less than 2 s apart. Peak RSS over 8 saves at 4000 posts: 1.51-1.97 GB
// with V8's growth, 0.82-0.84 GB with 1.5 times, 0.97-1.05 GB with twice; median time from save to
// page 30, 36 and 34 ms; 1.3 times (a large build's, src/cli/heap-growth.ts) put collections in the
// way of saves (median 65 ms). Set before the bundle loads, so that its code cache is made and used
// under the same flags. Whoever sets the flag for node keeps their own.
if (command === 'watch' && !`${process.env.NODE_OPTIONS ?? ''} ${process.execArgv.join(' ')}`.includes('heap-growing-percent')) {
  v8.setFlagsFromString('--heap-growing-percent=50');
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
