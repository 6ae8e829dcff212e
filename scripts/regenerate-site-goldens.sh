#!/usr/bin/env bash
# Regenerates the Jekyll goldens of the differential tests: for every
# test/fixtures/sites/<name>/source, builds it with real Jekyll into
# test/fixtures/sites/<name>/jekyll. Run from anywhere; takes an optional list of site names.
#
#   scripts/regenerate-site-goldens.sh              # all sites
#   scripts/regenerate-site-goldens.sh layouts      # one site
#
# Notes:
# - TZ=UTC on purpose: most sites set `timezone: Europe/Stockholm`, and that must win; a site
#   without one (timezone-default) is read in UTC, as the e2e test reads it.
# - JEKYLL_ENV=production, as for a real deploy (jekyll.environment).
# - The source is copied to a temporary directory and every file's mtime is set to
#   FIXED_MTIME first, because Jekyll exposes mtimes (static_file.modified_time, which
#   jekyll-sitemap prints as <lastmod>). test/e2e/jekyll-sites.test.ts does the same.
# - A fixture whose point is a warning has an EXPECTED-WARNINGS file beside its source that says which.
# - Jekyll's own build time (site.time) still leaks into outputs: the feed's top-level
#   <updated>. The e2e test normalises exactly that; see test/support/compare-sites.ts.
set -euo pipefail

FIXED_MTIME=1700000000 # 2023-11-14T22:13:20Z; keep in sync with test/e2e/jekyll-sites.test.ts

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sites_dir="$root/test/fixtures/sites"

command -v jekyll >/dev/null || { echo "error: jekyll is not on PATH" >&2; exit 1; }
version="$(cd / && jekyll --version)"
if [[ "$version" != "jekyll 4.3.1" ]]; then
  echo "error: goldens are made with jekyll 4.3.1, found: $version" >&2
  exit 1
fi

if [[ $# -gt 0 ]]; then
  names=("$@")
else
  names=()
  for dir in "$sites_dir"/*/source; do
    names+=("$(basename "$(dirname "$dir")")")
  done
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

failed=0
for name in "${names[@]}"; do
  src="$sites_dir/$name/source"
  dest="$sites_dir/$name/jekyll"
  if [[ ! -d "$src" ]]; then
    echo "error: no such fixture: $src" >&2
    failed=1
    continue
  fi
  work="$tmp/$name"
  cp -a "$src" "$work"
  find "$work" -exec touch -h -d "@$FIXED_MTIME" {} +
  rm -rf "$dest"
  echo "==> $name"
  # --quiet hides the progress lines, not warnings or errors; show those and fail on them
  # (an intended warning would be listed here — there are none).
  log="$tmp/$name.log"
  # A fixture's gem theme is a fake npm package with a gemspec (test/fixtures/sites/theme-gem): Jekyll
  # finds it as an installed gem through GEM_PATH ("…:" keeps the system's gems too).
  gems="$tmp/$name-gems"
  for spec in "$work"/node_modules/*/*.gemspec; do
    [[ -f "$spec" ]] || continue
    gem_name="$(basename "$spec" .gemspec)"
    gem_version="$(sed -n 's/.*\.version *= *"\([^"]*\)".*/\1/p' "$spec" | head -1)"
    mkdir -p "$gems/specifications" "$gems/gems"
    cp "$spec" "$gems/specifications/$gem_name-$gem_version.gemspec"
    ln -s "$(dirname "$spec")" "$gems/gems/$gem_name-$gem_version"
  done
  if ! (cd "$tmp" && GEM_PATH="${gems}:${GEM_PATH:-}" TZ=UTC JEKYLL_ENV=production jekyll build --quiet \
        --source "$work" --destination "$dest" --disable-disk-cache) >"$log" 2>&1; then
    cat "$log" >&2
    echo "error: jekyll build failed for $name" >&2
    failed=1
    continue
  fi
  if [[ -s "$log" ]]; then
    cat "$log" >&2
    # A fixture about warnings (Liquid read laxly) says so with an EXPECTED-WARNINGS file beside source.
    if [[ -f "$sites_dir/$name/EXPECTED-WARNINGS" ]]; then
      echo "    (warnings expected: $sites_dir/$name/EXPECTED-WARNINGS)"
    else
      echo "error: jekyll printed warnings for $name (see above)" >&2
      failed=1
    fi
  fi
  rm -rf "$work/.jekyll-cache" "$work/.sass-cache" "$dest/.jekyll-cache" "$dest/.sass-cache"
  rm -f "$dest/.jekyll-metadata"
  echo "    $(find "$dest" -type f | wc -l) files"
done

if [[ $failed -ne 0 ]]; then
  echo "FAILED" >&2
  exit 1
fi
