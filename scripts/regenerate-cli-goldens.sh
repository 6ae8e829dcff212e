#!/usr/bin/env bash
# Regenerates the Jekyll goldens of test/cli/jekyll-command-line.test.ts: Jekyll 4.3.1 run in
# test/fixtures/cli/<case>/workdir with that case's command line (the `args` file, one per line),
# into test/fixtures/cli/<case>/jekyll. The test runs tryck with the same arguments from the same folder.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for dir in "$root"/test/fixtures/cli/*/; do
  name="$(basename "$dir")"
  if [[ $# -gt 0 && ! " $* " == *" $name "* ]]; then continue; fi
  mapfile -t args < "$dir/args"
  cp -a "$dir/workdir" "$tmp/$name"
  echo "==> $name: jekyll build ${args[*]}"
  (cd "$tmp/$name" && TZ=UTC JEKYLL_ENV=staging jekyll build --quiet --disable-disk-cache "${args[@]}")
  rm -rf "$dir/jekyll"
  mv "$tmp/$name/_site" "$dir/jekyll"
  rm -rf "$dir/jekyll/.jekyll-cache"
  echo "    $(find "$dir/jekyll" -type f | wc -l) files"
done
