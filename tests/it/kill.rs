//! A build killed mid-way (SIGKILL, at many moments) leaves every output either the old
//! file or the new one, never a truncated or mixed one; the next build sweeps its temporary
//! files and completes the new set.

use crate::common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// A copy of the briefing project with `edit` applied to its spec.
fn project(dir: &Path, edit: impl Fn(&str) -> String) {
    common::copy_briefing(dir, edit);
}

fn build(dir: &Path, out: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_chartbook"));
    c.args([
        "build",
        "--quiet",
        "--dpi",
        "72",
        "--out",
        out.to_str().unwrap(),
    ])
    .current_dir(dir)
    .env_remove("SOURCE_DATE_EPOCH")
    // Rendering takes most of a build and writing a few milliseconds; a pause after
    // each file written makes the kills land while files are being replaced.
    .env("CHARTBOOK_TEST_WRITE_PAUSE_MS", "60");
    c
}

/// Output files (relative path → bytes); temporary files listed apart.
fn files(out: &Path) -> (BTreeMap<String, Vec<u8>>, Vec<String>) {
    let mut map = BTreeMap::new();
    let mut temps = Vec::new();
    for sub in ["", "svg", "png"] {
        let Ok(rd) = std::fs::read_dir(out.join(sub)) else {
            continue;
        };
        for e in rd {
            let e = e.unwrap();
            if e.file_type().unwrap().is_dir() {
                continue;
            }
            let name = format!("{sub}/{}", e.file_name().to_string_lossy());
            // The build lock outlives a killed build (the lock itself dies with it).
            if e.file_name() == ".chartbook.lock" {
                continue;
            }
            if e.file_name().to_string_lossy().contains(".tmp-")
                || e.file_name().to_string_lossy().contains(".old-")
            {
                temps.push(name);
            } else {
                map.insert(name, std::fs::read(e.path()).unwrap());
            }
        }
    }
    (map, temps)
}

#[test]
fn a_killed_build_leaves_each_output_old_or_new() {
    let tmp = tempfile::tempdir().unwrap();
    let old_dir = tmp.path().join("old");
    let new_dir = tmp.path().join("new");
    // English only: the edit below has no Japanese translation.
    let english = |s: &str| s.replace("languages = [\"en\", \"ja\"]", "");
    project(&old_dir, english);
    // Every chart changes: a different subtitle on the report and a different accent.
    project(&new_dir, |s| {
        english(s)
            .replace(
                "subtitle = \"Figures and tables\"",
                "subtitle = \"Figures and tables, revised\"",
            )
            .replace("title = \"", "title = \"Revised: ")
    });
    let out = tmp.path().join("output");
    let reference = tmp.path().join("reference");
    assert!(build(&old_dir, &out).status().unwrap().success());
    assert!(build(&new_dir, &reference).status().unwrap().success());
    let (old, _) = files(&out);
    let (new, _) = files(&reference);
    assert_eq!(old.len(), new.len());
    assert!(old.len() >= 33);
    for (k, v) in &old {
        assert_ne!(
            Some(v),
            new.get(k),
            "{k} is the same in both builds: the test would prove nothing"
        );
    }

    // How long a whole build takes here, to kill at moments spread across it.
    let t0 = Instant::now();
    assert!(build(&new_dir, &tmp.path().join("timing"))
        .status()
        .unwrap()
        .success());
    let full = t0.elapsed();
    let mut saw_mixed = false;
    // Kills spread over the whole build, then packed into its second half, where the files
    // are written.
    let moments: Vec<f64> = (0..4)
        .map(|i| f64::from(i) / 4.0)
        .chain((0..8).map(|i| 0.5 + 0.5 * f64::from(i) / 8.0))
        .collect();
    for (i, at) in moments.iter().enumerate() {
        let mut child = build(&new_dir, &out).spawn().unwrap();
        std::thread::sleep(full.mul_f64(*at) + Duration::from_millis(2));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let (now, _temps) = files(&out);
        assert_eq!(
            now.keys().collect::<Vec<_>>(),
            old.keys().collect::<Vec<_>>(),
            "no output vanished or appeared"
        );
        let mut n_new = 0;
        for (k, v) in &now {
            if Some(v) == new.get(k) {
                n_new += 1;
            } else {
                assert_eq!(
                    Some(v),
                    old.get(k),
                    "after a kill at step {i}, {k} is neither the old nor the new file"
                );
            }
        }
        saw_mixed |= n_new > 0 && n_new < now.len();
        eprintln!(
            "kill at {:.0} % of a build: {n_new} of {} files new",
            at * 100.0,
            now.len()
        );
        // Start the next round from the old outputs again.
        for (k, v) in &old {
            std::fs::write(out.join(k.trim_start_matches('/')), v).unwrap();
        }
    }
    // The next whole build finishes the job and leaves no temporary file behind.
    assert!(saw_mixed, "no kill landed while files were being written");
    assert!(build(&new_dir, &out).status().unwrap().success());
    let (after, temps) = files(&out);
    assert_eq!(after, new);
    assert!(temps.is_empty(), "{temps:?}");
    assert!(
        !out.join(".chartbook.lock").exists(),
        "a finished build removes its lock file"
    );
    eprintln!(
        "killed {} builds; at least one left a mix of old and new files: {saw_mixed}",
        moments.len()
    );
}
