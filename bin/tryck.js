#!/usr/bin/env node
// The `tryck` command. It runs dist/, a bundle of the TypeScript sources that ensure-bundle.js
// rebuilds whenever a source is newer, with V8's code cache (load-bundle.js); if the bundle cannot
// be made, tsx runs the sources directly.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBundle } from './ensure-bundle.js';
import { loadBundle } from './load-bundle.js';

const command = process.argv[2];
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
