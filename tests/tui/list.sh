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

nb_start 160 30 -- "$dir"
nb_wait "13 reports: 0 signed, 0 in progress, 13 not started; 1 with errors open; 1 files unreadable" \
  "a folder opens as the list of its reports, with counts"
nb_wait "Enter open for review  e errors first" "the bottom line says the keys"

# e: the report with errors comes first (third line, under the titles).
nb_keys e
i=0
while [ $i -lt 50 ] && ! nb_screen | sed -n 3p | grep -q yunxiu; do i=$((i + 1)); sleep 0.1; done
nb_screen | sed -n 3p | grep -q "^> not started *2 .*云岫县人民政府.*yunxiu-2023-inconsistent.txt" &&
  nb_pass "e puts the report with open errors first, selected" || nb_fail "e did not put yunxiu first"
nb_keys o
nb_wait "> unreadable" "o goes back to file order"
nb_screen | sed -n 3p | grep -q "unreadable.*broken.txt" && nb_pass "the unreadable file is listed, in name order" ||
  nb_fail "broken.txt is not the first line in file order"
nb_keys Enter
nb_wait "broken.txt cannot be opened" "Enter on an unreadable file says why, and the list stays"

# Open the report with errors, sign it with an override, save, quit.
nb_keys e Enter
nb_wait "yunxiu-2023-inconsistent.txt │" "Enter opens the selected report for review"
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
nb_wait "1 signed, 0 in progress, 12 not started" "q goes back to the list, its counts up to date"
nb_screen | grep -q "^> signed .*云岫县人民政府 *张三 .*yunxiu" && nb_pass "the report shows as signed by 张三, still selected" ||
  nb_fail "yunxiu is not shown as signed"

# u: only what is left to do.
nb_keys u
nb_wait "(showing 13)" "u shows the reports not yet signed (and the unreadable file)"
nb_screen | grep -q "yunxiu" && nb_fail "the signed report is still shown" || nb_pass "the signed report is hidden"
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
nb_keys g x
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

# The real reports, when they are beside the project.
if nb_corpus; then
  nb_start 160 40 -- "$NB_CORPUS"
  nb_wait "reports:" "the corpus folder opens as a list"
  nb_quit
else
  echo "SKIP part: no corpus beside the project (../shared/corpus): the list of real reports is not tested"
fi
nb_finish
