//! `chartbook serve`: a live preview. Builds, serves the output folder on 127.0.0.1, and
//! rebuilds whenever a file of the project changes (the spec, the data, a translation, the
//! sources, a font or theme file: anything under the spec's folder but the output folder and
//! hidden files). Each HTML page it serves carries a small script that asks for the build's
//! number and reloads the page when it changes, and shows the errors of a failed build in the
//! page, located as on the terminal. The files on disk are exactly what `build` writes.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use crate::error::Diag;
use crate::output::BuildOptions;

/// The state the pages ask for: the number of the last build and its errors.
#[derive(Debug, Default)]
struct Status {
    build: u64,
    errors: Vec<String>,
}

/// The files under `dir` that a build reads, with their modification times and sizes: every
/// file but hidden ones and those under `skip` (the output folder).
fn snapshot(dir: &Path, skip: &Path, out: &mut BTreeMap<PathBuf, (SystemTime, u64)>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if e.file_name().to_string_lossy().starts_with('.') || p.starts_with(skip) {
            continue;
        }
        let Ok(m) = e.metadata() else { continue };
        if m.is_dir() {
            if p.file_name().is_some_and(|n| n == "target") {
                continue;
            }
            snapshot(&p, skip, out);
        } else {
            out.insert(p, (m.modified().unwrap_or(SystemTime::UNIX_EPOCH), m.len()));
        }
    }
}

/// The script every served page gets: it asks for the status twice a second, reloads the
/// page when a newer build is done, and shows a failed build's errors over the page.
const LIVE: &str = r#"<script>
(() => {
  let seen = null;
  const box = document.createElement('pre');
  box.id = 'chartbook-errors';
  box.style.cssText = 'position:fixed;left:0;right:0;bottom:0;max-height:60vh;overflow:auto;margin:0;padding:12px 16px;background:#fff4f4;color:#8a0000;border-top:3px solid #c00;font:13px/1.4 monospace;white-space:pre-wrap;z-index:9999;display:none';
  document.addEventListener('DOMContentLoaded', () => document.body.appendChild(box));
  async function poll() {
    try {
      const s = await (await fetch('/__chartbook/status', { cache: 'no-store' })).json();
      if (seen !== null && s.build !== seen) { location.reload(); return; }
      seen = s.build;
      box.textContent = s.errors.join('\n');
      box.style.display = s.errors.length ? 'block' : 'none';
    } catch (e) {}
    setTimeout(poll, 500);
  }
  poll();
})();
</script>"#;

/// Runs the preview until the process is stopped. `port` 0 picks a free port; `on_ready`
/// hears the address once it listens, `on_build` each build's diagnostics.
pub fn serve(
    spec: &Path,
    opts: &BuildOptions,
    port: u16,
    on_ready: &dyn Fn(&str),
    on_build: &(dyn Fn(&[Diag], bool) + Sync),
) -> Result<(), Vec<Diag>> {
    let listener = TcpListener::bind(("127.0.0.1", port)).map_err(|e| {
        vec![
            Diag::error("serve", format!("cannot listen on 127.0.0.1:{port}: {e}"))
                .with_hint("choose another port with --port, or 0 for any free one"),
        ]
    })?;
    let addr = listener
        .local_addr()
        .map(|a| a.to_string())
        .unwrap_or_default();
    let status = Arc::new(Mutex::new(Status::default()));
    let run = |status: &Mutex<Status>| {
        let (diags, ok) = match crate::build(spec, opts, &|_| {}) {
            Ok((_, warnings)) => (warnings, true),
            Err(errs) => (errs, false),
        };
        on_build(&diags, ok);
        if let Ok(mut s) = status.lock() {
            s.build += 1;
            s.errors = if ok {
                Vec::new()
            } else {
                diags.iter().map(|d| d.render(false)).collect()
            };
        }
    };
    run(&status);
    let out = opts.out.clone();
    {
        let status = Arc::clone(&status);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (status, out) = (Arc::clone(&status), out.clone());
                std::thread::spawn(move || {
                    let _ = respond(stream, &out, &status);
                });
            }
        });
    }
    on_ready(&addr);
    let root = spec
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let skip = if opts.out.is_absolute() {
        opts.out.clone()
    } else {
        root.join(&opts.out)
    };
    let mut last = BTreeMap::new();
    snapshot(&root, &skip, &mut last);
    loop {
        std::thread::sleep(Duration::from_millis(250));
        let mut now = BTreeMap::new();
        snapshot(&root, &skip, &mut now);
        if now != last {
            // Let a save that writes in several steps finish.
            std::thread::sleep(Duration::from_millis(100));
            last = BTreeMap::new();
            snapshot(&root, &skip, &mut last);
            run(&status);
        }
    }
}

/// Answers one request: the status, or a file of the output folder (HTML with the live
/// script), or 404. Only GET; no path leaves the folder.
fn respond(stream: TcpStream, out: &Path, status: &Mutex<Status>) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    // The headers are read and ignored.
    let mut h = String::new();
    while reader.read_line(&mut h)? > 2 {
        h.clear();
    }
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let mut stream = stream;
    if method != "GET" {
        return send(
            &mut stream,
            "405 Method Not Allowed",
            "text/plain",
            b"GET only\n",
        );
    }
    if path == "/__chartbook/status" {
        let body = status.lock().map_or_else(
            |_| "{}".to_string(),
            |s| serde_json::json!({ "build": s.build, "errors": s.errors }).to_string(),
        );
        return send(&mut stream, "200 OK", "application/json", body.as_bytes());
    }
    let rel = percent_decode(path.trim_start_matches('/'));
    let rel = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel
    };
    if rel.split('/').any(|c| c == ".." || c.starts_with('.')) || rel.contains('\\') {
        return send(&mut stream, "404 Not Found", "text/plain", b"not found\n");
    }
    let file = out.join(&rel);
    let Ok(bytes) = std::fs::read(&file) else {
        let failed = status.lock().is_ok_and(|s| !s.errors.is_empty());
        if rel.ends_with(".html") && failed {
            // No page yet (the first build failed): the errors alone.
            let page = format!("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>chartbook: build failed</title></head><body>{LIVE}</body></html>");
            return send(
                &mut stream,
                "200 OK",
                "text/html; charset=utf-8",
                page.as_bytes(),
            );
        }
        return send(&mut stream, "404 Not Found", "text/plain", b"not found\n");
    };
    let kind = match rel.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "pdf" => "application/pdf",
        "csv" => "text/csv; charset=utf-8",
        "json" => "application/json",
        "md" => "text/markdown; charset=utf-8",
        _ => "application/octet-stream",
    };
    if kind.starts_with("text/html") {
        let text =
            String::from_utf8_lossy(&bytes).replacen("</body>", &format!("{LIVE}</body>"), 1);
        return send(&mut stream, "200 OK", kind, text.as_bytes());
    }
    send(&mut stream, "200 OK", kind, &bytes)
}

fn send(stream: &mut TcpStream, code: &str, kind: &str, body: &[u8]) -> std::io::Result<()> {
    write!(
        stream,
        "HTTP/1.1 {code}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    stream.write_all(body)?;
    stream.flush()
}

/// `%20` and the like, as browsers write them in paths.
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = s
            .get(i + 1..i + 3)
            .filter(|h| h.bytes().all(|c| c.is_ascii_hexdigit()));
        if let (b'%', Some(h)) = (b[i], hex) {
            if let Ok(v) = u8::from_str_radix(h, 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    #[test]
    fn paths_are_percent_decoded() {
        assert_eq!(super::percent_decode("svg/a%20b.svg"), "svg/a b.svg");
        assert_eq!(super::percent_decode("100%"), "100%");
        assert_eq!(super::percent_decode("%zz"), "%zz");
    }
}
