#!/bin/sh
# Placing a row the reading left unread: a copy of a page that drops blank
# cells (lynx's rendering of tests/layouts/blank-2023 with the runs of
# spaces that kept its columns squeezed to one) leaves the row "3．要求提供
# 公开出版物" (5 values, 7 cells) and the values of table 四 (10 values, 15
# cells) unread. p on a cell of each lists the readings, those that break
# fewest totals first; one key puts the chosen one in as one change, and
# the parse warnings are gone.
. "$(dirname "$0")/lib.sh"

sed 's/   */ /g' "$NB_SRCDIR/tests/layouts/blank-2023.lynx.txt" > "$NB_TMP/squeezed.txt"
nb_start 160 50 -- "$NB_TMP/squeezed.txt"
nb_wait "squeezed.txt │" "opens"
nb_wait "W parse.ambiguous: row rejected_publication" "table 三's row is left unread"
nb_wait "W parse.ambiguous: row review" "table 四's values are left unread"

# Table 四: ten values, three groups of five; the first reading keeps the
# groups whole (each 总计 the sum of its row), the last group blank.
nb_keys g
nb_type appeals.review.upheld
nb_keys Enter
nb_keys p
nb_wait "Place 10 values in the 15 cells of" "p lists the readings of table 四's values"
nb_wait " 1  3 1 0 1 5 │ 1 0 1 0 2 │ · · · · ·   (totals broken: 0" "the reading that keeps the groups whole comes first"
nb_keys 1
nb_wait "Placed as reading 1." "one key places them"
nb_wait_gone "W parse.ambiguous: row review" "table 四's parse warning is gone"
nb_keys g
nb_type appeals.review.total
nb_keys Enter
nb_wait_cell appeals.review.total 5
nb_keys g
nb_type appeals.suit_direct.total
nb_keys Enter
nb_wait_cell appeals.suit_direct.total 2

# Table 三's row: five zeros in seven cells; the source says the blanks are
# 科研机构 and 社会公益组织: that reading is chosen from the list.
nb_keys g
nb_type applications.rejected_publication.natural_person
nb_keys Enter
nb_keys p
nb_wait "Place 5 values in the 7 cells of" "p lists the readings of the row"
# (the arithmetic cannot tell these readings apart: the reviewer marks the
# blank cells by hand, from reading 1, "0 0 0 0 0 · ·")
n=$(nb_screen | sed -n 's/^ *\([0-9][0-9]*\)  0 0 · · 0 0 0 .*/\1/p' | head -n 1)
[ -n "$n" ] && nb_pass "the reading with those blanks is listed, as reading $n" ||
  nb_fail "the reading with the source's blanks is not listed"
nb_keys b
nb_wait "Mark the blank cells" "b marks the blanks by hand"
nb_keys Right Right Space Right Space
nb_wait "(5 values need 5 cells, 3 now)" "two cells made blank: three take values"
nb_keys Enter # too few cells take values: Enter does not place yet
nb_keys Right Right Space Right Space
nb_wait "(5 values need 5 cells, 5 now)" "Enter waited; two more cells take values"
nb_wait_re "0 0 · · 0 0 0 *$" "the values flow into the cells not blank"
nb_keys Enter
nb_wait "Placed as marked." "and placed"
nb_keys l l
nb_wait "applications.rejected_publication.research_institution = no value" "科研机构 stays empty"
nb_keys h h
nb_wait_cell applications.rejected_publication.natural_person 0
nb_wait_gone "parse.ambiguous" "no parse warning is left"
nb_keys s
nb_wait "Saved" "saved"
review=$NB_TMP/squeezed.txt.review.yaml
grep -q 'placed by the reviewer' "$review" && nb_pass "the edit log says the reviewer placed them" ||
  nb_fail "the edit log does not say who placed the values"
# one change for undo: u takes the whole row back
nb_keys u
nb_wait "W parse.ambiguous: row rejected_publication" "u takes the whole placing back"
nb_keys C-r
nb_wait_gone "parse.ambiguous" "C-r places it again"
# Esc leaves the list without placing
nb_keys g
nb_type applications.new_received.total
nb_keys Enter p
nb_wait "Nothing to place here" "p on a row that was read says there is nothing to place"
nb_quit

# Two rows of one table with the same shape (five values, seven cells):
# a takes the reading for both at once.
sed 's/^\( *4．无正当理由大量反复申请\) 0 0 0 0 0 0 0/\1 0 0 0 0 0/' "$NB_TMP/squeezed.txt" > "$NB_TMP/two.txt"
rm -f "$NB_TMP/two.txt.review.yaml"
nb_start 160 50 -- "$NB_TMP/two.txt"
nb_wait "W parse.ambiguous: row rejected_excessive" "a second row of that shape is left unread"
nb_keys g
nb_type applications.rejected_publication.natural_person
nb_keys Enter p
nb_wait "a takes it for every row like this" "the list offers a for every row like this"
nb_keys a
nb_wait "Placed 2 rows as reading 1." "a places both rows"
nb_wait_gone "parse.ambiguous: row rejected_" "neither row's parse warning is left"
nb_keys u
nb_wait "W parse.ambiguous: row rejected_excessive" "u takes both back"
nb_quit
nb_finish
