#!/bin/sh
# Control characters and escape sequences in a report are drawn as visible
# stand-ins and never reach the terminal: the window title, the alternate
# screen and the colours stay as nianbao set them, and the screen is not
# cleared by a \033[2J in the text.
. "$(dirname "$0")/lib.sh"

f=$NB_TMP/escapes.txt
cp "$NB_SRCDIR/samples/yunxiu-2023-inconsistent.txt" "$f" || exit 99
# Sequences that would retitle the window, leave the alternate screen,
# clear it, colour text, move the cursor home, overwrite with \r and \b,
# and reverse the text direction.
printf '\n注意\033]2;PWNED-TITLE\007事项\033[?1049l离开\033[2J清屏\033[H\033[31m红色RED\033[0m回车\r覆盖\b\b退格\342\200\256反转\342\200\254结束\n' >> "$f"
printf '\033]0;PWNED-TOO\033\\\n' >> "$f"

nb_start 160 50 -- "$f"
nb_wait "escapes.txt │" "the report opens"
title_before=$(tmux -L "$NB_SOCK" display -p -t nb '#{pane_title}')
nb_keys Tab Tab
nb_wait "▶ Source" "focus on the source"
nb_keys G
nb_wait "注意" "the last lines are shown"
nb_wait "␛]2;PWNED-TITLE␇事项" "ESC and BEL are drawn as ␛ and ␇"
nb_wait "␛[?1049l离开␛[2J清屏" "the screen-switching sequences are visible text"
nb_wait "红色RED" "the text after a colour sequence is there"
case $(tmux -L "$NB_SOCK" display -p -t nb '#{pane_title}') in
  *PWNED*) nb_fail "the window title was changed by the report" ;;
  *) nb_pass "the window title is untouched ($title_before)" ;;
esac
[ "$(tmux -L "$NB_SOCK" display -p -t nb '#{alternate_on}')" = 1 ] &&
  nb_pass "still on the alternate screen" || nb_fail "the report switched the alternate screen off"
nb_wait "escapes.txt │" "the status line was not cleared away"
esc=$(printf "\033")
if nb_screen_attrs | grep -E -q "${esc}\\[([0-9;]*;)?31(;[0-9;]*)?m红色"; then
  nb_fail "the report's red reached the terminal"
else
  nb_pass "the report's colour sequence did not colour its text"
fi
if nb_screen | grep -q "回车" && nb_screen | grep -q "覆盖␈␈退格"; then
  nb_pass "\\r and \\b overwrite nothing; \\b is drawn as ␈"
else
  nb_fail "\\r or \\b overwrote text"
fi
rlo=$(printf "\342\200\256")
if nb_screen | grep -q "$rlo"; then
  nb_fail "U+202E (right-to-left override) reached the terminal"
else
  nb_pass "U+202E is replaced by a stand-in"
fi
nb_quit

# Alt+key, as a real terminal sends it (Esc and the key at once), is one
# key: M-x says it does nothing instead of clearing the cell as x does.
cp "$NB_SRCDIR/samples/yunxiu-2023-inconsistent.txt" "$NB_TMP/alt.txt"
nb_start 160 50 -- "$NB_TMP/alt.txt"
nb_wait "alt.txt │" "opens for Alt keys"
nb_keys Home M-x
nb_wait "M-x does nothing here" "M-x is named as one key that does nothing"
nb_screen | grep -q "cleared to no value" && nb_fail "M-x cleared the cell" || nb_pass "the cell is not cleared"
nb_quit

# A paste is text, never keys (the terminal marks it: bracketed paste).
# 100,000 j pasted on the review screen move nothing and are named as
# ignored at once; a paste into the search line is its text.
cp "$NB_SRCDIR/samples/yunxiu-2023-inconsistent.txt" "$NB_TMP/paste.txt"
nb_start 160 50 -- "$NB_TMP/paste.txt"
nb_wait "paste.txt │" "opens for pastes"
nb_keys Home j
nb_wait_cell active.normative_documents.issued 3
head -c 100000 /dev/zero | tr '\0' j > "$NB_TMP/paste.j"
tmux -L "$NB_SOCK" load-buffer -b nbpaste "$NB_TMP/paste.j"
tmux -L "$NB_SOCK" paste-buffer -p -b nbpaste -t nb
nb_wait "A paste is not read as keys: 100000 characters ignored" "a paste on the review screen is ignored, and said so"
nb_keys l h
nb_wait_cell active.normative_documents.issued 3
tmux -L "$NB_SOCK" set-buffer -b nbpaste "收费金额
"
nb_keys /
tmux -L "$NB_SOCK" paste-buffer -p -b nbpaste -t nb
nb_wait "/收费金额" "a paste into the search line is its text, its line break not an Enter"
nb_keys BSpace Enter
nb_wait "Source: paste.txt (line 24 of" "the pasted search finds its line"
nb_quit

# Messages on stderr name files safely too.
bad_name="$NB_TMP/r$(printf "\033")]2;PWNED$(printf "\007")x.txt"
out=$("$NB_BIN" "$bad_name" 2>&1 </dev/null)
if printf "%s" "$out" | grep -q "$(printf "\033")"; then
  nb_fail "an escape sequence in a file name reached stderr raw: $(printf "%s" "$out" | cat -v)"
else
  nb_pass "a file name's escape sequence is a stand-in on stderr: $out"
fi
nb_finish
