#!/bin/sh
# man/nianbao-review.5 documents the review file completely: groff formats
# it without a warning, and every key that the review-file writer (src/review/*.c)
# writes is described in it.
set -u
: "${NB_SRCDIR:=$(cd "$(dirname "$0")/.." && pwd)}"
page=$NB_SRCDIR/man/nianbao-review.5
src=$(ls "$NB_SRCDIR"/src/review/*.c)
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
test -f "$page" || { echo "FAIL: $page is missing"; exit 1; }
if command -v groff >/dev/null 2>&1; then
  warnings=$(groff -ww -man -Tutf8 "$page" 2>&1 >/dev/null)
  test -z "$warnings" || fail "groff warns: $warnings"
else
  echo "note: groff not installed, formatting not checked"
fi
# shellcheck disable=SC2086
keys=$(grep -ho 'word(&\{0,1\}e, "[a-z_0-9]*")' $src | sed 's/.*"\(.*\)")/\1/' | sort -u)
test -n "$keys" || fail "no keys found in src/review"
n=0
for k in $keys; do
  n=$((n + 1))
  grep -qw -- "$k" "$page" || fail "key '$k' written by the review file is not described in the man page"
done
if test $failures -eq 0; then
  echo "PASS: $n keys described, page formats cleanly"
  exit 0
fi
exit 1
