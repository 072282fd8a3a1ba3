#!/bin/sh
# Last year's report from another file: `nianbao check` given several
# files or a folder pairs the reports of one agency in consecutive years
# and runs the cross-year rules across them. tests/pairs/ holds the year
# before two samples (see its README): a chain that holds raises nothing,
# each broken chain exactly its rule's findings naming both files; a name
# with its parent region in front pairs, another place's does not, and a
# renamed agency pairs when its title gives the former name.
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
tmp=$(mktemp -d "${TMPDIR:-/tmp}/nb-pairs.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

pairs=$src/tests/pairs
qinghe=$src/samples/qinghe-2023-browser.txt
songlan=$src/samples/songlan-2020-pipe.txt

# check NAME STATUS ARGS...: stdout to $tmp/NAME.out, stderr to .err
check() {
  name=$1 want=$2
  shift 2
  "$bin" check "$@" > "$tmp/$name.out" 2> "$tmp/$name.err"
  got=$?
  if test "$got" -eq "$want"; then ok; else bad "$name: exit $got, expected $want"; cat "$tmp/$name.err"; fi
}

# lines NAME RULE COUNT: the output holds COUNT findings, all of RULE
lines() {
  all=$(grep -c '' "$tmp/$1.out")
  of_rule=$(grep -c "warning: \[$2\]" "$tmp/$1.out")
  if test "$all" -eq "$3" && test "$of_rule" -eq "$3"; then ok
  else bad "$1: $all line(s), $of_rule of $2, expected $3"; cat "$tmp/$1.out"; fi
}

# chains that hold: nothing, in either order of the files
check holds21 0 "$pairs/qinghe-2022.txt" "$qinghe"
lines holds21 cross_year.carried_over 0
check holds21r 0 "$qinghe" "$pairs/qinghe-2022.txt"
lines holds21r cross_year.carried_over 0
check holds19 0 "$songlan" "$pairs/songlan-2019.txt"
lines holds19 cross_year.previous_items 0
# ... but they were paired: the YAML lists the pair with no findings
check holds21y 0 -f yaml "$pairs/qinghe-2022.txt" "$qinghe"
if grep -q "^    previous_file: \"$pairs/qinghe-2022.txt\"$" "$tmp/holds21y.out" &&
   grep -q '^    findings: \[\]$' "$tmp/holds21y.out"; then ok; else bad "the holding pair is not listed"; cat "$tmp/holds21y.out"; fi

# one chain broken per rule: exactly its findings, on this year's cell,
# naming last year's file, line and cell; warnings, so the status stays 0
check carried 0 "$pairs/qinghe-2022-carried.txt" "$qinghe"
lines carried cross_year.carried_over 2
if grep -q "^$qinghe:40:18: warning: \[cross_year.carried_over\] 自然人: 2023 上年结转 5, but the 2022 report carried 6 forward (last year: $pairs/qinghe-2022-carried.txt:63, applications.carried_forward.natural_person)" "$tmp/carried.out"
then ok; else bad "carried_over names both files and cells"; cat "$tmp/carried.out"; fi
check items 0 "$songlan" "$pairs/songlan-2019-items.txt"
lines items cross_year.previous_items 1
if grep -q "active.licensing.previous_items" "$tmp/items.out" && grep -q "last year: $pairs/songlan-2019-items.txt:40," "$tmp/items.out"
then ok; else bad "previous_items names the cell"; fi
check published 0 "$songlan" "$pairs/songlan-2019-published.txt"
lines published cross_year.total_published 1
# 江南市青禾县 is 青禾县 with its city in front; it breaks the in-force chain
check inforce 0 "$pairs/qinghe-2022-in-force.txt" "$qinghe"
lines inforce cross_year.in_force 1
if grep -q "2022 现行有效 30 + 2023 制发 4 − 废止 2 = 32, but the 2023 report states 31 (last year: $pairs/qinghe-2022-in-force.txt:18, active.normative_documents.in_force)" "$tmp/inforce.out"
then ok; else bad "in_force message"; cat "$tmp/inforce.out"; fi
# 青禾市 is another place: no pair, though its figures would not continue
check other 0 "$pairs/qinghe-city-2022-carried.txt" "$qinghe"
lines other cross_year.carried_over 0
# an agency renamed: this year's title names the former name, which is
# last year's; without it the two names are two agencies
sed '1s/^青禾县2022年/青禾县大数据中心2022年/' "$pairs/qinghe-2022-carried.txt" > "$tmp/renamed-2022.txt"
sed '1s/^青禾县2023年/青禾县数据局（原青禾县大数据中心）2023年/' "$qinghe" > "$tmp/renamed-2023.txt"
sed '1s/^青禾县2023年/青禾县数据局2023年/' "$qinghe" > "$tmp/other-2023.txt"
check renamed 0 "$tmp/renamed-2022.txt" "$tmp/renamed-2023.txt"
lines renamed cross_year.carried_over 2
check notrenamed 0 "$tmp/renamed-2022.txt" "$tmp/other-2023.txt"
lines notrenamed cross_year.carried_over 0

# --previous names last year's file for every file: the files are not paired
check previous 0 --previous "$pairs/qinghe-2022.txt" "$pairs/qinghe-2022-carried.txt" "$qinghe"
lines previous cross_year.carried_over 0

# YAML and JSON carry them, in the entry of the file that completed the pair
check yaml 0 -f yaml "$qinghe" "$pairs/qinghe-2022-carried.txt"
if test "$(grep -c '^    - rule: cross_year.carried_over$' "$tmp/yaml.out")" -eq 2 &&
   grep -q "^  - file: \"$qinghe\"$" "$tmp/yaml.out"; then ok; else bad "YAML across_files"; cat "$tmp/yaml.out"; fi
check json 0 -f json "$qinghe" "$pairs/qinghe-2022-carried.txt"
if test -x /usr/bin/python3; then
  if /usr/bin/python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
p = d["files"][1]["across_files"]
assert len(p) == 1 and p[0]["previous_file"].endswith("qinghe-2022-carried.txt") and p[0]["year"] == 2023
assert [f["rule"] for f in p[0]["findings"]] == ["cross_year.carried_over"] * 2
assert "across_files" not in d["files"][0]
' "$tmp/json.out"; then ok; else bad "JSON across_files"; cat "$tmp/json.out"; fi
fi
# -q: a line for a pair with findings
check quiet 0 -q "$pairs/qinghe-2022-carried.txt" "$qinghe"
if grep -q "^$qinghe: against last year's report in $pairs/qinghe-2022-carried.txt: 0 error(s), 2 warning(s)$" "$tmp/quiet.out"
then ok; else bad "-q pair line"; cat "$tmp/quiet.out"; fi

# a folder: its report files in name order, paired among themselves and
# with the other files
mkdir "$tmp/dir" "$tmp/empty"
cp "$pairs/songlan-2019-published.txt" "$tmp/dir/a.txt"
cp "$songlan" "$tmp/dir/b.txt"
printf 'notes\n' > "$tmp/dir/README.md"
check folder 0 "$tmp/dir"
lines folder cross_year.total_published 1
if grep -q "^$tmp/dir/b.txt:30:1: .*(last year: $tmp/dir/a.txt:30," "$tmp/folder.out"; then ok; else bad "folder pair"; cat "$tmp/folder.out"; fi
if test ! -s "$tmp/folder.err"; then ok; else bad "a README in a folder was read"; cat "$tmp/folder.err"; fi
check empty 2 "$tmp/empty"
if grep -q "no report file" "$tmp/empty.err"; then ok; else bad "an empty folder is not said"; fi

# copies of a report in a batch do not multiply the pairs: two copies of
# this year's report beside one of last year's give one pair
mkdir "$tmp/copies"
cp "$pairs/songlan-2019-published.txt" "$tmp/copies/a.txt"
cp "$songlan" "$tmp/copies/b.txt"
cp "$songlan" "$tmp/copies/c.txt"
check copies 0 "$tmp/copies"
lines copies cross_year.total_published 1

echo "$pass passed, $fail failed"
test "$fail" -eq 0
