#!/bin/sh
# Resizing: side by side at 160x50, one pane at a time at 80x24 (Tab shows
# the next), a "too small" notice at 50x12, no crash at 20x5 or 1x1, and
# the full screen again when the window grows back.
. "$(dirname "$0")/lib.sh"

cp "$NB_SRCDIR/samples/yunxiu-2023-inconsistent.txt" "$NB_TMP/yunxiu.txt" || exit 99
nb_start 160 50 -- "$NB_TMP/yunxiu.txt"
nb_wait "yunxiu.txt │" "opens at 160x50"
nb_wait_re "Source: yunxiu.txt .*│.*Tables \\(template" "source and tables side by side"
nb_wait "Findings:" "findings pane shown"

nb_resize 80 24
nb_wait "[Tables]" "80x24: one pane at a time, the tables"
nb_wait_gone "Source: yunxiu.txt" "80x24: the source pane is hidden"
nb_wait "yunxiu.txt │" "80x24: the status line stays"
nb_keys j
nb_wait_cell active.normative_documents.issued 3
nb_keys Tab
nb_wait "[Findings]" "Tab shows the findings"
nb_wait "Findings: 2 errors" "the findings pane fills the screen"
nb_keys Tab
nb_wait "[Source]" "Tab shows the source"
nb_wait "Source: yunxiu.txt" "the source pane fills the screen"
nb_keys Tab

nb_resize 80 50
nb_wait "Source: yunxiu.txt" "80x50: stacked, the source"
nb_wait "Tables (template" "80x50: stacked, the tables"
nb_wait "Findings: 2 errors" "80x50: stacked, the findings"
nb_wait_gone "Tab: next pane" "80x50: no tab bar when stacked"
nb_keys Tab
nb_wait "▶ Findings" "80x50: Tab moves the focus"
nb_keys Tab Tab

nb_resize 50 12
nb_wait "Terminal too small" "50x12: the notice"
nb_wait "60x15" "the notice says the minimum"
nb_resize 20 5
nb_wait "Terminal" "20x5: the notice, wrapped"
nb_resize 1 1
i=0
while [ $i -lt 10 ]; do sleep 0.05; i=$((i + 1)); done
nb_resize 160 50
nb_wait_re "Source: yunxiu.txt .*│.*Tables \\(template" "back at 160x50: side by side again"
nb_wait_gone "NB-EXITED" "never exited while tiny"
nb_wait_cell active.normative_documents.issued 3
nb_resize 100 30
nb_wait_re "Source: yunxiu.txt .*│.*Tables" "100 columns: side by side"
nb_resize 99 30
nb_wait "[Tables]" "99 columns: one pane at a time"
nb_quit
nb_finish
