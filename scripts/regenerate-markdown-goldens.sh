#!/usr/bin/env bash
# Regenerates test/fixtures/markdown/<case>/jekyll.html with the real Jekyll 4.3.1 + kramdown 2.4.0
# (+ kramdown-parser-gfm 1.1.0, rouge), so the Markdown tests compare against the oracle without Ruby.
#
# Every case becomes a page with `layout: null` and `render_with_liquid: false` in one throwaway
# site, so the output is exactly the converted Markdown body. Cases with a `kramdown.yml` (the
# `kramdown:` hash of _config.yml, indented as it would be there) need their own site, because
# Jekyll's kramdown options are site-wide; each of those is built separately.
#
# Usage: scripts/regenerate-markdown-goldens.sh [case ...]   (default: all cases)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fixtures="$root/test/fixtures/markdown"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [ "$#" -gt 0 ]; then cases=("$@"); else
  cases=()
  for dir in "$fixtures"/*/; do [ -f "$dir/input.md" ] && cases+=("$(basename "$dir")"); done
fi

# add_page <site> <case>: copies the case's input as a page of the site.
add_page() {
  { printf -- '---\nlayout: null\nrender_with_liquid: false\n---\n'; cat "$fixtures/$2/input.md"; } > "$1/$2.md"
}

# build <site>: runs Jekyll once, quietly, without the site's own defaults leaking in.
build() {
  (cd "$1" && jekyll build --quiet --source . --destination _site >/dev/null)
}

default_site="$work/default"
mkdir -p "$default_site"
printf 'title: markdown goldens\nmarkdown: kramdown\n' > "$default_site/_config.yml"
own_sites=()
for name in "${cases[@]}"; do
  if [ -f "$fixtures/$name/kramdown.yml" ]; then
    site="$work/own-$name"
    mkdir -p "$site"
    { printf 'markdown: kramdown\nkramdown:\n'; sed 's/^/  /' "$fixtures/$name/kramdown.yml"; } > "$site/_config.yml"
    add_page "$site" "$name"
    own_sites+=("$name")
  else
    add_page "$default_site" "$name"
  fi
done

build "$default_site"
for name in "${own_sites[@]+"${own_sites[@]}"}"; do build "$work/own-$name"; done

for name in "${cases[@]}"; do
  if [ -f "$fixtures/$name/kramdown.yml" ]; then out="$work/own-$name/_site/$name.html"; else out="$default_site/_site/$name.html"; fi
  cp "$out" "$fixtures/$name/jekyll.html"
done
echo "regenerated ${#cases[@]} golden(s) in $fixtures"
