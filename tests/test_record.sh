#!/bin/sh
# `nianbao record`: the printable record of a signed review. The page is
# parsed (it must be well-formed, self-contained, and hold every finding,
# the note and the sign-off); printed to PDF by a real browser when one
# is installed (headless Chromium), whose text must hold every finding;
# made from the review file alone when the source is gone; never written
# over the review or its source; a bad review file gets status 2.
set -u
: "${NB_SRCDIR:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${NB_BUILDDIR:=$NB_SRCDIR}"
: "${NB_BIN:=$NB_BUILDDIR/nianbao}"
driver=$NB_BUILDDIR/tests/review_driver
if [ ! -x "$NB_BIN" ] || [ ! -x "$driver" ]; then
  echo "SKIP: nianbao or tests/review_driver has not been built"
  exit 77
fi
LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE=
export LANG LC_ALL LANGUAGE
# Debian's Python, where the set-up installs yaml and openpyxl, before any other
python3() { if [ -x /usr/bin/python3 ]; then /usr/bin/python3 "$@"; else command python3 "$@"; fi; }
work=$(mktemp -d "${TMPDIR:-/tmp}/nb_record.XXXXXX") || exit 99
trap 'rm -rf "$work"' EXIT
trap 'exit 1' INT TERM HUP
cd "$work" || exit 99

passed=0 failed=0
pass() { passed=$((passed + 1)); echo "ok: $*"; }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }
check_that() { what=$1; shift; if "$@"; then pass "$what"; else fail "$what"; fi; }
have_python=no
if python3 -c "" 2>/dev/null; then have_python=yes; else echo "SKIPPED: parsing the page (no python3)"; fi

# A review of the inconsistent sample: its findings confirmed in source
# with a note that holds markup, then signed over its open errors.
cp "$NB_SRCDIR/samples/yunxiu-2023-inconsistent.txt" r.txt
note='正文与表格不一致 <b>&</b> 已核实'
"$driver" save r.txt "confirm:applications.row_total=$note" >/dev/null 2>err &&
  "$driver" sign r.txt >/dev/null 2>>err
check_that "a signed review to record" [ -f r.txt.review.yaml ]
"$NB_BIN" check -f json r.txt >check.json
"$NB_BIN" record r.txt.review.yaml -o record.html 2>err
check_that "record -o: status 0" [ $? -eq 0 ]
if [ $have_python = yes ]; then
  data=$(sed -n 's/^ *data_sha256: *"\{0,1\}\([0-9a-f]*\).*/\1/p' r.txt.review.yaml | head -1)
  if python3 "$NB_SRCDIR/tests/record_check.py" record.html check.json "$note" crash-test \
    "approved with notes" "$data" >out 2>&1; then
    pass "the record parses and holds every finding, the note and the sign-off: $(tail -1 out)"
  else
    fail "the record page:"; cat out
  fi
fi

# Printed by a browser: every finding's rule in the PDF's text.
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -n "$browser" ] && command -v pdftotext >/dev/null 2>&1; then
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
    --print-to-pdf="$work/record.pdf" "file://$work/record.html" >/dev/null 2>&1
  pdftotext "$work/record.pdf" record.txt 2>/dev/null
  missing=0
  for rule in $(grep -o '"rule": "[a-z_.]*"' check.json | sed 's/.*"\([a-z_.]*\)"$/\1/' | sort -u); do
    grep -q "$rule" record.txt || { missing=$((missing + 1)); echo "  not in the printed page: $rule"; }
  done
  check_that "printed to PDF by $(basename "$browser"): every finding's rule on paper" \
    [ -s record.txt ] && [ $missing -eq 0 ] && grep -q crash-test record.txt
else
  echo "SKIPPED: printing the record (no chromium and pdftotext installed)"
fi

# In Chinese when the interface is.
LANGUAGE=zh_CN "$NB_BIN" record r.txt.review.yaml >zh.html 2>err
check_that "record in Chinese: lang zh-CN and the headings in Chinese" \
  grep -q 'lang="zh-CN"' zh.html && grep -q '审核记录' zh.html

# Never over the review or its source.
cp r.txt.review.yaml review.before
"$NB_BIN" record r.txt.review.yaml -o r.txt.review.yaml 2>err
check_that "record -o onto the review: status 2, the review unchanged" [ $? -eq 2 ] && cmp -s r.txt.review.yaml review.before
"$NB_BIN" record r.txt.review.yaml -o r.txt 2>err
check_that "record -o onto the source: status 2" [ $? -eq 2 ] && cmp -s r.txt "$NB_SRCDIR/samples/yunxiu-2023-inconsistent.txt"

# The source gone: the tables the review file states.
mkdir alone && cp r.txt.review.yaml alone/
"$NB_BIN" record alone/r.txt.review.yaml -o alone.html 2>err
check_that "record without the source: status 0, the tables still there" \
  [ $? -eq 0 ] && grep -q '云岫县人民政府' alone.html && grep -q 'not found' alone.html

# A file that is not a review.
printf 'format: nianbao/1\nreview: [\n' >bad.review.yaml
"$NB_BIN" record bad.review.yaml >out 2>err
check_that "record of a malformed review: status 2, one line naming it" \
  [ $? -eq 2 ] && [ "$(wc -l <err)" -eq 1 ] && grep -q 'bad.review.yaml' err

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
