#!/usr/bin/env bash
# Whole-binary benchmark for `sayso score`.
#
# Builds a generated corpus from the project's own corpus/ text (paragraphs
# repeated and shuffled, seeded, into many ~10 KB files) under
# target/bench-corpus/, then times `sayso score --format jsonl` with --jobs 1
# and --jobs 2 and measures peak RSS with GNU time (/usr/bin/time -v).
# A second, half-size corpus shows whether RSS grows with corpus size.
#
# usage: scripts/bench.sh [MB (default 200)] [FILE_KB (default 10)]
# Needs: cargo, python3, GNU time (apt-get install -y time).
set -euo pipefail
cd "$(dirname "$0")/.."

MB=${1:-200}
KB=${2:-10}
HALF=$((MB / 2))
BIN=target/release/sayso
OUT=target/bench-corpus

if [ ! -x /usr/bin/time ]; then
  echo "bench.sh: GNU time is missing: apt-get install -y time" >&2
  exit 2
fi
cargo build --release --quiet

gen() { # gen SIZE_MB DIR
  local size=$1 dir=$2
  if [ -f "$dir/.done-$size-$KB" ]; then return; fi
  rm -rf "$dir"; mkdir -p "$dir"
  python3 - "$size" "$KB" "$dir" <<'PY'
import os, random, re, sys, html
size_mb, kb, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
paras = []
for name in sorted(os.listdir("corpus")):
    raw = open(os.path.join("corpus", name), encoding="utf-8").read()
    if name.endswith((".html", ".htm")):
        raw = re.sub(r"<(h\d|p|li|title)[^>]*>", "\n\n", raw)
        raw = html.unescape(re.sub(r"<[^>]+>", "", raw))
    for p in re.split(r"\n\s*\n", raw):
        p = p.strip()
        if len(p) > 40:
            paras.append(p)
if not paras:
    sys.exit("bench.sh: corpus/ has no text to build from")
rng = random.Random(42)
target, total, i = size_mb * 1_000_000, 0, 0
while total < target:
    body, n = [], 0
    while n < kb * 1000:
        p = rng.choice(paras); body.append(p); n += len(p) + 2
    sub = os.path.join(out, f"d{i // 1000:03d}")
    os.makedirs(sub, exist_ok=True)
    if i % 10 == 9:
        data = "<html><body>\n" + "\n".join(f"<p>{html.escape(p)}</p>" for p in body) + "\n</body></html>\n"
        path = os.path.join(sub, f"a{i:06d}.html")
    elif i % 10 == 8:
        data = "# " + body[0][:60] + "\n\n" + "\n\n".join(body) + "\n"
        path = os.path.join(sub, f"a{i:06d}.md")
    else:
        data = "\n\n".join(body) + "\n"
        path = os.path.join(sub, f"a{i:06d}.txt")
    b = data.encode("utf-8")
    open(path, "wb").write(b)
    total += len(b); i += 1
print(f"generated {i} files, {total / 1e6:.1f} MB in {out}", file=sys.stderr)
PY
  touch "$dir/.done-$size-$KB"
}

gen "$MB" "$OUT/c$MB"
gen "$HALF" "$OUT/c$HALF"

bytes() { find "$1" -type f ! -name '.done-*' -printf '%s\n' | awk '{s+=$1} END {print s}'; }
files() { find "$1" -type f ! -name '.done-*' | wc -l; }

# the machine-wide CPU counters: "total steal" in clock ticks. On a VM, steal is time the
# hypervisor gave this machine's cores to someone else; a run with much of it is slower
# for reasons outside sayso, so each row says how much there was.
cpu_ticks() { awk '/^cpu / {t=0; for (i=2; i<=NF; i++) t+=$i; print t, $9}' /proc/stat; }

run() { # run DIR JOBS
  local dir=$1 jobs=$2 log
  log=$(mktemp)
  local before after
  before=$(cpu_ticks)
  /usr/bin/time -v "$BIN" score --format jsonl --jobs "$jobs" -q "$dir" >/dev/null 2>"$log" || true
  after=$(cpu_ticks)
  local steal
  steal=$(echo "$before $after" | awk '{d=$3-$1; printf "%.0f", (d > 0 ? 100*($4-$2)/d : 0)}')
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
  local cpu
  cpu=$(awk -F': ' '/User time|System time/ {s+=$2} END {print s}' "$log")
  local secs
  secs=$(python3 -c "p='$wall'.split(':'); print(sum(float(x)*60**i for i,x in enumerate(reversed(p))))")
  local b
  b=$(bytes "$dir")
  python3 -c "b=$b; s=$secs; print(f'| {\"$dir\":<24} | {$(files "$dir"):>6} | {b/1e6:8.1f} | {$jobs:>4} | {s:8.2f} | {b/1e6/s:7.1f} | {$cpu:7.2f} | {b/1e6/$cpu:9.1f} | {$rss/1024:8.1f} | {$steal:>7} |')"
  rm -f "$log"
}

echo "load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo
echo "| corpus                   |  files |       MB | jobs |   wall s |    MB/s |   CPU s | MB/CPU-s | peak RSS MB | steal % |"
echo "|--------------------------|--------|----------|------|----------|---------|---------|----------|-------------|---------|"
run "$OUT/c$MB" 1
run "$OUT/c$MB" 2
run "$OUT/c$HALF" 1
run "$OUT/c$HALF" 2
