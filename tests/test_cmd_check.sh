#!/bin/sh
# `nianbao check` from the outside: the compiler-style lines, -q, YAML and
# JSON, the options, and the exit statuses 0 / 1 / 2 (with the other files
# still checked when one cannot be read). Runs on the project's samples,
# and on ../shared/corpus when it is there.
# Exit 77 (skip) when the program is not built.
set -u
bin=${NB_BIN:-./nianbao}
src=${NB_SRCDIR:-.}
if ! test -x "$bin"; then
  echo "SKIP: $bin is not built"
  exit 77
fi
LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE=
export LANG LC_ALL LANGUAGE
tmp=$(mktemp -d "${TMPDIR:-/tmp}/nb-check.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# run NAME EXPECTED-STATUS ARGS...: stdout to $tmp/NAME.out, stderr to .err
run() {
  name=$1 want=$2
  shift 2
  "$bin" check "$@" > "$tmp/$name.out" 2> "$tmp/$name.err"
  got=$?
  if test "$got" -eq "$want"; then ok; else bad "$name: exit $got, expected $want"; cat "$tmp/$name.err"; fi
}

broken=$src/samples/yunxiu-2023-inconsistent.txt
clean=$src/samples/hefeng-2022-cells.txt
for f in "$broken" "$clean"; do
  test -f "$f" || { echo "SKIP: sample $f missing"; exit 77; }
done

# errors: exit 1, one line per finding in the form FILE:LINE:COL: error: [rule] message
run broken 1 "$broken"
# the message names the stated total, then the non-zero terms by their labels;
# line:column is the cell that explains both errors (47 at line 30)
if grep -q "^$broken:30:18: error: \[applications.row_total\] 一、本年新收·总计 54 ≠ 55 = 自然人 47 + 商业企业 5 + 法律服务机构 2 + 其他 1 (" "$tmp/broken.out"; then ok; else bad "row_total line"; cat "$tmp/broken.out"; fi
if grep -q "^$broken:30:18: error: \[applications.balance\] 自然人: 一、本年新收 47 + 二、上年结转 3 = 50 ≠ 49 = (七)总计 45 + 四、结转下年度 4 (likely culprit: applications.new_received.natural_person, which would need 46)" "$tmp/broken.out"; then ok; else bad "balance line with culprit"; fi
# one cause behind both: said once, before them
if test "$(grep -c ': note: 一、本年新收·自然人 reads 47; 46 would make every identity it is in hold, which explains 2 findings: applications.row_total (一、本年新收), applications.balance (自然人)$' "$tmp/broken.out")" -eq 1 &&
   head -n 1 "$tmp/broken.out" | grep -q ': note: '; then ok; else bad "the cause, once"; fi
if grep -q "warning: \[text.vs_table\]" "$tmp/broken.out"; then ok; else bad "text.vs_table warning"; fi
if test "$(grep -c ': error: ' "$tmp/broken.out")" -eq 2; then ok; else bad "two errors expected"; fi

# nothing to say: exit 0, no output
run clean 0 "$clean"
if test ! -s "$tmp/clean.out"; then ok; else bad "clean sample printed something"; cat "$tmp/clean.out"; fi

# a file that cannot be read: exit 2, said on stderr, the others still checked
run missing 2 "$tmp/no-such-file.txt" "$broken"
if grep -q "no-such-file.txt" "$tmp/missing.err"; then ok; else bad "unreadable file not named on stderr"; fi
if grep -q "applications.row_total" "$tmp/missing.out"; then ok; else bad "the readable file was not checked"; fi

# -q: one line per file
run quiet 1 -q "$broken" "$clean"
if test "$(wc -l < "$tmp/quiet.out")" -eq 2 && grep -q ": 1 report, 1 with tables: 2 errors, 1 warning$" "$tmp/quiet.out" &&
   grep -q ": 1 report, 1 with tables: 0 errors, 0 warnings$" "$tmp/quiet.out"; then ok; else bad "-q summary"; cat "$tmp/quiet.out"; fi

# YAML: findings per file and report, CJK as is, messages quoted
run yaml 1 --format yaml "$broken"
if head -n 1 "$tmp/yaml.out" | grep -q '^format: nianbao-check/1$'; then ok; else bad "yaml header"; fi
if grep -q '^    - rule: applications.row_total$' "$tmp/yaml.out" &&
   grep -q '      message: "一、本年新收·总计 54 ≠ 55 = 自然人 47 + 商业企业 5 + 法律服务机构 2 + 其他 1"' "$tmp/yaml.out" &&
   grep -q '      target: applications.new_received.natural_person$' "$tmp/yaml.out" &&
   grep -q '      culprit: {cell: applications.new_received.natural_person, value: 46, alone: true}' "$tmp/yaml.out" &&
   test "$(grep -c '        explains: 2$' "$tmp/yaml.out")" -eq 2; then ok
else bad "yaml findings"; cat "$tmp/yaml.out"; fi
if grep -q '\\u' "$tmp/yaml.out"; then bad "yaml escapes CJK"; else ok; fi

# JSON: escaped quotes, the same fields
run json 2 -f json "$broken" "$tmp/absent.txt"
if head -c 40 "$tmp/json.out" | grep -q '^{"format": "nianbao-check/1", "files": \['; then ok; else bad "json header"; fi
if grep -q '"rule": "text.vs_table", "severity": "warning", "cells": \["appeals.suit_direct.total", "appeals.suit_after_review.total"\], "message": "the text says \\"全年因政府信息公开引发行政复议4件、行政诉讼3件\\"' "$tmp/json.out"; then ok
else bad "json finding with escaped quotes"; cat "$tmp/json.out"; fi
# a narrative finding says how it maps: to one cell, or (here) to a sum of two
if grep -q '(sum of 2 cells)", "confidence": "sum", "line": 7' "$tmp/json.out"; then ok
else bad "json finding's confidence"; fi
run yamlconf 1 -f yaml "$broken"
if grep -q '^      confidence: sum$' "$tmp/yamlconf.out"; then ok; else bad "yaml finding's confidence"; fi
if grep -q '"error": ' "$tmp/json.out"; then ok; else bad "json names the unreadable file"; fi
# braces and brackets balance (outside strings there are no others)
opens=$(tr -cd '{[' < "$tmp/json.out" | wc -c)
closes=$(tr -cd '}]' < "$tmp/json.out" | wc -c)
if test "$opens" -eq "$closes"; then ok; else bad "json brackets do not balance ($opens/$closes)"; fi

# a file name that is not UTF-8 is written with U+FFFD, so the YAML and JSON stay readable
odd="$tmp/odd$(printf '\377')name.txt"
cp "$broken" "$odd"
run oddyaml 1 -f yaml "$odd"
if grep -q "odd$(printf '\357\277\275')name.txt" "$tmp/oddyaml.out" && grep -q 'rule: applications.balance' "$tmp/oddyaml.out"; then ok
else bad "yaml with a non-UTF-8 file name"; cat "$tmp/oddyaml.err"; fi
run oddjson 1 -f json "$odd"
if grep -q "odd$(printf '\357\277\275')name.txt" "$tmp/oddjson.out"; then ok; else bad "json with a non-UTF-8 file name"; fi

# a file name with escape sequences (from a glob over downloaded reports)
# is shown with stand-ins, in text lines, -q lines and messages (bug B11)
unsafe_re=$(printf '[\001-\010\013-\037\177]|\302[\200-\237]|\342\200[\252-\256]|\342\201[\246-\251]')
esc=$(printf '\033')
mkdir "$tmp/esc"
cp "$broken" "$tmp/esc/y${esc}]2;PWN$(printf '\007')${esc}[2J$(printf '\342\200\256').txt"
: >"$tmp/esc/e${esc}[2J.txt"
run escname 2 "$tmp"/esc/y* "$tmp"/esc/e*
run escquiet 2 -q "$tmp"/esc/y* "$tmp"/esc/e*
run escjson 2 -f json "$tmp"/esc/y* "$tmp"/esc/e*
if grep -q '\\u001b\]2;PWN\\u0007\\u001b\[2J\\u202e.txt' "$tmp/escjson.out"; then ok
else bad "json does not escape control characters and bidi overrides in the file name"; cat "$tmp/escjson.out"; fi
run escyaml 2 -f yaml "$tmp"/esc/y* "$tmp"/esc/e*
if grep -q '^- file: ".*/y\\e\]2;PWN\\a\\e\[2J\\u202E.txt"$' "$tmp/escyaml.out"; then ok
else bad "yaml does not escape control characters and bidi overrides in the file name"; cat "$tmp/escyaml.out"; fi
for f in escname.out escname.err escquiet.out escquiet.err escjson.out escyaml.out; do
  if LC_ALL=C grep -E -q "$unsafe_re" "$tmp/$f"; then bad "$f: a file name reached the output raw: $(cat -v "$tmp/$f")"; else ok; fi
done
if grep -q "/y␛\]2;PWN␇␛\[2J◇.txt:[0-9]*:[0-9]*: error: \[applications.row_total\]" "$tmp/escname.out"; then ok
else bad "findings do not name the file with stand-ins"; cat "$tmp/escname.out"; fi
if grep -q "/y␛\]2;PWN␇␛\[2J◇.txt: 1 report, 1 with tables: 2 errors" "$tmp/escquiet.out"; then ok
else bad "-q does not name the file with stand-ins"; cat "$tmp/escquiet.out"; fi
if grep -q "^nianbao check: .*/e␛\[2J.txt: the input is empty" "$tmp/escname.err"; then ok
else bad "the message about an empty file does not name it with stand-ins"; cat "$tmp/escname.err"; fi

# selecting reports: a selection that matches nothing in any file is said,
# per file, and exits 2 as export does (nothing at all was checked)
run year 2 --year 1999 "$broken"
if test ! -s "$tmp/year.out"; then ok; else bad "--year 1999 still printed"; fi
if grep -q "^nianbao check: no report in $broken covers the year 1999$" "$tmp/year.err"; then ok
else bad "--year 1999 not said"; cat "$tmp/year.err"; fi
run report 1 --report 1 "$broken"
run report2 2 --report 2 "$broken"
if grep -q "there is no report 2" "$tmp/report2.err"; then ok; else bad "--report beyond the file not said"; fi
# matching in one file is enough for the status; the other file is named
run yearsome 1 --year 2023 "$broken" "$clean"
if grep -q "^nianbao check: no report in $clean covers the year 2023$" "$tmp/yearsome.err" &&
   grep -q "applications.row_total" "$tmp/yearsome.out"; then ok; else bad "--year 2023 over two files"; cat "$tmp/yearsome.err"; fi
two=$src/samples/luwan-2022-2023-two.txt
if test -f "$two"; then
  run reportyear 2 --report 1 --year 2022 "$two"
  if grep -q "report 1 does not cover the year 2022" "$tmp/reportyear.err"; then ok; else bad "--report 1 --year 2022"; cat "$tmp/reportyear.err"; fi
  run reportyear2 0 --report 2 --year 2022 "$two"
fi
run yearjson 2 -f json --year 1999 "$broken"
opens=$(tr -cd '{[' < "$tmp/yearjson.out" | wc -c)
closes=$(tr -cd '}]' < "$tmp/yearjson.out" | wc -c)
if test "$opens" -gt 0 && test "$opens" -eq "$closes"; then ok; else bad "json of an empty selection is not whole"; fi

# a file with no report, or a report without tables: one warning line
# naming the file on stderr; the status is that of the other files (B3)
awk 'BEGIN { for (i = 0; i < 2000; i++) printf "%d一二%d\n", i, i * 7 }' > "$tmp/junk.txt"
sed -n 1,10p "$src/samples/qinghe-2023-browser.txt" > "$tmp/narrative.txt"
run junk 0 "$tmp/junk.txt"
if test ! -s "$tmp/junk.out" && test "$(wc -l < "$tmp/junk.err")" -eq 1 &&
   grep -q "^nianbao check: warning: no report found in $tmp/junk.txt$" "$tmp/junk.err"; then ok
else bad "a file with no report is not named"; cat "$tmp/junk.err"; fi
run narrative 0 "$tmp/narrative.txt"
if test "$(wc -l < "$tmp/narrative.err")" -eq 1 &&
   grep -q "^nianbao check: warning: $tmp/narrative.txt: report 1 was not checked: no standard statistical tables found in the text$" "$tmp/narrative.err"; then ok
else bad "a report without tables is not named"; cat "$tmp/narrative.err"; fi
run mixed 1 "$tmp/junk.txt" "$broken" "$tmp/narrative.txt"
if grep -q "applications.row_total" "$tmp/mixed.out" && test "$(wc -l < "$tmp/mixed.err")" -eq 2; then ok
else bad "the warnings change what is checked in the other files"; cat "$tmp/mixed.err"; fi

# options
run help 0 --help
if grep -q "Usage: nianbao check" "$tmp/help.out"; then ok; else bad "--help"; fi
run rules 0 --list-rules
for rule in applications.row_total applications.results_total applications.balance appeals.total \
    cells.whole_nonnegative cells.missing active.unit_missing period.year_mismatch text.vs_table \
    cross_year.carried_over cross_year.previous_items cross_year.total_published; do
  if grep -q "^$rule " "$tmp/rules.out"; then ok; else bad "--list-rules lacks $rule"; fi
done
# output that cannot be written: status 2 and a message, never a silent 0 (B17)
for args in "--help" "--list-rules" "$broken" "-q $clean" "-f json $clean" "-f yaml $clean"; do
  if test -w /dev/full; then
    "$bin" check $args > /dev/full 2> "$tmp/full.err"
    got=$?
    if test "$got" -eq 2 && grep -q '^nianbao check: cannot write' "$tmp/full.err"; then ok
    else bad "check $args to a full device: status $got, stderr '$(cat "$tmp/full.err")'"; fi
  fi
  "$bin" check $args >&- 2> "$tmp/closed.err"
  got=$?
  if test "$got" -eq 2 && grep -q '^nianbao check: cannot write' "$tmp/closed.err"; then ok
  else bad "check $args to a closed standard output: status $got, stderr '$(cat "$tmp/closed.err")'"; fi
done
run badopt 2 --frobnicate "$broken"
run badfmt 2 --format xml "$broken"
run noarg 2
run badprev 2 --previous "$tmp/absent.txt" "$broken"
run previous 1 --previous "$clean" "$broken"

# the corpus: exactly the four errors the sources really contain
if test -n "${NB_SHARED:-}" && test -d "$NB_SHARED/corpus"; then
  run corpus 1 "$NB_SHARED"/corpus/*.txt
  if test "$(grep -c ': error: ' "$tmp/corpus.out")" -eq 4 &&
     test "$(grep -c '004_5edd59582b1042bd.txt:[0-9]*:[0-9]*: error: \[applications.balance\]' "$tmp/corpus.out")" -eq 2 &&
     test "$(grep -c '006_hongze_2023.txt:[0-9]*:[0-9]*: error: \[appeals.total\]' "$tmp/corpus.out")" -eq 2; then ok
  else bad "corpus errors"; grep ': error: ' "$tmp/corpus.out"; fi
else
  echo "SKIPPED: corpus part (NB_SHARED=${NB_SHARED:-unset} has no corpus/)"
fi

echo "$pass passed, $fail failed"
test "$fail" -eq 0
