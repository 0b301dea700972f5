//! Outputs: rendering every selected chart to SVG and PNG in memory, then writing them
//! atomically into the output folder. Invalid input writes nothing.

pub mod pdf;
pub mod png;
pub mod svg;
pub mod write;

use std::path::{Path, PathBuf};

use crate::error::{did_you_mean, Diag};
use crate::spec::{Chart, LoadedSpec, Theme};

/// Which files `build` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    pub svg: bool,
    pub png: bool,
    /// The handout, `report.pdf` (only when every chart is built).
    pub pdf: bool,
}

impl Default for Formats {
    /// SVG, PNG and the PDF handout.
    fn default() -> Self {
        Formats {
            svg: true,
            png: true,
            pdf: true,
        }
    }
}

/// Options of one build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The output folder (default `output`).
    pub out: PathBuf,
    /// Only these chart ids (default: all).
    pub only: Vec<String>,
    pub formats: Formats,
    /// PNG resolution (default 300).
    pub dpi: u32,
    /// `SOURCE_DATE_EPOCH`: the date written into the PDF (else the spec's `[report] date`).
    pub source_date_epoch: Option<i64>,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            out: PathBuf::from("output"),
            only: Vec::new(),
            formats: Formats::default(),
            dpi: 300,
            source_date_epoch: None,
        }
    }
}

/// The rendered files of one chart.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub id: String,
    pub svg: String,
    pub png: Option<Vec<u8>>,
    /// The SVG converted for the handout (charts drawn as figures, when a PDF is built).
    pub figure: Option<pdf::figure::Converted>,
}

/// What a build wrote.
#[derive(Debug, Clone, Default)]
pub struct BuildReport {
    pub written: Vec<PathBuf>,
}

/// The charts selected by `--only` (all when empty); unknown ids are errors.
pub fn select<'a>(
    spec: &'a LoadedSpec,
    only: &[String],
    file: &str,
) -> Result<Vec<&'a Chart>, Vec<Diag>> {
    if only.is_empty() {
        return Ok(spec.spec.charts.iter().collect());
    }
    let mut errs = Vec::new();
    let mut out = Vec::new();
    for id in only {
        match spec.spec.charts.iter().find(|c| &c.id == id) {
            Some(c) => out.push(c),
            None => {
                let ids: Vec<&str> = spec.spec.charts.iter().map(|c| c.id.as_str()).collect();
                let hint = did_you_mean(id, ids.iter().copied()).map_or_else(
                    || "`chartbook list` shows the ids".to_string(),
                    |b| format!("did you mean `{b}`?"),
                );
                errs.push(
                    Diag::error(file, format!("--only names no chart `{id}`")).with_hint(hint),
                );
            }
        }
    }
    if errs.is_empty() {
        Ok(out)
    } else {
        Err(errs)
    }
}

/// Renders one chart to its SVG (and PNG when asked; and its PDF figure when asked and the
/// handout draws it as a figure rather than typesetting it).
pub fn render_chart(
    chart: &Chart,
    theme: &Theme,
    png_dpi: Option<u32>,
    pdf_figure: bool,
) -> Result<Rendered, String> {
    let fig = crate::model::layout(chart, theme);
    let drawn = crate::render::to_svg(&fig).map_err(|e| format!("drawing failed: {}", e.0))?;
    let svg = svg::finish(&drawn, &fig, &chart.id);
    // Always parse as the rasteriser would, so dropped text fails even an SVG-only build;
    // the PNG is drawn from that same parse.
    let tree = png::parse_checked(&svg)?;
    let png = match png_dpi {
        Some(dpi) => Some(png::render_tree(&tree, dpi)?),
        None => None,
    };
    let figure = if pdf_figure && crate::handout::is_figure(chart.kind) {
        Some(pdf::convert(&tree)?)
    } else {
        None
    };
    Ok(Rendered {
        id: chart.id.clone(),
        svg,
        png,
        figure,
    })
}

/// Renders the selected charts; every failure is collected.
pub fn render_all(
    spec: &LoadedSpec,
    charts: &[&Chart],
    opts: &BuildOptions,
    file: &str,
) -> Result<Vec<Rendered>, Vec<Diag>> {
    let mut out = Vec::new();
    let mut errs = Vec::new();
    for c in charts {
        let png = opts.formats.png.then_some(opts.dpi);
        match render_chart(c, &spec.spec.theme, png, wants_pdf(opts)) {
            Ok(r) => out.push(r),
            Err(e) => errs.push(Diag::error(file, e).in_chart(&c.id)),
        }
    }
    if errs.is_empty() {
        Ok(out)
    } else {
        Err(errs)
    }
}

/// Whether this build writes the handout: asked for, and every chart built.
pub fn wants_pdf(opts: &BuildOptions) -> bool {
    opts.formats.pdf && opts.only.is_empty()
}

/// Lays out and writes the handout of every chart in `rendered` (spec order).
pub fn report(
    spec: &LoadedSpec,
    rendered: &[Rendered],
    opts: &BuildOptions,
    file: &str,
) -> Result<Vec<u8>, Vec<Diag>> {
    let figures: Vec<Option<pdf::figure::Converted>> =
        rendered.iter().map(|r| r.figure.clone()).collect();
    let sizes: Vec<Option<(f64, f64)>> = figures
        .iter()
        .map(|f| f.as_ref().map(|f| (f.width, f.height)))
        .collect();
    let doc = crate::handout::layout(&spec.spec, &sizes);
    let meta = pdf::Meta::of(&spec.spec.report, opts.source_date_epoch);
    pdf::write(&doc, &figures, &meta).map_err(|e| vec![Diag::error(file, e)])
}

/// A pause after each file written, from `CHARTBOOK_TEST_WRITE_PAUSE_MS` (default none): lets
/// the kill test stop a build while it is writing. Not for use outside tests.
fn write_pause() -> std::time::Duration {
    let ms = std::env::var("CHARTBOOK_TEST_WRITE_PAUSE_MS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(0)
        .min(1000);
    std::time::Duration::from_millis(ms)
}

/// Writes rendered charts into `out` (`svg/<id>.svg`, `png/<id>.png`), then the handout
/// (`report.pdf`) when given, each atomically.
pub fn write_all(
    out: &Path,
    rendered: &[Rendered],
    formats: Formats,
    report_pdf: Option<&[u8]>,
) -> Result<BuildReport, Vec<Diag>> {
    let mut report = BuildReport::default();
    let mut errs = Vec::new();
    // Every file goes into `out` or its svg/ and png/ folders; none of them may be a link
    // that leads elsewhere. Temporary files of a killed build are swept away first.
    for dir in [out.to_path_buf(), out.join("svg"), out.join("png")] {
        if let Err(e) = write::check_folder(&dir, dir.as_path() != out) {
            errs.push(*e);
        }
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    let pause = write_pause();
    if let Some(bytes) = report_pdf {
        let path = out.join("report.pdf");
        match write::write_atomic(&path, bytes) {
            Ok(()) => report.written.push(path),
            Err(e) => errs.push(Diag::error(
                path.display().to_string(),
                format!("cannot write: {e}"),
            )),
        }
        std::thread::sleep(pause);
    }
    for r in rendered {
        let mut files: Vec<(PathBuf, &[u8])> = Vec::new();
        if formats.svg {
            files.push((
                out.join("svg").join(format!("{}.svg", r.id)),
                r.svg.as_bytes(),
            ));
        }
        if let (true, Some(png)) = (formats.png, &r.png) {
            files.push((out.join("png").join(format!("{}.png", r.id)), png));
        }
        for (path, bytes) in files {
            match write::write_atomic(&path, bytes) {
                Ok(()) => report.written.push(path),
                Err(e) => errs.push(
                    Diag::error(path.display().to_string(), format!("cannot write: {e}"))
                        .in_chart(&r.id),
                ),
            }
            std::thread::sleep(pause);
        }
    }
    if errs.is_empty() {
        Ok(report)
    } else {
        Err(errs)
    }
}
