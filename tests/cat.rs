//! CAT-tool files (TMX, XLIFF 1.2, XLIFF 2.1) end to end: the same content gives
//! the same findings in every input format; inline codes are left out of the text
//! the checks and reports see; languages come from the file; UTF-16; `paracheck
//! pairs`; directory walks; hostile XML.

mod common;

use common::{root, run, run_in};
use serde_json::Value;

fn json(args: &[&str]) -> (i32, Value, String) {
    let mut a = vec![
        "check",
        "--isolated",
        "--format",
        "json",
        "--fail-on",
        "never",
    ];
    a.extend_from_slice(args);
    let (code, out, err) = run(&a);
    let v = serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}): {out} {err}"));
    (code, v, err)
}

/// The findings as the content decides them: everything but where they are (file,
/// lines, pair id) and the fingerprint (keyed on the id when there is one).
fn content(report: &Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{} {} {} {} {}",
                f["code"], f["pair_index"], f["message"], f["source"], f["target"]
            )
        })
        .collect()
}

#[test]
fn the_same_content_gives_the_same_findings_in_every_format() {
    let (_, tsv, _) = json(&["fixtures/cat/en-zh.tsv"]);
    let want = content(&tsv);
    let codes: Vec<&str> = tsv["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["N001", "E001", "D001"], "{tsv}");
    for args in [
        &["fixtures/cat/en-zh.csv"][..],
        &["fixtures/cat/en-zh.tmx"],
        &["fixtures/cat/en-zh.xlf"],
        &["fixtures/cat/en-zh.xliff"],
        &["fixtures/cat/en-zh.md"],
        &[
            "--source",
            "fixtures/cat/en-zh.en.txt",
            "--target",
            "fixtures/cat/en-zh.zh.txt",
        ],
    ] {
        let (_, r, err) = json(args);
        assert_eq!(r["summary"]["pairs"], 8, "{args:?}: {err}");
        assert_eq!(content(&r), want, "{args:?}");
    }
}

#[test]
fn cat_files_name_their_units_and_lines() {
    let (_, r, _) = json(&["fixtures/cat/en-zh.tmx"]);
    let f = &r["findings"][0];
    assert_eq!(
        (f["pair_id"].as_str(), f["source_line"].as_u64()),
        (Some("u4"), Some(19))
    );
    let (_, r, _) = json(&["fixtures/cat/en-zh.xlf"]);
    let f = &r["findings"][0];
    assert_eq!(f["pair_id"].as_str(), Some("en-zh.txt#u4"));
    // The other direction: the header's srclang is Chinese.
    let (_, r, _) = json(&["fixtures/cat/zh-en.tmx"]);
    let f = &r["findings"][0];
    assert_eq!(f["code"], "N001");
    assert_eq!(f["source"]["text"], "3.5万人");
    assert_eq!(f["target"]["text"], "350,000");
}

#[test]
fn inline_codes_are_left_out_and_spans_point_into_the_text_shown() {
    let (code, out, err) = run(&["pairs", "fixtures/cat/en-zh.xlf"]);
    assert_eq!(code, 0, "{err}");
    let rows: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 8, "translate=\"no\" is skipped: {err}");
    assert!(err.contains("8 pairs (XLIFF 1), 1 unit skipped"), "{err}");
    let u2 = &rows[1];
    assert_eq!(
        u2["source"],
        "Exports to Germany rose 7.5 percent in the first quarter."
    );
    assert_eq!(u2["target"], "第一季度对德国出口增长了7.5%。");
    // <x id="12"/> is no number: the pair is clean.
    let (_, r, _) = json(&["fixtures/cat/en-zh.xlf"]);
    assert!(
        r["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["pair_index"] != 1)
    );
    // The name span of u5 points into the plain text (characters, as JSON says).
    let f = &r["findings"][1];
    let text: Vec<char> = rows[4]["source"].as_str().unwrap().chars().collect();
    let (s, e) = (
        f["source"]["start"].as_u64().unwrap() as usize,
        f["source"]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(text[s..e].iter().collect::<String>(), "Brazil");
    let target: Vec<char> = rows[4]["target"].as_str().unwrap().chars().collect();
    let (s, e) = (
        f["target"]["start"].as_u64().unwrap() as usize,
        f["target"]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(target[s..e].iter().collect::<String>(), "阿根廷");
    // <alt-trans> and <note> are not read (their 999 and 1999 would be extra numbers).
    assert!(!out.contains("999"), "{out}");
    // XLIFF 2.1: segments joined with their ignorable, <pc> keeps its text.
    let (_, out, _) = run(&["pairs", "fixtures/cat/en-zh.xliff"]);
    let first: Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(
        first["source"],
        "The new bridge opened on 12 March 2021 after four years of work."
    );
    assert_eq!(
        first["target"],
        "新大桥在历时四年施工后于2021年3月12日通车。"
    );
}

#[test]
fn pairs_lists_every_unit_without_language_support() {
    let (code, out, err) = run(&["pairs", "--format", "tsv", "fixtures/cat/de-it.xlf"]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "id\tfile\tline\tsource\ttarget");
    assert_eq!(
        lines[1..],
        [
            "menu.txt#m1\tfixtures/cat/de-it.xlf\t5\tDie Suppe kostet 6 Euro.\tLa zuppa costa 6 euro.",
            "menu.txt#m2\tfixtures/cat/de-it.xlf\t6\tGeöffnet ab 18 Uhr.\t",
            "menu.txt#m3\tfixtures/cat/de-it.xlf\t7\tTischreservierung\tPrenotazione tavolo",
        ]
    );
    assert!(
        err.contains("3 pairs (XLIFF 1), 1 with an empty target"),
        "{err}"
    );
    // `check` says which language it cannot read, and how to go on.
    let (code, _, err) = run(&["check", "--isolated", "fixtures/cat/de-it.xlf"]);
    assert_eq!(code, 2);
    assert!(err.contains("source language is `de`"), "{err}");
    assert!(err.contains("paracheck pairs"), "{err}");
    // Other inputs list too, and JSONL from `pairs` reads back as the same pairs.
    let (_, from_tsv, _) = run(&["pairs", "-q", "fixtures/cat/en-zh.tsv"]);
    let (_, from_tmx, _) = run(&["pairs", "-q", "fixtures/cat/en-zh.tmx"]);
    let strip = |s: &str| -> Vec<(String, String, String)> {
        s.lines()
            .map(|l| {
                let v: Value = serde_json::from_str(l).unwrap();
                (
                    v["id"].to_string(),
                    v["source"].to_string(),
                    v["target"].to_string(),
                )
            })
            .collect()
    };
    assert_eq!(strip(&from_tsv), strip(&from_tmx));
    let dir = tempfile::tempdir().unwrap();
    let jsonl = dir.path().join("pairs.jsonl");
    std::fs::write(&jsonl, &from_tmx).unwrap();
    let (_, a, _) = json(&[jsonl.to_str().unwrap()]);
    let (_, b, _) = json(&["fixtures/cat/en-zh.tmx"]);
    assert_eq!(content(&a), content(&b));
}

#[test]
fn a_review_file_gets_alignment_findings_not_errors() {
    let (code, r, err) = json(&["fixtures/cat/review.xlf"]);
    assert_eq!(code, 0, "{err}");
    let got: Vec<(String, u64)> = r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().into(),
                f["pair_index"].as_u64().unwrap(),
            )
        })
        .collect();
    let want: Vec<(String, u64)> = [
        ("A002", 1),
        ("A002", 2),
        ("A003", 3),
        ("A004", 4),
        ("A005", 5),
    ]
    .iter()
    .map(|(c, i)| (c.to_string(), *i))
    .collect();
    assert_eq!(got, want, "{r}");
    assert_eq!(r["summary"]["pairs"], 7);
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let text = text.replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"");
    let mut out = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for u in text.encode_utf16() {
        out.extend(if big_endian {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        });
    }
    out
}

#[test]
fn utf16_and_single_byte_files_are_read() {
    let text = std::fs::read_to_string(root().join("fixtures/cat/en-zh.tmx")).unwrap();
    let (_, want, _) = json(&["fixtures/cat/en-zh.tmx"]);
    let dir = tempfile::tempdir().unwrap();
    for be in [false, true] {
        let p = dir.path().join(format!("utf16-{be}.tmx"));
        std::fs::write(&p, utf16(&text, be)).unwrap();
        let (_, got, err) = json(&[p.to_str().unwrap()]);
        assert_eq!(content(&got), content(&want), "big endian {be}: {err}");
    }
    // windows-1252, as its declaration says: 'é' and '€' are one byte each.
    let p = dir.path().join("cp1252.xlf");
    let mut bytes = b"<?xml version=\"1.0\" encoding=\"windows-1252\"?>\n<xliff version=\"1.2\"><file original=\"x\" source-language=\"fr\" target-language=\"de\"><body><trans-unit id=\"1\"><source>Caf".to_vec();
    bytes.extend([0xE9, b' ', b'2', b' ', 0x80]);
    bytes.extend(b"</source><target>Kaffee 2 Euro</target></trans-unit></body></file></xliff>\n");
    std::fs::write(&p, bytes).unwrap();
    let (code, out, err) = run(&["pairs", "-f", "tsv", p.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("\tCafé 2 €\tKaffee 2 Euro"), "{out}");
}

#[test]
fn standard_input_takes_xml_too() {
    let xlf = std::fs::read(root().join("fixtures/cat/en-zh.xlf")).unwrap();
    let out = assert_cmd::Command::cargo_bin("paracheck")
        .unwrap()
        .current_dir(root())
        .args([
            "check",
            "-",
            "--isolated",
            "-f",
            "json",
            "--fail-on",
            "never",
        ])
        .write_stdin(xlf)
        .output()
        .unwrap();
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    let (_, want, _) = json(&["fixtures/cat/en-zh.xlf"]);
    assert_eq!(content(&r), content(&want));
}

#[test]
fn a_directory_is_walked_in_path_order_respecting_gitignore() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("b/deep")).unwrap();
    std::fs::create_dir_all(d.join("a")).unwrap();
    for (from, to) in [
        ("fixtures/cat/en-zh.xlf", "b/deep/job.xlf"),
        ("fixtures/cat/en-zh.tmx", "a/memory.tmx"),
        ("fixtures/cat/en-zh.tsv", "b/pairs.tsv"),
        ("fixtures/cat/en-zh.tsv", "b/ignored.tsv"),
        ("fixtures/cat/en-zh.md", "b/notes.md"),
    ] {
        std::fs::copy(root().join(from), d.join(to)).unwrap();
    }
    std::fs::write(d.join(".gitignore"), "ignored.tsv\n").unwrap();
    let (code, out, err) = run_in(
        d,
        &[
            "check",
            ".",
            "--isolated",
            "-f",
            "json",
            "--fail-on",
            "never",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let r: Value = serde_json::from_str(&out).unwrap();
    let files: Vec<&str> = r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    let mut seen: Vec<&str> = files.clone();
    seen.dedup();
    assert_eq!(
        seen,
        ["./a/memory.tmx", "./b/deep/job.xlf", "./b/pairs.tsv"]
    );
    assert_eq!(r["summary"]["pairs"], 24);
    // Pair indices run on across the files.
    assert_eq!(r["findings"][3]["pair_index"], 11);
    // Interleaved text (any prose file) only with --input-format text.
    let (code, out, err) = run_in(
        d,
        &[
            "check",
            "b",
            "--isolated",
            "--input-format",
            "text",
            "-f",
            "json",
            "--fail-on",
            "never",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let r: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(r["summary"]["pairs"], 8);
    assert_eq!(r["findings"][0]["file"], "b/notes.md");
    let empty = tempfile::tempdir().unwrap();
    let (code, _, err) = run_in(empty.path(), &["check", ".", "--isolated"]);
    assert_eq!(code, 2);
    assert!(err.contains("no supported file"), "{err}");
}

#[test]
fn hostile_xml_is_refused_with_file_line_and_column() {
    let secret = std::fs::read_to_string(root().join("fixtures/bad/xxe-secret.txt")).unwrap();
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    for (file, want) in [
        (
            "billion-laughs.tmx",
            "billion-laughs.tmx:2:1: DOCTYPE with an internal subset refused",
        ),
        (
            "xxe.xlf",
            "xxe.xlf:2:1: DOCTYPE with an internal subset refused",
        ),
        (
            "entity.tmx",
            "entity.tmx:5:41: entity reference &nbsp; refused",
        ),
        ("malformed.xlf", "malformed.xlf:5:56: malformed XML"),
    ] {
        for cmd in ["check", "pairs"] {
            let start = std::time::Instant::now();
            let path = format!("fixtures/bad/{file}");
            let args = if cmd == "check" {
                vec!["check", "--isolated", path.as_str()]
            } else {
                vec!["pairs", path.as_str()]
            };
            let (code, out, err) = run(&args);
            assert_eq!(code, 2, "{cmd} {file}: {err}");
            assert!(err.contains(want), "{cmd} {file}: {err}");
            assert!(!err.contains("panicked"), "{err}");
            assert!(out.is_empty(), "{cmd} {file}: nothing on stdout: {out}");
            assert!(start.elapsed().as_secs() < 20, "{file}: no expansion");
            for leak in [secret.trim(), passwd.lines().next().unwrap_or("\u{0}")] {
                assert!(
                    !out.contains(leak) && !err.contains(leak),
                    "{file} leaks {leak}"
                );
            }
        }
    }
    // A truncated document, another root, an empty file.
    let dir = tempfile::tempdir().unwrap();
    let cut = dir.path().join("cut.tmx");
    let full = std::fs::read_to_string(root().join("fixtures/cat/en-zh.tmx")).unwrap();
    std::fs::write(&cut, &full[..full.len() / 2]).unwrap();
    let other = dir.path().join("other.xlf");
    std::fs::write(&other, "<?xml version=\"1.0\"?>\n<html><body/></html>\n").unwrap();
    let empty = dir.path().join("empty.xlf");
    std::fs::write(&empty, "").unwrap();
    for (p, want) in [
        (&cut, "cut.tmx:"),
        (&other, "the root element is <html>"),
        (&empty, "the file is empty"),
    ] {
        let (code, _, err) = run(&["check", "--isolated", p.to_str().unwrap()]);
        assert_eq!(code, 2, "{err}");
        assert!(err.contains(want), "{err}");
    }
}

#[test]
fn markup_does_not_decide_the_language() {
    // A Chinese column that is mostly HTML markup is still Chinese.
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("html.tsv");
    let mut rows = String::new();
    for i in 1..=5 {
        rows.push_str(&format!(
            "The plant made {i}00 cars.\t<p class=\"article-body text-center\"><span style=\"font-weight:bold\">工厂生产了{i}00辆汽车。</span></p>\n"
        ));
    }
    std::fs::write(&p, rows).unwrap();
    let (code, r, err) = json(&[p.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(r["summary"]["findings"], 0, "{r}");
}
