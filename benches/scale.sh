#!/usr/bin/env bash
# Throughput of paracheck as a pipeline stage on 100,000 generated pairs (JSONL):
# one process (all cores, and one thread), two shards side by side plus merge, and
# Apache Spark in local mode with 2 workers piping partitions through paracheck
# (examples/spark/paracheck_spark.py). Checks that the shards and Spark give the
# single run's findings byte for byte. Figures: docs/scale.md.
#
#   benches/scale.sh [PAIRS=100000] [OUTDIR=/tmp/paracheck-scale]
#
# Needs ../shared/bench/make_big.py (reference material beside the project) and, for
# the Spark row, python3 with pyspark and Java 17.
set -euo pipefail
cd "$(dirname "$0")/.."
PAIRS="${1:-100000}"
OUT="${2:-/tmp/paracheck-scale}"
SHARED="../shared/bench"
if [[ ! -f "$SHARED/make_big.py" ]]; then
  echo "skipping: $SHARED/make_big.py is not beside the project" >&2
  exit 0
fi
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
[[ -f "$OUT/big.tsv" ]] || python3 "$SHARED/make_big.py" "$PAIRS" "$OUT/big.tsv" >/dev/null
[[ -f "$OUT/big.jsonl" ]] || python3 - "$OUT/big.tsv" "$OUT/big.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], encoding="utf-8") as f, open(sys.argv[2], "w", encoding="utf-8") as o:
    for i, line in enumerate(f):
        source, target = line.rstrip("\n").split("\t")[:2]
        o.write(json.dumps({"id": str(i), "source": source, "target": target}, ensure_ascii=False) + "\n")
PY
N=$(grep -c . "$OUT/big.jsonl")
cargo build --release --quiet
BIN="$(pwd)/target/release/paracheck"
OPTS=(--isolated --source-lang en --target-lang zh)
secs() { awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$1"; }
rss()  { awk -F': ' '/Maximum resident set size/{printf "%.0f", $2/1024}' "$1"; }
row()  { printf "%s\t%s\t%.1f\t%.0f\t%s\n" "$1" "$N" "$2" "$(echo "$N/$2" | bc -l)" "$3"; }
echo "commit $(git rev-parse --short HEAD), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf "run\tpairs\tseconds\tpairs_per_s\tmax_rss_MiB\n"
cd "$OUT"
for jobs in 2 1; do
  /usr/bin/time -v -o "time.$jobs.txt" "$BIN" check big.jsonl "${OPTS[@]}" --quiet --fail-on never \
    -f jsonl --jobs "$jobs" -o "single.$jobs.jsonl"
  row "one process, --jobs $jobs, jsonl (streamed)" "$(secs "time.$jobs.txt")" "$(rss "time.$jobs.txt")"
done
/usr/bin/time -v -o time.json.txt "$BIN" check big.jsonl "${OPTS[@]}" --quiet --fail-on never -f json -o single.json
row "one process, --jobs 2, json (kept)" "$(secs time.json.txt)" "$(rss time.json.txt)"
cmp -s single.1.jsonl single.2.jsonl && echo "  --jobs 1 and 2: identical"
start=$(date +%s.%N)
for k in 1 2; do
  "$BIN" check big.jsonl "${OPTS[@]}" --quiet --fail-on never -f json --jobs 1 --shard "$k/2" -o "shard.$k.json" &
done
wait
"$BIN" merge --fail-on never shard.1.json shard.2.json -o merged.json
row "2 shards side by side (--jobs 1 each) + merge" "$(echo "$(date +%s.%N) - $start" | bc -l)" "-"
cmp -s merged.json single.json && echo "  merged shards = one run: identical"
if python3 -c 'import pyspark' 2>/dev/null && command -v java >/dev/null; then
  start=$(date +%s.%N)
  python3 "$OLDPWD/examples/spark/paracheck_spark.py" big.jsonl spark.jsonl --master 'local[2]' \
    --partitions 8 --paracheck "$BIN" -- "${OPTS[@]}" 2> spark.stderr
  total=$(echo "$(date +%s.%N) - $start" | bc -l)
  row "Spark local[2], 8 partitions, rdd.pipe (with JVM start)" "$total" "-"
  job=$(sed -n 's/.*findings, \([0-9.]*\) s after Spark started.*/\1/p' spark.stderr)
  [[ -n "$job" ]] && row "Spark local[2], the job alone" "$job" "-"
  cmp -s spark.jsonl single.2.jsonl && echo "  Spark = one run: identical"
else
  echo "skipping Spark: needs python3 with pyspark and java" >&2
fi
echo "load at the end $(cut -d' ' -f1-3 /proc/loadavg)"
