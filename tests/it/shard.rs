//! `build --shard K/N` and `merge`: N shard builds merged equal one whole build byte for byte
//! (every file, the manifests included), `check` passes on the result, and a shard whose file
//! does not match its manifest is refused before anything is merged.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output};

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chartbook"))
        .current_dir(dir)
        .args(args)
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .expect("chartbook runs")
}

/// Runs a command that must succeed; what it printed, both streams.
fn ok(dir: &Path, args: &[&str]) -> String {
    let o = run(dir, args);
    let err = String::from_utf8_lossy(&o.stderr).to_string();
    assert!(o.status.success(), "{args:?}: {err}");
    String::from_utf8_lossy(&o.stdout).to_string() + &err
}

/// Every file below `dir`, by relative path, with its bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p.strip_prefix(root).unwrap().to_string_lossy().to_string();
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

#[test]
fn shards_merged_are_one_whole_build_byte_for_byte() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path();
    // A project with an example of every chart kind.
    ok(p, &["init", "proj"]);
    let proj = p.join("proj");
    ok(&proj, &["build", "--out", "whole"]);
    let n = 3;
    let mut shard_charts = 0;
    for k in 1..=n {
        let out = format!("s{k}");
        ok(
            &proj,
            &["build", "--shard", &format!("{k}/{n}"), "--out", &out],
        );
        let svgs = std::fs::read_dir(proj.join(&out).join("svg")).map_or(0, |d| d.count());
        shard_charts += svgs;
        // A shard writes its charts only: what holds every chart comes with the merge.
        assert!(!proj.join(&out).join("report.pdf").exists());
        assert!(!proj.join(&out).join("index.html").exists());
    }
    let whole_svgs = std::fs::read_dir(proj.join("whole/svg")).unwrap().count();
    assert_eq!(shard_charts, whole_svgs, "each chart in exactly one shard");
    let said = ok(&proj, &["merge", "s1", "s2", "s3", "--out", "merged"]);
    assert!(
        said.contains("0 rendered"),
        "the merge draws no chart: {said}"
    );
    let (whole, merged) = (tree(&proj.join("whole")), tree(&proj.join("merged")));
    assert_eq!(
        whole.keys().collect::<Vec<_>>(),
        merged.keys().collect::<Vec<_>>()
    );
    for (rel, bytes) in &whole {
        assert!(merged[rel] == *bytes, "{rel} differs");
    }
    ok(&proj, &["check", "--out", "merged"]);
    // A build of the merged folder has nothing to do, and says so.
    let said = ok(&proj, &["build", "--out", "merged"]);
    assert!(said.contains("merged is up to date: 0 rendered"), "{said}");
    assert!(said.contains("--force"), "{said}");

    // A shard file edited after its build: refused, and nothing is merged.
    let svg = std::fs::read_dir(proj.join("s2/svg"))
        .unwrap()
        .flatten()
        .next()
        .unwrap()
        .path();
    std::fs::write(&svg, "<svg/>").unwrap();
    let o = run(&proj, &["merge", "s1", "s2", "s3", "--out", "again"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("missing, or not the file its manifest records") && err.contains("s2/svg/"),
        "{err}"
    );
    assert!(!proj.join("again").exists());
}

#[test]
fn a_shard_must_exist() {
    let tmp = tempfile::tempdir().unwrap();
    for (arg, says) in [
        ("4/3", "shard 4/3 does not exist"),
        ("0/2", "shard 0/2 does not exist"),
        ("1-2", "`1-2` is not a shard: write K/N"),
    ] {
        let o = run(tmp.path(), &["build", "--shard", arg]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(err.contains(says), "{arg}: {err}");
    }
}
