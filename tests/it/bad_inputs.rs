//! The bad-input corpus. Each folder in tests/bad/ holds a broken project: a charts.toml, its
//! data, and optionally `args` (the command line, default `build`) and `env` (KEY=VALUE
//! lines). Each must fail with exit code 2 and print exactly its `expected.txt` (rewrite them
//! all with UPDATE_SNAPSHOTS=1 and read the diff), never panic, and leave an existing output
//! folder byte for byte as it was; `validate` must fail on it too.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/bad")
}

/// Copies a folder, keeping symbolic links as links.
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let (src, dst) = (e.path(), to.join(e.file_name()));
        let ft = e.file_type().unwrap();
        if ft.is_symlink() {
            std::os::unix::fs::symlink(std::fs::read_link(&src).unwrap(), &dst).unwrap();
        } else if ft.is_dir() {
            copy_dir(&src, &dst);
        } else {
            std::fs::copy(&src, &dst).unwrap();
        }
    }
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(
                    p.strip_prefix(dir).unwrap().to_path_buf(),
                    std::fs::read(&p).unwrap(),
                );
            }
        }
    }
    out
}

/// The previous build's outputs, which a failed run must not touch.
fn old_outputs(project: &Path) -> PathBuf {
    let out = project.join("output");
    for (p, b) in [
        ("svg/arrests.svg", &b"<svg>old</svg>"[..]),
        ("png/arrests.png", b"old png"),
        ("report.pdf", b"%PDF-old"),
    ] {
        let p = out.join(p);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, b).unwrap();
    }
    out
}

fn run(project: &Path, args: &[String], env: &[(String, String)]) -> (Option<i32>, String) {
    let mut c = Command::new(env!("CARGO_BIN_EXE_chartbook"));
    c.args(args)
        .current_dir(project)
        .env_remove("SOURCE_DATE_EPOCH");
    for (k, v) in env {
        c.env(k, v);
    }
    let o = c.output().unwrap();
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stderr).to_string(),
    )
}

#[test]
fn every_bad_input_fails_cleanly_with_its_expected_message() {
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let mut cases: Vec<PathBuf> = std::fs::read_dir(corpus())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= 40, "the corpus has {} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().to_string();
        let tmp = tempfile::tempdir().unwrap();
        let project = tmp.path().join("project");
        copy_dir(case, &project);
        let args: Vec<String> = std::fs::read_to_string(case.join("args"))
            .unwrap_or_else(|_| "build".into())
            .split_whitespace()
            .map(str::to_string)
            .collect();
        let env: Vec<(String, String)> = std::fs::read_to_string(case.join("env"))
            .unwrap_or_default()
            .lines()
            .filter_map(|l| l.split_once('='))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let out = old_outputs(&project);
        let before = snapshot(&out);

        let (code, stderr) = run(&project, &args, &env);
        assert!(!stderr.contains("panicked"), "{name}: panicked:\n{stderr}");
        if code != Some(2) {
            failures.push(format!("{name}: exit {code:?}, not 2:\n{stderr}"));
        }
        assert_eq!(snapshot(&out), before, "{name}: the output folder changed");
        let expected_path = case.join("expected.txt");
        if update {
            std::fs::write(&expected_path, &stderr).unwrap();
        } else {
            let expected = std::fs::read_to_string(&expected_path).unwrap_or_else(|_| {
                panic!("{name}: no expected.txt (UPDATE_SNAPSHOTS=1 writes it)")
            });
            if expected != stderr {
                failures.push(format!(
                    "{name}: message differs\n--- expected\n{expected}--- got\n{stderr}"
                ));
            }
        }
        // The same project through `validate`, when the problem is in the files.
        if args.first().map(String::as_str) == Some("build") && args.len() == 1 && env.is_empty() {
            let (code, stderr) = run(&project, &["validate".to_string()], &env);
            assert!(!stderr.contains("panicked"), "{name}: validate panicked");
            if code != Some(2) {
                failures.push(format!("{name}: validate exit {code:?}, not 2"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn outputs_are_never_written_through_a_symbolic_link() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("project");
    copy_dir(&corpus().join("csv-nan"), &project);
    std::fs::write(
        project.join("data/arrests.csv"),
        "year,arrests\n2014,840\n2015,1196\n",
    )
    .unwrap();
    let elsewhere = tmp.path().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::create_dir_all(project.join("output")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, project.join("output/svg")).unwrap();
    let (code, stderr) = run(&project, &["build".into()], &[]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("output/svg") && stderr.contains("symbolic link"),
        "{stderr}"
    );
    assert!(stderr.contains("hint: remove the link"), "{stderr}");
    assert_eq!(
        std::fs::read_dir(&elsewhere).unwrap().count(),
        0,
        "nothing written outside"
    );
    assert!(
        !project.join("output/report.pdf").exists(),
        "nothing written at all"
    );
}

#[test]
fn the_readme_shows_a_real_error_message() {
    let readme =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .unwrap();
    let shown = std::fs::read_to_string(corpus().join("many-errors-at-once/expected.txt")).unwrap();
    assert!(
        readme.contains(&format!("$ chartbook build\n{shown}$ echo $?\n2\n")),
        "README's \"When something is wrong\" example is not what tests/bad/many-errors-at-once prints"
    );
}

#[test]
fn the_readme_counts_the_cases() {
    let n = std::fs::read_dir(corpus())
        .unwrap()
        .filter(|e| e.as_ref().is_ok_and(|e| e.path().is_dir()))
        .count();
    let readme =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .unwrap();
    for said in [
        format!("`tests/bad/` holds {n} broken projects"),
        format!("`tests/bad/` ({n} cases)"),
    ] {
        assert!(readme.contains(&said), "README does not say {said}");
    }
}
