#!/bin/sh
# The review screen under bad conditions, driven in tmux as a person would
# meet them: a terminal of 20x5 and 1x1, reports that cannot be read, a
# report (and a file name) full of escape sequences, \r, \b and bidi
# overrides, a review file that is malformed, SIGTERM and a closed
# terminal with unsaved edits, SIGKILL in the middle of a save, and a
# full or read-only disk under a save (a tmpfs in a private mount
# namespace, where the machine allows one).
#
# What must hold: never a crash, the "too small" notice or a blank screen
# and a clean exit on q; nothing from the report reaches the terminal raw
# (the window title, the screen and the colours stay as nianbao set them);
# unsaved edits survive a signal in the recovery file and the next start
# offers them; a killed save leaves the previous review file whole; a
# review file that could not be read is never overwritten.
#
# Waits are bounded polls of the screen or of files (about 10 s at most
# each), never sleeps standing in for an assertion.
# The checks of the bugs this test found (notes/bugs.md B5, B7, B8, B13,
# B14, B15, B18, B20; all fixed since) stay in it.
set -u
: "${NB_SRCDIR:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${NB_BIN:=}"
if [ -z "$NB_BIN" ] || [ ! -x "$NB_BIN" ]; then
  echo "SKIP: the nianbao binary (NB_BIN='$NB_BIN') has not been built"
  exit 77
fi
if ! command -v tmux >/dev/null 2>&1; then
  echo "SKIP: tmux is not installed; the review screen cannot be driven"
  exit 77
fi
sample=$NB_SRCDIR/samples/qinghe-2023-browser.txt
if [ ! -f "$sample" ]; then
  echo "SKIP: the bundled sample $sample is missing"
  exit 77
fi
LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE=
export LANG LC_ALL LANGUAGE
unset NIANBAO_TEST_WRITE_FAIL NIANBAO_TEST_WRITE_STALL NO_COLOR NIANBAO_THEMEDIR

self=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
# Section 6 runs this script again inside a private mount namespace, with
# NB_TUI_DISK_DIR naming the folder to work in; it then runs only that part.
inner=${NB_TUI_DISK_DIR:-}
if [ -n "$inner" ]; then
  work=$inner/ui
  mkdir -p "$work/tmux" || exit 99
  TMUX_TMPDIR=$work/tmux # its own tmux socket folder, whatever uid a user namespace maps to
  export TMUX_TMPDIR
  sock=nbtuidisk$$
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/nb_tuibad.XXXXXX") || exit 99
  sock=nbtuibad$$
fi
tm() { tmux -L "$sock" -f /dev/null "$@"; }
cleanup() {
  if [ -s "$work/pid" ]; then kill -9 "$(cat "$work/pid")" 2>/dev/null; fi
  tm kill-server >/dev/null 2>&1
  [ -n "${NB_KEEP:-}" ] || [ -n "$inner" ] || rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
cd "$work" || exit 99
mkdir -p config/nianbao

passed=0 failed=0 failed_names=
pass() { passed=$((passed + 1)); echo "ok: $*"; }
fail() {
  failed=$((failed + 1))
  echo "FAIL: $*"
  failed_names="$failed_names
  FAILED: $*"
  echo "---- screen ----"; screen; echo "----------------"
}

# The program runs through a launcher that records its pid (exec keeps
# it) and takes its arguments and extra environment from files, so that
# file names holding escape sequences need no quoting in tmux's command.
cat >launch.sh <<EOF
#!/bin/sh
echo \$\$ >"$work/pid"
set --
while IFS= read -r a; do set -- "\$@" "\$a"; done <"$work/args"
exec env TERM=screen-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 XDG_CONFIG_HOME="$work/config" XDG_STATE_HOME="$work/state" \$(cat "$work/envs") "$NB_BIN" "\$@"
EOF
chmod +x launch.sh

# start WIDTH HEIGHT [NAME=VALUE...] -- ARGS...: a fresh run of nianbao.
start() {
  w=$1 h=$2; shift 2
  : >envs
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do echo "$1" >>envs; shift; done
  [ $# -gt 0 ] && shift
  : >args
  for a in "$@"; do printf '%s\n' "$a" >>args; done
  : >pid
  if ! tm has-session -t keep >/dev/null 2>&1; then tm new-session -d -s keep "sleep 3600"; fi
  tm kill-session -t nb >/dev/null 2>&1
  tm new-session -d -s nb -x "$w" -y "$h" "sh '$work/launch.sh'; echo NB-EXITED:\$?; sleep 600"
  wait_file pid || fail "nianbao did not start"
}
screen() { tm capture-pane -p -t nb 2>/dev/null; }
screen_attrs() { tm capture-pane -p -e -t nb 2>/dev/null; }
keys() { tm send-keys -t nb "$@"; }
typed() { tm send-keys -t nb -l -- "$1"; }
resize() { tm resize-window -t nb -x "$1" -y "$2"; }
pid() { cat "$work/pid"; }

# wait_screen TEXT WHAT: poll (about 10 s at most) until TEXT shows.
wait_screen() {
  i=0
  while [ $i -lt 100 ]; do
    if screen | grep -F -q -- "$1"; then pass "$2"; return 0; fi
    i=$((i + 1)); sleep 0.1
  done
  fail "$2: \"$1\" did not appear"
  return 1
}
wait_screen_re() {
  i=0
  while [ $i -lt 100 ]; do
    if screen | grep -E -q -- "$1"; then pass "$2"; return 0; fi
    i=$((i + 1)); sleep 0.1
  done
  fail "$2: /$1/ did not appear"
  return 1
}
wait_screen_gone() {
  i=0
  while [ $i -lt 100 ]; do
    if ! screen | grep -F -q -- "$1"; then pass "$2"; return 0; fi
    i=$((i + 1)); sleep 0.1
  done
  fail "$2: \"$1\" is still there"
  return 1
}
# wait_file FILE: poll until FILE exists and is not empty.
wait_file() {
  i=0
  while [ $i -lt 100 ]; do
    [ -s "$1" ] && return 0
    i=$((i + 1)); sleep 0.1
  done
  return 1
}
# wait_file_exists FILE: poll until FILE exists, even empty.
wait_file_exists() {
  i=0
  while [ $i -lt 100 ]; do
    [ -e "$1" ] && return 0
    i=$((i + 1)); sleep 0.1
  done
  return 1
}
# read_bytes: how many bytes nianbao has read so far (empty where /proc
# does not say). wait_read BEFORE N WHAT: poll until it has read N bytes
# more than BEFORE: keys typed have been taken before what the test does
# next (a resize is noticed ahead of keys still waiting to be read).
read_bytes() { sed -n 's/^rchar: //p' "/proc/$(pid)/io" 2>/dev/null; }
wait_read() {
  [ -n "$1" ] || return 0
  i=0
  while [ $i -lt 100 ]; do
    now=$(read_bytes)
    [ -n "$now" ] && [ "$now" -ge $(($1 + $2)) ] && return 0
    i=$((i + 1)); sleep 0.1
  done
  fail "$3: nianbao did not read the keys"
  return 1
}
# wait_tty_size ROWS COLS WHAT: poll until nianbao's terminal has that
# size (tmux sets it a moment after it is asked).
wait_tty_size() {
  tty=$(tm display -p -t nb '#{pane_tty}')
  i=0
  while [ $i -lt 100 ]; do
    [ "$(stty -F "$tty" size 2>/dev/null)" = "$1 $2" ] && return 0
    i=$((i + 1)); sleep 0.1
  done
  fail "$3: the terminal did not become $2x$1"
  return 1
}
# exited STATUS WHAT: nianbao ended with STATUS.
exited() {
  wait_screen "NB-EXITED:$1" "$2" || return 1
  # A sanitizer's report at exit (leaks) ends just above the exit line.
  if screen | grep -E -q 'Sanitizer|runtime error'; then fail "$2: a sanitizer report at the exit"; return 1; fi
  return 0
}
no_crash_screen() {
  if screen | grep -E -q 'Segmentation|Sanitizer|runtime error|core dumped|Aborted'; then
    fail "$1: a crash or sanitizer report is on the screen"
  else
    pass "$1: no crash"
  fi
}
# quit_clean: q (answering "no" to saving if asked), then status 0.
quit_clean() {
  keys q
  i=0
  while [ $i -lt 50 ]; do
    s=$(screen)
    case $s in
      *NB-EXITED:*) break ;;
      *"Unsaved changes"*) keys n ;;
      *"Unsaved work from an interrupted session"*) keys n ;;
    esac
    i=$((i + 1)); sleep 0.1
  done
  exited 0 "$1: q quits with status 0"
}
# Bytes a terminal would obey (see test_bad_input.sh).
unsafe_re=$(printf '[\001-\010\013-\037\177]|\302[\200-\237]|\342\200[\252-\256]|\342\201[\246-\251]')
has_unsafe() { LC_ALL=C grep -E -q "$unsafe_re" "$1"; }
# edit_first_cell VALUE [FROM]: the first cell (规章 本年制发件数, FROM or 0)
# gets VALUE.
edit_first_cell() {
  keys e C-u
  typed "$1"
  keys Enter
  wait_screen "规章 · 本年制发件数: ${2:-0} -> $1" "the first cell now holds $1"
}

# Section 6, run inside a private mount namespace: saving the review onto
# a full and then a read-only file system keeps the work on screen, the
# review file on disk whole and no temp file; freeing space lets s save,
# and SIGTERM still puts unsaved work somewhere safe.
disk_part() {
  disk=$work/disk
  mkdir -p "$disk"
  if ! mount -t tmpfs -o size=256k tmpfs "$disk"; then fail "cannot mount the tmpfs"; return; fi
  cp "$sample" "$disk/report.txt"
  dreview=$disk/report.txt.review.yaml
  start 300 50 -- "$disk/report.txt" # wide enough for the whole message
  wait_screen "青禾县 │ 2023" "opens on a small tmpfs" || return
  edit_first_cell 7
  keys s
  wait_screen "Saved $dreview." "the first save on the tmpfs" || return
  cp "$dreview" "$work/saved.yaml"
  dd if=/dev/zero of="$disk/filler" bs=1k 2>/dev/null
  edit_first_cell 8 7
  keys s
  wait_screen "Not saved: cannot save $dreview: the disk is full" "full disk: the save fails and says why"
  wait_screen "[+] report.txt" "full disk: the work is still unsaved on screen"
  cmp -s "$dreview" "$work/saved.yaml" && pass "full disk: the review file is the last saved one" ||
    fail "full disk: the review file changed"
  ls -A "$disk" | grep -q '\.tmp' && fail "full disk: a temp file was left" || pass "full disk: no temp file left"
  rm -f "$disk/filler"
  keys s
  wait_screen "Saved $dreview." "space freed: s saves"
  grep -q '^    after: 8$' "$dreview" && pass "the save after freeing space has the edit" ||
    fail "the save after freeing space lacks the edit"
  cp "$dreview" "$work/saved.yaml"
  edit_first_cell 9 8
  if mount -o remount,ro "$disk" 2>/dev/null; then
    keys s
    wait_screen "Not saved: cannot save $dreview: the folder $disk is on a read-only file system" \
      "read-only: the save fails and says why"
    cmp -s "$dreview" "$work/saved.yaml" && pass "read-only: the review file is the last saved one" ||
      fail "read-only: the review file changed"
    kill -TERM "$(pid)"
    exited 143 "read-only: SIGTERM ends it"
    wait_screen "unsaved changes written to $work/state/nianbao/" "read-only: the unsaved work went to the state folder"
  else
    echo "SKIP: cannot remount the tmpfs read-only here"
    quit_clean "full disk"
  fi
  umount "$disk" 2>/dev/null || umount -l "$disk" 2>/dev/null
}
if [ -n "$inner" ]; then
  disk_part
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ] && exit 0
  exit 1
fi

cp "$sample" report.txt

# ---------------------------------------------------------------------------
# 1. Tiny terminals.
start 20 5 -- "$work/report.txt"
wait_screen "too small" "20x5: the \"too small\" notice"
no_crash_screen "20x5"
# Keys typed blind while the notice is up change nothing.
before=$(read_bytes)
keys x e C-u 5 Enter s
wait_read "$before" 6 "keys typed while too small"
resize 160 50
wait_screen "青禾县 │ 2023" "20x5 then 160x50: the review screen is drawn"
wait_screen "active.regulations.issued = 0 (read" "keys typed while too small did not edit a cell"
if screen | grep -F -q "[+]"; then fail "keys typed while too small left unsaved changes"
else pass "keys typed while too small left nothing unsaved"; fi
[ -e report.txt.review.yaml ] && fail "keys typed while too small saved a review" ||
  pass "keys typed while too small saved nothing"
# A storm of resizes, the absurd ones included, with keys in between.
for size in "1 1" "200 5" "5 200" "60 15" "59 14" "2 2" "300 100" "20 5" "100 30" "1 1" "80 24"; do
  resize $size
  keys j l Tab
done
resize 160 50
wait_screen "青禾县 │ 2023" "after a storm of resizes the screen is drawn again"
no_crash_screen "resize storm"
resize 20 5
wait_screen "too small" "20x5 again"
# Keys typed blind and not yet read when the window grows are dropped too:
# nianbao is stopped while they are typed and the window grows.
nbpid=$(pid)
kill -STOP "$nbpid"
keys x e C-u 5 Enter s
resize 160 50
wait_tty_size 50 160 "keys typed blind just before the window grows"
kill -CONT "$nbpid"
wait_screen "青禾县 │ 2023" "keys typed blind just before the window grows: the screen is drawn"
wait_screen_re "^[a-z_.]+ = [0-9.]+ \(read, line" "keys typed blind just before the window grows edit no cell"
if screen | grep -F -q "[+]"; then fail "keys typed blind just before the window grows left unsaved changes"
else pass "keys typed blind just before the window grows left nothing unsaved"; fi
if [ -e report.txt.review.yaml ]; then
  fail "keys typed blind just before the window grows saved a review"
  rm -f report.txt.review.yaml # the checks below start from no review
else
  pass "keys typed blind just before the window grows saved nothing"
fi
quit_clean "20x5"

# In Chinese the notice is made of double-width characters; at 20x5 and
# 3x2 they must wrap, never crash.
if LANGUAGE=zh_CN "$NB_BIN" --help 2>/dev/null | grep -q '用法\|审核'; then
  start 20 5 LANGUAGE=zh_CN -- "$work/report.txt"
  wait_screen "终端窗口太小" "20x5 in Chinese: the notice"
  resize 3 2
  resize 20 5
  wait_screen "终端窗口太小" "3x2 and back in Chinese: the notice again"
  quit_clean "20x5 in Chinese"
else
  echo "SKIP: the Chinese messages are not built; the tiny-terminal notice is checked in English only"
fi

start 1 1 -- "$work/report.txt"
# Nothing can be drawn in one cell; it must keep running and come back.
resize 100 30
wait_screen "青禾县 │ 2023" "1x1 then 100x30: the review screen is drawn again"
resize 1 1
resize 20 5
wait_screen "too small" "back to 20x5: the notice"
resize 1 1
nbpid=$(pid)
keys q
# One cell cannot show the exit line: wait for the process, then look.
i=0; while kill -0 "$nbpid" 2>/dev/null && [ $i -lt 100 ]; do i=$((i + 1)); sleep 0.1; done
resize 80 24
exited 0 "1x1: q quits with status 0"

# A bad environment: no locale at all (a fresh Debian has no LANG), an
# unknown terminal type, a terminal without cursor addressing.
tm kill-session -t nb >/dev/null 2>&1
tm new-session -d -s nb -x 160 -y 50 \
  "env -u LANG -u LC_ALL -u LC_CTYPE TERM=screen-256color XDG_CONFIG_HOME='$work/config' XDG_STATE_HOME='$work/state' '$NB_BIN' '$work/report.txt'; echo NB-EXITED:\$?; sleep 600"
wait_screen "青禾县 │ 2023" "in the C locale the report is still drawn as UTF-8"
quit_clean "C locale"
for term in no-such-terminal dumb; do
  tm kill-session -t nb >/dev/null 2>&1
  tm new-session -d -s nb -x 100 -y 30 \
    "env TERM=$term LANG=C.UTF-8 XDG_CONFIG_HOME='$work/config' XDG_STATE_HOME='$work/state' '$NB_BIN' '$work/report.txt'; echo NB-EXITED:\$?; sleep 600"
  if wait_screen "NB-EXITED:2" "TERM=$term: refused with status 2"; then
    screen | grep -q "^nianbao: .*$term" && pass "TERM=$term: the message names the terminal type" ||
      fail "TERM=$term: no message naming the terminal type"
  fi
done

# Reports that cannot be read: a message naming the file, status 1.
: >empty.txt
head -c 65536 /bin/ls >binary.txt 2>/dev/null || head -c 65536 "$NB_BIN" >binary.txt
mkdir folder
iconv -f UTF-8 -t UTF-16LE report.txt >utf16.txt
for f in empty.txt binary.txt folder missing.txt utf16.txt; do
  start 80 24 -- "$work/$f"
  if wait_screen "NB-EXITED:1" "$f: the review screen exits with status 1"; then
    if screen | grep -F -q "nianbao" && screen | grep -F -q "$f"; then
      pass "$f: the message names the file"
    else
      fail "$f: no message naming the file"
    fi
  fi
  no_crash_screen "$f"
done
# A file with no report in it: said so, status 1.
LC_ALL=C awk 'BEGIN { s = "1一"; while (length(s) < 1048576) s = s s; printf "%s", substr(s, 1, 1048576) }' >hugeline.txt
start 80 24 -- "$work/hugeline.txt"
wait_screen "NB-EXITED:1" "a 1 MiB line with no report: status 1"
wait_screen "no annual report found" "a 1 MiB line with no report: says no report was found"

# Damaged reports that can be read open, show nothing raw and quit cleanly.
iconv -f UTF-8 -t GB18030 report.txt >gbk.txt
awk 'NR == 3 { $0 = $0 "\377\376坏\300\200" } NR == 45 { sub(/\t1\t/, "\t1\355\240\200\t") } { print }' report.txt >invalid.txt
cut_at=$(grep -b -o '（三）不予公开' report.txt | head -n 1 | cut -d: -f1)
head -c $((cut_at + 4)) report.txt >truncated.txt
awk 'NR == 39 { sub(/\t58\t/, "\t1234567890123456789012345678901234567890\t") }
     NR == 40 { sub(/\t5\t/, "\t-5\t") } NR == 41 { sub(/\t24\t/, "\t1e9\t") } { print }' report.txt >absurd.txt
sed -n '1,10p' report.txt >narrative.txt
cat report.txt hugeline.txt >report-hugeline.txt
for f in gbk.txt invalid.txt truncated.txt absurd.txt narrative.txt report-hugeline.txt; do
  start 100 30 -- "$work/$f"
  wait_screen " $f │ 青禾县 │ 2023" "$f opens" || continue
  screen >damaged.txt
  if has_unsafe damaged.txt; then fail "$f: control characters reached the terminal"; fi
  quit_clean "$f"
done

# The same at 20x5: the message is still printed, after curses has ended.
start 20 5 -- "$work/binary.txt"
exited 1 "binary file at 20x5: status 1"

# ---------------------------------------------------------------------------
# 2. Escape sequences, \r, \b, C1 controls and bidi overrides in the report
# and in its file name are drawn as visible stand-ins and never reach the
# terminal.
hostile="e$(printf '\033')]2;PWNED-NAME$(printf '\007')$(printf '\033')[2J.txt"
{ printf '标题\033]2;PWNED-TITLE\007青禾\033]0;PWNED-TOO\033\\\n'
  printf '注意\033[2J清屏\033[H\033[31m红色RED\033[0m回车\r覆盖\b\b退格\342\200\256反转\342\200\254结束\302\233\061J\n'
  printf '\033[?1049l离开\033c重置\033P+q\033\\\n'
  cat report.txt
} >"$hostile"
start 160 50 -- "$work/$hostile"
wait_screen "青禾县 │ 2023" "the hostile report opens"
title_before=$(tm display -p -t nb '#{pane_title}')
keys Tab Tab
wait_screen "▶ Source" "focus on the source"
keys Home
wait_screen "␛]2;PWNED-TITLE␇" "ESC and BEL in the text are drawn as ␛ and ␇"
wait_screen "␛]2;PWNED-NAME␇␛[2J.txt" "the escape sequences in the file name are drawn as stand-ins"
screen >before.txt
screen_attrs >before-attrs.txt
case $(tm display -p -t nb '#{pane_title}') in
  *PWNED*) fail "the report changed the terminal title" ;;
  *) pass "the terminal title is untouched ($title_before)" ;;
esac
if [ "$(tm display -p -t nb '#{alternate_on}')" = 1 ]; then pass "still on the alternate screen"
else fail "the report switched the alternate screen off"; fi
if has_unsafe before.txt; then fail "control characters or bidi overrides reached the terminal"
else pass "no control character or bidi override reached the terminal"; fi
if grep -E -q "$(printf '\033')\\[([0-9;]*;)?31(;[0-9;]*)?m红色" before-attrs.txt; then
  fail "the report's red reached the terminal"
else
  pass "the report's colour sequence did not colour its text"
fi
# If a sequence had reached the terminal (a clear, a cursor move, a reset),
# the screen tmux holds would differ from what curses believes it drew: a
# forced full redraw (C-l) would then change it. It must not.
keys C-l
sleep 0.3 # let a redraw happen; the comparison below is the assertion
screen >after.txt
if cmp -s before.txt after.txt; then pass "a full redraw leaves the screen exactly as it was"
else fail "the screen changed on a full redraw: something reached the terminal raw"; diff before.txt after.txt | head -n 10; fi
# Moving away and back shows the same lines again.
keys G
wait_screen_re "Source: .*\\(line ([2-9]|[1-9][0-9]+) of" "moved to the end of the source"
keys Home
wait_screen "␛]2;PWNED-TITLE␇" "back at the top"
screen >again.txt
if cmp -s before.txt again.txt; then pass "after scrolling away and back the screen is the same"
else fail "the screen differs after scrolling away and back"; diff before.txt again.txt | head -n 10; fi
quit_clean "hostile report"
case $(tm display -p -t nb '#{pane_title}') in
  *PWNED*) fail "the terminal title was changed when nianbao ended" ;;
  *) pass "the terminal title is untouched after the exit" ;;
esac
# The same report at 20x5 and then 60x15: still nothing raw.
start 20 5 -- "$work/$hostile"
wait_screen "too small" "hostile report at 20x5: the notice"
resize 60 15
wait_screen "␛]2;PWNED-NAME␇" "hostile report at 60x15: the name with stand-ins"
screen >small.txt
if has_unsafe small.txt; then fail "60x15: control characters reached the terminal"
else pass "60x15: nothing raw reached the terminal"; fi
quit_clean "hostile report at 60x15"

# A configuration file of escape sequences and binary junk: reported on
# the status line with stand-ins, skipped, and the screen works.
{ printf 'bind save \033]2;PWNED-CONFIG\007\n'
  printf 'frobnicate \033[2J\n'
  head -c 3000 /bin/ls 2>/dev/null || head -c 3000 "$NB_BIN"
} >config/nianbao/config
start 160 50 -- "$work/report.txt"
wait_screen "config line 1: unknown key \"␛]2;PWNED-CONFIG␇\"" "a junk configuration is reported with stand-ins"
screen >config-screen.txt
if has_unsafe config-screen.txt; then fail "the configuration's control characters reached the terminal"
else pass "nothing of the junk configuration reached the terminal raw"; fi
case $(tm display -p -t nb '#{pane_title}') in
  *PWNED*) fail "the configuration changed the terminal title" ;;
  *) pass "the configuration did not change the terminal title" ;;
esac
quit_clean "junk configuration"
rm -f config/nianbao/config

# Absurd numbers typed into a cell are refused with a reason; the cell
# keeps its value.
start 200 50 -- "$work/report.txt"
wait_screen "青禾县 │ 2023" "opens for typed absurd numbers"
for v in 1e9 -5 1234567890123456789012345678901234567890 1000000000000000 0x10 1,000 12abc 1.5 \
         9223372036854775808 "$(printf '\342\200\256')7"; do
  keys e C-u
  typed "$v"
  keys Enter
  if wait_screen "The cell is unchanged." "typed \"$v\" is refused"; then
    keys Escape
    wait_screen_gone "The cell is unchanged." "the message goes away"
  fi
done
# B15: a number too large is called that, not "not a number".
keys e C-u
typed 1000000000000000
keys Enter
wait_screen "is too large for a count or an amount" "B15: 10^15 is refused as too large"
keys Escape
wait_screen "active.regulations.issued = 0 (read" "after the refusals the cell still holds 0"
if screen | grep -F -q "[+]"; then fail "refused values left unsaved changes"; else pass "refused values changed nothing"; fi
edit_first_cell 999999999999999
quit_clean "typed absurd numbers"

# ---------------------------------------------------------------------------
# 3. A review file that cannot be read is never overwritten.
printf 'format: nianbao/1\nsource: [\n' >report.txt.review.yaml
cp report.txt.review.yaml malformed.before
start 160 50 -- "$work/report.txt"
wait_screen "exists but was not loaded" "a malformed review file is reported"
edit_first_cell 7
keys s
wait_screen "Save the review as" "s asks where to save instead of overwriting"
keys Escape
wait_screen "Not saved." "cancelling the question saves nothing"
quit_clean "malformed review file"
if cmp -s report.txt.review.yaml malformed.before; then pass "the malformed review file is unchanged"
else fail "the malformed review file was overwritten"; fi
rm -f report.txt.review.yaml

# Opened directly, a malformed review file is refused with its line and
# column, status 1, and left as it was.
"$NB_BIN" export report.txt >dup.review.yaml 2>/dev/null
sed -i 's/^  year: 2023$/  year: 2023\n  year: 2024/' dup.review.yaml
printf 'review:\n  report: 0\n  reviewer: null\n  edits: []\n  statuses: []\n  signoff: null\n...\n' >>dup.review.yaml
cp dup.review.yaml dup.before
start 100 30 -- "$work/dup.review.yaml"
exited 1 "a malformed review file opened directly: status 1"
wait_screen_re "dup.review.yaml: line [0-9]+, column [0-9]+: duplicate key" "the message gives the line and column"
cmp -s dup.review.yaml dup.before && pass "the refused review file is unchanged" || fail "the refused review file changed"

# A save that cannot be written keeps the work on screen; :w saves it
# elsewhere.
start 160 50 -- -o "$work/nowhere/x.review.yaml" "$work/report.txt"
wait_screen "青禾县 │ 2023" "opens with -o into a folder that does not exist"
edit_first_cell 7
keys s
wait_screen "Not saved: cannot save $work/nowhere/x.review.yaml: the folder $work/nowhere does not exist" \
  "a failed save says why"
wait_screen "[+] report.txt" "the work is still marked unsaved"
[ -e nowhere ] && fail "the failed save created the folder" || pass "the failed save created nothing"
keys :
typed "w $work/elsewhere.yaml"
keys Enter
wait_screen "Wrote a copy to $work/elsewhere.yaml" ":w PATH writes a copy elsewhere"
grep -q '^    after: 7$' elsewhere.yaml && pass "the review saved elsewhere has the edit" ||
  fail "the review saved elsewhere lacks the edit"
quit_clean "after saving elsewhere"
rm -f elsewhere.yaml

# ---------------------------------------------------------------------------
# 4. SIGTERM with unsaved edits: the recovery file, status 143, and the
# next start offers it.
review=$work/report.txt.review.yaml
recover=$review.recover
rm -f "$review" "$recover"
start 160 50 -- "$work/report.txt"
wait_screen "青禾县 │ 2023" "opens for SIGTERM"
edit_first_cell 7
kill -TERM "$(pid)"
exited 143 "SIGTERM: status 128 + 15"
wait_screen "unsaved changes written to $recover" "SIGTERM: says where the unsaved work went"
if [ -s "$recover" ]; then pass "SIGTERM: the recovery file exists"; else fail "SIGTERM: no recovery file"; fi
if [ -e "$review" ]; then fail "SIGTERM: the review file was written without a save"; else pass "SIGTERM: no review file was saved by itself"; fi
tail -n 1 "$recover" | grep -qx '\.\.\.' && pass "SIGTERM: the recovery file is whole" || fail "SIGTERM: the recovery file is cut short"

start 160 50 -- "$work/report.txt"
wait_screen "Unsaved work from an interrupted session" "the next start offers the recovery file"
keys y
wait_screen "Recovered unsaved work" "y restores it"
wait_screen_re "规章 *│\\[ *7\\]" "the restored cell holds 7"
# What was restored counts as unsaved until saved: q asks first.
wait_screen "[+] report.txt" "the restored work is marked unsaved"
keys q
wait_screen "Unsaved changes" "q after a restore asks to save"
keys c
wait_screen_gone "Unsaved changes" "c goes back to the review"
keys s
wait_screen "Saved $review" "s saves the restored work"
if [ -e "$recover" ]; then fail "the recovery file is still there after a save"; else pass "a save removes the recovery file"; fi
grep -q '^    after: 7$' "$review" && pass "the saved review has the edit" || fail "the saved review lacks the edit"
quit_clean "after recovery"

# A closed terminal (SIGHUP) while the "too small" notice is up.
start 100 30 -- "$work/report.txt"
wait_screen "Resumed the review" "resumes the saved review"
keys e C-u
typed 9
keys Enter
wait_screen "规章 · 本年制发件数: 7 -> 9" "the first cell now holds 9"
resize 20 5
wait_screen "too small" "shrunk to 20x5 with unsaved work"
nbpid=$(pid)
tm kill-session -t nb
if wait_file "$recover"; then pass "closing the terminal writes the recovery file"
else fail "closing the terminal lost the unsaved edit"; fi
i=0; while kill -0 "$nbpid" 2>/dev/null && [ $i -lt 100 ]; do i=$((i + 1)); sleep 0.1; done
kill -0 "$nbpid" 2>/dev/null && fail "nianbao is still running after its terminal closed" ||
  pass "nianbao ended when its terminal closed"
grep -q '^    after: 9$' "$recover" && pass "the recovery file holds the unsaved edit" ||
  fail "the recovery file lacks the unsaved edit"
grep -q '^    after: 7$' "$review" && ! grep -q 'after: 9' "$review" &&
  pass "the review file still holds the last save" || fail "the review file changed without a save"
start 100 30 -- "$work/report.txt"
wait_screen "Unsaved work from an interrupted session" "after a closed terminal the next start offers the work"
keys n
wait_screen_re "规章 *│\\[ *7\\]" "n keeps the saved review (7)"
quit_clean "declined recovery"
rm -f "$recover"

# SIGINT while an edit prompt is open: the edits made before are kept,
# the half-typed value is not taken for one.
start 100 30 -- "$work/report.txt"
wait_screen "Resumed the review" "resumes for SIGINT"
edit_first_cell 3 7
keys e C-u
typed 4
kill -INT "$(pid)"
exited 130 "SIGINT with a prompt open: status 128 + 2"
if grep -q '^    after: 3$' "$recover" && ! grep -q '^    after: 4$' "$recover"; then
  pass "SIGINT: the recovery file holds the finished edit, not the half-typed one"
else
  fail "SIGINT: the recovery file does not hold exactly the finished edit"
fi
rm -f "$recover"

# SIGTERM when the review's folder does not exist: the work goes to
# $XDG_STATE_HOME/nianbao instead, and the next start offers it there.
start 100 30 -- -o "$work/gone/x.review.yaml" "$work/report.txt"
wait_screen "青禾县 │ 2023" "opens with -o into a folder that does not exist"
edit_first_cell 2
kill -TERM "$(pid)"
exited 143 "SIGTERM with nowhere beside the review: status 143"
wait_screen "unsaved changes written to $work/state/nianbao/" "the work went to the state folder"
start 100 30 -- -o "$work/gone/x.review.yaml" "$work/report.txt"
i=0
until screen | tr -d '\n' | grep -F -q "is in $work/state/nianbao/" || [ $i -ge 100 ]; do i=$((i + 1)); sleep 0.1; done
[ $i -lt 100 ] && pass "the next start offers it" || fail "the next start does not offer the work in the state folder"
keys y
wait_screen_re "规章 *│\\[ *2\\]" "y restores the edit from the state folder"
quit_clean "recovered from the state folder"
rm -rf "$work/state"

# ---------------------------------------------------------------------------
# 5. SIGKILL in the middle of a save: the previous review file stays whole.
# (a) At a known point: the save stops half-way through writing the temp
# file (NIANBAO_TEST_WRITE_STALL), and is killed there.
cp "$review" saved.before
rm -f stalled
start 160 50 "NIANBAO_TEST_WRITE_STALL=$work/stalled" -- "$work/report.txt"
wait_screen "Resumed the review" "resumes before the killed save"
keys e C-u
typed 8
keys Enter
wait_screen "规章 · 本年制发件数: 7 -> 8" "the first cell now holds 8"
keys s
if wait_file_exists stalled; then
  ls -A | grep -q '^\.report\.txt\.review\.yaml\.tmp' && pass "the save is half-way: a temp file is being written" ||
    fail "no temp file while the save is stalled"
  kill -9 "$(pid)"
  exited 137 "SIGKILL: status 128 + 9"
  if cmp -s "$review" saved.before; then pass "SIGKILL mid-save: the review file is byte for byte the previous one"
  else fail "SIGKILL mid-save: the review file changed"; fi
  start 160 50 -- "$work/report.txt"
  wait_screen "Resumed the review" "the review resumes after the killed save"
  wait_screen_re "规章 *│\\[ *7\\]" "with the last saved value"
  quit_clean "after a killed save"
else
  fail "the save never reached its half-way point"
fi
rm -f .report.txt.review.yaml.tmp*

# (b) At unplanned points: a review with a 20000-entry edit log (3.7 MB)
# is saved and killed after a varying delay, several times; whatever the
# moment, the file on disk is a whole review, the previous one or the new.
"$NB_BIN" export report.txt 2>/dev/null | sed 's/^  file: "report.txt"$/  file: "report.txt"\n  path_from_review: "report.txt"/' >big.yaml
{ cat big.yaml
  printf 'review:\n  report: 0\n  reviewer: "tester"\n  edits:\n'
  awk 'BEGIN { for (i = 0; i < 20000; i++) {
      b = i % 2 ? 1000 : 0; a = i % 2 ? 0 : 1000
      printf "  - kind: set\n    cell: active.regulations.repealed\n    before: %d\n    after: %d\n", b, a
      printf "    time: \"2026-11-24T12:00:00+08:00\"\n    reviewer: \"tester\"\n    reason: \"edit %d of a long review\"\n", i } }'
  printf '  statuses: []\n  signoff: null\n...\n'
} >"$review"
"$NB_BIN" verify "$review" >/dev/null 2>&1
[ $? -eq 1 ] || { echo "ERROR: the long review fixture is not a valid unsigned review"; exit 99; }
mid=0 whole=0 new=0 n=0
for delay in 0 0.01 0.02 0.03 0.04 0.05 0.06 0.08 0.1 0.15 0.2 0.3; do
  n=$((n + 1)); v=$((10 + n))
  cp "$review" big.before
  start 160 50 -- "$work/report.txt"
  wait_screen "Resumed the review" "the long review resumes (kill after ${delay}s)" || break
  keys e C-u
  typed $v
  keys Enter s
  sleep "$delay" # when the kill lands is what varies; nothing is asserted on time
  kill -9 "$(pid)"
  exited 137 "SIGKILL ${delay}s into a save: status 137" || break
  ls -A | grep -q '^\.report\.txt\.review\.yaml\.tmp' && mid=$((mid + 1))
  rm -f .report.txt.review.yaml.tmp*
  "$NB_BIN" verify "$review" >verify.out 2>&1
  vrc=$?
  if [ $vrc -eq 1 ] && tail -n 1 "$review" | grep -qx '\.\.\.'; then
    whole=$((whole + 1))
    grep -q "^    after: $v\$" "$review" && new=$((new + 1))
    if cmp -s "$review" big.before || grep -q "^    after: $v\$" "$review"; then
      pass "SIGKILL ${delay}s into a save: the review file is whole (old or new)"
    else
      fail "SIGKILL ${delay}s into a save: the review file is neither the old nor the new one"
    fi
  else
    fail "SIGKILL ${delay}s into a save: the review file is damaged (verify status $vrc: $(head -c 200 verify.out))"
  fi
done
echo "SIGKILL during saves of a 3.7 MB review: $whole whole afterwards ($new of them the new save), $mid killed while the temp file existed"

# ---------------------------------------------------------------------------
# 6. A full and a read-only disk under the review screen, for real: this
# script again, inside a private mount namespace with a tmpfs of its own.
ns=
if command -v unshare >/dev/null 2>&1; then
  for try in "unshare -m" "unshare -rm"; do
    if $try sh -c 'd=$(mktemp -d) && mount -t tmpfs -o size=64k tmpfs "$d" && umount "$d" && rmdir "$d"' >/dev/null 2>&1; then
      ns=$try; break
    fi
  done
fi
if [ -n "$ns" ]; then
  mkdir -p "$work/nsdisk"
  NB_TUI_DISK_DIR=$work/nsdisk timeout 300 $ns sh "$self" >nsdisk.log 2>&1
  ns_rc=$?
  sed 's/^/  /' nsdisk.log
  n_ok=$(grep -c '^ok: ' nsdisk.log)
  n_fail=$(grep -c '^FAIL: ' nsdisk.log)
  passed=$((passed + n_ok)) failed=$((failed + n_fail))
  [ $ns_rc -eq 0 ] || [ "$n_fail" -gt 0 ] || { failed=$((failed + 1)); echo "FAIL: the mount-namespace part ended with status $ns_rc"; }
  [ "$n_ok" -gt 0 ] || { failed=$((failed + 1)); echo "FAIL: the mount-namespace part ran no check"; }
else
  echo "SKIP: cannot mount a tmpfs in a private mount namespace here: no full-disk test of the review screen"
fi

# ---------------------------------------------------------------------------
# 7. Bugs this test found, fixed since (notes/bugs.md, by number): they
# stay checked.
# B13: a save must not replace, without asking, a review file another
# window saved since this one read it.
rm -f "$review" "$recover"
start 160 50 -- "$work/report.txt"
wait_screen "青禾县 │ 2023" "window 1 opens"
first_pid=$(pid)
tm rename-session -t nb first
start 160 50 -- "$work/report.txt"
wait_screen "青禾县 │ 2023" "window 2 opens"
tm send-keys -t first e C-u
tm send-keys -t first -l 7
tm send-keys -t first Enter s
wait_file "$review" || fail "window 1 did not save"
keys j e C-u
typed 99
keys Enter s
wait_screen "changed on disk since this session read it" "B13: the second window asks before overwriting"
keys n
wait_screen "Not saved; :w PATH saves elsewhere." "B13: n keeps the file and says how to save elsewhere"
wait_screen "[+] report.txt" "B13: the second window's work is still unsaved"
if grep -q '^    after: 7$' "$review"; then pass "B13: the first window's saved edit is still in the file"
else fail "B13: window 2's save dropped window 1's saved edit"; fi
quit_clean "B13 second window"
kill -9 "$first_pid" 2>/dev/null
tm kill-session -t first >/dev/null 2>&1
# B14: :w onto the report being reviewed replaces the report.
cp "$sample" self.txt
start 160 50 -- "$work/self.txt"
wait_screen "青禾县 │ 2023" "opens for :w onto itself"
edit_first_cell 5
keys :
typed "w $work/self.txt"
keys Enter
i=0; while [ $i -lt 30 ] && cmp -s self.txt "$sample"; do i=$((i + 1)); sleep 0.1; done
wait_screen "is the report under review; choose another name." "B14: :w onto the report itself is refused, saying why"
if cmp -s self.txt "$sample"; then pass "B14: :w onto the report itself leaves the report as it was"
else fail "B14: :w onto the report itself replaced the report with the review"; fi
quit_clean ":w onto itself"
# B18: a reviewer name longer than its 64-byte field is cut inside a
# character; the sign-off fails and the config keeps the broken name.
cp "$sample" longname.txt
start 200 50 -- "$work/longname.txt"
wait_screen "青禾县 │ 2023" "opens for a long reviewer name"
keys S
wait_screen "Reviewer (your name" "S asks for the reviewer's name"
typed "$(printf 'a%.0s' $(seq 1 62))张三"
keys Enter
# Either the name is refused at once, saying why, or the sign-off works.
wait_screen_re "Verdict:|too long" "the name is taken or refused"
if screen | grep -q "too long"; then
  pass "a reviewer name over 63 bytes is refused with the reason"
else
  keys a
  wait_screen "Sign-off note" "the note question"
  keys Enter
  wait_screen_re "Signed|Not signed" "the sign-off ends"
  if screen | grep -q "Not signed"; then fail "B18: a 64-byte reviewer name makes the sign-off fail"
  else pass "a long reviewer name signs"; fi
fi
if [ -e config/nianbao/config ] && ! iconv -f UTF-8 -t UTF-8 config/nianbao/config >/dev/null 2>&1; then
  fail "B18: the configuration now holds invalid UTF-8"
else
  pass "the configuration holds no broken name"
fi
quit_clean "long reviewer name"
rm -f config/nianbao/config
# B18, worse: with such a name in $USER the saved review cannot be read
# back by nianbao itself.
cp "$sample" username.txt
start 160 50 "USER=$(printf 'a%.0s' $(seq 1 62))张三" -- "$work/username.txt"
wait_screen "青禾县 │ 2023" "opens with a 64-byte USER"
edit_first_cell 5
keys s
wait_screen "Saved" "saves"
quit_clean "64-byte USER"
"$NB_BIN" verify username.txt.review.yaml >out 2>err
rc=$?
if [ $rc -eq 2 ]; then fail "B18: nianbao cannot read back the review it saved: $(cat err)"
else pass "B18: the review saved with a long USER reads back (verify status $rc)"; fi

# B20: two sessions on one review ended at once (SIGHUP, as when a
# terminal with both tabs closes): both sessions' unsaved edits survive.
cp "$sample" twice.txt
start 160 50 -- "$work/twice.txt"
wait_screen "青禾县 │ 2023" "window 1 opens"
first_pid=$(pid)
tm rename-session -t nb first
start 160 50 -- "$work/twice.txt"
wait_screen "青禾县 │ 2023" "window 2 opens"
second_pid=$(pid)
tm send-keys -t first e C-u
tm send-keys -t first -l 7
tm send-keys -t first Enter
keys j e C-u
typed 99
keys Enter
wait_screen "规范性文件 · 本年制发件数: 4 -> 99" "window 2 has its edit"
i=0; while [ $i -lt 50 ] && ! tm capture-pane -p -t first | grep -q "issued: 0 -> 7"; do i=$((i + 1)); sleep 0.1; done
kill -HUP "$first_pid" "$second_pid"
i=0; while [ $i -lt 100 ] && { kill -0 "$first_pid" 2>/dev/null || kill -0 "$second_pid" 2>/dev/null; }; do i=$((i + 1)); sleep 0.1; done
if grep -rqs '^    after: 7$' "$work"/twice.txt.review.yaml.recover* "$work/state" &&
   grep -rqs '^    after: 99$' "$work"/twice.txt.review.yaml.recover* "$work/state"; then
  pass "B20: both interrupted sessions' unsaved edits survive"
else
  fail "B20: one of two interrupted sessions lost its unsaved edit"
fi
tm kill-session -t first >/dev/null 2>&1

echo "$passed passed, $failed failed"
# The names again at the end, where a log's last lines show them.
[ "$failed" -eq 0 ] || { echo "failed checks:$failed_names"; exit 1; }
