#!/bin/sh
# The Chinese interface and the completeness of its translation.
#
#  1. `LANGUAGE=zh_CN LC_ALL=C.UTF-8 nianbao --help` prints the usage in
#     Chinese, read from the .mo the build puts beside the executable
#     (po/locale/zh_CN/LC_MESSAGES/nianbao.mo). glibc ignores LANGUAGE only
#     when the locale is exactly "C"/"POSIX"; C.UTF-8 is a locale of its own
#     (checked on glibc 2.36), so this works on a machine whose only UTF-8
#     locale is C.UTF-8. Without LANGUAGE the usage stays English.
#  2. Where a zh_CN.UTF-8 locale is installed, LANG=zh_CN.UTF-8 alone does
#     the same (skipped with a note when it is not installed).
#  3. po/POTFILES lists every source that has messages (_( or N_().
#  4. po/zh_CN.po translates every message of those sources: no message
#     missing, untranslated or fuzzy, and format strings match (msgfmt -c).
set -u
: "${NB_SRCDIR:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${NB_BIN:=$NB_SRCDIR/nianbao}"

tmp=${TMPDIR:-/tmp}/nb-i18n.$$
mkdir -p "$tmp" || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM

passed=0 failed=0 skipped=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }
note_skip() { skipped=$((skipped + 1)); echo "SKIPPED: $*"; }

# --- 3. POTFILES is complete (needs no built program)
potfiles=$NB_SRCDIR/po/POTFILES
if [ -f "$potfiles" ]; then
  (cd "$NB_SRCDIR" && find src -name '*.[ch]' | sort) > "$tmp/sources"
  while read -r src; do
    if grep -qE '(^|[^A-Za-z0-9_])N?_\("' "$NB_SRCDIR/$src" ||
       grep -qE '(^|[^A-Za-z0-9_])N?_\($' "$NB_SRCDIR/$src"; then
      if grep -qx "$src" "$potfiles"; then ok
      else bad "$src has messages (_() or N_()) but is not listed in po/POTFILES"; fi
    fi
  done < "$tmp/sources"
  grep -v '^#' "$potfiles" | grep -v '^$' | while read -r src; do
    [ -f "$NB_SRCDIR/$src" ] || echo "$src"
  done > "$tmp/gone"
  if [ -s "$tmp/gone" ]; then bad "po/POTFILES lists missing files: $(tr '\n' ' ' < "$tmp/gone")"
  else ok; fi
else
  bad "po/POTFILES is missing"
fi

# --- 4. the translation covers every message of the sources
po=$NB_SRCDIR/po/zh_CN.po
if command -v msgfmt > /dev/null 2>&1; then
  if msgfmt -c --statistics -o /dev/null "$po" > "$tmp/stats" 2>&1; then ok
  else bad "msgfmt -c rejects po/zh_CN.po:"; sed 's/^/    /' "$tmp/stats"; fi
  if grep -qE 'untranslated|fuzzy' "$tmp/stats"; then
    bad "po/zh_CN.po is incomplete: $(cat "$tmp/stats")"
  else ok; fi
else
  note_skip "msgfmt not installed: po/zh_CN.po not checked"
fi
if command -v xgettext > /dev/null 2>&1 && command -v msgcmp > /dev/null 2>&1; then
  if (cd "$NB_SRCDIR" && xgettext --keyword=_ --keyword=N_ --from-code=UTF-8 --language=C \
        --msgid-bugs-address=dev@nianbao.invalid -f po/POTFILES -o "$tmp/now.pot") 2> "$tmp/xg.err"; then
    # msgcmp: every message of the sources must have a translated, non-fuzzy entry.
    if msgcmp "$po" "$tmp/now.pot" > "$tmp/cmp" 2>&1; then ok
    else
      bad "po/zh_CN.po lacks translations of messages now in the sources (run 'make update-po' and translate):"
      grep -E 'this message' "$tmp/cmp" | head -n 20 | sed 's/^/    /'
    fi
  else
    bad "xgettext failed on po/POTFILES: $(head -n 3 "$tmp/xg.err")"
  fi
else
  note_skip "xgettext/msgcmp not installed: sources not compared with po/zh_CN.po"
fi

# --- 1 and 2 need the program
if [ ! -x "$NB_BIN" ]; then
  echo "SKIP: $NB_BIN has not been built ($passed passed, $failed failed so far)"
  [ $failed -eq 0 ] && exit 77
  exit 1
fi

# The Chinese usage starts with 用法 (po/zh_CN.po's translation of "Usage:").
env -u LANG -u LC_MESSAGES LANGUAGE=zh_CN LC_ALL=C.UTF-8 "$NB_BIN" --help > "$tmp/zh" 2>&1
rc=$?
if [ $rc -eq 0 ] && grep -q '用法' "$tmp/zh" && ! grep -q 'Usage:' "$tmp/zh"; then ok
else
  bad "LANGUAGE=zh_CN LC_ALL=C.UTF-8 nianbao --help (exit $rc) is not in Chinese:"
  head -n 5 "$tmp/zh" | sed 's/^/    /'
fi

env -u LANGUAGE -u LANG -u LC_MESSAGES LC_ALL=C.UTF-8 "$NB_BIN" --help > "$tmp/en" 2>&1
if grep -q 'Usage:' "$tmp/en" && ! grep -q '用法' "$tmp/en"; then ok
else bad "without LANGUAGE, nianbao --help is not in English"; fi

# The subcommands' messages come from the same catalogue.
env LANGUAGE=zh_CN LC_ALL=C.UTF-8 "$NB_BIN" export /nonexistent/nianbao-no-such-file > /dev/null 2> "$tmp/err"
if LC_ALL=C grep -q '[^ -~]' "$tmp/err"; then ok
else
  bad "LANGUAGE=zh_CN: the error for a missing file is not in Chinese:"
  head -n 3 "$tmp/err" | sed 's/^/    /'
fi

if locale -a 2>/dev/null | grep -qiE '^zh_CN\.utf-?8$'; then
  env -u LANGUAGE -u LC_ALL LANG=zh_CN.UTF-8 "$NB_BIN" --help > "$tmp/zh2" 2>&1
  if grep -q '用法' "$tmp/zh2"; then ok
  else bad "LANG=zh_CN.UTF-8 nianbao --help is not in Chinese"; fi
else
  # Not installed: Chinese all the same, not English without a word.
  env -u LANGUAGE -u LC_ALL -u LC_MESSAGES LANG=zh_CN.UTF-8 "$NB_BIN" --help > "$tmp/zh2" 2>&1
  if grep -q '用法' "$tmp/zh2"; then ok
  else bad "LANG=zh_CN.UTF-8 without that locale installed: nianbao --help is not in Chinese"; fi
fi

echo "$passed passed, $failed failed, $skipped skipped parts"
[ $failed -eq 0 ]
