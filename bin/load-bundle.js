/**
 * Runs the CommonJS bundle in dist/ with V8's code cache: the bytecode V8 compiled for the bundle's
 * functions in an earlier run is read back instead of compiled again. Node 22 does this for any
 * module (module.enableCompileCache); Node 20 offers it only to a vm.Script, which is why the CLI
 * is bundled as CommonJS. Measured on `tryck --version`: 0.19 s as an ES module bundle, 0.12 s with
 * the cache.
 *
 * A cache is kept per variant (the command run: `build` compiles other functions than `watch`, and
 * runs V8 with another flag, which makes V8 reject a cache made without it). V8 checks a cache
 * against the flags and the length of the source only, so its file is named by the bundle's
 * identity too: a rebuilt bundle never meets an old cache. A cache that is missing or rejected is
 * written when the process exits, with what it compiled by then, unless the run left V8's flags
 * changed (a large build limits heap growth, and sets it back as it exits): V8 would then reject it
 * in every run that loads it.
 *
 * V8 drops the bytecode of functions that have not run for a few full collections, and a cache made
 * at exit holds only the functions that still have theirs. A cold build collects often, so the
 * bundle's module bodies, which run once at start, were gone from the cache it made, and every later
 * run compiled them again: 58 ms to run the bundle's top level instead of 18 ms (4000 posts, cache
 * made by a cold build against one made by an edited build), 30 ms of each edited build (medians of
 * 10 alternated runs: 0.605 s, 0.575 s with this). So bytecode is kept for the whole run, in every
 * run, as V8 checks a cache against the flags it was made under.
 */
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';

export const CODE_CACHE_SUFFIX = '.v8cache';

export function loadBundle(file, variant) {
  v8.setFlagsFromString('--no-flush-bytecode');
  // Each function goes straight to Sparkplug's baseline code, not through the interpreter first: a
  // build runs most of its code a few times only, and a new function is compiled to baseline code
  // about as fast as it is interpreted once. Medians of alternated runs at 4000 posts: an edited
  // build 0.545 s -> 0.53 s (14 each), a cold build 10.8 s -> 10.4 s (6 each), peak RSS the same.
  v8.setFlagsFromString('--always-sparkplug');
  const { size, mtimeMs, ino } = statSync(file);
  const cacheFile = `${file}.${variant}-${size}-${Math.trunc(mtimeMs)}-${ino}${CODE_CACHE_SUFFIX}`;
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // No cache yet: this run makes one.
  }
  const script = new vm.Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
  if (cachedData === undefined || script.cachedDataRejected) {
    const flags = v8.cachedDataVersionTag();
    process.once('exit', () => {
      if (v8.cachedDataVersionTag() !== flags) return;
      try {
        const temporary = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(temporary, script.createCachedData());
        renameSync(temporary, cacheFile);
      } catch {
        // A read-only dist/ just means no cache.
      }
    });
  }
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, path.dirname(file));
  return module.exports;
}
