#!/bin/sh
# Screen dumps diffed against golden files, as tig's test suite does: each
# tests/screen/NAME.keys names a report and a screen size in its header
# and holds keys and `dump`s; tests/screen/test_screen runs the review
# screen on it without a terminal and its output must equal NAME.screen.
# NB_SCREEN_UPDATE=1 rewrites the golden files (look at the diff before
# committing them).
set -u
srcdir=${NB_SRCDIR:-.}
driver=${NB_BUILDDIR:-.}/tests/screen/test_screen
dir="$srcdir/tests/screen"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/nb_screen.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
failed=0 ran=0
for keys in "$dir"/*.keys; do
    name=$(basename "$keys" .keys)
    report=$(sed -n 's/^# report: //p' "$keys")
    size=$(sed -n 's/^# size: //p' "$keys")
    rows=${size%x*} cols=${size#*x}
    if [ -z "$report" ] || [ -z "$size" ]; then
        echo "FAIL $name: the header needs '# report: PATH' and '# size: ROWSxCOLS'"
        failed=1
        continue
    fi
    ran=$((ran + 1))
    if ! "$driver" "$srcdir/$report" "$rows" "$cols" "$keys" > "$tmp/$name.screen"; then
        echo "FAIL $name: the driver failed"
        failed=1
        continue
    fi
    if [ "${NB_SCREEN_UPDATE:-}" = 1 ]; then
        cp "$tmp/$name.screen" "$dir/$name.screen"
        echo "updated $dir/$name.screen"
    elif ! diff -u "$dir/$name.screen" "$tmp/$name.screen"; then
        echo "FAIL $name: the screen differs from $name.screen (above)"
        failed=1
    else
        echo "ok $name"
    fi
done
if [ "$ran" -eq 0 ]; then
    echo "FAIL: no screen scripts in $dir"
    exit 1
fi
exit $failed
