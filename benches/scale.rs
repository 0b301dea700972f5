//! Benchmarks of inputs at the edge of what chartbook takes (`cargo bench --bench scale`; not
//! run by `cargo test`): a CSV of 10⁶ rows, tables of 10³, 2·10³ and 10⁴ rows, a 10⁴-character
//! word, a 1 MB cell, lines of 2·10⁴ and 10⁵ points, a scatter of 10⁴ points, 30 facet panels, and the largest raster allowed, four at a time. Each
//! must finish in seconds or fail at once with a located error that states the limit; the
//! bench prints wall time, peak memory (GNU time) and the outcome of each.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_chartbook"))
}

/// A deterministic stream of small numbers (xorshift).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

fn project(dir: &Path, spec: &str, csv: &str) {
    std::fs::create_dir_all(dir.join("data")).expect("project folder");
    std::fs::write(dir.join("charts.toml"), spec).expect("spec");
    std::fs::write(dir.join("data/d.csv"), csv).expect("data");
}

const LINE: &str = "[report]\ntitle = \"Scale\"\n\n[[chart]]\nid = \"a\"\nkind = \"line\"\ntitle = \"Rows\"\ndata = \"data/d.csv\"\nx = { field = \"t\", type = \"linear\" }\ny = { field = \"v\" }\nsource = \"S\"\n";
const SCATTER: &str = "[report]\ntitle = \"Scale\"\n\n[[chart]]\nid = \"a\"\nkind = \"scatter\"\ntitle = \"Points\"\ndata = \"data/d.csv\"\nx = { field = \"x\" }\ny = { field = \"y\" }\ncolor = { field = \"g\" }\ntrend = true\nsource = \"S\"\n";
const FACET: &str = "[report]\ntitle = \"Scale\"\n\n[[chart]]\nid = \"a\"\nkind = \"line\"\ntitle = \"Panels\"\ndata = \"data/d.csv\"\nx = { field = \"t\", type = \"linear\" }\ny = { field = \"v\" }\nfacet = { field = \"panel\", columns = 5 }\nwidth = 1000\nsource = \"S\"\n";
const TABLE: &str = "[report]\ntitle = \"Scale\"\n\n[[chart]]\nid = \"a\"\nkind = \"table\"\ntitle = \"Rows\"\ndata = \"data/d.csv\"\nsource = \"S\"\n";

fn bar_with_annotation(text: &str) -> String {
    format!("[report]\ntitle = \"Scale\"\n\n[[chart]]\nid = \"a\"\nkind = \"bar\"\ntitle = \"T\"\ndata = \"data/d.csv\"\nx = {{ field = \"k\" }}\ny = {{ field = \"v\" }}\nsource = \"S\"\nannotations = [{{ x = \"A\", text = \"{text}\" }}]\n")
}

fn rows(n: usize, rng: &mut Rng, label: bool) -> String {
    let mut s = String::with_capacity(n * 12);
    s.push_str(if label { "name,v\n" } else { "t,v\n" });
    for i in 0..n {
        if label {
            s.push_str(&format!("Row {i},{}\n", rng.below(1000)));
        } else {
            s.push_str(&format!("{i},{}\n", rng.below(1000)));
        }
    }
    s
}

/// Runs chartbook; prints one line: what, command, exit code, wall time, peak RSS, and the
/// first error line.
fn measure(what: &str, dir: &Path, args: &[&str], env: &[(&str, &str)]) {
    let rss = dir.join(".rss");
    let mut c = Command::new("/usr/bin/time");
    c.arg("-f").arg("%M").arg("-o").arg(&rss).arg(bin());
    c.args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH");
    for (k, v) in env {
        c.env(k, v);
    }
    let t = Instant::now();
    let o = c.output().expect("chartbook runs under GNU time");
    let wall = t.elapsed();
    let mb = std::fs::read_to_string(&rss)
        .ok()
        .and_then(|s| s.lines().last()?.trim().parse::<f64>().ok())
        .map_or("?".to_string(), |kb| format!("{:.0} MB", kb / 1024.0));
    let err = String::from_utf8_lossy(&o.stderr);
    let first = err
        .lines()
        .find(|l| l.starts_with("error"))
        .unwrap_or("")
        .chars()
        .take(110)
        .collect::<String>();
    println!(
        "| {what} | `chartbook {}` | {} | {:.2} s | {mb} | {first} |",
        args.join(" "),
        o.status.code().unwrap_or(-1),
        wall.as_secs_f64()
    );
}

fn main() {
    if !Path::new("/usr/bin/time").exists() {
        println!("skipped: GNU time (/usr/bin/time) is needed to read peak memory");
        return;
    }
    let tmp = tempfile::tempdir().expect("temp folder");
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    println!(
        "| input | command | exit | wall | peak RSS | first error |\n|---|---|---|---|---|---|"
    );

    let d = tmp.path().join("csv1e6");
    project(&d, LINE, &rows(1_000_000, &mut rng, false));
    measure("CSV of 10⁶ rows (line)", &d, &["validate"], &[]);
    measure("CSV of 10⁶ rows (line)", &d, &["build", "-q"], &[]);

    for (n, name) in [(20_000, "2·10⁴"), (100_000, "10⁵")] {
        let d = tmp.path().join(format!("line{n}"));
        project(&d, LINE, &rows(n, &mut rng, false));
        measure(&format!("line of {name} points"), &d, &["build", "-q"], &[]);
    }

    let d = tmp.path().join("scatter1e4");
    let mut pts = String::from("x,y,g\n");
    for i in 0..10_000 {
        let x = rng.below(100_000) as f64 / 1000.0;
        let y = x * 0.6 + rng.below(40_000) as f64 / 1000.0;
        pts.push_str(&format!("{x},{y},{}\n", ["A", "B", "C"][i % 3]));
    }
    project(&d, SCATTER, &pts);
    measure(
        "scatter of 10⁴ points, 3 colours, trend",
        &d,
        &["build", "-q"],
        &[],
    );

    let d = tmp.path().join("facet30");
    let mut long = String::from("panel,t,v\n");
    for p in 0..30 {
        for t in 0..40 {
            long.push_str(&format!("P{p:02},{t},{}\n", rng.below(1000)));
        }
    }
    project(&d, FACET, &long);
    measure(
        "30 panels of 40-point lines (facet)",
        &d,
        &["build", "-q"],
        &[],
    );

    for n in [1_000, 2_000, 10_000] {
        let d = tmp.path().join(format!("table{n}"));
        project(&d, TABLE, &rows(n, &mut rng, true));
        measure(&format!("table of {n} rows"), &d, &["validate"], &[]);
    }
    let d = tmp.path().join("table120");
    project(&d, TABLE, &rows(120, &mut rng, true));
    measure("table of 120 rows (fits)", &d, &["build", "-q"], &[]);

    let d = tmp.path().join("word");
    project(
        &d,
        &bar_with_annotation(&"w".repeat(10_000)),
        "k,v\nA,1\nB,2\n",
    );
    measure(
        "annotation of one 10⁴-character word",
        &d,
        &["build", "-q"],
        &[],
    );

    let d = tmp.path().join("cell");
    project(
        &d,
        TABLE,
        &format!("name,v\n{},1\nB,2\n", "x".repeat(1_000_000)),
    );
    measure("table cell of 1 MB (one word)", &d, &["build", "-q"], &[]);
    let d = tmp.path().join("cellwords");
    let words = vec!["word"; 200_000].join(" ");
    project(&d, TABLE, &format!("name,v\n\"{words}\",1\nB,2\n"));
    measure("table cell of 1 MB (2·10⁵ words)", &d, &["validate"], &[]);

    // The largest raster allowed: 4000 × 4000 px at 235 dpi is 95.9 million pixels (the cap
    // is 100 million); four such charts with --jobs 4.
    let d = tmp.path().join("raster");
    let mut spec = String::from("[report]\ntitle = \"Scale\"\n");
    for i in 0..4 {
        spec.push_str(&format!("\n[[chart]]\nid = \"big{i}\"\nkind = \"bar\"\ntitle = \"Big\"\nwidth = 4000\nheight = 4000\ndata = \"data/d.csv\"\nx = {{ field = \"k\" }}\ny = {{ field = \"v\" }}\nsource = \"S\"\n"));
    }
    project(&d, &spec, "k,v\nA,1\nB,2\n");
    measure(
        "one 4000×4000 chart at 235 dpi",
        &d,
        &[
            "build",
            "-q",
            "--formats",
            "png",
            "--dpi",
            "235",
            "--only",
            "big0",
        ],
        &[],
    );
    let _ = std::fs::remove_dir_all(d.join("output"));
    measure(
        "four 4000×4000 charts at 235 dpi, --jobs 4",
        &d,
        &[
            "build",
            "-q",
            "--formats",
            "png",
            "--dpi",
            "235",
            "--jobs",
            "4",
        ],
        &[],
    );
}
