#!/bin/sh
# Re-linking a cell to a number chosen in the source: r starts on the
# cell's own number (or its row's line), the movement keys walk the numbers of the source,
# Enter takes one, Esc gives up; undo puts the old reading back.
. "$(dirname "$0")/lib.sh"

cp "$NB_SRCDIR/samples/yunxiu-2023-inconsistent.txt" "$NB_TMP/yunxiu.txt" || exit 99
nb_start 160 50 NO_COLOR=1 -- "$NB_TMP/yunxiu.txt"
nb_wait "2 errors, 1 warnings" "opens"
nb_keys Home j j j j j j
nb_wait_cell applications.new_received.natural_person 47

# Esc cancels.
nb_keys r
nb_wait "Choose the number for 一、本年新收 · 自然人" "r asks for a number"
nb_wait "▶ Source" "the source pane takes the focus"
nb_keys Escape
nb_wait "Re-link cancelled." "Esc cancels"
nb_wait "▶ Tables" "focus returns to the tables"

# The picker starts on 47 (line 30); one step right is the 5 beside it.
nb_keys r
nb_wait "Choose the number for" "r again"
if nb_screen_attrs | grep -E -q '^.*30.*\[[0-9;]*7;?[0-9;]*m47'; then
  nb_pass "the picker starts on the cell's own number, 47"
else
  nb_fail "the picker is not on 47"
fi
nb_keys l
nb_keys Enter
nb_wait "一、本年新收 · 自然人 re-linked to 5 on line 30" "Enter takes the number under the picker"
nb_wait_selected "一、本年新收" 5
nb_wait "▶ Tables" "focus returns to the tables"
nb_keys u
nb_wait "Undone." "undo"
nb_wait_selected "一、本年新收" 47

# Walking further: down through the numbers to line 31's first number, 3.
nb_keys r
nb_wait "Choose the number for" "r once more"
nb_keys j j j j j j j
nb_keys Enter
nb_wait "re-linked to 3 on line 31" "j walks the numbers, across lines"
nb_keys l h # clears the message, shows the cell again
nb_wait "applications.new_received.natural_person = 3 (read, line 31)" "the cell now points at line 31"
nb_wait "Source: yunxiu.txt (line 31 of" "the source follows the new link"
nb_quit

# A row the reader left unread ("3 3" under seven columns) has no number
# of its own: r starts on the first number of the row's line, not where
# the source happened to be.
sed '31s/\t3\t0\t0\t0\t0\t0\t3$/   3   3/' "$NB_SRCDIR/samples/yunxiu-2023-inconsistent.txt" > "$NB_TMP/unread.txt" || exit 99
nb_start 160 50 NO_COLOR=1 -- "$NB_TMP/unread.txt"
nb_wait "parse.ambiguous" "opens the copy with an unread row"
nb_keys Home j j j j j j j
nb_wait "applications.carried_over.natural_person = " "on a cell of the unread row"
nb_keys Tab G Tab Tab
nb_wait "▶ Tables" "back on the tables, the source at its end"
nb_keys r
nb_wait "Choose the number for 二、上年结转 · 自然人" "r on the unread cell"
if nb_screen_attrs | grep -E -q 'm31.*数量 +.\[[0-9;]*7;?[0-9;]*m3'; then
  nb_pass "the picker starts on the row's line, at its first number"
else
  nb_screen_attrs | grep -a "31" | cat -v | head -3
  nb_fail "the picker is not on line 31's first number"
fi
nb_keys Escape
nb_wait "Re-link cancelled." "Esc cancels"
nb_quit
nb_finish
