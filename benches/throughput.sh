#!/usr/bin/env bash
# Whole-corpus throughput and recall of paracheck on a large generated corpus, and
# optionally of the peer tools on the same input in the same run.
#
#   benches/throughput.sh [PAIRS=100000] [OUTDIR=/tmp/paracheck-bench]
#   PEERS=1 benches/throughput.sh     # also time pofilter and OpusFilter (needs
#                                     # ../shared/bench/setup_peers.sh once)
#
# Needs ../shared/bench/make_big.py (reference material beside the project).
set -euo pipefail
cd "$(dirname "$0")/.."
PAIRS="${1:-100000}"
OUT="${2:-/tmp/paracheck-bench}"
SHARED="../shared/bench"
if [[ ! -f "$SHARED/make_big.py" ]]; then
  echo "skipping: $SHARED/make_big.py is not beside the project" >&2
  exit 0
fi
mkdir -p "$OUT"
BIG="$OUT/big.tsv"
[[ -f "$BIG" && -f "$OUT/big.labels.tsv" ]] || python3 "$SHARED/make_big.py" "$PAIRS" "$BIG"
N=$(wc -l < "$BIG")
cargo build --release --quiet
secs() { awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$1"; }
rss()  { awk -F': ' '/Maximum resident set size/{printf "%.0f", $2/1024}' "$1"; }
printf "tool\tthreads\tpairs\tseconds\tpairs_per_s\tmax_rss_MiB\n"
for threads in 1 2; do
  /usr/bin/time -v -o "$OUT/time.$threads.txt" target/release/paracheck check --quiet \
    --format json --fail-on never -j "$threads" -o "$OUT/report.$threads.json" "$BIG"
  t=$(secs "$OUT/time.$threads.txt")
  printf "paracheck\t%s\t%s\t%s\t%.0f\t%s\n" "$threads" "$N" "$t" "$(echo "$N/$t" | bc -l)" "$(rss "$OUT/time.$threads.txt")"
done
cmp -s "$OUT/report.1.json" "$OUT/report.2.json" && echo "reports identical for 1 and 2 threads"
python3 benches/score_labels.py "$OUT/big.labels.tsv" "$OUT/report.2.json"
if [[ "${PEERS:-0}" == 1 ]]; then
  "$SHARED/bench_throughput.sh" "$BIG" "$OUT/peers" 1
fi
