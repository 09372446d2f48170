#!/usr/bin/env bash
# The engine's behaviour contract: JSON reports of every fixture, of the seed article
# and of the clean corpora, written into OUTDIR. Run it before and after a change to
# the engine and compare with `diff -r BEFORE AFTER`: the findings must stay
# byte-identical unless a difference is listed and justified as a fix.
#
#   benches/golden.sh OUTDIR [BIN=target/release/paracheck]
#
# Fixtures need nothing beside the project; the seed article, the dev set and the
# corpora come from ../shared and are skipped with a message when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${1:?usage: benches/golden.sh OUTDIR [BIN]}"
BIN="${2:-target/release/paracheck}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
[[ -x "$BIN" ]] || cargo build --release --quiet
BIN="$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")"
run() { # name, args...
  local name="$1"; shift
  "$BIN" check --quiet --isolated --format json --fail-on never -o "$OUT/$name.json" "$@" \
    2> "$OUT/$name.stderr" || echo "exit $? for $name" >> "$OUT/$name.stderr"
}
for f in fixtures/*.md fixtures/*/*.tsv fixtures/*/*.csv; do
  case "$f" in fixtures/bad/*|fixtures/glossary/terms.*) continue ;; esac
  run "fixture-$(echo "$f" | tr '/' '_')" "$f"
done
run fixture-parallel --source fixtures/formats/parallel.en.txt --target fixtures/formats/parallel.zh.txt
run fixture-glossary fixtures/glossary/pairs.tsv --glossary fixtures/glossary/terms.tsv \
  --glossary fixtures/glossary/terms.tbx
run fixture-brief-all-dmy fixtures/policy-brief-slips.md --date-order dmy
L="${TMPDIR:-/tmp}/paracheck-golden-long"; mkdir -p "$L"
for kind in numbers numerals dates names; do
  python3 benches/long_pairs.py "$kind" 16 "$L/long-$kind.tsv"
  (cd "$L" && run "long-$kind" "long-$kind.tsv")
done
S="../shared"
if [[ ! -d "$S" ]]; then
  echo "skipping the seed article, dev set and corpora: $S is absent" >&2
  exit 0
fi
run seed-article "$S/seed/000_a99887a930e7fcc5.txt"
run seed-pairs "$S/seed/seed_pairs.tsv"
python3 benches/long_pairs.py prose 64 "$L/long-prose.tsv"
(cd "$L" && run long-prose long-prose.tsv)
[[ -f "$L/big.tsv" ]] || python3 "$S/bench/make_big.py" 20000 "$L/big.tsv" >/dev/null
(cd "$L" && run big big.tsv)
C="$S/corpora"
# The corpora are pasted into a fixed folder and checked from there, so that the
# reports name the same relative files whatever OUTDIR is.
T="${TMPDIR:-/tmp}/paracheck-golden-inputs"; mkdir -p "$T"
paste "$C/ntrex/newstest2019-src.eng.txt" "$C/ntrex/newstest2019-ref.zho-CN.txt" > "$T/ntrex.tsv"
paste "$C/wmt22/generaltest2022.en-zh.src.en" "$C/wmt22/generaltest2022.en-zh.ref.A.zh" > "$T/wmt22-en-zh.tsv"
paste "$C/wmt22/generaltest2022.zh-en.src.zh" "$C/wmt22/generaltest2022.zh-en.ref.A.en" > "$T/wmt22-zh-en.tsv"
paste "$C/wmt23/generaltest2023.en-zh.src.en" "$C/wmt23/generaltest2023.en-zh.ref.refA.zh" > "$T/wmt23-en-zh.tsv"
paste "$C/wmt23/generaltest2023.zh-en.src.zh" "$C/wmt23/generaltest2023.zh-en.ref.refA.en" > "$T/wmt23-zh-en.tsv"
cut -f1,2 "$C/tatoeba/cmn-eng.manythings.txt" > "$T/tatoeba.tsv"
for s in "$C"/wmt23-zhen/system-outputs/*.txt; do
  paste "$C/wmt23-zhen/zh-en.src.txt" "$s" > "$T/mt-$(basename "$s" .txt).tsv"
done
cd "$T"
for f in *.tsv; do
  run "corpus-$(basename "$f" .tsv)" "$f"
done
