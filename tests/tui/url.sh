#!/bin/sh
# A report given as a web address on the review screen, fetched from a
# server on 127.0.0.1 that the test starts and stops (tests/url_server.py):
# nothing of the transfer reaches the screen, the status line says where
# the copy is, `s` saves the review beside it (in the folder of -o) with
# the address recorded; a failed fetch is one message and exit 1 before
# any screen. Skips without python3.
. "$(dirname "$0")/lib.sh"
if ! command -v python3 >/dev/null 2>&1; then
  echo "SKIP: python3 is not installed; the URL test needs it for its web server"
  exit 77
fi
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy
no_proxy=127.0.0.1 NO_PROXY=127.0.0.1
export no_proxy NO_PROXY
page=$NB_SRCDIR/tests/layouts/html/qinghe-2023-browser.html
python3 "$NB_SRCDIR/tests/url_server.py" "$NB_TMP/port" "$page" \
  "$NB_SRCDIR/tests/fuzz/corpus/source/table.pdf" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; nb_cleanup' EXIT
i=0
while ! [ -s "$NB_TMP/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
[ -s "$NB_TMP/port" ] || { echo "FAIL: the test server did not start"; exit 1; }
base=http://127.0.0.1:$(cat "$NB_TMP/port")
copy=127.0.0.1_$(cat "$NB_TMP/port")-report.html

mkdir "$NB_TMP/u"
nb_start 160 50 -- "$base/report.html" -o "$NB_TMP/u/r.review.yaml"
nb_wait "Fetched $base/report.html; the review reads its copy $NB_TMP/u/$copy." "the status line says where the copy is"
nb_wait "三、收到和处理政府信息公开申请情况" "the fetched page's tables are drawn"
cmp -s "$NB_TMP/u/$copy" "$page" && nb_pass "the copy is kept beside the review" ||
  nb_fail "no exact copy at $NB_TMP/u/$copy"
nb_keys s
nb_wait "Saved $NB_TMP/u/r.review.yaml" "s saves the review"
grep -q "^  url: \"$base/report.html\"" "$NB_TMP/u/r.review.yaml" &&
  nb_pass "the review records the address" || nb_fail "the review lacks url:"
nb_quit

nb_start 160 50 -- "$base/missing"
nb_wait "nianbao: $base/missing: the server answered 404 (not found)" "a 404 is one message"
nb_wait "NB-EXITED:1" "and exit 1"
nb_finish
