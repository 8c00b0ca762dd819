#!/bin/sh
# Developer tool: the hedge filter's cross-validated F1 at several fold counts and
# their mean (a single fold count moves by about ±0.008; docs/accuracy.md, "How it is measured").
#     scripts/hedge_cv.sh [--bin target/release/sayso] [--folds "3 4 5 6 10"] [ARGS...]
# ARGS go to `sayso train hedges --dry-run` (for example `--grammar DIR` to try
# candidate rules without a rebuild). Run from the repository root.
bin=target/release/sayso
folds="3 4 5 6 10"
while [ $# -gt 0 ]; do
    case "$1" in
        --bin) bin=$2; shift 2 ;;
        --folds) folds=$2; shift 2 ;;
        *) break ;;
    esac
done
for f in $folds; do
    "$bin" train hedges --dry-run --folds "$f" "$@" | grep 'cross-validated' |
        sed "s/.*P \([0-9.]*\) .*F1 \([0-9.]*\).*/$f \2 \1/"
done | awk '{ printf "%s folds: F1 %s (P %s)\n", $1, $2, $3; s += $2; n++ }
    END { if (n) printf "mean over %d fold counts: F1 %.4f\n", n, s / n }'
