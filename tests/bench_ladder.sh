#!/bin/sh
# Benchmark (prints figures, asserts nothing): the size ladder of hostile
# inputs — one long line, a million short lines, a table row of nothing
# but tabs, a header repeated a hundred thousand times, a review with
# hundreds of thousands of statuses — each at a quarter of its size and
# at full size, with `nianbao check` (a review: `nianbao verify`). Work
# should be linear (4x the input, at most about 5x the time) and peak
# memory within 4x the file + 8 MB.
# Each time is the best of three runs.
# usage: tests/bench_ladder.sh [SCALE]   (SCALE 1 = the sizes below; 0.25 for a quick look)
set -u
scale=${1:-1}
: "${NB_SRCDIR:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${NB_BIN:=$NB_SRCDIR/nianbao}"
dir=$(mktemp -d "${TMPDIR:-/tmp}/nb_bench_ladder.XXXXXX") || exit 1
trap 'rm -rf "$dir"' EXIT
sample=$NB_SRCDIR/samples/yunxiu-2023-inconsistent.txt
export LC_ALL=C.UTF-8

# make KIND N FILE: an input of the kind, N units large
make_input() {
  case $1 in
    longline) python3 -c "import sys; sys.stdout.write('三、收到和处理政府信息公开申请情况' + '数' * ($2 // 3) + '\n')" > "$3" ;;
    shortlines) python3 -c "import sys; sys.stdout.write('一、本年新收 1 2 3\n' * $2)" > "$3" ;;
    tabs) python3 -c "import sys; sys.stdout.write('三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量' + '\t' * $2 + '1\n')" > "$3" ;;
    headers) python3 -c "import sys; sys.stdout.write('三、收到和处理政府信息公开申请情况\n申请人情况\t自然人\t商业企业\t总计\n' * $2)" > "$3" ;;
    statuses)
      "$NB_SRCDIR/tests/review_driver" save "$dir/y.txt" >/dev/null 2>&1
      python3 - "$dir/y.txt.review.yaml" "$2" "$3" <<'PY'
import sys
src = open(sys.argv[1], encoding='utf-8').read()
n = int(sys.argv[2])
head = src[:src.index('\nreview:') + 1]
out = [head, 'review:\n  report: 0\n  reviewer: "bench"\n  edits: []\n  statuses:\n']
out += ['  - {finding: "k%d", status: dismissed, note: "n"}\n' % i for i in range(n)]
out.append('  signoff: null\n...\n')
open(sys.argv[3], 'w', encoding='utf-8').write(''.join(out))
PY
      ;;
  esac
}

# run KIND N: time and peak RSS of reading the input
run() {
  f=$dir/$1.$2
  make_input "$1" "$2" "$f"
  bytes=$(wc -c < "$f")
  if [ "$1" = statuses ]; then cmd=verify; else cmd=check; fi
  # the best time of three runs: one run of a tenth of a second is
  # mostly what else the machine is doing
  best=
  for try in 1 2 3; do
    /usr/bin/time -f "%e %M" -o "$dir/time" "$NB_BIN" $cmd "$f" > /dev/null 2>&1
    best=$( (echo "$best"; tail -n 1 "$dir/time") | awk 'NF == 2 && (t == "" || $1 < t) { t = $1; m = $2 } END { print t, m }')
  done
  set -- $best
  goal=$(( bytes * 4 / 1024 + 8192 ))
  printf '%-11s %10d bytes  %7.2f s  %8d KB peak  (goal %d KB)\n' "$kind" "$bytes" "$1" "$2" "$goal"
  rm -f "$f"
  t_last=$1
}

cp "$sample" "$dir/y.txt"
for spec in "longline 50000000" "shortlines 1000000" "tabs 16000000" "headers 100000" "statuses 300000"; do
  set -- $spec
  kind=$1
  full=$(awk "BEGIN { printf \"%d\", $2 * $scale }")
  quarter=$(( full / 4 ))
  run "$kind" "$quarter"; t1=$t_last
  run "$kind" "$full"; t4=$t_last
  awk "BEGIN { if ($t1 > 0) printf \"%-11s 4x the input: %.1fx the time\n\", \"$kind\", $t4 / $t1 }"
done
