#!/usr/bin/env bash
# The alignment rules measured: (1) false alarms of A002–A008 on the clean corpora
# of ../shared/corpora (share of pairs per rule), (2) the seed article with each
# Chinese paragraph deleted in turn: how often the report is one A006 at the
# deleted paragraph and nothing else but the empty last target (docs/measurements.md).
#
#   benches/alignment.sh [OUTDIR=/tmp/paracheck-alignment]
#
# Needs python3; skips what needs ../shared when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${1:-/tmp/paracheck-alignment}"
mkdir -p "$OUT"
cargo build --release --quiet
if [[ ! -d ../shared/corpora ]]; then
  echo "skipping: ../shared is not beside the project" >&2
  exit 0
fi
bash benches/corpora.sh "$OUT/corpora" > /dev/null
python3 - "$OUT" <<'PY'
import collections, json, subprocess, sys
out = sys.argv[1]
print("corpus\tpairs\t" + "\t".join(f"A00{i}" for i in range(2, 9)))
for name in ["ntrex", "wmt22-en-zh", "wmt22-zh-en", "wmt23-en-zh", "wmt23-zh-en", "tatoeba"]:
    d = json.load(open(f"{out}/corpora/{name}.json"))
    n = d["summary"]["pairs"]
    c = collections.Counter(f["code"] for f in d["findings"])
    print(f"{name}\t{n}\t" + "\t".join(f"{100 * c[f'A00{i}'] / n:.2f}%" for i in range(2, 9)))
rows = [l.rstrip("\n").split("\t") for l in open("../shared/seed/seed_pairs.tsv")]
en, zh = [r[0] for r in rows], [r[1] for r in rows]
exact = near = 0
for k in range(len(zh) - 1):
    z = zh[:k] + zh[k + 1:] + [""]
    p = f"{out}/seed-{k}.tsv"
    open(p, "w").write("".join(f"{a}\t{b}\n" for a, b in zip(en, z)))
    r = subprocess.run(["target/release/paracheck", "check", p, "--isolated", "-f", "json",
                        "--fail-on", "never"], capture_output=True, text=True)
    f = [(x["code"], x["pair_index"]) for x in json.loads(r.stdout)["findings"]]
    shifts = [i for c, i in f if c == "A006"]
    if f and f[0] == ("A006", k) and all(c == "A002" for c, _ in f[1:]):
        exact += 1
    elif shifts and abs(shifts[0] - k) <= 2:
        near += 1
    else:
        print(f"seed paragraph {k} deleted: {f}")
n = len(zh) - 1
print(f"seed, one Chinese paragraph deleted: {exact}/{n} one A006 at the paragraph and nothing else, "
      f"{near}/{n} an A006 within two pairs with a few findings left, {n - exact - near}/{n} missed")
PY
