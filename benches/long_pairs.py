#!/usr/bin/env python3
"""One long source/target pair, for measuring how the engine's cost grows with the
length of a pair (docs/performance.md).

    benches/long_pairs.py KIND KB OUT.tsv

KIND is one of
  prose     the seed article's paragraph pairs joined into one pair (needs
            ../shared/seed/seed_pairs.tsv), repeated to the size
  numbers   English `1,234 and ` against Chinese `1,234和`, values varying
  numerals  English digits against Chinese numerals (`一千二百三十四`)
  dates     `March 3, 2020, ` against `2020年3月3日，`
  names     country and capital names, English against Chinese
KB is the size of the English side in kilobytes (the Chinese side follows).
Values repeat in a cycle of eight, as facts repeat in real text (this is also the
worst case for matching mentions across a pair). The pair is a correct translation: paracheck should find nothing, or next to
nothing, in it; what is measured is the work.
"""
import os, sys

MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]
NAMES = [("Russia", "俄罗斯"), ("Kazakhstan", "哈萨克斯坦"), ("Brazil", "巴西"),
         ("Moscow", "莫斯科"), ("Japan", "日本"), ("Egypt", "埃及"), ("Paris", "巴黎"),
         ("Uzbekistan", "乌兹别克斯坦"), ("Germany", "德国"), ("Canada", "加拿大"),
         ("Beijing", "北京"), ("Vietnam", "越南"), ("Kenya", "肯尼亚"), ("Chile", "智利")]
DIGITS = "零一二三四五六七八九"


def zh_numeral(n):
    """A positive integer below 10,000 in Chinese numerals."""
    out, zero = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // value % 10
        if d:
            if zero:
                out += "零"
            out += DIGITS[d] + unit
            zero = False
        elif out:
            zero = True
    return out


def pieces(kind):
    i = 0
    if kind == "prose":
        here = os.path.dirname(os.path.abspath(__file__))
        path = os.path.join(here, "..", "..", "shared", "seed", "seed_pairs.tsv")
        rows = [l.rstrip("\n").split("\t") for l in open(path, encoding="utf-8") if "\t" in l]
        while True:
            for en, zh in rows:
                yield en + " ", zh
    while True:
        i += 1
        if kind == "numbers":
            n = 1000 + (i % 8 * 7919) % 9000
            yield f"{n:,} and ", f"{n:,}和"
        elif kind == "numerals":
            n = 1 + (i % 8 * 7919) % 9999
            yield f"{n:,} and ", zh_numeral(n) + "和"
        elif kind == "dates":
            y, m, d = 1990 + i % 8, 1 + i % 8, 1 + i % 8
            yield f"{MONTHS[m - 1]} {d}, {y}, ", f"{y}年{m}月{d}日，"
        elif kind == "names":
            en, zh = NAMES[i % len(NAMES)]
            yield f"{en}, ", zh + "、"
        else:
            sys.exit(f"unknown kind {kind}")


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    kind, kb, out = sys.argv[1], float(sys.argv[2]), sys.argv[3]
    want = int(kb * 1024)
    en, zh, size = [], [], 0
    for e, z in pieces(kind):
        if size >= want:
            break
        en.append(e)
        zh.append(z)
        size += len(e.encode())
    with open(out, "w", encoding="utf-8") as f:
        f.write("".join(en).strip() + "\t" + "".join(zh) + "\n")


if __name__ == "__main__":
    main()
