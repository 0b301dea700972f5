//! Property: long and odd strings in every text field never panic. Each case puts a string
//! (very long words, long sentences, combining marks, emoji, right-to-left letters, CJK,
//! zero-width characters, whitespace runs, TOML-escaped controls and bidi marks, markup) into
//! one text field of a spec of every drawing kind, then validates it and renders whatever
//! validates to SVG, PNG and a PDF figure, and writes the Markdown outputs.

use proptest::prelude::*;

/// Pieces of odd text; a string is a few of them, repeated.
const PIECES: &[&str] = &[
    "word",
    " ",
    "  ",
    "supercalifragilisticexpialidocious",
    "é",
    "e\u{301}",
    "👩‍👩‍👧",
    "🇯🇵",
    "مرحبا",
    "שלום",
    "覚醒剤取締法",
    "ー",
    "、",
    "\u{200b}",
    "\u{2060}",
    "\u{feff}",
    "\u{a0}",
    "\\u202E",
    "\\u0007",
    "\\u001B[31m",
    "\\n# heading\\n",
    "<script>",
    "[x](javascript:1)",
    "&amp;",
    "%",
    "$",
    "…",
    "–",
    "-",
    "/",
    "1.",
    "\\\\",
    "'",
    "{",
    "}",
    "=",
    "\\t",
];

/// The fields, as `key = "{}"` lines or fragments placed into the spec below.
const FIELDS: &[&str] = &[
    "title",
    "subtitle",
    "source",
    "notes",
    "alt",
    "prefix",
    "suffix",
    "axis title",
    "series label",
    "annotation",
    "category",
    "report title",
    "check name",
];

fn odd() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(prop::sample::select(PIECES), 1..12),
        prop_oneof![4 => Just(1usize), 1 => 2usize..400],
    )
        .prop_map(|(pieces, repeat)| pieces.concat().repeat(repeat))
}

fn spec(field: &str, s: &str, kind: &str) -> (String, String) {
    let pick = |f: &str, default: &str| {
        if field == f {
            s.to_string()
        } else {
            default.to_string()
        }
    };
    let (x, y) = (
        if kind == "line" {
            "x = { field = \"year\", type = \"temporal\" }"
        } else {
            "x = { field = \"k\" }"
        }
        .to_string(),
        format!(
            "y = {{ field = \"v\", title = \"{}\", prefix = \"{}\", suffix = \"{}\" }}",
            pick("axis title", "People"),
            pick("prefix", ""),
            pick("suffix", "")
        ),
    );
    // A table has no axes (an axis on one is an error): its strings are the others.
    let (x, y) = if kind == "table" {
        (String::new(), String::new())
    } else {
        (x, y)
    };
    let series = if kind == "grouped_bar" || kind == "stacked_bar" {
        format!(
            "series = [{{ field = \"v\", label = \"{}\" }}, {{ field = \"w\" }}]\n",
            pick("series label", "V")
        )
    } else {
        String::new()
    };
    let ann = if field == "annotation" && kind != "table" {
        format!("annotations = [{{ y = 2, text = \"{s}\" }}]\n")
    } else {
        String::new()
    };
    let toml = format!(
        "[report]\ntitle = \"{}\"\n\n[[chart]]\nid = \"a\"\nkind = \"{kind}\"\ntitle = \"{}\"\nsubtitle = \"{}\"\ndata = \"data/d.csv\"\n{x}\n{}\n{series}{ann}source = \"{}\"\nnotes = [\"{}\"]\nalt = \"{}\"\n\n[[check]]\nname = \"{}\"\nkind = \"range\"\nvalue = {{ value = 2, source = \"S\" }}\nmin = 0\nmax = 1\n",
        pick("report title", "R"),
        pick("title", "T"),
        pick("subtitle", "S"),
        if series.is_empty() { y } else { y.replace("field = \"v\", ", "") },
        pick("source", "Src"),
        pick("notes", "N"),
        pick("alt", "A"),
        pick("check name", "C"),
    );
    let cat = if field == "category" {
        format!("\"{}\"", s.replace('"', "\"\"").replace("\\\\", "\\"))
    } else {
        "B".to_string()
    };
    let csv = if kind == "line" {
        "year,v,w\n2014,1,2\n2015,3,1\n2016,2,2\n".to_string()
    } else {
        format!("k,v,w\nA,1,2\n{cat},3,1\nC,2,2\n")
    };
    (toml, csv)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn long_and_odd_strings_in_any_text_field_never_panic(
        field in prop::sample::select(FIELDS),
        s in odd(),
        kind in prop::sample::select(vec!["bar", "grouped_bar", "stacked_bar", "line", "table"]),
    ) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("data")).unwrap();
        let (toml, csv) = spec(field, &s, kind);
        std::fs::write(dir.path().join("data/d.csv"), csv).unwrap();
        let path = dir.path().join("charts.toml");
        std::fs::write(&path, &toml).unwrap();
        // `load` runs the layout pass too (label warnings, size limits).
        if let Ok(loaded) = chartbook::load(&path) {
            for c in &loaded.spec.charts {
                let _ = chartbook::output::render_chart(c, &chartbook::model::Context::of(&loaded.spec), Some(36), true);
            }
            let _ = chartbook::output::alt_text::markdown(&loaded.spec);
            let _ = chartbook::spec::checks::data_notes_markdown(
                &loaded.spec.report.title,
                &loaded.spec.checks,
                loaded.spec.lang(),
                loaded.spec.report.source_name.as_deref(),
            );
        }
    }
}

#[test]
fn the_plain_spec_of_every_kind_validates_so_the_property_reaches_the_renderer() {
    for kind in ["bar", "grouped_bar", "stacked_bar", "line", "table"] {
        for field in FIELDS {
            let dir = tempfile::tempdir().unwrap();
            std::fs::create_dir_all(dir.path().join("data")).unwrap();
            let (toml, csv) = spec(field, "Plain words", kind);
            std::fs::write(dir.path().join("data/d.csv"), csv).unwrap();
            let path = dir.path().join("charts.toml");
            std::fs::write(&path, &toml).unwrap();
            let loaded = chartbook::load(&path);
            assert!(loaded.is_ok(), "{kind} {field}: {:?}\n{toml}", loaded.err());
        }
    }
}
