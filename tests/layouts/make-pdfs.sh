#!/bin/sh
# Authoring tool for tests/layouts (the tests never run it): print every
# clean page html/NAME.html to PDF with two real tools, as agencies and
# reviewers make PDFs of a page, and write the expected values beside them.
#
#   pdf/NAME.lo.pdf        LibreOffice Writer (the page imported as a
#                          document, then --convert-to pdf): an office
#                          suite's PDF, table rules drawn, labels wrapped
#                          inside their cells
#   pdf/NAME.chromium.pdf  Chromium --print-to-pdf (A4, with the browser's
#                          own header and footer: date, title, file URL,
#                          page n/m)
#   pdf/NAME.narrow.chromium.pdf
#                          the same on A5 in a larger type: row labels wrap
#                          over two or three lines, the numbers on the
#                          label's first, middle or last line
#   NAME.lo.pdftotext.txt
#                          `pdftotext -layout` of the LibreOffice PDF
#   NAME.narrow.pdftotext.txt
#                          `pdftotext -layout` of the narrow PDF: the text
#                          reader on the same wrapped rows
#
# NAME.lo-pdf.yaml and NAME.chromium-pdf.yaml hold NAME.md.yaml's values.
# Needs libreoffice-writer-nogui, chromium and fonts-wqy-zenhei (Debian).
set -eu
cd "$(dirname "$0")"
# Pages whose PDFs still leave cells unread (blank cells in a space-aligned
# row that no complete row under the same header settles, table 四's
# blank middle group): their YAML allows null cells, never a wrong value.
partly_read=""
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The expected values of a page: its layouts' (NAME.md.yaml) or, for the
# samples that have only a page, NAME.page.yaml.
values_of() {
  if [ -f "$1.md.yaml" ]; then echo "$1.md.yaml"; else echo "$1.page.yaml"; fi
}

# pdf/NAME.lo.pdf, pdf/NAME.chromium.pdf and their YAML
print_page() { # page name values
  soffice --headless --infilter="HTML (StarWriter)" --convert-to pdf --outdir "$tmp" "$1" >/dev/null 2>&1
  mv "$tmp/$2.pdf" "pdf/$2.lo.pdf"
  chromium --headless --no-sandbox --disable-gpu --print-to-pdf="pdf/$2.chromium.pdf" \
    "file://$PWD/$1" >/dev/null 2>&1
  # the office PDF as pdftotext -layout renders it: the text reader on
  # labels wrapped inside their cells (cells may stay null, never wrong)
  pdftotext -layout "pdf/$2.lo.pdf" "$2.lo.pdftotext.txt"
  {
    echo "# pdf/$2.lo.pdf (LibreOffice) as \`pdftotext -layout\` renders it (make-pdfs.sh): labels wrapped in their cells; values as in $3"
    echo "cells_may_be_unread: true"
    grep -v '^#' "$3" | sed "s#^file: .*#file: $2.lo.pdftotext.txt#"
  } > "$2.lo.pdftotext.yaml"
  for tool in lo chromium; do
    {
      echo "# $1 printed to PDF by $( [ $tool = lo ] && echo LibreOffice || echo Chromium ) (make-pdfs.sh), read directly; values as in $3"
      case " $partly_read " in
        *" $2 "*) echo "cells_may_be_unread: true" ;;
      esac
      grep -v '^#' "$3" | sed "s#^file: .*#file: pdf/$2.$tool.pdf#"
    } > "$2.$tool-pdf.yaml"
  done
}

# pdf/NAME.narrow.chromium.pdf, its pdftotext -layout text, their YAML
print_narrow() { # page name values
  sed 's#<head>#<head><style>@page{size:A5} body{font-size:13pt} td{padding:2px}</style>#' \
    "$1" > "$tmp/$2.narrow.html"
  chromium --headless --no-sandbox --disable-gpu --print-to-pdf="pdf/$2.narrow.chromium.pdf" \
    "file://$tmp/$2.narrow.html" >/dev/null 2>&1
  pdftotext -layout "pdf/$2.narrow.chromium.pdf" "$2.narrow.pdftotext.txt"
  # wrapped rows may leave cells unread, never a wrong value
  for narrow in "pdf/$2.narrow.chromium.pdf" "$2.narrow.pdftotext.txt"; do
    case $narrow in *.pdf) y="$2.narrow-chromium-pdf.yaml" ;; *) y="$2.narrow.pdftotext.yaml" ;; esac
    {
      echo "# $1 on A5 in a larger type, printed by Chromium (make-pdfs.sh): labels wrap round their numbers; values as in $3"
      echo "cells_may_be_unread: true"
      grep -v '^#' "$3" | sed "s#^file: .*#file: $narrow#"
    } > "$y"
  done
}

# Usage: make-pdfs.sh [NAME...]   (default: every clean page of html/)
names=$*
if [ -z "$names" ]; then
  for page in html/*.html; do
    name=$(basename "$page" .html)
    case $name in *.*) continue ;; esac   # the clean pages only
    names="$names $name"
  done
fi
for name in $names; do
  page=html/$name.html
  values=$(values_of "$name")
  [ -f "$values" ] || continue
  print_page "$page" "$name" "$values"
  # the narrow prints for the pages with layout fixtures
  [ -f "$name.md.yaml" ] && print_narrow "$page" "$name" "$values"
done
