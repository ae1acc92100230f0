#!/usr/bin/env bats
# results/shell/install-debian.sh, the one Debian installer (.ci/run, the bench scripts, Peers.java),
# run with stub apt-get and id on PATH: the exact apt-get commands as root, and as anyone else (or
# without apt-get) no command and the line to run instead.

setup() {
  ROOT=$(cd "$BATS_TEST_DIRNAME/../../../../.." && pwd)  # results/cli/src/test/bats
  WORK=$(mktemp -d)
  mkdir -p "$WORK/bin"
  for tool in apt-get id; do ln -s "$BATS_TEST_DIRNAME/stubs/stub" "$WORK/bin/$tool"; done
  export PATH="$WORK/bin:/usr/bin:/bin"
  export STUB_LOG=$WORK/calls.log
  : > "$STUB_LOG"
  INSTALL=$ROOT/results/shell/install-debian.sh
}

teardown() {
  rm -rf "$WORK"
}

apt_calls() {
  grep '^apt-get' "$STUB_LOG" || true
}

@test "as root it updates the package lists, then installs exactly the packages asked for" {
  run "$INSTALL" --for "pixelforge bench http" gunicorn python3-flask
  [ "$status" -eq 0 ]
  [ "$output" = "installing gunicorn python3-flask (Debian) for pixelforge bench http ..." ]
  [ "$(apt_calls)" = "$(printf '%s\n' 'apt-get update -qq' 'apt-get install -y -qq gunicorn python3-flask')" ]
}

@test "as anyone else it installs nothing and says what to run" {
  STUB_UID=1000 run "$INSTALL" --for "the Pillow peer" python3-pil
  [ "$status" -eq 1 ]
  [ "$output" = "the Pillow peer needs Debian's python3-pil: sudo apt-get install -y python3-pil" ]
  [ -z "$(apt_calls)" ]
}

@test "without apt-get it says what to install" {
  # A PATH with what the script and the id stub run, and no apt-get at all (this machine has a real one).
  mkdir -p "$WORK/noapt"
  for tool in bash basename; do ln -s "$(command -v "$tool")" "$WORK/noapt/$tool"; done
  ln -s "$BATS_TEST_DIRNAME/stubs/stub" "$WORK/noapt/id"
  PATH="$WORK/noapt" run "$INSTALL" curl
  [ "$status" -eq 1 ]
  [ "$output" = "pixelforge needs Debian's curl: sudo apt-get install -y curl" ]
}

@test "an apt-get that fails is reported, with what to install by hand" {
  STUB_FAIL="apt-get install" run "$INSTALL" --for CI bats
  [ "$status" -eq 1 ]
  [ "${lines[1]}" = "CI: apt-get could not install bats: install them yourself (sudo apt-get install -y bats)" ]
}

@test "bad usage exits 2 and runs nothing" {
  run "$INSTALL"
  [ "$status" -eq 2 ]
  [ "$output" = "usage: install-debian.sh [--for WHO] PACKAGE..." ]
  run "$INSTALL" --for
  [ "$status" -eq 2 ]
  [ "$output" = "install-debian.sh: --for takes a name, e.g. --for 'pixelforge bench http'" ]
  run "$INSTALL" 'curl; rm -rf /'
  [ "$status" -eq 2 ]
  [ "$output" = "install-debian.sh: not a Debian package name: 'curl; rm -rf /'" ]
  [ -z "$(apt_calls)" ]
}
