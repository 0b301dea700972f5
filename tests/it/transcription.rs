//! The data-entry check over the briefing's own data: every number in data/ is stated, in the
//! paper's spelling, in the verbatim quote its row keeps; and, where the paper's text is at
//! hand, every quote (and every text cell of a table without quotes) is in the paper word for
//! word. Without the paper's text the second half says it was skipped.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

use chartbook::data::quote::{self, QUOTE_COLUMN};
use chartbook::data::{parse_csv, Cell, Table};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every CSV file in data/, parsed, in name order.
fn data_files() -> Vec<Table> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join("data"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 10, "the briefing's data files are missing");
    paths
        .iter()
        .map(|p| {
            let name = p.strip_prefix(root()).unwrap().display().to_string();
            parse_csv(&name, &std::fs::read_to_string(p).unwrap())
                .unwrap_or_else(|d| panic!("{name} does not parse: {d:?}"))
        })
        .collect()
}

/// The paper's text: `CHARTBOOK_PAPER`, or ../shared/seed/briefing.txt beside the repository.
fn paper() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("CHARTBOOK_PAPER").map(PathBuf::from),
        Some(root().join("../shared/seed/briefing.txt")),
    ];
    candidates.into_iter().flatten().find(|p| p.is_file())
}

fn is_number(c: &Cell) -> bool {
    matches!(
        c,
        Cell::Number { .. } | Cell::Approx { .. } | Cell::Censored { .. }
    )
}

#[test]
fn every_number_is_stated_in_its_rows_quote() {
    let mut numbers = 0;
    for t in data_files() {
        let has_quote = t.column(QUOTE_COLUMN).is_some();
        let endnote = t.column("endnote");
        for row in &t.rows {
            for (c, cell) in row.cells.iter().enumerate() {
                if is_number(cell) && Some(c) != endnote {
                    assert!(
                        has_quote,
                        "{}:{} holds the number {:?} but the file keeps no `quote` column",
                        t.path, row.line, cell
                    );
                    numbers += 1;
                }
            }
        }
        let slips: Vec<String> = quote::check_table(&t)
            .iter()
            .map(|d| d.render(false))
            .collect();
        assert!(slips.is_empty(), "{}", slips.join("\n"));
    }
    // The briefing's data hold well over a hundred numbers; fewer means the check read nothing.
    assert!(numbers > 100, "only {numbers} numbers were checked");
}

#[test]
fn every_quote_is_in_the_paper_word_for_word() {
    let Some(paper) = paper() else {
        eprintln!(
            "skipped: the paper's text (../shared/seed/briefing.txt or CHARTBOOK_PAPER) is not \
             here, so the quotes were not compared with it"
        );
        return;
    };
    let source = quote::normalise(&std::fs::read_to_string(&paper).unwrap());
    let mut checked = 0;
    for t in data_files() {
        let (n, slips) = quote::check_against(&t, &source, "the paper");
        checked += n;
        let slips: Vec<String> = slips.iter().map(|d| d.render(false)).collect();
        assert!(slips.is_empty(), "{}", slips.join("\n"));
    }
    assert!(checked > 50, "only {checked} quotes were compared");

    // Through the binary: the same check, and a slip is caught.
    let ok = Command::new(env!("CARGO_BIN_EXE_chartbook"))
        .current_dir(root())
        .args(["validate", "--paper"])
        .arg(&paper)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&ok.stdout);
    assert!(ok.status.success(), "{out}");
    assert!(out.contains(&format!("{checked} quotes found in")), "{out}");

    let dir = tempfile::tempdir().unwrap();
    copy_project(dir.path());
    let recid = dir.path().join("data/recidivism_2017.csv");
    let text = std::fs::read_to_string(&recid).unwrap();
    std::fs::write(&recid, text.replace("recidivism rate of", "repeat rate of")).unwrap();
    let bad = Command::new(env!("CARGO_BIN_EXE_chartbook"))
        .current_dir(dir.path())
        .args(["validate", "--paper"])
        .arg(&paper)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&bad.stderr);
    assert_eq!(bad.status.code(), Some(2), "{err}");
    assert!(
        err.contains("data/recidivism_2017.csv:2:34")
            && err.contains("this quote is not in")
            && err.contains("word for word"),
        "{err}"
    );
}

/// A number changed in the data, but not in its quote, fails validation at that cell.
#[test]
fn a_transcription_slip_fails_validation() {
    let dir = tempfile::tempdir().unwrap();
    copy_project(dir.path());
    let path = dir.path().join("data/prisoners_share_2017.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("Men,24.9,"));
    std::fs::write(&path, text.replace("Men,24.9,", "Men,29.4,")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_chartbook"))
        .current_dir(dir.path())
        .arg("validate")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("`japan_stimulants` = 29.4 is not stated in the row's quote")
            && err.contains("data/prisoners_share_2017.csv:2:5"),
        "{err}"
    );
}

fn copy_project(to: &Path) {
    common::copy_briefing(to, str::to_string);
}
