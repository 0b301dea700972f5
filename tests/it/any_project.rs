//! Projects that are not the briefing, through the real binary: a spec in its own language
//! (not English, no translations), `[theme] colors`, negative values on a range axis.

use std::path::Path;
use std::process::Command;

fn project(dir: &Path, spec: &str, csv: &str) {
    std::fs::create_dir_all(dir.join("data")).unwrap();
    std::fs::write(dir.join("charts.toml"), spec).unwrap();
    std::fs::write(dir.join("data/d.csv"), csv).unwrap();
}

fn build(dir: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_chartbook"))
        .args(["build", "--formats", "svg,pdf", "--quiet"])
        .current_dir(dir)
        .output()
        .unwrap()
}

fn svg(dir: &Path, id: &str) -> String {
    std::fs::read_to_string(dir.join(format!("output/svg/{id}.svg"))).unwrap()
}

const CSV: &str = "region,a,b\n北部,12,\n南部,-3,5\n";

#[test]
fn a_spec_in_japanese_gets_every_word_chartbook_writes_in_japanese() {
    let tmp = tempfile::tempdir().unwrap();
    let spec = r#"
[report]
title = "地域の数値"
lang = "ja"

[[chart]]
id = "regions"
kind = "grouped_bar"
title = "地域別"
data = "data/d.csv"
x = { field = "region" }
series = [{ field = "a", label = "甲" }, { field = "b", label = "乙" }]
source = "統計局"
"#;
    project(tmp.path(), spec, CSV);
    let out = build(tmp.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = svg(tmp.path(), "regions");
    assert!(s.contains("出典："), "the source line is in Japanese");
    assert!(
        s.contains("データなし"),
        "the missing value is marked in Japanese"
    );
    for english in ["Source:", "no data", "Key:", "Chart 1"] {
        assert!(
            !s.contains(english),
            "English `{english}` in a Japanese chart"
        );
    }
    let alt = std::fs::read_to_string(tmp.path().join("output/alt-text.md")).unwrap();
    assert!(
        alt.contains("グループ棒グラフ"),
        "the description is in Japanese: {alt}"
    );
    assert!(!alt.contains("Chart 1"), "{alt}");
}

#[test]
fn theme_colors_give_a_series_its_colour_in_every_chart() {
    let tmp = tempfile::tempdir().unwrap();
    let spec = r##"
[report]
title = "Colours"

[theme]
colors = { "Beta" = "#123456" }

[[chart]]
id = "first"
kind = "grouped_bar"
title = "Beta second"
data = "data/d.csv"
x = { field = "region" }
series = [{ field = "a", label = "Alpha" }, { field = "b", label = "Beta" }]
source = "Test"

[[chart]]
id = "second"
kind = "line"
title = "Beta first"
data = "data/d.csv"
x = { field = "year", type = "temporal" }
series = [{ field = "b", label = "Beta" }, { field = "a", label = "Alpha" }]
source = "Test"
"##;
    project(
        tmp.path(),
        spec,
        "region,a,b,year\nN,12,4,2001\nS,3,5,2002\n",
    );
    let out = build(tmp.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for id in ["first", "second"] {
        let s = svg(tmp.path(), id).to_ascii_lowercase();
        assert!(s.contains("#123456"), "{id}: Beta's colour");
        // Alpha takes the first palette colour that Beta does not use.
        assert!(s.contains("#0072b2"), "{id}: Alpha's colour");
    }
}

#[test]
fn a_colour_for_no_series_is_a_warning_with_a_suggestion() {
    let tmp = tempfile::tempdir().unwrap();
    let spec = r##"
[report]
title = "Colours"

[theme]
colors = { "Betta" = "#123456" }

[[chart]]
id = "first"
kind = "grouped_bar"
title = "Bars"
data = "data/d.csv"
x = { field = "region" }
series = [{ field = "a", label = "Alpha" }, { field = "b", label = "Beta" }]
source = "Test"
"##;
    project(tmp.path(), spec, "region,a,b\nN,12,4\nS,3,5\n");
    let out = Command::new(env!("CARGO_BIN_EXE_chartbook"))
        .arg("validate")
        .current_dir(tmp.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success());
    assert!(
        err.contains("no chart has a series named `Betta`: its colour is unused"),
        "{err}"
    );
    assert!(err.contains("did you mean `Beta`?"), "{err}");
}

#[test]
fn a_range_axis_holds_negative_lows_and_honours_min() {
    let tmp = tempfile::tempdir().unwrap();
    let spec = r#"
[report]
title = "Temperatures"

[[chart]]
id = "temps"
kind = "range"
title = "Daily range"
data = "data/d.csv"
x = { field = "day" }
y = { min = -10 }
ranges = [{ low = "low", high = "high", label = "Temperature" }]
source = "Test"
"#;
    project(
        tmp.path(),
        spec,
        "day,low,high\nMon,-3.2,5.6\nTue,1.7,5.0\n",
    );
    let out = build(tmp.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = svg(tmp.path(), "temps");
    // The axis starts at the min, in the typographic minus.
    assert!(s.contains("\u{2212}10"), "the axis starts at −10");
    // Every circle (the ends of each range) lies on the canvas, right of the names; the
    // drawing is in quarter pixels (viewBox 4 × 640 wide).
    for part in s.split("<circle").skip(1) {
        let cx: f64 = part
            .split("cx=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .and_then(|v| v.parse().ok())
            .unwrap();
        assert!(
            cx > 4.0 * 80.0 && cx < 4.0 * 640.0,
            "a range end at x = {cx}"
        );
    }
}

#[test]
fn chartbook_speaks_of_the_source_not_the_paper_unless_the_spec_names_it() {
    let tmp = tempfile::tempdir().unwrap();
    let spec = |name: &str| {
        format!(
            r#"
[report]
title = "Generic"
{name}

[[chart]]
id = "trend"
kind = "line"
title = "Trend"
data = "data/d.csv"
x = {{ field = "year", type = "temporal" }}
y = {{ field = "v" }}
source = "Office of Statistics"
footnotes = [3]
"#
        )
    };
    project(tmp.path(), &spec(""), "year,v\n2001,4\n2005,6\n2006,7\n");
    let out = build(tmp.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = svg(tmp.path(), "trend");
    assert!(s.contains("Endnote 3."), "generic endnote words");
    assert!(
        s.contains("no figure in the source"),
        "the key of years without figures"
    );
    assert!(!s.to_lowercase().contains("paper"), "no word of a paper");

    std::fs::write(
        tmp.path().join("charts.toml"),
        spec("source_name = \"annual report\""),
    )
    .unwrap();
    let out = build(tmp.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = svg(tmp.path(), "trend");
    assert!(
        s.contains("Annual report endnote 3."),
        "the spec's own name"
    );
    assert!(s.contains("no figure in the annual report"));
}

#[test]
fn a_dense_line_draws_no_dots_unless_asked() {
    let tmp = tempfile::tempdir().unwrap();
    let csv: String = std::iter::once("year,v\n".to_string())
        .chain((1700..2009).map(|y| format!("{y},{}\n", (y % 11) * 10)))
        .collect();
    let spec = |markers: &str| {
        format!(
            r#"
[report]
title = "Dense"

[[chart]]
id = "dense"
kind = "line"
title = "Dense"
data = "data/d.csv"
x = {{ field = "year", type = "temporal" }}
y = {{ field = "v" }}
source = "Test"
{markers}
"#
        )
    };
    let circles = |markers: &str| {
        project(tmp.path(), &spec(markers), &csv);
        let out = build(tmp.path());
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        svg(tmp.path(), "dense").matches("<circle").count()
    };
    assert_eq!(circles(""), 0, "309 points 2 px apart: no dots by default");
    assert_eq!(circles("markers = \"never\""), 0);
    // Each dot is a fill and a paper-coloured ring.
    assert_eq!(circles("markers = \"always\""), 2 * 309);
}

#[test]
fn a_long_file_prints_its_ends_in_the_appendix_and_points_to_the_file_for_the_rest() {
    let tmp = tempfile::tempdir().unwrap();
    let spec = r#"
[report]
title = "A long series"

[[chart]]
id = "daily"
kind = "line"
title = "Daily readings"
data = "data/d.csv"
x = { field = "day", type = "temporal" }
y = { field = "reading" }
markers = "never"
values = false
source = "Test"
"#;
    let mut csv = String::from("day,reading\n");
    for i in 0..1_000 {
        let (y, d) = (2020 + i / 365, i % 365);
        let (m, dd) = month_day(d);
        csv.push_str(&format!("{y}-{m:02}-{dd:02},{}\n", 100 + (i * 37) % 50));
    }
    project(tmp.path(), spec, &csv);
    let out = build(tmp.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = tmp.path().join("output/report.pdf");
    let doc = lopdf::Document::load(&pdf).unwrap();
    // 1,000 rows printed in full take some 25 pages; their ends and a note take one.
    assert!(
        doc.get_pages().len() <= 4,
        "{} pages for one chart",
        doc.get_pages().len()
    );
    let text = Command::new("pdftotext")
        .args([pdf.to_str().unwrap(), "-"])
        .output();
    match text {
        Ok(t) if t.status.success() => {
            let t = String::from_utf8_lossy(&t.stdout)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            assert!(
                t.contains(
                    "Rows 11 to 990 of 1,000 are not printed here; every row is in data/d.csv."
                ),
                "{t}"
            );
        }
        _ => eprintln!("note: pdftotext not installed; the note's words are not checked"),
    }
}

/// Month and day of the `d`th day (0-based) of a 365-day year.
fn month_day(d: usize) -> (usize, usize) {
    let lens = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let mut d = d;
    for (m, l) in lens.iter().enumerate() {
        if d < *l {
            return (m + 1, d + 1);
        }
        d -= l;
    }
    (12, 31)
}
