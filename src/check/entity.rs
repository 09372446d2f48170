//! The entity check: names in the source must have their counterpart in the
//! target, and must not be swapped for another name.
//!
//! A name is matched when the other side holds a name sharing one of its keys (a
//! gazetteer entity under any of its names, abbreviations, or a place standing for
//! its country), one of its names inside a longer name, the same Latin code
//! verbatim, or the same name transliterated (pinyin, or a phonetic comparison for
//! foreign names written in Chinese characters; for listed people and places, a
//! variant transliteration). A substitution needs evidence on both sides: a name
//! each side lacks, or a name one side lacks where the other names another entity
//! more often. Only names from the curated lists are reported as missing or extra;
//! names recognised less surely only match or show a substitution. How it works in
//! the user's terms: docs/entities.md.
//!
//! Cost: each side is indexed once (its keys, the counts of each entity, the words
//! and readings of its text, the text with the names the other side also names
//! masked out), and every question the check asks is a look-up, answered once per
//! distinct name. Language-specific look-ups live behind
//! [`crate::lang::NameIndex`] and [`crate::lang::LooseIndex`].

use super::Ctx;
use crate::check::codes::Rule;
use crate::extract::entity::{EntityType, EntityValue};
use crate::extract::{Mention, Strength};
use crate::gazetteer::{GENERIC_WORDS, Gazetteer};
use crate::lang::Language;
use crate::lang::{LooseIndex, NameIndex};
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::cell::{Cell, OnceCell, RefCell};

/// Types that can stand in for each other in a substitution.
fn group(t: EntityType) -> u8 {
    match t {
        EntityType::Country => 0,
        EntityType::Region | EntityType::Place => 1,
        EntityType::Person => 2,
        EntityType::Org => 3,
        EntityType::Event => 4,
        EntityType::Other => 5,
    }
}

/// One side of a pair, for matching names.
pub(crate) struct NameSide<'a> {
    pub lang: &'static dyn Language,
    pub text: &'a str,
    pub mentions: Vec<Mention<'a>>,
    /// Relative position of each mention (0..=1000).
    pub rel: Vec<i64>,
    /// For each character of the text: true when no recognised name covers it.
    free: Vec<bool>,
    loose: OnceCell<Vec<Vec<String>>>,
    index: OnceCell<Box<dyn NameIndex + 'a>>,
}

impl<'a> NameSide<'a> {
    pub fn new(
        lang: &'static dyn Language,
        text: &'a str,
        mentions: Vec<Mention<'a>>,
        rel: Vec<i64>,
    ) -> Self {
        let free = free_chars(
            text.as_bytes(),
            mentions.iter().map(|m| {
                // Names found by their form (`周海涛`) stay open to
                // transliteration: a foreign name may be written with a
                // surname's character (`马连科`).
                let by_form = m.entity().is_some_and(|e| e.source == "person");
                (m.start, m.end, by_form)
            }),
        );
        NameSide {
            lang,
            text,
            mentions,
            rel,
            free,
            loose: OnceCell::new(),
            index: OnceCell::new(),
        }
    }

    /// The keys of each one-character abbreviation in loose use outside
    /// recognised names (`脱欧`, `中餐`, `非裔` in Chinese): they count as naming
    /// the entity.
    fn loose_abbreviations(&self, gazetteer: &Gazetteer) -> &[Vec<String>] {
        self.loose.get_or_init(|| {
            self.lang
                .loose_abbreviations(self.text, &self.free, gazetteer)
        })
    }

    fn index(&self) -> &dyn NameIndex {
        self.index
            .get_or_init(|| self.lang.name_index(self.text, &self.free))
            .as_ref()
    }
}

/// For each character of a text (each byte that starts one): whether it is free,
/// outside every span of `spans` or inside one that leaves it free. The spans
/// `(start, end, leaves_free)` come sorted by start; a character belongs to the
/// first span not ended before it. Runs between span edges are filled at once.
fn free_chars(text: &[u8], spans: impl Iterator<Item = (usize, usize, bool)>) -> Vec<bool> {
    let starts = |r: &[u8]| r.iter().filter(|&&x| (x as i8) >= -64).count();
    let mut free = Vec::with_capacity(text.len());
    let mut spans = spans.peekable();
    let mut b = 0;
    while b < text.len() {
        while spans.next_if(|&(_, end, _)| end <= b).is_some() {}
        let Some(&(start, end, leaves_free)) = spans.peek() else {
            free.resize(free.len() + starts(&text[b..]), true);
            break;
        };
        let (stop, value) = if start > b {
            (start, true)
        } else {
            (end, leaves_free)
        };
        let stop = stop.min(text.len());
        free.resize(free.len() + starts(&text[b..stop]), value);
        b = stop;
    }
    free
}

/// The text with every character of the spans `hidden` replaced by U+FFFC, the
/// rest copied run by run. A character at byte `b` is hidden when the first span
/// (in the given order) not ended by `b` starts at or before it: the test
/// `masking_copies_runs_as_masking_characters_does` checks this against that
/// definition written per character.
fn mask_spans(text: &str, hidden: &[(usize, usize)]) -> String {
    // A span's ends as the characters see them: the next character boundary.
    let up = |x: usize| {
        let mut x = x.min(text.len());
        while !text.is_char_boundary(x) {
            x += 1;
        }
        x
    };
    let mut out = String::with_capacity(text.len());
    let (mut b, mut k) = (0, 0);
    while b < text.len() {
        while k < hidden.len() && up(hidden[k].1) <= b {
            k += 1;
        }
        let Some(&(s, e)) = hidden.get(k) else {
            out.push_str(&text[b..]);
            break;
        };
        let (s, e) = (up(s), up(e));
        if s <= b {
            // Hidden up to the span's end (`e > b`: the span is not ended).
            let n = text[b..e].chars().count();
            out.extend(std::iter::repeat_n('\u{FFFC}', n));
            b = e;
        } else {
            // Shown up to the span's start, or its end if it ends first.
            let next = s.min(e);
            out.push_str(&text[b..next]);
            b = next;
        }
    }
    out
}

/// The keys of a mention (none for a mention that is not a name).
fn keys<'m>(m: &'m Mention) -> &'m [String] {
    m.entity().map(|e| e.keys.as_slice()).unwrap_or(&[])
}

/// What [`Side::renders`] depends on: the written form, keys and source of a name.
type RenderKey<'s> = (&'s str, &'s [String], &'static str);

/// What the check asks of one side about the names of the other, indexed once.
struct Side<'s, 'a> {
    side: &'s NameSide<'a>,
    other: &'s NameSide<'a>,
    gazetteer: &'s Gazetteer,
    /// Every key this side states, including loose one-character abbreviations:
    /// absence must be sure before it is reported.
    presence: HashSet<&'s str>,
    /// For each key: the mentions of this side that have it.
    postings: HashMap<&'s str, Vec<usize>>,
    /// For each key: the loose abbreviations of this side that name it.
    loose_postings: HashMap<&'s str, Vec<usize>>,
    /// The regions and countries this side names, one per entity.
    lands: Vec<&'s EntityValue>,
    /// The text with the names of entities the other side also names blanked
    /// out: a name written inside them is theirs (`联合国` in `联合国安理会` when the
    /// other side has `UN Security Council`). Built on first use.
    masked: &'s OnceCell<String>,
    /// The patterns of this side's language found (as names) in `masked`.
    masked_names: OnceCell<HashSet<usize>>,
    loose_index: OnceCell<Box<dyn LooseIndex + 's>>,
    /// Answers of [`Side::renders`], per written form and entity.
    rendered: RefCell<HashMap<RenderKey<'s>, bool>>,
    /// How often this side names an entity of several keys, by its keys.
    counts: RefCell<HashMap<&'s [String], usize>>,
    /// Words of this side's Latin-script mentions (gathered when first asked for).
    words: OnceCell<HashSet<&'s str>>,
    /// The pair's budget of transliteration look-ups (shared by both sides).
    budget: &'s Cell<usize>,
}

impl<'s, 'a> Side<'s, 'a> {
    fn new(
        side: &'s NameSide<'a>,
        other: &'s NameSide<'a>,
        gazetteer: &'s Gazetteer,
        masked: &'s OnceCell<String>,
        budget: &'s Cell<usize>,
    ) -> Self {
        // Sized once for every key (the sets would otherwise grow and rehash a few
        // times per side).
        let n_keys: usize = side.mentions.iter().map(|m| keys(m).len()).sum();
        let mut presence: HashSet<&str> = HashSet::with_capacity(n_keys);
        let mut postings: HashMap<&str, Vec<usize>> = HashMap::with_capacity(n_keys);
        let mut lands: Vec<&EntityValue> = Vec::new();
        let mut seen_lands: HashSet<&str> = HashSet::new();
        // A name copied in Latin letters into a text of another script (`Kazakh`
        // left in a Chinese sentence) names the entity but is not counted as one
        // more mention of it: it repeats the other side's own.
        let copies = side.lang.code() != "en";
        for (i, m) in side.mentions.iter().enumerate() {
            // A name its context implies (`两岸`, Taiwan) shows the entity present
            // but is not one more naming of it: the counts compare explicit names.
            let implied = m.entity().is_some_and(|e| e.source == "context");
            for k in keys(m) {
                presence.insert(k.as_str());
                if !(implied || (copies && m.text.is_ascii())) {
                    postings.entry(k.as_str()).or_default().push(i);
                }
            }
            if let Some(e) = m.entity()
                && matches!(e.etype, EntityType::Region | EntityType::Country)
                && seen_lands.insert(e.key.as_str())
            {
                lands.push(e);
            }
        }
        let mut loose_postings: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, ks) in side.loose_abbreviations(gazetteer).iter().enumerate() {
            for k in ks {
                presence.insert(k.as_str());
                let v = loose_postings.entry(k.as_str()).or_default();
                if v.last() != Some(&i) {
                    v.push(i);
                }
            }
        }
        Side {
            side,
            other,
            gazetteer,
            presence,
            postings,
            loose_postings,
            lands,
            masked,
            masked_names: OnceCell::new(),
            loose_index: OnceCell::new(),
            rendered: RefCell::new(HashMap::new()),
            counts: RefCell::new(HashMap::new()),
            words: OnceCell::new(),
            budget,
        }
    }

    /// How often this side names the entity with these keys: its mentions and
    /// loose abbreviations that share one of them.
    /// One key is answered from its postings' lengths (hashing the key for a
    /// memo would cost as much); several are counted once and memoised, as the
    /// count collects every posting of every key (an entity named thousands of
    /// times would otherwise cost as much at each of its names).
    fn count(&self, ks: &'s [String]) -> usize {
        let len = |postings: &HashMap<&str, Vec<usize>>, k: &String| {
            postings.get(k.as_str()).map_or(0, Vec::len)
        };
        if let [k] = ks {
            // One key: its postings are distinct already.
            return len(&self.postings, k) + len(&self.loose_postings, k);
        }
        if let Some(&n) = self.counts.borrow().get(ks) {
            return n;
        }
        let distinct = |postings: &HashMap<&str, Vec<usize>>| {
            let mut all: Vec<usize> = ks
                .iter()
                .flat_map(|k| postings.get(k.as_str()).into_iter().flatten().copied())
                .collect();
            if ks.len() > 1 {
                all.sort_unstable();
                all.dedup();
            }
            all.len()
        };
        let n = distinct(&self.postings) + distinct(&self.loose_postings);
        self.counts.borrow_mut().insert(ks, n);
        n
    }

    /// Words of this side's Latin-script mentions.
    fn words(&self) -> &HashSet<&'s str> {
        self.words.get_or_init(|| {
            self.side
                .mentions
                .iter()
                .filter(|m| m.text.is_ascii())
                .flat_map(|m| m.text.split(' '))
                .collect()
        })
    }

    fn masked(&self) -> &'s str {
        self.masked.get_or_init(|| {
            let other_keys: HashSet<&str> = self
                .other
                .mentions
                .iter()
                .flat_map(|m| keys(m).iter().map(String::as_str))
                .collect();
            let hidden: Vec<(usize, usize)> = self
                .side
                .mentions
                .iter()
                .filter(|o| keys(o).iter().any(|k| other_keys.contains(k.as_str())))
                .map(|m| (m.start, m.end))
                .collect();
            mask_spans(self.side.text, &hidden)
        })
    }

    /// True when this side renders the mention `m` of the other side.
    fn renders(&self, m: &'s Mention<'a>) -> bool {
        let Some(e) = m.entity() else { return false };
        // A name of the same entity here answers at once, without the memo (most
        // names are answered so).
        if e.keys.iter().any(|k| self.presence.contains(k.as_str())) {
            return true;
        }
        let memo = (m.text, e.keys.as_slice(), e.source);
        if let Some(&r) = self.rendered.borrow().get(&memo) {
            return r;
        }
        let r = self.renders_uncached(m, e);
        self.rendered.borrow_mut().insert(memo, r);
        r
    }

    fn renders_uncached(&self, m: &Mention, e: &EntityValue) -> bool {
        if e.keys.iter().any(|k| self.presence.contains(k.as_str())) {
            return true;
        }
        // From here on no mention of this side shares a key with `m`, so the names
        // blanked out of `masked` are all of this side's names the other side
        // names too.
        // One of its names written inside a longer name (`田湾` in `田湾核电站`, `欧洲`
        // in `欧洲议会`), but not inside the name of another entity the other side
        // names too (`联合国` in `联合国安理会` for `UN Security Council` does not
        // also name the UN, nor `America` in `Latin America` the United States).
        let lang = self.side.lang;
        if let Some(names) = self.gazetteer.names(lang.code()) {
            let found = self.masked_names.get_or_init(|| {
                let masked = self.masked();
                names
                    .overlapping(masked)
                    .filter(|&(s, e, _)| {
                        let before = masked[..s].chars().next_back();
                        let after = masked[e..].chars().next();
                        !before.is_some_and(|c| lang.is_name_char(c))
                            && !after.is_some_and(|c| lang.is_name_char(c))
                    })
                    .map(|(_, _, p)| p)
                    .collect()
            });
            let inside = e
                .keys
                .iter()
                .filter_map(|k| self.gazetteer.get(k))
                .flat_map(|entry| entry.names(lang.code()))
                .any(|n| names.pattern(n).is_some_and(|p| found.contains(&p)));
            if inside {
                return true;
            }
        }
        // A region within a region named by it (`Asian` for `中亚`, Central Asia).
        if self.lands.iter().any(|oe| subregion(e, oe)) {
            return true;
        }
        // A Latin name or code written the same way (SWIFT, G20, Redmi AirDots 2).
        if m.text.is_ascii() && lang.contains_verbatim(self.side.text, m.text) {
            return true;
        }
        // Transliteration, across scripts only, and only against text that no
        // recognised name covers.
        if self.other.lang.code() == lang.code() {
            return false;
        }
        let budget = self.budget;
        // A personal name found by its form (`周海涛`): its romanizations in the
        // text, or a Latin-script name here that it transliterates.
        if e.source == "person" {
            let other = self.other.lang;
            return other
                .person_readings(m.text)
                .is_some_and(|r| self.side.index().person(&r))
                || self
                    .side
                    .mentions
                    .iter()
                    .any(|y| y.text.is_ascii() && other.transliterates(m.text, y.text));
        }
        // A Latin-script name against the names found by their form here.
        if m.text.is_ascii()
            && self.side.mentions.iter().any(|x| {
                x.entity().is_some_and(|xe| xe.source == "person")
                    && lang.transliterates(x.text, m.text)
            })
        {
            return true;
        }
        if e.source == "gazetteer" {
            // Places, countries and organisations have settled names; a person or a
            // place may be written with a variant transliteration (`肖尔茨` for
            // `朔尔茨`): all characters but one the same or read the same.
            matches!(e.etype, EntityType::Person | EntityType::Place)
                && e.keys
                    .iter()
                    .filter_map(|k| self.gazetteer.get(k))
                    .flat_map(|entry| entry.names(lang.code()).iter())
                    .any(|n| self.side.index().variant(n, budget))
        } else {
            // A name outside the lists, in Latin letters: pinyin or a close
            // consonant skeleton.
            m.text.is_ascii() && self.side.index().romanized(m.text, budget)
        }
    }

    /// True when this side holds a name of the entity written loosely: in another
    /// case (`gulf states`), as part of a longer word (`Macedonians` for
    /// `Macedonia`), or part of a longer Chinese name (`圣马丁` for `法属圣马丁`).
    /// Used only to keep a name from being reported as missing or extra.
    fn loosely_renders(&self, m: &Mention) -> bool {
        let Some(e) = m.entity() else { return false };
        let lang = self.side.lang.code();
        let names: Vec<&str> = e
            .keys
            .iter()
            .filter_map(|k| self.gazetteer.get(k))
            .flat_map(|entry| entry.names(lang).iter().copied())
            .collect();
        let index = self
            .loose_index
            .get_or_init(|| self.side.lang.loose_index(self.masked()));
        index.holds(&names, m.text, e.etype != EntityType::Org)
    }
}

/// The names a text is expected to render an entity as, for messages: up to three.
fn expected(gazetteer: &Gazetteer, m: &Mention, lang: &str) -> String {
    let Some(e) = m.entity() else {
        return String::new();
    };
    let mut names: Vec<String> = Vec::new();
    for k in &e.keys {
        if let Some(entry) = gazetteer.get(k) {
            for n in entry.names(lang).iter().take(2) {
                if !names.iter().any(|x| x == n) {
                    names.push(n.to_string());
                }
            }
            names.extend(
                entry
                    .abbreviations(lang)
                    .iter()
                    .take(1)
                    .map(|c| c.to_string()),
            );
        }
    }
    names.truncate(3);
    if names.is_empty() {
        e.display.clone()
    } else {
        names.join("/")
    }
}

/// Transliteration look-ups a pair may make: generous (a normal pair never comes
/// near it), and linear in the pair's length, so that a long text with many
/// distinct unlisted names cannot take quadratic time. Past it, names are not
/// checked by transliteration and so not reported.
fn budget(src: &NameSide<'_>, tgt: &NameSide<'_>) -> usize {
    200_000 + 64 * (src.free.len() + tgt.free.len())
}

/// Source names the target lacks, or target names the source lacks (one per
/// entity), of those that can come to something in [`compare`] ([`counts`]):
/// indices into `this`'s mentions.
///
/// Only those names are looked for on the other side, and the others whose keys
/// they share, directly or through one another: a name the other side does not
/// render takes its keys, so that a later name of the same entity is not listed
/// again. The rest (a capitalised phrase that is neither listed nor reported,
/// `Joint Statement`) cannot change the list, and their rendering, the dearest
/// test (transliteration), is never computed.
fn lacking<'s, 'a>(this: &'s NameSide<'a>, there: &Side<'s, 'a>) -> Vec<usize> {
    let counting: Vec<bool> = this
        .mentions
        .iter()
        .map(|m| counts(m, there.side))
        .collect();
    let wanted = wanted(this, &counting);
    let mut out: Vec<usize> = Vec::new();
    let mut taken: HashSet<&str> = HashSet::new();
    for (i, m) in this.mentions.iter().enumerate() {
        if !wanted[i] || there.renders(m) || keys(m).iter().any(|k| taken.contains(k.as_str())) {
            continue;
        }
        taken.extend(keys(m).iter().map(String::as_str));
        if counting[i] {
            out.push(i);
        }
    }
    out
}

/// Which of `this`'s mentions [`lacking`] must test: those that count (`counting`,
/// by [`counts`]), and every other that shares a key with one tested, found by a
/// walk from the keys of those tested to the others holding them (linear in the
/// number of keys: each mention is walked from once, each key's list once).
fn wanted(this: &NameSide<'_>, counting: &[bool]) -> Vec<bool> {
    let mut wanted = counting.to_vec();
    if wanted.iter().all(|&w| w) {
        return wanted;
    }
    let mut others: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, m) in this.mentions.iter().enumerate() {
        if !wanted[i] {
            for k in keys(m) {
                others.entry(k.as_str()).or_default().push(i);
            }
        }
    }
    let mut todo: Vec<usize> = (0..wanted.len()).filter(|&i| wanted[i]).collect();
    while let Some(i) = todo.pop() {
        for k in keys(&this.mentions[i]) {
            // Each key's list is walked once: taken out as it is.
            for j in others.remove(k.as_str()).into_iter().flatten() {
                if !wanted[j] {
                    wanted[j] = true;
                    todo.push(j);
                }
            }
        }
    }
    wanted
}

/// True when a name of one side that the other (`there`) lacks can come to
/// something in [`compare`]: a substitution (a sure name, or one of the lists'
/// countries and regions), a missing or extra name (a sure one), a note
/// ([`unverified`]) or an organisation named by its form ([`org_form`]).
fn counts(m: &Mention, there: &NameSide<'_>) -> bool {
    sure(m) || weak_listed(m) || unverified(m, there) || org_form(m)
}

/// A name recognised surely, or an abbreviation of the lists (`俄` of `俄乌`).
fn sure(m: &Mention) -> bool {
    reportable(m) || m.entity().is_some_and(|e| e.source == "abbreviation")
}

/// A weakly recognised name of the lists (a two-character Chinese name that
/// could straddle words, `越南`): it may stand in a substitution opposite a sure
/// name.
fn weak_listed(m: &Mention) -> bool {
    m.entity().is_some_and(|e| {
        e.source == "gazetteer" && matches!(e.etype, EntityType::Country | EntityType::Region)
    })
}

/// True for a name outside the lists that is noted when the other side
/// (`there`) does not render it: a romanized name of a person of `there`'s
/// language (`Feng Yujun`: two or three words), or a code with digits.
fn unverified(m: &Mention, there: &NameSide<'_>) -> bool {
    m.entity().is_some_and(|e| {
        let words = m.text.split(' ').count();
        (e.source == "name" && (2..=3).contains(&words) && there.lang.is_romanized_name(m.text))
            || (e.source == "latin" && m.text.chars().any(|c| c.is_ascii_digit()))
    })
}

/// The mentions of `this` that name an entity more often than `other` does (and
/// `other` names it too), sure names and abbreviations only.
fn surplus<'s, 'a>(this: &Side<'s, 'a>, other: &Side<'s, 'a>) -> Vec<usize> {
    this.side
        .mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| {
            let there = other.count(keys(m));
            there > 0 && this.count(keys(m)) > there
        })
        // Sure names only (a weak `Vienna` of `Rapid Vienna` is no evidence),
        // or abbreviations in compounds (`俄` of `俄乌`).
        .filter(|(_, o)| sure(o))
        .map(|(i, _)| i)
        .collect()
}

/// Lets a Latin-script name that reads as the romanized name of a person of the
/// other side's language (`Zhou Haitao` beside Chinese) count as a sure person's
/// name, as the other side's own form of it is (`周海涛`).
pub(super) fn prepare<'a>(src: &mut NameSide<'a>, tgt: &mut NameSide<'a>) {
    let (sl, tl) = (src.lang, tgt.lang);
    for (this, other) in [(src, tl), (tgt, sl)] {
        for m in &mut this.mentions {
            let text = m.text;
            if let crate::extract::Value::Entity(e) = &mut m.value
                && e.source == "name"
                && (other.romanized_person(text)
                    || text
                        .split_once(' ')
                        .is_some_and(|(_, rest)| other.romanized_person(rest)))
            {
                e.etype = EntityType::Person;
                m.strength = Strength::Strong;
            }
        }
    }
}

/// What the check found, on the sides as it ordered them (`a`, `b`).
enum Found {
    /// Mention `i` of `a` stands where `b` has mention `j`.
    Swap(usize, usize),
    /// A sure name of one side (`true`: of `b`) the other lacks.
    Lacks(bool, usize),
    /// A name of one side outside the lists that the other does not render.
    Unverified(bool, usize),
    /// An organisation one side names by its form only (`天目新闻`, `Tianmu News`)
    /// that the other does not render: never reported on its own, but a sure
    /// organisation the other side adds stands where it stood.
    Unnamed(bool, usize),
}

pub(super) fn check<'a>(
    ctx: &mut Ctx<'_>,
    gazetteer: &Gazetteer,
    src: &NameSide<'a>,
    tgt: &NameSide<'a>,
) {
    // The check runs on the sides in an order of their own, not the pair's, so
    // that swapping source and target swaps missing and extra names and keeps
    // every substitution.
    let flip = (src.lang.code(), src.text) > (tgt.lang.code(), tgt.text);
    let (a, b) = if flip { (tgt, src) } else { (src, tgt) };
    let found = compare(gazetteer, a, b);
    // Back to the pair's sides: `(side is target, index)`.
    let side = |of_b: bool| of_b != flip;
    let (src_side, tgt_side) = if flip { (b, a) } else { (a, b) };
    let mention = |target: bool, i: usize| {
        if target {
            &tgt_side.mentions[i]
        } else {
            &src_side.mentions[i]
        }
    };
    // Source names the target lacks, for the severity of extra names.
    let lacking_src: Vec<usize> = found
        .iter()
        .filter_map(|f| match *f {
            Found::Lacks(of_b, i) | Found::Unverified(of_b, i) | Found::Unnamed(of_b, i)
                if !side(of_b) =>
            {
                Some(i)
            }
            _ => None,
        })
        .collect();
    for f in &found {
        match *f {
            Found::Swap(i, j) => {
                let (m, x) = if flip {
                    (&src.mentions[j], &tgt.mentions[i])
                } else {
                    (&src.mentions[i], &tgt.mentions[j])
                };
                ctx.emit(
                    Rule::EntitySubstitution,
                    format!(
                        "source \"{}\" expects {}; target has \"{}\" ({}) instead",
                        m.text,
                        expected(gazetteer, m, tgt.lang.code()),
                        x.text,
                        x.entity().map(|e| e.display.as_str()).unwrap_or("")
                    ),
                    Some(m),
                    Some(x),
                );
            }
            Found::Lacks(of_b, i) if !side(of_b) => {
                let m = mention(false, i);
                ctx.emit(
                    Rule::EntityMissing,
                    format!(
                        "source \"{}\" ({}) has no counterpart in the target; expected {}",
                        m.text,
                        m.entity().map(|e| e.display.as_str()).unwrap_or(""),
                        expected(gazetteer, m, tgt.lang.code())
                    ),
                    Some(m),
                    None,
                );
            }
            Found::Lacks(_, j) => {
                let x = mention(true, j);
                let raise = deserves_warning(gazetteer, x, src, &lacking_src);
                ctx.emit(
                    Rule::EntityExtra,
                    format!(
                        "target \"{}\" ({}) has no counterpart in the source{}",
                        x.text,
                        x.entity().map(|e| e.display.as_str()).unwrap_or(""),
                        raise.unwrap_or("")
                    ),
                    None,
                    Some(x),
                );
                if raise.is_some() {
                    ctx.raise_last(Rule::EntityExtra, crate::finding::Severity::Warning);
                }
            }
            Found::Unnamed(..) => {}
            Found::Unverified(of_b, i) => {
                let target = side(of_b);
                let m = mention(target, i);
                let (this, other) = if target {
                    ("target", "source")
                } else {
                    ("source", "target")
                };
                ctx.emit(
                    Rule::EntityUnverified,
                    format!("{this} \"{}\" was not found in the {other} (not in the name lists, no transliteration found)", m.text),
                    (!target).then_some(m),
                    target.then_some(m),
                );
            }
        }
    }
}

/// Why a target name the source lacks deserves a warning rather than a note: the
/// source leaves a name of its type unmatched, or the target names a foreign
/// land where the source names none. Other extra names are usually what the
/// source implies (`the President` → `特朗普总统`, `国内` → `in China`).
fn deserves_warning(
    gazetteer: &Gazetteer,
    x: &Mention,
    src: &NameSide<'_>,
    lacking_src: &[usize],
) -> Option<&'static str> {
    let xe = x.entity()?;
    if lacking_src.iter().any(|&i| {
        same_group(&src.mentions[i], x)
            && src.mentions[i]
                .entity()
                .is_some_and(|e| e.etype != EntityType::Other)
    }) {
        return Some(", where the source names another");
    }
    let home = src.lang.home()?;
    let at_home = |e: &EntityValue| e.keys.iter().any(|k| home.contains(&k.as_str()));
    let land = |e: &EntityValue| {
        matches!(
            e.etype,
            EntityType::Country | EntityType::Region | EntityType::Place
        )
    };
    let foreign = xe.etype == EntityType::Country && !at_home(xe);
    let source_lands = src
        .mentions
        .iter()
        .filter_map(|m| m.entity())
        .any(|e| land(e) && !at_home(e));
    // A one-character abbreviation of the country anywhere in the source may
    // name it in a compound the lists do not hold (`土叙地震`, `越文关系`, `日原产`).
    let abbreviated = || {
        xe.keys
            .iter()
            .filter_map(|k| gazetteer.get(k))
            .flat_map(|entry| entry.abbreviations(src.lang.code()))
            .any(|&c| src.text.contains(c))
    };
    (foreign && !source_lands && !source_names_any(src) && !abbreviated())
        .then_some(", and the source names no foreign place")
}

/// True when the source names anything at all (then a country the target adds is
/// more likely an explicitation of it).
fn source_names_any(src: &NameSide<'_>) -> bool {
    src.mentions.iter().any(|m| m.strength == Strength::Strong)
}

/// The entity comparison of sides `a` and `b` (in the check's own order).
fn compare<'a>(gazetteer: &Gazetteer, a: &NameSide<'a>, b: &NameSide<'a>) -> Vec<Found> {
    let budget = Cell::new(budget(a, b));
    let (a_masked, b_masked) = (OnceCell::new(), OnceCell::new());
    let sa = Side::new(a, b, gazetteer, &a_masked, &budget);
    let sb = Side::new(b, a, gazetteer, &b_masked, &budget);
    let dist = |i: usize, j: usize| (a.rel[i] - b.rel[j]).abs();
    let lack_a = lacking(a, &sb);
    let lack_b = lacking(b, &sa);
    let mut out = Vec::new();
    let swappable = |m: &Mention| {
        m.entity().is_some_and(|e| {
            matches!(
                e.etype,
                EntityType::Country
                    | EntityType::Person
                    | EntityType::Org
                    | EntityType::Region
                    | EntityType::Place
            )
        })
    };
    // The other side's home country, named only here where the other side implies
    // it (`returning to China` for `回国`), is an explicitation, not a substitute
    // for a name the other side lacks: that name is still reported missing.
    let home_of = |m: &Mention, other: &NameSide<'_>| {
        let Some(home) = other.lang.home() else {
            return false;
        };
        if !other.lang.implies_home(other.text) {
            return false;
        }
        m.entity()
            .is_some_and(|e| e.keys.iter().any(|k| home.contains(&k.as_str())))
    };
    let swappable_a = |m: &Mention| swappable(m) && !home_of(m, b);
    let swappable_b = |x: &Mention| swappable(x) && !home_of(x, a);
    let mut a_done = vec![false; lack_a.len()];
    let mut b_done = vec![false; lack_b.len()];
    // 1. A name each side lacks, of the same type, one of them surely recognised
    //    and the other surely or from the lists: the nearest pairs first (ties by
    //    position), so that the pairing does not depend on which side is which.
    let mut cands: Vec<(i64, i64, usize, usize)> = Vec::new();
    for (ka, &i) in lack_a.iter().enumerate() {
        let m = &a.mentions[i];
        if !swappable_a(m) {
            continue;
        }
        for (kb, &j) in lack_b.iter().enumerate() {
            let x = &b.mentions[j];
            let evidence = (sure(m) && (sure(x) || weak_listed(x))) || (sure(x) && weak_listed(m));
            if swappable_b(x) && evidence && may_swap(gazetteer, m, x) {
                cands.push((dist(i, j), a.rel[i] + b.rel[j], ka, kb));
            }
        }
    }
    cands.sort_unstable();
    for (_, _, ka, kb) in cands {
        if a_done[ka] || b_done[kb] {
            continue;
        }
        a_done[ka] = true;
        b_done[kb] = true;
        out.push(Found::Swap(lack_a[ka], lack_b[kb]));
    }
    // 2. A name one side lacks, where the other side names another entity of the
    //    same type more often than this side does: `Russia … Russia` →
    //    `俄罗斯 … 巴西` even though Russia is still named elsewhere: the nearest
    //    such occurrence, wherever it stands (translations reorder). Without the
    //    surplus, a name one side lacks is more often dropped or added than
    //    swapped: it is reported as missing or extra below.
    let (a_surplus, b_surplus) = (surplus(&sa, &sb), surplus(&sb, &sa));
    for (kb, &j) in lack_b.iter().enumerate() {
        let x = &b.mentions[j];
        if b_done[kb] || !swappable_b(x) || !reportable(x) {
            continue;
        }
        let near = a_surplus
            .iter()
            .copied()
            .filter(|&i| may_swap(gazetteer, &a.mentions[i], x) && !home_of(&a.mentions[i], b))
            .min_by_key(|&i| (dist(i, j), a.rel[i]));
        if let Some(i) = near {
            b_done[kb] = true;
            out.push(Found::Swap(i, j));
        }
    }
    for (ka, &i) in lack_a.iter().enumerate() {
        let m = &a.mentions[i];
        if a_done[ka] || !swappable_a(m) || !reportable(m) {
            continue;
        }
        let near = b_surplus
            .iter()
            .copied()
            .filter(|&j| may_swap(gazetteer, &b.mentions[j], m) && !home_of(&b.mentions[j], a))
            .min_by_key(|&j| (dist(i, j), b.rel[j]));
        if let Some(j) = near {
            a_done[ka] = true;
            out.push(Found::Swap(i, j));
        }
    }
    // 3. What is left: sure names one side lacks, unless the other holds them
    //    loosely or in part, and notes for romanized names and codes.
    for (of_b, this, there, other, lack, done) in [
        (false, a, &sb, &sa, &lack_a, &a_done),
        (true, b, &sa, &sb, &lack_b, &b_done),
    ] {
        for (k, &i) in lack.iter().enumerate() {
            let m = &this.mentions[i];
            if done[k] {
                continue;
            }
            // A news organisation's dateline at the start of a text (`中新网2月11日电`),
            // or its credit after a dash at the end of a headline (`…-中新网`), is
            // routinely left out of translations; unless the other side ends with a
            // credit of its own (`…-Sinomine.com`), which then names another.
            let dateline = m.entity().is_some_and(|e| e.etype == EntityType::Org)
                && (this.text[..m.start].trim().is_empty()
                    || (credit(this.text, m.start, m.end) && !ends_with_credit(there.side.text)));
            if reportable(m) {
                if !dateline && !there.loosely_renders(m) && !partly(gazetteer, m, there) {
                    out.push(Found::Lacks(of_b, i));
                }
            } else if unverified(m, there.side) {
                out.push(Found::Unverified(of_b, i));
            } else if org_form(m) {
                out.push(Found::Unnamed(of_b, i));
            }
            let _ = other;
        }
    }
    out
}

/// True for an organisation recognised by its form only: a Chinese name before
/// `新闻`, `集团`, … or an English one ending in `News`, `Group`, ….
fn org_form(m: &Mention) -> bool {
    m.entity()
        .is_some_and(|e| e.etype == EntityType::Org && matches!(e.source, "structure" | "name"))
}

/// Dashes that set a source's credit off a headline (`标题-中新网`, `Title - CNN`).
const CREDIT_DASHES: &[char] = &['-', '－', '—', '–', '|', '｜', '丨', '_'];

/// True when the name at `[start, end)` of `text` is a credit: the last thing in
/// the text, after a dash.
fn credit(text: &str, start: usize, end: usize) -> bool {
    text[end..].trim().is_empty() && text[..start].trim_end().ends_with(CREDIT_DASHES)
}

/// True when `text` ends with a dash and a few words of a name (`… - Sinomine.com`,
/// `… | Xinhua`): a credit.
fn ends_with_credit(text: &str) -> bool {
    let t = text.trim_end();
    t.rfind(CREDIT_DASHES).is_some_and(|i| {
        let tail = t[i..].trim_start_matches(CREDIT_DASHES).trim();
        !tail.is_empty()
            && tail.split(' ').count() <= 4
            && tail.starts_with(|c: char| c.is_uppercase())
    })
}

/// True when the other side names `m` in part: a significant word of one of
/// its Latin-script names is a word of a mention there written in Latin letters
/// (`Kim` for 金正恩).
fn partly(gazetteer: &Gazetteer, m: &Mention, there: &Side<'_, '_>) -> bool {
    m.entity().is_some_and(|xe| {
        xe.keys
            .iter()
            .filter_map(|k| gazetteer.get(k))
            .flat_map(|entry| entry.all_names())
            .any(|n| {
                n.split(' ')
                    .filter(|w| {
                        w.len() >= 3
                            && w.starts_with(|c: char| c.is_uppercase())
                            && !GENERIC_WORDS.contains(&w.to_lowercase().as_str())
                    })
                    // Or in capitals (`PANASONIC` for 松下).
                    .any(|w| {
                        let words = there.words();
                        words.contains(w) || words.contains(w.to_uppercase().as_str())
                    })
            })
    })
}

/// True when one name can stand in the other's place as a substitution: the
/// same type group, different entities, and neither named inside the other
/// (the UN and the UN Security Council, Europe and the Council of Europe are a
/// translator's choice of precision, not a swap; two countries always may).
fn may_swap(gazetteer: &Gazetteer, a: &Mention, b: &Mention) -> bool {
    let (Some(x), Some(y)) = (a.entity(), b.entity()) else {
        return false;
    };
    // Two present-day countries are distinct whatever their names (Sudan, South Sudan).
    let state = |e: &EntityValue| e.etype == EntityType::Country && !e.key.starts_with("former:");
    same_group(a, b)
        && !same_entity(a, b)
        && ((state(x) && state(y)) || (!nested(gazetteer, x, y) && !nested(gazetteer, y, x)))
}

/// True when a name of `inner` is written inside a longer name of `outer`, in
/// any language (as that language nests names: whole words in English).
fn nested(gazetteer: &Gazetteer, inner: &EntityValue, outer: &EntityValue) -> bool {
    let entries = |e: &EntityValue| -> Vec<&crate::gazetteer::Entry> {
        e.keys.iter().filter_map(|k| gazetteer.get(k)).collect()
    };
    let (ins, outs) = (entries(inner), entries(outer));
    ins.iter().any(|i| {
        outs.iter().any(|o| {
            crate::lang::LANGUAGES.iter().any(|l| {
                i.names(l.code())
                    .iter()
                    .any(|n| o.names(l.code()).iter().any(|m| l.name_inside(n, m)))
            })
        })
    })
}

/// True when one of two regions (or former states) is named inside the other's
/// name: Asia and Central Asia, Germany and East Germany (not two present-day
/// countries: Sudan and South Sudan are different states).
fn subregion(a: &EntityValue, b: &EntityValue) -> bool {
    let loose = |e: &EntityValue| e.etype == EntityType::Region || e.key.starts_with("former:");
    let land = |e: &EntityValue| matches!(e.etype, EntityType::Region | EntityType::Country);
    if !(land(a) && land(b)) || (!loose(a) && !loose(b)) {
        return false;
    }
    let words = |e: &EntityValue| -> Vec<String> {
        e.display.split([' ', '-']).map(str::to_lowercase).collect()
    };
    let (x, y) = (words(a), words(b));
    let (short, long) = if x.len() <= y.len() { (x, y) } else { (y, x) };
    short.len() < long.len() && long.windows(short.len()).any(|w| w == short.as_slice())
}

fn same_group(a: &Mention, b: &Mention) -> bool {
    match (a.entity(), b.entity()) {
        (Some(x), Some(y)) => group(x.etype) == group(y.etype),
        _ => false,
    }
}

/// Names from the curated lists, recognised surely: their absence is reported.
fn reportable(m: &Mention) -> bool {
    m.strength == Strength::Strong
}

fn same_entity(a: &Mention, b: &Mention) -> bool {
    match (a.entity(), b.entity()) {
        (Some(x), Some(y)) => x.keys.iter().any(|k| y.keys.contains(k)),
        _ => false,
    }
}

#[cfg(test)]
mod free_tests {
    use super::free_chars;
    use proptest::prelude::*;

    /// The characters' freedom as first computed, one character at a time.
    fn by_chars(text: &str, spans: &[(usize, usize, bool)]) -> Vec<bool> {
        let mut free = Vec::new();
        let mut k = 0;
        for (b, _) in text.char_indices() {
            while k < spans.len() && spans[k].1 <= b {
                k += 1;
            }
            let by_form = spans.get(k).is_some_and(|s| s.2);
            free.push(by_form || spans.get(k).is_none_or(|s| s.0 > b));
        }
        free
    }

    proptest! {
        #[test]
        fn runs_match_characters(
            text in "[a 中文，é]{0,20}",
            mut spans in proptest::collection::vec((0usize..70, 0usize..12, any::<bool>()), 0..5),
        ) {
            // Spans on character boundaries, sorted by start (they may overlap).
            let bounds: Vec<usize> = text.char_indices().map(|(b, _)| b).chain([text.len()]).collect();
            let mut spans: Vec<(usize, usize, bool)> = spans
                .drain(..)
                .map(|(s, l, f)| {
                    let s = bounds[s % bounds.len()];
                    let e = bounds[(bounds.partition_point(|&x| x < s) + l).min(bounds.len() - 1)];
                    (s, e.max(s), f)
                })
                .collect();
            spans.sort_by_key(|s| s.0);
            prop_assert_eq!(free_chars(text.as_bytes(), spans.iter().copied()), by_chars(&text, &spans));
        }
    }
}

#[cfg(test)]
mod mask_tests {
    use super::mask_spans;
    use proptest::prelude::*;

    /// The masking as first written, one character at a time.
    fn by_chars(text: &str, hidden: &[(usize, usize)]) -> String {
        let mut out = String::new();
        let mut k = 0;
        for (b, c) in text.char_indices() {
            while k < hidden.len() && hidden[k].1 <= b {
                k += 1;
            }
            let h = hidden.get(k).is_some_and(|m| m.0 <= b);
            out.push(if h { '\u{FFFC}' } else { c });
        }
        out
    }

    proptest! {
        /// Any spans, in any order, on character boundaries or not, inside the
        /// text or past it.
        #[test]
        fn masking_copies_runs_as_masking_characters_does(
            text in "[a 中文，é𠀀]{0,20}",
            hidden in proptest::collection::vec((0usize..90, 0usize..90), 0..5),
        ) {
            prop_assert_eq!(mask_spans(&text, &hidden), by_chars(&text, &hidden));
        }

        /// Spans as mentions have them: sorted, on character boundaries.
        #[test]
        fn masking_sorted_spans(
            text in "[a 中文，é]{0,20}",
            mut hidden in proptest::collection::vec((0usize..70, 0usize..12), 0..5),
        ) {
            let bounds: Vec<usize> = text.char_indices().map(|(b, _)| b).chain([text.len()]).collect();
            let mut hidden: Vec<(usize, usize)> = hidden
                .drain(..)
                .map(|(s, l)| {
                    let s = bounds[s % bounds.len()];
                    let e = bounds[(bounds.partition_point(|&x| x < s) + l).min(bounds.len() - 1)];
                    (s, e.max(s))
                })
                .collect();
            hidden.sort_unstable();
            prop_assert_eq!(mask_spans(&text, &hidden), by_chars(&text, &hidden));
        }
    }
}

#[cfg(test)]
mod lacking_tests {
    use super::{NameSide, Side, counts, keys, lacking, prepare};
    use crate::extract::Mention;
    use crate::gazetteer::Gazetteer;
    use crate::lang::{by_code, extract_names};
    use foldhash::{HashSet, HashSetExt};
    use proptest::prelude::*;
    use std::cell::{Cell, OnceCell};

    /// The list as first computed: every mention looked for on the other side.
    fn lacking_every<'s, 'a>(this: &'s NameSide<'a>, there: &Side<'s, 'a>) -> Vec<usize> {
        let mut out = Vec::new();
        let mut taken: HashSet<&str> = HashSet::new();
        for (i, m) in this.mentions.iter().enumerate() {
            if there.renders(m) || keys(m).iter().any(|k| taken.contains(k.as_str())) {
                continue;
            }
            taken.extend(keys(m).iter().map(String::as_str));
            out.push(i);
        }
        out
    }

    /// A name of `text` at `[s, e)` outside the lists, with these keys.
    fn named<'t>(text: &'t str, s: usize, e: usize, ks: &[&str], strong: bool) -> Mention<'t> {
        let mut m =
            crate::extract::entity::other_mention(ks[0].to_string(), s, e, &text[s..e], "name");
        if let crate::extract::Value::Entity(v) = &mut m.value {
            v.keys = ks.iter().map(|k| k.to_string()).collect();
        }
        if strong {
            m.strength = crate::extract::Strength::Strong;
        }
        m
    }

    /// A name that counts for nothing still takes its keys when the other side
    /// does not render it, and through a chain of shared keys: `Alpha Beta`
    /// (keys a, b) takes b, so `Beta Gamma` (b, c) is not listed and does not
    /// take c, so the sure `Gamma` (c) is listed.
    #[test]
    fn a_chain_of_shared_keys_is_followed() {
        let gazetteer = Gazetteer::bundled();
        let t = "Alpha Beta, Beta Gamma, Gamma";
        let ms = vec![
            named(t, 0, 10, &["x:a", "x:b"], false),
            named(t, 12, 22, &["x:b", "x:c"], false),
            named(t, 24, 29, &["x:c"], true),
        ];
        let a = NameSide::new(by_code("en").unwrap(), t, ms, vec![0; 3]);
        let b = NameSide::new(by_code("zh").unwrap(), "。", Vec::new(), Vec::new());
        let (budget, masked) = (Cell::new(usize::MAX), OnceCell::new());
        let sb = Side::new(&b, &a, gazetteer, &masked, &budget);
        assert_eq!(lacking_every(&a, &sb), vec![0, 2]);
        assert_eq!(lacking(&a, &sb), vec![2]);
    }

    const EN: &[&str] = &[
        "Russia",
        "Vienna",
        "Rapid Vienna",
        "Joint Statement",
        "Zhou Haitao",
        "Feng Yujun",
        "the UN",
        "UN Security Council",
        "NATO",
        "G20",
        "Putin",
        "Ukraine",
        "Xinhua",
        "Moscow",
        "China",
        "Georgia",
        "Malenko",
        "Tianmu News",
        "Latin America",
        "America",
        "Kim",
        "Sale Agreement",
        "and",
        "met",
        ", ",
        ". ",
    ];
    const ZH: &[&str] = &[
        "俄罗斯",
        "普京",
        "维也纳",
        "周海涛",
        "联合国",
        "联合国安理会",
        "新华社",
        "乌克兰",
        "莫斯科",
        "中国",
        "冯玉军",
        "马连科",
        "天目新闻",
        "联合声明",
        "格鲁吉亚",
        "金正恩",
        "美国",
        "和",
        "会见",
        "，",
        "。",
    ];

    fn text(words: &[usize], from: &[&str]) -> String {
        words
            .iter()
            .map(|&w| from[w % from.len()])
            .collect::<Vec<_>>()
            .join(" ")
    }

    proptest! {
        /// Skipping the names that cannot come to anything lists what testing
        /// every name lists, whichever side is which.
        #[test]
        fn lacking_lists_what_testing_every_name_lists(
            en in proptest::collection::vec(0usize..100, 0..10),
            zh in proptest::collection::vec(0usize..100, 0..10),
            en_target in proptest::collection::vec(0usize..100, 0..6),
        ) {
            let gazetteer = Gazetteer::bundled();
            let (en_l, zh_l) = (by_code("en").unwrap(), by_code("zh").unwrap());
            // An English text beside a Chinese one, and beside another English one.
            let (e, z, e2) = (text(&en, EN), text(&zh, ZH).replace(' ', ""), text(&en_target, EN));
            for (la, ta, lb, tb) in [(en_l, &e, zh_l, &z), (en_l, &e, en_l, &e2)] {
                let side = |lang, t| {
                    let ms = extract_names(lang, t, gazetteer);
                    let rel = vec![0; ms.len()];
                    NameSide::new(lang, t, ms, rel)
                };
                let (mut a, mut b) = (side(la, ta.as_str()), side(lb, tb.as_str()));
                prepare(&mut a, &mut b);
                let budget = Cell::new(usize::MAX);
                let (am, bm) = (OnceCell::new(), OnceCell::new());
                let sa = Side::new(&a, &b, gazetteer, &am, &budget);
                let sb = Side::new(&b, &a, gazetteer, &bm, &budget);
                let counting = |this: &NameSide, there: &NameSide, l: Vec<usize>| -> Vec<usize> {
                    l.into_iter().filter(|&i| counts(&this.mentions[i], there)).collect()
                };
                prop_assert_eq!(lacking(&a, &sb), counting(&a, &b, lacking_every(&a, &sb)));
                prop_assert_eq!(lacking(&b, &sa), counting(&b, &a, lacking_every(&b, &sa)));
            }
        }
    }
}
