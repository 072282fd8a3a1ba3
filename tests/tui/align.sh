#!/bin/sh
# CJK column alignment: in every grid of the table pane, the column rules
# (│) of each row stand at the same display columns as its header's, even
# though the labels mix CJK (two columns a glyph) and ASCII. Measured on the
# captured screen with wc -L, which counts display width.
. "$(dirname "$0")/lib.sh"

# Display columns at which "│" occurs in a line, from the pane rule on.
rule_columns() {
  rest=$1 acc="" out=""
  while :; do
    case $rest in *│*) ;; *) break ;; esac
    pre=${rest%%│*}
    acc="$acc$pre"
    out="$out $(printf '%s' "$acc" | wc -L)"
    acc="$acc│"
    rest=${rest#*│}
  done
  printf '%s\n' "$out"
}

# check_group HEADER_TEXT ROW_LABEL...: rows line up with the header.
check_group() {
  header=$(nb_screen | grep -F -- "$1" | head -n 1)
  want=$(rule_columns "$header")
  [ -n "$want" ] || { nb_fail "no header line with $1"; return; }
  shift
  for label in "$@"; do
    line=$(nb_screen | grep -F -e "│ $label" -e "│>$label" -e "│-$label" | tail -n 1)
    got=$(rule_columns "$line")
    if [ "$got" = "$want" ]; then
      nb_pass "row $label: rules at$got"
    else
      nb_fail "row $label: rules at$got, header at$want"
    fi
  done
}

check_file() {
  nb_start 160 50 -- "$1"
  i=0
  while [ $i -lt 80 ] && ! nb_screen | grep -q "Tables (template"; do
    nb_screen | grep -q "Choose one" && nb_keys Enter
    sleep 0.1
    i=$((i + 1))
  done
  nb_wait "Tables (template" "$(basename "$1") opens"
  nb_keys Home j j j j j j
  check_group "自然人 │ 商业企业" "一、本年新收" "二、上年结转" "(一)予以公开" "(三)3.三安全一稳定" "(三)1.国家秘密"
  nb_keys G
  nb_wait "appeals.suit_after_review.total" "G: table 四"
  check_group "结果维持 │ 结果纠正" "行政复议" "诉讼·直接起诉" "诉讼·复议后起诉"
  nb_quit
}

check_file "$NB_SRCDIR/samples/yunxiu-2023-inconsistent.txt"
if nb_corpus; then
  check_file "$NB_CORPUS/006_hongze_2023.txt"
else
  echo "corpus not found: the corpus part is skipped"
fi
nb_finish
