#!/usr/bin/env bash
# Renders every ```mermaid block in README.md and docs/*.md with @mermaid-js/mermaid-cli and Debian's Chromium.
# Fails (exit 1) on any render error; prints how many diagrams rendered.
# Usage: docs/tools/check-mermaid.sh            (from anywhere in the repo; installs its own tools when missing)
#        KEEP_SVG=dir docs/tools/check-mermaid.sh   (keeps the rendered SVGs in dir)
set -euo pipefail
tools="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$tools/../.." && pwd)"
cd "$repo"

if [[ ! -x /usr/bin/chromium ]]; then
  echo "check-mermaid: installing Debian's chromium" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
if [[ ! -x "$tools/node_modules/.bin/mmdc" ]]; then
  echo "check-mermaid: npm ci in docs/tools (no browser download)" >&2
  (cd "$tools" && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >&2)
fi
export PUPPETEER_SKIP_DOWNLOAD=1

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
out="${KEEP_SVG:-$work/svg}"
mkdir -p "$out"

files=()
[[ -f README.md ]] && files+=(README.md)
for f in docs/*.md; do [[ -f "$f" ]] && files+=("$f"); done

# Extract each block to its own .mmd file, named after its source file and opening line.
for f in "${files[@]}"; do
  awk -v dir="$work" -v src="$f" '
    BEGIN { key = src; gsub(/[\/.]/, "_", key); inb = 0 }
    /^[ \t]*```mermaid[ \t]*$/ {
      inb = 1; start = NR; name = dir "/" key "__L" NR ".mmd"; printf "" > name
      print key "__L" NR "\t" src ":" NR >> (dir "/index.tsv"); next }
    inb && /^[ \t]*```[ \t]*$/ { inb = 0; close(name); next }
    inb { print > name }
    END { if (inb) { print "unterminated mermaid block opened at line " start > "/dev/stderr"; exit 3 } }
  ' "$f" || { echo "FAIL $f: unterminated mermaid block" >&2; exit 1; }
done

shopt -s nullglob
mapfile -t blocks < <(printf '%s\n' "$work"/*.mmd | sort -V)
[[ ${#blocks[@]} -eq 1 && ! -f ${blocks[0]} ]] && blocks=()
rendered=0; failed=0
for b in "${blocks[@]}"; do
  base="$(basename "$b" .mmd)"
  where="$(awk -F'\t' -v k="$base" '$1 == k { print $2 }' "$work/index.tsv")"
  if "$tools/node_modules/.bin/mmdc" -q -p "$tools/puppeteer-config.json" -i "$b" -o "$out/$base.svg" >"$work/$base.log" 2>&1 \
      && [[ -s "$out/$base.svg" ]] && ! grep -q 'Syntax error' "$out/$base.svg"; then
    rendered=$((rendered + 1))
    echo "ok   ${where}"
  else
    failed=$((failed + 1))
    echo "FAIL ${where}"
    sed 's/^/     /' "$work/$base.log" | head -20
  fi
done
echo "mermaid: ${rendered} rendered, ${failed} failed (of ${#blocks[@]} blocks in ${#files[@]} files)"
[[ $failed -eq 0 ]]
