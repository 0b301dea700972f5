//! The Japanese edition through the binary: built by the same command into output/ja/, with
//! the established Japanese names; and `validate` fails on an untranslated string (located
//! in charts.toml or at the data cell), on a character no bundled font can draw, and warns of
//! a translation no longer used.

use crate::common;

use std::path::Path;
use std::process::{Command, Output};

fn project(edit_translation: impl Fn(&str) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let to = dir.path();
    common::copy_briefing(to, str::to_string);
    let tr = to.join("translations/ja.toml");
    let text = std::fs::read_to_string(&tr).unwrap();
    std::fs::write(&tr, edit_translation(&text)).unwrap();
    dir
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chartbook"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

/// The translation file without the line that translates `en`.
fn without(en: &str) -> impl Fn(&str) -> String + '_ {
    move |t: &str| {
        let key = format!("{en:?} = ");
        assert!(t.contains(&key), "no entry for {en}");
        t.lines()
            .filter(|l| !l.starts_with(&key))
            .map(|l| format!("{l}\n"))
            .collect()
    }
}

#[test]
fn the_same_command_builds_both_editions() {
    let p = project(str::to_string);
    let o = run(p.path(), &["build", "--quiet", "--formats", "svg"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = p.path().join("output");
    let en = std::fs::read_to_string(out.join("svg/drug-laws.svg")).unwrap();
    let ja = std::fs::read_to_string(out.join("ja/svg/drug-laws.svg")).unwrap();
    assert!(en.contains("Stimulants Control Act") && !en.contains("覚醒剤取締法"));
    for name in [
        "覚醒剤取締法",
        "大麻取締法",
        "毒物及び劇物取締法",
        "麻薬及び向精神薬取締法",
        "あへん法",
        "font-family=\"'BIZ UDPGothic', sans-serif\"",
    ] {
        assert!(ja.contains(name), "ja/svg/drug-laws.svg lacks {name}");
    }
    assert!(!ja.contains("Stimulants Control Act"));
    let recid = std::fs::read_to_string(out.join("ja/svg/recidivism-2017.svg")).unwrap();
    assert!(recid.contains("厚生労働省"));
    assert!(recid.contains("<desc") && recid.contains("棒グラフ"));
    let alt = std::fs::read_to_string(out.join("ja/alt-text.md")).unwrap();
    assert!(alt.contains("覚醒剤事犯 65.5%"), "{alt}");
    // Each edition has its own manifest; check agrees with both.
    assert!(out.join("ja/manifest.json").exists());
    let c = run(p.path(), &["check", "--formats", "svg"]);
    assert_eq!(
        c.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&c.stdout)
    );
}

#[test]
fn an_untranslated_spec_string_is_an_error_where_it_is_written() {
    let p = project(without("Six laws control drugs in Japan"));
    let o = run(p.path(), &["validate"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    let spec = std::fs::read_to_string(p.path().join("charts.toml")).unwrap();
    let line = spec
        .lines()
        .position(|l| l.contains("\"Six laws control drugs in Japan\""))
        .unwrap()
        + 1;
    assert!(
        err.contains("error: no Japanese translation for “Six laws control drugs in Japan”")
            && err.contains(&format!("--> charts.toml:{line}:9"))
            && err.contains("add it under [text] in translations/ja.toml"),
        "{err}"
    );
}

#[test]
fn an_untranslated_data_cell_is_an_error_at_the_cell() {
    let p = project(without("Heroin"));
    let o = run(p.path(), &["validate"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("no Japanese translation for “Heroin”")
            && err.contains("--> data/lifetime_prevalence_2017.csv:7:1"),
        "{err}"
    );
}

#[test]
fn a_character_no_font_has_is_an_error_in_the_translation_file() {
    let p = project(|t| t.replace("\"大麻取締法\"", "\"大麻取締法 🌿\""));
    let o = run(p.path(), &["validate"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("no font of the theme (Lato, BIZ UDPGothic) can draw `🌿` (U+1F33F)")
            && err.contains("--> translations/ja.toml:"),
        "{err}"
    );
}

#[test]
fn a_translation_no_longer_used_is_a_warning() {
    let p = project(|t| format!("{t}\"A chart that was removed\" = \"削除されたグラフ\"\n"));
    let o = run(p.path(), &["validate"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains("warning: the translation of “A chart that was removed” is not used"),
        "{err}"
    );
}

#[test]
fn a_language_without_words_or_without_a_file_is_an_error() {
    let p = project(str::to_string);
    let spec = p.path().join("charts.toml");
    let text = std::fs::read_to_string(&spec).unwrap();
    std::fs::write(
        &spec,
        text.replace(
            "languages = [\"en\", \"ja\"]",
            "languages = [\"en\", \"ja\", \"fr\"]",
        ),
    )
    .unwrap();
    let err = String::from_utf8_lossy(&run(p.path(), &["validate"]).stderr).to_string();
    assert!(
        err.contains("chartbook has no words for the language `fr`"),
        "{err}"
    );
    std::fs::write(
        &spec,
        text.replace("translations = { ja = \"translations/ja.toml\" }", ""),
    )
    .unwrap();
    let err = String::from_utf8_lossy(&run(p.path(), &["validate"]).stderr).to_string();
    assert!(err.contains("no translation file for `ja`"), "{err}");
}

#[test]
fn a_typo_in_a_kind_is_one_error_not_advice_to_delete_its_translations() {
    let p = project(str::to_string);
    let spec = p.path().join("charts.toml");
    let text = std::fs::read_to_string(&spec).unwrap();
    std::fs::write(&spec, text.replacen("kind = \"bar\"", "kind = \"barr\"", 1)).unwrap();
    let o = run(p.path(), &["validate"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("unknown chart kind `barr`"), "{err}");
    assert!(!err.contains("is not used"), "{err}");
}

/// Whether `c` is set without spaces (kana, kanji, full-width punctuation).
fn cjk(c: char) -> bool {
    matches!(u32::from(c), 0x3000..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xFF00..=0xFFEF)
}

/// Every place a Japanese line of a committed SVG ends inside a BudouX phrase: the lines of
/// one paragraph are the `<text>` elements in a row at one x and size, a line apart.
fn mid_phrase_breaks(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).expect("SVG parses");
    let lines: Vec<(String, f64, f64, String)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|t| {
            let first_x = t
                .children()
                .find(|c| c.has_tag_name("tspan"))
                .and_then(|s| s.attribute("x"))
                .or(t.attribute("x"))
                .unwrap_or("")
                .to_string();
            let num = |a: &str| t.attribute(a).and_then(|v| v.parse().ok()).unwrap_or(0.0);
            let text: String = t.descendants().filter_map(|d| d.text()).collect();
            (first_x, num("y"), num("font-size"), text)
        })
        .collect();
    let mut out = Vec::new();
    for w in lines.windows(2) {
        let ((xa, ya, sa, a), (xb, yb, sb, b)) = (&w[0], &w[1]);
        let same_paragraph = xa == xb && sa == sb && *yb > *ya && *yb - *ya <= sa * 1.6;
        let (Some(last), Some(first)) = (a.chars().last(), b.chars().next()) else {
            continue;
        };
        if !same_paragraph || !(cjk(last) && cjk(first)) {
            continue;
        }
        let joined = format!("{a}{b}");
        if !chartbook::linebreak::phrase_starts(&joined).contains(&a.len()) {
            out.push(format!("{a} / {b}"));
        }
    }
    out
}

#[test]
fn no_japanese_line_breaks_inside_a_phrase() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("output/ja/svg");
    let mut checked = 0;
    let mut bad = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    for p in names
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "svg"))
    {
        let svg = std::fs::read_to_string(p).unwrap();
        for b in mid_phrase_breaks(&svg) {
            bad.push(format!("{}: {b}", p.file_name().unwrap().to_string_lossy()));
        }
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} SVGs");
    assert!(
        bad.is_empty(),
        "lines broken inside a phrase:\n{}",
        bad.join("\n")
    );
    // The words the old character breaking split are whole on their lines.
    let laws = std::fs::read_to_string(dir.join("drug-laws.svg")).unwrap();
    for whole in ["（医薬品医療機器等法）", "（デザイナードラッグ）"] {
        assert!(laws.contains(&format!(">{whole}<")), "{whole}");
    }
    // And the check finds a break that splits a word.
    let split = r#"<svg xmlns="http://www.w3.org/2000/svg"><text y="10" font-size="10"><tspan x="0">関する法律（医薬品医療機</tspan></text><text y="23" font-size="10"><tspan x="0">器等法）</tspan></text></svg>"#;
    assert_eq!(mid_phrase_breaks(split).len(), 1);
}
