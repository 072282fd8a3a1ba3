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
for page in html/*.html; do
  name=$(basename "$page" .html)
  case $name in *.*) continue ;; esac   # the clean pages only
  [ -f "$name.md.yaml" ] || continue
  soffice --headless --infilter="HTML (StarWriter)" --convert-to pdf --outdir "$tmp" "$page" >/dev/null 2>&1
  mv "$tmp/$name.pdf" "pdf/$name.lo.pdf"
  [ "${1:-}" = lo ] && continue
  chromium --headless --no-sandbox --disable-gpu --print-to-pdf="pdf/$name.chromium.pdf" \
    "file://$PWD/$page" >/dev/null 2>&1
  sed 's#<head>#<head><style>@page{size:A5} body{font-size:13pt} td{padding:2px}</style>#' \
    "$page" > "$tmp/$name.narrow.html"
  chromium --headless --no-sandbox --disable-gpu --print-to-pdf="pdf/$name.narrow.chromium.pdf" \
    "file://$tmp/$name.narrow.html" >/dev/null 2>&1
  pdftotext -layout "pdf/$name.narrow.chromium.pdf" "$name.narrow.pdftotext.txt"
  # wrapped rows may leave cells unread, never a wrong value
  for narrow in "pdf/$name.narrow.chromium.pdf" "$name.narrow.pdftotext.txt"; do
    case $narrow in *.pdf) y="$name.narrow-chromium-pdf.yaml" ;; *) y="$name.narrow.pdftotext.yaml" ;; esac
    {
      echo "# $page on A5 in a larger type, printed by Chromium (make-pdfs.sh): labels wrap round their numbers; values as in $name.md.yaml"
      echo "cells_may_be_unread: true"
      grep -v '^#' "$name.md.yaml" | sed "s#^file: .*#file: $narrow#"
    } > "$y"
  done
  for tool in lo chromium; do
    [ -f "pdf/$name.$tool.pdf" ] || continue
    {
      echo "# $page printed to PDF by $( [ $tool = lo ] && echo LibreOffice || echo Chromium ) (make-pdfs.sh), read directly; values as in $name.md.yaml"
      case " $partly_read " in
        *" $name "*) echo "cells_may_be_unread: true" ;;
      esac
      grep -v '^#' "$name.md.yaml" | sed "s#^file: .*#file: pdf/$name.$tool.pdf#"
    } > "$name.$tool-pdf.yaml"
  done
done
