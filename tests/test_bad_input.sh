#!/bin/sh
# Bad input through the real command line, as a user would meet it:
# `nianbao export`, `check` and `verify` on files that are empty, folders,
# missing, binary, GB18030, broken UTF-8, UTF-16 without a byte order mark,
# cut short in the middle of table 三, full of absurd numbers, one 1 MiB
# line, narrative only, or stuffed with terminal escape sequences; review
# files that are malformed in every way nianbao-review(5) lists; and -o
# into a missing, read-only or full folder.
#
# What must hold every time: the documented exit status (2 for input that
# cannot be read or output that cannot be written), a message on stderr
# that is one line and names the file, no crash or sanitizer report, no
# terminal control sequence copied from the input to the output, no temp
# file left behind, and an existing output file unchanged after a failure.
#
# The read-only and full-disk parts use a tmpfs in a private mount
# namespace (`unshare -m`, as root in CI, where file modes do not stop
# writes) and drop to user nobody (setpriv) for file-mode permissions;
# each part says SKIP and is left out where the machine does not allow it.
#
# Section 6 keeps checking the bugs this test found (notes/bugs.md B1-B19),
# all fixed since.
set -u
: "${NB_SRCDIR:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${NB_BIN:=}"
if [ -z "$NB_BIN" ] || [ ! -x "$NB_BIN" ]; then
  echo "SKIP: the nianbao binary (NB_BIN='$NB_BIN') has not been built"
  exit 77
fi
sample=$NB_SRCDIR/samples/qinghe-2023-browser.txt
inconsistent=$NB_SRCDIR/samples/yunxiu-2023-inconsistent.txt
if [ ! -f "$sample" ] || [ ! -f "$inconsistent" ]; then
  echo "SKIP: the bundled samples are missing from $NB_SRCDIR/samples"
  exit 77
fi
LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE=
export LANG LC_ALL LANGUAGE
unset NIANBAO_TEST_WRITE_FAIL NIANBAO_TEST_WRITE_STALL

work=$(mktemp -d "${TMPDIR:-/tmp}/nb_badinput.XXXXXX") || exit 99
trap '[ -n "${NB_KEEP:-}" ] || rm -rf "$work"' EXIT
trap 'exit 1' INT TERM HUP
cd "$work" || exit 99

passed=0 failed=0
pass() { passed=$((passed + 1)); echo "ok: $*"; }
fail() {
  failed=$((failed + 1))
  echo "FAIL: $*"
  if [ -s "$work/err" ]; then echo "  stderr: $(head -c 400 "$work/err")"; fi
}
check_that() { # check_that WHAT COMMAND...: pass when the command succeeds
  what=$1; shift
  if "$@"; then pass "$what"; else fail "$what"; fi
}

# Every run is bounded: a hang is a failure, not a stuck test suite.
if command -v timeout >/dev/null 2>&1; then bounded="timeout 120"; else bounded=""; fi

# run ARGS...: run nianbao with stdout in $work/out, stderr in $work/err,
# status in $rc.
run() {
  $bounded "$NB_BIN" "$@" >"$work/out" 2>"$work/err"
  rc=$?
}

# Bytes that must never come from untrusted text to a terminal: C0
# controls but tab and newline, DEL, the C1 controls (U+0080-U+009F) and
# the bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069).
unsafe_re=$(printf '[\001-\010\013-\037\177]|\302[\200-\237]|\342\200[\252-\256]|\342\201[\246-\251]')
has_unsafe() { LC_ALL=C grep -E -q "$unsafe_re" "$1"; }
is_utf8() { iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1; }

# no_crash WHAT: the last run ended by itself, without a sanitizer or
# crash report, and printed nothing a terminal would obey.
no_crash() {
  if [ "$rc" -ge 124 ]; then
    fail "$1: ended with status $rc (crash, signal or timeout)"
    return 1
  fi
  if grep -E -q 'Segmentation fault|AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error|core dumped|Aborted' "$work/out" "$work/err"; then
    fail "$1: crash or sanitizer report"
    return 1
  fi
  if has_unsafe "$work/out" || has_unsafe "$work/err"; then
    fail "$1: control characters or bidi overrides reached the output"
    return 1
  fi
  return 0
}

# refused CMD FILE WHAT [STATUS]: nianbao CMD FILE exits STATUS (2),
# prints nothing on stdout and one line on stderr naming FILE.
refused() {
  cmd=$1 file=$2 what=$3 want=${4:-2}
  run "$cmd" "$file"
  no_crash "$cmd $what" || return
  if [ "$rc" -ne "$want" ]; then fail "$cmd $what: exit status $rc, expected $want"; return; fi
  if [ -s "$work/out" ]; then fail "$cmd $what: wrote to standard output"; return; fi
  if [ "$(wc -l <"$work/err")" -ne 1 ]; then fail "$cmd $what: the message is not one line"; return; fi
  if ! grep -F -q -- "$file" "$work/err"; then fail "$cmd $what: the message does not name $file"; return; fi
  if ! grep -q "^nianbao $cmd: " "$work/err"; then fail "$cmd $what: the message does not say which command"; return; fi
  pass "$cmd $what: status $want, $(cat "$work/err")"
}

# A generator of bytes that is the same on every machine and every awk:
# the Park-Miller "minimal standard" generator, exact in awk's doubles.
# random_bytes SEED COUNT LOW: COUNT bytes from LOW to 255.
random_bytes() {
  LC_ALL=C awk -v seed="$1" -v n="$2" -v low="$3" 'BEGIN {
    x = seed
    for (i = 0; i < n; i++) { x = (16807 * x) % 2147483647; printf "%c", low + int(x / 256) % (256 - low) }
  }'
}

# The tables of an export, without the source block (file name, hash and
# encoding differ between copies of the same report).
tables_of() { sed -n '/^reports:/,$p' "$1" | grep -v '^    [a-z_.]*: {at: '; }

cp "$sample" report.txt
run export report.txt
[ "$rc" -eq 0 ] || { echo "ERROR: the clean sample does not export (status $rc): $(cat err)"; exit 99; }
cp out clean.yaml

# ---------------------------------------------------------------------------
# 1. Input that cannot be read: every command refuses it with status 2.
: >empty.txt
mkdir folder
head -c 262144 /bin/ls >ls.bin 2>/dev/null || head -c 262144 "$NB_BIN" >ls.bin
random_bytes 20261124 65536 0 >random.bin
random_bytes 7 65536 1 >random-no-nul.bin
if [ "$(wc -c <random.bin)" -ne 65536 ] || [ "$(wc -c <random-no-nul.bin)" -ne 65536 ]; then
  echo "ERROR: awk did not write the random bytes"; exit 99
fi
iconv -f UTF-8 -t UTF-16LE report.txt >utf16le.txt
iconv -f UTF-8 -t UTF-16BE report.txt >utf16be.txt
for cmd in export check verify; do
  refused $cmd empty.txt "an empty file"
  refused $cmd folder "a folder"
  refused $cmd missing.txt "a missing file"
  refused $cmd ls.bin "the bytes of /bin/ls"
  refused $cmd random.bin "64 KiB of random bytes"
  refused $cmd random-no-nul.bin "64 KiB of random bytes without NUL"
  refused $cmd utf16le.txt "UTF-16LE without a byte order mark"
  refused $cmd utf16be.txt "UTF-16BE without a byte order mark"
  refused $cmd /dev/null "/dev/null"
done
for cmd in export check; do
  run $cmd utf16le.txt
  if grep -q 'UTF-16' err; then pass "$cmd: the message for UTF-16 without a BOM says what to do"
  else fail "$cmd: the message for UTF-16 without a BOM does not mention UTF-16"; fi
done
# Larger than the 64 MiB a report may have (sparse: no disk used), and a
# device that never ends.
if truncate -s 65M big.txt 2>/dev/null; then
  refused export big.txt "a 65 MiB file"
  refused check big.txt "a 65 MiB file"
  refused verify big.txt "a 65 MiB review file"
  rm -f big.txt
fi
refused export /dev/zero "/dev/zero (endless)"
refused verify /dev/zero "/dev/zero (endless)"
# A report is not a review file.
refused verify report.txt "a report instead of a review file"

# The same refusals in Chinese: still one line naming the file, status 2.
LANGUAGE=zh_CN "$NB_BIN" export empty.txt 2>zh.err
if grep -q '为空' zh.err; then
  zh_ok=yes
  for cmd in export check verify; do
    for f in empty.txt folder missing.txt ls.bin utf16le.txt; do
      LANGUAGE=zh_CN $bounded "$NB_BIN" $cmd $f >out 2>err
      rc=$?
      no_crash "$cmd $f in Chinese" || { zh_ok=no; continue; }
      if [ $rc -ne 2 ] || [ "$(wc -l <err)" -ne 1 ] || ! grep -F -q "$f" err || [ -s out ]; then
        fail "$cmd $f in Chinese: status $rc, not one line naming the file"; zh_ok=no
      fi
    done
  done
  [ $zh_ok = yes ] && pass "the refusals in Chinese are one line naming the file, status 2"
else
  echo "SKIP: the Chinese messages are not built; refusals checked in English only"
fi

# A file the user may not read: as root, run as user nobody.
cp report.txt secret.txt
chmod 000 secret.txt
if [ "$(id -u)" -ne 0 ]; then
  refused check secret.txt "a file without read permission"
  refused export secret.txt "a file without read permission"
elif command -v setpriv >/dev/null 2>&1 && chmod 755 "$work" &&
     setpriv --reuid=65534 --regid=65534 --clear-groups "$NB_BIN" --version >/dev/null 2>&1; then
  for cmd in check export verify; do
    $bounded setpriv --reuid=65534 --regid=65534 --clear-groups "$NB_BIN" $cmd "$work/secret.txt" >out 2>err
    rc=$?
    no_crash "$cmd of an unreadable file" &&
      if [ $rc -eq 2 ] && [ "$(wc -l <err)" -eq 1 ] && grep -q 'secret.txt' err && grep -q -i 'permission' err; then
        pass "$cmd of a file without read permission (as nobody): $(cat err)"
      else
        fail "$cmd of a file without read permission: status $rc"
      fi
  done
else
  echo "SKIP: running as root and cannot become user nobody: no read-permission test"
fi

# check goes on after a file it cannot read, and still says status 2.
run check empty.txt "$inconsistent"
if no_crash "check of a bad and a good file"; then
  check_that "check: an unreadable file beside a readable one gives status 2" [ "$rc" -eq 2 ]
  check_that "check: the readable file is still checked" grep -q 'applications.row_total' out
  check_that "check: the unreadable file is named on stderr" grep -q 'empty.txt' err
fi

# Every unreadable kind at once, around a readable file: one line each on
# stderr, the readable file still checked, status 2.
run check empty.txt folder missing.txt ls.bin "$inconsistent" random.bin utf16le.txt
if no_crash "check of six unreadable files and a readable one"; then
  check_that "check of six unreadable files around a readable one: status 2" [ "$rc" -eq 2 ]
  check_that "check of six unreadable files: six lines on stderr" [ "$(wc -l <err)" -eq 6 ]
  check_that "check of six unreadable files: the readable one is checked" grep -q 'applications.row_total' out
fi

# A PDF or web page on a machine whose library for it cannot be loaded
# (a broken copy found first on the library path): status 2 and one line
# that names the package to install; text reports are read as ever.
config_h=${NB_BUILDDIR:-$NB_SRCDIR}/config.h
pdf=$NB_SRCDIR/tests/layouts/pdf/yunxiu-2023-inconsistent.lo.pdf
page=$NB_SRCDIR/tests/layouts/html/blank-2019.word.html
poppler_so=$(sed -n 's/^#define NB_POPPLER_SONAME "\(.*\)"/\1/p' "$config_h" 2>/dev/null)
libxml_so=$(sed -n 's/^#define NB_LIBXML_SONAME "\(.*\)"/\1/p' "$config_h" 2>/dev/null)
if [ -n "$poppler_so" ] && [ -n "$libxml_so" ] && [ -f "$pdf" ] && [ -f "$page" ]; then
  mkdir -p broken-libs && : >"broken-libs/$poppler_so" && : >"broken-libs/$libxml_so"
  for original in "$pdf:libpoppler-glib8" "$page:libxml2"; do
    file=${original%:*} package=${original##*:}
    LD_LIBRARY_PATH=$work/broken-libs $bounded "$NB_BIN" check "$file" >out 2>err
    rc=$?
    no_crash "check of $(basename "$file") without its library" &&
      if [ $rc -eq 2 ] && [ "$(wc -l <err)" -eq 1 ] && grep -q "$package" err; then
        pass "check of $(basename "$file") without its library: $(cat err)"
      else
        fail "check of $(basename "$file") without its library: status $rc"
      fi
  done
  LD_LIBRARY_PATH=$work/broken-libs run check "$inconsistent"
  no_crash "check of a text report without those libraries" &&
    check_that "a text report is checked without them" grep -q 'applications.row_total' out
else
  echo "SKIP: no config.h with the libraries' file names, or no PDF/page fixture"
fi

# ---------------------------------------------------------------------------
# 2. Input that is damaged but readable: read what can be read, say what is
# wrong, never crash, never copy control characters to the output.

# GB18030: the same tables and findings as the UTF-8 original.
iconv -f UTF-8 -t GB18030 report.txt >gbk.txt
run export gbk.txt
if no_crash "export of GB18030"; then
  check_that "export of GB18030: status 0" [ "$rc" -eq 0 ]
  check_that "export of GB18030: encoding recorded" grep -q '^  encoding: "GB18030"' out
  tables_of out >gbk.tables; tables_of clean.yaml >clean.tables
  check_that "export of GB18030: the tables equal those of the UTF-8 text" cmp -s gbk.tables clean.tables
  check_that "export of GB18030: the YAML is UTF-8" is_utf8 out
fi
run check report.txt; sed 's/^report\.txt/F/' out >clean.check; clean_rc=$rc
run check gbk.txt
if no_crash "check of GB18030"; then
  sed 's/^gbk\.txt/F/' out >gbk.check
  check_that "check of GB18030: same status and findings as UTF-8" \
    sh -c "[ $rc -eq $clean_rc ] && cmp -s gbk.check clean.check"
fi

# Invalid UTF-8 in the narrative (line 3) and inside a cell of table 三
# (line 45): replaced, counted, reported with the line; the rest is read.
awk 'NR == 3 { $0 = $0 "\377\376坏\300\200" }
     NR == 45 { sub(/\t1\t/, "\t1\355\240\200\t") } { print }' report.txt >invalid.txt
run export invalid.txt
if no_crash "export of invalid UTF-8"; then
  check_that "export of invalid UTF-8: status 0" [ "$rc" -eq 0 ]
  check_that "export of invalid UTF-8: invalid_bytes counted" grep -q '^  invalid_bytes: [1-9]' out
  check_that "export of invalid UTF-8: first invalid line is 3" grep -q '^  first_invalid_line: 3$' out
  check_that "export of invalid UTF-8: warning on stderr names the file and line" \
    grep -q 'invalid.txt.*line 3' err
  check_that "export of invalid UTF-8: the YAML is valid UTF-8" is_utf8 out
  check_that "export of invalid UTF-8: rows away from the bad bytes are read" \
    grep -q 'new_received: {natural_person: 58, .* total: 66}' out
fi
run check invalid.txt
if no_crash "check of invalid UTF-8"; then
  check_that "check of invalid UTF-8: parse.invalid_bytes at line 3" \
    grep -q '^invalid.txt:3:[0-9]*: warning: \[parse.invalid_bytes\]' out
  check_that "check of invalid UTF-8: the output is valid UTF-8" is_utf8 out
fi

# Cut short in the middle of table 三, inside a character: the rows before
# the cut are kept, the rest are missing (warnings), nothing is invented.
cut_at=$(grep -b -o '（三）不予公开' report.txt | head -n 1 | cut -d: -f1)
head -c $((cut_at + 4)) report.txt >truncated.txt
run export truncated.txt
if no_crash "export of a report cut in table 三"; then
  check_that "export of a cut report: status 0" [ "$rc" -eq 0 ]
  check_that "export of a cut report: the broken last character is counted" grep -q '^  invalid_bytes: 1$' out
  check_that "export of a cut report: rows before the cut are kept" \
    grep -q 'partially_disclosed: {natural_person: 8, .* total: 8}' out
  check_that "export of a cut report: the total row after the cut is null" \
    grep -q '^      total: {natural_person: null,.* total: null}' out
  check_that "export of a cut report: table 四 after the cut is empty" \
    grep -q '^      review: {upheld: null,.* total: null}' out
fi
run check truncated.txt
if no_crash "check of a report cut in table 三"; then
  check_that "check of a cut report: status 0 (missing cells are warnings)" [ "$rc" -eq 0 ]
  check_that "check of a cut report: the missing rows are reported" \
    grep -q 'warning: \[cells.missing\] applications.total' out
fi

# Absurd numbers: a 40-digit count, -5 in a count cell, 1e9 in a cell.
awk 'NR == 39 { sub(/\t58\t/, "\t1234567890123456789012345678901234567890\t") }
     NR == 40 { sub(/\t5\t/, "\t-5\t") }
     NR == 41 { sub(/\t24\t/, "\t1e9\t") } { print }' report.txt >absurd.txt
run check absurd.txt
if no_crash "check of absurd numbers"; then
  check_that "check of absurd numbers: status 1 (a negative count is an error)" [ "$rc" -eq 1 ]
  check_that "check of absurd numbers: the 40-digit number is parse.absurd_number on line 39" \
    grep -q '^absurd.txt:39:[0-9]*: warning: \[parse.absurd_number\]' out
  check_that "check of absurd numbers: -5 breaks cells.whole_nonnegative" \
    grep -q '^absurd.txt:40:[0-9]*: error: \[cells.whole_nonnegative\] applications.carried_over.natural_person is -5' out
  check_that "check of absurd numbers: the row with 1e9 is flagged" grep -q '^absurd.txt:41:' out
fi
run export absurd.txt
if no_crash "export of absurd numbers"; then
  check_that "export of absurd numbers: status 0" [ "$rc" -eq 0 ]
  check_that "export of absurd numbers: the 40-digit cell is null, not a wrapped number" \
    grep -q 'new_received: {natural_person: null,' out
  check_that "export of absurd numbers: -5 kept as the source states it" \
    grep -q 'carried_over: {natural_person: -5,' out
  if grep -E -q '1000000000|12345678901234567890' out; then
    fail "export of absurd numbers: 1e9 or the 40-digit number became a value"
  else
    pass "export of absurd numbers: neither 1e9 nor the 40-digit number became a value"
  fi
fi
# The largest readable count in every cell of a column: sums must not
# overflow (UBSan reports it in a sanitizer build).
awk -F '\t' 'NR >= 39 && NR <= 63 && NF >= 8 { $(NF - 6) = "999999999999999" } { print }' OFS='\t' report.txt >largest.txt
run check largest.txt
no_crash "check with 999999999999999 in every cell of a column" &&
  check_that "check with the largest counts: status 1 (the totals no longer hold)" [ "$rc" -eq 1 ]

# A row of table 三 stretched by 4 MiB of tabs (a broken export) is no row:
# the check ends, the other rows are read, and memory stays within 4x the
# file + 8 MB (it took 150 bytes a tab before). Memory is measured only
# where /usr/bin/time is and the build is not a sanitizer's (whose shadow
# memory is not the program's).
awk 'BEGIN { t = "\t"; while (length(t) < 4194304) t = t t }
     /^二、上年结转政府信息公开申请数量/ { print "二、上年结转政府信息公开申请数量" t "3"; next } { print }' report.txt >tabrow.txt
run check tabrow.txt
if no_crash "check of a row of 4 MiB of tabs"; then
  check_that "check of a row of 4 MiB of tabs: the row's cells are named missing" grep -q 'carried_over' out
  check_that "check of a row of 4 MiB of tabs: the other rows are read" grep -q 'new_received\|applications' out
fi
if [ -x /usr/bin/time ] && ! grep -q -a -E '__(asan|tsan|msan)_init' "$NB_BIN"; then
  /usr/bin/time -f '%M' -o tabrow.kb "$NB_BIN" check tabrow.txt >/dev/null 2>&1
  limit=$(( $(wc -c < tabrow.txt) * 4 / 1024 + 8192 ))
  check_that "check of a row of 4 MiB of tabs: peak memory $(tail -n 1 tabrow.kb) KB within $limit KB" \
    [ "$(tail -n 1 tabrow.kb)" -le "$limit" ]
fi

# One 1 MiB line without a newline (digits and 一, whole characters),
# alone and after a report.
LC_ALL=C awk 'BEGIN { s = "1一"; while (length(s) < 1048576) s = s s; printf "%s", substr(s, 1, 1048576) }' >hugeline.txt
cat report.txt hugeline.txt >report-hugeline.txt
run export hugeline.txt
if no_crash "export of a 1 MiB line"; then
  check_that "export of a 1 MiB line: status 0" [ "$rc" -eq 0 ]
  check_that "export of a 1 MiB line: warns that no report was found" grep -E -q 'no report.*hugeline.txt|hugeline.txt.*no report' err
fi
run check hugeline.txt
no_crash "check of a 1 MiB line" && check_that "check of a 1 MiB line: status 0" [ "$rc" -eq 0 ]
run export report-hugeline.txt
if no_crash "export of a report followed by a 1 MiB line"; then
  tables_of out | sed '/^  lines: /d' >hl.tables
  sed '/^  lines: /d' clean.tables >clean-nolines.tables
  check_that "export of a report followed by a 1 MiB line: the same tables" cmp -s hl.tables clean-nolines.tables
fi

# Narrative only: a report with no tables, listed with its reason.
sed -n '1,10p' report.txt >narrative.txt
run export narrative.txt
if no_crash "export of narrative only"; then
  check_that "export of narrative only: status 0" [ "$rc" -eq 0 ]
  check_that "export of narrative only: tables: {} with a reason" \
    sh -c "grep -q '^  tables: {}' '$work/out' && grep -q '^  reason: \"' '$work/out'"
fi
run check narrative.txt
no_crash "check of narrative only" && check_that "check of narrative only: status 0" [ "$rc" -eq 0 ]

# Terminal escape sequences, \r, \b and bidi overrides inside the title,
# the narrative and a table row: none of it is copied raw to the output
# of check (every format) or export.
awk 'NR == 1 { $0 = $0 "\033]0;PWNED\007" }
     NR == 3 { $0 = $0 "\033[2J\033[H\r\b\342\200\256" }
     NR == 41 { sub(/\t24\t/, "\t24\033]2;PWNED\007\t\033[31m\r\b\342\200\256x\t") } { print }' report.txt >escapes.txt
for args in "check escapes.txt" "check -f json escapes.txt" "check -f yaml escapes.txt" \
            "check -q escapes.txt" "export escapes.txt"; do
  run $args
  no_crash "$args" && check_that "$args: status 0 or 1, no control sequence in the output" [ "$rc" -le 1 ]
done

# ---------------------------------------------------------------------------
# 3. Output that cannot be written: status 2, a one-line message naming
# OUT, nothing created, an existing OUT unchanged, no temp file left.

# listing DIR: the names in DIR, hidden ones too, one per line.
listing() { ls -A "$1" | LC_ALL=C sort; }
# refused_output WHAT OUT: export -o OUT failed as it must.
refused_output() {
  what=$1 outpath=$2
  no_crash "export -o $what" || return
  if [ "$rc" -ne 2 ]; then fail "export -o $what: exit status $rc, expected 2"; return; fi
  if [ "$(wc -l <"$work/err")" -ne 1 ]; then fail "export -o $what: the message is not one line"; return; fi
  if ! grep -F -q -- "$outpath" "$work/err"; then fail "export -o $what: the message does not name $outpath"; return; fi
  if [ -s "$work/out" ]; then fail "export -o $what: wrote to standard output"; return; fi
  pass "export -o $what: status 2, $(cat "$work/err")"
}

run export report.txt -o "$work/nowhere/deeper/out.yaml"
refused_output "into a folder that does not exist" "$work/nowhere/deeper/out.yaml"
check_that "export -o into a missing folder creates no folder" test ! -e nowhere

mkdir outdir; echo "old" >outdir/inside
run export report.txt -o outdir
refused_output "onto a folder" outdir
check_that "export -o onto a folder leaves it as it was" sh -c "[ \"\$(ls -A outdir)\" = inside ] && grep -qx old outdir/inside"

# -o through a chain of links to a file not there yet: the file is made
# where the chain ends, every link stays a link. A loop of links is
# refused with a message.
mkdir chain && ln -s middle chain/out.yaml && ln -s ../made.yaml chain/middle
run export report.txt -o chain/out.yaml
no_crash "export -o through two links" &&
  check_that "export -o through two links: written where they end, both links kept" \
    sh -c "[ $rc -eq 0 ] && [ -L chain/out.yaml ] && [ -L chain/middle ] && grep -q 'format: nianbao/1' made.yaml"
ln -s loop-b chain/loop-a && ln -s loop-a chain/loop-b
run export report.txt -o chain/loop-a
refused_output "into a loop of links" chain/loop-a
check_that "export -o into a loop of links: the links stay" sh -c "[ -L chain/loop-a ] && [ -L chain/loop-b ]"

# Standard output on a full device.
if [ -w /dev/full ]; then
  $bounded "$NB_BIN" export report.txt >/dev/full 2>err; rc=$?
  : >out
  no_crash "export to /dev/full" &&
    check_that "export to a full standard output: status 2 and a message" sh -c "[ $rc -eq 2 ] && [ -s '$work/err' ]"
  $bounded "$NB_BIN" check "$inconsistent" >/dev/full 2>err; rc=$?
  no_crash "check to /dev/full" &&
    check_that "check to a full standard output: status 2 and a message" sh -c "[ $rc -eq 2 ] && [ -s '$work/err' ]"
fi

# A folder the user may not write to (file modes: as root, as user nobody).
mkdir -p rodir; echo "old export" >rodir/old.yaml
chmod 555 rodir; chmod 444 rodir/old.yaml
before=$(listing rodir)
if [ "$(id -u)" -ne 0 ]; then
  run export report.txt -o "$work/rodir/old.yaml"
  refused_output "onto a file in a read-only folder" "$work/rodir/old.yaml"
  run export report.txt -o "$work/rodir/new.yaml"
  refused_output "into a read-only folder" "$work/rodir/new.yaml"
  nobody_ok=yes
elif command -v setpriv >/dev/null 2>&1 && chmod 755 "$work" && chmod 644 report.txt &&
     setpriv --reuid=65534 --regid=65534 --clear-groups "$NB_BIN" --version >/dev/null 2>&1; then
  for target in old.yaml new.yaml; do
    $bounded setpriv --reuid=65534 --regid=65534 --clear-groups "$NB_BIN" export "$work/report.txt" \
      -o "$work/rodir/$target" >out 2>err
    rc=$?
    refused_output "$target in a folder without write permission (as nobody)" "$work/rodir/$target"
  done
  nobody_ok=yes
else
  echo "SKIP: running as root and cannot become user nobody: no write-permission test"
  nobody_ok=no
fi
if [ $nobody_ok = yes ]; then
  check_that "a refused -o leaves the folder's files as they were" [ "$(listing rodir)" = "$before" ]
  check_that "a refused -o leaves the old output unchanged" grep -qx 'old export' rodir/old.yaml
fi
chmod 755 rodir

# Every sample exported at once onto the same OUT, three times over: OUT is
# always one whole export, never a mix, and no temp file is left.
mkdir race
i=0
for f in "$NB_SRCDIR"/samples/*.txt; do
  i=$((i + 1))
  "$NB_BIN" export "$f" >race/expected.$i.yaml 2>/dev/null
done
race_ok=yes
for round in 1 2 3; do
  for f in "$NB_SRCDIR"/samples/*.txt; do "$NB_BIN" export "$f" -o race/out.yaml 2>/dev/null & done
  wait
  whole=no
  for e in race/expected.*.yaml; do cmp -s race/out.yaml "$e" && whole=yes; done
  [ $whole = yes ] || { race_ok=no; fail "round $round of racing exports: OUT is none of the exports whole"; }
  if ls -A race | grep -q '\.tmp'; then race_ok=no; fail "round $round of racing exports left a temp file"; fi
done
[ $race_ok = yes ] && pass "$i exports racing onto one OUT, three rounds: always one whole export, no temp file"

# SIGKILL while export -o is half-way through writing (the test hook
# NIANBAO_TEST_WRITE_STALL stops the write there): OUT keeps its old bytes.
echo "the previous export" >killed.yaml
rm -f stalled
NIANBAO_TEST_WRITE_STALL=$work/stalled "$NB_BIN" export report.txt -o "$work/killed.yaml" >/dev/null 2>&1 &
export_pid=$!
i=0; while [ ! -e stalled ] && [ $i -lt 100 ]; do i=$((i + 1)); sleep 0.1; done
if [ -e stalled ]; then
  check_that "export -o is stopped with its temp file half written" sh -c "ls -A | grep -q '^\\.killed\\.yaml\\.tmp'"
  kill -9 $export_pid; wait $export_pid 2>/dev/null
  check_that "SIGKILL during export -o leaves OUT as it was" grep -qx 'the previous export' killed.yaml
  # B6: once its process is gone and it has not changed for ten minutes,
  # the next save of the same file removes it.
  for t in .killed.yaml.tmp*; do touch -d '20 minutes ago' "$t"; done
  run export report.txt -o "$work/killed.yaml"
  check_that "B6: the next export -o of the file succeeds" [ "$rc" -eq 0 ]
  check_that "B6: it removes the temp file the killed export left" sh -c '! ls -A | grep -q "^\.killed\.yaml\.tmp"'
  rm -f .killed.yaml.tmp*
else
  kill -9 $export_pid 2>/dev/null; wait $export_pid 2>/dev/null
  fail "export -o never reached the half-way point of its write"
fi

# A read-only file system, a read-only bind mount and a full disk, for
# real: a 64 KiB tmpfs in a private mount namespace. The inner script
# prints ok:/FAIL: lines, counted below.
# Root uses a plain mount namespace; anyone else (or a root without
# CAP_SYS_ADMIN) may still get one inside a user namespace.
ns=
if command -v unshare >/dev/null 2>&1; then
  for try in "unshare -m" "unshare -rm"; do
    if $try sh -c 'd=$(mktemp -d) && mount -t tmpfs -o size=64k tmpfs "$d" && umount "$d" && rmdir "$d"' >/dev/null 2>&1; then
      ns=$try; break
    fi
  done
fi
if [ -n "$ns" ]; then
  mkdir disk bind
  $bounded $ns sh -s "$NB_BIN" "$work" >fs.log 2>&1 <<'INNER'
set -u
bin=$1 work=$2 disk=$2/disk
say_ok() { echo "ok: $*"; }
say_fail() { echo "FAIL: $*"; }
listing() { ls -A "$1" | LC_ALL=C sort; }
# expect_refused WHAT OUT WORD: export -o OUT failed with status 2, a
# one-line message naming OUT and containing WORD, OUT unchanged (as
# saved in $work/out.before, or absent), no file added to its folder.
expect_refused() {
  what=$1 outpath=$2 word=$3 dir=$(dirname "$2")
  before=$(listing "$dir")
  "$bin" export "$work/report.txt" -o "$outpath" >"$work/out" 2>"$work/err"
  rc=$?
  if grep -E -q 'Sanitizer|runtime error|Segmentation' "$work/err"; then say_fail "$what: crash"; return; fi
  if [ $rc -ne 2 ]; then say_fail "$what: status $rc, expected 2"; return; fi
  if [ "$(wc -l <"$work/err")" -ne 1 ] || ! grep -F -q -- "$outpath" "$work/err" ||
     ! grep -q -- "$word" "$work/err"; then
    say_fail "$what: the message is not one line naming $outpath and saying '$word': $(cat "$work/err")"; return
  fi
  if [ -e "$work/out.before" ]; then
    cmp -s "$outpath" "$work/out.before" || { say_fail "$what: the old output changed"; return; }
  else
    [ -e "$outpath" ] && { say_fail "$what: the output was created"; return; }
  fi
  [ "$(listing "$dir")" = "$before" ] || { say_fail "$what: files were added or removed: $(listing "$dir" | tr '\n' ' ')"; return; }
  say_ok "$what: $(cat "$work/err")"
}
mount -t tmpfs -o size=64k tmpfs "$disk" || { say_fail "cannot mount the tmpfs"; exit 1; }
echo "the previous export" >"$disk/out.yaml"
cp "$disk/out.yaml" "$work/out.before"

# Full: fill to the last block, then export over the old file.
dd if=/dev/zero of="$disk/filler" bs=1k 2>/dev/null
expect_refused "export -o onto a file on a full disk" "$disk/out.yaml" "full"
# Nearly full: room for the temp file to be created and half written.
rm -f "$disk/filler"
dd if=/dev/zero of="$disk/filler" bs=1k count=48 2>/dev/null
expect_refused "export -o onto a file on a nearly full disk (20 KiB export, 12 KiB free)" "$disk/out.yaml" "full"
mv "$work/out.before" "$work/out.kept"
expect_refused "export -o of a new file on a nearly full disk" "$disk/new.yaml" "full"
mv "$work/out.kept" "$work/out.before"
rm -f "$disk/filler"

# Read-only: the same tmpfs remounted read-only.
if mount -o remount,ro "$disk"; then
  expect_refused "export -o onto a file on a read-only file system" "$disk/out.yaml" "read-only"
  rm -f "$work/out.before"
  expect_refused "export -o of a new file on a read-only file system" "$disk/new.yaml" "read-only"
else
  echo "SKIP: cannot remount the tmpfs read-only"
fi
umount "$disk"

# A read-only bind mount of an ordinary folder.
bind=$work/bind
echo "the previous export" >"$bind/out.yaml"
cp "$bind/out.yaml" "$work/out.before"
if mount --bind "$bind" "$bind" && mount -o remount,bind,ro "$bind"; then
  expect_refused "export -o onto a file in a read-only bind mount" "$bind/out.yaml" "read-only"
  umount "$bind"
else
  echo "SKIP: cannot make a read-only bind mount"
fi
exit 0
INNER
  ns_rc=$?
  sed 's/^/  /' fs.log
  n_ok=$(grep -c '^ok: ' fs.log)
  n_fail=$(grep -c '^FAIL: ' fs.log)
  passed=$((passed + n_ok))
  failed=$((failed + n_fail))
  if [ $ns_rc -ne 0 ]; then fail "the mount-namespace part ended with status $ns_rc"; fi
  if [ "$n_ok" -eq 0 ]; then fail "the mount-namespace part ran no check"; fi
else
  echo "SKIP: cannot mount a tmpfs in a private mount namespace here: no real full-disk or read-only test"
fi

# ---------------------------------------------------------------------------
# 4. Malformed review files: verify refuses each with status 2 and one
# line naming the file, the line and the column; nothing is written.
# The base is a valid, unsigned review: the export plus a review section.
{ cat clean.yaml
  printf 'review:\n  report: 0\n  reviewer: null\n  edits: []\n  statuses: []\n  signoff: null\n...\n'
} >base.review.yaml
run verify base.review.yaml
if no_crash "verify of a valid unsigned review"; then
  check_that "verify of a valid unsigned review: status 1 (not signed)" [ "$rc" -eq 1 ]
  check_that "verify of a valid unsigned review: says it was not signed" grep -q '^missing *sign-off' out
fi
# A review file that is a FIFO is refused at once, never waited on, by
# verify and record, and summary of its report says the review cannot
# be read (each bounded: a hang fails the test).
if command -v mkfifo >/dev/null 2>&1; then
  mkdir fifo && cp report.txt fifo/r.txt && mkfifo fifo/r.txt.review.yaml
  for cmd in verify record; do
    run $cmd fifo/r.txt.review.yaml
    no_crash "$cmd of a FIFO review file" &&
      check_that "$cmd of a FIFO review file: status 2 at once, one line saying why" \
        sh -c "[ $rc -eq 2 ] && [ \$(wc -l <'$work/err') -eq 1 ] && grep -q 'not a regular file' '$work/err'"
  done
  run summary -f csv fifo
  no_crash "summary beside a FIFO review file" &&
    check_that "summary beside a FIFO review file: the review is unreadable, the report still summed up" \
      grep -q '"unreadable"' out
else
  echo "SKIP: no mkfifo: FIFO review files not tested"
fi
mkdir bad
b=base.review.yaml
sed '$d' $b >bad/no-end-marker.review.yaml
head -c 5000 $b >bad/cut-mid-line.review.yaml
sed 's|^format: nianbao/1|format: nianbao/9|' $b >bad/newer-format.review.yaml
sed 's|^format: nianbao/1|format: 1|' $b >bad/format-number.review.yaml
sed 's|^  reviewer: null|  reviewer: \&who "x"|' $b >bad/anchor.review.yaml
sed 's|^  edits: \[\]|  edits: *who|' $b >bad/alias.review.yaml
sed 's|^  year: 2023|  year: 2023\n  year: 2024|' $b >bad/duplicate-key.review.yaml
sed 's|^  year: 2023|  year: "twenty"|' $b >bad/text-year.review.yaml
sed 's|suit_direct: {upheld: 1,|suit_direct: {upheld: [1],|' $b >bad/list-cell.review.yaml
sed 's|suit_direct: {upheld: 1,|suit_direct: {upheld: 1234567890123456789012345678901234567890,|' $b >bad/absurd-cell.review.yaml
sed 's|suit_direct: {upheld: 1,|suit_direct: {upheld: 1e9,|' $b >bad/exponent-cell.review.yaml
sed 's|suit_direct: {upheld: 1,|suit_direct: {upheld: !!int 1,|' $b >bad/tag.review.yaml
sed 's|suit_direct: {upheld: 1,|suit_direct: {bogus: 1,|' $b >bad/unknown-column.review.yaml
sed 's|^      suit_direct: |      suit_sideways: |' $b >bad/unknown-row.review.yaml
sed 's|^    appeals.review.upheld: {at: "[0-9:-]*", origin: read}|    appeals.bogus.cell: {at: "80:1-2", origin: read}|' $b >bad/source-unknown-cell.review.yaml
sed 's|^    appeals.review.upheld: {at: "[0-9:-]*", origin: read}|    appeals.review.upheld: {at: "zzz", origin: read}|' $b >bad/source-bad-place.review.yaml
sed 's|^    appeals.review.upheld: {at: "\([0-9:-]*\)", origin: read}|    appeals.review.upheld: {at: "\1", origin: forged}|' $b >bad/source-bad-origin.review.yaml
sed 's|^  sha256: "[0-9a-f]*"|  sha256: "not-a-hash"|' $b >bad/bad-hash.review.yaml
zeros=$(printf '%064d' 0)
sed "s|^  signoff: null|  signoff: {reviewer: \"x\", time: \"2026-11-24T12:00:00+08:00\", verdict: maybe, note: null, override: false, override_note: null, source_sha256: \"$zeros\", data_sha256: \"$zeros\", seal_sha256: \"$zeros\", void: false}|" $b >bad/bad-verdict.review.yaml
sed 's|^  statuses: \[\]|  statuses:\n  - {finding: "x", status: sideways, note: null}|' $b >bad/bad-status.review.yaml
{ sed '$d' $b; echo '---'; cat $b; } >bad/two-documents.review.yaml
iconv -f UTF-8 -t GB18030 $b >bad/gb18030.review.yaml
awk 'NR == 10 { $0 = $0 "\377\376" } { print }' $b >bad/invalid-utf8.review.yaml
awk 'NR == 10 { $0 = $0 "\033]2;PWNED\007" } { print }' $b >bad/raw-escape.review.yaml
{ head -n 2 $b; printf 'deep: '
  i=0; while [ $i -lt 100 ]; do printf '['; i=$((i + 1)); done
  i=0; while [ $i -lt 100 ]; do printf ']'; i=$((i + 1)); done
  echo; tail -n +3 $b; } >bad/nested-100.review.yaml
printf 'just a line of text\n...\n' >bad/scalar.review.yaml
printf -- '- a\n- list\n...\n' >bad/list.review.yaml
cp ls.bin bad/binary.review.yaml
for f in bad/*.review.yaml; do
  cp "$f" "$f.before"
  run verify "$f"
  if no_crash "verify $f"; then
    if [ "$rc" -eq 2 ] && [ "$(wc -l <err)" -eq 1 ] && grep -F -q "$f" err && [ ! -s out ]; then
      pass "verify refuses $f: $(cat err)"
    else
      fail "verify $f: status $rc, expected 2 and one line naming the file (stdout: $(head -c 200 out))"
    fi
  fi
  cmp -s "$f" "$f.before" || fail "verify changed $f"
done
# Where the line is known, the message gives it with the column.
for f in duplicate-key text-year list-cell anchor nested-100 newer-format; do
  run verify bad/$f.review.yaml
  grep -q 'line [0-9][0-9]*, column [0-9]' err ||
    fail "verify bad/$f.review.yaml: no line and column in the message"
done
# Over the 64 MiB a review file may have (sparse).
if truncate -s 65M huge.review.yaml 2>/dev/null; then
  refused verify huge.review.yaml "a 65 MiB review file"
  rm -f huge.review.yaml
fi

# ---------------------------------------------------------------------------
# 5. Damage of every kind at once: each bundled sample and the review file
# mutated (bytes replaced, cut out, repeated, moved; numbers, tabs, table
# titles, escape sequences and \r put in) with fixed seeds. Whatever comes
# out, a documented status, no crash, nothing raw for the terminal, and a
# refused review file is refused in one line.
cat >mutate.awk <<'EOF'
# The whole file as one string of bytes (C locale), n mutations from seed.
function rnd(m) { x = (16807 * x) % 2147483647; return int(x / 8) % m }
BEGIN { RS = "\001\002\003"; x = seed }
{ s = (NR > 1 ? s RS : "") $0 }
END {
  split("0|\t|\n|99999999999999999|（七）总计|三、收到和处理政府信息公开申请情况|-|—|\033[2J|1.5|万元|四、政府信息公开行政复议、行政诉讼情况| |\r|\033]2;PWNED\007", pool, "|")
  for (k = 0; k < n; k++) {
    L = length(s); if (L < 2) break
    p = rnd(L) + 1; op = rnd(5)
    if (op == 0) s = substr(s, 1, p - 1) sprintf("%c", 1 + rnd(255)) substr(s, p + 1)
    else if (op == 1) s = substr(s, 1, p - 1) substr(s, p + rnd(200) + 1)
    else if (op == 2) s = substr(s, 1, p - 1) substr(s, p, rnd(300) + 1) substr(s, p)
    else if (op == 3) s = substr(s, 1, p - 1) pool[rnd(15) + 1] substr(s, p)
    else s = substr(s, 1, p - 1) substr(s, rnd(L) + 1, rnd(100) + 1) substr(s, p)
  }
  printf "%s", s
}
EOF
mutants=0 mutant_failures=$failed
for f in "$NB_SRCDIR"/samples/*.txt; do
  for seed in 1 2 3; do
    mutants=$((mutants + 1))
    LC_ALL=C awk -v seed=$((seed * 7919 + mutants)) -v n=$((seed * 4)) -f mutate.awk "$f" >mutant.txt
    for args in "check mutant.txt" "check -f json mutant.txt" "export mutant.txt"; do
      run $args
      no_crash "$args ($(basename "$f"), seed $seed)" || continue
      [ "$rc" -le 2 ] || fail "$args ($(basename "$f"), seed $seed): status $rc"
    done
  done
done
for seed in $(seq 1 30); do
  mutants=$((mutants + 1))
  LC_ALL=C awk -v seed=$((seed * 104729)) -v n=$((1 + seed % 6)) -f mutate.awk base.review.yaml >mutant.review.yaml
  run verify mutant.review.yaml
  no_crash "verify of a mutated review (seed $seed)" || continue
  case $rc in
    0|1) ;;
    2) [ "$(wc -l <err)" -eq 1 ] || fail "verify of a mutated review (seed $seed): the refusal is not one line" ;;
    *) fail "verify of a mutated review (seed $seed): status $rc" ;;
  esac
done
[ "$failed" -eq "$mutant_failures" ] && pass "$mutants mutated reports and review files: no crash, documented statuses, nothing raw"

# ---------------------------------------------------------------------------
# 6. Bugs found by this test and fixed since (notes/bugs.md, by number):
# they stay checked.
# B1: verify shows the texts of a review file (reviewer, source path) with
# stand-ins; a sign-off time that is not ISO 8601 is refused.
zeros=$(printf '%064d' 0)
mkdir -p esc
cp report.txt "esc/r$(printf '\033')]2;PWNED$(printf '\007').txt"
sed -e 's|^  file: "report.txt"|  file: "r\\e]2;PWNED\\a.txt"|' \
    -e "s|^  signoff: null|  signoff: {reviewer: \"ev\\\\e]0;TITLE\\\\a\\\\u202eil\", time: \"2026-11-24T12:00:00+08:00\", verdict: approved, note: null, override: false, override_note: null, source_sha256: \"$zeros\", data_sha256: \"$zeros\", seal_sha256: \"$zeros\", void: false}|" \
    base.review.yaml >esc/x.review.yaml
run verify esc/x.review.yaml
if no_crash "B1: verify of a review with escape sequences in its reviewer and source path"; then
  check_that "B1: verify reads that review (status 1: the hashes do not match)" [ "$rc" -eq 1 ]
  check_that "B1: the reviewer and the source path are shown with stand-ins" grep -q '␛' out
fi
sed 's|time: "2026-11-24T12:00:00+08:00"|time: "2026\\e[2J"|' esc/x.review.yaml >esc/time.review.yaml
run verify esc/time.review.yaml
no_crash "B1: verify of a sign-off time with an escape sequence" &&
  check_that "B1: a sign-off time that is not ISO 8601 is refused (status 2, one line)" \
    sh -c "[ $rc -eq 2 ] && [ \$(wc -l <'$work/err') -eq 1 ]"
# B11: file names with escape sequences are shown with stand-ins.
mkdir -p names
cp "$inconsistent" "names/y$(printf '\033')]2;PWNED$(printf '\007\033')[2J.txt"
: >"names/e$(printf '\033')[2J.txt"
for args in "check names/y*" "check -q names/y*" "export names/e*" "check names/e*" "verify names/e*"; do
  run $args
  no_crash "B11: $args, escape sequences in the file name" && pass "B11: $args: the file name is shown safely"
done
# B12: a review whose source is a FIFO: not found at once, never waited on.
if mkfifo fifo 2>/dev/null; then
  sed 's|^  file: "report.txt"|  file: "fifo"|' base.review.yaml >fifo.review.yaml
  timeout 10 "$NB_BIN" verify fifo.review.yaml >out 2>err
  rc=$?
  if [ $rc -eq 1 ]; then pass "B12: verify of a review whose source is a FIFO: status 1 at once"
  else fail "B12: verify of a review whose source is a FIFO: status $rc (124 = hung)"; fi
fi

# B2: export -o naming the report itself (the same name, a symbolic or a
# hard link) is refused and the report left as it was.
cp report.txt self.txt
ln -s self.txt self-symlink.yaml
ln self.txt self-hardlink.yaml
for out in self.txt self-symlink.yaml self-hardlink.yaml ./self.txt; do
  run export self.txt -o $out
  if no_crash "B2: export self.txt -o $out"; then
    if cmp -s self.txt report.txt && [ "$rc" -eq 2 ] && [ "$(wc -l <err)" -eq 1 ]; then
      pass "B2: export self.txt -o $out is refused, the report unchanged: $(cat err)"
    else
      fail "B2: export self.txt -o $out: status $rc, report unchanged: $(cmp -s self.txt report.txt && echo yes || echo no)"
      cp report.txt self.txt
    fi
  fi
done
# B3: check names a file with no report and a report without tables, and
# --report/--year that select nothing exit 2 as export does.
run check hugeline.txt
no_crash "B3: check of a file with no report" &&
  check_that "B3: check says a file holds no report (status 0, a warning naming it)" \
    sh -c "[ $rc -eq 0 ] && grep -E -q 'no report.*hugeline.txt|hugeline.txt.*no report' '$work/err'"
run check narrative.txt
no_crash "B3: check of narrative only" &&
  check_that "B3: check names a report without standard tables" grep -q 'warning: narrative.txt: .*tables' err
run check -y 1999 report.txt
no_crash "B3: check -y 1999" && check_that "B3: check -y for a year no report covers: status 2" [ "$rc" -eq 2 ]
run check -r 5 report.txt
no_crash "B3: check -r 5" && check_that "B3: check -r for a report the file does not hold: status 2" [ "$rc" -eq 2 ]
# B4: an OUT its owner made read-only (mode 444) in a writable folder is
# not replaced (file modes bind only a user other than root).
mkdir -p ro444 && chmod 777 ro444 && echo "kept export" >ro444/out.yaml && chmod 444 ro444/out.yaml
if [ "$(id -u)" -ne 0 ]; then
  run export report.txt -o "$work/ro444/out.yaml"
  b4=ran
elif command -v setpriv >/dev/null 2>&1 && chown 65534 ro444/out.yaml 2>/dev/null &&
     setpriv --reuid=65534 --regid=65534 --clear-groups "$NB_BIN" --version >/dev/null 2>&1; then
  $bounded setpriv --reuid=65534 --regid=65534 --clear-groups "$NB_BIN" export "$work/report.txt" \
    -o "$work/ro444/out.yaml" >out 2>err
  rc=$?
  b4=ran
else
  echo "SKIP: cannot act as a user other than root: no mode-444 test"
  b4=skipped
fi
if [ $b4 = ran ] && no_crash "B4: export -o onto a mode-444 file"; then
  check_that "B4: export -o onto its owner's read-only file is refused (status 2) and the file kept" \
    sh -c "[ $rc -eq 2 ] && grep -qx 'kept export' '$work/ro444/out.yaml'"
fi
# B17: a report that cannot be written is an error, never a silent success.
if [ -w /dev/full ]; then
  for args in "verify base.review.yaml" "--help" "--version" "check --list-rules"; do
    $bounded "$NB_BIN" $args >/dev/full 2>err
    rc=$?
    check_that "B17: nianbao $args to a full standard output: status 2 and a message" \
      sh -c "[ $rc -eq 2 ] && [ -s '$work/err' ]"
  done
fi

# B19: export -o onto a device or a FIFO writes into it, never replaces the
# node with a regular file. Root is never pointed at the real /dev/null (a
# regression would replace it): a device made in a private tmpfs stands
# in; user nobody, who cannot replace anything in /dev, uses the real one.
if [ -n "$ns" ] && [ "$(id -u)" -eq 0 ]; then
  mkdir -p devs
  $bounded $ns sh -s "$NB_BIN" "$work" >devs.log 2>&1 <<'INNER'
bin=$1 work=$2 d=$2/devs
mount -t tmpfs tmpfs "$d" || exit 1
mknod "$d/null" c 1 3 && mkfifo "$d/fifo" || exit 1
"$bin" export "$work/report.txt" -o "$d/null" >/dev/null 2>&1
[ -c "$d/null" ] && echo "ok: export -o onto a character device leaves the device" ||
  echo "FAIL: B19: export -o onto a character device replaced it with a regular file"
(cat "$d/fifo" >"$work/from-fifo.yaml" &)
# A FIFO that nothing reads yet is refused at once (by design): under load
# the reader above may not have opened it, so try again for a while.
t=0
while [ $t -lt 100 ] && ! timeout 10 "$bin" export "$work/report.txt" -o "$d/fifo" >/dev/null 2>&1 &&
  [ -p "$d/fifo" ]; do t=$((t + 1)); sleep 0.1; done
[ -p "$d/fifo" ] && echo "ok: export -o onto a FIFO leaves the FIFO" ||
  echo "FAIL: B19: export -o onto a FIFO replaced it with a regular file"
i=0; while [ $i -lt 300 ] && ! grep -q '^reports:' "$work/from-fifo.yaml" 2>/dev/null; do i=$((i + 1)); sleep 0.1; done
grep -q '^format: nianbao/1' "$work/from-fifo.yaml" && echo "ok: the reader of the FIFO gets the YAML" ||
  echo "FAIL: B19: nothing came out of the FIFO"
umount "$d"
INNER
  sed 's/^/  /' devs.log
  passed=$((passed + $(grep -c '^ok: ' devs.log)))
  failed=$((failed + $(grep -c '^FAIL: ' devs.log)))
  [ "$(grep -c '^ok: ' devs.log)" -gt 0 ] || fail "B19: the device part ran no check: $(head -c 200 devs.log)"
else
  echo "SKIP: B19 with a device node needs root and a private mount namespace (mknod in a tmpfs)"
fi
if [ "$(id -u)" -ne 0 ]; then
  run export report.txt -o /dev/null
  no_crash "B19: export -o /dev/null" && check_that "B19: export -o /dev/null: status 0" [ "$rc" -eq 0 ]
elif [ "${nobody_ok:-no}" = yes ]; then
  $bounded setpriv --reuid=65534 --regid=65534 --clear-groups "$NB_BIN" export "$work/report.txt" -o /dev/null >out 2>err
  rc=$?
  no_crash "B19: export -o /dev/null as nobody" && check_that "B19: export -o /dev/null as nobody: status 0" [ "$rc" -eq 0 ]
fi
check_that "B19: /dev/null is still a character device" test -c /dev/null

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
