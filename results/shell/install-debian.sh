#!/usr/bin/env bash
# Installs Debian packages that a benchmark or CI needs, the one way every caller does it: as root
# with apt-get (after saying so); otherwise it installs nothing and says what to run. The callers
# (.ci/run, results/bench/*.sh, the Java benchmarks' Peers) decide what is missing.
#
#   results/shell/install-debian.sh [--for WHO] PACKAGE...
#
# WHO names what needs the packages, in the messages (default: pixelforge).
# Exit status: 0 installed, 1 not installed (not root, no apt-get, or apt-get failed), 2 bad usage.
set -euo pipefail

who=pixelforge
if [[ ${1:-} == --for ]]; then
  [[ $# -ge 2 ]] || { echo "install-debian.sh: --for takes a name, e.g. --for 'pixelforge bench http'" >&2; exit 2; }
  who=$2
  shift 2
fi
[[ $# -gt 0 ]] || { echo "usage: install-debian.sh [--for WHO] PACKAGE..." >&2; exit 2; }
for package in "$@"; do
  # Debian package names only: the names reach apt-get's command line.
  [[ $package =~ ^[a-z0-9][a-z0-9.+-]+$ ]] || { echo "install-debian.sh: not a Debian package name: '$package'" >&2; exit 2; }
done

if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null; then
  echo "$who needs Debian's $*: sudo apt-get install -y $*" >&2
  exit 1
fi
echo "installing $* (Debian) for $who ..."
# noninteractive: a package's configuration questions would otherwise wait for an answer forever.
if ! DEBIAN_FRONTEND=noninteractive apt-get update -qq \
   || ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"; then
  echo "$who: apt-get could not install $*: install them yourself (sudo apt-get install -y $*)" >&2
  exit 1
fi
