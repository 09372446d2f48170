#!/usr/bin/env bash
# Seeds the fuzz corpora (fuzz/corpus/TARGET/) from the project's fixtures.
# Run from anywhere: fuzz/seed.sh. Existing corpus files are kept.
set -euo pipefail
cd "$(dirname "$0")"
F=../fixtures
c() { mkdir -p "corpus/$1"; }
put() { # put TARGET NAME < data
    c "$1"
    cat > "corpus/$1/$2"
}

# Readers: every fixture of the format, good and bad.
for t in read_text read_tsv read_csv read_jsonl read_parallel config glossary tbx baseline \
         read_tmx read_xliff extract_en extract_zh check_pair; do c "$t"; done
for f in $F/*.md $F/bad/short.*.txt $F/formats/parallel.*.txt; do
    cp "$f" "corpus/read_text/$(basename "$f")"
done
for f in $F/*/*.tsv; do cp "$f" "corpus/read_tsv/$(echo "${f#$F/}" | tr / _)"; done
for f in $F/*/*.csv; do cp "$f" "corpus/read_csv/$(echo "${f#$F/}" | tr / _)"; done
for f in $F/*/*.tmx; do cp "$f" "corpus/read_tmx/$(echo "${f#$F/}" | tr / _)"; done
for f in $F/*/*.xlf $F/*/*.xliff; do cp "$f" "corpus/read_xliff/$(echo "${f#$F/}" | tr / _)"; done
for f in $F/*/*.jsonl; do cp "$f" "corpus/read_jsonl/$(echo "${f#$F/}" | tr / _)"; done
# Two parallel files: the source, a NUL byte, the target.
{ cat $F/formats/parallel.en.txt; printf '\0'; cat $F/formats/parallel.zh.txt; } \
    | put read_parallel parallel
{ cat $F/bad/short.en.txt; printf '\0'; cat $F/bad/short.zh.txt; } | put read_parallel short

# Glossaries: the first byte picks the delimiter (even: comma, odd: tab).
{ printf ','; cat $F/glossary/terms.csv; } | put glossary terms.csv
{ printf '\t'; cat $F/glossary/terms.tsv; } | put glossary terms.tsv
cp $F/glossary/terms.tbx corpus/tbx/terms.tbx

# Configuration files: every key, and the tables.
put config all.toml <<'TOML'
source-lang = "en"
target-lang = "zh"
fail-on = "warning"
max-findings = 3
date-order = "dmy"
select = ["N", "D001", "entity-missing"]
ignore = ["E004"]
glossary = ["terms.tsv"]
format = "html"
html-all-pairs = true
html-max-findings = 200
baseline = "baseline.json"

[rules]
N002 = "error"
D001 = "off"

[ignore-patterns]
pair-id = ["^draft-"]
text = ["Share this page"]
fingerprint = ["3f4c356403e539bb"]

[jsonl]
source = "en"
target = "zh"

[limits]
max-line-bytes = "64 MiB"
max-file-bytes = 1073741824
max-pair-bytes = "16MiB"
max-pair-findings = 1000
TOML
put config pyproject.toml <<'TOML'
[project]
name = "x"

[tool.paracheck]
fail-on = "never"
TOML

put baseline baseline.json <<'JSON'
{
  "paracheck": {
    "baseline": 1
  },
  "findings": [
    {
      "fingerprint": "3f4c356403e539bb",
      "code": "N001",
      "file": "fixtures/policy-brief-slips.md",
      "message": "source \"89.4 billion U.S. dollars\" (89400000000 USD) ≠ target \"89.4亿美元\" (8940000000 USD)"
    }
  ]
}
JSON

# Extractors: each side of every fixture pair; the check: both sides as one input
# (a direction byte, the source, a NUL byte, the target).
n=0
for f in $F/numbers/*.tsv $F/dates/*.tsv $F/entities/*.tsv $F/glossary/pairs.tsv \
         $F/report/hostile.tsv; do
    case "$f" in *zh-en*) dir=1 ;; *) dir=0 ;; esac
    tail -n +2 "$f" | while IFS=$'\t' read -r id src tgt; do
        n=$((n + 1))
        key="$(basename "$f" .tsv)-$(printf '%s' "$id" | tr -c 'A-Za-z0-9_-' _)"
        if [ "$dir" = 1 ]; then
            printf '%s' "$src" > "corpus/extract_zh/$key.src"
            printf '%s' "$tgt" > "corpus/extract_en/$key.tgt"
        else
            printf '%s' "$src" > "corpus/extract_en/$key.src"
            printf '%s' "$tgt" > "corpus/extract_zh/$key.tgt"
        fi
        { printf "\\x0$dir"; printf '%s' "$src"; printf '\0'; printf '%s' "$tgt"; } \
            > "corpus/check_pair/$key"
    done
done
for t in corpus/*; do echo "$(ls "$t" | wc -l) seeds in $t"; done
