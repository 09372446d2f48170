#!/usr/bin/env python3
"""Scores a paracheck JSON report against the labels written by
../shared/bench/make_big.py: per perturbation kind, how many pairs were flagged
with a number or date finding (warning or error).

Usage: score_labels.py LABELS.tsv REPORT.json
"""
import collections, csv, json, sys

labels = list(csv.DictReader(open(sys.argv[1], encoding='utf-8', newline=''), delimiter='\t', quoting=csv.QUOTE_NONE))
report = json.load(open(sys.argv[2], encoding='utf-8'))
flagged = {f['pair_index'] for f in report['findings']
           if f['category'] in ('number', 'date') and f['severity'] in ('error', 'warning')}
tot, hit = collections.Counter(), collections.Counter()
for l in labels:
    k = (l['kind'], l['expected'])
    tot[k] += 1
    hit[k] += int(l['idx']) in flagged
print('kind\texpected\tpairs\tflagged\trate')
for k in sorted(tot):
    print(f'{k[0]}\t{k[1]}\t{tot[k]}\t{hit[k]}\t{hit[k] / tot[k]:.3f}')
err = [k for k in tot if k[1] == 'error']
ok = [k for k in tot if k[1] != 'error']
print(f'recall on injected errors: {sum(hit[k] for k in err) / max(1, sum(tot[k] for k in err)):.3f}; '
      f'flagged among ok/benign pairs: {sum(hit[k] for k in ok) / max(1, sum(tot[k] for k in ok)):.3f}')
