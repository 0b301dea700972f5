//! Benchmarks of the release binary (`cargo bench`; not run by `cargo test`):
//! (a) the whole briefing, all formats, cold; (b) a rebuild with nothing changed; (c) `check`
//! on an up-to-date folder; (d) generated specs of N simple charts (N = 10, 100, 1000), SVG
//! and PNG, with --jobs 1 and 2. Wall time is the median of several runs; peak memory is the
//! child's maximum resident set, read with GNU time when it is installed.
//! (e) N = 10,000 (`BENCH_CATALOGUE=N` sets it; 0 skips it): --jobs 1 and 2, then two shards
//! (`--shard 1/2`, `--shard 2/2`, each --jobs 1, one after the other, as two machines would
//! run them) and their `merge`.
//! `BENCH_QUICK=1` runs fewer repetitions and skips N = 1000 and the catalogue.

#[path = "../tests/it/common/mod.rs"]
mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_chartbook"))
}

/// Runs chartbook with `args` in `dir`; returns wall time and peak RSS in MB (when GNU time
/// is there to measure it).
fn timed(dir: &Path, args: &[&str]) -> (Duration, Option<f64>) {
    let gnu_time = Path::new("/usr/bin/time").exists();
    let rss_file = dir.join(".rss");
    let mut c = if gnu_time {
        let mut c = Command::new("/usr/bin/time");
        c.arg("-f").arg("%M").arg("-o").arg(&rss_file).arg(bin());
        c
    } else {
        Command::new(bin())
    };
    c.args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH");
    let t = Instant::now();
    let o = c.output().expect("chartbook runs");
    let wall = t.elapsed();
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let rss = std::fs::read_to_string(&rss_file)
        .ok()
        .and_then(|s| s.trim().lines().last()?.parse::<f64>().ok())
        .map(|kb| kb / 1024.0);
    (wall, rss)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn copy_project(dir: &Path) {
    common::copy_briefing(dir, str::to_string);
}

/// A spec of `n` simple bar charts over one small CSV.
fn generated(dir: &Path, n: usize) {
    std::fs::create_dir_all(dir.join("data")).unwrap();
    std::fs::write(
        dir.join("data/d.csv"),
        "drug,arrests\nMethamphetamine,10284\nCannabis,3218\nNPS,651\n",
    )
    .unwrap();
    let mut spec = String::from("[report]\ntitle = \"Generated\"\n");
    for i in 0..n {
        spec.push_str(&format!(
            "\n[[chart]]\nid = \"c{i}\"\nkind = \"bar\"\ntitle = \"Chart {i}\"\ndata = \"data/d.csv\"\nx = {{ field = \"drug\" }}\ny = {{ field = \"arrests\" }}\nsource = \"Generated\"\n"
        ));
    }
    std::fs::write(dir.join("charts.toml"), spec).unwrap();
}

/// Two shards of the `n` charts in `dir`, built one after the other with one thread each (as
/// two one-core machines would), then merged.
fn shards(dir: &Path, n: usize) {
    let mut slowest = Duration::ZERO;
    let mut peak: Option<f64> = None;
    for k in ["1/2", "2/2"] {
        let out = format!("shard-{}", &k[..1]);
        let (w, r) = timed(
            dir,
            &[
                "build",
                "--quiet",
                "--formats",
                "svg,png",
                "--jobs",
                "1",
                "--shard",
                k,
                "--out",
                &out,
            ],
        );
        slowest = slowest.max(w);
        peak = match (peak, r) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        println!(
            "| {n} bar charts, shard {k}, --jobs 1 | {:.2} s | | {} |",
            w.as_secs_f64(),
            fmt_rss(r)
        );
    }
    let (w, r) = timed(
        dir,
        &[
            "merge",
            "shard-1",
            "shard-2",
            "--quiet",
            "--formats",
            "svg,png",
            "--out",
            "merged",
        ],
    );
    println!(
        "| {n} bar charts, merge of the two shards | {:.2} s | | {} |",
        w.as_secs_f64(),
        fmt_rss(r)
    );
    println!(
        "| {n} bar charts on two one-core machines: slowest shard + merge | {:.2} s | {:.1} ms | {} |",
        (slowest + w).as_secs_f64(),
        (slowest + w).as_secs_f64() * 1e3 / n as f64,
        fmt_rss(peak)
    );
}

fn fmt_rss(r: Option<f64>) -> String {
    r.map_or("n/a".into(), |m| format!("{m:.0} MB"))
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` would pass nothing useful.
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let quick = std::env::var_os("BENCH_QUICK").is_some();
    let reps = if quick { 3 } else { 7 };
    let tmp = std::env::temp_dir().join(format!("chartbook-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);

    println!("| benchmark | wall (median of {reps}) | per chart | peak RSS |");
    println!("|---|---|---|---|");

    // (a) The briefing, all formats, cold: a fresh output folder each time.
    let brief = tmp.join("briefing");
    copy_project(&brief);
    let mut walls = Vec::new();
    let mut rss = None;
    for i in 0..reps {
        let out = format!("out-{i}");
        let (w, r) = timed(&brief, &["build", "--quiet", "--out", &out]);
        walls.push(w);
        rss = r;
    }
    let w = median(walls);
    println!(
        "| briefing, both editions: 32 charts, SVG+PNG (300 dpi)+PDF+HTML, cold | {:.0} ms | {:.1} ms | {} |",
        w.as_secs_f64() * 1e3,
        w.as_secs_f64() * 1e3 / 32.0,
        fmt_rss(rss)
    );

    // (b) Rebuild with nothing changed, and (c) check, on the last output.
    for (name, args) in [
        ("no-op rebuild", vec!["build", "--quiet", "--out", "out-0"]),
        (
            "check, up to date",
            vec!["check", "--quiet", "--out", "out-0"],
        ),
    ] {
        let mut walls = Vec::new();
        let mut rss = None;
        for _ in 0..reps * 2 {
            let (w, r) = timed(&brief, &args);
            walls.push(w);
            rss = r;
        }
        let w = median(walls);
        println!(
            "| briefing, {name} | {:.1} ms | | {} |",
            w.as_secs_f64() * 1e3,
            fmt_rss(rss)
        );
    }

    // (d) N generated charts, SVG+PNG, --jobs 1 and 2.
    let catalogue: usize = std::env::var("BENCH_CATALOGUE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if quick { 0 } else { 10_000 });
    let mut sizes: Vec<usize> = if quick {
        vec![10, 100]
    } else {
        vec![10, 100, 1000]
    };
    if catalogue > 0 {
        sizes.push(catalogue);
    }
    for &n in &sizes {
        let dir = tmp.join(format!("gen-{n}"));
        generated(&dir, n);
        let runs = if n >= 1000 { 1 } else { 3.min(reps) };
        let mut per_jobs = Vec::new();
        for jobs in ["1", "2"] {
            let mut walls = Vec::new();
            let mut rss = None;
            for i in 0..runs {
                let out = format!("out-{jobs}-{i}");
                let (w, r) = timed(
                    &dir,
                    &[
                        "build",
                        "--quiet",
                        "--formats",
                        "svg,png",
                        "--jobs",
                        jobs,
                        "--out",
                        &out,
                    ],
                );
                walls.push(w);
                rss = r;
                let _ = std::fs::remove_dir_all(dir.join(&out));
            }
            let w = median(walls);
            per_jobs.push(w);
            println!(
                "| {n} bar charts, SVG+PNG (300 dpi), --jobs {jobs} | {:.2} s | {:.1} ms | {} |",
                w.as_secs_f64(),
                w.as_secs_f64() * 1e3 / n as f64,
                fmt_rss(rss)
            );
        }
        println!(
            "| {n} bar charts: speed-up of --jobs 2 | {:.2}× | | |",
            per_jobs[0].as_secs_f64() / per_jobs[1].as_secs_f64()
        );
        if n == catalogue {
            shards(&dir, n);
        }
    }
    let _ = std::fs::remove_dir_all(&tmp);
}
