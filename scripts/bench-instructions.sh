#!/usr/bin/env bash
# Instructions per input byte of `sayso score --format jsonl --jobs 1`, counted by
# valgrind (callgrind). Unlike wall time, the count does not move with the
# neighbours' load on a shared machine, so it shows what a change to the code did.
# Start-up (grammar parse, automaton build) is measured on an empty file and
# subtracted.
#
# usage: scripts/bench-instructions.sh [DIR (default: the first 150 files of the
#        bench.sh corpus, ~1.5 MB)] [BIN (default target/release/sayso)]
# Needs: valgrind (apt-get install -y valgrind).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v valgrind >/dev/null; then
  echo "bench-instructions.sh: valgrind is missing: apt-get install -y valgrind" >&2
  exit 2
fi
BIN=${2:-target/release/sayso}
[ -n "${2:-}" ] || cargo build --release --quiet
DIR=${1:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ -z "$DIR" ]; then
  [ -d target/bench-corpus/c100/d000 ] || scripts/bench.sh 100 10 >/dev/null
  DIR=$tmp/sample
  mkdir -p "$DIR"
  find target/bench-corpus/c100/d000 -type f ! -name '.done-*' | sort | head -150 | xargs cp -t "$DIR"
fi
: >"$tmp/empty.txt"
count() { # count PATH: instructions of one run
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$BIN" score --format jsonl --jobs 1 -q "$1" 2>&1 >/dev/null |
    awk '/refs:/ {gsub(",", "", $NF); print $NF}'
}
all=$(count "$DIR")
startup=$(count "$tmp/empty.txt")
bytes=$(find "$DIR" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
python3 -c "a,s,b=$all,$startup,$bytes; print(f'{b/1e6:.2f} MB: {(a-s)/1e6:.0f} M instructions of work ({(a-s)/b:.0f} per byte), start-up {s/1e6:.0f} M')"
