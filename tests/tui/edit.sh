#!/bin/sh
# Editing on the review screen: a non-number is refused and the cell stays;
# a correct value fixes the broken identities and clears their highlight at
# once; undo and redo swap it back and forth; a finding is confirmed in
# source with a note; the review saves and resumes.
. "$(dirname "$0")/lib.sh"

# The SGR sequence drawn just before `value` in the row labelled `label`
# (capture-pane -e), so a test can tell an error cell from an edited one.
# The pane's title line names rows too (its sums): it is not a row.
cell_sgr() {
  nb_screen_attrs | grep -v -F "Tables (template" | grep -F -- "$1" | head -n 1 |
    sed -n "s/.*\\(\\[[0-9;]*m\\)[*]\\{0,1\\} *$2 .*/\\1/p"
}

cp "$NB_SRCDIR/samples/yunxiu-2023-inconsistent.txt" "$NB_TMP/yunxiu.txt" || exit 99
# Monochrome, so attributes are predictable: errors are bold+underline.
nb_start 160 50 NO_COLOR=1 -- "$NB_TMP/yunxiu.txt"
nb_wait "2 errors, 1 warnings" "the sample opens with its two errors"
# applications.new_received is the 7th row of the 2021 template.
nb_keys Home j j j j j j
nb_wait_cell applications.new_received.natural_person 47
nb_keys l
nb_wait_cell applications.new_received.commercial_enterprise 5
sgr=$(cell_sgr "一、本年新收" 47)
case $sgr in
  *4m) nb_pass "47 is highlighted as an error (SGR $sgr)" ;;
  *) nb_fail "47 is not drawn as an error cell (SGR '$sgr')" ;;
esac
nb_keys h
# The title line sums the totals the selected cell is in, as they stand.
nb_wait "Σ 一、本年新收 55 ≠ 54  Σ 自然人 50 ≠ 49" "the Σ line shows both broken totals of 47"

# A non-number is refused; the cell keeps its value.
nb_keys e
nb_wait "一、本年新收 · 自然人 = 47" "the editor names the cell in the report's words, with its value"
nb_keys C-u
nb_type "四十六"
nb_keys Enter
nb_wait "is not a number" "a non-number is refused with a reason"
nb_wait "2 errors, 1 warnings" "the refused edit changed nothing"
if nb_screen | grep -q "一、本年新收 *│\[ *47\]"; then
  nb_pass "the cell still holds 47"
else
  nb_fail "the cell does not hold 47 after a refused edit"
fi
# A negative count is refused too.
nb_keys e C-u
nb_type "-3"
nb_keys Enter
nb_wait "cannot be negative" "a negative count is refused"

# A number beyond any count is refused as too large, not as "not a number".
nb_keys e C-u
nb_type "1000000000000000"
nb_keys Enter
nb_wait "1000000000000000 is too large for a count or an amount" "a huge number is refused as too large"

# The right value fixes both identities.
nb_keys e C-u
nb_type "46"
nb_keys Enter
nb_wait "Errors: 0 (were 2)" "46 fixes both broken identities"
nb_wait "0 errors, 1 warnings" "the status line counts no errors"
nb_wait "Σ 一、本年新收 54 = 54  Σ 自然人 49 = 49" "the Σ line shows both totals mended"
nb_wait_gone "applications.balance" "the balance finding is gone"
nb_keys l
nb_wait_cell applications.new_received.commercial_enterprise 5
sgr=$(cell_sgr "一、本年新收" 46)
case $sgr in
  *4m|"") nb_fail "46 is still drawn as an error, or not found (SGR '$sgr')" ;;
  *) nb_pass "the error highlight is cleared (46 drawn with SGR $sgr, edited)" ;;
esac
sgr=$(cell_sgr "一、本年新收" 54)
case $sgr in
  *4m) nb_fail "the row total 54 is still drawn as an error (SGR '$sgr')" ;;
  *) nb_pass "the row total is no longer an error (SGR '$sgr')" ;;
esac
nb_wait_re "一、本年新收 *│\*  *46 │" "the edited cell is starred in the grid"
nb_keys h
nb_wait "[+] yunxiu.txt" "the status line marks unsaved changes"

# Undo and redo.
nb_keys u
nb_wait "Undone. Errors: 2." "undo restores the reading and its errors"
nb_wait_selected "一、本年新收" 47
nb_keys C-r
nb_wait "Redone. Errors: 0." "redo applies the edit again"
nb_wait_selected "一、本年新收" 46
nb_keys u
nb_wait "Undone. Errors: 2." "undo once more"

# Confirm a finding in source, with a note.
nb_keys n
nb_wait_re "[->] E applications.row_total" "n selects the first finding"
# f takes the value the finding suggests for its culprit cell.
nb_wait "f: set 一、本年新收 · 自然人 to 46" "the finding shows its suggestion"
nb_keys f
nb_wait "一、本年新收 · 自然人 set to 46 as suggested. Errors: 0." "f accepts the suggestion"
nb_keys u
nb_wait "Undone. Errors: 2." "and u takes it back"
nb_wait_re "[->] E applications.row_total" "the first finding again"
nb_keys c
nb_wait "Confirmed in source; note" "c asks for a note"
nb_keys Enter
nb_wait "A note is needed" "an empty note confirms nothing"
nb_keys c
nb_wait "Confirmed in source; note" "c asks again"
nb_type "总计54与正文一致"
nb_keys Enter
nb_wait "[confirmed in source] applications.row_total" "the finding shows as confirmed"
nb_keys o
nb_wait "Finding set back to open." "o reopens it"
nb_wait_gone "[confirmed in source]" "no longer confirmed"
nb_keys u
nb_wait "[confirmed in source] applications.row_total" "undo brings the confirmation back"

# x clears a cell, u brings it back.
nb_keys Tab Tab Tab
nb_keys Home
nb_wait_cell active.regulations.issued 0
nb_keys x
nb_wait "规章 · 本年制发件数 cleared to no value" "x clears a cell"
nb_keys u
nb_wait "Undone." "the clear is undone"

# Save, quit without a question, resume.
nb_keys s
nb_wait "Saved $NB_TMP/yunxiu.txt.review.yaml" "s saves beside the report"
[ -f "$NB_TMP/yunxiu.txt.review.yaml" ] && nb_pass "the review file exists" ||
  nb_fail "no review file written"
nb_keys q
nb_wait "NB-EXITED:0" "q after saving quits at once"
nb_start 160 50 NO_COLOR=1 -- "$NB_TMP/yunxiu.txt.review.yaml"
nb_wait "Resumed the review" "the review file opens its report"
nb_wait "[confirmed in source] applications.row_total" "the confirmation survived"
nb_quit

# An unsaved change makes q ask.
nb_start 160 50 -- "$NB_TMP/yunxiu.txt" -o "$NB_TMP/other.review.yaml"
nb_wait "yunxiu.txt │" "opens again with -o"
nb_keys Home x
nb_wait "cleared to no value" "an edit"
nb_keys q
nb_wait "Unsaved changes. Save them first?" "q asks before losing work"
nb_keys y
nb_wait "NB-EXITED:0" "y saves and quits"
[ -f "$NB_TMP/other.review.yaml" ] && nb_pass "-o chose where the review went" ||
  nb_fail "-o REVIEW was not written"
# A review file naming a FIFO as its report is refused, never waited on.
if mkfifo "$NB_TMP/fifo" 2>/dev/null; then
  sed 's|^  file: .*|  file: "fifo"|; s|^  path_from_review: .*|  path_from_review: "fifo"|' \
    "$NB_TMP/other.review.yaml" > "$NB_TMP/fifo.review.yaml"
  nb_start 160 50 -- "$NB_TMP/fifo.review.yaml"
  nb_wait "is not a regular file" "a FIFO named by a review file is refused"
  nb_wait "NB-EXITED:1" "with status 1"
fi
# A review file not named after its report finds it through what it records.
nb_start 160 50 -- "$NB_TMP/other.review.yaml"
nb_wait "Resumed the review in $NB_TMP/other.review.yaml" "other.review.yaml finds yunxiu.txt"
nb_wait "yunxiu.txt │" "and opens it"
nb_quit

# :w onto the report itself is refused; saving over a review file another
# window wrote meanwhile asks first.
cp "$NB_SRCDIR/samples/yunxiu-2023-inconsistent.txt" "$NB_TMP/two.txt"
nb_start 160 50 -- "$NB_TMP/two.txt"
nb_wait "two.txt │" "opens two.txt"
nb_keys Home x
nb_wait "cleared to no value" "an edit"
nb_keys :
nb_type "w $NB_TMP/two.txt"
nb_keys Enter
nb_wait "is the report under review" ":w onto the report is refused"
cmp -s "$NB_TMP/two.txt" "$NB_SRCDIR/samples/yunxiu-2023-inconsistent.txt" &&
  nb_pass "the report is untouched" || nb_fail ":w replaced the report"
# Another window saves the review meanwhile.
printf '%s\n' "format: nianbao/1" "# written by another window" > "$NB_TMP/two.txt.review.yaml"
nb_keys s
nb_wait "changed on disk since this session read it" "s asks before overwriting another window's save"
nb_keys n
nb_wait "Not saved; :w PATH saves elsewhere." "n keeps the other file"
grep -q "another window" "$NB_TMP/two.txt.review.yaml" && nb_pass "the other window's file is intact" ||
  nb_fail "the other window's file was overwritten"
nb_keys s
nb_wait "changed on disk" "asked again"
nb_keys y
nb_wait "Saved $NB_TMP/two.txt.review.yaml" "y overwrites"
nb_keys Home
nb_wait_gone "Saved $NB_TMP/two.txt.review.yaml" "the message clears"
nb_keys s
nb_wait "Saved $NB_TMP/two.txt.review.yaml" "a second save of our own file does not ask"
nb_quit

# The corpus: 004's 2019 report, applications.carried_over.natural_person 34 -> 35.
if nb_corpus && [ -f "$NB_CORPUS/004_5edd59582b1042bd.txt" ]; then
  cp "$NB_CORPUS/004_5edd59582b1042bd.txt" "$NB_TMP/004.txt"
  nb_start 160 50 -- "$NB_TMP/004.txt" --year 2019
  nb_wait "2 errors" "004 (2019) opens with two balance errors"
  # applications.carried_over is the 10th row of the 2019 template.
  nb_keys Home j j j j j j j j j
  nb_wait_cell applications.carried_over.natural_person 34
  nb_keys e C-u
  nb_type 35
  nb_keys Enter
  nb_wait "二、上年结转 · 自然人: 34 -> 35" "the edit is taken"
  nb_wait_gone "一、本年新收 850 + 二、上年结转 34 = 884" "35 fixes the 自然人 balance: its finding is gone"
  # The source states 35 as the row total with 1 from 商业企业: the checks
  # now see that row, which is what a reviewer must be shown.
  nb_wait "二、上年结转·总计 35 ≠ 36" "the row total of 二、上年结转 is checked against the new value"
  nb_quit
else
  echo "corpus not found: the corpus part is skipped"
fi
nb_finish
