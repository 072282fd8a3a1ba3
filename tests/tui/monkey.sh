#!/bin/sh
# A key storm: a fixed pseudo-random sequence of every kind of key the
# screen knows (moves, edits, prompts answered with junk, undo/redo, help,
# search, sign-off, re-linking, placing, marks, unwrapped source), with
# resizes between the bursts. The
# program must stay up the whole time and quit cleanly at the end; run on
# a sanitizer build this is where memory errors would show.
. "$(dirname "$0")/lib.sh"

cp "$NB_SRCDIR/samples/yunxiu-2023-inconsistent.txt" "$NB_TMP/yunxiu.txt" || exit 99
# and a copy that dropped its blank cells, whose unread rows p places
cp "$NB_SRCDIR/tests/fuzz/corpus/recognize/lynx-squeezed.txt" "$NB_TMP/squeezed.txt" || exit 99
files="$NB_TMP/yunxiu.txt $NB_TMP/squeezed.txt"
if nb_corpus && [ -f "$NB_CORPUS/006_hongze_2023.txt" ]; then
  cp "$NB_CORPUS/006_hongze_2023.txt" "$NB_TMP/006.txt"
  files="$files $NB_TMP/006.txt"
fi

keys_list='j k h l g G n N Tab BTab PgUp PgDn Up Down Left Right e x f r c o u C-r / ? S Enter Escape 1 2 7 a 张 Space F1 C-l - . p w m z'
sizes='160x50 80x24 50x12 100x40 61x15 200x60 70x45'

for f in $files; do
  base=$(basename "$f")
  nb_start 120 40 -- "$f"
  nb_wait "$base │" "$base opens"
  # 12 bursts of 40 keys from a fixed seed: the same storm every run.
  burst=0
  for size in $sizes $sizes; do
    burst=$((burst + 1))
    [ $burst -gt 12 ] && break
    seq=$(awk -v seed="$((burst + ${NB_MONKEY_SEED:-0}))" -v list="$keys_list" 'BEGIN {
      srand(seed); n = split(list, k, " ");
      for (i = 0; i < 40; i++) printf "%s ", k[int(rand() * n) + 1] }')
    # shellcheck disable=SC2086
    nb_keys $seq
    nb_resize "${size%x*}" "${size#*x}"
    if nb_screen | grep -q "NB-EXITED"; then
      nb_fail "$base: the program ended during burst $burst (keys: $seq)"
      break
    fi
  done
  # Leave whatever prompt or help is open, come back to a full screen, quit.
  nb_resize 160 50
  nb_keys Escape Escape Escape
  i=0
  while [ $i -lt 50 ]; do
    s=$(nb_screen)
    case $s in
      *NB-EXITED:*) break ;;
      *"Unsaved changes"*) nb_keys n ;;
      *"nianbao keys"*) nb_keys q ;;
      *"Choose"*) nb_keys Escape ;;
      *"│ not signed"*|*"│ signed"*|*"│ sign-off"*) nb_keys q ;;
      *) nb_keys Escape ;;
    esac
    i=$((i + 1))
    sleep 0.2
  done
  nb_wait "NB-EXITED:0" "$base: still alive after the storm, and q quits with status 0"
done
nb_finish
