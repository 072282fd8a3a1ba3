#!/bin/sh
# What a whole review costs in keys: each report with errors (the bundled
# sample, and the corpus reports with errors when they are beside the
# project) is opened, every finding reached with n and judged — an error
# confirmed in source (c), a warning dismissed as a false alarm (d), each
# with its note — then signed and saved, and the program quit. The keys
# pressed are counted (the text of notes and names is not) and must stay
# within 25 a report.
. "$(dirname "$0")/lib.sh"

BUDGET=25
keys=0
press() { # press KEY...: send the keys and count them
  for k in "$@"; do keys=$((keys + 1)); done
  nb_keys "$@"
}

# review FILE [ARGS...]: the whole review of one report.
review() {
  file=$1
  shift
  name=$(basename "$file")
  keys=0
  nb_start 160 50 -- "$file" "$@"
  nb_wait "$name │" "$name opens"
  title=$(nb_screen | grep -o "Findings: [0-9]* errors, [0-9]* warnings" | head -n 1)
  errors=$(printf '%s\n' "$title" | sed 's/Findings: \([0-9]*\) errors.*/\1/')
  warnings=$(printf '%s\n' "$title" | sed 's/.* \([0-9]*\) warnings/\1/')
  if [ -z "$errors" ] || [ -z "$warnings" ]; then
    nb_fail "$name: no count of findings on screen"
    return
  fi
  judged=0 # (not i: nb_wait counts with i)
  while [ $judged -lt $((errors + warnings)) ]; do
    # The selected finding is marked "- " (or "> " in a focused pane) before
    # its severity, E or W; after n, wait for the mark to move on.
    before=$(nb_screen | grep "│[>-] [EW] ")
    press n
    tries=0
    while [ $tries -lt 50 ]; do
      now=$(nb_screen | grep "│[>-] [EW] ")
      [ -n "$now" ] && [ "$now" != "$before" ] && break
      tries=$((tries + 1))
      sleep 0.1
    done
    if printf '%s\n' "$now" | grep -q "│[>-] E "; then
      press c
      nb_wait "Confirmed in source; note" "$name: finding $((judged + 1)) is confirmed, with a note" >/dev/null
      nb_type "the printed report says so"
    else
      press d
      nb_wait "Dismiss as a false alarm; reason" "$name: finding $((judged + 1)) is dismissed, with a reason" >/dev/null
      nb_type "the text speaks of another figure"
    fi
    press Enter
    judged=$((judged + 1))
  done
  nb_wait "$errors errors, $warnings warnings, 0 open" "$name: every finding judged"
  press S
  sleep 0.3
  if nb_screen | grep -q "Reviewer (your name"; then
    nb_type "张三"
    press Enter
  fi
  nb_wait "Verdict:" "$name: the verdict is asked"
  press a
  nb_wait "Sign-off note" "$name: then a note"
  press Enter
  nb_wait "Signed off by 张三" "$name: signed without an override"
  press s
  nb_wait "Saved" "$name: saved"
  press q
  nb_wait "NB-EXITED:0" "$name: quits"
  if [ "$keys" -le "$BUDGET" ]; then
    nb_pass "$name: the whole review took $keys keys ($errors errors, $warnings warnings; at most $BUDGET)"
  else
    nb_fail "$name: the whole review took $keys keys, more than $BUDGET"
  fi
}

cp "$NB_SRCDIR/samples/yunxiu-2023-inconsistent.txt" "$NB_TMP/" || exit 99
review "$NB_TMP/yunxiu-2023-inconsistent.txt"

if nb_corpus; then
  for f in "$NB_CORPUS"/*.txt; do
    # Every report of the file that has errors, by its number.
    n=$("$NB_BIN" check -f yaml "$f" 2>/dev/null |
      awk '/^  - agency:/ { r++ } /severity: error/ { if (!(r in seen)) { seen[r] = 1; print r } }')
    for r in $n; do
      mkdir -p "$NB_TMP/report$r" && cp "$f" "$NB_TMP/report$r/" || exit 99
      review "$NB_TMP/report$r/$(basename "$f")" --report "$r"
    done
  done
else
  echo "SKIP part: no corpus beside the project (../shared/corpus): only the bundled sample is reviewed"
fi
nb_finish
