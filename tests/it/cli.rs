//! Integration tests through the real binary: the briefing builds, every chart has its SVG and
//! PNG, no text is lost between them, and bad input fails with exit code 2, a located message
//! and no files written.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_chartbook"))
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str], dir: &Path) -> Output {
    bin()
        .args(args)
        .current_dir(dir)
        .output()
        .expect("binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).to_string()
}

/// The ids of the briefing's charts, from `chartbook list`.
fn briefing_ids() -> Vec<String> {
    let o = run(&["list"], &root());
    assert!(o.status.success(), "{}", stderr(&o));
    stdout(&o)
        .lines()
        .map(|l| l.split('\t').next().unwrap_or("").to_string())
        .collect()
}

const REQUIRED: [&str; 16] = [
    "table1-prevalence-intl",
    "table1-prevalence-intl-chart",
    "table2-strategy-goals",
    "fig1-meth-arrests",
    "fig1-nps-arrests",
    "arrests-by-drug-2017",
    "fig2-new-prisoners-2017",
    "prisoners-share-2017",
    "lifetime-prevalence-2017",
    "prevalence-trend",
    "hiv-drug-use-2014",
    "psychiatric-patients-2016",
    "unodc-pledges",
    "recidivism-2017",
    "drug-laws",
    "box1-recommendations",
];

fn png_ppm(bytes: &[u8]) -> Option<u32> {
    let mut pos = 8;
    while pos + 8 <= bytes.len() {
        let len = u32::from_be_bytes(bytes[pos..pos + 4].try_into().ok()?) as usize;
        let kind = &bytes[pos + 4..pos + 8];
        if kind == b"pHYs" {
            return Some(u32::from_be_bytes(
                bytes[pos + 8..pos + 12].try_into().ok()?,
            ));
        }
        pos += 12 + len;
    }
    None
}

#[test]
fn briefing_builds_every_required_chart_with_svg_and_png() {
    let ids = briefing_ids();
    for r in REQUIRED {
        assert!(
            ids.iter().any(|i| i == r),
            "charts.toml lacks required chart {r}"
        );
    }
    let out = tempfile::tempdir().unwrap();
    let o = run(&["build", "--out", out.path().to_str().unwrap()], &root());
    assert!(o.status.success(), "build failed: {}", stderr(&o));
    for id in &ids {
        let svg = std::fs::read_to_string(out.path().join(format!("svg/{id}.svg")))
            .unwrap_or_else(|_| panic!("no svg for {id}"));
        let png = std::fs::read(out.path().join(format!("png/{id}.png")))
            .unwrap_or_else(|_| panic!("no png for {id}"));
        // The SVG embeds the fonts its text uses, names a generic fallback after them, says
        // its language and describes itself.
        assert!(svg.contains("font-family=\"Lato, sans-serif\""), "{id}");
        assert!(
            svg.contains("@font-face{font-family:\"Lato\";font-weight:400;font-style:normal;src:url(data:font/ttf;base64,"),
            "{id}"
        );
        assert!(svg.contains("xml:lang=\"en\""), "{id}");
        assert!(
            svg.contains("<title id=") && svg.contains("<desc id="),
            "{id}"
        );
        assert!(svg.contains("role=\"img\""), "{id}");
        // Every <text> reaches the rasteriser with glyphs: nothing is silently dropped.
        chartbook::output::png::parse_checked(&svg).unwrap_or_else(|e| panic!("{id}: {e}"));
        // 300 dpi written into the file, and a print-sized raster.
        assert_eq!(png_ppm(&png), Some(11811), "{id}: pHYs");
        let (w, h, px) = chartbook::output::png::decode(&png).unwrap();
        assert!(w >= 1200 && h >= 600, "{id}: {w}x{h}");
        // Not blank: a real share of the pixels is ink.
        let dark = px.chunks_exact(3).filter(|p| p[0] < 128).count();
        assert!(dark > (w * h) as usize / 200, "{id}: almost blank");
    }
}

#[test]
fn the_png_is_rasterised_from_the_same_svg() {
    let out = tempfile::tempdir().unwrap();
    let o = run(
        &[
            "build",
            "--out",
            out.path().to_str().unwrap(),
            "--only",
            "recidivism-2017",
            "--dpi",
            "96",
        ],
        &root(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let svg = std::fs::read_to_string(out.path().join("svg/recidivism-2017.svg")).unwrap();
    let png = std::fs::read(out.path().join("png/recidivism-2017.png")).unwrap();
    assert_eq!(chartbook::output::png::rasterize(&svg, 96).unwrap(), png);
    assert_eq!(png_ppm(&png), Some(3780));
}

#[test]
fn builds_are_byte_identical() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    for d in [&a, &b] {
        let o = run(
            &["build", "--out", d.path().to_str().unwrap(), "--dpi", "72"],
            &root(),
        );
        assert!(o.status.success(), "{}", stderr(&o));
    }
    for sub in ["svg", "png"] {
        let mut names: Vec<_> = std::fs::read_dir(a.path().join(sub))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        assert_eq!(names.len(), 16);
        for n in names {
            let x = std::fs::read(a.path().join(sub).join(&n)).unwrap();
            let y = std::fs::read(b.path().join(sub).join(&n)).unwrap();
            assert!(x == y, "{sub}/{n:?} differs between two builds");
        }
    }
    let x = std::fs::read(a.path().join("report.pdf")).unwrap();
    let y = std::fs::read(b.path().join("report.pdf")).unwrap();
    assert!(x == y, "report.pdf differs between two builds");
}

#[test]
fn validate_and_list_accept_the_briefing() {
    let o = run(&["validate"], &root());
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("is valid (16 charts; 4 of 8 data checks failed)"),
        "{}",
        stdout(&o)
    );
    let o = run(&["list"], &root());
    let lines: Vec<String> = stdout(&o).lines().map(str::to_string).collect();
    assert_eq!(lines.len(), 16);
    assert!(lines.iter().any(|l| l == "fig1-meth-arrests\tline\tMethamphetamine arrests peaked three times since 1954\tdata/meth_arrests.csv"), "{lines:?}");
}

#[test]
fn formats_and_only_select_what_is_written() {
    let out = tempfile::tempdir().unwrap();
    let o = run(
        &[
            "build",
            "--out",
            out.path().to_str().unwrap(),
            "--formats",
            "svg",
            "--only",
            "drug-laws",
            "unodc-pledges",
        ],
        &root(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let svgs: Vec<_> = std::fs::read_dir(out.path().join("svg")).unwrap().collect();
    assert_eq!(svgs.len(), 2);
    assert!(!out.path().join("png").exists());
    assert!(
        !out.path().join("report.pdf").exists(),
        "the handout holds every chart: not written for --only"
    );
}

#[test]
fn help_documents_the_exit_codes() {
    let o = run(&["--help"], &root());
    assert!(o.status.success());
    let s = stdout(&o);
    assert!(
        s.contains("Exit codes") && s.contains("2  invalid spec"),
        "{s}"
    );
    for sub in ["build", "validate", "list"] {
        let o = run(&[sub, "--help"], &root());
        assert!(o.status.success(), "{sub} --help");
    }
}

/// Writes a spec and data into a fresh project folder.
fn project(spec: &str, files: &[(&str, &str)]) -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("charts.toml"), spec).unwrap();
    for (name, text) in files {
        let p = d.path().join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    d
}

const DATA: (&str, &str) = ("data/a.csv", "drug,arrests\nMeth,10284\nCannabis,3218\n");

fn bad(spec: &str, files: &[(&str, &str)], expect: &[&str]) {
    let d = project(spec, files);
    let o = run(&["build"], d.path());
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "exit code; stderr: {e}");
    for s in expect {
        assert!(e.contains(s), "missing {s:?} in:\n{e}");
    }
    assert!(
        !d.path().join("output").exists(),
        "a failed build wrote files"
    );
    let o = run(&["validate"], d.path());
    assert_eq!(o.status.code(), Some(2), "validate exit code");
}

#[test]
fn unknown_kind_is_located_with_a_hint() {
    bad(
        "[[chart]]\nid = \"a\"\nkind = \"barr\"\ntitle = \"T\"\ndata = \"data/a.csv\"\nx = { field = \"drug\" }\ny = { field = \"arrests\" }\n",
        &[DATA],
        &["unknown chart kind `barr`", "charts.toml:3:8", "did you mean `bar`?", "kind = \"barr\""],
    );
}

#[test]
fn unknown_key_is_rejected_with_a_suggestion() {
    bad(
        "[[chart]]\nid = \"a\"\nkind = \"bar\"\ntitel = \"T\"\ndata = \"data/a.csv\"\n",
        &[DATA],
        &[
            "unknown field `titel`",
            "charts.toml:4:1",
            "did you mean `title`?",
        ],
    );
}

#[test]
fn missing_column_lists_the_columns() {
    bad(
        "[[chart]]\nid = \"a\"\nkind = \"bar\"\ntitle = \"T\"\ndata = \"data/a.csv\"\nx = { field = \"drug\" }\ny = { field = \"arrest\" }\n",
        &[DATA],
        &["no column `arrest`", "did you mean `arrests`?", "drug, arrests", "charts.toml:7:"],
    );
}

#[test]
fn non_numeric_cell_is_located_in_the_csv() {
    bad(
        "[[chart]]\nid = \"a\"\nkind = \"bar\"\ntitle = \"T\"\ndata = \"data/a.csv\"\nx = { field = \"drug\" }\ny = { field = \"arrests\" }\n",
        &[("data/a.csv", "drug,arrests\nMeth,10,284\n")],
        &["3 cells but the header has 2", "a.csv:2:1"],
    );
    bad(
        "[[chart]]\nid = \"a\"\nkind = \"bar\"\ntitle = \"T\"\ndata = \"data/a.csv\"\nx = { field = \"drug\" }\ny = { field = \"arrests\" }\n",
        &[("data/a.csv", "drug,arrests\nMeth,10284\nCannabis,lots\n")],
        &["`lots` in column `arrests` is not a number", "a.csv:3:10", "write numbers plainly"],
    );
}

#[test]
fn all_errors_are_reported_not_just_the_first() {
    bad(
        "[[chart]]\nid = \"Bad Id\"\nkind = \"bar\"\ntitle = \"T\"\ndata = \"data/a.csv\"\nx = { field = \"drugs\" }\ny = { field = \"arrests\" }\n\n[[chart]]\nid = \"b\"\nkind = \"line\"\ntitle = \"T\"\ndata = \"data/missing.csv\"\n",
        &[DATA],
        &["invalid chart id `Bad Id`", "no column `drugs`", "cannot read the data file `data/missing.csv`", "3 error(s)"],
    );
}

#[test]
fn data_paths_cannot_leave_the_project() {
    bad(
        "[[chart]]\nid = \"a\"\nkind = \"bar\"\ntitle = \"T\"\ndata = \"../a.csv\"\nx = { field = \"drug\" }\ny = { field = \"arrests\" }\n",
        &[DATA],
        &["leaves the project folder"],
    );
}

#[test]
fn text_the_font_cannot_draw_is_an_error() {
    bad(
        "[[chart]]\nid = \"a\"\nkind = \"bar\"\ntitle = \"मेथ\"\ndata = \"data/a.csv\"\nx = { field = \"drug\" }\ny = { field = \"arrests\" }\n",
        &[DATA],
        &["can draw `म` (U+092E)"],
    );
}

#[test]
fn report_text_and_language_are_checked_for_the_handout() {
    bad(
        "[report]\ntitle = \"ड्रग policy\"\nlang = \"english please\"\n[[chart]]\nid = \"a\"\nkind = \"bar\"\ntitle = \"T\"\nsection = \"Über\"\ndata = \"data/a.csv\"\nx = { field = \"drug\" }\ny = { field = \"arrests\" }\n",
        &[DATA],
        &[
            "charts.toml:2:9",
            "can draw `ड` (U+0921)",
            "charts.toml:3:8",
            "`english please` is not a language tag",
            "\"en-GB\"",
        ],
    );
    // No title is allowed, but the handout would be untitled: a warning, and the build goes on.
    let d = project(
        "[[chart]]\nid = \"a\"\nkind = \"bar\"\ntitle = \"T\"\ndata = \"data/a.csv\"\nx = { field = \"drug\" }\ny = { field = \"arrests\" }\nsource = \"S\"\n",
        &[DATA],
    );
    let o = run(&["build"], d.path());
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("[report] has no title"),
        "{}",
        stderr(&o)
    );
    assert!(d.path().join("output/report.pdf").exists());
}

#[test]
fn stacked_percent_rows_must_sum_to_100() {
    bad(
        "[[chart]]\nid = \"a\"\nkind = \"stacked_bar\"\nstack = \"percent\"\ntitle = \"T\"\ndata = \"data/a.csv\"\nx = { field = \"g\" }\nseries = [{ field = \"a\" }, { field = \"b\" }]\n",
        &[("data/a.csv", "g,a,b\nMen,26.7,70\n")],
        &["add up to 96.7, not 100", "a.csv:2:5"],
    );
}

#[test]
fn unknown_only_id_and_bad_dpi_are_argument_errors() {
    let o = run(
        &[
            "build",
            "--only",
            "fig1-meth-arrest",
            "--out",
            "/nonexistent-never-written",
        ],
        &root(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("did you mean `fig1-meth-arrests`?"),
        "{}",
        stderr(&o)
    );
    let o = run(&["build", "--dpi", "0"], &root());
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["build", "--formats", "gif"], &root());
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn a_failed_build_leaves_old_outputs_untouched() {
    let d = project(
        "[[chart]]\nid = \"a\"\nkind = \"bar\"\ntitle = \"T\"\ndata = \"data/a.csv\"\nx = { field = \"drug\" }\ny = { field = \"arrests\" }\n",
        &[DATA],
    );
    let o = run(&["build", "--dpi", "72"], d.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let before = std::fs::read(d.path().join("output/svg/a.svg")).unwrap();
    std::fs::write(d.path().join("data/a.csv"), "drug,arrests\nMeth,oops\n").unwrap();
    let o = run(&["build", "--dpi", "72"], d.path());
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        std::fs::read(d.path().join("output/svg/a.svg")).unwrap(),
        before
    );
    let leftovers: Vec<_> = std::fs::read_dir(d.path().join("output/svg"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "{leftovers:?}");
}
