#!/usr/bin/env bash
# Runs the fuzz targets one after the other, one process each (they share the
# machine): fuzz/run.sh [SECONDS] [TARGET...]. Default: 600 seconds each, every
# target. Crashes, timeouts and out-of-memory inputs go to fuzz/artifacts/TARGET/;
# the log of each run to fuzz/logs/TARGET.log.
set -uo pipefail
cd "$(dirname "$0")"
secs=${1:-600}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    mapfile -t targets < <(cargo +nightly fuzz list)
fi
[ -d corpus ] || ./seed.sh >/dev/null
mkdir -p logs
cargo +nightly fuzz build -O >/dev/null 2>&1 || cargo +nightly fuzz build -O
for t in "${targets[@]}"; do
    mkdir -p "corpus/$t" "artifacts/$t"
    echo "== $t: ${secs}s" >&2
    # -timeout: an input that takes more than 10 s is a hang; -rss_limit_mb: more
    # than 2 GB is a blow-up; the dictionary holds the tokens that matter.
    # -detect_leaks=0: the per-thread pinyin cache (lang::zh::names::readings_of)
    # leaks its entries on purpose, one per Han character a thread sees (bounded);
    # LeakSanitizer would report that as a crash on every input.
    cargo +nightly fuzz run -O "$t" -- \
        -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
        -dict=paracheck.dict -print_final_stats=1 -detect_leaks=0 \
        ${FUZZ_FLAGS:-} > "logs/$t.log" 2>&1
    echo "   exit $?: $(grep -E '^(stat::number_of_executed_units|SUMMARY|==.*ERROR)' "logs/$t.log" | tr '\n' ' ')" >&2
done
