#!/usr/bin/env bash
# Regenerates test/fixtures/filters/jekyll.txt: the output of test/fixtures/filters/cases.liquid
# rendered by the real Jekyll 4.3.1 + Liquid 5.4.0, so the filter tests compare against the oracle
# without needing Ruby.
#
# The throwaway site has one page, `cases.txt`, whose front matter is page.yml and whose body is
# cases.liquid; data.yml becomes _data/fx.yml (site.data.fx). The site runs with
# `timezone: Europe/Stockholm` while the process runs with TZ=UTC, so a golden that depends on the
# machine's zone instead of the site's would show up as a diff.
#
# Usage: scripts/regenerate-filter-goldens.sh
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fixtures="$root/test/fixtures/filters"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/_data"
cat > "$work/_config.yml" <<'YAML'
title: filter goldens
url: "https://example.org"
baseurl: "/blogg"
timezone: Europe/Stockholm
markdown: kramdown
YAML
cp "$fixtures/data.yml" "$work/_data/fx.yml"
{ printf -- '---\n'; cat "$fixtures/page.yml"; printf -- '---\n'; cat "$fixtures/cases.liquid"; } > "$work/cases.txt"

(cd "$work" && TZ=UTC jekyll build --quiet --source . --destination _site >/dev/null)

cp "$work/_site/cases.txt" "$fixtures/jekyll.txt"
echo "regenerated $fixtures/jekyll.txt ($(grep -c '^@@ ' "$fixtures/jekyll.txt") cases)"
