//! One build: decide from the manifest which charts must be rendered (inputs changed, output
//! missing or edited, or `--force`), render those in parallel, each staging the files whose
//! bytes changed under temporary names as soon as it is drawn (so memory does not grow with
//! the number of charts), rebuild the handout only when it is stale, and stage the data
//! notes, the alt text and the manifest: one edition, [`Prepared`], which
//! [`super::commit::commit_all`] puts in place with the others. A build with nothing to do
//! writes nothing; a build that fails removes what it staged and leaves the outputs as they
//! were.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::commit::Prepared;
use super::manifest::{self, Entry, Manifest};
use super::pdf::figure::Converted;
use super::{html, png, render_chart, write, BuildOptions, RenderError, Rendered};
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
    let base = manifest::chart_base(&spec.spec, chart);
    if opts.formats.svg {
        out.push((
            format!("svg/{}.svg", chart.id),
            manifest::chart_inputs(&spec.spec, &base, "svg", opts.dpi(&spec.spec)),
        ));
    }
    if opts.formats.png {
        out.push((
            format!("png/{}.png", chart.id),
            manifest::chart_inputs(&spec.spec, &base, "png", opts.dpi(&spec.spec)),
        ));
    }
    if opts.formats.html {
        if crate::handout::is_figure(chart.kind()) {
            out.push((
                format!("{}{}.svg", html::PHONE_DIR, chart.id),
                manifest::chart_inputs(&spec.spec, &base, "phone", opts.dpi(&spec.spec)),
            ));
        }
        out.push((
            format!("{}{}.csv", html::DATA_DIR, chart.id),
            manifest::chart_inputs(&spec.spec, &base, "csv", opts.dpi(&spec.spec)),
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
        warnings: Vec<String>,
    },
    Figure(Option<Converted>),
    Skipped,
}

/// Why a chart's job failed: its own inputs (located at the chart), or writing its outputs.
enum Failure {
    Chart(RenderError),
    Output(Box<Diag>),
}

impl From<String> for Failure {
    fn from(e: String) -> Failure {
        Failure::Chart(RenderError::Failed(e))
    }
}

impl From<RenderError> for Failure {
    fn from(e: RenderError) -> Failure {
        Failure::Chart(e)
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Chart(e) => e.fmt(f),
            Failure::Output(d) => f.write_str(&d.message),
        }
    }
}

/// Stages the outputs of a rendered chart whose bytes differ from the files on disk.
fn stage_outputs(
    out: &Path,
    chart: &Chart,
    r: &Rendered,
    wanted: &[(String, String)],
) -> Result<Vec<Staged>, Failure> {
    let mut staged = Vec::new();
    let prov = super::svg::Provenance::of(chart);
    for (rel, inputs) in wanted {
        let bytes: &[u8] = if rel.starts_with("svg/") {
            r.svg.as_bytes()
        } else if rel.starts_with(html::PHONE_DIR) {
            match &r.phone {
                Some(p) => p.as_bytes(),
                None => continue,
            }
        } else if rel.starts_with(html::DATA_DIR) {
            match &r.csv {
                Some(p) => p,
                None => continue,
            }
        } else {
            match &r.png {
                Some(p) => p,
                None => continue,
            }
        };
        let temp = match stage_if_changed(out, rel, bytes) {
            Ok(t) => t,
            Err(d) => {
                for t in staged.iter().filter_map(|s: &Staged| s.temp.as_ref()) {
                    let _ = std::fs::remove_file(t);
                }
                return Err(Failure::Output(d));
            }
        };
        let mut entry = Entry::of(Some(chart.id.clone()), bytes, inputs.clone());
        entry.data = prov.data.iter().cloned().collect();
        entry.endnotes = prov.endnotes.clone();
        entry.warnings = r.warnings.clone();
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
) -> Result<Done, Failure> {
    match job {
        Job::Render => {
            let png = opts.formats.png.then_some(opts.dpi(&spec.spec));
            let cx = crate::model::Context::of(&spec.spec);
            let mut r = render_chart(chart, &cx, png, pdf)?;
            if opts.formats.html {
                if crate::handout::is_figure(chart.kind()) {
                    let phone = html::phone_chart(chart);
                    r.phone = Some(render_chart(&phone, &cx, None, false)?.svg);
                }
                r.csv = Some(html::csv(chart)?);
            }
            let staged = stage_outputs(&opts.out, chart, &r, wanted)?;
            Ok(Done::Rendered {
                staged,
                figure: r.figure,
                warnings: r.warnings,
            })
        }
        Job::FigureOnly { svg_current } => {
            if !crate::handout::is_figure(chart.kind()) {
                return Ok(Done::Figure(None));
            }
            // A current SVG with its text as text is the figure's source; an outlined one has
            // lost the text the PDF keeps, so that chart is drawn again.
            // (Only a chart sized for print: any other is drawn again for the page.)
            if *svg_current && chart.physical && spec.spec.svg_text != crate::spec::SvgText::Outline
            {
                let path = opts.out.join("svg").join(format!("{}.svg", chart.id));
                if let Some(svg) = write::read_output(&path).and_then(|b| String::from_utf8(b).ok())
                {
                    let tree = crate::style::scoped(&spec.spec.theme, || png::parse_checked(&svg))?;
                    return Ok(Done::Figure(Some(super::pdf::convert(&tree)?)));
                }
            }
            Ok(Done::Figure(
                render_chart(chart, &crate::model::Context::of(&spec.spec), None, true)?.figure,
            ))
        }
        Job::Skip => Ok(Done::Skipped),
    }
}

/// Whether the file at `path` already holds exactly `bytes` (then it is not rewritten).
fn holds(path: &Path, bytes: &[u8]) -> bool {
    write::read_output(path).is_some_and(|old| old == bytes)
}

/// Stages `bytes` for `out/rel` unless the file already holds exactly them.
fn stage_if_changed(out: &Path, rel: &str, bytes: &[u8]) -> Result<Option<PathBuf>, Box<Diag>> {
    let path = out.join(rel);
    if holds(&path, bytes) {
        return Ok(None);
    }
    write::stage(&path, bytes)
        .map(Some)
        .map_err(|e| Box::new(write::io_error(&path, "cannot write", &e)))
}

/// Renders the selected charts (and the handout, the data notes and the alt text on a whole
/// build) of one edition into `opts.out`, staging every changed file under a temporary name;
/// nothing is renamed into place until [`super::commit::commit_all`]. `root` is the output folder the
/// user named: every folder below it that is written into must not be a symbolic link.
pub fn prepare(
    spec: &LoadedSpec,
    charts: &[&Chart],
    opts: &BuildOptions,
    root: &Path,
    file: &str,
    on_event: &(dyn Fn(&Event) + Sync),
) -> Result<Prepared, Vec<Diag>> {
    let out = &opts.out;
    let old = Manifest::read(out).unwrap_or_default();
    let whole = !opts.partial();
    let wants_pdf = super::wants_pdf(opts);
    let pdf_inputs = manifest::report_inputs(&spec.spec, opts.source_date_epoch);
    let pdf_stale = wants_pdf && (opts.force || !old.current(out, "report.pdf", &pdf_inputs));
    // What the page is made from is known without making it (its fonts described, not
    // subset): a page that is current is kept as it is, and not made again.
    let page_inputs = (whole && opts.formats.html)
        .then(|| html::page::inputs(&spec.spec, opts.formats, &opts.editions));
    let page_kept: Option<Entry> = match &page_inputs {
        Some(Ok(inputs)) if !opts.force && old.current(out, html::FILE, inputs) => {
            old.outputs.get(html::FILE).cloned()
        }
        _ => None,
    };

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
                        &manifest::chart_inputs(
                            &spec.spec,
                            &manifest::chart_base(&spec.spec, c),
                            "svg",
                            opts.dpi(&spec.spec),
                        ),
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
    // Folders are checked before anything is staged in them; so is every file a rename
    // will replace, so that the write phase cannot fail on a folder in a file's place.
    let mut errs = Vec::new();
    for dir in [
        out.to_path_buf(),
        out.join("svg"),
        out.join("png"),
        out.join(html::PHONE_DIR),
        out.join(html::DATA_DIR),
    ] {
        if let Err(e) = write::check_folder(&dir, dir.as_path() != root) {
            errs.push(*e);
        }
    }
    let mut targets: Vec<String> = plans
        .iter()
        .flat_map(|(o, _)| o.iter().map(|(p, _)| p.clone()))
        .collect();
    targets.extend(
        [
            manifest::FILE,
            "report.pdf",
            manifest::DATA_NOTES,
            super::alt_text::FILE,
            html::FILE,
        ]
        .map(String::from),
    );
    for rel in &targets {
        if let Err(e) = write::check_target(&out.join(rel)) {
            errs.push(*e);
        }
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    let work = || -> Vec<Result<Done, Failure>> {
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
                        message: e.to_string(),
                    }),
                }
                r
            })
            .collect()
    };
    // On the pool the caller installed (`--jobs`), shared with the other editions.
    let results = work();

    let mut done = Vec::with_capacity(results.len());
    // What the layouts said: from this render, or kept in the manifest from the last one.
    let (lang, first) = (spec.spec.lang(), out == root);
    let mut warnings = Vec::new();
    for (c, r) in charts.iter().zip(results) {
        match r {
            Ok(d) => {
                let said = match &d {
                    Done::Rendered { warnings, .. } => warnings.clone(),
                    _ => old.warnings_of(&c.id),
                };
                warnings.extend(
                    said.into_iter()
                        .map(|w| crate::model::verdict::warning(c, file, lang, first, w)),
                );
                done.push(d);
            }
            Err(Failure::Chart(RenderError::TooLarge(t))) => errs.push(t.at(c, file, lang, first)),
            Err(Failure::Chart(e)) => errs.push(c.error(file, e.to_string())),
            Err(Failure::Output(d)) => errs.push(d.in_chart(&c.id)),
        }
    }
    let mut prepared = Prepared::new(out, old);
    prepared.warnings = warnings;
    for d in &done {
        match d {
            Done::Rendered { staged, .. } => {
                prepared.rendered += 1;
                for s in staged {
                    prepared.push(&s.rel, s.temp.clone(), s.entry.clone());
                }
            }
            _ => prepared.skipped += 1,
        }
    }
    if !errs.is_empty() {
        prepared.discard();
        return Err(errs);
    }

    if pdf_stale {
        let figures: Vec<Option<Converted>> = done
            .iter()
            .map(|d| match d {
                Done::Rendered { figure, .. } | Done::Figure(figure) => figure.clone(),
                Done::Skipped => None,
            })
            .collect();
        drop(done);
        let staged = super::report(spec, figures, opts, file).and_then(|bytes| {
            let t = stage_if_changed(out, "report.pdf", &bytes).map_err(|e| vec![*e])?;
            Ok((t, Entry::of(None, &bytes, pdf_inputs.clone())))
        });
        match staged {
            Ok((t, entry)) => prepared.push("report.pdf", t, entry),
            Err(e) => {
                prepared.discard();
                return Err(e);
            }
        }
    }
    if wants_pdf {
        on_event(&Event::Report {
            output: "report.pdf".into(),
            rebuilt: pdf_stale,
        });
    }
    if whole {
        // The data notes (failing checks, for the authors) and the alt text of every figure
        // go with every whole build.
        let mut notes = crate::spec::checks::data_notes_markdown(
            &spec.spec.report.title,
            &spec.spec.checks,
            spec.spec.lang(),
            spec.spec.report.source_name.as_deref(),
        );
        notes.push_str(&crate::spec::checks::computed_markdown(&spec.spec));
        let alt = super::alt_text::markdown(&spec.spec);
        let mut whole_files = vec![
            (
                manifest::DATA_NOTES,
                notes,
                manifest::notes_inputs(&spec.spec),
            ),
            (
                super::alt_text::FILE,
                alt.clone(),
                super::alt_text::inputs(&alt),
            ),
        ];
        if let Some(kept) = page_kept {
            prepared.push(html::FILE, None, kept);
        } else if let Some(inputs) = page_inputs {
            let made = inputs.and_then(|inputs| {
                html::page::page(&spec.spec, opts.formats, &opts.editions).map(|p| (p, inputs))
            });
            match made {
                Ok((page, inputs)) => whole_files.push((html::FILE, page, inputs)),
                Err(e) => {
                    prepared.discard();
                    return Err(vec![Diag::error(file, e)]);
                }
            }
        }
        for (rel, md, inputs) in whole_files {
            match stage_if_changed(out, rel, md.as_bytes()) {
                Ok(t) => prepared.push(rel, t, Entry::of(None, md.as_bytes(), inputs)),
                Err(e) => {
                    prepared.discard();
                    return Err(vec![*e]);
                }
            }
        }
        // Outputs recorded for charts that are gone from the spec go too, but only entries of
        // the shape `svg/<id>.svg` or `png/<id>.png` for an id that is no longer a chart:
        // `Manifest::read` has already dropped every entry chartbook could not have written,
        // so no path from a hand-edited manifest leaves the folder.
        let ids: BTreeSet<&str> = spec.spec.charts.iter().map(|c| c.id.as_str()).collect();
        prepared.gone = prepared
            .outputs
            .keys()
            .filter(|p| {
                matches!(manifest::shape(p), Some(manifest::Shape::Chart(id)) if !ids.contains(id))
            })
            .cloned()
            .collect();
    }
    if let Err(e) = prepared.stage_manifest() {
        prepared.discard();
        return Err(vec![*e]);
    }
    Ok(prepared)
}
