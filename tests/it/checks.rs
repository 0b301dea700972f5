//! Data checks through the binary: each kind passing and failing, the briefing's own
//! arithmetic (four statements that hold, four contradictions), `--strict`, and checks that
//! are themselves wrong (an unknown kind, a row that is not there) as located errors.

use std::path::Path;
use std::process::{Command, Output};

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chartbook"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn all(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

const CHART: &str = "[[chart]]\nid = \"a\"\nkind = \"bar\"\ntitle = \"T\"\ndata = \"data/a.csv\"\nx = { field = \"drug\" }\ny = { field = \"arrests\" }\nsource = \"S\"\n";
const DATA: &str = "drug,arrests,share,endnote\nMeth,10284,73,35\nCannabis,3218,23,40;41\nNPS,651,,43\nTotal,14153,,33\n";

fn project(checks: &str) -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    std::fs::create_dir(d.path().join("data")).unwrap();
    std::fs::write(d.path().join("data/a.csv"), DATA).unwrap();
    std::fs::write(
        d.path().join("charts.toml"),
        format!("[report]\ntitle = \"T\"\n{CHART}\n{checks}"),
    )
    .unwrap();
    d
}

fn cell(row: &str, col: &str) -> String {
    format!("{{ data = \"data/a.csv\", column = \"{col}\", row = \"{row}\" }}")
}

/// Validates one check; returns (passed, output).
fn one(check: &str) -> (bool, String) {
    let d = project(check);
    let o = run(d.path(), &["validate", "--strict"]);
    let text = all(&o);
    match o.status.code() {
        Some(0) => (true, text),
        Some(1) => (false, text),
        c => panic!("exit {c:?}: {text}"),
    }
}

#[test]
fn each_kind_passes_and_fails() {
    let parts = format!(
        "[{}, {}, {}]",
        cell("Meth", "arrests"),
        cell("Cannabis", "arrests"),
        cell("NPS", "arrests")
    );
    let sum = |total: &str, rel: &str| {
        format!("[[check]]\nname = \"sum\"\nkind = \"sum\"\nrelation = \"{rel}\"\nparts = {parts}\ntotal = {total}\n")
    };
    assert!(one(&sum(&cell("Total", "arrests"), "equal")).0);
    let (ok, text) = one(&sum(
        "{ value = 14019, source = \"14,019 people\" }",
        "at_most",
    ));
    assert!(!ok);
    assert!(
        text.contains("10,284 + 3,218 + 651 = 14,153, more than 14,019"),
        "{text}"
    );
    assert!(
        text.contains("data/a.csv:2 arrests = 10,284 (endnote 35)"),
        "{text}"
    );
    assert!(text.contains("stated: “14,019 people”"), "{text}");

    let share = |count: &str| {
        format!(
            "[[check]]\nname = \"share\"\nkind = \"share\"\nshare = {}\ncount = {count}\ntotal = {{ value = 14019 }}\n",
            cell("Meth", "share")
        )
    };
    assert!(
        one(&share(&cell("Meth", "arrests"))).0,
        "73% = 10,284 / 14,019"
    );
    let (ok, text) = one(&share(&cell("Cannabis", "arrests")));
    assert!(!ok);
    assert!(
        text.contains("3,218 / 14,019 = 23.0%, stated as 73%"),
        "{text}"
    );

    let range = |min: u32| {
        format!(
            "[[check]]\nname = \"range\"\nkind = \"range\"\nvalue = {}\nmin = {min}\nmax = 11000\n",
            cell("Meth", "arrests")
        )
    };
    assert!(one(&range(10000)).0);
    let (ok, text) = one(&range(10500));
    assert!(!ok);
    assert!(
        text.contains("10,284 should be between 10,500 and 11,000"),
        "{text}"
    );

    let agree = |b: &str| {
        format!(
            "[[check]]\nname = \"agree\"\nkind = \"agree\"\na = {}\nb = {b}\n",
            cell("Total", "arrests")
        )
    };
    assert!(one(&agree("{ value = 14153 }")).0);
    let (ok, text) = one(&agree("{ value = 14019 }"));
    assert!(!ok);
    assert!(text.contains("14,153 and 14,019 disagree"), "{text}");
}

#[test]
fn a_failing_check_is_a_warning_unless_strict() {
    let d = project(
        "[[check]]\nname = \"agree\"\nkind = \"agree\"\na = { value = 1 }\nb = { value = 2 }\n",
    );
    let o = run(d.path(), &["validate"]);
    assert_eq!(o.status.code(), Some(0), "{}", all(&o));
    assert!(
        all(&o).contains("warning: data check failed: agree: 1 and 2 disagree"),
        "{}",
        all(&o)
    );
    assert!(all(&o).contains("1 of 1 data checks failed"));
    assert_eq!(
        run(d.path(), &["validate", "--strict"]).status.code(),
        Some(1)
    );
    // A build still builds: the failing check is the paper's problem, shown as a warning.
    assert_eq!(
        run(d.path(), &["build", "--formats", "svg"]).status.code(),
        Some(0)
    );
}

#[test]
fn wrong_checks_are_located_errors() {
    let (d, e) = {
        let d = project(&format!(
            "[[check]]\nname = \"x\"\nkind = \"total\"\nvalue = {}\n",
            cell("Meth", "arrests")
        ));
        let o = run(d.path(), &["validate"]);
        (o.status.code(), all(&o))
    };
    assert_eq!(d, Some(2), "{e}");
    assert!(
        e.contains("unknown check kind `total`") && e.contains("charts.toml:"),
        "{e}"
    );
    let d = project(&format!(
        "[[check]]\nname = \"x\"\nkind = \"range\"\nvalue = {}\nmax = 1\n",
        cell("Heroin", "arrests")
    ));
    let o = run(d.path(), &["validate"]);
    assert_eq!(o.status.code(), Some(2));
    let e = all(&o);
    assert!(
        e.contains("no row `Heroin` in data/a.csv (its rows are: Meth, Cannabis, NPS, Total)"),
        "{e}"
    );
    let d = project(&format!(
        "[[check]]\nname = \"x\"\nkind = \"range\"\nvalue = {}\nmax = 1\n",
        cell("Meth", "arrest")
    ));
    let e = all(&run(d.path(), &["validate"]));
    assert!(
        e.contains("no column `arrest`") && e.contains("did you mean `arrests`?"),
        "{e}"
    );
    let d = project(&format!(
        "[[check]]\nname = \"x\"\nkind = \"range\"\nvalue = {}\nmax = 1\n",
        cell("NPS", "share")
    ));
    let e = all(&run(d.path(), &["validate"]));
    assert!(
        e.contains("`share` is missing, not a number a check can use"),
        "{e}"
    );
}

#[test]
fn the_briefing_checks_its_own_arithmetic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let loaded = chartbook::spec::load(&root.join("charts.toml")).unwrap();
    let by_name = |n: &str| {
        loaded
            .spec
            .checks
            .iter()
            .find(|c| c.name.starts_with(n))
            .unwrap_or_else(|| panic!("no check {n}"))
    };
    for holds in [
        "Methamphetamine's share",
        "Cannabis's share",
        "Men held",
        "Women held",
    ] {
        assert!(by_name(holds).passed, "{holds}: {}", by_name(holds).detail);
    }
    for fails in [
        "2017 arrests for",
        "NPS possession",
        "Men's share of new prisoners",
        "Methamphetamine arrests in 2017",
    ] {
        assert!(
            !by_name(fails).passed,
            "{fails} should fail: {}",
            by_name(fails).detail
        );
    }
    let o = run(root, &["validate", "--strict"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(all(&o).contains("4 data check(s) failed (--strict)"));
}
