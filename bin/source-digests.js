/**
 * The digest of every file the caches' fingerprints cover (codeFingerprint in
 * src/cache/persistent-cache.ts): the sources, the package manifest and the lock file, which pins the
 * dependencies that compute cached results (micromark, remark, liquidjs). The bundle carries them
 * (bundleSettings), so a build hashes no source file; run from the sources, persistent-cache.ts
 * reads the same files itself. A test checks that both give the same fingerprints.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Digests by path relative to the package root, with `/` separators. */
export function sourceDigests(root) {
  const digests = {};
  const add = (relative) => {
    digests[relative] = createHash('sha256').update(readFileSync(path.join(root, relative))).digest('base64url');
  };
  const visit = (relative) => {
    for (const entry of readdirSync(path.join(root, relative), { withFileTypes: true })) {
      const child = `${relative}/${entry.name}`;
      if (entry.isDirectory()) visit(child);
      else add(child);
    }
  };
  visit('src');
  for (const file of ['package.json', 'package-lock.json']) if (existsSync(path.join(root, file))) add(file);
  return digests;
}
