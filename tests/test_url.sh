#!/bin/sh
# Reports given as web addresses, against a server this test starts on
# 127.0.0.1 (tests/url_server.py) and stops: no network is needed.
#  - `export URL` and `check URL` fetch the page, keep an exact copy named
#    after the address, and read it as the local file reads; the YAML
#    names the copy and records the address, the fetch time and the copy's
#    SHA-256; a PDF link is read as a PDF and a page labelled text/plain
#    as a page (the kind comes from the bytes); a redirect is followed;
#  - the same bytes fetched again reuse the copy, other bytes never
#    replace it (NAME-2);
#  - a signed review of a fetched page verifies with the server gone;
#  - every failure gives its message and exit 2, leaves no copy, and
#    nothing but nianbao's own lines reaches the terminal: 404, 403, 500,
#    a redirect loop, a redirect to ftp, a timeout (NIANBAO_FETCH_TIMEOUT),
#    an endless answer (NIANBAO_FETCH_MAX_BYTES, and the 64 MiB bound
#    itself), a declared length over the bound, an empty answer, a refused
#    connection, TLS spoken to a plain server, a host that does not
#    resolve, a bad NIANBAO_FETCH_TIMEOUT.
# Skips when python3 (for the server) is missing.
set -u
: "${NB_SRCDIR:=$(cd "$(dirname "$0")/.." && pwd)}" "${NB_BUILDDIR:=.}"
bin=${NB_BIN:-$NB_BUILDDIR/nianbao}
driver=$NB_BUILDDIR/tests/review_driver
case $bin in /*) ;; *) bin=$(pwd)/$bin;; esac
case $driver in /*) ;; *) driver=$(pwd)/$driver;; esac
if ! test -x "$bin"; then echo "SKIP: $bin is not built"; exit 77; fi
if ! command -v python3 > /dev/null 2>&1; then
  echo "SKIP: python3 is not installed; the URL tests need it for their web server on 127.0.0.1"
  exit 77
fi
page=$NB_SRCDIR/tests/layouts/html/qinghe-2023-browser.html
pdf=$NB_SRCDIR/tests/fuzz/corpus/source/table.pdf
for f in "$page" "$pdf"; do test -f "$f" || { echo "SKIP: $f is missing"; exit 77; }; done

LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE=
export LANG LC_ALL LANGUAGE
# The server is local: no proxy of the machine's may stand in between.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy NIANBAO_FETCH_TIMEOUT \
  NIANBAO_FETCH_MAX_BYTES
no_proxy=127.0.0.1,localhost NO_PROXY=127.0.0.1,localhost
export no_proxy NO_PROXY

work=$(mktemp -d "${TMPDIR:-/tmp}/nb-url.XXXXXX") || exit 99
server=
stop_server() {
  if test -n "$server"; then kill "$server" 2> /dev/null; wait "$server" 2> /dev/null; server=; fi
}
trap 'stop_server; rm -rf "$work"' EXIT
trap 'exit 1' INT TERM

python3 "$NB_SRCDIR/tests/url_server.py" "$work/port" "$page" "$pdf" &
server=$!
i=0
while ! test -s "$work/port" && test $i -lt 100; do sleep 0.1; i=$((i + 1)); done
if ! test -s "$work/port"; then echo "FAIL: the test server did not start"; exit 1; fi
port=$(cat "$work/port")
base=http://127.0.0.1:$port
host=127.0.0.1_$port

pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
has() { # FILE TEXT WHAT
  if grep -qF -- "$2" "$1"; then ok; else bad "$3: no \"$2\" in:"; sed 's/^/    /' "$1" | head -n 8; fi
}
sha() { sha256sum "$1" | cut -d' ' -f1; }

mkdir "$work/run"
cd "$work/run" || exit 99

# --- export of a page: the copy, its hash, the same tables as the local file
"$bin" export "$base/report.html" > export.yaml 2> export.err
st=$?
if test $st -eq 0; then ok; else bad "export of the page: exit $st"; cat export.err; fi
copy=$host-report.html
if cmp -s "$copy" "$page"; then ok; else bad "the copy $copy is not an exact copy of the page"; ls; fi
has export.yaml "file: \"$copy\"" "export names the copy"
has export.yaml "url: \"$base/report.html\"" "export records the address"
has export.yaml "sha256: \"$(sha "$page")\"" "export records the copy's SHA-256"
if grep -Eq '^  fetched: "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}([+-][0-9]{2}:[0-9]{2}|Z)"$' export.yaml; then ok
else bad "export records no fetch time"; fi
has export.err "its copy is $copy" "export says where the copy is"
"$bin" export "$page" 2> /dev/null | sed -n '/^reports:/,$p' > local.reports
sed -n '/^reports:/,$p' export.yaml > url.reports
if test -s local.reports && cmp -s local.reports url.reports; then ok
else bad "the fetched page reads differently from the local file"; diff local.reports url.reports | head; fi
if "$bin" export "$page" 2> /dev/null | grep -q '^  url:'; then bad "a local file's export records an address"
else ok; fi

# --- the same bytes again: the copy is reused; other bytes never replace it
"$bin" export "$base/report.html" > /dev/null 2>&1
if test "$(ls | grep -c "^$host-report")" -eq 1; then ok; else bad "a second fetch of the same bytes made another copy"; ls; fi
"$bin" export "$base/changing" > /dev/null 2>&1
cp "$host-changing.html" first.html
"$bin" export "$base/changing" > changing2.yaml 2> /dev/null
if cmp -s "$host-changing.html" first.html && test -f "$host-changing-2.html" &&
   ! cmp -s "$host-changing-2.html" first.html; then ok
else bad "a changed page replaced its earlier copy, or has no copy of its own"; ls; fi
has changing2.yaml "file: \"$host-changing-2.html\"" "export names the new copy"

# --- check: the findings and the summary name the copy; status as for the file
"$bin" check "$page" > /dev/null 2>&1
want=$?
"$bin" check -q "$base/report.html" > check.out 2> check.err
st=$?
if test $st -eq "$want"; then ok; else bad "check of the address: exit $st, the file gives $want"; cat check.err; fi
has check.out "$copy: 1 report," "check names the copy"
has check.err "nianbao check: fetched $base/report.html; its copy is $copy" "check says where the copy is"

# --- the kind comes from the bytes; the name from the address; redirects
"$bin" export "$base/download?id=7" > pdf.yaml 2> pdf.err
if cmp -s "$host-download_id_7.pdf" "$pdf"; then ok; else bad "the PDF link's copy"; ls; cat pdf.err; fi
has pdf.yaml "sha256: \"$(sha "$pdf")\"" "the PDF's SHA-256"
"$bin" export "$base/article" > article.yaml 2> /dev/null
if cmp -s "$host-article.html" "$page"; then ok; else bad "a page labelled text/plain is not kept as .html"; ls; fi
sed -n '/^reports:/,$p' article.yaml > article.reports
if cmp -s local.reports article.reports; then ok; else bad "a page labelled text/plain is not read as a page"; fi
"$bin" export "$base/moved" > moved.yaml 2> moved.err
st=$?
if test $st -eq 0 && cmp -s "$host-moved.html" "$page"; then ok; else bad "a redirect was not followed: $st"; cat moved.err; fi

# --- export -o: the copy goes beside OUT; OUT may not be the copy
mkdir out
"$bin" export "$base/report.html" -o out/r.yaml 2> /dev/null
if test -f "out/$copy" && test -f out/r.yaml; then ok; else bad "export -o did not keep the copy beside OUT"; ls out; fi
"$bin" export "$base/report.html" -o "$copy" > /dev/null 2> self.err
st=$?
if test $st -eq 2 && cmp -s "$copy" "$page"; then ok; else bad "export -o COPY replaced the copy: $st"; fi
has self.err "is the copy of $base/report.html" "export -o COPY refused"

# --- a signed review of a fetched page: url and fetched recorded, and
#     verify holds with the server gone
if test -x "$driver"; then
  mkdir review && cd review || exit 99
  "$driver" sign "$base/report.html" > sign.out 2> sign.err || { bad "review_driver sign"; cat sign.err; }
  rv=$copy.review.yaml
  has "$rv" "url: \"$base/report.html\"" "the review records the address"
  has "$rv" "sha256: \"$(sha "$page")\"" "the review records the copy's SHA-256"
  if grep -q '^  fetched: "' "$rv"; then ok; else bad "the review records no fetch time"; fi
  cd .. || exit 99
fi

# --- failures: message, exit 2, no copy, nothing else on the terminal
fails() { # NAME PATH-OR-URL EXPECTED-TEXT [ENV=VALUE...]
  name=$1 url=$2 want=$3
  shift 3
  before=$(ls | wc -l)
  env "$@" "$bin" check "$url" > "$name.out" 2> "$name.err"
  st=$?
  if test $st -eq 2; then ok; else bad "$name: exit $st, expected 2"; fi
  has "$name.err" "$want" "$name"
  if test "$(wc -l < "$name.err")" -eq 1 && grep -q '^nianbao check: ' "$name.err" && ! test -s "$name.out"
  then ok; else bad "$name: more than nianbao's one line reached the terminal"; cat "$name.out" "$name.err"; fi
  if test "$(ls | wc -l)" -eq $((before + 2)); then ok; else bad "$name: a file was left behind"; ls; fi
}
fails missing "$base/missing" "the server answered 404 (not found)"
fails forbidden "$base/forbidden" "the server answered 403 (access denied)"
fails broken "$base/broken" "the server answered 500 (an error on the server); try again later"
fails loop "$base/loop" "the address redirects more than 5 times (a redirect loop?)"
fails ftp "$base/to-ftp" "the address leads to something other than http or https"
t0=$(date +%s)
fails slow "$base/slow" "no complete answer within 1 second (timed out)" NIANBAO_FETCH_TIMEOUT=1
if test $(($(date +%s) - t0)) -lt 10; then ok; else bad "the 1-second timeout took $(($(date +%s) - t0)) s"; fi
fails endless "$base/endless" "the answer is larger than 100000 bytes" NIANBAO_FETCH_MAX_BYTES=100000
fails endless64 "$base/endless" "the answer is larger than 67108864 bytes"
fails declared "$base/declared-large" "the answer is larger than" NIANBAO_FETCH_MAX_BYTES=100000
fails empty "$base/empty" "the server sent an empty answer"
fails tls "https://127.0.0.1:$port/report.html" "no secure connection to 127.0.0.1"
fails badenv "$base/report.html" "NIANBAO_FETCH_TIMEOUT must be a whole number from 1 to 3600, not 'soon'" \
  NIANBAO_FETCH_TIMEOUT=soon
# a port where nothing listens: the server's own, once it is stopped (below)

# --- the server stops; the review verifies offline, on the copy
stop_server
fails refused "$base/report.html" "127.0.0.1 refused the connection"
if test -x "$driver"; then
  "$bin" verify "review/$copy.review.yaml" > verify.out 2> verify.err
  st=$?
  if test $st -eq 0; then ok; else bad "verify of a fetched page's review offline: exit $st"; cat verify.out verify.err; fi
  has verify.out "source: the copy of $base/report.html fetched at" "verify names the address"
  has verify.out "verified: the review holds" "verify holds offline"
  # resumed on the copy (a file now), the review keeps the address
  (cd review && "$driver" save "$copy" appeals.review.total=1 > /dev/null 2>&1)
  has "review/$copy.review.yaml" "url: \"$base/report.html\"" "a resumed review keeps the address"
fi

# a name that does not resolve: only where the resolver answers at once
if getent hosts nianbao-test.invalid > /dev/null 2>&1; then
  echo "SKIPPED: nianbao-test.invalid resolves here; the unresolvable-host message was not tested"
else
  "$bin" check http://nianbao-test.invalid/r.html > host.out 2> host.err
  if grep -q "cannot find the host nianbao-test.invalid" host.err; then ok
  elif grep -q "timed out" host.err; then echo "SKIPPED: the resolver timed out instead of answering"
  else bad "unresolvable host:"; cat host.err; fi
fi

echo "$pass passed, $fail failed"
test $fail -eq 0
