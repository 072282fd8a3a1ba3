#!/bin/sh
# Moving around the review screen: hjkl and arrows in the grid, g/G, the
# source pane following the selected cell (scrolled to its line and the
# number drawn highlighted), Tab between panes, n/N through the findings,
# search in the source, and the help screen.
. "$(dirname "$0")/lib.sh"

cp "$NB_SRCDIR/samples/yunxiu-2023-inconsistent.txt" "$NB_TMP/yunxiu.txt" || exit 99
nb_start 160 50 NO_COLOR=1 -- "$NB_TMP/yunxiu.txt"
nb_wait "yunxiu.txt │" "opens"
nb_wait_cell active.regulations.issued 0
nb_keys j
nb_wait_cell active.normative_documents.issued 3
nb_keys l
nb_wait_cell active.normative_documents.repealed 0
nb_keys Right
nb_wait_cell active.normative_documents.in_force 22
nb_keys Down
nb_wait_cell active.licensing.decisions 8725
nb_keys k Up
nb_wait_cell active.regulations.issued 0
nb_keys G
nb_wait "appeals.suit_after_review.total = " "G goes to the last cell"
nb_wait "行政复议、行政诉讼情况" "the grid scrolled to table 四"
nb_wait "结果维持" "table 四's column headers are shown"
nb_keys Home
nb_wait_cell active.regulations.issued 0

# The source follows the cell: new_received.natural_person is 47 on line 30.
nb_keys j j j j j j
nb_wait "applications.new_received.natural_person = 47 (read, line 30)" "the cell says where it was read"
nb_wait "Source: yunxiu.txt (line 30 of" "the source pane is on line 30"
if nb_screen_attrs | grep -E -q '^.*30.*\[1;7m47'; then
  nb_pass "47 is highlighted on source line 30"
else
  nb_fail "no highlighted 47 on source line 30"
fi
nb_keys j
nb_wait "applications.carried_over.natural_person = 3 (read, line 31)" "next row"
nb_wait "Source: yunxiu.txt (line 31 of" "the source pane follows to line 31"
if nb_screen_attrs | grep -E -q '^.*31.*\[1;7m3'; then
  nb_pass "3 is highlighted on source line 31"
else
  nb_fail "no highlighted 3 on source line 31"
fi
# Column headers stay visible while the grid scrolls down table 三.
nb_keys j j j j j j j j j j j j j j j j j j j j j j
nb_wait "applications.total.natural_person" "down to (七)总计"
nb_wait "自然人 │ 商业企业" "the header of table 三 is still on screen"
nb_wait "三、收到和处理政府信息公开申请情况" "and its title"

# Tab moves the focus; the focused pane's title carries the marker.
nb_keys Tab
nb_wait "▶ Findings" "Tab focuses the findings"
nb_keys Tab
nb_wait "▶ Source" "Tab again focuses the source"
before=$(nb_screen | sed -n "s/.*Source: yunxiu.txt (line \([0-9]*\) of.*/\1/p" | head -n 1)
nb_keys j j
nb_wait "Source: yunxiu.txt (line $((before + 2)) of" "j j moves the source cursor two lines down"
nb_keys Tab
nb_wait "▶ Tables" "and back to the tables"

# n/N: findings, and the cursor goes to the culprit.
nb_keys n
nb_wait_re "[->] E applications.row_total" "n selects the first finding"
nb_wait_cell applications.new_received.natural_person 47
nb_keys n
nb_wait_re "[->] E applications.balance" "n selects the next"
nb_keys N N
nb_wait "Back to the last finding." "N wraps around"
nb_wait_re "[->] W text.vs_table" "to the warning"
nb_wait "Source: yunxiu.txt (line 7 of" "the source shows the sentence of the text finding"
esc=$(printf "\033")
if nb_screen_attrs | grep -q "${esc}\\[4m[^${esc}]*行政诉讼3件"; then
  nb_pass "the finding's words are drawn in the source-finding style (underlined)"
else
  nb_fail "the finding's words are not highlighted in the source: $(nb_screen_attrs | grep "行政诉讼3件" | cat -v)"
fi

# Search the source.
nb_keys /
nb_wait "/" "the search prompt"
nb_type "行政诉讼3件"
nb_keys Enter
nb_wait_re "Source: yunxiu.txt \\(line [0-9]+ of" "search moves the source"
line=$(nb_screen | sed -n 's/.*Source: yunxiu.txt (line \([0-9]*\) of.*/\1/p' | head -n 1)
want=$(grep -n "行政诉讼3件" "$NB_TMP/yunxiu.txt" | head -n 1 | cut -d: -f1)
[ "$line" = "$want" ] && nb_pass "search found line $want" || nb_fail "search went to line $line, not $want"
nb_keys /
nb_type "没有这段文字"
nb_keys Enter
nb_wait "Not found: 没有这段文字" "a failed search says so"

# PgDn/PgUp in the grid.
nb_keys Home PgDn
nb_wait_re "= [0-9.-]+ \\(read" "PgDn moves the cursor"
nb_keys PgUp PgUp
nb_wait_cell active.regulations.issued 0

# The mouse: a click selects a cell, a source line, a finding.
nb_keys Home
nb_wait_cell active.regulations.issued 0
y=$(nb_row_of "(二)部分公开 ")
nb_click 90 "$y"
nb_wait "applications.partially_disclosed.natural_person = 4" "a click selects the cell under it"
y=$(nb_row_of "30 一、本年新收政府")
nb_click 10 "$y"
nb_wait "▶ Source: yunxiu.txt (line 30 of" "a click on a source line selects it"
y=$(nb_row_of "E applications.balance")
nb_click 100 "$y"
nb_wait_re "> E applications.balance" "a click on a finding selects it"
nb_wait "▶ Findings" "and focuses the findings"
nb_keys Tab

# g goes to a cell by its name as it is typed, in the report's words or
# by id; Esc goes back to where the selection was.
nb_keys g
nb_wait "Go to cell" "g asks for a cell's name"
nb_type "总计自然"
nb_wait "Σ (七)总计 53 = 53  Σ 自然人 45 = 45" "the selection follows the text: (七)总计 · 自然人"
nb_type "人"
nb_keys Enter
nb_wait_cell applications.total.natural_person 45
nb_keys g
nb_type "appeals.review.total"
nb_wait "Σ 行政复议" "an id goes there too"
nb_keys Escape
nb_wait_cell applications.total.natural_person 45
nb_keys g
nb_type "没有这个"
nb_keys Enter
nb_wait 'No cell is named "没有这个".' "a name of no cell is said"
nb_keys l h
nb_wait_cell applications.total.natural_person 45

# Help: F1, ? and :help list every command with its key.
nb_keys F1
nb_wait "nianbao keys" "F1 opens the help"
nb_wait "relink" "help lists relink"
nb_wait "C-r" "help shows C-r for redo"
nb_keys q
nb_wait "yunxiu.txt │" "q closes the help"
nb_keys ?
nb_wait "nianbao keys" "? opens the help too"
nb_wait_re "M-/ +search-back" "help shows M-/ for searching backward"
nb_keys q
nb_wait "yunxiu.txt │" "q closes the help again"
nb_keys :
nb_type "help"
nb_keys Enter
nb_wait "nianbao keys" ":help opens the help"
nb_keys Escape
nb_wait "yunxiu.txt │" "Esc closes the help"
nb_keys :
nb_type "frobnicate"
nb_keys Enter
nb_wait "Unknown command: frobnicate" "an unknown command is named"
nb_quit

# w unwraps the source lines (one row each, as less -S shows them) and
# Left/Right in the source pane scroll sideways; w wraps them again.
gap() { # rows from the line numbered $1 to the next line's number
  nb_screen | awk -v a="$1" '$1 == a && !sa { sa = NR } $1 == a + 1 && sa && !sb { sb = NR } END { print sb - sa }'
}
nb_start 100 30 -- "$NB_TMP/yunxiu.txt"
nb_wait "yunxiu.txt │" "opens at 100x30"
[ "$(gap 5)" -gt 1 ] && nb_pass "line 5 wraps over several rows" || nb_fail "line 5 does not wrap: gap $(gap 5)"
nb_keys w
nb_wait "Source lines unwrapped" "w unwraps the source lines"
[ "$(gap 5)" -eq 1 ] && nb_pass "unwrapped, line 5 takes one row" || nb_fail "unwrapped, line 5 takes $(gap 5) rows"
nb_wait_re "^ *5 2023年，云岫县" "line 5 starts at its first character"
nb_keys Tab Tab Right
nb_wait_gone "2023年，云岫县" "Right in the source pane scrolls sideways"
nb_keys Left
nb_wait_re "^ *5 2023年，云岫县" "Left scrolls back"
nb_keys w
nb_wait "Source lines wrapped." "w wraps them again"
[ "$(gap 5)" -gt 1 ] && nb_pass "line 5 wraps again" || nb_fail "line 5 still takes one row"
nb_quit

# Keys from the config file.
printf '%s\n' '# test config' 'bind undo U' 'bind no-such-command z' 'theme light' > "$XDG_CONFIG_HOME/nianbao/config"
nb_start 160 50 -- "$NB_TMP/yunxiu.txt"
nb_wait "line 3: unknown command \"no-such-command\"" "a bad config line is reported with its line"
nb_keys Home x
nb_wait "cleared to no value" "an edit"
nb_keys U
nb_wait "Undone." "U undoes after 'bind undo U'"
nb_keys F1
nb_wait_re "u, U +undo|U, u +undo" "help shows U for undo"
nb_keys q
nb_quit
rm -f "$XDG_CONFIG_HOME/nianbao/config"
nb_finish
