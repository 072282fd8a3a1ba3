#!/bin/sh
# Benchmark (prints figures, asserts nothing): the size ladder of hostile
# inputs — one long line, a million short lines, a table row of nothing
# but tabs, a header repeated a hundred thousand times, a saved web page
# of a hundred thousand table rows, a review with
# hundreds of thousands of statuses — each at a quarter of its size and
# at full size, with `nianbao check` (a review: `nianbao verify`). Work
# should be linear (4x the input, at most about 5x the time) and peak
# memory within 4x the file + 8 MB.
# Each time is processor time, the best of three runs.
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
    page) python3 -c "import sys; sys.stdout.write('<html><body><h1>三、收到和处理政府信息公开申请情况</h1><table>' + '<tr><td>一、本年新收政府信息公开申请数量</td><td>1</td><td>2</td><td>3</td></tr>\n' * $2 + '</table></body></html>')" > "$3" ;;
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
  [ "$1" = page ] && f=$f.html
  make_input "$1" "$2" "$f"
  bytes=$(wc -c < "$f")
  if [ "$1" = statuses ]; then cmd=verify; else cmd=check; fi
  # processor time (user + system), the best of three runs: the time
  # on the clock of a run of a tenth of a second is mostly what else
  # the machine is doing
  best=$(python3 - "$NB_BIN" $cmd "$f" <<'PY'
import os, resource, subprocess, sys
best = None
for _ in range(3):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    pid = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).pid
    _, _, used = os.wait4(pid, 0)
    cpu = used.ru_utime + used.ru_stime
    if best is None or cpu < best[0]:
        best = (cpu, used.ru_maxrss)
print("%.3f %d" % best)
PY
)
  set -- $best
  goal=$(( bytes * 4 / 1024 + 8192 ))
  printf '%-11s %10d bytes  %7.3f s  %8d KB peak  (goal %d KB)\n' "$kind" "$bytes" "$1" "$2" "$goal"
  rm -f "$f"
  t_last=$1
}

cp "$sample" "$dir/y.txt"
for spec in "longline 50000000" "shortlines 1000000" "tabs 16000000" "headers 100000" "page 100000" "statuses 300000"; do
  set -- $spec
  kind=$1
  full=$(awk "BEGIN { printf \"%d\", $2 * $scale }")
  quarter=$(( full / 4 ))
  run "$kind" "$quarter"; t1=$t_last
  run "$kind" "$full"; t4=$t_last
  awk "BEGIN { if ($t1 > 0) printf \"%-11s 4x the input: %.1fx the time\n\", \"$kind\", $t4 / $t1 }"
done
