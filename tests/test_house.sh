#!/bin/sh
# The house rules HACKING.md states, kept by a test rather than by memory:
#  - no function in src/ over 80 lines (from the line that names it to its
#    closing brace; tables of data, whose first line holds "=", are not
#    functions);
#  - no file in src/ over 1,000 lines;
#  - the folders of src/ depend on each other one way: from the symbols
#    each object file defines and uses (nm), no folder uses a folder that
#    uses it back, directly or round a longer circle.
# The last part needs the built objects; without them it says so and skips.
set -u
: "${NB_SRCDIR:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${NB_BUILDDIR:=.}"
MAX_FUNCTION_LINES=80
MAX_FILE_LINES=1000

failed=0
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }

tmp=${TMPDIR:-/tmp}/nb-house.$$
mkdir -p "$tmp" || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM

find "$NB_SRCDIR/src" -name '*.c' | sort > "$tmp/files"
[ -s "$tmp/files" ] || { echo "FAIL: no sources under $NB_SRCDIR/src"; exit 1; }

# ---- function and file lengths ---------------------------------------------
# Braces are counted outside comments, strings and character literals. A
# function starts at the last line at depth 0 that opens with a name (its
# signature may run over several lines) and ends where the depth is 0 again.
while read -r f; do
  awk -v max="$MAX_FUNCTION_LINES" -v file="${f#"$NB_SRCDIR"/}" '
    function strip(s,    out, i, c, n) {
      out = ""; n = length(s)
      for (i = 1; i <= n; i++) {
        c = substr(s, i, 1)
        if (incomment) {
          if (c == "*" && substr(s, i + 1, 1) == "/") { incomment = 0; i++ }
          continue
        }
        if (c == "/" && substr(s, i + 1, 1) == "*") { incomment = 1; i++; continue }
        if (c == "/" && substr(s, i + 1, 1) == "/") break
        if (c == "\"" || c == "\047") {
          q = c
          for (i++; i <= n; i++) {
            c = substr(s, i, 1)
            if (c == "\\") { i++; continue }
            if (c == q) break
          }
          continue
        }
        out = out c
      }
      return out
    }
    {
      code = strip($0)
      if (depth == 0 && code ~ /^[A-Za-z_]/ && code !~ /^#/) head = NR
      opens = gsub(/\{/, "{", code); closes = gsub(/\}/, "}", code)
      if (depth == 0 && opens > closes) { start = head; header = $0; table = (code ~ /=/ || first_has_eq(start)) }
      depth += opens - closes
      if (depth == 0 && start) {
        if (!table && NR - start + 1 > max)
          printf "FAIL: %s:%d: a function of %d lines (at most %d)\n", file, start, NR - start + 1, max
        start = 0
      }
      lines[NR] = code
    }
    function first_has_eq(n) { return lines[n] ~ /=/ }
  ' "$f" >> "$tmp/long"
  n=$(wc -l < "$f")
  [ "$n" -le "$MAX_FILE_LINES" ] || bad "${f#"$NB_SRCDIR"/}: $n lines (at most $MAX_FILE_LINES)"
done < "$tmp/files"
if [ -s "$tmp/long" ]; then
  cat "$tmp/long"
  failed=$((failed + $(wc -l < "$tmp/long")))
fi

# ---- folders depend one way ---------------------------------------------------
objects=$(find "$NB_BUILDDIR/src" -name '*.o' 2>/dev/null | sort)
if [ -z "$objects" ] || ! command -v nm > /dev/null 2>&1; then
  echo "SKIP: no object files under $NB_BUILDDIR/src (or no nm): folder dependencies not checked"
else
  for o in $objects; do
    folder=$(basename "$(dirname "$o")")
    nm "$o" 2>/dev/null | awk -v d="$folder" '$2 ~ /^[TDBR]$/ { print "def", d, $3 } $1 == "U" { print "use", d, $2 }'
  done > "$tmp/symbols"
  # folder edges: a folder using a symbol another folder defines
  awk '$1 == "def" { owner[$3] = $2 } $1 == "use" { uses[NR] = $2 " " $3 }
       END { for (k in uses) { split(uses[k], p, " "); if ((p[2] in owner) && owner[p[2]] != p[1]) print p[1], owner[p[2]] } }' \
    "$tmp/symbols" | sort -u > "$tmp/edges"
  # a circle exists when some folder reaches itself
  awk '{ e[$1] = e[$1] " " $2; nodes[$1]; nodes[$2] }
       END {
         for (s in nodes) {
           delete seen; n = 0; stack[++n] = s; found = 0
           while (n > 0 && !found) {
             v = stack[n--]; k = split(e[v], next_, " ")
             for (i = 1; i <= k; i++) {
               w = next_[i]
               if (w == s) { print "FAIL: src/" s " depends on itself through other folders"; found = 1; break }
               if (!(w in seen)) { seen[w]; stack[++n] = w }
             }
           }
         }
       }' "$tmp/edges" > "$tmp/circles"
  if [ -s "$tmp/circles" ]; then
    cat "$tmp/circles"
    echo "folder dependencies:"
    sed 's/^/  /' "$tmp/edges"
    failed=$((failed + $(wc -l < "$tmp/circles")))
  fi
fi

if [ "$failed" -gt 0 ]; then
  echo "$failed of the house rules broken (see HACKING.md)"
  exit 1
fi
echo "house rules hold: functions <= $MAX_FUNCTION_LINES lines, files <= $MAX_FILE_LINES lines, folders one way"
exit 0
