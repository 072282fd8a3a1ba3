#!/bin/sh
# Saving a review onto a really full disk and into a really read-only
# folder (not an injected failure): a small tmpfs mounted in a private
# mount namespace (`unshare -rm`, so nothing leaks to the host and root's
# disregard of file modes does not matter). The save fails with a clear
# message, the review file on disk stays whole, and no temp file is left.
# Skipped where mount namespaces are not allowed.
set -u
: "${NB_BUILDDIR:=.}" "${NB_SRCDIR:=.}"
driver=$NB_BUILDDIR/tests/review_driver
if ! test -x "$driver"; then echo "SKIP: $driver is not built"; exit 77; fi
sample=$NB_SRCDIR/samples/qinghe-2023-browser.txt
if ! test -f "$sample"; then
  for f in "$NB_SRCDIR"/samples/*.txt; do test -f "$f" && { sample=$f; break; }; done
fi
if ! test -f "$sample"; then echo "SKIP: no sample report in $NB_SRCDIR/samples"; exit 77; fi
if ! command -v unshare >/dev/null 2>&1 ||
   ! unshare -rm sh -c 'd=$(mktemp -d) && mount -t tmpfs -o size=64k tmpfs "$d" && umount "$d" && rmdir "$d"' 2>/dev/null; then
  echo "SKIP: cannot mount a tmpfs in a private mount namespace here"
  exit 77
fi

work=$(mktemp -d /tmp/nb_realfs.XXXXXX) || exit 99
trap 'rm -rf "$work"' EXIT
mkdir "$work/disk"
# The inner script runs in its own mount namespace; the tmpfs vanishes with it.
unshare -rm sh -s "$driver" "$sample" "$work/disk" <<'INNER'
set -u
driver=$1 sample=$2 disk=$3
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
mount -t tmpfs -o size=256k tmpfs "$disk" || { echo "FAIL: mount"; exit 1; }
cp "$sample" "$disk/report.txt"
review=$disk/report.txt.review.yaml
"$driver" save "$disk/report.txt" appeals.review.total=11 >/dev/null 2>"$disk/../err" ||
  fail "first save failed: $(cat "$disk/../err")"
cp "$review" "$disk/../saved.yaml"

# Fill the disk to the last block.
dd if=/dev/zero of="$disk/filler" bs=1k 2>/dev/null
"$driver" save "$disk/report.txt" appeals.review.total=22 >/dev/null 2>"$disk/../err" &&
  fail "a save on a full disk succeeded"
grep -q 'disk is full' "$disk/../err" || fail "no disk-full message: $(cat "$disk/../err")"
cmp -s "$review" "$disk/../saved.yaml" || fail "the review file changed on a full disk"
ls -a "$disk" | grep -q '\.tmp' && fail "a temp file was left on the full disk"
rm -f "$disk/filler"

# Read-only: remount the same tmpfs read-only.
mount -o remount,ro "$disk" || { echo "FAIL: remount"; exit 1; }
"$driver" save "$disk/report.txt" appeals.review.total=33 >/dev/null 2>"$disk/../err" &&
  fail "a save into a read-only folder succeeded"
grep -q 'read-only' "$disk/../err" || fail "no read-only message: $(cat "$disk/../err")"
cmp -s "$review" "$disk/../saved.yaml" || fail "the review file changed on a read-only disk"
"$driver" show "$disk/report.txt" >"$disk/../show" 2>&1 || fail "review unreadable afterwards"
grep -qx 'appeals.review.total=11' "$disk/../show" || fail "the last saved value is not what resumes"
umount "$disk"
exit $failures
INNER
status=$?
if test $status -eq 0; then
  echo "PASS: full tmpfs and read-only remount: clear messages, review file whole, no temp file"
  exit 0
fi
exit 1
