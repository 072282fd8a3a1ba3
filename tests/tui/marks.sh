#!/bin/sh
# One note for several findings: m marks the selected finding and moves on;
# d (or c) then judges every marked finding with the one note typed, as
# one change: u undoes them together, C-r redoes them; o sets the marked
# ones back to open. The saved review holds the note on each.
. "$(dirname "$0")/lib.sh"

cp "$NB_SRCDIR/samples/yunxiu-2023-inconsistent.txt" "$NB_TMP/y.txt"
review=$NB_TMP/y.txt.review.yaml
nb_start 160 50 -- "$NB_TMP/y.txt"
nb_wait "y.txt │" "opens"
nb_wait "Findings: 2 errors, 1 warnings, 2 open" "three findings, none judged"
nb_keys n
nb_keys m
nb_wait "1 finding marked" "m marks the selected finding"
nb_keys m
nb_wait "2 findings marked" "m on the next marks it too"
nb_wait_re "│[ >-]\\*[EW] " "marked findings show a * beside them"
nb_keys d
nb_wait "2 findings, one note. Dismiss as a false alarm" "d asks one reason for both"
nb_type "both come from one typing slip in the source"
nb_keys Enter
nb_wait "2 findings dismissed as a false alarm." "both are dismissed"
nb_wait "Findings: 2 errors, 1 warnings, 0 open" "no error is open any more"
nb_keys u
nb_wait "Findings: 2 errors, 1 warnings, 2 open" "u undoes both at once"
nb_keys C-r
nb_wait "Findings: 2 errors, 1 warnings, 0 open" "C-r redoes both at once"
nb_keys s
nb_wait "Saved $review" "saved"
n=$(grep -c 'both come from one typing slip in the source' "$review")
[ "$n" -ge 2 ] && nb_pass "the review file holds the note on each finding ($n)" ||
  nb_fail "the review file holds the note $n times, not on each finding"
# marks go once used; o sets marked findings back to open together
nb_keys Home
nb_keys n m m
nb_wait "2 findings marked" "marked again"
nb_keys o
nb_wait "2 findings set back to open." "o reopens both"
nb_wait "Findings: 2 errors, 1 warnings, 2 open" "both are open again"
# m twice on one finding unmarks it: c then judges only the selected one
nb_keys Home n m N m
nb_wait "0 findings marked" "m again unmarks"
nb_keys c
nb_wait_gone "findings, one note" "with no mark, c asks about the selected finding only"
nb_keys Escape
nb_quit
nb_finish
