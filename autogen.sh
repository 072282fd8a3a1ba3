#!/bin/sh
# Prepare a checkout for ./configure: install the build packages that are
# missing (Debian/Ubuntu, with apt), then generate the build system.
# Safe to run again: it installs nothing that is already there.
set -e
cd "$(dirname "$0")"

packages="build-essential autoconf automake pkgconf libncurses-dev libyaml-dev \
libutf8proc-dev libcmocka-dev libxml2-dev libpoppler-glib-dev libcurl4-openssl-dev libxlsxwriter-dev ca-certificates poppler-data libcairo2-dev fonts-dejavu-core gettext tmux ncurses-term python3 python3-yaml python3-openpyxl"

missing=
if command -v dpkg-query >/dev/null 2>&1; then
  for p in $packages; do
    s=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    case $s in *"ok installed"*) ;; *) missing="$missing $p";; esac
  done
fi

if [ -n "$missing" ]; then
  echo "autogen.sh: installing:$missing"
  if [ "$(id -u)" -eq 0 ]; then sudo=; elif command -v sudo >/dev/null 2>&1; then sudo=sudo; else
    echo "autogen.sh: these packages are missing and I am not root: $missing" >&2
    echo "  install them with: apt-get install$missing" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  # shellcheck disable=SC2086
  $sudo apt-get install -y -qq --no-install-recommends $missing
fi

autoreconf -fi
