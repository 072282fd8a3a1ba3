#!/bin/sh
# Benchmark (prints figures, asserts nothing): `nianbao summary` and
# `nianbao check` over N report files (copies of the corpus and the
# samples, default 10,000), against `wc -m` over the same files; time
# (the best of RUNS runs) and peak memory. Memory should not grow with N:
# run it with N=1000 and N=10000 and compare.
# usage: NB_SHARED=../shared tests/bench_summary.sh [N] [RUNS]
set -u
n=${1:-10000} runs=${2:-3}
: "${NB_SRCDIR:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${NB_BIN:=$NB_SRCDIR/nianbao}"
sources=$(ls "$NB_SRCDIR"/samples/*.txt "${NB_SHARED:-$NB_SRCDIR/../shared}"/corpus/*.txt 2>/dev/null)
dir=$(mktemp -d "${TMPDIR:-/tmp}/nb_bench_summary.XXXXXX") || exit 1
trap 'rm -rf "$dir"' EXIT
i=0
while [ $i -lt "$n" ]; do
  for f in $sources; do
    [ $i -ge "$n" ] && break
    i=$((i + 1))
    cp "$f" "$dir/$(printf '%06d' $i).txt"
  done
done
bytes=$(cat "$dir"/*.txt | wc -c)
echo "$n files, $bytes bytes"
export LC_ALL=C.UTF-8 # wc -m counts characters
best() { # best WHAT CMD...: the best wall time and its peak RSS of RUNS runs
  what=$1; shift
  b=
  k=0
  while [ $k -lt "$runs" ]; do
    /usr/bin/time -f "%e %M" -o "$dir.time" "$@" >/dev/null 2>&1
    # the last line: a command that exits 1 (errors found) adds a line before
    t=$(tail -n 1 "$dir.time" | cut -d' ' -f1) m=$(tail -n 1 "$dir.time" | cut -d' ' -f2)
    if [ -z "$b" ] || awk "BEGIN { exit !($t < $b) }"; then b=$t mem=$m; fi
    k=$((k + 1))
  done
  rm -f "$dir.time"
  printf '%-22s %7.2f s  %8d KB peak\n' "$what" "$b" "$mem"
  eval "t_$(echo "$what" | tr -c 'a-z\n' '_')=\$b"
}
cd "$dir" || exit 1
best "wc -m" wc -m -- *.txt
best "nianbao summary csv" "$NB_BIN" summary -f csv -- .
best "nianbao check -q" "$NB_BIN" check -q -- *.txt
awk "BEGIN { printf \"summary: %.2fx the speed of wc -m; check: %.2fx\\n\", \
  $t_wc__m / $t_nianbao_summary_csv, $t_wc__m / $t_nianbao_check__q }"
