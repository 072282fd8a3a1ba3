#!/bin/sh
# `nianbao export` and `nianbao verify` as a user runs them: output, exit
# status (0 / 1 / 2), messages on stderr, nothing written on failure.
set -u
: "${NB_BUILDDIR:=.}" "${NB_SRCDIR:=.}" "${NB_BIN:=$NB_BUILDDIR/nianbao}"
driver=$NB_BUILDDIR/tests/review_driver
if ! test -x "$NB_BIN"; then echo "SKIP: $NB_BIN is not built"; exit 77; fi
if ! test -x "$driver"; then echo "SKIP: $driver is not built"; exit 77; fi
sample=$NB_SRCDIR/samples/qinghe-2023-browser.txt
if ! test -f "$sample"; then
  for f in "$NB_SRCDIR"/samples/*.txt; do test -f "$f" && { sample=$f; break; }; done
fi
if ! test -f "$sample"; then echo "SKIP: no sample report in $NB_SRCDIR/samples"; exit 77; fi
export LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE=

work=$(mktemp -d /tmp/nb_cli.XXXXXX) || exit 99
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
report=$work/report.txt
cp "$sample" "$report"

# expect STATUS CMD... : run, keep stdout/stderr in $work/out, $work/err
expect() {
  want=$1; shift
  "$@" >"$work/out" 2>"$work/err"
  got=$?
  test "$got" -eq "$want" || fail "'$*' exited $got, expected $want: $(head -c 300 "$work/err")"
}

# ---- export
expect 0 "$NB_BIN" export "$report"
head -n 1 "$work/out" | grep -qx 'format: nianbao/1' || fail "export does not start with the format line"
grep -q '^reports:' "$work/out" || fail "export has no reports"
test -s "$work/err" && fail "export of a clean file wrote to stderr: $(cat "$work/err")"
cp "$work/out" "$work/stdout.yaml"
expect 0 "$NB_BIN" export "$report" -o "$work/out.yaml"
cmp -s "$work/stdout.yaml" "$work/out.yaml" || fail "export -o differs from standard output"
test -s "$work/out" && fail "export -o also wrote to standard output"

expect 2 "$NB_BIN" export "$work/missing.txt"
test -s "$work/out" && fail "failed export wrote to standard output"
grep -q 'missing.txt' "$work/err" || fail "no file name in the message: $(cat "$work/err")"
expect 2 "$NB_BIN" export "$report" --report 99
grep -q '99' "$work/err" || fail "--report 99: unclear message: $(cat "$work/err")"
expect 2 "$NB_BIN" export "$report" --year 1999
grep -q '1999' "$work/err" || fail "--year 1999: unclear message: $(cat "$work/err")"
expect 2 "$NB_BIN" export "$report" --year soon
expect 2 "$NB_BIN" export "$report" --frobnicate
expect 2 "$NB_BIN" export

# A failed -o leaves nothing behind and an existing OUT untouched.
NIANBAO_TEST_WRITE_FAIL=EROFS@open expect 2 "$NB_BIN" export "$report" -o "$work/ro.yaml"
test -e "$work/ro.yaml" && fail "a failed export created its output"
grep -q 'read-only' "$work/err" || fail "no read-only message: $(cat "$work/err")"
echo "keep me" >"$work/keep.yaml"
NIANBAO_TEST_WRITE_FAIL=ENOSPC expect 2 "$NB_BIN" export "$report" -o "$work/keep.yaml"
grep -qx 'keep me' "$work/keep.yaml" || fail "a failed export damaged the existing output"
grep -q 'disk is full' "$work/err" || fail "no disk-full message: $(cat "$work/err")"
ls -a "$work" | grep -q '\.tmp' && fail "a failed export left a temp file"

# -o naming the input file itself, under any name, is refused: status 2,
# one line naming it, the report unchanged (B2).
mkdir "$work/self"
cp "$sample" "$work/self/r.txt"
ln -s r.txt "$work/self/link.txt"
ln "$work/self/r.txt" "$work/self/hard.txt"
for out in "$work/self/r.txt" "$work/self/./r.txt" "$work/self/link.txt" "$work/self/hard.txt"; do
  expect 2 "$NB_BIN" export "$work/self/r.txt" -o "$out"
  cmp -s "$sample" "$work/self/r.txt" || { fail "export -o $out replaced the report"; cp "$sample" "$work/self/r.txt"; }
  test "$(wc -l <"$work/err")" -eq 1 && grep -q "is the input file" "$work/err" ||
    fail "export -o $out: unclear refusal: $(cat "$work/err")"
done
expect 2 "$NB_BIN" export "$work/self/link.txt" -o "$work/self/r.txt"
cmp -s "$sample" "$work/self/r.txt" || fail "export of a link onto its target replaced the report"
ls -a "$work/self" | grep -q '\.tmp' && fail "a refused export left a temp file"
# A different file with the same contents is a different file.
cp "$sample" "$work/self/copy.txt"
expect 0 "$NB_BIN" export "$work/self/r.txt" -o "$work/self/copy.txt"
head -n 1 "$work/self/copy.txt" | grep -qx 'format: nianbao/1' || fail "export -o onto a copy did not write"

# An OUT its owner made read-only (mode 444) is not replaced, even in a
# folder the user may write to, as cp refuses (B4). Root writes anyway, so
# as root the test runs as user nobody.
ro=$(mktemp -d /tmp/nb_cli_ro.XXXXXX) || exit 99
chmod 755 "$ro"
cp "$sample" "$ro/r.txt"
chmod 644 "$ro/r.txt"
echo "keep me" >"$ro/o.yaml"
as_user=
if test "$(id -u)" -eq 0; then
  if command -v setpriv >/dev/null 2>&1 && chown 65534 "$ro" "$ro/o.yaml" &&
     setpriv --reuid=65534 --regid=65534 --clear-groups "$NB_BIN" --version >/dev/null 2>&1; then
    as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
  else
    as_user=none
  fi
fi
if test "$as_user" != none; then
  chmod 444 "$ro/o.yaml"
  expect 2 $as_user "$NB_BIN" export "$ro/r.txt" -o "$ro/o.yaml"
  grep -qx 'keep me' "$ro/o.yaml" || fail "export -o replaced a read-only OUT"
  grep -q "$ro/o.yaml.*read-only" "$work/err" || fail "no read-only message: $(cat "$work/err")"
  ls -a "$ro" | grep -q '\.tmp' && fail "a refused export left a temp file"
  chmod 644 "$ro/o.yaml"
  expect 0 $as_user "$NB_BIN" export "$ro/r.txt" -o "$ro/o.yaml"
  head -n 1 "$ro/o.yaml" | grep -qx 'format: nianbao/1' || fail "export -o onto a writable OUT did not write"
else
  echo "SKIPPED: read-only OUT (root, and cannot become user nobody)"
fi
rm -rf "$ro"

# An OUT that is not a regular file is written into, never replaced (B19):
# a FIFO feeds its reader, one without a reader is refused at once, a
# character device (/dev/null, /dev/full, made here with mknod when
# allowed) is written as a redirection writes it.
mkdir "$work/nodes"
if mkfifo "$work/nodes/fifo" 2>/dev/null; then
  if command -v timeout >/dev/null 2>&1; then bounded="timeout 20"; else bounded=""; fi
  expect 2 $bounded "$NB_BIN" export "$report" -o "$work/nodes/fifo"
  grep -q 'nothing reads' "$work/err" || fail "export -o a FIFO without a reader: $(cat "$work/err")"
  $bounded cat "$work/nodes/fifo" >"$work/nodes/fed.yaml" &
  reader=$!
  sleep 1 # the reader must have opened the FIFO; the result does not depend on how long
  expect 0 $bounded "$NB_BIN" export "$report" -o "$work/nodes/fifo"
  wait $reader
  "$NB_BIN" export "$report" >"$work/nodes/direct.yaml"
  cmp -s "$work/nodes/fed.yaml" "$work/nodes/direct.yaml" || fail "export -o a FIFO did not feed its reader the export"
  test -p "$work/nodes/fifo" || fail "export -o replaced the FIFO with a file"
fi
if mknod "$work/nodes/null" c 1 3 2>/dev/null && mknod "$work/nodes/full" c 1 7 2>/dev/null; then
  expect 0 "$NB_BIN" export "$report" -o "$work/nodes/null"
  test -c "$work/nodes/null" || fail "export -o a character device replaced it with a file"
  expect 2 "$NB_BIN" export "$report" -o "$work/nodes/full"
  grep -q 'No space left' "$work/err" || fail "export -o a full device: $(cat "$work/err")"
  test -c "$work/nodes/full" || fail "export -o /dev/full replaced it with a file"
else
  echo "SKIPPED: export -o a character device (mknod not allowed here)"
fi
ls -a "$work/nodes" | grep -q '\.tmp' && fail "export -o a device or FIFO left a temp file"

# Invalid bytes are reported on stderr, and the export still succeeds.
cp "$report" "$work/bad-bytes.txt"
printf '\n\377\376 stray bytes\n' >>"$work/bad-bytes.txt"
expect 0 "$NB_BIN" export "$work/bad-bytes.txt"
grep -q 'invalid byte' "$work/err" || fail "no warning about invalid bytes: $(cat "$work/err")"

# ---- verify
review=$report.review.yaml
expect 0 "$driver" sign "$report" appeals.review.pending=1 appeals.review.total=1
expect 0 "$NB_BIN" verify "$review"
grep -q 'verified' "$work/out" || fail "verify printed no verdict: $(cat "$work/out")"

# check and export given the review file instead of its report: they say
# what it is and which report it belongs to, and exit 2 (not "no report found", 0)
expect 2 "$NB_BIN" check "$review"
grep -q "is a review file, not a report: its report is $report" "$work/err" ||
  fail "check did not say what the review file is: $(cat "$work/err")"
expect 2 "$NB_BIN" check -f json "$review"
grep -q '"error": ' "$work/out" || fail "check -f json did not name the review file as an error"
expect 2 "$NB_BIN" export "$review"
grep -q "is a review file, not a report: its report is $report" "$work/err" ||
  fail "export did not say what the review file is: $(cat "$work/err")"

# A review file with a comment written on top by hand is still named as one.
{ printf '# checked twice\n---\n'; cat "$review"; } > "$work/commented.review.yaml"
cp "$work/commented.review.yaml" "$(dirname "$review")/commented.review.yaml"
expect 2 "$NB_BIN" check "$(dirname "$review")/commented.review.yaml"
grep -q "is a review file, not a report" "$work/err" ||
  fail "check did not name a review file with a comment on top: $(cat "$work/err")"
rm -f "$(dirname "$review")/commented.review.yaml"

# Moved together with its source to another folder: still found.
mkdir "$work/moved"
cp "$report" "$review" "$work/moved/"
expect 0 "$NB_BIN" verify "$work/moved/report.txt.review.yaml"

# A value edited by hand after the sign-off.
cp "$review" "$work/signed.yaml"
sed 's/^\(      suit_direct: {upheld: \)[0-9]*/\1987654/' "$work/signed.yaml" >"$review"
cmp -s "$review" "$work/signed.yaml" && fail "the test's hand edit did not change the file"
expect 1 "$NB_BIN" verify "$review"
grep -q 'MISMATCH' "$work/out" || fail "hand edit not reported: $(cat "$work/out")"
grep -q '1 cell differs from the edit log.*appeals.suit_direct.upheld' "$work/out" ||
  fail "replaying the edit log did not point at the hand-edited cell: $(cat "$work/out")"

# The source changed after the sign-off.
cp "$work/signed.yaml" "$review"
expect 0 "$NB_BIN" verify "$review"
echo "一行新增的文字。" >>"$report"
expect 1 "$NB_BIN" verify "$review"
grep -q 'changed since the review' "$work/out" || fail "changed source not reported: $(cat "$work/out")"

# Not signed: exit 1.
expect 0 "$driver" save "$work/moved/report.txt" appeals.review.total=3
expect 1 "$NB_BIN" verify "$work/moved/report.txt.review.yaml"

# A forged or garbled provenance under `sources:` is refused with its line
# and column, like an unknown cell id elsewhere (B10).
line_of_source=$(grep -n '^    appeals.review.total: {' "$work/signed.yaml" | cut -d: -f1)
sed 's/^    appeals.review.total: {.*}$/    appeals.bogus.cell: {at: "zzz", origin: forged}/' "$work/signed.yaml" >"$work/forged.yaml"
expect 2 "$NB_BIN" verify "$work/forged.yaml"
grep -q "line $line_of_source, column 5: unknown cell id .appeals.bogus.cell. in sources" "$work/err" ||
  fail "a forged source cell id is not refused where it stands: $(cat "$work/err")"
sed 's/^\(    appeals.review.total: {at: "\)[0-9:-]*"/\1zzz"/' "$work/signed.yaml" >"$work/garbled.yaml"
cmp -s "$work/garbled.yaml" "$work/signed.yaml" && fail "the test could not garble an at value"
expect 2 "$NB_BIN" verify "$work/garbled.yaml"
grep -q "line $line_of_source, column [0-9]*: a place in the source must read LINE:COLUMN-COLUMN" "$work/err" ||
  fail "a garbled place is not refused: $(cat "$work/err")"

# Unreadable or malformed: exit 2 with line and column.
expect 2 "$NB_BIN" verify "$work/none.yaml"
printf 'format: nianbao/1\nsource: {file: a, file: b}\n...\n' >"$work/dup.yaml"
expect 2 "$NB_BIN" verify "$work/dup.yaml"
grep -q 'line 2, column' "$work/err" || fail "no line/column for a duplicate key: $(cat "$work/err")"
printf 'format: nianbao/9\n' >"$work/new.yaml"
expect 2 "$NB_BIN" verify "$work/new.yaml"
grep -q 'newer' "$work/err" || fail "newer format not explained: $(cat "$work/err")"

# ---- texts from outside never reach the terminal raw (bugs B1, B11)
# Bytes a terminal would obey: C0 controls but tab and newline, DEL, C1
# controls, bidi overrides and isolates.
unsafe_re=$(printf '[\001-\010\013-\037\177]|\302[\200-\237]|\342\200[\252-\256]|\342\201[\246-\251]')
raw_control() { LC_ALL=C grep -E -q "$unsafe_re" "$work/out" "$work/err"; }
esc=$(printf '\033')
mkdir "$work/esc"
hostile="$work/esc/r${esc}]2;PWNED$(printf '\007').txt"
cp "$sample" "$hostile"
expect 0 "$driver" sign "$hostile" appeals.review.pending=1 appeals.review.total=1
# The reviewer as anyone may write it: a title change and a bidi override.
sed '/^  signoff:/,$s|^    reviewer: "crash-test"|    reviewer: "ev\\e]0;TITLE\\a\\u202eil"|' \
  "$hostile.review.yaml" >"$work/esc/x.review.yaml"
grep -q 'reviewer: "ev' "$work/esc/x.review.yaml" || fail "the test could not put a hostile reviewer in"
sed -n 's|^  file: \(.*\)|\1|p' "$work/esc/x.review.yaml" | grep -q '\\e' ||
  fail "the review file does not name the hostile source"
expect 1 "$NB_BIN" verify "$work/esc/x.review.yaml"
raw_control && fail "verify copied control characters from the review file: $(cat -v "$work/out")"
grep -q "^ok *source $work/esc/r␛\]2;PWNED␇.txt: unchanged" "$work/out" ||
  fail "verify does not show the source's name with stand-ins: $(cat "$work/out")"
grep -q 'approved_with_notes by ev␛\]0;TITLE␇◇il at ' "$work/out" ||
  fail "verify does not show the reviewer with stand-ins: $(cat "$work/out")"
# A sign-off time that is not ISO 8601 is refused (status 2, line and column).
sed '/^  signoff:/,$s|^    time: ".*"|    time: "2026\\e[2J"|' "$hostile.review.yaml" >"$work/esc/t.review.yaml"
expect 2 "$NB_BIN" verify "$work/esc/t.review.yaml"
grep -q 'line [0-9]*, column [0-9]*: .*ISO 8601' "$work/err" || fail "a bad sign-off time is not refused: $(cat "$work/err")"
raw_control && fail "verify copied a control character into its refusal: $(cat -v "$work/err")"
# Messages naming a file name with escape sequences.
: >"$work/esc/e${esc}[2J.txt"
expect 2 "$NB_BIN" export "$work/esc/e${esc}[2J.txt"
raw_control && fail "export printed a file name raw: $(cat -v "$work/err")"
grep -q "e␛\[2J.txt" "$work/err" || fail "export does not name the file with stand-ins: $(cat "$work/err")"
expect 2 "$NB_BIN" verify "$work/esc/e${esc}[2J.txt"
raw_control && fail "verify printed a file name raw: $(cat -v "$work/err")"
grep -q "e␛\[2J.txt" "$work/err" || fail "verify does not name the file with stand-ins: $(cat "$work/err")"

# ---- a source that is not a regular file is refused, never waited on (B12)
# The source's name comes from the review file: a FIFO there blocked open().
if mkfifo "$work/fifo" 2>/dev/null; then
  sed 's|^  file: .*|  file: "fifo"|; s|^  path_from_review: .*|  path_from_review: "fifo"|' \
    "$work/signed.yaml" >"$work/fifo.review.yaml"
  if command -v timeout >/dev/null 2>&1; then bounded="timeout 20"; else bounded=""; fi
  expect 1 $bounded "$NB_BIN" verify "$work/fifo.review.yaml"
  grep -q '^missing *source: not read: .*fifo is not a regular file' "$work/out" ||
    fail "a FIFO source is not said to be refused: $(cat "$work/out")"
fi
sed 's|^  file: .*|  file: "/dev/zero"|; s|^  path_from_review: .*|  path_from_review: "/dev/zero"|' \
  "$work/signed.yaml" >"$work/zero.review.yaml"
expect 1 "$NB_BIN" verify "$work/zero.review.yaml"
grep -q '^missing *source: not read: /dev/zero is not a regular file' "$work/out" ||
  fail "a device as the source is not said to be refused: $(cat "$work/out")"

# ---- a report that cannot be written is an error, not a silent success (B17)
# `nianbao verify r.yaml > log && accept` must not accept an empty log.
# expect_unwritten WHAT CMD...: run with stdout on a full device and closed.
expect_unwritten() {
  what=$1; shift
  if test -w /dev/full; then
    "$@" >/dev/full 2>"$work/err"
    got=$?
    if test "$got" -ne 2 || ! grep -q 'cannot write to standard output' "$work/err"; then
      fail "$what to a full device: status $got, stderr '$(cat "$work/err")'"
    fi
  fi
  "$@" >&- 2>"$work/err"
  got=$?
  if test "$got" -ne 2 || ! grep -q 'cannot write to standard output' "$work/err"; then
    fail "$what to a closed standard output: status $got, stderr '$(cat "$work/err")'"
  fi
}
expect_unwritten "verify of an unsigned review" "$NB_BIN" verify "$work/moved/report.txt.review.yaml"
cp "$sample" "$report"
cp "$work/signed.yaml" "$review"
expect 0 "$NB_BIN" verify "$review"
expect_unwritten "verify of a review that holds" "$NB_BIN" verify "$review"
expect_unwritten "verify --help" "$NB_BIN" verify --help
expect_unwritten "export" "$NB_BIN" export "$report"
expect_unwritten "export --help" "$NB_BIN" export --help
expect_unwritten "nianbao --help" "$NB_BIN" --help
expect_unwritten "nianbao --version" "$NB_BIN" --version

if test $failures -eq 0; then
  echo "PASS: export and verify behave (output, exit status, messages, nothing written on failure)"
  exit 0
fi
exit 1
