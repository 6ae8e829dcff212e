#!/usr/bin/env bash
# Regenerates the Rouge goldens: for every test/fixtures/rouge/<language>/<case>.txt, writes
# <case>.html, the HTML Rouge 3.30 (Debian's ruby-rouge, the version Jekyll 4.3.1 uses) makes of it
# with the lexer named <language>. Takes an optional list of language folders.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="$root/test/fixtures/rouge"
version="$(ruby -e 'require "rouge"; print Rouge.version')"
[[ "$version" == "3.30.0" ]] || { echo "error: goldens are made with rouge 3.30.0, found: $version" >&2; exit 1; }
if [[ $# -gt 0 ]]; then languages=("$@"); else languages=(); for d in "$dir"/*/; do languages+=("$(basename "$d")"); done; fi
for language in "${languages[@]}"; do
  for input in "$dir/$language"/*.txt; do
    ruby -e 'require "rouge"; lexer = Rouge::Lexer.find(ARGV[0]) or abort("no lexer #{ARGV[0]}");
             print Rouge::Formatters::HTML.new.format(lexer.lex(File.read(ARGV[1], encoding: "utf-8")))' \
      "$language" "$input" > "${input%.txt}.html"
  done
  echo "$language: $(ls "$dir/$language"/*.txt | wc -l) cases"
done
