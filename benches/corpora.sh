#!/usr/bin/env bash
# False alarms on clean human translations: runs paracheck over the English–Chinese
# corpora in ../shared/corpora and prints, per corpus, the share of pairs with a
# warning or error, by category, and the count of each rule.
#
#   benches/corpora.sh [OUTDIR=/tmp/paracheck-corpora]
#   BIN=/other/paracheck benches/corpora.sh OUTDIR   # another build (not rebuilt)
#
# The reports stay in OUTDIR (`<corpus>.json`, with the input `<corpus>.tsv`) for
# reading the findings by hand. Needs python3; skips when ../shared is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${1:-/tmp/paracheck-corpora}"
C="../shared/corpora"
if [[ ! -d "$C" ]]; then
  echo "skipping: $C is not beside the project" >&2
  exit 0
fi
mkdir -p "$OUT"
if [[ -z "${BIN:-}" ]]; then
  cargo build --release --quiet
  BIN=target/release/paracheck
fi
# name  source file  target file  (or a tatoeba line: english<TAB>chinese<TAB>attribution)
# NTREX ships with CRLF line ends: strip the CRs, or each pair would hold one.
paste <(tr -d '\r' < "$C/ntrex/newstest2019-src.eng.txt") <(tr -d '\r' < "$C/ntrex/newstest2019-ref.zho-CN.txt") > "$OUT/ntrex.tsv"
paste "$C/wmt22/generaltest2022.en-zh.src.en" "$C/wmt22/generaltest2022.en-zh.ref.A.zh" > "$OUT/wmt22-en-zh.tsv"
paste "$C/wmt22/generaltest2022.zh-en.src.zh" "$C/wmt22/generaltest2022.zh-en.ref.A.en" > "$OUT/wmt22-zh-en.tsv"
paste "$C/wmt23/generaltest2023.en-zh.src.en" "$C/wmt23/generaltest2023.en-zh.ref.refA.zh" > "$OUT/wmt23-en-zh.tsv"
paste "$C/wmt23/generaltest2023.zh-en.src.zh" "$C/wmt23/generaltest2023.zh-en.ref.refA.en" > "$OUT/wmt23-zh-en.tsv"
cut -f1,2 "$C/tatoeba/cmn-eng.manythings.txt" > "$OUT/tatoeba.tsv"
for name in ntrex wmt22-en-zh wmt22-zh-en wmt23-en-zh wmt23-zh-en tatoeba; do
  "$BIN" check --quiet --format json --fail-on never \
    -o "$OUT/$name.json" "$OUT/$name.tsv"
done
python3 - "$OUT" <<'EOF'
import collections, json, sys
out = sys.argv[1]
print("corpus\tpairs\tflagged\tnumber\tdate\tentity\tentity_error\textra_note\trules")
for name in ["ntrex", "wmt22-en-zh", "wmt22-zh-en", "wmt23-en-zh", "wmt23-zh-en", "tatoeba"]:
    d = json.load(open(f"{out}/{name}.json"))
    n = d["summary"]["pairs"]
    fs = [f for f in d["findings"] if f["category"] != "alignment"]
    loud = [f for f in fs if f["severity"] in ("error", "warning")]
    pct = lambda s: f"{100 * len(s) / n:.2f}%"
    cat = lambda c: pct({f["pair_index"] for f in loud if f["category"] == c})
    err = pct({f["pair_index"] for f in loud if f["category"] == "entity" and f["severity"] == "error"})
    note = pct({f["pair_index"] for f in fs if f["code"] == "E003"})
    rules = collections.Counter(f["code"] for f in fs)
    print(f"{name}\t{n}\t{pct({f['pair_index'] for f in loud})}\t{cat('number')}\t{cat('date')}"
          f"\t{cat('entity')}\t{err}\t{note}\t" + " ".join(f"{k}={v}" for k, v in sorted(rules.items())))
EOF
