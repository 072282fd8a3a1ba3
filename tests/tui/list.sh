#!/bin/sh
# The report list as an evaluator uses it: a folder of reports, the worst
# first, one opened, signed and saved, and back in the list it shows as
# signed; the unsigned-only view, the filter, a file that cannot be read,
# a kill signal in the middle of a review, a tiny terminal, no terminal.
. "$(dirname "$0")/lib.sh"

dir=$NB_TMP/reports
mkdir -p "$dir" || exit 99
cp "$NB_SRCDIR"/samples/*.txt "$dir"/ || exit 99
printf 'PK\003\004\000\000\001\002' > "$dir/broken.txt"
# The real reports too, in a sub-folder, when they are beside the project.
if nb_corpus; then
  mkdir "$dir/corpus" && cp "$NB_CORPUS"/* "$dir/corpus/" || exit 99
else
  echo "SKIP part: no corpus beside the project (../shared/corpus): the list holds the samples only"
fi

nb_start 160 40 -- "$dir"
nb_wait "reports: 0 signed, 0 in progress, " "a folder opens as the list of its reports, with counts"
nb_wait "; 1 files unreadable" "the unreadable file is counted"
nb_corpus || nb_wait "13 reports: 0 signed, 0 in progress, 13 not started; 1 with errors open" \
  "13 reports in the 12 samples, one with errors"
nb_wait "Enter open for review  e errors first" "the bottom line says the keys"

# e: the reports with the most open errors first, the first selected.
nb_keys e
i=0
while [ $i -lt 50 ] && ! nb_screen | sed -n 3p | grep -q '^> not started *[1-9]'; do i=$((i + 1)); sleep 0.1; done
line=$(nb_screen | sed -n 3p)
first=$(printf '%s\n' "$line" | awk '{ print $NF }')
errors=$(nb_screen | sed -n '3,$p' | awk '$1 != ">" && $1 == "not" { print $3 }' | sort -n | tail -n 1)
most=$(printf '%s\n' "$line" | awk '{ print $4 }')
[ -n "$first" ] && [ "${most:-0}" -ge "${errors:-0}" ] && [ "${most:-0}" -gt 0 ] &&
  nb_pass "e puts a report with the most open errors ($most, $first) first, selected" ||
  nb_fail "e did not put the report with the most errors first ($line)"
nb_keys o
nb_wait "> unreadable" "o goes back to file order"
nb_screen | sed -n 3p | grep -q "unreadable.*broken.txt" && nb_pass "the unreadable file is listed, in name order" ||
  nb_fail "broken.txt is not the first line in file order"
nb_keys Enter
nb_wait "broken.txt cannot be opened" "Enter on an unreadable file says why, and the list stays"

# Open the report with the most errors, sign it (with an override for its
# open errors), save, quit.
nb_keys e Enter
nb_wait "$(basename "$first") │" "Enter opens the selected report for review"
nb_keys S
nb_wait "Reviewer (your name" "S asks who signs"
nb_type "张三"
nb_keys Enter
nb_wait "Verdict:" "then the verdict"
nb_keys a
nb_wait "Sign-off note" "then a note"
nb_type "checked"
nb_keys Enter
nb_wait "Sign anyway" "open errors need an override"
nb_keys y
nb_wait "Override note" "the override asks why"
nb_type "the source itself is wrong"
nb_keys Enter
nb_wait "Signed off by 张三" "signed"
nb_keys s
nb_wait "Saved" "s saves"
nb_keys q
nb_wait "reports: 1 signed, 0 in progress" "q goes back to the list, its counts up to date"
nb_screen | grep -q "^> signed .* 张三 *$first" && nb_pass "the report shows as signed by 张三, still selected" ||
  nb_fail "$first is not shown as signed"

# u: only what is left to do.
nb_keys u
nb_wait "(showing " "u shows the reports not yet signed (and the unreadable file)"
nb_screen | grep -q "^. *signed " && nb_fail "the signed report is still shown" || nb_pass "the signed report is hidden"
# /: a filter on agency, file or reviewer.
nb_keys /
nb_wait "Show reports whose agency" "/ asks for a filter"
nb_type "芦湾"
nb_keys Enter
nb_wait "(showing 2)" "the filter leaves the two reports of 芦湾县"
nb_keys u /
nb_wait "Show reports whose agency" "/ again, with the filter to edit"
nb_keys C-u Enter
nb_wait_gone "(showing" "an empty filter shows every report again"

# A kill signal in the middle of a review keeps the unsaved edit.
nb_keys /
nb_wait "Show reports whose agency" "/ to find one report"
nb_type "杏川"
nb_keys Enter
nb_wait "(showing 1)" "the filter finds 杏川区"
nb_keys Enter
nb_wait "xingchuan-2021-markdown.txt │" "opens a second report"
nb_keys Home x
nb_wait "cleared to no value" "an unsaved edit"
pid=$(nb_pid)
if [ -n "$pid" ]; then
  kill -TERM "$pid"
  nb_wait "unsaved changes written to $dir/xingchuan-2021-markdown.txt.review.yaml.recover" \
    "SIGTERM in a review opened from the list writes the recovery file"
  nb_wait "NB-EXITED:143" "and the program ends with 128+15"
else
  echo "cannot find the program's pid (no /proc?): the signal part is skipped"
  nb_keys q n q
fi

# The same agency's reports of consecutive years in two files are paired
# for last year's rules, as check pairs them: the 2024 copy carries over 3
# where 2023 carried 4 forward (and two more), so "+3" warnings.
pair=$NB_TMP/pair
mkdir -p "$pair" || exit 99
cp "$NB_SRCDIR/samples/yunxiu-2023-inconsistent.txt" "$pair/a-2023.txt" || exit 99
sed 's/2023/2024/g' "$NB_SRCDIR/samples/yunxiu-2023-inconsistent.txt" > "$pair/b-2024.txt" || exit 99
across=$("$NB_BIN" check "$pair" 2>/dev/null | grep -c "b-2024.txt:.*\[cross_year")
nb_start 160 30 -- "$pair"
nb_wait "2 reports: 0 signed" "two years of one agency in two files"
nb_screen | grep -q "  not started *2 *1+$across *2024 云岫县人民政府" &&
  nb_pass "the 2024 report counts the $across findings against 2023's as +$across, as check finds them" ||
  nb_fail "the 2024 report does not show +$across cross-year warnings"
nb_screen | grep -q "2 *1 *2023 云岫县人民政府" && nb_pass "the 2023 report has none" ||
  nb_fail "the 2023 report shows cross-year findings"
# Opened from the list, the review checks against the year before too.
nb_keys j Enter
nb_wait "Checked against last year's report too: $pair/a-2023.txt (2023)" "the 2024 review takes 2023's report"
nb_wait "2 errors, $((1 + across)) warnings" "and counts the same cross-year warnings"
nb_keys q
nb_wait "2 reports: 0 signed" "back in the list"
nb_quit
# The same for one report named with --previous.
nb_start 160 30 -- --previous "$pair/a-2023.txt" "$pair/b-2024.txt"
nb_wait "2 errors, $((1 + across)) warnings" "--previous FILE checks against last year's report in FILE"
nb_quit
nb_start 160 30 -- --previous "$NB_SRCDIR/samples/lubin-2019-w3m.txt" "$pair/b-2024.txt"
nb_wait "holds no report of 2023 with tables" "--previous with no report of the year before says so"
nb_quit
out=$("$NB_BIN" --previous "$pair/a-2023.txt" "$pair" 2>&1)
[ $? -eq 2 ] && echo "$out" | grep -q "pairs the years itself" && nb_pass "--previous with a folder is refused" ||
  nb_fail "--previous with a folder: '$out'"

# A 20x5 terminal: it says it is too small and still quits on q.
nb_start 20 5 -- "$dir"
nb_wait "Terminal too" "a 20x5 terminal is told it is too small"
nb_quit

# No terminal: a clear word, exit 2.
out=$("$NB_BIN" "$dir" "$dir/yunxiu-2023-inconsistent.txt" </dev/null 2>&1 >/dev/null)
status=$?
[ $status -eq 2 ] && echo "$out" | grep -q "needs a terminal; try 'nianbao summary'" &&
  nb_pass "without a terminal: exit 2 and where to go instead" || nb_fail "without a terminal: exit $status, '$out'"
out=$("$NB_BIN" -o x.yaml "$dir" 2>&1)
[ $? -eq 2 ] && echo "$out" | grep -q "for one report" && nb_pass "-o with a folder is refused" ||
  nb_fail "-o with a folder: '$out'"

nb_finish
