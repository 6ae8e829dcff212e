#!/usr/bin/env node
// The `tryck` command. It runs dist/, a bundle of the TypeScript sources that ensure-bundle.js
// rebuilds whenever a source is newer; if that cannot be made, tsx runs the sources directly.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBundle } from './ensure-bundle.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = process.env.TRYCK_FROM_SOURCE ? undefined : await ensureBundle(root);
let main;
if (bundle) {
  ({ main } = await import(bundle));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
