//! One build: decide from the manifest which charts must be rendered (inputs changed, output
//! missing or edited, or `--force`), render those in parallel, each staging the files whose
//! bytes changed under temporary names as soon as it is drawn (so memory does not grow with
//! the number of charts), rebuild the handout only when it is stale, then rename everything
//! into place and write the manifest. A build with nothing to do writes nothing; a build
//! that fails removes what it staged and leaves the outputs as they were.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::manifest::{self, Entry, Manifest};
use super::pdf::figure::Converted;
use super::{png, render_chart, write, BuildOptions, Rendered};
use crate::error::Diag;
use crate::spec::{Chart, LoadedSpec};

/// What happened to one chart, as the build goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// The plan, before any rendering: `render` of the `total` selected charts need it.
    Planned {
        render: usize,
        total: usize,
    },
    /// Rendered; `written` of its files changed on disk.
    Built {
        chart: String,
        written: usize,
    },
    /// Inputs unchanged and outputs intact: not rendered.
    Skipped {
        chart: String,
    },
    Failed {
        chart: String,
        message: String,
    },
    /// The handout (`output`, "report.pdf" or "ja/report.pdf"): rebuilt or up to date.
    Report {
        rebuilt: bool,
        output: String,
    },
}

/// What a build did.
#[derive(Debug, Clone, Default)]
pub struct BuildReport {
    /// Files whose bytes changed (the manifest included).
    pub written: Vec<PathBuf>,
    /// Outputs of charts no longer in the spec, removed.
    pub removed: Vec<PathBuf>,
    pub rendered: usize,
    pub skipped: usize,
}

/// The outputs one chart should have: (path relative to the output folder, input hash).
pub fn chart_outputs(
    spec: &LoadedSpec,
    chart: &Chart,
    opts: &BuildOptions,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if opts.formats.svg {
        out.push((
            format!("svg/{}.svg", chart.id),
            manifest::chart_inputs(&spec.spec, chart, "svg", opts.dpi),
        ));
    }
    if opts.formats.png {
        out.push((
            format!("png/{}.png", chart.id),
            manifest::chart_inputs(&spec.spec, chart, "png", opts.dpi),
        ));
    }
    out
}

/// What one chart needs this build.
enum Job {
    /// Render (with its PDF figure when the handout is rebuilt).
    Render,
    /// Up to date, but the handout needs its figure: from the SVG on disk when that is
    /// current, else rendered without writing.
    FigureOnly {
        svg_current: bool,
    },
    Skip,
}

/// One output of a rendered chart, staged under a temporary name when its bytes changed.
struct Staged {
    rel: String,
    entry: Entry,
    temp: Option<PathBuf>,
}

/// The result of one job.
enum Done {
    Rendered {
        staged: Vec<Staged>,
        figure: Option<Converted>,
    },
    Figure(Option<Converted>),
    Skipped,
}

/// Removes staged files (a failed build leaves nothing behind).
fn discard(done: &[Done]) {
    for d in done {
        if let Done::Rendered { staged, .. } = d {
            for t in staged.iter().filter_map(|s| s.temp.as_ref()) {
                let _ = std::fs::remove_file(t);
            }
        }
    }
}

/// Stages the outputs of a rendered chart whose bytes differ from the files on disk.
fn stage_outputs(
    out: &Path,
    chart: &Chart,
    r: &Rendered,
    wanted: &[(String, String)],
) -> Result<Vec<Staged>, String> {
    let mut staged = Vec::new();
    let prov = super::svg::Provenance::of(chart);
    for (rel, inputs) in wanted {
        let bytes: &[u8] = if rel.starts_with("svg/") {
            r.svg.as_bytes()
        } else {
            match &r.png {
                Some(p) => p,
                None => continue,
            }
        };
        let path = out.join(rel);
        let temp = if holds(&path, bytes) {
            None
        } else {
            match write::stage(&path, bytes) {
                Ok(t) => Some(t),
                Err(e) => {
                    for t in staged.iter().filter_map(|s: &Staged| s.temp.as_ref()) {
                        let _ = std::fs::remove_file(t);
                    }
                    return Err(format!("cannot write {}: {e}", path.display()));
                }
            }
        };
        let mut entry = Entry::of(Some(chart.id.clone()), bytes, inputs.clone());
        entry.data = prov.data.iter().cloned().collect();
        entry.endnotes = prov.endnotes.clone();
        staged.push(Staged {
            rel: rel.clone(),
            entry,
            temp,
        });
    }
    Ok(staged)
}

fn run_job(
    spec: &LoadedSpec,
    chart: &Chart,
    (wanted, job): &(Vec<(String, String)>, Job),
    opts: &BuildOptions,
    pdf: bool,
) -> Result<Done, String> {
    match job {
        Job::Render => {
            let png = opts.formats.png.then_some(opts.dpi);
            let r = render_chart(chart, &spec.spec.theme, png, pdf)?;
            let staged = stage_outputs(&opts.out, chart, &r, wanted)?;
            Ok(Done::Rendered {
                staged,
                figure: r.figure,
            })
        }
        Job::FigureOnly { svg_current } => {
            if !crate::handout::is_figure(chart.kind) {
                return Ok(Done::Figure(None));
            }
            if *svg_current {
                let path = opts.out.join("svg").join(format!("{}.svg", chart.id));
                if let Ok(svg) = std::fs::read_to_string(&path) {
                    let tree = png::parse_checked(&svg)?;
                    return super::pdf::convert(&tree).map(|f| Done::Figure(Some(f)));
                }
            }
            render_chart(chart, &spec.spec.theme, None, true).map(|r| Done::Figure(r.figure))
        }
        Job::Skip => Ok(Done::Skipped),
    }
}

/// Whether the file at `path` already holds exactly `bytes` (then it is not rewritten).
fn holds(path: &Path, bytes: &[u8]) -> bool {
    std::fs::read(path).is_ok_and(|old| old == bytes)
}

/// Writes `bytes` to `out/rel` unless the file already holds exactly them; returns whether
/// it wrote.
fn write_if_changed(out: &Path, rel: &str, bytes: &[u8]) -> std::io::Result<bool> {
    let path = out.join(rel);
    if holds(&path, bytes) {
        return Ok(false);
    }
    write::write_atomic(&path, bytes)?;
    Ok(true)
}

/// Builds the selected charts (and the handout, on a whole build) into `opts.out`.
pub fn build(
    spec: &LoadedSpec,
    charts: &[&Chart],
    opts: &BuildOptions,
    file: &str,
    on_event: &(dyn Fn(&Event) + Sync),
) -> Result<BuildReport, Vec<Diag>> {
    let out = &opts.out;
    let old = Manifest::read(out).unwrap_or_default();
    let whole = opts.only.is_empty();
    let wants_pdf = super::wants_pdf(opts);
    let pdf_inputs = manifest::report_inputs(&spec.spec, opts.source_date_epoch);
    let pdf_stale = wants_pdf && (opts.force || !old.current(out, "report.pdf", &pdf_inputs));

    let plans: Vec<(Vec<(String, String)>, Job)> = charts
        .iter()
        .map(|c| {
            let outputs = chart_outputs(spec, c, opts);
            let current = outputs.iter().all(|(p, h)| old.current(out, p, h));
            let job = if opts.force || !current {
                Job::Render
            } else if pdf_stale {
                // Every wanted output is current here: the SVG too when it is one of them.
                let svg = format!("svg/{}.svg", c.id);
                let svg_current = outputs.iter().any(|(p, _)| *p == svg)
                    || old.current(
                        out,
                        &svg,
                        &manifest::chart_inputs(&spec.spec, c, "svg", opts.dpi),
                    );
                Job::FigureOnly { svg_current }
            } else {
                Job::Skip
            };
            (outputs, job)
        })
        .collect();

    on_event(&Event::Planned {
        render: plans
            .iter()
            .filter(|(_, j)| matches!(j, Job::Render))
            .count(),
        total: charts.len(),
    });
    // Folders are checked before anything is staged in them.
    let mut errs = Vec::new();
    for dir in [out.to_path_buf(), out.join("svg"), out.join("png")] {
        if let Err(e) = write::check_folder(&dir, dir.as_path() != out) {
            errs.push(*e);
        }
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    let work = || -> Vec<Result<Done, String>> {
        charts
            .par_iter()
            .zip(plans.par_iter())
            .map(|(c, plan)| {
                let r = run_job(spec, c, plan, opts, pdf_stale);
                match &r {
                    Ok(Done::Rendered { staged, .. }) => on_event(&Event::Built {
                        chart: c.id.clone(),
                        written: staged.iter().filter(|s| s.temp.is_some()).count(),
                    }),
                    Ok(Done::Figure(_) | Done::Skipped) => on_event(&Event::Skipped {
                        chart: c.id.clone(),
                    }),
                    Err(e) => on_event(&Event::Failed {
                        chart: c.id.clone(),
                        message: e.clone(),
                    }),
                }
                r
            })
            .collect()
    };
    let results = match opts.jobs {
        Some(n) => match rayon::ThreadPoolBuilder::new().num_threads(n).build() {
            Ok(pool) => pool.install(work),
            Err(e) => {
                return Err(vec![Diag::error(
                    file,
                    format!("cannot start {n} threads: {e}"),
                )])
            }
        },
        None => work(),
    };

    let mut done = Vec::with_capacity(results.len());
    for (c, r) in charts.iter().zip(results) {
        match r {
            Ok(d) => done.push(d),
            Err(e) => errs.push(Diag::error(file, e).in_chart(&c.id)),
        }
    }
    if !errs.is_empty() {
        discard(&done);
        return Err(errs);
    }

    let pdf = if pdf_stale {
        let figures: Vec<Option<Converted>> = done
            .iter()
            .map(|d| match d {
                Done::Rendered { figure, .. } | Done::Figure(figure) => figure.clone(),
                Done::Skipped => None,
            })
            .collect();
        match super::report(spec, &figures, opts, file) {
            Ok(b) => Some(b),
            Err(e) => {
                discard(&done);
                return Err(e);
            }
        }
    } else {
        None
    };

    // Everything rendered: rename the staged files into place, in spec order.
    let pause = super::write_pause();
    let mut report = BuildReport::default();
    let mut outputs: BTreeMap<String, Entry> = old.outputs.clone();
    let fail = |path: &Path, e: std::io::Error| {
        Diag::error(path.display().to_string(), format!("cannot write: {e}"))
    };
    for (c, d) in charts.iter().zip(&done) {
        let Done::Rendered { staged, .. } = d else {
            report.skipped += 1;
            continue;
        };
        report.rendered += 1;
        for s in staged {
            let path = out.join(&s.rel);
            if let Some(t) = &s.temp {
                match write::commit(t, &path) {
                    Ok(()) => {
                        report.written.push(path);
                        std::thread::sleep(pause);
                    }
                    Err(e) => errs.push(fail(&path, e).in_chart(&c.id)),
                }
            }
            outputs.insert(s.rel.clone(), s.entry.clone());
        }
    }
    if let Some(bytes) = &pdf {
        match write_if_changed(out, "report.pdf", bytes) {
            Ok(w) => {
                if w {
                    report.written.push(out.join("report.pdf"));
                }
            }
            Err(e) => errs.push(fail(&out.join("report.pdf"), e)),
        }
        outputs.insert(
            "report.pdf".into(),
            Entry::of(None, bytes, pdf_inputs.clone()),
        );
    }
    if wants_pdf {
        on_event(&Event::Report {
            output: "report.pdf".into(),
            rebuilt: pdf.is_some(),
        });
    }
    // The data notes (failing checks, for the authors) go with every whole build.
    if whole {
        let md = crate::spec::checks::data_notes_markdown(
            &spec.spec.report.title,
            &spec.spec.checks,
            spec.spec.lang(),
        );
        match write_if_changed(out, manifest::DATA_NOTES, md.as_bytes()) {
            Ok(true) => report.written.push(out.join(manifest::DATA_NOTES)),
            Ok(false) => {}
            Err(e) => errs.push(fail(&out.join(manifest::DATA_NOTES), e)),
        }
        outputs.insert(
            manifest::DATA_NOTES.into(),
            Entry::of(None, md.as_bytes(), manifest::notes_inputs(&spec.spec)),
        );
    }
    // So do the alt texts of every figure.
    if whole {
        let md = super::alt_text::markdown(&spec.spec);
        let file = super::alt_text::FILE;
        match write_if_changed(out, file, md.as_bytes()) {
            Ok(true) => report.written.push(out.join(file)),
            Ok(false) => {}
            Err(e) => errs.push(fail(&out.join(file), e)),
        }
        outputs.insert(
            file.into(),
            Entry::of(None, md.as_bytes(), super::alt_text::inputs(&md)),
        );
    }
    // On a whole build, outputs recorded for charts that are gone from the spec go too.
    if whole {
        let ids: BTreeSet<&str> = spec.spec.charts.iter().map(|c| c.id.as_str()).collect();
        let gone: Vec<String> = outputs
            .iter()
            .filter(|(_, e)| e.chart.as_deref().is_some_and(|c| !ids.contains(c)))
            .map(|(p, _)| p.clone())
            .collect();
        for p in gone {
            outputs.remove(&p);
            let path = out.join(&p);
            if path.exists() && std::fs::remove_file(&path).is_ok() {
                report.removed.push(path);
            }
        }
    }
    let m = Manifest {
        tool: manifest::TOOL.into(),
        outputs,
    };
    match write_if_changed(out, manifest::FILE, m.to_json().as_bytes()) {
        Ok(true) => report.written.push(out.join(manifest::FILE)),
        Ok(false) => {}
        Err(e) => errs.push(fail(&out.join(manifest::FILE), e)),
    }
    if errs.is_empty() {
        Ok(report)
    } else {
        Err(errs)
    }
}
