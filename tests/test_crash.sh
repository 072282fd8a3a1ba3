#!/bin/sh
# Never lose work: a review session killed by SIGTERM or SIGHUP leaves a
# recovery file that the next start restores; a save killed half-way
# (SIGKILL while the temp file is half written) leaves the previous review
# file whole. Drives tests/review_driver, which opens reviews with the
# same core functions the review screen uses.
set -u
: "${NB_BUILDDIR:=.}" "${NB_SRCDIR:=.}"
driver=$NB_BUILDDIR/tests/review_driver
if ! test -x "$driver"; then echo "SKIP: $driver is not built"; exit 77; fi
sample=
for f in "$NB_SRCDIR"/samples/*.txt; do
  test -f "$f" && { sample=$f; break; }
done
if test -z "$sample"; then echo "SKIP: no sample report in $NB_SRCDIR/samples"; exit 77; fi

work=$(mktemp -d /tmp/nb_crash.XXXXXX) || exit 99
pid=
cleanup() {
  test -n "$pid" && kill -9 "$pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
report=$work/report.txt
cp "$sample" "$report"
review=$report.review.yaml
recover=$review.recover
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# Wait (at most ~10 s, polling) until file $1 contains $2.
wait_for() {
  i=0
  while ! grep -q "$2" "$1" 2>/dev/null; do
    i=$((i + 1))
    if test $i -gt 500; then return 1; fi
    sleep 0.02
  done
  return 0
}

value() { sed -n "s/^$1=//p" "$2"; }

for sig in TERM HUP; do
  rm -f "$review" "$recover"
  # 1. A session with unsaved edits is killed.
  "$driver" edit "$report" appeals.review.upheld=71 appeals.review.total=72 >"$work/out" 2>"$work/err" &
  pid=$!
  wait_for "$work/out" '^ready' || fail "SIG$sig: the driver never became ready: $(cat "$work/err")"
  kill -s "$sig" "$pid"
  wait "$pid"
  status=$?
  pid=
  test $status -eq 0 || fail "SIG$sig: driver exited with $status: $(cat "$work/err")"
  grep -q '^recovery written' "$work/out" || fail "SIG$sig: no recovery written"
  test -s "$recover" || fail "SIG$sig: $recover missing"
  test -e "$review" && fail "SIG$sig: the review file was written without a save"
  # 2. The next start finds and restores it; the work counts as unsaved.
  "$driver" show "$report" >"$work/show" 2>"$work/err" || fail "SIG$sig: show failed: $(cat "$work/err")"
  grep -q '^recovered' "$work/show" || fail "SIG$sig: recovery not offered on the next start"
  test "$(value appeals.review.upheld "$work/show")" = 71 || fail "SIG$sig: upheld not restored"
  test "$(value appeals.review.total "$work/show")" = 72 || fail "SIG$sig: total not restored"
  grep -q '^dirty=1' "$work/show" || fail "SIG$sig: recovered work not marked unsaved"
  # 3. Saving it makes it the review and removes the recovery file.
  "$driver" save "$report" >"$work/out" 2>"$work/err" || fail "SIG$sig: save failed: $(cat "$work/err")"
  test -e "$recover" && fail "SIG$sig: recovery file left after a save"
  "$driver" show "$report" >"$work/show" 2>&1
  grep -q '^resumed' "$work/show" || fail "SIG$sig: saved review not resumed"
  test "$(value appeals.review.total "$work/show")" = 72 || fail "SIG$sig: saved value lost"
done

# 4. SIGKILL in the middle of a save: the temp file is half written when
# the process dies; the review file keeps its previous content, whole.
cp "$review" "$work/before.yaml"
NIANBAO_TEST_WRITE_STALL=$work/stalled "$driver" save "$report" appeals.review.total=99 >"$work/out" 2>"$work/err" &
pid=$!
i=0
while ! test -e "$work/stalled"; do
  i=$((i + 1)); if test $i -gt 500; then fail "save never reached the stall point"; break; fi
  sleep 0.02
done
kill -9 "$pid"
wait "$pid" 2>/dev/null
pid=
cmp -s "$review" "$work/before.yaml" || fail "the review file changed although the save was killed"
ls -a "$work" | grep -q '\.tmp' || fail "no half-written temp file: the kill did not land mid-save"
"$driver" show "$report" >"$work/show" 2>"$work/err" || fail "review unreadable after a killed save: $(cat "$work/err")"
test "$(value appeals.review.total "$work/show")" = 72 || fail "value after a killed save is not the last saved one"
tail -n 1 "$review" | grep -qx '\.\.\.' || fail "review file does not end with its end marker"

# 5. A review file cut short is refused, not half-applied, and not overwritten.
head -c 2000 "$work/before.yaml" >"$review"
cp "$review" "$work/cut.yaml"
if "$driver" show "$report" >"$work/show" 2>"$work/err"; then fail "a cut review file was accepted"; fi
grep -q 'line' "$work/err" || fail "no line in the message for a cut review file: $(cat "$work/err")"
cmp -s "$review" "$work/cut.yaml" || fail "a refused review file was overwritten"

if test $failures -eq 0; then
  echo "PASS: SIGTERM and SIGHUP recovered, SIGKILL mid-save left the review whole, a cut file refused"
  exit 0
fi
exit 1
