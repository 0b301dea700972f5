//! The promises, attacked through the real binary: no file outside the output folder is
//! touched, no folder link is followed, nothing is written when anything is wrong (across
//! editions and in the write phase), one build at a time, a FIFO is an error, refused
//! characters are located in every file kind, and Markdown outputs cannot start markup.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A small two-edition project (English and Japanese), fast to build.
fn project(dir: &Path) {
    std::fs::create_dir_all(dir.join("data")).unwrap();
    std::fs::create_dir_all(dir.join("translations")).unwrap();
    std::fs::write(dir.join("charts.toml"), SPEC).unwrap();
    std::fs::write(
        dir.join("data/arrests.csv"),
        "drug,arrests\nCannabis,3218\nNPS,651\n",
    )
    .unwrap();
    std::fs::write(dir.join("translations/ja.toml"), JA).unwrap();
}

const SPEC: &str = r#"[report]
title = "Arrests"
languages = ["en", "ja"]
translations = { ja = "translations/ja.toml" }

[[chart]]
id = "arrests"
kind = "bar"
title = "Arrests by drug"
data = "data/arrests.csv"
x = { field = "drug" }
y = { field = "arrests", title = "People arrested" }
source = "Ministry"
"#;

const JA: &str = r#"[report]
title = "逮捕"

[text]
"Arrests by drug" = "薬物別の逮捕者数"
"People arrested" = "逮捕者数"
"Ministry" = "省"
"Cannabis" = "大麻"
"NPS" = "危険ドラッグ"
"#;

/// The spec without its Japanese edition.
fn english_only() -> String {
    SPEC.replace("languages = [\"en\", \"ja\"]\n", "")
        .replace("translations = { ja = \"translations/ja.toml\" }\n", "")
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chartbook"))
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

/// Every file under `dir` (relative path → bytes), the build lock aside.
fn snapshot(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut std::collections::BTreeMap<String, Vec<u8>>) {
        let Ok(rd) = std::fs::read_dir(dir) else {
            return;
        };
        for e in rd.flatten() {
            let p = e.path();
            let t = std::fs::symlink_metadata(&p).unwrap().file_type();
            if t.is_dir() {
                walk(root, &p, out);
            } else if e.file_name() != ".chartbook.lock" {
                let rel = p.strip_prefix(root).unwrap().display().to_string();
                out.insert(rel, std::fs::read(&p).unwrap_or_default());
            }
        }
    }
    let mut out = std::collections::BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

type Files = std::collections::BTreeMap<String, Vec<u8>>;

/// The files that differ between two snapshots (by name; the bytes would flood a message).
fn changed(before: &Files, after: &Files) -> Vec<String> {
    let mut out: Vec<String> = after
        .keys()
        .chain(before.keys())
        .filter(|k| after.get(*k) != before.get(*k))
        .cloned()
        .collect();
    out.dedup();
    out
}

/// Changes the chart's title in both languages, so that every chart output changes.
fn revise(dir: &Path) {
    let spec = std::fs::read_to_string(dir.join("charts.toml")).unwrap();
    std::fs::write(
        dir.join("charts.toml"),
        spec.replace("Arrests by drug", "Arrests by drug, revised"),
    )
    .unwrap();
    let ja = std::fs::read_to_string(dir.join("translations/ja.toml")).unwrap();
    std::fs::write(
        dir.join("translations/ja.toml"),
        ja.replace("\"Arrests by drug\"", "\"Arrests by drug, revised\"")
            .replace("薬物別の逮捕者数", "薬物別の逮捕者数（改訂）"),
    )
    .unwrap();
}

#[test]
fn a_hand_edited_manifest_never_makes_build_touch_a_file_it_did_not_write() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("p");
    project(&dir);
    assert_eq!(code(&run(&dir, &["build", "--quiet"])), 0);
    let precious = tmp.path().join("precious.txt");
    std::fs::write(&precious, "keep me").unwrap();
    std::fs::write(dir.join("keep.txt"), "keep me too").unwrap();
    let manifest = dir.join("output/manifest.json");
    let mut m: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&manifest).unwrap()).unwrap();
    let outputs = m["outputs"].as_object_mut().unwrap();
    let entry = outputs["svg/arrests.svg"].clone();
    let ghost = |mut e: serde_json::Value| {
        e["chart"] = "ghost".into();
        e
    };
    outputs.insert(precious.display().to_string(), ghost(entry.clone()));
    outputs.insert("../keep.txt".into(), ghost(entry.clone()));
    outputs.insert("svg/../../keep.txt".into(), ghost(entry.clone()));
    // A real output recorded under a chart that is not in the spec.
    outputs.insert("svg/arrests.svg".into(), ghost(entry.clone()));
    std::fs::write(&manifest, serde_json::to_string_pretty(&m).unwrap()).unwrap();

    let check = run(&dir, &["check"]);
    let listed = String::from_utf8_lossy(&check.stdout).to_string();
    assert_eq!(code(&check), 1, "{listed}");
    for p in [precious.display().to_string(), "../keep.txt".into()] {
        assert!(
            listed.contains(&format!("foreign  {p}")),
            "check names the foreign entry {p}: {listed}"
        );
    }
    assert!(listed.contains("svg/arrests.svg"), "{listed}");

    let build = run(&dir, &["build"]);
    assert_eq!(code(&build), 0, "{}", stderr(&build));
    let said = String::from_utf8_lossy(&build.stdout);
    assert!(!said.contains("removed"), "{said}");
    assert_eq!(std::fs::read_to_string(&precious).unwrap(), "keep me");
    assert_eq!(
        std::fs::read_to_string(dir.join("keep.txt")).unwrap(),
        "keep me too"
    );
    assert!(dir.join("output/svg/arrests.svg").exists());
    // The build dropped the foreign entries: the folder is up to date again.
    let again = run(&dir, &["check"]);
    assert_eq!(
        code(&again),
        0,
        "{}",
        String::from_utf8_lossy(&again.stdout)
    );
}

#[cfg(unix)]
#[test]
fn no_output_folder_may_be_a_link_in_either_edition() {
    for sub in ["svg", "png", "ja", "ja/svg", "ja/png"] {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("p");
        project(&dir);
        let elsewhere = tmp.path().join("elsewhere");
        std::fs::create_dir_all(&elsewhere).unwrap();
        let link = dir.join("output").join(sub);
        std::fs::create_dir_all(link.parent().unwrap()).unwrap();
        std::os::unix::fs::symlink(&elsewhere, &link).unwrap();
        let o = run(&dir, &["build"]);
        let err = stderr(&o);
        assert_eq!(code(&o), 2, "output/{sub}: {err}");
        assert!(
            err.contains("this output folder is a symbolic link"),
            "output/{sub}: {err}"
        );
        assert!(
            std::fs::read_dir(&elsewhere).unwrap().next().is_none(),
            "output/{sub}: something was written through the link"
        );
        assert!(!dir.join("output/svg/arrests.svg").exists() || sub == "svg");
    }
}

#[test]
fn a_long_suffix_is_shortened_or_dropped_never_a_panic() {
    // The attack that made the collision step remove labels by a stale index (exit 101).
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("p");
    project(&dir);
    std::fs::write(
        dir.join("data/arrests.csv"),
        "drug,arrests\nCannabis,840\nNPS,1196\nCannabis 2,920\nNPS 2,651\n",
    )
    .unwrap();
    let suffix = "x".repeat(50);
    let spec = english_only()
        .replace("kind = \"bar\"", "kind = \"bar\"\nwidth = 320")
        .replace(
            "title = \"People arrested\" }",
            &format!("title = \"People arrested\", suffix = \"{suffix}\" }}"),
        );
    std::fs::write(dir.join("charts.toml"), spec).unwrap();
    for args in [&["validate"][..], &["build"][..]] {
        let o = run(&dir, args);
        assert_eq!(code(&o), 0, "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("was dropped"), "{}", stderr(&o));
    }
    // `--quiet` prints errors only.
    let o = run(&dir, &["build", "--quiet", "--force"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(!stderr(&o).contains("warning"), "{}", stderr(&o));
}

#[test]
fn a_bidi_override_as_a_prefix_is_refused_where_it_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("p");
    project(&dir);
    let spec = SPEC.replace(
        "title = \"People arrested\" }",
        "title = \"People arrested\", prefix = \"\\u202E\" }",
    );
    let col = spec.lines().nth(11).unwrap().find("\\u202E").unwrap() + 1;
    std::fs::write(dir.join("charts.toml"), spec).unwrap();
    for args in [&["validate"][..], &["build"][..]] {
        let o = run(&dir, args);
        let err = stderr(&o);
        assert_eq!(code(&o), 2, "{err}");
        assert!(
            err.contains("error: U+202E (written as an escape) is a bidirectional control")
                && err.contains(&format!("--> charts.toml:12:{col}")),
            "{err}"
        );
    }
    assert!(!dir.join("output").exists());
}

/// Puts `c` (as written, or as a TOML escape) into one field of one file of the project.
fn poison(dir: &Path, file: &str, find: &str, with: &str) {
    let p = dir.join(file);
    let text = std::fs::read_to_string(&p).unwrap();
    assert!(text.contains(find), "{file} has no {find:?}");
    std::fs::write(&p, text.replacen(find, with, 1)).unwrap();
}

#[test]
fn refused_characters_are_located_in_every_field_of_every_file_kind() {
    // (file, text to find, what to put instead, expected line) for each field.
    let cases: Vec<(&str, &str, String, usize)> = {
        let mut v = Vec::new();
        for (c, esc) in [
            ('\u{7}', "\\u0007"),
            ('\u{1b}', "\\u001B"),
            ('\u{0}', "\\u0000"),
            ('\u{85}', "\\u0085"),
            ('\u{7f}', "\\u007F"),
            ('\u{202e}', "\\u202E"),
            ('\u{2066}', "\\U00002066"),
        ] {
            for (file, find, line) in [
                ("charts.toml", "\"Arrests\"", 2),
                ("charts.toml", "\"Arrests by drug\"", 9),
                ("charts.toml", "\"People arrested\"", 12),
                ("charts.toml", "\"Ministry\"", 13),
                ("translations/ja.toml", "\"逮捕\"", 2),
                ("translations/ja.toml", "\"大麻\"", 8),
                // A key of the translation file.
                ("translations/ja.toml", "\"NPS\" =", 9),
            ] {
                let base = find.trim_end_matches(" =").trim_end_matches('"');
                let tail = &find[base.len()..];
                v.push((file, find, format!("{base}{esc}{tail}"), line));
                if !c.is_control() || c == '\u{85}' {
                    // TOML itself refuses raw C0 controls and DEL in strings; the rest go
                    // in as they are.
                    v.push((file, find, format!("{base}{c}{tail}"), line));
                }
            }
            // A data cell (CSV has no escapes).
            v.push(("data/arrests.csv", "NPS,", format!("NP{c}S,"), 3));
        }
        v
    };
    let tmp = tempfile::tempdir().unwrap();
    for (i, (file, find, with, line)) in cases.iter().enumerate() {
        let dir = tmp.path().join(format!("p{i}"));
        project(&dir);
        poison(&dir, file, find, with);
        let o = run(&dir, &["validate"]);
        let err = stderr(&o);
        assert_eq!(code(&o), 2, "{file} {with:?}: {err}");
        assert!(
            err.contains(&format!("--> {file}:{line}:")) && err.contains("error: U+"),
            "{file} {with:?}: {err}"
        );
        // Nothing the terminal would run reaches it.
        assert!(
            !err.chars().any(|c| c.is_control() && c != '\n'),
            "{file} {with:?}: a control character reached stderr: {err:?}"
        );
        assert!(!dir.join("output").exists());
    }
}

#[test]
fn a_fifo_as_a_data_file_is_an_error_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("p");
    project(&dir);
    std::fs::remove_file(dir.join("data/arrests.csv")).unwrap();
    if !mkfifo(&dir.join("data/arrests.csv")) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    let o = run(&dir, &["validate"]);
    let err = stderr(&o);
    assert_eq!(code(&o), 2, "{err}");
    assert!(
        err.contains("the data file `data/arrests.csv` is a named pipe (FIFO), not a regular file")
            && err.contains("--> charts.toml:10:8"),
        "{err}"
    );
}

/// A built project in `tmp/p`.
fn built(tmp: &Path) -> PathBuf {
    let dir = tmp.join("p");
    project(&dir);
    assert_eq!(code(&run(&dir, &["build", "--quiet"])), 0);
    dir
}

/// Breaks the output folder with `breakage`, revises every chart, and asserts that the build
/// fails saying `says` and leaves every file of the output folder exactly as it was.
fn fails_leaving_everything_old(dir: &Path, breakage: impl FnOnce(&Path), says: &[&str]) {
    breakage(&dir.join("output"));
    let before = snapshot(&dir.join("output"));
    revise(dir);
    let o = run(dir, &["build"]);
    let err = stderr(&o);
    assert_eq!(code(&o), 2, "{err}");
    for s in says {
        assert!(err.contains(s), "{s:?} not in: {err}");
    }
    let after = snapshot(&dir.join("output"));
    let changed = changed(&before, &after);
    assert!(changed.is_empty(), "a failed build changed {changed:?}");
}

#[test]
fn a_failing_second_edition_leaves_the_first_as_it_was() {
    let tmp = tempfile::tempdir().unwrap();
    // The Japanese edition cannot be written: its folder is a file.
    let break_ja = |out: &Path| {
        std::fs::remove_dir_all(out.join("ja")).unwrap();
        std::fs::write(out.join("ja"), "not a folder").unwrap();
    };
    fails_leaving_everything_old(
        &built(tmp.path()),
        break_ja,
        &["exists and is not a folder"],
    );
}

#[test]
fn a_folder_where_the_manifest_goes_fails_before_anything_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let break_manifest = |out: &Path| {
        std::fs::remove_file(out.join("ja/manifest.json")).unwrap();
        std::fs::create_dir_all(out.join("ja/manifest.json")).unwrap();
    };
    fails_leaving_everything_old(
        &built(tmp.path()),
        break_manifest,
        &["output error: this output is a folder", "manifest.json"],
    );
}

/// Makes a FIFO at `p` (false where mkfifo is missing: the caller skips, saying so).
fn mkfifo(p: &Path) -> bool {
    Command::new("mkfifo")
        .arg(p)
        .status()
        .is_ok_and(|s| s.success())
}

/// Whether this process may change file attributes and mount (root, in CI).
fn root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

#[test]
fn an_immutable_output_or_manifest_stops_the_write_phase_and_every_output_is_put_back() {
    // The first renames succeed, then one fails: an output in the English edition, an output
    // in the Japanese one (after all English files are in place), the last manifest.
    for stuck in ["png/arrests.png", "ja/png/arrests.png", "ja/manifest.json"] {
        let tmp = tempfile::tempdir().unwrap();
        let dir = built(tmp.path());
        let path = dir.join("output").join(stuck);
        let locked = Command::new("chattr").arg("+i").arg(&path).status();
        if !root() || !locked.is_ok_and(|s| s.success()) {
            eprintln!("skipped: chattr +i needs root and a file system that supports it");
            return;
        }
        let before = snapshot(&dir.join("output"));
        revise(&dir);
        let o = run(&dir, &["build"]);
        let after = snapshot(&dir.join("output"));
        let _ = Command::new("chattr").arg("-i").arg(&path).status();
        let err = stderr(&o);
        assert_eq!(code(&o), 2, "{stuck}: {err}");
        assert!(
            err.contains("output error: cannot put in place")
                && err.contains(stuck)
                && err.contains("every output was put back as it was"),
            "{stuck}: {err}"
        );
        let changed = changed(&before, &after);
        assert!(
            changed.is_empty(),
            "{stuck}: the failed write phase changed {changed:?}"
        );
        // The next build, with the file writable again, finishes the job.
        assert_eq!(code(&run(&dir, &["build", "--quiet"])), 0);
        assert_eq!(code(&run(&dir, &["check", "--quiet"])), 0);
        let temps: Vec<String> = snapshot(&dir.join("output"))
            .into_keys()
            .filter(|k| k.contains(".tmp-") || k.contains(".old-"))
            .collect();
        assert!(temps.is_empty(), "{stuck}: {temps:?}");
    }
}

#[test]
fn a_full_disk_leaves_every_output_old() {
    if !root() {
        eprintln!("skipped: mounting a small tmpfs needs root");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("p");
    project(&dir);
    // How much one build writes, at a resolution that makes the PNGs the bulk of it.
    let build_600 = |out: &Path| {
        let out = out.to_str().unwrap();
        run(&dir, &["build", "--dpi", "600", "--out", out])
    };
    let probe = tmp.path().join("probe");
    let o = build_600(&probe);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let size: usize = snapshot(&probe).values().map(Vec::len).sum();
    // Room for one build and a half: the second cannot stage all its files.
    let disk = tmp.path().join("disk");
    std::fs::create_dir_all(&disk).unwrap();
    let kib = (size * 3 / 2) / 1024 + 64;
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", &format!("size={kib}k"), "tmpfs"])
        .arg(&disk)
        .status();
    if !mounted.is_ok_and(|s| s.success()) {
        eprintln!("skipped: cannot mount a tmpfs here");
        return;
    }
    let out = disk.join("output");
    let o = build_600(&out);
    let first = code(&o);
    let before = snapshot(&out);
    revise(&dir);
    let o2 = build_600(&out);
    let after = snapshot(&out);
    let _ = Command::new("umount").arg(&disk).status();
    assert_eq!(first, 0, "the first build fits: {}", stderr(&o));
    let err = stderr(&o2);
    assert_eq!(code(&o2), 2, "{err}");
    assert!(
        err.contains("output error: cannot write") && err.contains("No space left on device"),
        "{err}"
    );
    let changed = changed(&before, &after);
    assert!(changed.is_empty(), "a full disk changed {changed:?}");
}

#[test]
fn two_builds_into_one_folder_one_waits_for_none_and_is_told_why() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("p");
    project(&dir);
    let mut first = Command::new(env!("CARGO_BIN_EXE_chartbook"))
        .args(["build", "--quiet"])
        .current_dir(&dir)
        .env("CHARTBOOK_TEST_WRITE_PAUSE_MS", "400")
        .spawn()
        .unwrap();
    // Wait until the first build holds the lock.
    let lock: PathBuf = dir.join("output/.chartbook.lock");
    let t0 = std::time::Instant::now();
    while !std::fs::read_to_string(&lock).is_ok_and(|s| s.ends_with('\n')) {
        assert!(
            t0.elapsed().as_secs() < 60,
            "the first build never took the lock"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let second = run(&dir, &["build", "--quiet"]);
    let err = stderr(&second);
    assert_eq!(code(&second), 2, "{err}");
    assert!(
        err.contains(&format!(
            "another chartbook build is writing to output/ (pid {})",
            first.id()
        )),
        "{err}"
    );
    // check waits for the build to finish, then finds the folder complete.
    let check = run(&dir, &["check"]);
    assert!(first.wait().unwrap().success());
    assert_eq!(
        code(&check),
        0,
        "check read a folder halfway through a build: {}",
        String::from_utf8_lossy(&check.stdout)
    );
    assert!(!lock.exists(), "the lock file is removed after the build");
    assert_eq!(code(&run(&dir, &["build", "--quiet"])), 0);
}

#[test]
fn markdown_outputs_show_payloads_as_text() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("p");
    project(&dir);
    let spec = english_only()
        .replace(
            "title = \"Arrests by drug\"",
            "title = \"<script>alert(1)</script> [x](javascript:alert(1))\"",
        )
        .replace(
            "source = \"Ministry\"",
            "source = \"Ministry\"\nalt = \"Arrests\\n# heading\\n- item *bold* `code` &amp;\"",
        );
    std::fs::write(dir.join("charts.toml"), spec).unwrap();
    let o = run(&dir, &["build", "--quiet"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let md = std::fs::read_to_string(dir.join("output/alt-text.md")).unwrap();
    assert!(
        md.contains("\\<script\\>alert(1)\\</script\\> \\[x\\](javascript:alert(1))"),
        "{md}"
    );
    assert!(
        md.contains("Arrests # heading - item \\*bold\\* \\`code\\` \\&amp;"),
        "{md}"
    );
    for line in md.lines() {
        assert!(
            !line.starts_with("# heading") && !line.starts_with("- item"),
            "{md}"
        );
    }
}

#[test]
fn a_fifo_in_the_output_folder_never_blocks_build_or_check() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = built(tmp.path());
    for rel in ["svg/arrests.svg", "manifest.json"] {
        let p = dir.join("output").join(rel);
        std::fs::remove_file(&p).unwrap();
        if !mkfifo(&p) {
            eprintln!("skipped: mkfifo is not available");
            return;
        }
    }
    let check = run(&dir, &["check"]);
    assert_eq!(
        code(&check),
        1,
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    let o = run(&dir, &["build", "--quiet"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(code(&run(&dir, &["check", "--quiet"])), 0);
}

#[test]
fn a_build_into_an_edition_folder_of_a_running_build_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = built(tmp.path());
    revise(&dir);
    std::fs::write(dir.join("en.toml"), english_only()).unwrap();
    let mut first = Command::new(env!("CARGO_BIN_EXE_chartbook"))
        .args(["build", "--quiet"])
        .current_dir(&dir)
        .env("CHARTBOOK_TEST_WRITE_PAUSE_MS", "400")
        .spawn()
        .unwrap();
    let lock = dir.join("output/ja/.chartbook.lock");
    let t0 = std::time::Instant::now();
    while !std::fs::read_to_string(&lock).is_ok_and(|s| s.ends_with('\n')) {
        assert!(
            t0.elapsed().as_secs() < 60,
            "the first build never locked ja/"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let second = run(&dir, &["build", "--spec", "en.toml", "--out", "output/ja"]);
    let err = stderr(&second);
    assert!(
        first.wait().unwrap().success(),
        "the first build was disturbed"
    );
    assert_eq!(code(&second), 2, "{err}");
    assert!(
        err.contains("another chartbook build is writing to output/ja/"),
        "{err}"
    );
    assert_eq!(code(&run(&dir, &["check", "--quiet"])), 0);
}

#[cfg(unix)]
#[test]
fn a_lock_file_that_is_a_link_or_a_fifo_is_refused_and_never_followed() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = built(tmp.path());
    let lock = dir.join("output/.chartbook.lock");
    let outside = tmp.path().join("outside");
    std::os::unix::fs::symlink(&outside, &lock).unwrap();
    let o = run(&dir, &["build"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o)
            .contains("output error: the build lock output/.chartbook.lock is a symbolic link"),
        "{}",
        stderr(&o)
    );
    assert!(!outside.exists(), "the link was followed");
    std::fs::remove_file(&lock).unwrap();
    if !mkfifo(&lock) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    // check must not open the FIFO (it would block for ever); build refuses it.
    let check = run(&dir, &["check", "--quiet"]);
    assert_eq!(
        code(&check),
        0,
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    let o = run(&dir, &["build"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("is not a regular file"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn names_in_the_output_folder_reach_the_terminal_without_control_characters() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = built(tmp.path());
    std::fs::write(dir.join("output/svg/x\u{1b}[31mRED\u{202e}.svg"), "x").unwrap();
    let check = run(&dir, &["check"]);
    let out = String::from_utf8_lossy(&check.stdout).to_string();
    assert_eq!(code(&check), 1, "{out}");
    assert!(
        out.contains("extra    svg/x<U+001B>[31mRED<U+202E>.svg"),
        "{out}"
    );
    assert!(
        !out.contains('\u{1b}') && !out.contains('\u{202e}'),
        "{out:?}"
    );
}
