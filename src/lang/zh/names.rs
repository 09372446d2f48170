//! Chinese names: gazetteer entities, one-character country abbreviations in
//! compounds (`中俄`, `俄乌`, `中蒙俄`) and known patterns (`俄方`, `对俄`), and Latin
//! codes written in Chinese text (`G20峰会`, `SWIFT系统`).

use super::CharSet;
use crate::extract::Mention;
use crate::extract::entity::{entity_mention, is_code, latin_runs, longest_first, other_mention};
use crate::gazetteer::Gazetteer;
use crate::text::{Folded, is_han};
use std::sync::LazyLock;

/// Two-character names that are reliable on their own. Longer names, names ending
/// in 国 or 洲, and these are reported when missing or added; shorter names that
/// can straddle two words (`增加纳税` holds 加纳, Ghana) only match.
#[rustfmt::skip]
const SAFE_TWO: &[&str] = &[
    "日本", "印度", "印尼", "埃及", "伊朗", "古巴", "蒙古", "朝鲜", "瑞典", "芬兰", "挪威", "丹麦",
    "荷兰", "希腊", "波兰", "瑞士", "缅甸", "老挝", "秘鲁", "巴西", "智利", "欧盟", "北约", "东盟", "非盟", "中亚",
"东亚", "南亚", "北非", "中东", "苏联", "欧洲", "亚洲", "非洲", "北京", "上海", "天津", "重庆", "广州",
    "深圳", "香港", "澳门", "台湾", "东京", "伦敦", "巴黎", "柏林", "纽约", "罗马", "首尔", "基辅",
    "普京", "莫迪", "拜登", "欧安", "上合", "金砖", "联大",
];

/// [`SAFE_TWO`] for look-ups (a name's rank asks for every candidate).
static SAFE_TWO_SET: LazyLock<foldhash::HashSet<&'static str>> =
    LazyLock::new(|| SAFE_TWO.iter().copied().collect());

fn robust(alias: &str) -> bool {
    let n = alias.chars().count();
    n >= 3 || alias.ends_with('国') || alias.ends_with('洲') || SAFE_TWO_SET.contains(alias)
}

/// True when a two-character name at characters `[a, a + 2)` stands as a word:
/// no word of the jieba dictionary that is more frequent than the name reads
/// across its start or its end (`增加纳税` holds 加纳, Ghana, across 增加 and 纳税;
/// `北京东部` holds 京东 across 北京), and the name is not itself mostly an
/// ordinary word.
fn stands_alone(text: &str, bs: &[usize], cs: &[char], a: usize) -> bool {
    let name: String = cs[a..a + 2].iter().collect();
    let own = match crate::lexicon::word(&name) {
        Some((f, tag)) if !crate::lexicon::is_name_tag(tag) && f >= 1000 => return false,
        Some((f, _)) => f.max(50),
        None => 50,
    };
    let crossing = |k: usize, past: usize| {
        super::words_at(text, bs, k).any(|(l, f, _)| k + l > past && k + l != a + 2 && f > own)
    };
    let han = |k: usize| cs.get(k).is_some_and(|&c| is_han(c));
    // From the character before into the name, or from its second character on.
    !((a > 0 && han(a - 1) && crossing(a - 1, a)) || (han(a + 2) && crossing(a + 1, a + 1)))
}

/// True when the characters are a word of the jieba dictionary that is not a name
/// (`滚动`, `日文`).
fn ordinary_word(cs: &[char]) -> bool {
    let w: String = cs.iter().collect();
    crate::lexicon::word(&w).is_some_and(|(_, tag)| !crate::lexicon::is_name_tag(tag))
}

/// True when a two-character city's name is a place name of the jieba dictionary
/// (`成都`, `杭州`), not an ordinary word (`开封`, to unseal).
fn city_word(alias: &str) -> bool {
    crate::lexicon::word(alias).is_some_and(|(_, tag)| tag == "ns")
}

/// True when a name word of the jieba dictionary (`加西亚`, tagged as a place or a
/// person) of three or more characters covers the two characters at `a`, starting
/// at the character before.
fn inside_longer_name(text: &str, bs: &[usize], cs: &[char], a: usize) -> bool {
    let covering = |k: usize| {
        super::words_at(text, bs, k)
            .any(|(l, _, t)| k + l >= a + 2 && l >= 3 && matches!(t, "nr" | "ns" | "nrt" | "nrfg"))
    };
    a > 0 && is_han(cs[a - 1]) && covering(a - 1)
}

/// One-character abbreviations that form compounds and patterns (中俄, 美欧, 俄方).
const COMPOUND: &str = "中俄美欧日韩朝印巴英法德意澳乌蒙越泰菲伊哈吉塔";

/// The abbreviations common enough to make a two-character compound by themselves;
/// others (塔, 巴) occur in transliterated names (布兰斯塔德) and count only in longer
/// compounds (中吉乌) or patterns.
const CORE: &str = "中俄美欧日韩朝印英法德意澳乌蒙";

/// Pairs of abbreviations that are ordinary words (美德 virtue, 中意 to like).
const NOT_COMPOUNDS: &[&str] = &["美德", "中意", "意中", "美中不足"];

/// Characters that, before an abbreviation, make it a country (`对俄`, `访华`).
const BEFORE: &str = "对自从赴访驻抵离援反亲抗制";
/// Characters that, after an abbreviation, make it a country (`俄方`, `美军`).
const AFTER: &str = "方军媒企籍商资";

/// Words after a compound of abbreviations that make it name each country surely:
/// a relation, a meeting or a joint body of those countries (`中日关系`,
/// `日中经济协会`, `美韩同盟`, `中俄边境`).
#[rustfmt::skip]
const SURE_RUN_AFTER: &[&str] = &[
    "关系", "两国", "三国", "双方", "双边", "之间", "峰会", "会谈", "会晤", "首脑", "外长", "元首",
    "领导人", "经济", "经贸", "贸易", "协会", "商会", "友好", "联合", "同盟", "联盟", "战略", "伙伴",
    "合作", "对话", "边境", "论坛", "委员会", "协定", "条约", "建交", "交流", "冲突", "战争",
];

/// Abbreviations beyond [`COMPOUND`] that form compounds before a relation or a
/// joint body (`中非合作`, `中新两国`, `中老铁路`, `中波关系`); characters that are
/// mostly ordinary words (`比` than, `文` writing, `以` by) are left out.
const JOINT: &str = "非新老柬缅哈吉塔塞波土叙埃沙";

/// The characters of [`COMPOUND`] and [`JOINT`]: a quick test of whether a
/// compound of abbreviations can start at a character.
static JOINS: LazyLock<CharSet> =
    LazyLock::new(|| CharSet::new(COMPOUND.chars().chain(JOINT.chars())));

/// The characters of [`COMPOUND`], for the test at every character.
static COMPOUND_SET: LazyLock<CharSet> = LazyLock::new(|| CharSet::new(COMPOUND.chars()));

/// The first characters of [`ORG_SUFFIXES`].
static SUFFIX_FIRST: LazyLock<CharSet> =
    LazyLock::new(|| CharSet::new(ORG_SUFFIXES.iter().filter_map(|w| w.chars().next())));

/// Words that end the name of a news outlet, a company or an association
/// (`天目新闻`, `中新财经`, `杉杉股份`, `品胜科技`).
#[rustfmt::skip]
const ORG_SUFFIXES: &[&str] = &[
    "新闻网", "新闻", "财经", "日报", "晚报", "早报", "时报", "周刊", "电视台", "通讯社",
    "集团", "银行", "证券", "公司", "理财", "基金", "保险", "控股", "股份", "传媒", "协会",
    "商会", "科技",
];

/// Characters that do not begin or make up an organisation's short name: function
/// words, pronouns, numerals, measure words.
const NOT_IN_ORG_NAME: &str = "的地得了着过们这那该此各每本其我你他她它和与及或在对从向把被将由为是有个家一二三四五六七八九十两几多某全";

/// Organisations by their form, as character ranges: a short name of two
/// characters that no recognised name covers and that is not an ordinary word of
/// the jieba dictionary (`科技公司`, `商业银行`, `国际新闻` are not names), followed
/// by a word of [`ORG_SUFFIXES`].
fn org_forms(text: &str, bs: &[usize], cs: &[char], covered: &[bool]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut k = 2;
    while k < cs.len() {
        let a = k - 2;
        // Cheap tests first: a suffix's first character, and a free prefix.
        let starts = !covered[k]
            && SUFFIX_FIRST.contains(cs[k])
            && (a..k).all(|i| !covered[i] && is_han(cs[i]) && !one_of!(NOT_IN_ORG_NAME, cs[i]));
        let Some(suffix) = starts
            .then(|| {
                ORG_SUFFIXES
                    .iter()
                    .find(|w| crate::lang::zh::starts_with(cs, k, w))
            })
            .flatten()
        else {
            k += 1;
            continue;
        };
        let b = k + suffix.chars().count();
        let ok = (k..b).all(|i| !covered[i] && is_han(cs[i]))
            // The character before starts no longer name: not a Han character
            // outside the recognised names (`中国天目新闻`, `，中新财经`).
            && (a == 0 || covered[a - 1] || !is_han(cs[a - 1]) || one_of!("在据由向和与及的是", cs[a - 1]))
            // Not an ordinary word (`滚动新闻`, rolling news), unless a name's.
            && !ordinary_word(&cs[a..k])
            && !ordinary_at(cs, a)
            // Nor does an ordinary word read across its edges (`国政基金会` is a
            // foundation, not a fund).
            && !crosses_word(text, bs, cs, a, b);
        if ok {
            out.push((a, b));
            k = b;
        } else {
            k += 1;
        }
    }
    out
}

/// Verbs of travel and stay that, before one abbreviation, make it name its
/// country surely (`访日`, `赴美`, `驻韩`, `抵俄`).
const SURE_BEFORE: &str = "访赴驻抵";

/// True when the entries `ids` (an abbreviation's readings) are all the home of
/// Chinese text ([`crate::lang::Language::home`]: `中`, not `澳`, which may also
/// be Australia): abbreviations of it stay unsure.
fn is_home(gazetteer: &Gazetteer, ids: &[u32]) -> bool {
    let home = crate::lang::Language::home(&super::Chinese).unwrap_or(&[]);
    !ids.is_empty()
        && ids
            .iter()
            .all(|&e| home.contains(&gazetteer.entries[e as usize].key))
}

/// True when the characters `[a, b)` are abbreviations, one of them common in
/// compounds ([`CORE`]), followed by a word of a relation or a joint body
/// ([`SURE_RUN_AFTER`]) and not an ordinary pair (`美中不足`).
fn joint_compound(gazetteer: &Gazetteer, cs: &[char], a: usize, b: usize) -> bool {
    let run = &cs[a..b];
    let plain = |c: char| one_of!(CORE, c);
    run.iter().all(|&c| {
        JOINS.contains(c) && !gazetteer.abbreviation(c).is_empty()
    }) && run.iter().any(|&c| plain(c))
        // With a rarer abbreviation, not itself an ordinary word (`日文对话`).
        && (run.iter().all(|&c| plain(c)) || !ordinary_word(run))
        && SURE_RUN_AFTER
            .iter()
            .any(|w| crate::lang::zh::starts_with(cs, b, w))
        && !NOT_COMPOUNDS
            .iter()
            .any(|w| crate::lang::zh::starts_with(cs, a, w))
        && !ordinary_at(cs, a)
}

/// True when an ordinary word of the jieba dictionary (not a name) reads across
/// an edge of the characters `[a, b)`: from before them into them (`其中日本`
/// holds 中日 across 其中), or from inside them past their end (`3日中午`,
/// `访日期间` across 日期). A single abbreviation may form a word with the
/// character before it (`访华`).
fn crosses_word(text: &str, bs: &[usize], cs: &[char], a: usize, b: usize) -> bool {
    (a.saturating_sub(3)..b).any(|s| {
        s < cs.len()
            && is_han(cs[s])
            && super::words_at(text, bs, s).any(|(l, _, tag)| {
                let e = s + l;
                let across = if s < a {
                    e > a && !(b == a + 1 && s + 1 == a && e == b)
                } else {
                    e > b
                };
                across && !crate::lexicon::is_name_tag(tag)
            })
    })
}

/// Ordinary words that begin with a character that abbreviates a country or
/// region (`中小`, `日常`, `法律`, `以及`, `比如`), and words a pattern character
/// forms with the next one (`从中`, `对比`): none of them names a country.
#[rustfmt::skip]
const ORDINARY: &[&str] = &[
    "从中", "对比", "反比", "自以",
    "中小", "中心", "中间", "中旬", "中期", "中央", "中等", "中断", "中止", "中部", "中层", "中学",
    "中午", "中将", "中标", "中奖", "中型", "中级", "中性", "中立", "中转", "中介", "中途", "中游",
    "中医", "中药", "中秋", "中产", "中庸", "中和", "中枢", "中坚", "中长", "中高", "中低", "中方向",
    "美好", "美丽", "美观", "美术", "美食", "美德", "美容", "美味", "美满", "美妙", "美景", "美誉",
    "美名", "美感", "美化", "美女", "美人", "美学", "美意",
    "日常", "日期", "日益", "日子", "日前", "日后", "日夜", "日内", "日报", "日记", "日程", "日趋",
    "日均", "日渐", "日新", "日照", "日光", "日出", "日落", "日用", "日历", "日间",
    "法律", "法规", "法院", "法治", "法定", "法人", "法制", "法官", "法则", "法典", "法案", "法宝",
    "法庭", "法子", "法令", "法学", "法师", "法术", "法纪",
    "意见", "意义", "意识", "意味", "意图", "意外", "意愿", "意向", "意志", "意思", "意料", "意境",
    "印象", "印发", "印刷", "印证", "印记", "印章", "印制",
    "英雄", "英勇", "英明", "英俊", "英才", "英模", "英烈", "英姿",
    "德行", "德育", "德才",
    "朝着", "朝向", "朝气", "朝阳", "朝代", "朝廷", "朝野", "朝夕", "朝圣",
    "乌云", "乌黑", "乌鸦", "乌龟", "乌托", "乌烟", "乌合",
    "蒙受", "蒙蔽", "蒙混", "蒙骗", "蒙面",
    "越来", "越过", "越发", "越野", "越狱", "越轨", "越权", "越位",
    "泰然", "泰斗", "菲薄", "伊始", "哈哈", "吉祥", "吉利", "吉他", "吉普", "塔台", "塔楼",
    "巴士", "巴掌", "巴结", "巴不", "俄顷", "俄而",
    "华丽", "华美", "华贵", "华灯", "华表",
    "非常", "非法", "非但", "非凡", "非得", "非议", "非要", "非正", "非对", "非盈", "非公", "非物",
    "非遗", "非农", "非典",
    "以下", "以上", "以及", "以来", "以后", "以前", "以外", "以内", "以往", "以便", "以免", "以为",
    "以至", "以致", "以期", "以资", "以人", "以防", "以此", "以求", "以身",
    "比如", "比较", "比例", "比赛", "比重", "比方", "比喻", "比拼", "比起", "比分", "比率", "比对",
    "西方", "西部", "西北", "西南", "西侧", "西边", "西装", "西瓜", "西医", "西餐",
    "加强", "加快", "加大", "加上", "加入", "加工", "加速", "加以", "加剧", "加紧", "加油", "加班",
    "加深", "加固", "加盟", "加息", "加码", "加重", "加倍", "加热", "加价",
    "保持", "保护", "保障", "保证", "保险", "保留", "保存", "保安", "保守", "保密", "保健", "保卫",
    "希望", "希冀", "格局", "格外", "格式", "格言", "波动", "波及", "波浪", "波段", "波折", "波澜",
    "土地", "土壤", "土木", "土豆", "土建", "土方", "捷报", "捷径", "罗列", "冰雪", "冰川", "冰冷",
    "阿姨", "白色", "白天", "白人", "白皮", "白银", "白菜", "亚军", "亚运", "摩擦", "摩托",
];

/// The two-character words of [`ORDINARY`], for a quick look-up.
static ORDINARY_PAIRS: LazyLock<foldhash::HashSet<[char; 2]>> = LazyLock::new(|| {
    ORDINARY
        .iter()
        .filter_map(|w| {
            let cs: Vec<char> = w.chars().collect();
            (cs.len() == 2).then(|| [cs[0], cs[1]])
        })
        .collect()
});

/// The words of [`ORDINARY`] longer than two characters.
static ORDINARY_LONG: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    ORDINARY
        .iter()
        .copied()
        .filter(|w| w.chars().count() > 2)
        .collect()
});

/// True when the character at `k` starts an ordinary word, or ends a
/// two-character one.
fn ordinary_at(cs: &[char], k: usize) -> bool {
    let pair = |a: usize| a + 1 < cs.len() && ORDINARY_PAIRS.contains(&[cs[a], cs[a + 1]]);
    pair(k)
        || (k > 0 && pair(k - 1))
        || ORDINARY_LONG
            .iter()
            .any(|w| crate::lang::zh::starts_with(cs, k, w))
}

/// After an abbreviation, characters that show it names the country in loose use
/// (`中餐`, `美元`, `非裔`, `菲佣`, `英语`).
const LOOSE_AFTER: &str = "方军媒企籍商资餐式裔制语文字菜佣侨币元货股版码片剧";
/// Words after a run of abbreviations that make each of them a country
/// (`土叙两国`, `越新关系`).
const LOOSE_RUN_AFTER: &[&str] = &[
    "两国", "三国", "四国", "等国", "两岸", "双方", "关系", "合作", "之间", "边境", "地震", "峰会",
    "会谈", "贸易", "冲突", "战争", "友好", "对话", "双边",
];
/// Before an abbreviation, characters that show it names the country in loose use
/// (`脱欧`, `留美`, `旅日`, `泛欧`).
const LOOSE_BEFORE: &str = "对自赴访驻抵离援反亲抗脱入留旅泛";

/// Keys named by one-character abbreviations in loose use, outside recognised
/// names (`free`): next to another abbreviation (`中哈`), or in a context that
/// shows a country (`中餐`, `脱欧`, `华人`), and not in an ordinary word.
pub(super) fn loose(text: &str, free: &[bool], gazetteer: &Gazetteer) -> Vec<Vec<String>> {
    let cs: Vec<char> = text.chars().collect();
    let abbr = |k: usize| {
        free.get(k).copied().unwrap_or(false) && !gazetteer.abbreviation(cs[k]).is_empty()
    };
    let mut out = Vec::new();
    for k in 0..cs.len() {
        if !abbr(k) || ordinary_at(&cs, k) {
            continue;
        }
        let next = cs.get(k + 1).copied();
        let prev = k.checked_sub(1).map(|i| cs[i]);
        let compound =
            |i: usize| abbr(i) && COMPOUND_SET.contains(cs[i]) && COMPOUND_SET.contains(cs[k]);
        // The run of abbreviations this one belongs to, and what follows it.
        let (mut a, mut b) = (k, k + 1);
        while a > 0 && abbr(a - 1) && !ordinary_at(&cs, a - 1) {
            a -= 1;
        }
        while b < cs.len() && abbr(b) && !ordinary_at(&cs, b) {
            b += 1;
        }
        let run = b - a >= 2
            && LOOSE_RUN_AFTER
                .iter()
                .any(|w| crate::lang::zh::starts_with(&cs, b, w));
        let context = run
            || (k > 0 && compound(k - 1))
            || (k + 1 < cs.len() && compound(k + 1))
            || next.is_some_and(|c| one_of!(LOOSE_AFTER, c))
            || prev.is_some_and(|c| one_of!(LOOSE_BEFORE, c))
            || (cs[k] == '华' && next.is_some_and(|c| one_of!("人侨裔", c)));
        if context {
            out.push(
                gazetteer
                    .abbreviation(cs[k])
                    .iter()
                    .flat_map(|&i| gazetteer.key_strs(i as usize))
                    .map(str::to_string)
                    .collect(),
            );
        }
    }
    out
}

/// Spans given in order of start, merged where they overlap or touch: sorted,
/// disjoint, covering the same bytes.
fn merged(spans: impl Iterator<Item = (usize, usize)>) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (s, e) in spans {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// True when `[s, e)` shares a byte with one of the [`merged`] spans: the first
/// of them ending after `s` starts before `e`.
fn meets(merged: &[(usize, usize)], s: usize, e: usize) -> bool {
    let k = merged.partition_point(|&(_, b)| b <= s);
    merged.get(k).is_some_and(|&(a, _)| a < e)
}

pub(super) fn find<'t>(f: &Folded<'t>, gazetteer: &Gazetteer) -> Vec<Mention<'t>> {
    let text: &str = &f.folded;
    let Some(names) = gazetteer.names("zh") else {
        return Vec::new();
    };
    let mut found = Vec::new();
    found.extend(names.overlapping(text));
    // Among overlapping names of one length, prefer names that do not start with a
    // particle (黑河和田湾: 田湾, not 和田), names sure by their form (2022年巴西外交:
    // 巴西, not 年巴 Nimba), and curated names.
    let rank = |&(s, e, p): &(usize, usize, usize)| {
        let particle =
            text[s..].starts_with(['和', '与', '及', '的', '在', '对', '从', '向', '把', '被']);
        let curated = names
            .entries(p)
            .iter()
            .any(|&i| gazetteer.entries[i as usize].strong);
        (particle, !robust(&text[s..e]), !curated)
    };
    // A place of the uncurated lists (towns) never hides a sure curated name it
    // overlaps (`巴西立`, a town, over `巴西` in `要求巴西立即停止`): the sure names'
    // spans merged once, each town looked up among them.
    let curated = |p: usize| {
        names
            .entries(p)
            .iter()
            .any(|&i| gazetteer.entries[i as usize].strong)
    };
    let town = |p: usize| {
        names.entries(p).iter().all(|&i| {
            gazetteer.entries[i as usize].etype == crate::extract::entity::EntityType::Place
        })
    };
    // Only where such a town was found (most texts have none).
    if found.iter().any(|&(_, _, p)| !curated(p) && town(p)) {
        // `found` is in order of start.
        let sure = merged(
            found
                .iter()
                .filter(|&&(s, e, p)| curated(p) && robust(&text[s..e]))
                .map(|&(s, e, _)| (s, e)),
        );
        found.retain(|&(s, e, p)| curated(p) || !town(p) || !meets(&sure, s, e));
    }
    // Each name's rank computed once (it reads the text and the lists).
    found.sort_by_cached_key(rank);
    let mut out = Vec::new();
    // Characters of the folded text with their byte offsets (plus the end).
    let n = text.chars().count();
    let (mut bs, mut cs) = (Vec::with_capacity(n), Vec::with_capacity(n));
    for (b, c) in text.char_indices() {
        bs.push(b);
        cs.push(c);
    }
    let char_at = |b: usize| bs.partition_point(|&x| x < b);
    let byte = |k: usize| bs.get(k).copied().unwrap_or(text.len());
    // The original span and text of the character range `[a, b)`.
    let orig = |a: usize, b: usize| {
        let (s, e) = f.span(byte(a), byte(b));
        (s, e, &f.original[s..e])
    };
    let mut covered = vec![false; cs.len()];
    // Names recognised weakly (character range, index in `out`): a personal name
    // of three or more characters found over them takes their place (`西村` of
    // `西村康稔` is not the place West Village).
    let mut weak: Vec<(usize, usize, usize)> = Vec::new();
    // 发展中国家 (developing countries) holds 中国 across a word boundary.
    let blocked: Vec<(usize, usize)> = ["发展中国家"]
        .iter()
        .flat_map(|w| text.match_indices(w).map(|(at, w)| (at, at + w.len())))
        .collect();
    found.retain(|&(s, e, _)| !blocked.iter().any(|&(a, b)| s < b && a < e));
    for (s, e, p) in longest_first(found) {
        let ids = names.entries(p);
        let (a, b) = (char_at(s), char_at(e));
        // Next to a middle dot, a name is part of a transliterated personal name
        // (`多米尼克·埃诺` is a person, not Dominica).
        let dot = |c: Option<&char>| c.is_some_and(|c| matches!(c, '·' | '•' | '・' | '‧'));
        if dot(cs.get(b)) || (a > 0 && dot(cs.get(a - 1))) {
            continue;
        }
        let alias = &text[s..e];
        // A two-character name of a country, an organisation or a platform (`越南`,
        // `微信`) is sure where it stands as a word.
        let sure_form = robust(alias)
            || (b == a + 2
                && ids.iter().any(|&i| {
                    use crate::extract::entity::EntityType as T;
                    let e = &gazetteer.entries[i as usize];
                    (matches!(e.etype, T::Country | T::Org | T::Event)
                        || (e.etype == T::Place && e.strong && city_word(alias)))
                        && e.names("zh").first() == Some(&alias)
                })
                && stands_alone(text, &bs, &cs, a));
        // A weak two-character name inside a longer name of the dictionary that the
        // lists lack (`西亚` of `加西亚`, García) is part of that name.
        if !sure_form && b == a + 2 && inside_longer_name(text, &bs, &cs, a) {
            continue;
        }
        // A weak two-character name of 中 (middle) and an abbreviation, before a
        // relation or a joint body, is that compound (`中非合作论坛`: China and
        // Africa, not Middle Africa); the abbreviations are read below. Other such
        // names mean their compound (`朝韩`, the two Koreas) and stay.
        if !sure_form && b == a + 2 && cs[a] == '中' && joint_compound(gazetteer, &cs, a, b) {
            continue;
        }
        let strong = sure_form && ids.iter().any(|&i| gazetteer.entries[i as usize].strong);
        let (os, oe, written) = orig(a, b);
        if !strong {
            weak.push((a, b, out.len()));
        }
        out.push(entity_mention(
            gazetteer,
            ids,
            os,
            oe,
            written,
            strong,
            "gazetteer",
        ));
        for c in covered.iter_mut().take(b).skip(a) {
            *c = true;
        }
    }
    // Latin codes: a gazetteer name when it is one (`G20`, `APEC`), else a code.
    let Some(en) = gazetteer.names("en") else {
        return out;
    };
    for (start, end) in latin_runs(text) {
        let tok = text[start..end].trim_end_matches(['.', '/', '-']);
        let (a, b) = (char_at(start), char_at(start + tok.len()));
        if tok.chars().count() < 2
            || (a..b).any(|k| covered[k])
            || !tok.chars().any(|c| c.is_ascii_alphabetic())
        {
            continue;
        }
        let exact = en.pattern(tok);
        let (os, oe, written) = orig(a, b);
        let mention = match exact {
            Some(p) => {
                let ids = en.entries(p);
                let strong = ids.iter().any(|&i| gazetteer.entries[i as usize].strong);
                entity_mention(gazetteer, ids, os, oe, written, strong, "gazetteer")
            }
            None if is_code(tok) => other_mention(format!("latin:{tok}"), os, oe, written, "latin"),
            None => continue,
        };
        out.push(mention);
        for c in covered.iter_mut().take(b).skip(a) {
            *c = true;
        }
    }
    // Personal names outside the lists (`周海涛`, `金主爱`, `西村康稔`).
    let mut open = covered.clone();
    for &(a, b, _) in &weak {
        for c in open.iter_mut().take(b).skip(a) {
            *c = false;
        }
    }
    let mut replaced: Vec<usize> = Vec::new();
    let mut persons = Vec::new();
    for p in super::persons::find(text, &bs, &cs, &open) {
        let over: Vec<usize> = weak
            .iter()
            .filter(|&&(a, b, _)| a < p.end && p.start < b)
            .map(|&(_, _, i)| i)
            .collect();
        let on_weak = (p.start..p.end).any(|k| covered[k]);
        if on_weak && (p.end - p.start < 3 || over.is_empty()) {
            continue;
        }
        replaced.extend(over);
        persons.push(p);
    }
    if !replaced.is_empty() {
        let mut i = 0;
        out.retain(|_| {
            i += 1;
            !replaced.contains(&(i - 1))
        });
    }
    for p in persons {
        let (os, oe, written) = orig(p.start, p.end);
        out.push(person_mention(os, oe, written, p.strong));
        for c in covered.iter_mut().take(p.end).skip(p.start) {
            *c = true;
        }
    }
    // Organisations by their form (`天目新闻`, `杉杉股份`): weak, they name an
    // organisation the lists lack.
    for (a, b) in org_forms(text, &bs, &cs, &covered) {
        let (os, oe, written) = orig(a, b);
        let key = format!("org-form:{written}");
        out.push(Mention {
            kind: crate::extract::Kind::Entity,
            start: os,
            end: oe,
            text: written,
            value: crate::extract::Value::Entity(crate::extract::entity::EntityValue {
                key: key.clone(),
                keys: vec![key],
                etype: crate::extract::entity::EntityType::Org,
                display: written.to_string(),
                source: "structure",
            }),
            strength: crate::extract::Strength::Weak,
        });
        for c in covered.iter_mut().take(b).skip(a) {
            *c = true;
        }
    }
    // One-character abbreviations: in compounds of two or more (中俄, 中蒙俄) or in a
    // known pattern (俄方, 对俄). They match names on the other side and can show a
    // substitution, but are reported as missing or extra only where their context
    // makes them sure (a relation or a joint body after them, a verb of travel
    // before).
    // Only abbreviations common in compounds count (the data lists more, such as
    // 文 for Brunei or 也 for Yemen, which in running text are ordinary words); 华
    // stands for China only in patterns (访华, 对华), not in compounds, where it is
    // more often part of a transliterated name (霍华德).
    let abbr = |k: usize| {
        !covered[k] && COMPOUND_SET.contains(cs[k]) && !gazetteer.abbreviation(cs[k]).is_empty()
    };
    // The abbreviations at characters `[k, j)`, sure or not; the home country
    // stays unsure, as translations name it or leave it implied as they please
    // (`中日关系`, "relations with Japan").
    let abbreviations = |out: &mut Vec<Mention<'t>>, k: usize, j: usize, sure: bool| {
        for (i, &c) in cs.iter().enumerate().take(j).skip(k) {
            let ids = gazetteer.abbreviation(c);
            let (os, oe, written) = orig(i, i + 1);
            let strong = sure && !is_home(gazetteer, ids);
            out.push(entity_mention(
                gazetteer,
                ids,
                os,
                oe,
                written,
                strong,
                "abbreviation",
            ));
        }
    };
    let mut k = 0;
    while k < cs.len() {
        // Two or three abbreviations of any kind before a relation or a joint body
        // (`中巴经济走廊`, `中新两国`, `中老铁路合作`): sure, as below.
        let joins = |i: usize| cs.get(i).is_some_and(|&c| JOINS.contains(c));
        if let Some(j) = (joins(k) && joins(k + 1))
            .then(|| (2..=3).rev().map(|n| k + n))
            .into_iter()
            .flatten()
            .find(|&j| {
                j <= cs.len()
                    && (k..j).all(|i| !covered[i])
                    && joint_compound(gazetteer, &cs, k, j)
                    && !crosses_word(text, &bs, &cs, k, j)
            })
        {
            abbreviations(&mut out, k, j, true);
            k = j;
            continue;
        }
        if !abbr(k) {
            k += 1;
            continue;
        }
        let mut j = k;
        while j < cs.len() && abbr(j) {
            j += 1;
        }
        let pattern = j - k == 1
            && !ordinary_at(&cs, k)
            && ((k > 0 && one_of!(BEFORE, cs[k - 1]) && !covered[k - 1])
                || cs.get(k + 1).is_some_and(|c| one_of!(AFTER, *c)));
        // 访华, 来华, 驻华: 华 after a verb of travel or a preposition.
        let hua = k > 0 && cs[k] == '华' && one_of!("访来对赴驻在抵离援", cs[k - 1]);
        if hua && !covered[k] {
            abbreviations(&mut out, k, k + 1, false);
            k += 1;
            continue;
        }
        let ordinary = NOT_COMPOUNDS
            .iter()
            .any(|w| crate::lang::zh::starts_with(&cs, k, w));
        let core = cs[k..j].iter().filter(|c| one_of!(CORE, **c)).count();
        let compound = (j - k == 2 && core == 2) || (j - k >= 3 && core >= 2);
        if (compound && !ordinary) || pattern {
            // Sure where the context says so: a compound that qualifies a relation
            // or a joint body (`日中经济协会`, `美韩同盟`), or one abbreviation after a
            // verb of travel or stay (`访日`, `赴美`, `驻韩`), standing as words.
            let says = if compound {
                SURE_RUN_AFTER
                    .iter()
                    .any(|w| crate::lang::zh::starts_with(&cs, j, w))
            } else {
                k > 0 && one_of!(SURE_BEFORE, cs[k - 1]) && !covered[k - 1]
            };
            let sure = says && !crosses_word(text, &bs, &cs, k, j);
            abbreviations(&mut out, k, j, sure);
        }
        k = j;
    }
    // `两岸` (the two sides of the Taiwan Strait) where its context says so
    // (`海峡两岸`, `两岸关系`, `两岸同胞`), not the banks of a river (`长江两岸`):
    // Taiwan, matched but never reported, nor taken for a substitution (it is
    // the home country's, and `cross-Strait` names no one).
    if let Some(ids) = names.pattern("台湾").map(|p| names.entries(p)) {
        for (at, _) in text.match_indices("两岸") {
            let end = at + "两岸".len();
            let k = char_at(at);
            if covered[k] || covered[k + 1] {
                continue;
            }
            if text[..at].ends_with("海峡")
                || CROSS_STRAIT_AFTER
                    .iter()
                    .any(|w| text[end..].starts_with(w))
            {
                let (os, oe, written) = orig(k, k + 2);
                out.push(entity_mention(
                    gazetteer, ids, os, oe, written, false, "context",
                ));
            }
        }
    }
    out
}

/// Words after `两岸` that make it the two sides of the Taiwan Strait.
#[rustfmt::skip]
const CROSS_STRAIT_AFTER: &[&str] = &[
    "关系", "同胞", "交流", "人民", "民众", "统一", "和平", "经贸", "往来", "事务", "政策",
    "青年", "融合", "对话", "局势", "直航", "三通", "领导人",
];

/// A personal name found by its form (`source` `person`).
fn person_mention<'t>(start: usize, end: usize, text: &'t str, strong: bool) -> Mention<'t> {
    use crate::extract::entity::{EntityType, EntityValue};
    let key = format!("person:{text}");
    Mention {
        kind: crate::extract::Kind::Entity,
        start,
        end,
        text,
        value: crate::extract::Value::Entity(EntityValue {
            key: key.clone(),
            keys: vec![key],
            etype: EntityType::Person,
            display: text.to_string(),
            source: "person",
        }),
        strength: if strong {
            crate::extract::Strength::Strong
        } else {
            crate::extract::Strength::Weak
        },
    }
}

/// Pinyin readings of a Chinese span, every combination of the readings of
/// characters with several (重庆: zhongqing, chongqing), at most 32.
pub(super) fn pinyin(text: &str) -> Vec<String> {
    use pinyin::ToPinyinMulti;
    let mut out = vec![String::new()];
    for (c, multi) in text.chars().zip(text.to_pinyin_multi()) {
        let readings: Vec<String> = match multi {
            Some(m) => {
                let mut r: Vec<String> = m.into_iter().map(|p| p.plain().to_string()).collect();
                r.dedup();
                r
            }
            None if c.is_ascii_alphanumeric() => vec![c.to_ascii_lowercase().to_string()],
            None => continue,
        };
        let mut next = Vec::new();
        for prefix in &out {
            for r in &readings {
                if next.len() < 32 {
                    next.push(format!("{prefix}{r}"));
                }
            }
        }
        out = next;
    }
    out.retain(|s| !s.is_empty());
    out
}

/// Every toneless pinyin syllable, sorted: the plain readings the `pinyin` crate
/// gives U+4E00–U+9FFF (the test `syllables_are_the_crates` derives them again
/// from the crate, so the list cannot drift from it). Written out because
/// deriving them walks 21,000 characters at start-up.
#[rustfmt::skip]
const SYLLABLE_LIST: &[&str] = &[
    "a", "ai", "an", "ang", "ao", "ba", "bai", "ban", "bang", "bao", "bei", "ben", "beng",
    "bi", "bian", "biao", "bie", "bin", "bing", "bo", "bu", "ca", "cai", "can", "cang", "cao",
    "ce", "cen", "ceng", "cha", "chai", "chan", "chang", "chao", "che", "chen", "cheng", "chi",
    "chong", "chou", "chu", "chua", "chuai", "chuan", "chuang", "chui", "chun", "chuo", "ci",
    "cong", "cou", "cu", "cuan", "cui", "cun", "cuo", "da", "dai", "dan", "dang", "dao", "de",
    "den", "deng", "di", "dian", "diao", "die", "ding", "diu", "dong", "dou", "du", "duan",
    "dui", "dun", "duo", "e", "ei", "en", "eng", "er", "fa", "fan", "fang", "fei", "fen",
    "feng", "fiao", "fo", "fou", "fu", "ga", "gai", "gan", "gang", "gao", "ge", "gei", "gen",
    "geng", "gong", "gou", "gu", "gua", "guai", "guan", "guang", "gui", "gun", "guo", "ha",
    "hai", "han", "hang", "hao", "he", "hei", "hen", "heng", "hm", "hong", "hou", "hu", "hua",
    "huai", "huan", "huang", "hui", "hun", "huo", "ji", "jia", "jian", "jiang", "jiao", "jie",
    "jin", "jing", "jiong", "jiu", "ju", "juan", "jue", "jun", "ka", "kai", "kan", "kang",
    "kao", "ke", "ken", "keng", "kong", "kou", "ku", "kua", "kuai", "kuan", "kuang", "kui",
    "kun", "kuo", "la", "lai", "lan", "lang", "lao", "le", "lei", "leng", "li", "lia", "lian",
    "liang", "liao", "lie", "lin", "ling", "liu", "lo", "long", "lou", "lu", "luan", "lun",
    "luo", "lü", "lüe", "m", "ma", "mai", "man", "mang", "mao", "me", "mei", "men", "meng",
    "mi", "mian", "miao", "mie", "min", "ming", "miu", "mo", "mou", "mu", "n", "na", "nai",
    "nan", "nang", "nao", "ne", "nei", "nen", "neng", "ni", "nian", "niang", "niao", "nie",
    "nin", "ning", "niu", "nong", "nou", "nu", "nuan", "nun", "nuo", "nü", "nüe", "o", "ou",
    "pa", "pai", "pan", "pang", "pao", "pei", "pen", "peng", "pi", "pian", "piao", "pie",
    "pin", "ping", "po", "pou", "pu", "qi", "qia", "qian", "qiang", "qiao", "qie", "qin",
    "qing", "qiong", "qiu", "qu", "quan", "que", "qun", "ran", "rang", "rao", "re", "ren",
    "reng", "ri", "rong", "rou", "ru", "rua", "ruan", "rui", "run", "ruo", "sa", "sai", "san",
    "sang", "sao", "se", "sen", "seng", "sha", "shai", "shan", "shang", "shao", "she", "shen",
    "sheng", "shi", "shou", "shu", "shua", "shuai", "shuan", "shuang", "shui", "shun", "shuo",
    "si", "song", "sou", "su", "suan", "sui", "sun", "suo", "ta", "tai", "tan", "tang", "tao",
    "te", "teng", "ti", "tian", "tiao", "tie", "ting", "tong", "tou", "tu", "tuan", "tui",
    "tun", "tuo", "wa", "wai", "wan", "wang", "wei", "wen", "weng", "wo", "wu", "xi", "xia",
    "xian", "xiang", "xiao", "xie", "xin", "xing", "xiong", "xiu", "xu", "xuan", "xue", "xun",
    "ya", "yan", "yang", "yao", "ye", "yi", "yin", "ying", "yo", "yong", "you", "yu", "yuan",
    "yue", "yun", "za", "zai", "zan", "zang", "zao", "ze", "zei", "zen", "zeng", "zha", "zhai",
    "zhan", "zhang", "zhao", "zhe", "zhen", "zheng", "zhi", "zhong", "zhou", "zhu", "zhua",
    "zhuai", "zhuan", "zhuang", "zhui", "zhun", "zhuo", "zi", "zong", "zou", "zu", "zuan",
    "zui", "zun", "zuo",
];

/// [`SYLLABLE_LIST`] for look-ups.
static SYLLABLES: LazyLock<foldhash::HashSet<&'static str>> =
    LazyLock::new(|| SYLLABLE_LIST.iter().copied().collect());

/// True when a word splits into pinyin syllables (`yujun` = yu+jun).
fn syllables(word: &str) -> Option<usize> {
    let w = word.to_ascii_lowercase();
    let n = w.len();
    // best[i]: fewest syllables covering w[..i].
    let mut best = vec![usize::MAX; n + 1];
    best[0] = 0;
    for i in 0..n {
        if best[i] == usize::MAX {
            continue;
        }
        for j in i + 1..=(i + 6).min(n) {
            if SYLLABLES.contains(&w[i..j]) && best[i] + 1 < best[j] {
                best[j] = best[i] + 1;
            }
        }
    }
    (best[n] != usize::MAX).then_some(best[n])
}

/// A Latin-script name that reads as pinyin: every word splits into syllables and
/// the whole has at least two (`Feng Yujun`, `Tianwan`; not `Sun`, `Bridge`).
pub(super) fn is_pinyin_name(name: &str) -> bool {
    let words: Vec<&str> = name.split([' ', '-']).filter(|w| !w.is_empty()).collect();
    if words.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphabetic() || c == ' ' || c == '-')
    {
        return false;
    }
    let mut total = 0;
    for w in &words {
        match syllables(w) {
            Some(k) => total += k,
            None => return false,
        }
    }
    // A single short word (`Era` = er+a) is more likely English.
    total >= 2 && (words.len() > 1 || name.len() >= 5)
}

/// True when `text` holds a Han character.
pub(super) fn has_han(text: &str) -> bool {
    text.chars().any(is_han)
}

/// One pinyin reading of a Han character, with its first byte and the first
/// byte of its consonant skeleton kept inline (0 for an empty one): the look-ups
/// that only ask how a reading starts do not follow the pointer to the string,
/// and the rest of the skeleton is never asked for.
pub(crate) struct Reading {
    text: String,
    text0: u8,
    skeleton0: u8,
}

impl Reading {
    fn new(text: String) -> Reading {
        let skeleton = skeleton(&text);
        let first = |s: &str| s.as_bytes().first().copied().unwrap_or(0);
        Reading {
            text0: first(&text),
            skeleton0: first(&skeleton),
            text,
        }
    }

    /// Whether the reading's skeleton starts with `c`.
    fn skeleton_starts_with(&self, c: char) -> bool {
        self.skeleton0 != 0 && u32::from(self.skeleton0) == u32::from(c)
    }

    /// `target.starts_with(self.text)`, the first bytes compared before the text.
    fn begins(&self, target: &str) -> bool {
        self.text.is_empty()
            || target.as_bytes().first() == Some(&self.text0)
                && target.starts_with(self.text.as_str())
    }
}

/// The readings of a Han character (as [`pinyin`] gives them), cached per thread.
fn readings_of(c: char) -> &'static [Reading] {
    thread_local! {
        static CACHE: std::cell::RefCell<foldhash::HashMap<char, &'static [Reading]>> =
            std::cell::RefCell::new(foldhash::HashMap::default());
    }
    CACHE.with(|cache| {
        *cache.borrow_mut().entry(c).or_insert_with(|| {
            let rs: Vec<Reading> = pinyin(&c.to_string())
                .into_iter()
                .map(Reading::new)
                .collect();
            // Bounded: one entry per Han character seen by the thread.
            Box::leak(rs.into_boxed_slice())
        })
    })
}

/// The consonant skeleton of a romanized name, for comparing a foreign name with
/// its Chinese transliteration (`Rahmon` ↔ `lahemeng`, `Kovykta` ↔ `keweiketa`).
pub(crate) fn skeleton(s: &str) -> String {
    let mut out = Vec::new();
    skeleton_into(s.as_bytes(), &mut out);
    ascii(&out).to_string()
}

/// [`skeleton`] into a buffer (no allocation once the buffer has grown). Bytes
/// outside ASCII letters have no class, as the characters they encode.
fn skeleton_into(s: &[u8], out: &mut Vec<u8>) {
    out.clear();
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        let mut class = SOUND_CLASS[c as usize];
        i += 1;
        // `ch`, `zh`, `sh` and `ng` are one sound (`b | 0x20` lowers a letter and
        // makes no other byte a letter it tests).
        if let Some(&n) = s.get(i) {
            match (c | 0x20, n | 0x20) {
                (b'c' | b'z', b'h') => {
                    class = b'j';
                    i += 1;
                }
                (b's', b'h') | (b'n', b'g') => i += 1,
                _ => {}
            }
        }
        if class != 0 && out.last() != Some(&class) {
            out.push(class);
        }
    }
}

/// A bound of the length of `s`'s [`skeleton`]: its bytes that have a sound
/// class (each sound the skeleton keeps starts with one).
fn skeleton_bound(s: &[u8]) -> usize {
    s.iter()
        .filter(|&&b| SOUND_CLASS[usize::from(b)] != 0)
        .count()
}

/// The sound class of each ASCII letter, either case (0 for vowels, `h`, `y` and
/// every other byte).
const SOUND_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let classes: [(&[u8], u8); 9] = [
        (b"pb", b'p'),
        (b"td", b't'),
        (b"kgc", b'k'),
        (b"jq", b'j'),
        (b"szx", b's'),
        (b"fvw", b'f'),
        (b"rl", b'l'),
        (b"m", b'm'),
        (b"n", b'n'),
    ];
    let mut k = 0;
    while k < classes.len() {
        let (letters, class) = classes[k];
        let mut j = 0;
        while j < letters.len() {
            t[letters[j] as usize] = class;
            t[letters[j].to_ascii_uppercase() as usize] = class;
            j += 1;
        }
        k += 1;
    }
    t
};

/// Bytes known to be ASCII (skeletons) or UTF-8 (readings) as text.
fn ascii(b: &[u8]) -> &str {
    std::str::from_utf8(b).unwrap_or("")
}

/// The entity check's look-ups in a Chinese text: the pinyin readings of the Han
/// characters no recognised name covers, their positions by the first letter of
/// each reading and of its consonant skeleton, and the positions of every
/// character; all built on first use.
pub(super) struct Index<'a> {
    text: &'a str,
    free: Vec<bool>,
    cs: std::cell::OnceCell<Vec<char>>,
    readings: std::cell::OnceCell<Vec<&'static [Reading]>>,
    by_first_byte: std::cell::OnceCell<ByFirstByte>,
    by_char: std::cell::OnceCell<Postings<char>>,
}

/// Character positions by key, in one allocation: the `(key, position)` pairs
/// sorted, each key's positions a run found by binary search (a map of vectors
/// allocated and grew one vector per key, and most keys hold one position).
struct Postings<K> {
    pairs: Vec<(K, u32)>,
}

impl<K: Ord + Copy> Postings<K> {
    fn new(mut pairs: Vec<(K, u32)>) -> Self {
        pairs.sort_unstable();
        pairs.dedup();
        Postings { pairs }
    }

    /// The positions of `key`, in increasing order.
    fn get<'p, Q: Ord + ?Sized>(&'p self, key: &'p Q) -> impl Iterator<Item = u32> + 'p
    where
        K: std::borrow::Borrow<Q>,
    {
        let from = self.pairs.partition_point(|(k, _)| k.borrow() < key);
        self.pairs[from..]
            .iter()
            .take_while(move |(k, _)| k.borrow() == key)
            .map(|&(_, p)| p)
    }
}

impl<'a> Index<'a> {
    pub(super) fn new(text: &'a str, free: &[bool]) -> Self {
        Index {
            text,
            free: free.to_vec(),
            cs: std::cell::OnceCell::new(),
            readings: std::cell::OnceCell::new(),
            by_first_byte: std::cell::OnceCell::new(),
            by_char: std::cell::OnceCell::new(),
        }
    }

    fn cs(&self) -> &[char] {
        self.cs.get_or_init(|| self.text.chars().collect())
    }

    /// For each character: its readings when it is a Han character no recognised
    /// name covers (none otherwise).
    fn readings(&self) -> &[&'static [Reading]] {
        self.readings.get_or_init(|| {
            self.cs()
                .iter()
                .zip(self.free.iter().chain(std::iter::repeat(&false)))
                .map(|(&c, &f)| if f && is_han(c) { readings_of(c) } else { &[] })
                .collect()
        })
    }

    fn by_first_byte(&self) -> &ByFirstByte {
        self.by_first_byte
            .get_or_init(|| ByFirstByte::new(self.readings()))
    }

    /// The positions where a window for the name `target` (ASCII lowercase
    /// letters, whose skeleton starts with `first`) may start: a reading there
    /// has a skeleton that starts with that sound, or is the name's first one to
    /// six letters. In increasing order.
    fn openings(&self, first: char, target: &str) -> Vec<u32> {
        let readings = self.readings();
        let opens = |r: &Reading| {
            r.skeleton_starts_with(first)
                || (1..=target.len().min(6)).contains(&r.text.len()) && r.begins(target)
        };
        let index = self.by_first_byte();
        let mut utf8 = [0u8; 4];
        let sound = first.encode_utf8(&mut utf8).as_bytes()[0];
        let letter = target.as_bytes().first().copied().unwrap_or(sound);
        // Such a reading's skeleton starts with the sound's byte, or its text with
        // the name's first letter: those two buckets hold every opening.
        let mut cands: Vec<u32> = Vec::new();
        for key in std::iter::once(sound).chain((letter != sound).then_some(letter)) {
            cands.extend(
                index
                    .get(key)
                    .iter()
                    .filter(|&&k| readings[k as usize].iter().any(opens)),
            );
        }
        cands.sort_unstable();
        cands.dedup();
        cands
    }

    fn by_char(&self) -> &Postings<char> {
        self.by_char.get_or_init(|| {
            Postings::new(
                self.cs()
                    .iter()
                    .enumerate()
                    .map(|(k, &c)| (c, k as u32))
                    .collect(),
            )
        })
    }
}

/// Character positions by the first byte of one of their readings or of its
/// skeleton, each byte's positions in increasing order; built in two linear
/// passes (a count, then a fill), where sorting `(key, position)` pairs cost
/// more than the look-ups it served.
struct ByFirstByte {
    /// Where each byte's positions start in `positions` (and end, at the next).
    starts: Vec<u32>,
    positions: Vec<u32>,
}

impl ByFirstByte {
    fn new(readings: &[&[Reading]]) -> Self {
        // A position's first bytes, once each.
        fn firsts(rs: &[Reading], mut f: impl FnMut(u8)) {
            let mut seen = [0u8; 16];
            let mut n = 0;
            for r in rs {
                for b in [r.text0, r.skeleton0] {
                    if b != 0 && !seen[..n].contains(&b) {
                        if n < seen.len() {
                            seen[n] = b;
                            n += 1;
                        }
                        f(b);
                    }
                }
            }
        }
        let mut starts = vec![0u32; 257];
        for rs in readings {
            firsts(rs, |b| starts[usize::from(b) + 1] += 1);
        }
        for b in 1..starts.len() {
            starts[b] += starts[b - 1];
        }
        let mut fill = starts.clone();
        let mut positions = vec![0u32; starts[256] as usize];
        for (k, rs) in readings.iter().enumerate() {
            firsts(rs, |b| {
                positions[fill[usize::from(b)] as usize] = k as u32;
                fill[usize::from(b)] += 1;
            });
        }
        ByFirstByte { starts, positions }
    }

    /// The positions with a reading or skeleton that starts with byte `b`.
    fn get(&self, b: u8) -> &[u32] {
        let b = usize::from(b);
        &self.positions[self.starts[b] as usize..self.starts[b + 1] as usize]
    }
}

/// A combination of readings tried against a name: its length, whether it can
/// still match, and what the comparisons need of it.
struct Combo {
    len: usize,
    live: bool,
    /// The readings joined, in order (a window has at most six characters):
    /// written out only where a skeleton is compared.
    parts: [&'static str; 6],
    n: usize,
    /// Whether the joined readings start the name, and its words swapped.
    starts_target: bool,
    starts_swapped: bool,
    /// [`skeleton_bound`] of the joined readings.
    bound: usize,
}

impl Combo {
    /// The empty combination a window starts from: it starts every name, and
    /// the swapped words when there are any.
    fn empty(swapped: bool) -> Combo {
        Combo {
            len: 0,
            live: true,
            parts: [""; 6],
            n: 0,
            starts_target: true,
            starts_swapped: swapped,
            bound: 0,
        }
    }

    /// The combination extended by the next character's reading `r` (alive as
    /// far as its prefix was; the caller asks whether it still may match).
    fn then(&self, r: &'static str, target: &[u8], swapped: Option<&[u8]>) -> Combo {
        let starts = |w: &[u8]| {
            w.get(self.len..)
                .is_some_and(|rest| rest.starts_with(r.as_bytes()))
        };
        // `take(6)` bounds a window; `min` keeps the index in range without a
        // panic path in the hot loop (which measured 6 M instructions more).
        debug_assert!(self.n < 6, "a window of more than six characters");
        let mut parts = self.parts;
        parts[self.n.min(5)] = r;
        Combo {
            len: self.len + r.len(),
            live: self.live,
            parts,
            n: self.n + 1,
            starts_target: self.starts_target && starts(target),
            starts_swapped: self.starts_swapped && swapped.is_some_and(starts),
            bound: self.bound + skeleton_bound(r.as_bytes()),
        }
    }

    /// The joined readings, into `out`.
    fn write(&self, out: &mut Vec<u8>) {
        out.clear();
        for p in &self.parts[..self.n] {
            out.extend_from_slice(p.as_bytes());
        }
    }
}

/// Takes one unit of the pair's look-up budget; false when it has run out.
fn spend(budget: &std::cell::Cell<usize>) -> bool {
    match budget.get() {
        0 => false,
        n => {
            budget.set(n - 1);
            true
        }
    }
}

impl crate::lang::NameIndex for Index<'_> {
    fn romanized(&self, name: &str, budget: &std::cell::Cell<usize>) -> bool {
        let target: String = name
            .chars()
            .filter(char::is_ascii_alphabetic)
            .collect::<String>()
            .to_ascii_lowercase();
        if target.len() < 3 {
            return false;
        }
        let sk = skeleton(&target);
        let Some(first) = sk.chars().next() else {
            return false;
        };
        // A Chinese name in pinyin (`Zhou Haitao`, also `Haitao Zhou`) must read
        // the same: a close skeleton would take `Zhao Haitao` for 周海涛.
        let pinyin_like = is_pinyin_name(name) || super::persons_romanized(name);
        let swapped: Option<String> = {
            let ws: Vec<&str> = name.split([' ', '-']).filter(|w| !w.is_empty()).collect();
            (ws.len() >= 2).then(|| {
                let mut v = ws.clone();
                v.rotate_right(1);
                v.concat().to_ascii_lowercase()
            })
        };
        // The fuzzy comparison, for a window whose readings are `reading` and
        // consonant skeleton `skel`.
        let may_be_fuzzy = |reading_len: usize| {
            !(pinyin_like || sk.len() < 2 || (reading_len as f64) > target.len() as f64 * 2.2)
        };
        let fuzzy = |reading: &[u8], skel: &[u8]| {
            // The edit distance is at least the difference in length: when that alone
            // makes the normalized distance too large, skip computing it.
            let longest = sk.len().max(skel.len()) as f64;
            if (sk.len().abs_diff(skel.len()) as f64) / longest > 0.25 {
                return false;
            }
            // The reading as text only where the skeletons are close.
            crate::text::levenshtein_at_least(&sk, ascii(skel), 0.75) && {
                let reading = ascii(reading);
                (sk.len() >= 3 || strsim::jaro_winkler(&target, reading) >= 0.8)
                    && strsim::jaro_winkler(&target, reading) >= 0.6
            }
        };
        // `fuzzy`'s length test, on a bound of the skeleton's length: a reading
        // whose skeleton cannot come within a quarter of the name's is not
        // skeletonised at all.
        let long_enough = |most: usize| {
            most >= sk.len() || ((sk.len() - most) as f64) / (sk.len() as f64) <= 0.25
        };
        let readings = self.readings();
        let starts = |r: &Reading| r.skeleton_starts_with(first) || r.begins(&target);
        // Windows of 2–6 free Han characters starting with the name's first sound,
        // every combination of their readings (at most 16): only where a reading
        // starts with that sound or begins the name.
        let cands = self.openings(first, &target);
        // Buffers reused for every window: this level's combinations, the next
        // level's, a combination written out, and its skeleton. A combination that
        // can no longer match (not the start of the name when only the same
        // letters count, or too long) is kept as dead: its place under the cap of
        // 16 and its length still count, as they did when every combination was
        // written out.
        let mut combos: Vec<Combo> = Vec::with_capacity(16);
        let mut next: Vec<Combo> = Vec::with_capacity(16);
        let mut joined: Vec<u8> = Vec::new();
        let mut skel: Vec<u8> = Vec::new();
        let limit = target.len() as f64 * 2.2;
        let longest = swapped.as_ref().map_or(0, String::len).max(target.len());
        let (target_b, swapped_b) = (target.as_bytes(), swapped.as_ref().map(String::as_bytes));
        // Whether a combination may still match: it starts the name or its swapped
        // words when only the same letters count, else it is not too long.
        let alive = |t: &Combo| {
            if pinyin_like {
                t.starts_target || t.starts_swapped
            } else {
                t.len <= longest || t.len as f64 <= limit
            }
        };
        cands.into_iter().any(|start| {
            // An opening has a reading that starts the name (`openings`' test is
            // stricter than `starts`), so the window is tried without testing again.
            let start = start as usize;
            combos.clear();
            combos.push(Combo::empty(swapped_b.is_some()));
            for (len, &rs) in readings.iter().skip(start).take(6).enumerate() {
                if !spend(budget) {
                    // Out of budget: not checked, so not reported.
                    return true;
                }
                if rs.is_empty() {
                    return false;
                }
                next.clear();
                for c in &combos {
                    for r in rs.iter().filter(|r| len > 0 || starts(r)) {
                        if next.len() < 16 {
                            let mut t = c.then(r.text.as_str(), target_b, swapped_b);
                            t.live = t.live && alive(&t);
                            next.push(t);
                        }
                    }
                }
                std::mem::swap(&mut combos, &mut next);
                if combos.first().is_some_and(|t| t.len > target.len() * 3) {
                    return false;
                }
                if len > 0
                    && combos.iter().filter(|c| c.live).any(|c| {
                        // A Chinese name in pinyin: the same letters. A foreign name
                        // in Chinese characters: a close consonant skeleton of
                        // comparable length.
                        c.starts_target && c.len == target_b.len()
                            || c.starts_swapped && swapped_b.is_some_and(|w| c.len == w.len())
                            || may_be_fuzzy(c.len) && long_enough(c.bound) && {
                                // Written out and skeletonised only where the cheap
                                // tests pass.
                                c.write(&mut joined);
                                skeleton_into(&joined, &mut skel);
                                fuzzy(&joined, &skel)
                            }
                    })
                {
                    return true;
                }
                // Longer windows only make longer readings: once every one is too
                // long to match, stop.
                if combos.iter().all(|t| t.len as f64 > limit) {
                    return false;
                }
            }
            false
        })
    }

    fn variant(&self, name: &str, budget: &std::cell::Cell<usize>) -> bool {
        let want: Vec<char> = name.chars().collect();
        if want.len() < 3 || !want.iter().all(|&c| is_han(c)) {
            return false;
        }
        let cs = self.cs();
        let n = want.len();
        if cs.len() < n {
            return false;
        }
        let reads_as = |a: char, b: char| {
            a == b || {
                let (ra, rb) = (readings_of(a), readings_of(b));
                ra.iter().any(|r| rb.iter().any(|x| x.text == r.text))
            }
        };
        // A window that can match has a character in place: its start is a position
        // of one of the name's characters, less that character's offset.
        let mut starts: Vec<usize> = Vec::new();
        for (k, c) in want.iter().enumerate() {
            for p in self.by_char().get(c) {
                let p = p as usize;
                if p >= k && p - k + n <= cs.len() {
                    starts.push(p - k);
                }
            }
        }
        starts.sort_unstable();
        starts.dedup();
        starts.into_iter().any(|s| {
            if !spend(budget) {
                return true;
            }
            let w = &cs[s..s + n];
            let mut differ = 0;
            let mut reads = true;
            for (&a, &b) in w.iter().zip(&want) {
                if a != b {
                    differ += 1;
                    reads &= reads_as(a, b);
                }
            }
            w.iter().all(|&c| is_han(c)) && (differ <= 1 || (reads && differ < n))
        })
    }
}

/// Loose renderings in a Chinese text: a name written without a prefix (`圣马丁`
/// for `法属圣马丁`) or, for a place, without a generic suffix (`马其顿` for
/// `马其顿共和国`).
pub(super) struct Loose<'a> {
    masked: &'a str,
}

impl<'a> Loose<'a> {
    pub(super) fn new(masked: &'a str) -> Self {
        Loose { masked }
    }
}

impl crate::lang::LooseIndex for Loose<'_> {
    fn holds(&self, names: &[&str], _written: &str, place: bool) -> bool {
        let hay = self.masked.as_bytes();
        names.iter().any(|n| {
            let cs: Vec<char> = n.chars().collect();
            let mut forms: Vec<String> = (1..=2)
                .filter(|&k| cs.len() >= k + 3)
                .map(|k| cs[k..].iter().collect())
                .collect();
            // (Not for organisations: `联合国` is not `联合`.)
            for suffix in ["共和国", "王国", "国", "市", "省", "县", "州", "岛", "区"] {
                if let Some(stem) = n
                    .strip_suffix(suffix)
                    .filter(|s| place && s.chars().count() >= 2)
                {
                    forms.push(stem.to_string());
                }
            }
            forms
                .iter()
                .any(|f| memchr::memmem::find(hay, f.as_bytes()).is_some())
        })
    }
}

#[cfg(test)]
mod skeleton_tests {
    use super::{Combo, skeleton, skeleton_bound, skeleton_into};

    /// The skeleton as first written, one `match` per letter: the reference the
    /// table-driven [`skeleton_into`] is checked against.
    fn skeleton_by_match(s: &[u8], out: &mut Vec<u8>) {
        out.clear();
        let mut i = 0;
        while i < s.len() {
            let c = s[i].to_ascii_lowercase();
            let next = s.get(i + 1).map(u8::to_ascii_lowercase);
            let (class, step) = match (c, next) {
                (b'c' | b'z', Some(b'h')) => (b'j', 2),
                (b's', Some(b'h')) => (b's', 2),
                (b'n', Some(b'g')) => (b'n', 2),
                (b'p' | b'b', _) => (b'p', 1),
                (b't' | b'd', _) => (b't', 1),
                (b'k' | b'g' | b'c', _) => (b'k', 1),
                // Pinyin q and j are `ch`/`j` sounds, x an `sh`.
                (b'j' | b'q', _) => (b'j', 1),
                (b's' | b'z' | b'x', _) => (b's', 1),
                (b'f' | b'v' | b'w', _) => (b'f', 1),
                (b'r' | b'l', _) => (b'l', 1),
                (b'm', _) => (b'm', 1),
                (b'n', _) => (b'n', 1),
                _ => (0, 1),
            };
            if class != 0 && out.last() != Some(&class) {
                out.push(class);
            }
            i += step;
        }
    }

    proptest::proptest! {
        #[test]
        fn table_skeleton_matches_the_match(text in "[a-zA-Z\u{fc} ']{0,16}") {
            let (mut got, mut want) = (Vec::new(), Vec::new());
            skeleton_into(text.as_bytes(), &mut got);
            skeleton_by_match(text.as_bytes(), &mut want);
            proptest::prop_assert_eq!(got, want);
        }

        #[test]
        fn combinations_know_what_they_join(
            parts in proptest::collection::vec("[a-z]{1,4}", 0..6),
            target in "[a-z]{0,10}",
            swapped in proptest::option::of("[a-z]{0,10}"),
        ) {
            let mut c = Combo::empty(swapped.is_some());
            let sw = swapped.as_deref().map(str::as_bytes);
            for p in &parts {
                let p: &'static str = Box::leak(p.clone().into_boxed_str());
                c = c.then(p, target.as_bytes(), sw);
            }
            let joined = parts.concat();
            let mut written = Vec::new();
            c.write(&mut written);
            proptest::prop_assert_eq!(&written, joined.as_bytes());
            proptest::prop_assert_eq!(c.len, joined.len());
            proptest::prop_assert_eq!(c.bound, skeleton_bound(joined.as_bytes()));
            proptest::prop_assert_eq!(c.starts_target, target.starts_with(&joined));
            proptest::prop_assert_eq!(
                c.starts_swapped,
                swapped.as_ref().is_some_and(|w| w.starts_with(&joined))
            );
        }

        #[test]
        fn skeletons_are_no_longer_than_their_bound(text in "[a-zA-Z\u{fc} ']{0,16}") {
            // `romanized` skips a window on this bound: it must never be short.
            proptest::prop_assert!(skeleton(&text).len() <= skeleton_bound(text.as_bytes()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Merged spans meet a span exactly where a byte of it is covered (the
        /// prefix sum over bytes this replaced).
        #[test]
        fn merged_spans_meet_where_a_byte_is_covered(
            mut spans in proptest::collection::vec((0usize..40, 1usize..8), 0..8),
        ) {
            spans.sort_unstable();
            let spans: Vec<(usize, usize)> = spans.iter().map(|&(a, l)| (a, a + l)).collect();
            let m = merged(spans.iter().copied());
            for s in 0..50 {
                for e in s + 1..s + 8 {
                    let covered = (s..e).any(|b| spans.iter().any(|&(x, y)| x <= b && b < y));
                    proptest::prop_assert_eq!(meets(&m, s, e), covered);
                }
            }
        }

        #[test]
        fn readings_start_as_their_strings_do(
            c in "[张伟李娜王芳刘洋陈杰赵敏阿安艾欧恩重庆绿女]",
            target in "[a-z]{0,8}",
            first in "[a-z]",
        ) {
            let c = c.chars().next().unwrap();
            let first = first.chars().next().unwrap();
            for r in readings_of(c) {
                proptest::prop_assert_eq!(r.begins(&target), target.starts_with(r.text.as_str()));
                proptest::prop_assert_eq!(
                    r.skeleton_starts_with(first),
                    skeleton(&r.text).starts_with(first)
                );
            }
        }

        #[test]
        fn openings_are_every_position_a_window_may_start(
            text in "[张伟李娜王芳刘洋陈杰赵敏阿安艾欧恩，a 普京泽连斯基]{0,40}",
            free in proptest::collection::vec(proptest::bool::ANY, 40),
            name in "[aeo][a-z]{2,8}|[a-z]{3,9}",
        ) {
            let index = Index::new(&text, &free);
            let (target, sk) = (name.as_str(), skeleton(&name));
            let Some(first) = sk.chars().next() else { return Ok(()) };
            let want: Vec<u32> = (0..index.readings().len() as u32)
                .filter(|&k| {
                    index.readings()[k as usize].iter().any(|r| {
                        skeleton(&r.text).starts_with(first)
                            || (1..=6).any(|n| target.get(..n) == Some(r.text.as_str()))
                    })
                })
                .collect();
            proptest::prop_assert_eq!(index.openings(first, target), want);
        }
    }

    #[test]
    fn syllables_are_the_crates() {
        use pinyin::ToPinyin;
        let mut want: Vec<&str> = (0x4E00u32..=0x9FFF)
            .filter_map(|cp| char::from_u32(cp).and_then(|c| c.to_pinyin()))
            .map(|p| p.plain())
            .collect();
        want.sort_unstable();
        want.dedup();
        assert_eq!(SYLLABLE_LIST, want.as_slice());
    }

    #[test]
    fn pinyin_names() {
        for n in [
            "Feng Yujun",
            "Tianwan",
            "Heihe",
            "Xudabao",
            "Tongjiang",
            "Xi Jinping",
        ] {
            assert!(is_pinyin_name(n), "{n}");
        }
        for n in [
            "Sun",
            "Era",
            "Bridge",
            "Highway Bridge",
            "Statement",
            "Rahmon",
            "Kovykta",
            "Affairs",
        ] {
            assert!(!is_pinyin_name(n), "{n}");
        }
        assert!(pinyin("重庆").contains(&"chongqing".to_string()));
    }

    #[test]
    fn skeletons_compare_transliterations() {
        assert_eq!(skeleton("rahmon"), skeleton("lahemeng"));
        assert_eq!(skeleton("kovykta"), skeleton("keweiketa"));
        assert_eq!(skeleton("chayanda"), skeleton("qiayangda"));
        // Skeletons alone can coincide (Putin, Biden): transliteration is only tried
        // for names outside the gazetteer, against text no other name covers.
        assert_eq!(skeleton("putin"), skeleton("baideng"));
    }
}
