#!/bin/sh
# Opening every bundled sample and every corpus report on the review screen:
# the chooser appears for files holding several reports, the status line
# names the file, the table pane shows the tables (or why there are none),
# and q leaves with status 0.
. "$(dirname "$0")/lib.sh"

open_one() {
  file=$1
  base=$(basename "$file")
  nb_start 160 50 -- "$file"
  # Either the chooser or the review screen comes up first.
  i=0
  while [ $i -lt 80 ]; do
    s=$(nb_screen)
    case $s in
      *"Choose one"*)
        nb_pass "$base: chooser lists its reports"
        nb_keys Enter
        break ;;
      *"$base │"*) break ;;
    esac
    i=$((i + 1))
    sleep 0.1
  done
  nb_wait "$base │" "$base: status line names the file" || return
  nb_wait "Source: $base" "$base: source pane shows the file"
  if nb_screen | grep -q "Tables (template 20"; then
    nb_wait "三、收到和处理政府信息公开申请情况" "$base: table 三 is drawn"
  else
    nb_fail "$base: no template on the table pane"
  fi
  nb_quit
}

for f in "$NB_SRCDIR"/samples/*.txt; do
  [ -f "$f" ] || continue
  open_one "$f"
done

if nb_corpus; then
  for f in "$NB_CORPUS"/*.txt; do
    open_one "$f"
  done
else
  echo "corpus not found: the corpus part is skipped"
fi

# In the C locale (a bare system) the report is still drawn as UTF-8.
nb_start 160 50 LANG=C LC_ALL=C -- "$NB_SRCDIR/samples/qinghe-2023-browser.txt"
nb_wait "qinghe-2023-browser.txt │ 青禾县 │ 2023" "the C locale still shows CJK text"
nb_wait "自然人" "and the tables"
nb_quit

# Terminals the screen cannot work on: refused in nianbao's words, status 2.
nb_start 160 50 TERM=nonexistent-term -- "$NB_SRCDIR/samples/qinghe-2023-browser.txt"
nb_wait "the terminal type \"nonexistent-term\" is unknown" "an unknown TERM is named"
nb_wait "NB-EXITED:2" "and refused with status 2"
nb_start 160 50 TERM=dumb -- "$NB_SRCDIR/samples/qinghe-2023-browser.txt"
nb_wait "cannot place the cursor" "a dumb terminal is refused"
nb_wait "NB-EXITED:2" "with status 2"

# The chooser counts each report's errors and warnings.
nb_start 160 50 -- "$NB_SRCDIR/samples/luwan-2022-2023-two.txt"
nb_wait "Choose one" "a file of two reports opens the chooser"
nb_wait "; errors: 0, warnings: 0)" "each report's line counts its errors and warnings"
nb_quit

# --report and --year skip the chooser.
nb_start 160 50 -- "$NB_SRCDIR/samples/luwan-2022-2023-two.txt" --report 2
nb_wait "luwan-2022-2023-two.txt │ 芦湾县人民政府 │ 2022 │" "--report 2 opens the second report"
nb_quit
nb_start 160 50 -- "$NB_SRCDIR/samples/luwan-2022-2023-two.txt" --year 2023
nb_wait "luwan-2022-2023-two.txt │ 芦湾县人民政府 │ 2023 │" "--year 2023 opens that year's report"
nb_quit
# Each report of a several-report file has its own review file; the
# chooser says which have a review and starts on the one saved last.
# (The file holds the 2023 report first, then the 2022 one.)
cp "$NB_SRCDIR/samples/luwan-2022-2023-two.txt" "$NB_TMP/luwan.txt"
nb_start 160 50 -- "$NB_TMP/luwan.txt" --year 2022
nb_wait "luwan.txt │ 芦湾县人民政府 │ 2022 │" "--year 2022"
nb_keys s
nb_wait "Saved $NB_TMP/luwan.txt.2.review.yaml" "the 2022 review is saved under the report's number"
nb_quit
nb_start 160 50 -- "$NB_TMP/luwan.txt"
nb_wait_re "^> +2\\. 芦湾县人民政府  2022 .*\\[review: in progress\\]" \
  "the chooser marks the reviewed report and starts on it"
nb_keys Enter
nb_wait "Resumed the review" "Enter resumes its review"
nb_wait "luwan.txt │ 芦湾县人民政府 │ 2022 │" "of the 2022 report"
nb_quit
nb_start 160 50 -- "$NB_TMP/luwan.txt"
nb_wait "[review: in progress]" "the chooser again"
nb_keys k Enter
nb_wait "luwan.txt │ 芦湾县人民政府 │ 2023 │" "the other report opens"
nb_wait_gone "Resumed the review" "with no review of its own yet"
nb_keys Home x s
nb_wait "Saved $NB_TMP/luwan.txt.1.review.yaml" "its review goes to a file of its own"
nb_quit
grep -q 'year: 2022' "$NB_TMP/luwan.txt.2.review.yaml" && ! grep -q 'after:' "$NB_TMP/luwan.txt.2.review.yaml" &&
  nb_pass "the 2022 review is as it was" || nb_fail "saving the 2023 review changed the 2022 one"
# A review saved before each report had a file of its own stays that
# report's: REPORT.review.yaml about the 2022 report.
mv "$NB_TMP/luwan.txt.2.review.yaml" "$NB_TMP/luwan.txt.review.yaml"
nb_start 160 50 -- "$NB_TMP/luwan.txt"
nb_wait_re "^ +2\\. 芦湾县人民政府  2022 .*\\[review: in progress\\]" "the older review file is found for its report"
nb_keys j Enter
nb_wait "Resumed the review" "and resumed"
nb_keys s
nb_wait "Saved $NB_TMP/luwan.txt.review.yaml" "and saved where it was"
nb_quit
[ ! -e "$NB_TMP/luwan.txt.2.review.yaml" ] && nb_pass "no second file for that report" ||
  nb_fail "a second review file for one report"

out=$("$NB_BIN" --report 9 "$NB_SRCDIR/samples/luwan-2022-2023-two.txt" 2>&1 </dev/null)
case $out in
  *"holds 2 reports; there is no report 9"*) nb_pass "--report 9 is refused: $out" ;;
  *) nb_fail "--report 9: $out" ;;
esac

# A file that is not there: a clear error on stderr, no screen.
out=$("$NB_BIN" "$NB_TMP/missing.txt" 2>&1 </dev/null)
status=$?
if [ $status -ne 0 ] && printf '%s' "$out" | grep -q "missing.txt"; then
  nb_pass "a missing file is refused with its name (status $status)"
else
  nb_fail "a missing file: status $status, output: $out"
fi
nb_finish
