#!/usr/bin/env bash
# Runs the fuzz targets one after the other, one process each (they share the
# machine): fuzz/run.sh [SECONDS] [TARGET[:SECONDS]...]. Default: 600 seconds each,
# every target. The targets are built once, first; then each binary runs for its
# time. Crashes, timeouts and out-of-memory inputs go to fuzz/artifacts/TARGET/;
# the log of each run to fuzz/logs/TARGET.log, a summary line to fuzz/logs/runs.txt.
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
nice -n 10 cargo +nightly fuzz build -O >logs/build.log 2>&1 || { cat logs/build.log; exit 2; }
bin=target/x86_64-unknown-linux-gnu/release
# The per-thread pinyin cache (lang::zh::names::readings_of) leaks its entries on
# purpose, one per Han character a thread sees (bounded); LeakSanitizer would report
# that as a crash at the end of every run. The -fork children check leaks at exit
# by this setting, not by libFuzzer's -detect_leaks.
export ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
for spec in "${targets[@]}"; do
    t=${spec%%:*}
    s=$secs
    [ "$spec" != "$t" ] && s=${spec#*:}
    mkdir -p "corpus/$t" "artifacts/$t"
    echo "== $t: ${s}s" >&2
    start=$(date -u +%FT%TZ)
    # -timeout: an input that takes more than 10 s is a hang; -rss_limit_mb: more
    # than 2 GB is a blow-up; the dictionary holds the tokens that matter.
    # -fork=1 with -ignore_*: a crash is saved and the run goes on (one job).
    nice -n 10 "$bin/$t" -artifact_prefix="artifacts/$t/" \
        -max_total_time="$s" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
        -dict=paracheck.dict -detect_leaks=0 \
        -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
        ${FUZZ_FLAGS:-} "corpus/$t" >"logs/$t.log" 2>&1
    rc=$?
    last=$(grep -E '^#[0-9]+:' "logs/$t.log" | tail -1)
    line="$start $t ${s}s exit $rc: $last; artifacts: $(ls "artifacts/$t" | wc -l)"
    echo "   $line" >&2
    echo "$line" >>logs/runs.txt
done
