#!/bin/sh
# Recovery never loses work: whatever the reviewer had is on disk in a
# file the next start offers, until it is saved into the review or
# discarded. Each part below lost a correction before:
#  1. a recovery file that does not load left the resumed review replaced
#     by a fresh reading, and the next s wrote that over the review;
#  2. an empty claim left beside the review (a full disk) was preferred to
#     the real recovery file in the state folder;
#  3. after loading a recovery, a second interruption wrote a file the next
#     start never offered;
#  4. "not now", then any save, deleted the recovery file;
#  5. a review file that cannot be loaded: the recovery written for it was
#     never offered;
#  6. :w OTHER counted as saving the review: q quit without asking;
#  7. two windows saving at the same moment both said "Saved";
#  8. a second session's recovery file (written beside the first, which
#     was taken) was never offered.
# The states and events these parts walk through are the rules in
# src/tui/recovery.c; each part names the steps it takes.
. "$(dirname "$0")/lib.sh"

cp "$NB_SRCDIR/samples/yunxiu-2023-inconsistent.txt" "$NB_TMP/y.txt" || exit 99
review=$NB_TMP/y.txt.review.yaml
rec=$review.recover
state=$NB_TMP/state

# open_y: the report on the screen, recovery's state folder our own
open_y() { nb_start 160 50 XDG_STATE_HOME="$state" -- "$NB_TMP/y.txt"; }

# fix46: the edit that mends both errors (47 -> 46), unsaved
fix46() {
  nb_keys Home j j j j j j e C-u
  nb_type 46
  nb_keys Enter
  nb_wait "Errors: 0 (were 2)" "$1"
}

# interrupt: SIGTERM; waits for the recovery message
interrupt() {
  pid=$(nb_pid)
  if [ -z "$pid" ]; then
    echo "SKIP: cannot find the program's pid (no /proc)"
    exit 77
  fi
  kill -TERM "$pid"
  nb_wait "unsaved changes written to $1" "$2"
  nb_wait "NB-EXITED:" "the program ends"
}

# --- 1: a saved correction, and a recovery file that does not load
open_y
nb_wait "y.txt │" "opens"
fix46 "a correction"
nb_keys s
nb_wait "Saved $review" "saved into the review"
nb_quit
printf 'format: nianbao/1\nnot: a review\n' > "$rec"
open_y
nb_wait_question "cannot be loaded: " "the broken recovery is named, and why it cannot be loaded"
nb_keys n
nb_wait "Recovery file not loaded, and kept" "not now: it is kept, and said so"
nb_wait "0 errors, 1 warnings" "the resumed review (with its correction) is still in effect"
nb_keys s
nb_wait "Saved" "s saves"
grep -q "after: 46" "$review" && nb_pass "the review file still holds the correction" ||
  nb_fail "the save wrote the unedited reading over the review"
[ -s "$rec" ] && nb_pass "the recovery file that did not load is kept" || nb_fail "the recovery file is gone"
nb_quit
rm -f "$rec" "$review"

# --- 2: an empty claim beside the review, the real recovery in the state
# folder (where it goes when the review's folder cannot take it)
open_y
nb_wait "y.txt │" "opens afresh"
fix46 "an unsaved correction"
interrupt "$rec" "the recovery file is written"
dir=$(cd "$NB_TMP" && pwd -P)
hash=$(printf '%s' "$dir" | sha256sum | cut -c1-16)
mkdir -p "$state/nianbao"
mv "$rec" "$state/nianbao/y.txt.review.yaml.$hash.recover"
# the claim left by a session that could not write (a full disk), newer
# than the real recovery
touch -d '20 seconds ago' "$state/nianbao/y.txt.review.yaml.$hash.recover"
: > "$rec"
touch -d '10 seconds ago' "$rec"
open_y
nb_wait_question "is in $state/nianbao/" "the real recovery is offered, not the empty file"
nb_keys y
nb_wait "0 errors, 1 warnings" "its correction is back"

# --- 3: loaded, edited again, interrupted again: the next start offers both edits
nb_keys Home x
nb_wait "cleared to no value" "a second unsaved edit"
interrupt "$NB_TMP/y.txt.review.yaml.recover" "the second interruption writes where the next start looks"
ls "$NB_TMP"/y.txt.review.yaml.recover-* >/dev/null 2>&1 && nb_fail "a recovery file the next start never offers was written" ||
  nb_pass "no orphan recovery file"
ls "$state"/nianbao/*.recover >/dev/null 2>&1 && nb_fail "the recovery loaded from the state folder is still there" ||
  nb_pass "the recovery it loaded, now in the new one, is gone"
open_y
nb_wait_question "is in $rec:" "the newer recovery is offered"
nb_keys y
nb_wait "Recovered unsaved work" "it loads"
nb_wait "0 errors, 2 warnings" "the first correction and the cleared cell are in it"
nb_keys s
nb_wait "Saved" "s saves both"
[ ! -e "$rec" ] && nb_pass "saving the loaded recovery removes it" || nb_fail "the loaded recovery outlived the save"
nb_quit
rm -rf "$state" "$review" "$rec"

# --- 4: "not now", then a save, keeps the recovery file
open_y
nb_wait "y.txt │" "opens for part 4"
fix46 "an unsaved correction (part 4)"
interrupt "$rec" "the recovery file is written"
open_y
nb_wait "Unsaved work from an interrupted session" "offered"
nb_keys n
nb_wait "2 errors, 1 warnings" "not now: the fresh reading"
nb_keys Home j x
nb_wait "cleared to no value" "another edit"
nb_keys s
nb_wait "Saved" "saved"
[ -s "$rec" ] && nb_pass "the recovery said 'not now' to is kept after a save" || nb_fail "the save deleted the recovery"
nb_quit
rm -f "$review" "$rec"

# --- 5: a review file that cannot be loaded; its recovery is still offered
printf 'format: nianbao/99\n' > "$review"
open_y
nb_wait "was not loaded" "the review file is not loaded"
fix46 "a correction anyway"
interrupt "$rec" "SIGTERM writes the recovery"
open_y
nb_wait_question "is in $rec:" "the recovery is offered"
nb_keys y
nb_wait "0 errors, 1 warnings" "and loads"
grep -q "nianbao/99" "$review" && nb_pass "the review file that did not load is untouched" || nb_fail "the review file changed"
nb_quit
rm -f "$review" "$rec"

# --- 6: :w OTHER is a copy; the review itself is still unsaved
open_y
nb_wait "y.txt │" "opens for part 6"
fix46 "an unsaved correction (part 6)"
nb_keys :
nb_type "w $NB_TMP/copy.review.yaml"
nb_keys Enter
nb_wait "Wrote a copy to $NB_TMP/copy.review.yaml" ":w OTHER writes a copy"
nb_keys q
nb_wait "Unsaved changes" "q still asks: the review itself is not saved"
nb_keys y
nb_wait "NB-EXITED:0" "saving on the way out"
grep -q "after: 46" "$review" && nb_pass "the review file has the correction" || nb_fail "the review file lacks the correction"
rm -f "$review" "$rec"

# --- 7: two windows on one report press s at the same moment: one saves,
# the other finds the file changed and asks; neither silently wins
start_second() { # the same report in a second session, nb2
  tmux -L "$NB_SOCK" kill-session -t nb2 >/dev/null 2>&1
  tmux -L "$NB_SOCK" new-session -d -s nb2 -x 160 -y 50 \
    "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen-256color XDG_STATE_HOME='$state' '$NB_BIN' '$NB_TMP/y.txt'; echo NB-EXITED:\$?; sleep 600"
}
screen2() { tmux -L "$NB_SOCK" capture-pane -p -t nb2; }
open_y
nb_wait "y.txt │" "window one opens"
start_second
i=0
until screen2 | grep -q "y.txt │" || [ $i -gt 100 ]; do sleep 0.1; i=$((i + 1)); done
fix46 "window one's correction"
tmux -L "$NB_SOCK" send-keys -t nb2 Home x
i=0
until screen2 | grep -q "cleared to no value" || [ $i -gt 100 ]; do sleep 0.1; i=$((i + 1)); done
tmux -L "$NB_SOCK" send-keys -t nb s \; send-keys -t nb2 s
sleep 1
one=$(nb_screen) two=$(screen2)
saved=0
case $one in *"Saved $review"*) saved=$((saved + 1)) ;; esac
case $two in *"Saved $review"*) saved=$((saved + 1)) ;; esac
asked=0
case "$one$two" in *"changed on disk"*|*"another window is saving"*) asked=1 ;; esac
if [ $saved -eq 1 ] && [ $asked -eq 1 ]; then
  nb_pass "one window saved, the other was asked"
else
  nb_fail "two saves at once: $saved said Saved, asked=$asked"
fi
tmux -L "$NB_SOCK" send-keys -t nb n \; send-keys -t nb2 n
# window two quits without saving (killing it would leave a recovery file
# that the next part's start would offer)
i=0
until screen2 | grep -q "NB-EXITED" || [ $i -gt 100 ]; do
  case $(screen2) in *"Unsaved changes"*) tmux -L "$NB_SOCK" send-keys -t nb2 n ;; *) tmux -L "$NB_SOCK" send-keys -t nb2 q ;; esac
  sleep 0.1; i=$((i + 1))
done
tmux -L "$NB_SOCK" kill-session -t nb2 >/dev/null 2>&1
[ ! -e "$review.lock" ] && nb_pass "no lock is left behind" || nb_fail "the lock was left behind"
nb_quit
# a save that must wait for another's says so while it waits, then gives up
open_y
nb_wait "y.txt │" "opens beside a save in progress"
sleep 60 &
holder=$!
echo "$holder" > "$review.lock"
nb_keys Home x s
nb_wait "Another window is saving $review; waiting for it" "the wait is said on screen"
nb_wait "Not saved: another window is saving" "after a while it gives up and says so"
kill "$holder" 2>/dev/null
rm -f "$review.lock"
nb_quit
rm -f "$review" "$rec"

# --- 8: two recovery files, offered newest first with their time and what
# they change. Steps: none -interrupted-> (write new); asking -not now->
# asking (kept, the next is asked); asking -yes-> loaded, older ones kept;
# loaded -saved copy-> loaded (kept); loaded -saved-> none (the loaded one
# removed); asking -discard-> asking.
open_y
nb_wait "y.txt │" "opens for part 8"
fix46 "the first session's correction"
interrupt "$rec" "the first session's recovery file"
open_y
nb_wait_question "is in $rec:" "offered to the second session"
nb_keys n
nb_wait "2 errors, 1 warnings" "not now: the fresh reading"
nb_keys Home x
nb_wait "cleared to no value" "the second session's edit"
pid=$(nb_pid)
kill -TERM "$pid"
nb_wait_re "unsaved changes written to $rec-[0-9]+[.]review[.]yaml" "the first file is taken: the second goes beside it"
second=$(ls "$rec"-*.review.yaml 2>/dev/null | head -n 1)
touch -d '1 minute ago' "$rec" # the second is the newer, whatever the clock's grain
open_y
nb_wait_question "is in $second: it changes 1 cell" "the newer (the second session's) is offered first"
nb_wait_re "session \\([0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8}\\) is in" "with the time it was written"
nb_wait_question "本年制发件数 0 -> no value" "it names the cell it changes"
nb_keys n
nb_wait_question "is in $rec: it changes 1 cell" "not now: the older one is asked about next"
nb_wait_question "47 -> 46" "with the correction it holds"
nb_keys n
nb_wait "2 errors, 1 warnings" "not now to both: the fresh reading"
[ -s "$rec" ] && [ -s "$second" ] && nb_pass "both are kept" || nb_fail "a recovery said 'not now' to is gone"
nb_quit
open_y
nb_wait_question "is in $second:" "offered again, newest first"
nb_keys y
nb_wait "1 older recovery file is kept for the next start" "loading the newer keeps the older, and says so"
nb_keys :
nb_type "w $NB_TMP/copy8.review.yaml"
nb_keys Enter
nb_wait "Wrote a copy to $NB_TMP/copy8.review.yaml" "a copy elsewhere"
[ -s "$second" ] && nb_pass "the copy leaves the loaded recovery in place" || nb_fail "a copy elsewhere removed the loaded recovery"
nb_keys s
nb_wait "Saved" "saved"
[ ! -e "$second" ] && nb_pass "the loaded one is removed by the save" || nb_fail "the loaded recovery outlived the save"
[ -s "$rec" ] && nb_pass "the older one is still there" || nb_fail "the save removed a recovery it did not absorb"
nb_quit
open_y
nb_wait_question "is in $rec:" "the older one is offered at the next start"
nb_keys d
nb_wait "Discarded $rec" "d discards it"
[ ! -e "$rec" ] && nb_pass "the discarded file is gone" || nb_fail "the discarded file is still there"
nb_quit
nb_finish
