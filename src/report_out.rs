//! How the binary tells people and tools what a build did: plain lines (one per chart) when
//! not on a terminal or in CI, a progress bar on a terminal, JSON lines for tools, nothing
//! but errors with `--quiet`.

use std::io::IsTerminal;
use std::sync::Mutex;

use chartbook::{Diag, Event, Finding, Severity};
use serde_json::json;

use crate::cli::MessageFormat;

/// Whether stderr is a terminal a person watches (not CI, not a dumb terminal).
fn interactive() -> bool {
    std::io::stderr().is_terminal()
        && std::env::var_os("CI").is_none()
        && std::env::var("TERM").map_or(true, |t| t != "dumb")
}

/// Colours on a terminal, unless NO_COLOR is set (no-color.org) or the terminal is dumb.
pub fn use_color() -> bool {
    std::io::stderr().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::env::var("TERM").map_or(true, |t| t != "dumb")
}

/// Prints diagnostics: rendered to stderr for people, JSON lines to stdout for tools.
pub fn diags(format: MessageFormat, diags: &[Diag]) {
    match format {
        MessageFormat::Json => {
            for d in diags {
                let v = json!({
                    "event": "diagnostic",
                    "severity": if d.severity == Severity::Error { "error" } else { "warning" },
                    "file": d.file,
                    "line": d.line,
                    "column": d.col,
                    "chart": d.chart,
                    "message": d.message,
                    "hint": d.hint,
                });
                println!("{v}");
            }
        }
        MessageFormat::Human => {
            let color = use_color();
            for d in diags {
                eprint!("{}", d.render(color));
            }
            let errors = diags
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .count();
            if errors > 0 {
                eprintln!(
                    "chartbook: {errors} error(s), {} warning(s)",
                    diags.len() - errors
                );
            }
        }
    }
}

/// Reports build events as they come.
pub struct Progress {
    format: MessageFormat,
    quiet: bool,
    /// A progress bar, made when the plan says more than a handful of charts will render.
    bar: Mutex<Option<indicatif::ProgressBar>>,
}

impl Progress {
    pub fn new(format: MessageFormat, quiet: bool) -> Progress {
        Progress {
            format,
            quiet,
            bar: Mutex::new(None),
        }
    }

    pub fn event(&self, e: &Event) {
        let Ok(mut bar) = self.bar.lock() else {
            return;
        };
        if let Event::Planned { render, total } = e {
            if self.format == MessageFormat::Human && !self.quiet && *render > 5 && interactive() {
                let b = indicatif::ProgressBar::new(*total as u64);
                if let Ok(style) =
                    indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}")
                {
                    b.set_style(style);
                }
                *bar = Some(b);
            }
            if self.format == MessageFormat::Json {
                println!(
                    "{}",
                    json!({"event": "planned", "render": render, "total": total})
                );
            }
            return;
        }
        match self.format {
            MessageFormat::Json => {
                let v = match e {
                    Event::Planned { .. } => return,
                    Event::Built { chart, written } => {
                        json!({"event": "built", "chart": chart, "written": written})
                    }
                    Event::Skipped { chart } => json!({"event": "skipped", "chart": chart}),
                    Event::Failed { chart, message } => {
                        json!({"event": "failed", "chart": chart, "message": message})
                    }
                    Event::Report { rebuilt, output } => {
                        json!({"event": if *rebuilt { "built" } else { "skipped" }, "chart": null, "output": output})
                    }
                };
                println!("{v}");
            }
            MessageFormat::Human if self.quiet => {}
            MessageFormat::Human => {
                let line = match e {
                    Event::Planned { .. } => return,
                    Event::Built { chart, written } => {
                        format!("built    {chart} ({written} file(s) changed)")
                    }
                    Event::Skipped { chart } => format!("skipped  {chart} (unchanged)"),
                    Event::Failed { chart, message } => {
                        // The full message follows as an error; here, its first words.
                        let short: String = message.chars().take(160).collect();
                        let more = if short.len() < message.len() {
                            "…"
                        } else {
                            ""
                        };
                        format!("failed   {chart}: {short}{more}")
                    }
                    Event::Report {
                        rebuilt: true,
                        output,
                    } => format!("built    {output}"),
                    Event::Report {
                        rebuilt: false,
                        output,
                    } => format!("skipped  {output} (unchanged)"),
                };
                match bar.as_ref() {
                    Some(b) => {
                        if !matches!(e, Event::Report { .. }) {
                            b.inc(1);
                        }
                        b.set_message(line);
                    }
                    None => println!("{line}"),
                }
            }
        }
    }

    /// The last line: what was written.
    pub fn finish(&self, report: &chartbook::BuildReport, out: &std::path::Path) {
        if let Ok(bar) = self.bar.lock() {
            if let Some(b) = bar.as_ref() {
                b.finish_and_clear();
            }
        }
        match self.format {
            MessageFormat::Json => println!(
                "{}",
                json!({
                    "event": "finished",
                    "rendered": report.rendered,
                    "skipped": report.skipped,
                    "written": report.written.iter().map(|p| p.display().to_string()).collect::<Vec<_>>(),
                    "removed": report.removed.iter().map(|p| p.display().to_string()).collect::<Vec<_>>(),
                })
            ),
            MessageFormat::Human if self.quiet => {}
            // Nothing drawn, nothing written: say that this is the point, not a failure (the
            // first build of a fresh clone of a project that commits its outputs).
            MessageFormat::Human
                if report.rendered == 0
                    && report.written.is_empty()
                    && report.removed.is_empty() =>
            {
                println!(
                    "chartbook: {} is up to date: 0 rendered, {} unchanged (their inputs and files match {}); nothing written. `chartbook build --force` draws every chart again.",
                    out.display(),
                    report.skipped,
                    out.join("manifest.json").display()
                )
            }
            MessageFormat::Human => println!(
                "chartbook: {} rendered, {} unchanged; {} file(s) written to {}{}",
                report.rendered,
                report.skipped,
                report.written.len(),
                out.display(),
                if report.removed.is_empty() {
                    String::new()
                } else {
                    format!(", {} removed", report.removed.len())
                }
            ),
        }
    }
}

/// Prints what `check` found; returns whether the output is up to date.
pub fn findings(
    format: MessageFormat,
    quiet: bool,
    found: &[Finding],
    out: &std::path::Path,
) -> bool {
    for f in found {
        match format {
            MessageFormat::Json => {
                let v = json!({
                    "event": "finding",
                    "kind": f.kind.name(),
                    "path": f.path,
                    "chart": f.chart,
                });
                println!("{v}");
            }
            MessageFormat::Human => println!("{f}"),
        }
    }
    match format {
        MessageFormat::Json => println!(
            "{}",
            json!({"event": "checked", "up_to_date": found.is_empty()})
        ),
        MessageFormat::Human if found.is_empty() && !quiet => {
            println!("chartbook: {} is up to date", out.display());
        }
        MessageFormat::Human if !found.is_empty() => {
            eprintln!(
                "chartbook: {} is not what `chartbook build` would write ({} finding(s)); run `chartbook build`",
                out.display(),
                found.len()
            );
            if let Some(hint) = partial_build(found) {
                eprintln!("  = hint: {hint}");
            }
        }
        MessageFormat::Human => {}
    }
    found.is_empty()
}

/// When everything `check` found is missing and of some formats only, the output looks like a
/// partial build (`build --formats svg,png`): how to check just what it wrote.
fn partial_build(found: &[Finding]) -> Option<String> {
    let format = |path: &str| {
        let name = path.rsplit('/').next().unwrap_or(path);
        if path.ends_with(".pdf") {
            "pdf"
        } else if name == "index.html"
            || path.starts_with("phone/")
            || path.contains("/phone/")
            || path.starts_with("data/")
            || path.contains("/data/")
        {
            "html"
        } else if path.starts_with("png/") || path.contains("/png/") {
            "png"
        } else if path.starts_with("svg/") || path.contains("/svg/") {
            "svg"
        } else {
            ""
        }
    };
    let all_missing = found
        .iter()
        .all(|f| f.kind == chartbook::output::check::Kind::Missing && !format(&f.path).is_empty());
    if !all_missing {
        return None;
    }
    let built: Vec<&str> = ["svg", "png", "pdf", "html"]
        .into_iter()
        .filter(|fmt| !found.iter().any(|f| format(&f.path) == *fmt))
        .collect();
    if built.is_empty() {
        return None;
    }
    let list = built.join(",");
    Some(format!(
        "only {} missing, the rest is current: if the last build was `build --formats {list}`, check it with `chartbook check --formats {list}` (repeat its --dpi and --out too); `chartbook build` writes the rest",
        ["svg", "png", "pdf", "html"]
            .into_iter()
            .filter(|fmt| !built.contains(fmt))
            .map(|f| f.to_uppercase())
            .collect::<Vec<_>>()
            .join(" and ")
    ))
}
