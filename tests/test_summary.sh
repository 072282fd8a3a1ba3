#!/bin/sh
# `nianbao summary` as an evaluator uses it: a folder of reports in each
# format, read back with Python's csv and yaml and compared with the
# hand-verified expected files (the samples', and the corpus's when
# NB_SHARED has it); the review state of a report as its review goes from
# none to saved to signed; unreadable files listed without stopping the
# batch; -o onto an input refused; --by agency; nothing raw on the terminal.
# Also `export -f csv` (the long form of every cell) and `export -f xlsx`
# (read back with openpyxl, every formula evaluated) against the same files.
set -u
: "${NB_SRCDIR:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${NB_BUILDDIR:=$NB_SRCDIR}"
: "${NB_BIN:=$NB_BUILDDIR/nianbao}"
driver=$NB_BUILDDIR/tests/review_driver
if [ ! -x "$NB_BIN" ] || [ ! -x "$driver" ]; then
  echo "SKIP: nianbao or tests/review_driver has not been built"
  exit 77
fi
LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE=
export LANG LC_ALL LANGUAGE
# Debian's Python, where the set-up installs yaml and openpyxl, before any other
python3() { if [ -x /usr/bin/python3 ]; then /usr/bin/python3 "$@"; else command python3 "$@"; fi; }
work=$(mktemp -d "${TMPDIR:-/tmp}/nb_summary.XXXXXX") || exit 99
trap 'rm -rf "$work"' EXIT
trap 'exit 1' INT TERM HUP

passed=0 failed=0
pass() { passed=$((passed + 1)); echo "ok: $*"; }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }
check_that() { what=$1; shift; if "$@"; then pass "$what"; else fail "$what"; fi; }
run() { "$NB_BIN" summary "$@" >"$work/out" 2>"$work/err"; rc=$?; }
# the CSV field KEY of the row whose file ends in NAME
field() { python3 - "$work/out" "$1" "$2" <<'PY'
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")) if r["file"].endswith(sys.argv[2])]
print(rows[0][sys.argv[3]] if rows else "(no row)")
PY
}

# 1. Every report against the expected files, in CSV and YAML.
expected="$NB_SRCDIR/tests/samples/*.yaml"
folders=$NB_SRCDIR/samples
if [ -n "${NB_SHARED:-}" ] && [ -d "$NB_SHARED/corpus" ] && [ -d "$NB_SHARED/expected" ]; then
  expected="$expected $NB_SHARED/expected/*.yaml"
  folders="$folders $NB_SHARED/corpus"
else
  echo "SKIPPED: the corpus part (NB_SHARED=${NB_SHARED:-unset} has no corpus/ and expected/)"
fi
have_python=no
if python3 -c 'import csv, yaml' 2>/dev/null; then
  have_python=yes
else
  echo "SKIPPED: reading the CSV and YAML back (python3 with its yaml module is not installed)"
fi
for fmt in csv yaml; do
  # shellcheck disable=SC2086
  "$NB_BIN" summary -f $fmt -o "$work/all.$fmt" $folders 2>"$work/err"
  rc=$?
  check_that "summary -f $fmt of the folders: status 1 (a sample has errors)" [ $rc -eq 1 ]
  if [ $have_python = yes ]; then
    # shellcheck disable=SC2086
    if python3 "$NB_SRCDIR/tests/summary_check.py" $fmt "$work/all.$fmt" $expected >"$work/check" 2>&1; then
      pass "summary -f $fmt: $(tail -1 "$work/check")"
    else
      fail "summary -f $fmt against the expected files:"; cat "$work/check"
    fi
  fi
done

# 2. The table: a heading and one line per report, numbers to the right.
run "$NB_SRCDIR/samples"
nreports=$(ls "$NB_SRCDIR"/samples/*.txt | wc -l)
check_that "summary table: status 1" [ $rc -eq 1 ]
check_that "summary table: a heading and $((nreports + 1)) report lines (one file holds two)" \
  [ "$(wc -l <"$work/out")" -eq $((nreports + 2)) ]
check_that "summary table: the inconsistent sample shows its 2 errors" \
  grep -q 'yunxiu-2023-inconsistent.txt .* 2 .* 2  not started' "$work/out"
unsafe_re=$(printf '[\001-\010\013-\037\177]|\302[\200-\237]|\342\200[\252-\256]|\342\201[\246-\251]')
check_that "summary table: no control character from a report reaches the terminal" \
  sh -c "! LC_ALL=C grep -E -q '$unsafe_re' '$work/out'"

# 3. The review's state: none, saved with the fix, signed.
mkdir "$work/one" && cp "$NB_SRCDIR/samples/yunxiu-2023-inconsistent.txt" "$work/one/r.txt"
run -f csv "$work/one"
check_that "no review: status 1, not started, 2 open errors" \
  [ $rc -eq 1 ] && [ "$(field r.txt state)" = not_started ] && [ "$(field r.txt open_errors)" = 2 ]
(cd "$work/one" && "$driver" save r.txt applications.new_received.natural_person=46 >/dev/null 2>&1)
run -f csv "$work/one"
check_that "a saved review with the fix: status 0, in progress, 0 open errors" \
  [ $rc -eq 0 ] && [ "$(field r.txt state)" = in_progress ] && [ "$(field r.txt open_errors)" = 0 ]
(cd "$work/one" && "$driver" sign r.txt >/dev/null 2>&1)
run -f csv "$work/one"
check_that "a signed review: signed, by crash-test, approved with notes" \
  [ "$(field r.txt state)" = signed ] && [ "$(field r.txt signer)" = crash-test ] &&
  [ "$(field r.txt verdict)" = approved_with_notes ]
check_that "the review file itself is not read as a report" [ "$(grep -c 'r.txt' "$work/out")" -eq 1 ]

# 4. Files that cannot be read are listed with their reason; the rest go on.
mkdir "$work/mixed" && cp "$NB_SRCDIR/samples/qinghe-2023-browser.txt" "$work/mixed/a.txt"
: >"$work/mixed/empty.txt"
head -c 4000 /dev/urandom >"$work/mixed/random.txt"
run -f csv "$work/mixed"
check_that "unreadable files: status 2" [ $rc -eq 2 ]
check_that "unreadable files: each on stderr" [ "$(wc -l <"$work/err")" -eq 2 ]
check_that "unreadable files: listed with their reason" \
  [ "$(field empty.txt error)" != "" ] && [ "$(field empty.txt error)" != "(no row)" ]
check_that "unreadable files: the readable one is still summed up" [ "$(field a.txt new_received)" = 66 ]

# 5. -o onto a file read is refused and leaves it as it was; -o elsewhere writes.
cp "$work/mixed/a.txt" "$work/a.before"
run -o "$work/mixed/a.txt" "$work/mixed/a.txt"
check_that "-o onto an input: status 2, the input unchanged" [ $rc -eq 2 ] && cmp -s "$work/mixed/a.txt" "$work/a.before"
run -f yaml -o "$work/s.yaml" "$work/mixed/a.txt"
check_that "-o OUT: status 0, the summary in OUT, nothing on standard output" \
  [ $rc -eq 0 ] && grep -q 'format: nianbao-summary/1' "$work/s.yaml" && [ ! -s "$work/out" ]

# 6. One line per agency over its years.
run --by agency -f csv "$NB_SRCDIR/samples/luwan-2022-2023-two.txt" "$NB_SRCDIR/samples/qinghe-2023-browser.txt"
check_that "--by agency: two agencies, the one with two years summed" \
  [ "$(wc -l <"$work/out")" -eq 3 ] && grep -q '"芦湾县人民政府","2022-2023",2,0,0,0,0,291,288' "$work/out"
run --by county "$NB_SRCDIR/samples"
check_that "--by with another word: status 2" [ $rc -eq 2 ]

# 7. export -f csv: every cell of every expected file, one line a cell.
if [ $have_python = yes ]; then
  for e in $expected; do
    name=$(sed -n 's/^file: *//p' "$e" | head -1)
    for dir in "$NB_SRCDIR/samples" "${NB_SHARED:-/nonexistent}/corpus" "${NB_SHARED:-/nonexistent}/pdf"; do
      [ -f "$dir/$name" ] && src=$dir/$name && break
      src=
    done
    if [ -z "$src" ]; then fail "export -f csv: no source $name for $e"; continue; fi
    "$NB_BIN" export -f csv -o "$work/e.csv" "$src" 2>/dev/null
    if python3 "$NB_SRCDIR/tests/export_csv_check.py" "$work/e.csv" "$e" >"$work/check" 2>&1; then
      pass "export -f csv $name: $(tail -1 "$work/check")"
    else
      fail "export -f csv $name:"; cat "$work/check"
    fi
  done
fi
# export -f xlsx: read back with openpyxl — every cell, every formula.
if [ $have_python = yes ] && python3 -c 'import openpyxl' 2>/dev/null; then
  for e in $expected; do
    name=$(sed -n 's/^file: *//p' "$e" | head -1)
    for dir in "$NB_SRCDIR/samples" "${NB_SHARED:-/nonexistent}/corpus" "${NB_SHARED:-/nonexistent}/pdf"; do
      [ -f "$dir/$name" ] && src=$dir/$name && break
      src=
    done
    [ -n "$src" ] || continue
    "$NB_BIN" export -f xlsx -o "$work/e.xlsx" "$src" 2>/dev/null
    if python3 "$NB_SRCDIR/tests/xlsx_check.py" "$work/e.xlsx" "$e" >"$work/check" 2>&1; then
      pass "export -f xlsx $name: $(tail -1 "$work/check")"
    else
      fail "export -f xlsx $name:"; cat "$work/check"
    fi
  done
else
  echo "SKIPPED: reading the workbooks back (python3 with openpyxl is not installed)"
fi
"$NB_BIN" export -f xlsx "$NB_SRCDIR/samples/qinghe-2023-browser.txt" >"$work/q.xlsx" 2>"$work/err"
check_that "export -f xlsx to standard output: status 0, a zip file" \
  sh -c "[ $? -eq 0 ] && head -c 2 '$work/q.xlsx' | grep -q PK"
"$NB_BIN" export -f csv "$NB_SRCDIR/samples/meixi-2024-ctrl.txt" >"$work/out" 2>/dev/null
check_that "export -f csv: no control character from a report on the terminal" \
  sh -c "! LC_ALL=C grep -E -q '$unsafe_re' '$work/out'"
"$NB_BIN" export -f xml "$NB_SRCDIR/samples/meixi-2024-ctrl.txt" >"$work/out" 2>"$work/err"
check_that "export -f with another word: status 2" [ $? -eq 2 ]

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
