//! A build killed mid-way (SIGKILL, at many moments) leaves every output either the old
//! file or the new one, never a truncated or mixed one; the next build sweeps its temporary
//! files and completes the new set. On the project `chartbook init` writes (a chart of each
//! kind, quick to build): what is tested is the writing, not the briefing.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// The sample project of `chartbook init`, with `edit` applied to its spec.
fn project(dir: &Path, edit: impl Fn(&str) -> String) {
    let o = Command::new(env!("CARGO_BIN_EXE_chartbook"))
        .arg("init")
        .arg(dir)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let spec = dir.join("charts.toml");
    let text = std::fs::read_to_string(&spec).unwrap();
    std::fs::write(&spec, edit(&text)).unwrap();
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
    .env("CHARTBOOK_TEST_WRITE_PAUSE_MS", "25");
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
    project(&old_dir, str::to_string);
    // Every output changes: every title (the report's, the charts', the axes') is revised.
    project(&new_dir, |s| s.replace("title = \"", "title = \"Revised: "));
    let out = tmp.path().join("output");
    let reference = tmp.path().join("reference");
    assert!(build(&old_dir, &out).status().unwrap().success());
    assert!(build(&new_dir, &reference).status().unwrap().success());
    let (old, _) = files(&out);
    let (new, _) = files(&reference);
    assert_eq!(old.len(), new.len());
    assert!(old.len() >= 20, "{} outputs", old.len());
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
    // Kills spread evenly over the whole build (most of it is writing, with the pause).
    let moments: Vec<f64> = (0..12).map(|i| f64::from(i) / 12.0).collect();
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
