//! `chartbook init`: the project it writes builds at once, with no warning, holds an example of
//! every chart kind, is current for `check` after the build, and a second `init` into the same
//! folder is refused without touching anything.

use std::process::{Command, Output};

fn run(args: &[&str], dir: &std::path::Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chartbook"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

#[test]
fn an_initialised_project_builds_at_once_and_checks_clean() {
    let tmp = tempfile::tempdir().unwrap();
    let o = run(&["init", "charts"], tmp.path());
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("next: cd charts && chartbook build"));
    let dir = tmp.path().join("charts");
    for f in [
        "charts.toml",
        ".gitignore",
        ".github/workflows/charts.yml",
        "README.md",
        "charts.schema.json",
    ] {
        assert!(dir.join(f).is_file(), "{f}");
    }
    let spec = std::fs::read_to_string(dir.join("charts.toml")).unwrap();
    for (kind, _) in chartbook::spec::Kind::ALL {
        assert!(
            spec.contains(&format!("kind = \"{kind}\"")),
            "no example of {kind}"
        );
    }
    assert!(
        std::fs::read_to_string(dir.join(".github/workflows/charts.yml"))
            .unwrap()
            .contains("chartbook check")
    );

    let o = run(&["validate", "--strict"], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(&["build", "--quiet", "--dpi", "72"], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stderr(&o), "", "a fresh project builds without a warning");
    let svgs = std::fs::read_dir(dir.join("output/svg")).unwrap().count();
    assert_eq!(svgs, chartbook::spec::Kind::ALL.len());
    for f in ["output/report.pdf", "output/index.html"] {
        assert!(dir.join(f).is_file(), "{f}");
    }
    let o = run(&["check", "--dpi", "72"], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn init_replaces_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("charts.toml"), "# mine\n").unwrap();
    let o = run(&["init"], tmp.path());
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: . already holds charts.toml: init writes a new project and replaces nothing\n  --> .\n  = hint: name an empty or new folder: `chartbook init my-charts`\nchartbook: 1 error(s), 0 warning(s)\n"
    );
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("charts.toml")).unwrap(),
        "# mine\n"
    );
    assert!(!tmp.path().join("data").exists(), "nothing else written");
}
