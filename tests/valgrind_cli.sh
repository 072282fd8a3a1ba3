#!/bin/sh
# Runs `nianbao export`, `check` and `summary` under valgrind on every sample,
# every saved page of tests/layouts/html, the seams' fuzz seeds (PDFs and
# pages, some broken) and, when ../shared is there, every corpus file and
# PDF. Fails on any valgrind
# error or leak (valgrind exits 99 then); check's own 0/1 is fine.
set -u
: "${NB_BIN:?}" "${NB_SRCDIR:?}" "${VALGRIND:?}" "${NB_BUILDDIR:?}"
files=$(ls "$NB_SRCDIR"/samples/*.txt "$NB_SRCDIR"/tests/layouts/html/*.html \
  "$NB_SRCDIR"/tests/fuzz/corpus/source/* 2>/dev/null)
if [ -d "${NB_SHARED:-/nonexistent}/corpus" ]; then
  files="$files $(ls "$NB_SHARED"/corpus/*.txt "$NB_SHARED"/pdf/*.pdf 2>/dev/null)"
else
  echo "SKIPPED: corpus not found at ${NB_SHARED:-?}/corpus; checking the samples only"
fi
n=0 bad=0
for f in $files; do
  for cmd in export check; do
    $VALGRIND "$NB_BIN" $cmd "$f" > /dev/null 2> /tmp/nb-vg.$$
    rc=$?
    n=$((n + 1))
    if [ $rc -eq 99 ] || [ $rc -gt 2 ]; then
      bad=$((bad + 1)); echo "valgrind: $cmd $f (exit $rc)"; cat /tmp/nb-vg.$$
    fi
  done
done
# the record of a signed review of the inconsistent sample
vgdir=$(mktemp -d "${TMPDIR:-/tmp}/nb-vg-record.XXXXXX")
cp "$NB_SRCDIR/samples/yunxiu-2023-inconsistent.txt" "$vgdir/r.txt"
(cd "$vgdir" && "$NB_BUILDDIR/tests/review_driver" sign r.txt >/dev/null 2>&1)
$VALGRIND "$NB_BIN" record "$vgdir/r.txt.review.yaml" -o "$vgdir/r.html" 2> /tmp/nb-vg.$$
rc=$?
n=$((n + 1))
if [ $rc -ne 0 ] || [ ! -s "$vgdir/r.html" ]; then
  bad=$((bad + 1)); echo "valgrind: record (exit $rc)"; cat /tmp/nb-vg.$$
fi
rm -rf "$vgdir"
# summary over all of them at once, in every format and by agency, on
# the pool's threads
for args in "-f table" "-f csv" "-f yaml" "--by agency"; do
  # shellcheck disable=SC2086
  $VALGRIND "$NB_BIN" summary $args $files > /dev/null 2> /tmp/nb-vg.$$
  rc=$?
  n=$((n + 1))
  if [ $rc -eq 99 ] || [ $rc -gt 2 ]; then
    bad=$((bad + 1)); echo "valgrind: summary $args (exit $rc)"; cat /tmp/nb-vg.$$
  fi
done
rm -f /tmp/nb-vg.$$
echo "$((n - bad)) passed, $bad failed"
[ $bad -eq 0 ]
