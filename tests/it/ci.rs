//! For CI pipelines: the manifest, `check`, incremental builds that touch nothing when
//! nothing changed, `--jobs` giving the same bytes, `--force`, removed charts, and JSON
//! messages. Through the real binary, on a copy of the briefing project.

use crate::common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output};
use std::time::SystemTime;

fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    common::copy_briefing(dir.path(), str::to_string);
    dir
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chartbook"))
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("CI")
        .output()
        .unwrap()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// Every file under `dir`: bytes and modification time.
fn files(dir: &Path) -> BTreeMap<String, (Vec<u8>, SystemTime)> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().display().to_string();
                out.insert(
                    rel,
                    (
                        std::fs::read(&p).unwrap(),
                        e.metadata().unwrap().modified().unwrap(),
                    ),
                );
            }
        }
    }
    out
}

/// The JSON lines of a `--message-format json` run.
fn events(o: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l}: {e}")))
        .collect()
}

fn fast(dir: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["build", "--dpi", "72"];
    args.extend_from_slice(extra);
    run(dir, &args)
}

#[test]
fn the_manifest_lists_every_output_with_its_hash() {
    let p = project();
    assert!(fast(p.path(), &[]).status.success());
    let out = p.path().join("output");
    let m: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    let outputs = m["outputs"].as_object().unwrap();
    // SVG, PNG and data CSV per chart, a phone SVG per figure (12 of the 16 charts), the
    // handout, the data notes, the alt text, the HTML page.
    assert_eq!(outputs.len(), 16 * 3 + 12 + 4);
    let keys: Vec<&String> = outputs.keys().collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted, "stable key order");
    for (path, e) in outputs {
        let bytes = std::fs::read(out.join(path)).unwrap();
        assert_eq!(e["size"].as_u64(), Some(bytes.len() as u64), "{path}");
        assert_eq!(
            e["sha256"].as_str().unwrap(),
            chartbook::output::manifest::sha256_hex(&bytes),
            "{path}"
        );
        assert_eq!(e["inputs"].as_str().unwrap().len(), 64, "{path}");
        if let Some(data) = e["data"].as_object() {
            // Provenance: the data files with their hashes, in the manifest and in the SVG.
            for (file, hash) in data {
                let text = std::fs::read(p.path().join(file)).unwrap();
                assert_eq!(
                    hash.as_str().unwrap(),
                    chartbook::output::manifest::sha256_hex(&text),
                    "{path}: {file}"
                );
                if path.ends_with(".svg") {
                    let svg = String::from_utf8(bytes.clone()).unwrap();
                    let tag = format!(
                        "<cb:data path=\"{file}\" sha256=\"{}\"/>",
                        hash.as_str().unwrap()
                    );
                    assert!(svg.contains(&tag), "{path} lacks {tag}");
                    let notes: Vec<String> = e["endnotes"]
                        .as_array()
                        .map_or(Vec::new(), |a| a.iter().map(|n| n.to_string()).collect());
                    if !notes.is_empty() {
                        assert!(
                            svg.contains(&format!(
                                "<cb:endnotes>{}</cb:endnotes>",
                                notes.join(" ")
                            )),
                            "{path}"
                        );
                    }
                }
            }
        } else {
            assert!(
                ["report.pdf", "data-notes.md", "alt-text.md", "index.html"]
                    .contains(&path.as_str()),
                "{path} has no provenance"
            );
        }
        if ["report.pdf", "data-notes.md", "alt-text.md", "index.html"].contains(&path.as_str()) {
            assert!(e["chart"].is_null());
        } else {
            let id = e["chart"].as_str().unwrap();
            assert!(path.contains(id), "{path} from {id}");
        }
    }
    let tool = m["tool"].as_str().unwrap();
    let prefix = format!("chartbook {} (code ", env!("CARGO_PKG_VERSION"));
    assert!(tool.starts_with(&prefix), "{tool}");
}

#[test]
fn a_build_with_nothing_changed_touches_nothing_and_check_agrees() {
    let p = project();
    assert!(fast(p.path(), &[]).status.success());
    let out = p.path().join("output");
    let before = files(&out);
    std::thread::sleep(std::time::Duration::from_millis(20));
    let o = fast(p.path(), &["--message-format", "json"]);
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(
        files(&out),
        before,
        "a no-op build changed a file or its mtime"
    );
    let ev = events(&o);
    assert_eq!(
        ev.iter().filter(|e| e["event"] == "skipped").count(),
        34,
        "16 charts and the PDF, in English and in Japanese"
    );
    assert_eq!(ev.last().unwrap()["rendered"], 0);
    // --force renders everything, and still writes nothing: the bytes are the same.
    let o = fast(p.path(), &["--force", "--message-format", "json"]);
    assert_eq!(events(&o).last().unwrap()["rendered"], 32);
    assert_eq!(files(&out), before, "--force rewrote identical files");
    let o = run(p.path(), &["check", "--dpi", "72"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(text(&o).contains("is up to date"));
    assert_eq!(files(&out), before, "check wrote something");
}

#[test]
fn check_names_stale_missing_modified_and_extra_outputs_and_build_mends_only_those() {
    let p = project();
    assert!(fast(p.path(), &[]).status.success());
    let out = p.path().join("output");
    // One value of the paper changes; one output is deleted; one is edited; one is extra.
    let csv = p.path().join("data/unodc_pledges.csv");
    let data = std::fs::read_to_string(&csv).unwrap();
    // The value and its quote change together, as an author's correction would.
    std::fs::write(
        &csv,
        data.replacen("25.08", "25.09", 1)
            .replacen("25,080,000", "25,090,000", 1),
    )
    .unwrap();
    std::fs::remove_file(out.join("png/drug-laws.png")).unwrap();
    std::fs::write(out.join("svg/recidivism-2017.svg"), "<svg/>").unwrap();
    std::fs::write(out.join("svg/old-chart.svg"), "<svg/>").unwrap();
    let before = files(&out);
    let o = run(p.path(), &["check", "--dpi", "72"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let t = text(&o);
    for line in [
        "stale    png/unodc-pledges.png (chart `unodc-pledges`: its inputs changed)",
        "stale    svg/unodc-pledges.svg (chart `unodc-pledges`: its inputs changed)",
        "stale    report.pdf (its inputs changed)",
        "stale    alt-text.md (its inputs changed)",
        "missing  png/drug-laws.png (chart `drug-laws`: not there)",
        "modified svg/recidivism-2017.svg (chart `recidivism-2017`: differs from the manifest)",
        "extra    svg/old-chart.svg (build would not write it)",
        // The Japanese edition draws the same data.
        "stale    ja/svg/unodc-pledges.svg (chart `unodc-pledges`: its inputs changed)",
        "stale    ja/report.pdf (its inputs changed)",
        // The web edition: the page, the figure's phone layout and its data download.
        "stale    index.html (its inputs changed)",
        "stale    phone/unodc-pledges.svg (chart `unodc-pledges`: its inputs changed)",
        "stale    data/unodc-pledges.csv (chart `unodc-pledges`: its inputs changed)",
    ] {
        assert!(t.contains(line), "`{line}` not in:\n{t}");
    }
    assert_eq!(
        String::from_utf8_lossy(&o.stdout).lines().count(),
        17,
        "{t}"
    );
    assert_eq!(files(&out), before, "check wrote something");

    // The build renders just those charts (and the handout).
    let o = fast(p.path(), &["--message-format", "json"]);
    assert!(o.status.success(), "{}", text(&o));
    let built: Vec<String> = events(&o)
        .iter()
        .filter(|e| e["event"] == "built")
        .map(|e| {
            e["chart"]
                .as_str()
                .or(e["output"].as_str())
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    let mut b = built.clone();
    b.sort();
    assert_eq!(
        b,
        [
            "drug-laws",
            "ja/report.pdf",
            "ja/unodc-pledges",
            "recidivism-2017",
            "report.pdf",
            "unodc-pledges"
        ]
    );
    // Only the extra file remains for check to report; build never deletes what it did not write.
    let o = run(p.path(), &["check", "--dpi", "72"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout).trim(),
        "extra    svg/old-chart.svg (build would not write it)"
    );
    std::fs::remove_file(out.join("svg/old-chart.svg")).unwrap();
    assert_eq!(
        run(p.path(), &["check", "--dpi", "72"]).status.code(),
        Some(0)
    );
    // A page whose inputs did not change but whose bytes did: build makes it again rather
    // than keeping it (a current page is not made again).
    let page = std::fs::read(out.join("ja/index.html")).unwrap();
    std::fs::write(out.join("ja/index.html"), "<p>edited").unwrap();
    let o = run(p.path(), &["check", "--dpi", "72"]);
    assert_eq!(
        String::from_utf8_lossy(&o.stdout).trim(),
        "modified ja/index.html (differs from the manifest)"
    );
    assert!(fast(p.path(), &[]).status.success());
    assert_eq!(std::fs::read(out.join("ja/index.html")).unwrap(), page);
}

#[test]
fn a_chart_removed_from_the_spec_takes_its_outputs_with_it() {
    let p = project();
    assert!(fast(p.path(), &[]).status.success());
    let spec = std::fs::read_to_string(p.path().join("charts.toml")).unwrap();
    let start = spec.find("[[chart]]\nid = \"recidivism-2017\"").unwrap();
    let end = spec[start + 1..]
        .find("[[chart]]")
        .map_or(spec.len(), |i| start + 1 + i);
    std::fs::write(
        p.path().join("charts.toml"),
        format!("{}{}", &spec[..start], &spec[end..]),
    )
    .unwrap();
    let o = run(p.path(), &["check", "--dpi", "72"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o).contains("extra    svg/recidivism-2017.svg"),
        "{}",
        text(&o)
    );
    assert!(fast(p.path(), &[]).status.success());
    assert!(!p.path().join("output/svg/recidivism-2017.svg").exists());
    assert!(!p.path().join("output/png/recidivism-2017.png").exists());
    assert_eq!(
        run(p.path(), &["check", "--dpi", "72"]).status.code(),
        Some(0)
    );
}

#[test]
fn any_number_of_jobs_gives_the_same_bytes() {
    let p = project();
    let mut all = Vec::new();
    for jobs in ["1", "2", "3"] {
        let out = format!("out-{jobs}");
        let o = run(
            p.path(),
            &["build", "--dpi", "72", "--jobs", jobs, "--out", &out],
        );
        assert!(o.status.success(), "{}", text(&o));
        let f: BTreeMap<String, Vec<u8>> = files(&p.path().join(&out))
            .into_iter()
            .map(|(k, (b, _))| (k, b))
            .collect();
        all.push(f);
    }
    // Each edition: 16 SVG, 16 PNG, 16 CSV, 12 phone SVG, the PDF, the data notes, the alt
    // text, the page, the manifest.
    assert_eq!(all[0].len(), 2 * (16 * 3 + 12 + 5));
    assert!(
        all[0] == all[1] && all[1] == all[2],
        "--jobs changed the outputs"
    );
    let o = run(p.path(), &["build", "--jobs", "0"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn json_messages_describe_failures_too() {
    let p = project();
    std::fs::write(
        p.path().join("charts.toml"),
        "[[chart]]\nid = \"x\"\nkind = \"pie\"\n",
    )
    .unwrap();
    let o = run(p.path(), &["build", "--message-format", "json"]);
    assert_eq!(o.status.code(), Some(2));
    let ev = events(&o);
    assert!(!ev.is_empty());
    assert!(ev.iter().all(|e| e["event"] == "diagnostic"), "{ev:?}");
    assert!(ev
        .iter()
        .any(|e| e["severity"] == "error" && e["line"].as_u64().is_some_and(|l| l > 0)));
}

#[test]
fn check_passes_fails_on_one_changed_value_naming_the_chart_then_passes_after_build() {
    let p = project();
    assert!(fast(p.path(), &[]).status.success());
    assert_eq!(
        run(p.path(), &["check", "--dpi", "72"]).status.code(),
        Some(0)
    );
    let csv = p.path().join("data/recidivism_2017.csv");
    let data = std::fs::read_to_string(&csv).unwrap();
    assert!(data.contains("65.5"));
    // The value and its quote change together, as an author's correction would.
    std::fs::write(&csv, data.replace("65.5", "65.6")).unwrap();
    let o = run(p.path(), &["check", "--dpi", "72"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let stdout = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(stdout.contains("chart `recidivism-2017`"), "{stdout}");
    assert!(
        stdout.lines().all(|l| l.contains("recidivism-2017")
            || l.contains("report.pdf")
            || l.contains("alt-text.md")
            || l.contains("index.html")),
        "only that chart, the handout and the alt text: {stdout}"
    );
    assert!(fast(p.path(), &[]).status.success());
    assert_eq!(
        run(p.path(), &["check", "--dpi", "72"]).status.code(),
        Some(0)
    );
}

#[test]
fn check_after_a_partial_build_says_which_options_to_repeat() {
    let p = project();
    assert!(fast(p.path(), &["--formats", "svg,png"]).status.success());
    let o = run(p.path(), &["check", "--dpi", "72"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(
        text(&o).contains("check it with `chartbook check --formats svg,png`"),
        "{}",
        text(&o)
    );
    let o = run(p.path(), &["check", "--dpi", "72", "--formats", "svg,png"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
}

#[test]
fn the_outputs_are_the_same_wherever_the_build_is_started_and_however_the_spec_is_named() {
    let p = project();
    let elsewhere = tempfile::tempdir().unwrap();
    let spec = p.path().join("charts.toml");
    let (a, b, c) = (
        elsewhere.path().join("a"),
        elsewhere.path().join("b"),
        elsewhere.path().join("c"),
    );
    let svg = ["--formats", "svg"];
    let builds = [
        run(
            p.path(),
            &[&["build", "--out", a.to_str().unwrap()][..], &svg].concat(),
        ),
        run(
            p.path(),
            &[
                &[
                    "build",
                    "--spec",
                    "./charts.toml",
                    "--out",
                    b.to_str().unwrap(),
                ][..],
                &svg,
            ]
            .concat(),
        ),
        run(
            elsewhere.path(),
            &[
                &[
                    "build",
                    "--spec",
                    spec.to_str().unwrap(),
                    "--out",
                    c.to_str().unwrap(),
                ][..],
                &svg,
            ]
            .concat(),
        ),
    ];
    for o in &builds {
        assert!(o.status.success(), "{}", text(o));
    }
    let bytes = |d: &Path| -> BTreeMap<String, Vec<u8>> {
        files(d).into_iter().map(|(k, (b, _))| (k, b)).collect()
    };
    let (a, b, c) = (bytes(&a), bytes(&b), bytes(&c));
    // The data notes name the data files (their failing checks), as the spec does.
    let notes = String::from_utf8_lossy(&a["data-notes.md"]).to_string();
    assert!(notes.contains("- data/arrests_2017.csv:2 "), "{notes}");
    for (name, other) in [
        ("--spec ./charts.toml", &b),
        ("an absolute --spec from elsewhere", &c),
    ] {
        let differ: Vec<&String> = a.keys().filter(|k| other.get(*k) != a.get(*k)).collect();
        assert!(differ.is_empty(), "with {name}, these differ: {differ:?}");
        assert_eq!(a.len(), other.len(), "with {name}");
    }
}
