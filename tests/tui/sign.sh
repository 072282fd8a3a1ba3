#!/bin/sh
# Signing off, saving elsewhere with :w, and what happens on SIGTERM and
# SIGHUP: the unsaved work goes to the recovery file, and the next start
# offers it back.
. "$(dirname "$0")/lib.sh"

cp "$NB_SRCDIR/samples/yunxiu-2023-inconsistent.txt" "$NB_TMP/yunxiu.txt" || exit 99
nb_start 160 50 -- "$NB_TMP/yunxiu.txt"
nb_wait "not signed" "the status line says not signed"

# A name longer than the sign-off can hold is refused, never cut inside a
# character (and not remembered).
nb_keys S
nb_wait "Reviewer (your name" "S asks who signs"
nb_type "$(printf 'a%.0s' $(seq 1 62))张三"
nb_keys Enter
nb_wait "The name is too long" "a 65-byte name is refused with a reason"
[ ! -f "$XDG_CONFIG_HOME/nianbao/config" ] && nb_pass "the refused name is not remembered" ||
  nb_fail "the refused name went into the config"

# A right-to-left override in the name is refused: it would reorder every
# line that shows the name, and the config file would keep it.
nb_keys S
nb_wait "Reviewer (your name" "S asks who signs"
nb_type "张$(printf '\342\200\256')三"
nb_keys Enter
nb_wait "The name holds a control that reverses text" "a name with U+202E is refused with a reason"
[ ! -f "$XDG_CONFIG_HOME/nianbao/config" ] && nb_pass "the refused name is not remembered" ||
  nb_fail "the name with U+202E went into the config"

# Sign with two errors open: the reviewer is asked (and remembered), the
# verdict, a note, then the override and its note.
nb_keys S
nb_wait "Reviewer (your name" "S asks who signs"
nb_type "张三"
nb_keys Enter
nb_wait "Verdict:" "then the verdict"
nb_keys a
nb_wait "Sign-off note" "then a note"
nb_type "checked against the PDF"
nb_keys Enter
nb_wait "2 errors are still open. Sign anyway" "open errors need an override"
nb_keys y
nb_wait "Override note" "the override asks why"
nb_keys Enter
nb_wait "An override needs a note. Not signed." "an empty override note signs nothing"

nb_wait "not signed" "still not signed"
nb_keys S
nb_wait "Verdict:" "the second time the name is remembered"
nb_keys n
nb_keys Enter
nb_wait "Sign anyway" "override again"
nb_keys y
nb_type "the source itself is wrong"
nb_keys Enter
nb_wait "Signed off by 张三" "signed"
nb_wait_re "signed by 张三 \\(approved[_ ]with[_ ]notes\\), override" "the status line shows the sign-off"
grep -q "^reviewer 张三$" "$XDG_CONFIG_HOME/nianbao/config" && nb_pass "the reviewer is remembered in the config" ||
  nb_fail "the reviewer was not written to the config as 张三: $(cat -v "$XDG_CONFIG_HOME/nianbao/config")"
nb_keys :
nb_type "w $NB_TMP/elsewhere.review.yaml"
nb_keys Enter
nb_wait "Wrote a copy to $NB_TMP/elsewhere.review.yaml" ":w PATH writes a copy there"
grep -q "张三" "$NB_TMP/elsewhere.review.yaml" && nb_pass "the sign-off is in the saved file" ||
  nb_fail "the saved file has no sign-off"
# An edit after signing voids the sign-off.
nb_keys Home x
nb_wait "sign-off void" "an edit voids the sign-off"
nb_keys u
nb_quit

# SIGTERM with unsaved work: the recovery file, then the offer to load it.
for sig in TERM HUP QUIT; do
  rm -f "$NB_TMP/yunxiu.txt.review.yaml.recover"
  nb_start 160 50 -- "$NB_TMP/yunxiu.txt"
  nb_wait "yunxiu.txt │" "opens (SIG$sig)"
  nb_keys Home j j j j j j e C-u
  nb_type 46
  nb_keys Enter
  nb_wait "Errors: 0 (were 2)" "an unsaved edit"
  pid=$(nb_pid)
  if [ -z "$pid" ]; then
    echo "cannot find the program's pid (no /proc?): the signal part is skipped"
    nb_quit
    break
  fi
  kill -$sig "$pid"
  nb_wait "unsaved changes written to $NB_TMP/yunxiu.txt.review.yaml.recover" "SIG$sig writes the recovery file"
  nb_wait "NB-EXITED:" "and the program ends"
  [ -f "$NB_TMP/yunxiu.txt.review.yaml.recover" ] && nb_pass "the recovery file exists" ||
    nb_fail "no recovery file after SIG$sig"
done
if [ -f "$NB_TMP/yunxiu.txt.review.yaml.recover" ]; then
  nb_start 160 50 -- "$NB_TMP/yunxiu.txt"
  nb_wait "Unsaved work from an interrupted session" "the next start offers the recovery"
  nb_keys y
  nb_wait "Recovered unsaved work" "y loads it"
  nb_wait "0 errors, 1 warnings" "the recovered edit is in effect"
  nb_keys s
  nb_wait "Saved" "s saves it"
  [ ! -f "$NB_TMP/yunxiu.txt.review.yaml.recover" ] && nb_pass "saving removes the recovery file" ||
    nb_fail "the recovery file outlived the save"
  nb_quit
fi

# Declining for good: d discards the recovery file.
nb_start 160 50 -- "$NB_TMP/yunxiu.txt"
nb_wait "yunxiu.txt │" "opens once more"
nb_keys Home x
nb_wait "cleared to no value" "an unsaved edit"
pid=$(nb_pid)
if [ -n "$pid" ]; then
  kill -INT "$pid"
  nb_wait "unsaved changes written to" "SIGINT writes the recovery file too"
  nb_start 160 50 -- "$NB_TMP/yunxiu.txt"
  nb_wait "Unsaved work from an interrupted session" "offered again"
  nb_keys d
  nb_wait "Discarded" "d discards it"
  [ ! -f "$NB_TMP/yunxiu.txt.review.yaml.recover" ] && nb_pass "the recovery file is gone" ||
    nb_fail "d left the recovery file"
  nb_quit
else
  nb_quit
fi
# Another session's recovery file is kept; ours goes beside it, and says so.
rm -f "$NB_TMP"/yunxiu.txt.review.yaml*
nb_start 160 50 -- "$NB_TMP/yunxiu.txt"
nb_wait "yunxiu.txt │" "opens for a second interrupted session"
printf '%s\n' "another session" > "$NB_TMP/yunxiu.txt.review.yaml.recover"
nb_keys Home x
nb_wait "cleared to no value" "an unsaved edit"
pid=$(nb_pid)
if [ -n "$pid" ]; then
  kill -TERM "$pid"
  nb_wait "unsaved changes written to $NB_TMP/yunxiu.txt.review.yaml.recover-" "the message names the file beside it"
  grep -q "another session" "$NB_TMP/yunxiu.txt.review.yaml.recover" && nb_pass "the other recovery file is intact" ||
    nb_fail "the other session's recovery file was replaced"
  alt=$(ls "$NB_TMP"/yunxiu.txt.review.yaml.recover-*.review.yaml 2>/dev/null | head -n 1)
  [ -n "$alt" ] && nb_pass "ours is in $(basename "$alt")" || nb_fail "no file beside it holds our work"
  if [ -n "$alt" ]; then
    nb_start 160 50 -- "$alt"
    nb_wait "Resumed the review" "it opens as a review"
    nb_wait_selected "规章" "-"
    nb_quit
  fi
fi

# A paste longer than a prompt holds: the prompt says it is full.
rm -f "$NB_TMP"/yunxiu.txt.review.yaml*
nb_start 160 50 -- "$NB_TMP/yunxiu.txt"
nb_wait "yunxiu.txt │" "opens for a long paste"
nb_keys n c
nb_wait "Confirmed in source; note" "the note prompt"
nb_type "$(printf '注%.0s' $(seq 1 400))"
nb_wait "[full]" "1200 bytes into a 1023-byte prompt: it says [full]"
nb_keys Escape
nb_quit
nb_finish
