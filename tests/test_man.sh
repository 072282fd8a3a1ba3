#!/bin/sh
# man/nianbao.1 stays true to the program:
#  - groff formats it without a single warning (-ww), and `man -l` shows it;
#  - every rule id of src/check/*.c and *.h, every command and theme slot of
#    src/tui/tui.h and every long option of the usage texts (src/cmd/*.c,
#    src/tui/*.c) is described in it.
# Names are looked up as roff writes them: a hyphen is "\-".
set -u
: "${NB_SRCDIR:=$(cd "$(dirname "$0")/.." && pwd)}"
page=$NB_SRCDIR/man/nianbao.1

passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }

if [ ! -f "$page" ]; then
  echo "FAIL: $page is missing"
  exit 1
fi

tmp=${TMPDIR:-/tmp}/nb-man.$$
mkdir -p "$tmp" || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM

# the way roff spells a name: every "-" as "\-"
roff_name() { printf '%s\n' "$1" | sed 's/-/\\\\-/g'; }

described() { # KIND NAME
  pattern=$(roff_name "$2")
  if grep -q -- "$pattern" "$page"; then ok
  else bad "$1 '$2' is not described in man/nianbao.1"; fi
}

# --- rule ids
cat "$NB_SRCDIR"/src/check/*.c "$NB_SRCDIR"/src/check/*.h | grep -o '{"[a-z_]*\.[a-z_]*", NB_SEV' |
  sed 's/{"\([^"]*\)".*/\1/' > "$tmp/rules"
if [ -s "$tmp/rules" ]; then ok; else bad "no rule ids found in src/check"; fi
while read -r id; do described "rule" "$id"; done < "$tmp/rules"

# --- review-screen commands and theme slots (the X-macro lists of tui.h)
grep -o 'X([A-Z_0-9]*, "[a-z-]*"' "$NB_SRCDIR/src/tui/tui.h" | sed 's/.*"\(.*\)"/\1/' > "$tmp/names"
if [ "$(wc -l < "$tmp/names")" -ge 20 ]; then ok; else bad "commands and slots not found in src/tui/tui.h"; fi
while read -r name; do described "command or theme slot" "$name"; done < "$tmp/names"

# --- long options of every usage text
for f in "$NB_SRCDIR"/src/cmd/*.c "$NB_SRCDIR"/src/tui/*.c; do
  [ -f "$f" ] && grep -h '^ *_\{0,1\}(\{0,1\}"' "$f"
done | grep -o -- '--[a-z][a-z-]*' | sort -u > "$tmp/options"
if [ -s "$tmp/options" ]; then ok; else bad "no long options found in the usage texts"; fi
while read -r opt; do described "option" "$opt"; done < "$tmp/options"

# --- environment variables the program reads
find "$NB_SRCDIR/src" -name '*.c' -exec grep -ho 'getenv("[A-Z_]*")' {} + 2>/dev/null |
  sed 's/getenv("\(.*\)")/\1/' | grep -v '^NIANBAO_TEST_' | sort -u > "$tmp/env"
while read -r var; do described "environment variable" "$var"; done < "$tmp/env"

# --- groff and man read it cleanly
if command -v groff > /dev/null 2>&1; then
  groff -man -Tutf8 -ww -P-cbou "$page" > "$tmp/out" 2> "$tmp/warn"
  if [ -s "$tmp/warn" ]; then bad "groff warns:"; head -n 10 "$tmp/warn" | sed 's/^/    /'
  else ok; fi
  if grep -q 'CHECK RULES' "$tmp/out" && grep -q 'applications.balance' "$tmp/out"; then ok
  else bad "groff output lacks the CHECK RULES section"; fi
else
  echo "SKIPPED: groff not installed; the page was not formatted"
fi
if command -v man > /dev/null 2>&1; then
  if MANWIDTH=80 man -l "$page" 2> /dev/null | grep -q 'NIANBAO(1)'; then ok
  else bad "man -l man/nianbao.1 does not show the page"; fi
fi

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
