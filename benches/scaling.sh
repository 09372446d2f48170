#!/usr/bin/env bash
# How the cost of one pair grows with its length: single long pairs of prose
# (the seed article's paragraphs joined, needs ../shared) and of text dense in
# numbers, Chinese numerals, dates and names (benches/long_pairs.py), from 1 KB to
# 4 MB per side, each checked alone with one thread. Prints CPU seconds, µs per KB
# and peak RSS; linear time shows as a flat µs/KB column (docs/performance.md).
#
#   benches/scaling.sh [OUTDIR=/tmp/paracheck-scaling] [SIZES="1 4 16 64 256 1024 4096"]
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${1:-/tmp/paracheck-scaling}"
SIZES="${SIZES:-1 4 16 64 256 1024 4096}"
BIN="${BIN:-target/release/paracheck}"
mkdir -p "$OUT"
[[ -n "${BIN_GIVEN:-}" ]] || cargo build --release --quiet
KINDS="numbers numerals dates names"
[[ -f ../shared/seed/seed_pairs.tsv ]] && KINDS="prose $KINDS" || echo "skipping prose: ../shared is absent" >&2
printf "kind\tKB\tseconds\tus_per_KB\tmax_rss_MiB\tfindings\n"
for kind in $KINDS; do
  for kb in $SIZES; do
    f="$OUT/$kind-$kb.tsv"
    [[ -f "$f" ]] || python3 benches/long_pairs.py "$kind" "$kb" "$f"
    /usr/bin/time -f "%U %S %M" -o "$OUT/time.txt" "$BIN" check --isolated --quiet \
      --format json --fail-on never -j 1 -o "$OUT/report.json" "$f"
    read -r user sys rss < "$OUT/time.txt"
    n=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['findings']))" "$OUT/report.json")
    awk -v k="$kind" -v kb="$kb" -v u="$user" -v s="$sys" -v r="$rss" -v n="$n" \
      'BEGIN { t = u + s; printf "%s\t%d\t%.2f\t%.1f\t%.0f\t%d\n", k, kb, t, t * 1e6 / kb, r / 1024, n }'
  done
done
