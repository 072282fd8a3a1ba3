# Helpers for the review screen's end-to-end tests: the real binary runs in
# a detached tmux server of its own (socket nbtest<pid>), keys go in with
# send-keys, and assertions read capture-pane. Waits are bounded polls of
# the screen, never sleeps standing in for an assertion.
set -u
if ! command -v tmux >/dev/null 2>&1; then
  echo "SKIP: tmux is not installed"
  exit 77
fi
: "${NB_SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${NB_BIN:=$PWD/nianbao}"
if [ ! -x "$NB_BIN" ]; then
  echo "SKIP: $NB_BIN has not been built"
  exit 77
fi
LANG=C.UTF-8
LC_ALL=C.UTF-8
export LANG LC_ALL

NB_SOCK=nbtest$$
NB_TMP=$(mktemp -d "${TMPDIR:-/tmp}/nbtui.XXXXXX") || exit 99
# A config folder of our own, so the tester's keys and themes do not count.
XDG_CONFIG_HOME=$NB_TMP/config
export XDG_CONFIG_HOME
mkdir -p "$XDG_CONFIG_HOME/nianbao"
unset NO_COLOR NIANBAO_THEMEDIR
nb_cleanup() {
  tmux -L "$NB_SOCK" kill-server >/dev/null 2>&1
  rm -rf "$NB_TMP"
}
trap nb_cleanup EXIT
trap 'exit 1' INT TERM HUP

nb_failures=0
nb_checks=0

# nb_start WIDTH HEIGHT [ENV=VALUE...] -- ARGS...: run nianbao in a new session.
nb_start() {
  w=$1 h=$2
  shift 2
  envs=""
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do
    envs="$envs $1"
    shift
  done
  [ $# -gt 0 ] && shift
  args=""
  for a in "$@"; do args="$args '$a'"; done
  # One server for the whole test, kept alive by an idle session, so that
  # ending one run never races the start of the next.
  if ! tmux -L "$NB_SOCK" has-session -t keep >/dev/null 2>&1; then
    tmux -L "$NB_SOCK" -f /dev/null new-session -d -s keep "sleep 3600"
  fi
  tmux -L "$NB_SOCK" kill-session -t nb >/dev/null 2>&1
  tmux -L "$NB_SOCK" new-session -d -s nb -x "$w" -y "$h" \
    "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen-256color $envs '$NB_BIN' $args; echo NB-EXITED:\$?; sleep 600"
}

nb_screen() { tmux -L "$NB_SOCK" capture-pane -p -t nb; }
nb_screen_attrs() { tmux -L "$NB_SOCK" capture-pane -p -e -t nb; }
nb_keys() { tmux -L "$NB_SOCK" send-keys -t nb "$@"; }
nb_type() { tmux -L "$NB_SOCK" send-keys -t nb -l -- "$1"; }
nb_resize() { tmux -L "$NB_SOCK" resize-window -t nb -x "$1" -y "$2"; }

nb_failed_names=
nb_fail() {
  echo "FAIL: $*"
  nb_failed_names="$nb_failed_names
  FAILED: $*"
  echo "---- screen ----"
  nb_screen
  echo "----------------"
  nb_failures=$((nb_failures + 1))
}
nb_pass() {
  nb_checks=$((nb_checks + 1))
  echo "ok: $*"
}

# nb_wait TEXT [what]: poll the screen (up to about 8 s) until TEXT shows.
nb_wait() {
  i=0
  while [ $i -lt 80 ]; do
    if nb_screen | grep -F -q -- "$1"; then
      nb_pass "${2:-shows $1}"
      return 0
    fi
    i=$((i + 1))
    sleep 0.1
  done
  nb_fail "${2:-shows $1}: \"$1\" did not appear"
  return 1
}

# nb_wait_gone TEXT [what]: poll until TEXT is no longer on screen.
nb_wait_gone() {
  i=0
  while [ $i -lt 80 ]; do
    if ! nb_screen | grep -F -q -- "$1"; then
      nb_pass "${2:-no longer shows $1}"
      return 0
    fi
    i=$((i + 1))
    sleep 0.1
  done
  nb_fail "${2:-no longer shows $1}: \"$1\" is still there"
  return 1
}

# The status line's description of the selected cell (last screen line).
nb_cell_line() { nb_screen | sed -n '$p'; }

# nb_wait_cell ID VALUE: the selected cell is ID and holds VALUE.
nb_wait_cell() { nb_wait "$1 = $2 " "selected $1 = $2"; }

# nb_quit: q (answering "no" to saving when asked) and wait for the exit.
nb_quit() {
  nb_keys q
  i=0
  while [ $i -lt 40 ]; do
    s=$(nb_screen)
    case $s in
      *NB-EXITED:*) break ;;
      *"Unsaved changes"*) nb_keys n ;;
    esac
    i=$((i + 1))
    sleep 0.1
  done
  nb_wait "NB-EXITED:0" "exits with status 0"
}

# nb_pid: the program's process id (empty without /proc).
nb_pid() {
  shell=$(tmux -L "$NB_SOCK" display -p -t nb '#{pane_pid}')
  cat "/proc/$shell/task/$shell/children" 2>/dev/null | tr ' ' '\n' | grep . | head -n 1
}

nb_finish() {
  echo "$nb_checks checks passed, $nb_failures failed"
  # The names again at the end, where a log's last lines show them.
  [ "$nb_failures" -eq 0 ] || { echo "failed checks:$nb_failed_names"; exit 1; }
  exit 0
}

# Corpus (real reports beside the project); absent on a clean clone.
nb_corpus() {
  NB_CORPUS=${NB_SHARED:-$NB_SRCDIR/../shared}/corpus
  [ -d "$NB_CORPUS" ]
}

# nb_wait_question TEXT [what]: like nb_wait, in a question that may wrap
# over several bottom lines (the screen's lines read as one).
nb_wait_question() {
  i=0
  while [ $i -lt 80 ]; do
    if nb_screen | tr -d '\n' | grep -F -q -- "$1"; then
      nb_pass "${2:-asks $1}"
      return 0
    fi
    i=$((i + 1))
    sleep 0.1
  done
  nb_fail "${2:-asks $1}: \"$1\" did not appear"
  return 1
}

# nb_wait_re REGEX [what]: like nb_wait, with an extended regular expression.
nb_wait_re() {
  i=0
  while [ $i -lt 80 ]; do
    if nb_screen | grep -E -q -- "$1"; then
      nb_pass "${2:-matches $1}"
      return 0
    fi
    i=$((i + 1))
    sleep 0.1
  done
  nb_fail "${2:-matches $1}: /$1/ did not appear"
  return 1
}

# nb_wait_selected LABEL VALUE: the grid's selected cell, in the row whose
# short label is LABEL, shows VALUE ("[   46]").
nb_wait_selected() { nb_wait_re "$1 *│(.*│)?\\[ *$2\\]" "selected cell of $1 shows $2"; }

# nb_click COL ROW: a left click at 0-based (COL, ROW), sent as the X10
# mouse sequence the terminal would send (press, then release).
nb_click() {
  cx=$(printf '%03o' $(($1 + 33)))
  cy=$(printf '%03o' $(($2 + 33)))
  press=$(printf "\\033[M \\$cx\\$cy")
  release=$(printf "\\033[M#\\$cx\\$cy")
  tmux -L "$NB_SOCK" send-keys -t nb -l -- "$press$release"
}

# nb_row_of TEXT: 0-based screen row of the first line containing TEXT.
nb_row_of() { nb_screen | grep -n -F -- "$1" | head -n 1 | cut -d: -f1 | awk '{print $1 - 1}'; }
