#!/bin/sh
# A fuzz campaign beyond CI's minute a harness: each harness in turn for
# SECONDS, over and over until ROUNDS rounds are done or the file STOP
# appears in the campaign folder. New inputs are kept in the folder, so
# a later campaign starts where this one ended; each run appends one line
# to ledger.txt there: time, commit, harness, exit code, seconds, runs.
# The runs of all campaigns are summed in tests/fuzz/CAMPAIGN.md.
#
# Build the harnesses first (as .ci/run does):
#   mkdir _fuzz && cd _fuzz && ../configure CC=clang \
#     CFLAGS='-g -O1 -fsanitize=fuzzer-no-link,address,undefined' --enable-fuzzing
#   make tests/fuzz/review_load_fuzzer tests/fuzz/recognize_fuzzer ... (all six)
# usage: tests/fuzz/campaign.sh BUILD_DIR CAMPAIGN_DIR SECONDS ROUNDS [HARNESS...]
# A crash stops the campaign and leaves CAMPAIGN_DIR/HARNESS-crash-*.
set -u
[ $# -ge 4 ] || { echo "usage: $0 BUILD_DIR CAMPAIGN_DIR SECONDS ROUNDS [HARNESS...]" >&2; exit 2; }
build=$(cd "$1" && pwd) || exit 2
mkdir -p "$2" && camp=$(cd "$2" && pwd) || exit 2
secs=$3 rounds=$4
shift 4
[ $# -gt 0 ] || set -- urlname text review_load recognize source roundtrip
srcdir=$(cd "$(dirname "$0")/../.." && pwd)
commit=$(git -C "$srcdir" rev-parse --short HEAD 2>/dev/null || echo unknown)
round=0
while [ "$round" -lt "$rounds" ] && [ ! -e "$camp/STOP" ]; do
  round=$((round + 1))
  for name in "$@"; do
    [ -e "$camp/STOP" ] && break
    mkdir -p "$camp/$name.corpus"
    start=$(date +%s)
    "$build/tests/fuzz/${name}_fuzzer" -max_total_time="$secs" -max_len=65536 -timeout=10 \
      -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$camp/$name-" \
      "$camp/$name.corpus" "$srcdir/tests/fuzz/corpus/$name" > "$camp/$name.log" 2>&1
    rc=$?
    runs=$(awk '/stat::number_of_executed_units/ { print $2 }' "$camp/$name.log")
    echo "$(date -u +%FT%TZ) $commit $name rc=$rc secs=$(($(date +%s) - start)) runs=${runs:-?}" >> "$camp/ledger.txt"
    if [ "$rc" -ne 0 ]; then
      echo "$name: the fuzzer stopped with $rc; see $camp/$name.log" >&2
      exit 1
    fi
  done
done
# the sums, a line a harness
awk '{ split($3, h, " "); for (i = 4; i <= NF; i++) if ($i ~ /^runs=/) { r = substr($i, 6); if (r ~ /^[0-9]+$/) runs[$3] += r }
       for (i = 4; i <= NF; i++) if ($i ~ /^secs=/) secs[$3] += substr($i, 6) }
     END { for (n in runs) printf "%-12s %12d runs %8d s\n", n, runs[n], secs[n] }' "$camp/ledger.txt" | sort
