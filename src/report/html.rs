//! `--format html`: one self-contained review page (inline CSS, JS and SVG, no
//! network): a summary with a chart of findings by category, then a side-by-side
//! table of the pairs with findings (or of every pair), the offending spans
//! highlighted with their normalized values on hover, and filters by severity,
//! category and rule plus a text search that work from disk.
//!
//! Every string from the input goes through the template's HTML auto-escaping; the
//! page's Content-Security-Policy allows no network access and only the page's own
//! script (by its SHA-256 hash), so even markup that slipped through could not run.

use super::{Category, Finding, Report, Run, Severity, Side};
use crate::check::codes::Rule;
use minijinja::{Environment, Value};
use serde::Serialize;
use std::collections::BTreeSet;
use std::io::{self, Write};

pub(super) struct Html {
    /// Include pairs without findings (hidden until the reader asks for them).
    pub all_pairs: bool,
    /// Past this many findings, render them a page at a time (0: all at once).
    pub page: usize,
}

const TEMPLATE: &str = include_str!("html.jinja");
const ROW_TEMPLATE: &str = include_str!("html-row.jinja");
const STYLE: &str = include_str!("html.css");
const SCRIPT: &str = include_str!("html.js");

/// One run of text in a cell, highlighted when a finding's span covers it.
#[derive(Serialize)]
struct Seg {
    text: String,
    /// `error`, `warning` or `info`: the worst severity of the findings covering it.
    sev: Option<&'static str>,
    /// Ids of the findings covering it, space-separated.
    fids: String,
    /// Hover text: rule and value of each covering finding.
    tip: String,
    /// Numbers (within the row) of the findings whose span ends here, shown as a
    /// marker after the span when the row has several findings: `1`, `1 2`.
    nums: String,
}

#[derive(Serialize)]
struct FindingView {
    fid: String,
    severity: &'static str,
    code: &'static str,
    name: &'static str,
    category: &'static str,
    summary: String,
    message: String,
    /// The values as people read them (`89,400,000,000 USD`, `mid 2024-03`).
    source_value: Option<String>,
    target_value: Option<String>,
    /// The canonical values (`89400000000`), for the values' titles.
    source_canonical: Option<String>,
    target_canonical: Option<String>,
    fingerprint: String,
    /// The fingerprint made unique in the run, when it differs (the same pair with
    /// the same slip twice): what triage marks are kept under.
    key: Option<String>,
    /// The finding's number in its row, when the row has several.
    n: Option<usize>,
}

#[derive(Serialize)]
struct RowView {
    anchor: String,
    /// `pair`, `unpaired` or `clean` (a pair without findings).
    kind: &'static str,
    file: String,
    /// The source line (or the paragraph's line).
    line: usize,
    pair_index: usize,
    pair_id: Option<String>,
    source_lang: &'static str,
    target_lang: &'static str,
    source: Vec<Seg>,
    target: Vec<Seg>,
    /// The side does not exist (an unpaired paragraph) or its text was not kept.
    source_missing: bool,
    target_missing: bool,
    findings: Vec<FindingView>,
    worst: &'static str,
}

#[derive(Serialize)]
struct Count {
    name: &'static str,
    count: usize,
}

#[derive(Serialize)]
struct Bar {
    name: &'static str,
    total: usize,
    y: usize,
    /// (severity, x, width) segments of the stacked bar.
    parts: Vec<(&'static str, usize, usize)>,
    label_x: usize,
}

#[derive(Serialize)]
struct RuleCount {
    code: &'static str,
    name: &'static str,
    category: &'static str,
    summary: String,
    count: usize,
}

#[derive(Serialize)]
struct InputView {
    path: String,
    langs: String,
    pairs: usize,
}

#[derive(Serialize)]
struct StaleView {
    code: String,
    file: String,
    message: String,
    fingerprint: String,
}

#[derive(Serialize)]
struct BaselineView {
    path: String,
    suppressed: usize,
    stale_count: usize,
    stale: Vec<StaleView>,
}

/// Everything the template shows.
#[derive(Serialize)]
struct Page {
    /// The inputs as a JSON array (what triage marks are kept under in the browser).
    inputs_json: String,
    /// Findings rendered at once (0: no limit).
    page: usize,
    /// Rows and findings in the page's markup; the rest are data (`lazy`).
    row_count: usize,
    shown_findings: usize,
    lazy_rows: usize,
    /// The rows not rendered at load: their markup, one `<tr>…</tr>` after the
    /// other, and their findings' filter data as JSON (both escaped for a data
    /// block: no `<` from the input can end it).
    lazy_html: Value,
    lazy_meta: Value,
    version: String,
    pairs: usize,
    total: usize,
    summary_line: String,
    severities: Vec<Count>,
    categories: Vec<Count>,
    rules: Vec<RuleCount>,
    bars: Vec<Bar>,
    chart_h: usize,
    chart_w: usize,
    inputs: Vec<InputView>,
    options: Vec<(String, String)>,
    skipped_pairs: usize,
    ignored_findings: usize,
    baseline: Option<BaselineView>,
    all_pairs: bool,
    clean_rows: usize,
    /// The rows rendered at load (the row template, HTML-escaped), one per line.
    rows_html: Value,
    /// The page's own CSS and JS, not escaped.
    style: Value,
    script: Value,
    script_hash: String,
}

const SEVERITIES: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

/// Chart geometry.
const LABEL_W: usize = 90;
const BAR_W: usize = 300;
const ROW_H: usize = 22;

fn worst<'a>(fs: impl Iterator<Item = &'a Finding>) -> Option<Severity> {
    fs.map(|f| f.severity).max()
}

/// Splits a side's text into runs at every span boundary of the row's findings.
fn segments(text: &str, row: &[(usize, &Finding)], side: Side) -> Vec<Seg> {
    let numbered = row.len() > 1;
    let chars: Vec<char> = text.chars().collect();
    let len = chars.len();
    let spans: Vec<(usize, usize, usize, &Finding)> = row
        .iter()
        .filter_map(|(n, f)| {
            let s = f.span(side)?;
            let start = s.start.min(len);
            let end = s.end.clamp(start, len);
            (end > start).then_some((start, end, *n, *f))
        })
        .collect();
    let mut cuts: BTreeSet<usize> = [0, len].into_iter().collect();
    for (s, e, _, _) in &spans {
        cuts.insert(*s);
        cuts.insert(*e);
    }
    let cuts: Vec<usize> = cuts.into_iter().collect();
    let mut out: Vec<Seg> = Vec::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        if a == b {
            continue;
        }
        let text: String = chars[a..b].iter().collect();
        let cover: Vec<&(usize, usize, usize, &Finding)> = spans
            .iter()
            .filter(|(s, e, _, _)| *s <= a && b <= *e)
            .collect();
        let seg = if cover.is_empty() {
            Seg {
                text,
                sev: None,
                fids: String::new(),
                tip: String::new(),
                nums: String::new(),
            }
        } else {
            let tip: Vec<String> = cover
                .iter()
                .map(|(_, _, _, f)| {
                    let value = readable(f, side)
                        .map(|v| format!(" = {v}"))
                        .unwrap_or_default();
                    format!("{} {}{value}", f.rule.code(), f.rule.name())
                })
                .collect();
            let nums: Vec<String> = if numbered {
                cover
                    .iter()
                    .filter(|(_, e, _, _)| *e == b)
                    .filter_map(|(_, _, n, _)| row.iter().position(|(m, _)| m == n))
                    .map(|i| (i + 1).to_string())
                    .collect()
            } else {
                Vec::new()
            };
            Seg {
                text,
                sev: worst(cover.iter().map(|c| c.3)).map(Severity::as_str),
                fids: cover
                    .iter()
                    .map(|c| format!("f{}", c.2))
                    .collect::<Vec<_>>()
                    .join(" "),
                tip: tip.join("\n"),
                nums: nums.join(" "),
            }
        };
        // Merge runs that look the same (adjacent plain text).
        if let Some(last) = out.last_mut()
            && last.sev.is_none()
            && seg.sev.is_none()
        {
            last.text.push_str(&seg.text);
            continue;
        }
        out.push(seg);
    }
    out
}

/// A side's value as people read it: the value as messages show it (`mid
/// 2024-03`, `~1000 t`), numbers grouped by thousands (`89,400,000,000 USD`).
fn readable(f: &Finding, side: Side) -> Option<String> {
    let span = f.span(side)?;
    let shown = span.display.as_ref().or(span.value.as_ref())?;
    Some(if f.category() == Category::Number {
        super::readable_number(shown)
    } else {
        shown.clone()
    })
}

/// One finding of a row: `n` is its number in the run, `i` in its row of `len`.
fn finding_view(n: usize, f: &Finding, key: &str, i: usize, len: usize) -> FindingView {
    FindingView {
        fid: format!("f{n}"),
        severity: f.severity.as_str(),
        code: f.rule.code(),
        name: f.rule.name(),
        category: f.category().as_str(),
        summary: super::rule_text(f.rule).1,
        message: f.message.clone(),
        source_value: readable(f, Side::Source),
        target_value: readable(f, Side::Target),
        source_canonical: f.source.as_ref().and_then(|s| s.value.clone()),
        target_canonical: f.target.as_ref().and_then(|s| s.value.clone()),
        fingerprint: f.fingerprint.clone(),
        key: (key != f.fingerprint).then(|| key.to_string()),
        n: (len > 1).then_some(i + 1),
    }
}

/// A table row before rendering: its sort key (pair index, 0 for an unpaired
/// paragraph or 1 for a pair, sequence) and its findings with their numbers.
type Group<'a> = ((usize, u8, usize), Vec<(usize, &'a Finding)>);

/// The table rows in input order: unpaired paragraphs before the pair that follows
/// them, each pair with its findings, and (with `all_pairs`) the pairs without.
fn rows(run: &Run, all_pairs: bool) -> Vec<RowView> {
    let keys = run.unique_fingerprints();
    // (pair index, 0 unpaired / 1 pair, sequence) → findings
    let mut groups: Vec<Group<'_>> = Vec::new();
    for (n, f) in run.findings.iter().enumerate() {
        let unpaired = f.is_unpaired();
        match groups.last_mut() {
            Some((k, v)) if !unpaired && k.0 == f.pair_index && k.1 == 1 => v.push((n, f)),
            _ => groups.push((
                (f.pair_index, if unpaired { 0 } else { 1 }, n),
                vec![(n, f)],
            )),
        }
    }
    if all_pairs {
        let with: BTreeSet<usize> = groups
            .iter()
            .filter(|(k, _)| k.1 == 1)
            .map(|(k, _)| k.0)
            .collect();
        for i in run.texts.keys() {
            if !with.contains(i) {
                groups.push(((*i, 1, usize::MAX), Vec::new()));
            }
        }
        groups.sort_by_key(|(k, _)| *k);
    }
    groups
        .into_iter()
        .map(|((index, kind, _), fs)| {
            let first = fs.first().map(|(_, f)| *f);
            if kind == 0 {
                let (n, f) = fs[0];
                let side = if f.source.is_some() {
                    Side::Source
                } else {
                    Side::Target
                };
                let text = f.span(side).map(|s| s.text.clone()).unwrap_or_default();
                let lang = crate::lang::detect(&text).map(|l| l.code()).unwrap_or("");
                let seg = Some(vec![Seg {
                    text,
                    sev: None,
                    fids: String::new(),
                    tip: String::new(),
                    nums: String::new(),
                }]);
                let line = f.source_line.or(f.target_line).unwrap_or(0);
                let (source, target) = match side {
                    Side::Source => (seg, None),
                    Side::Target => (None, seg),
                };
                let (source_missing, target_missing) = (source.is_none(), target.is_none());
                RowView {
                    anchor: format!("u{n}"),
                    kind: "unpaired",
                    file: f.file.clone(),
                    line,
                    pair_index: index,
                    pair_id: None,
                    source_lang: if side == Side::Source { lang } else { "" },
                    target_lang: if side == Side::Target { lang } else { "" },
                    source: source.unwrap_or_default(),
                    target: target.unwrap_or_default(),
                    source_missing,
                    target_missing,
                    findings: vec![finding_view(n, f, &keys[n], 0, 1)],
                    worst: f.severity.as_str(),
                }
            } else {
                let t = run.texts.get(&index);
                let (source, target) = match t {
                    Some(t) => (
                        Some(segments(&t.source, &fs, Side::Source)),
                        Some(segments(&t.target, &fs, Side::Target)),
                    ),
                    None => (None, None),
                };
                let (file, line) = match (t, first) {
                    (Some(t), _) => (t.file.clone(), t.source_line),
                    (None, Some(f)) => (f.file.clone(), f.source_line.unwrap_or(0)),
                    (None, None) => (String::new(), 0),
                };
                RowView {
                    anchor: format!("p{index}"),
                    kind: if fs.is_empty() { "clean" } else { "pair" },
                    file,
                    line,
                    pair_index: index,
                    pair_id: t.and_then(|t| t.id.clone()),
                    source_lang: t.map(|t| t.source_lang).unwrap_or(""),
                    target_lang: t.map(|t| t.target_lang).unwrap_or(""),
                    source_missing: source.is_none(),
                    target_missing: target.is_none(),
                    source: source.unwrap_or_default(),
                    target: target.unwrap_or_default(),
                    worst: worst(fs.iter().map(|(_, f)| *f))
                        .map(Severity::as_str)
                        .unwrap_or("none"),
                    findings: fs
                        .iter()
                        .enumerate()
                        .map(|(i, (n, f))| finding_view(*n, f, &keys[*n], i, fs.len()))
                        .collect(),
                }
            }
        })
        .collect()
}

fn chart(run: &Run) -> (Vec<Bar>, usize) {
    let max = run
        .by_category()
        .iter()
        .map(|(_, n)| *n)
        .max()
        .unwrap_or(0)
        .max(1);
    let bars = Category::ALL
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mut x = LABEL_W;
            let mut parts = Vec::new();
            let mut total = 0;
            for s in SEVERITIES {
                let n = run
                    .findings
                    .iter()
                    .filter(|f| f.category() == *c && f.severity == s)
                    .count();
                total += n;
                if n > 0 {
                    let w = (n * BAR_W).div_ceil(max).max(2);
                    parts.push((s.as_str(), x, w));
                    x += w;
                }
            }
            Bar {
                name: c.as_str(),
                total,
                y: i * ROW_H,
                parts,
                label_x: x + 6,
            }
        })
        .collect();
    (bars, Category::ALL.len() * ROW_H)
}

impl Report for Html {
    fn write(&self, run: &Run, out: &mut dyn Write) -> io::Result<()> {
        let mut env = Environment::new();
        env.set_syntax(
            minijinja::syntax::SyntaxConfig::builder()
                .trim_blocks(true)
                .lstrip_blocks(true)
                .build()
                .map_err(io::Error::other)?,
        );
        env.add_template("report.html", TEMPLATE)
            .map_err(io::Error::other)?;
        env.add_template("row.html", ROW_TEMPLATE)
            .map_err(io::Error::other)?;
        let tmpl = env.get_template("report.html").map_err(io::Error::other)?;
        let row_tmpl = env.get_template("row.html").map_err(io::Error::other)?;
        let (bars, chart_h) = chart(run);
        let rules: Vec<RuleCount> = Rule::ALL
            .iter()
            .map(|r| RuleCount {
                code: r.code(),
                name: r.name(),
                category: r.category().as_str(),
                summary: super::rule_text(*r).1,
                count: run.findings.iter().filter(|f| f.rule == *r).count(),
            })
            .filter(|r| r.count > 0)
            .collect();
        let mut rows = rows(run, self.all_pairs);
        let clean_rows = rows.iter().filter(|r| r.kind == "clean").count();
        let row_count = rows.len();
        // Past `page` findings, the rest of the rows are data until shown.
        let lazy = rows.split_off(first_page(&rows, self.page));
        let shown_findings = rows.iter().map(|r| r.findings.len()).sum();
        let render_row = |r: &RowView| -> io::Result<String> {
            let html = row_tmpl
                .render(minijinja::context! { r => Value::from(minijinja::value::Serde(r)) })
                .map_err(io::Error::other)?;
            let html = html.trim();
            debug_assert!(html.ends_with("</tr>") && html.matches("</tr>").count() == 1);
            Ok(html.to_string())
        };
        let mut rows_html = String::new();
        for r in &rows {
            rows_html.push_str(&render_row(r)?);
            rows_html.push('\n');
        }
        let mut lazy_html = String::new();
        let mut lazy_meta = Vec::with_capacity(lazy.len());
        for r in &lazy {
            lazy_html.push_str(&render_row(r)?);
            lazy_meta.push(serde_json::json!([
                r.anchor,
                u8::from(r.kind == "clean"),
                r.findings
                    .iter()
                    .map(|f| serde_json::json!([
                        f.fid,
                        f.severity,
                        f.category,
                        f.code,
                        f.fingerprint,
                        f.key
                    ]))
                    .collect::<Vec<_>>(),
            ]));
        }
        let inputs: Vec<&str> = run.inputs.iter().map(|i| i.path.as_str()).collect();
        let page = Page {
            inputs_json: serde_json::to_string(&inputs).map_err(io::Error::other)?,
            page: self.page,
            row_count,
            shown_findings,
            lazy_rows: lazy.len(),
            lazy_html: Value::from_safe_string(markup_block(&lazy_html)),
            lazy_meta: Value::from_safe_string(json_block(
                &serde_json::to_string(&lazy_meta).map_err(io::Error::other)?,
            )),
            version: run.version.clone(),
            pairs: run.pairs,
            total: run.findings.len(),
            summary_line: run.summary_line(),
            severities: SEVERITIES
                .iter()
                .map(|s| Count {
                    name: s.as_str(),
                    count: run.count(*s),
                })
                .collect(),
            categories: run
                .by_category()
                .into_iter()
                .map(|(c, n)| Count {
                    name: c.as_str(),
                    count: n,
                })
                .collect(),
            rules,
            bars,
            chart_h,
            chart_w: LABEL_W + BAR_W + 40,
            inputs: run
                .inputs
                .iter()
                .map(|i| InputView {
                    path: i.path.clone(),
                    langs: match (i.source_lang, i.target_lang) {
                        (Some(s), Some(t)) => format!("{s} → {t}"),
                        _ => "—".into(),
                    },
                    pairs: i.pairs,
                })
                .collect(),
            options: run.options.clone(),
            skipped_pairs: run.skipped_pairs,
            ignored_findings: run.ignored_findings,
            baseline: run.baseline.as_ref().map(|b| BaselineView {
                path: b.path.clone(),
                suppressed: b.suppressed,
                stale_count: b.stale.len(),
                stale: b
                    .stale
                    .iter()
                    .map(|e| StaleView {
                        code: e.code.clone(),
                        file: e.file.clone(),
                        message: e.message.clone(),
                        fingerprint: e.fingerprint.clone(),
                    })
                    .collect(),
            }),
            all_pairs: self.all_pairs,
            clean_rows,
            rows_html: Value::from_safe_string(rows_html),
            style: Value::from_safe_string(STYLE.to_string()),
            script: Value::from_safe_string(SCRIPT.to_string()),
            script_hash: script_hash(),
        };
        let ctx = Value::from(minijinja::value::Serde(&page));
        let html = tmpl.render(ctx).map_err(io::Error::other)?;
        out.write_all(html.as_bytes())
    }
}

/// How many of the rows (in order) are rendered at load: as many as hold at most
/// `page` findings (a row without findings counts one), at least one; all when
/// `page` is 0.
fn first_page(rows: &[RowView], page: usize) -> usize {
    if page == 0 {
        return rows.len();
    }
    let mut weight = 0;
    for (i, r) in rows.iter().enumerate() {
        weight += r.findings.len().max(1);
        if weight > page && i > 0 {
            return i;
        }
    }
    rows.len()
}

/// JSON for a `<script type="application/json">` data block, which ends at the
/// first `</script` and reads `<!--` specially: every `<` (in JSON only inside
/// strings) becomes `\u003c`.
fn json_block(json: &str) -> String {
    json.replace('<', "\\u003c")
}

/// Row markup for a `<script type="text/x-paracheck-rows">` data block. Every `<`
/// that came from the input was escaped as `&lt;` by the template, and the
/// template writes neither `</script` nor `<!--`; should one appear all the same,
/// its `<` is escaped so that it cannot end the block.
fn markup_block(html: &str) -> String {
    let re = regex::Regex::new(r"(?i)</script|<!--").expect("valid regex");
    re.replace_all(html, |c: &regex::Captures<'_>| {
        format!("&lt;{}", &c[0][1..])
    })
    .into_owned()
}

/// `sha256-…` of the page script, for the Content-Security-Policy.
pub fn script_hash() -> String {
    format!("sha256-{}", base64(&sha256(SCRIPT.as_bytes())))
}

fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(A[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// SHA-256 (FIPS 180-4), for the script hash only.
fn sha256(data: &[u8]) -> [u8; 32] {
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
    ];
    let mut h: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];
    let mut msg = data.to_vec();
    let bits = (data.len() as u64).wrapping_mul(8);
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&bits.to_be_bytes());
    for block in msg.chunks(64) {
        let mut w = [0u32; 64];
        for i in 0..16 {
            w[i] = u32::from_be_bytes([
                block[4 * i],
                block[4 * i + 1],
                block[4 * i + 2],
                block[4 * i + 3],
            ]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16]
                .wrapping_add(s0)
                .wrapping_add(w[i - 7])
                .wrapping_add(s1);
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut hh] = h;
        for i in 0..64 {
            let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
            let ch = (e & f) ^ (!e & g);
            let t1 = hh
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(K[i])
                .wrapping_add(w[i]);
            let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
            let maj = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(maj);
            hh = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.wrapping_add(t2);
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d, e, f, g, hh]) {
            *x = x.wrapping_add(y);
        }
    }
    let mut out = [0u8; 32];
    for (i, x) in h.iter().enumerate() {
        out[4 * i..4 * i + 4].copy_from_slice(&x.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_and_base64_match_reference_values() {
        let hex = |b: &[u8]| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
        assert_eq!(
            hex(&sha256(b"")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            hex(&sha256(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let long = vec![b'a'; 1000];
        assert_eq!(
            hex(&sha256(&long)),
            "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3"
        );
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64(b"fooba"), "Zm9vYmE=");
        assert_eq!(base64(b"foob"), "Zm9vYg==");
    }

    #[test]
    fn data_blocks_cannot_be_ended_by_their_content() {
        assert_eq!(
            json_block(r#"["</script>","<!--"]"#),
            r#"["\u003c/script>","\u003c!--"]"#
        );
        assert_eq!(
            markup_block("<tr><td>a</SCRIPT b<!-- c</td></tr>"),
            "<tr><td>a&lt;/SCRIPT b&lt;!-- c</td></tr>"
        );
    }
}
