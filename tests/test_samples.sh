#!/bin/sh
# Golden test of the command line over the bundled samples (samples/*.txt).
# For every sample, tests/samples/<name>.yaml states its reports and findings;
# this test asks the built program for:
#   - `nianbao export` exits 0, prints `format: nianbao/1`, one report per
#     expected report (same agency and year, in order), and no raw control
#     bytes (the samples carry ESC sequences in their narrative);
#   - `nianbao check` exits 1 exactly when the expected file lists a finding
#     of severity `error`, and 0 otherwise, and the kinds of findings it
#     reports (rule ids mapped to the expected files' kinds) are exactly the
#     kinds the expected file lists, with their severities;
#   - the GB18030 sample is decoded: its agency appears in the export, and
#     the export says `encoding: GB18030` (`UTF-16LE` for the UTF-16 sample).
# The cell-by-cell comparison with the expected files is tests/test_corpus.c.
set -u
: "${NB_SRCDIR:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${NB_BIN:=$NB_SRCDIR/nianbao}"

if [ ! -x "$NB_BIN" ]; then
  echo "SKIP: $NB_BIN has not been built"
  exit 77
fi

tmp=${TMPDIR:-/tmp}/nb-samples.$$
mkdir -p "$tmp" || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM

passed=0 failed=0 inconsistent=0 nsamples=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }

# "agency year" of each entry of a YAML document's reports list: the value
# of "- agency:" and of the "year:" key of the same entry.
report_list() {
  awk '
    function value(line) {
      sub(/^[^:]*:[ ]*/, "", line); sub(/[ ]*(#.*)?$/, "", line)
      if (line ~ /^".*"$/) line = substr(line, 2, length(line) - 2)
      return line
    }
    /^ *- agency:/ { match($0, /^ */); indent = RLENGTH + 2; agency = value($0); want = 1; next }
    want && match($0, /^ *year:/) {
      match($0, /^ */)
      if (RLENGTH == indent) { print agency " " value($0); want = 0 }
    }
  ' "$1"
}

# "severity kind" of each finding an expected file lists.
expected_kinds() {
  awk '
    /^ *- kind:/ { sub(/^ *- kind: */, ""); sub(/ *(#.*)?$/, ""); kind = $0; next }
    kind != "" && /^ *severity:/ { sub(/^ *severity: */, ""); sub(/ *(#.*)?$/, ""); print $0 " " kind; kind = "" }
  ' "$1" | sort -u
}

# "severity kind" of each finding of `check` text output; rule ids become the
# kinds the expected files use (as tests/test_check.c maps them).
reported_kinds() {
  sed -n 's/^.*: \(error\|warning\): \[\([^]]*\)\].*$/\1 \2/p' "$1" |
  sed -e 's/ applications\.balance$/ balance/' \
      -e 's/ applications\.row_total$/ row_total/' \
      -e 's/ applications\.results_total$/ results_total/' \
      -e 's/ appeals\.total$/ appeal_total/' \
      -e 's/ cells\.whole_nonnegative$/ whole_nonnegative/' \
      -e 's/ active\.unit_missing$/ unit_missing/' \
      -e 's/ active\.unit_unexpected$/ unit_unexpected/' \
      -e 's/ text\.vs_table$/ text_vs_table/' \
      -e 's/ cross_year\.[a-z_]*$/ cross_year/' \
      -e 's/ period\.year_mismatch$/ year_mismatch/' \
      -e 's/ period\.unreadable$/ period_unreadable/' \
      -e 's/ template\.year_mismatch$/ template_year_mismatch/' \
      -e 's/ parse\.template_deviation$/ template_deviation/' \
      -e 's/ parse\.label_garbled$/ label_garbled/' | sort -u
}

esc=$(printf '\033')
bel=$(printf '\007')
bs=$(printf '\010')

for sample in "$NB_SRCDIR"/samples/*.txt; do
  name=$(basename "$sample" .txt)
  expected=$NB_SRCDIR/tests/samples/$name.yaml
  nsamples=$((nsamples + 1))
  if [ ! -f "$expected" ]; then
    bad "$name: no expected file tests/samples/$name.yaml"
    continue
  fi

  # --- export
  "$NB_BIN" export "$sample" > "$tmp/export.yaml" 2> "$tmp/export.err"
  rc=$?
  if [ $rc -eq 0 ]; then ok; else bad "$name: export exited $rc: $(head -n 3 "$tmp/export.err")"; fi
  if grep -qx 'format: nianbao/1' "$tmp/export.yaml"; then ok
  else bad "$name: export does not print 'format: nianbao/1'"; fi
  if grep -q "[$esc$bel$bs]" "$tmp/export.yaml"; then
    bad "$name: export holds raw control characters (ESC, BEL or BS)"
  else ok; fi

  # The reports, in order, as "agency year" lines: the expected ones, and
  # the ones the export lists (block style at any indentation, quoted or not).
  report_list "$expected" > "$tmp/want"
  report_list "$tmp/export.yaml" > "$tmp/got"
  if cmp -s "$tmp/want" "$tmp/got"; then ok
  else
    bad "$name: reports exported (agency year) differ from tests/samples/$name.yaml"
    echo "  expected:"; sed 's/^/    /' "$tmp/want"
    echo "  exported:"; sed 's/^/    /' "$tmp/got"
  fi

  case $name in
    *gbk*)
      agency=$(head -n 1 "$tmp/want" | cut -d ' ' -f 1)
      [ -n "$agency" ] || agency="(no agency in $expected)"
      if grep -q "$agency" "$tmp/export.yaml"; then ok
      else bad "$name: the GB18030 sample's agency '$agency' is not in the export"; fi
      if grep -qE '^ +encoding: "?GB18030"?$' "$tmp/export.yaml"; then ok
      else bad "$name: export does not say 'encoding: GB18030'"; fi
      ;;
    *utf16*)
      if grep -qE '^ +encoding: "?UTF-16LE"?$' "$tmp/export.yaml"; then ok
      else bad "$name: export does not say 'encoding: UTF-16LE'"; fi
      ;;
  esac

  # --- check: 1 when the source holds a real arithmetic error, 0 otherwise
  if grep -q '^ *severity: error' "$expected"; then
    want_rc=1
    inconsistent=$((inconsistent + 1))
  else
    want_rc=0
  fi
  "$NB_BIN" check "$sample" > "$tmp/check.out" 2> "$tmp/check.err"
  rc=$?
  if [ $rc -eq $want_rc ]; then ok
  else
    bad "$name: check exited $rc, expected $want_rc"
    head -n 10 "$tmp/check.out" "$tmp/check.err" | sed 's/^/    /'
  fi
  if grep -q "[$esc$bel$bs]" "$tmp/check.out"; then
    bad "$name: check output holds raw control characters"
  else ok; fi
  expected_kinds "$expected" > "$tmp/kinds.want"
  reported_kinds "$tmp/check.out" > "$tmp/kinds.got"
  if cmp -s "$tmp/kinds.want" "$tmp/kinds.got"; then ok
  else
    bad "$name: check reports other kinds of findings than tests/samples/$name.yaml lists"
    echo "  expected:"; sed 's/^/    /' "$tmp/kinds.want"
    echo "  reported:"; sed 's/^/    /' "$tmp/kinds.got"
  fi
done

# The set itself: enough samples, and exactly one with a genuine error, so
# that a lost file cannot make this test pass vacuously.
if [ $nsamples -ge 7 ]; then ok; else bad "only $nsamples samples in samples/ (at least 7 expected)"; fi
if [ $inconsistent -eq 1 ]; then ok; else bad "$inconsistent samples expect errors (exactly 1 expected)"; fi

echo "$passed passed, $failed failed ($nsamples samples)"
[ $failed -eq 0 ]
