//! `chartbook serve` driven in headless Chromium: the page it serves shows a value of the
//! data; after the CSV is edited the server rebuilds and the page shows the new value; a broken
//! spec puts its located error into the page. Skipped without Chromium unless
//! `CHARTBOOK_BROWSER_TESTS=required`.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::chromium;

/// Stops the server when the test ends, passed or not.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn get(addr: &str, path: &str) -> String {
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: {addr}\r\n\r\n").unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out.split("\r\n\r\n").nth(1).unwrap_or("").to_string()
}

fn build_number(addr: &str) -> u64 {
    let v: serde_json::Value = serde_json::from_str(&get(addr, "/__chartbook/status")).unwrap();
    v["build"].as_u64().unwrap()
}

/// Waits (up to a minute) for the server to finish a build after `n`.
fn wait_for_build(addr: &str, n: u64) {
    let start = Instant::now();
    while build_number(addr) <= n {
        assert!(start.elapsed() < Duration::from_secs(60), "no rebuild");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The page as Chromium has it once its script has run.
fn dom(chrome: &Path, url: &str) -> String {
    let o = Command::new(chrome)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--virtual-time-budget=3000",
            "--dump-dom",
            url,
        ])
        .output()
        .unwrap();
    String::from_utf8_lossy(&o.stdout).to_string()
}

#[test]
fn an_edited_value_reaches_the_page_and_an_error_is_shown_in_it() {
    let Some(chrome) = chromium() else {
        assert!(
            std::env::var("CHARTBOOK_BROWSER_TESTS").ok().as_deref() != Some("required"),
            "Chromium is required but not found"
        );
        eprintln!("skipped: no Chromium found");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("p");
    let bin = env!("CARGO_BIN_EXE_chartbook");
    assert!(Command::new(bin)
        .args(["init"])
        .arg(&dir)
        .output()
        .unwrap()
        .status
        .success());
    let mut child = Command::new(bin)
        .args(["serve", "--port", "0", "--dpi", "48"])
        .current_dir(&dir)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let server = Server(child);
    let mut lines = BufReader::new(stderr).lines();
    let addr = loop {
        let line = lines
            .next()
            .expect("the server says where it listens")
            .unwrap();
        if let Some(rest) = line.strip_prefix("chartbook: serving http://") {
            break rest.split('/').next().unwrap().to_string();
        }
    };
    // Keep reading the server's messages so that it never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    let url = format!("http://{addr}/");

    let page = dom(&chrome, &url);
    assert!(
        page.contains("Two branches lost visitors in 2024"),
        "{page:.500}"
    );
    assert!(page.contains(">4.2%<"), "the value in the page's table");

    let n = build_number(&addr);
    let csv = dir.join("data/visitor_change.csv");
    let text = std::fs::read_to_string(&csv).unwrap();
    std::fs::write(
        &csv,
        text.replace("Central Library,4.2", "Central Library,5.7"),
    )
    .unwrap();
    wait_for_build(&addr, n);
    let page = dom(&chrome, &url);
    assert!(page.contains(">5.7%<"), "the new value in the page");
    assert!(!page.contains(">4.2%<"), "the old value gone");

    let n = build_number(&addr);
    let spec = dir.join("charts.toml");
    let text = std::fs::read_to_string(&spec).unwrap();
    std::fs::write(&spec, text.replace("kind = \"slope\"", "kind = \"slop\"")).unwrap();
    wait_for_build(&addr, n);
    let page = dom(&chrome, &url);
    let errors = page
        .split("id=\"chartbook-errors\"")
        .nth(1)
        .expect("the error box is in the page");
    assert!(
        errors.contains("unknown chart kind") || errors.contains("slop"),
        "{errors:.600}"
    );
    assert!(errors.contains("charts.toml:"), "located: {errors:.600}");
    drop(server);
}
