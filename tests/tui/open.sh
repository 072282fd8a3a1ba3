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
# A saved review of one report of a several-report file resumes that report.
cp "$NB_SRCDIR/samples/luwan-2022-2023-two.txt" "$NB_TMP/luwan.txt"
nb_start 160 50 -- "$NB_TMP/luwan.txt" --year 2022
nb_wait "luwan.txt │ 芦湾县人民政府 │ 2022 │" "--year 2022"
nb_keys s
nb_wait "Saved" "saved the 2022 review"
nb_quit
nb_start 160 50 -- "$NB_TMP/luwan.txt"
nb_wait "Resumed the review" "no chooser: the saved review's report is resumed"
nb_wait "luwan.txt │ 芦湾县人民政府 │ 2022 │" "and it is the 2022 report"
nb_quit

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
