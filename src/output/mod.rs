//! Outputs: rendering every selected chart to SVG and PNG in memory, then writing them
//! atomically into the output folder. Invalid input writes nothing.

pub mod alt_text;
pub mod build;
pub mod check;
pub mod commit;
pub mod html;
pub mod lock;
pub mod manifest;
pub mod memory;
pub mod merge;
pub mod pdf;
pub mod png;
pub mod svg;
pub mod webfont;
pub mod write;

use std::path::PathBuf;

use crate::error::{did_you_mean, Diag};
use crate::spec::{Chart, LoadedSpec};

/// Which files `build` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    pub svg: bool,
    pub png: bool,
    /// The handout, `report.pdf` (only when every chart is built).
    pub pdf: bool,
    /// The web edition: `index.html` (only when every chart is built), each figure laid out
    /// again at a phone's width (`phone/<id>.svg`) and each chart's data (`data/<id>.csv`).
    /// The page shows the SVGs, so `html` writes them too.
    pub html: bool,
}

impl Default for Formats {
    /// SVG, PNG, the PDF handout and the HTML edition.
    fn default() -> Self {
        Formats {
            svg: true,
            png: true,
            pdf: true,
            html: true,
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
    /// PNG resolution (`None`: the spec's `[output] dpi`, else 300).
    pub dpi: Option<u32>,
    /// `SOURCE_DATE_EPOCH`: the date written into the PDF (else the spec's `[report] date`).
    pub source_date_epoch: Option<i64>,
    /// Render every selected chart even when the manifest says its outputs are current.
    pub force: bool,
    /// Threads to render with (default: one per core). Outputs do not depend on it.
    pub jobs: Option<usize>,
    /// The other editions of this build, for the HTML page's language links: (language
    /// code, that edition's folder relative to this one, ending in `/`).
    pub editions: Vec<(String, String)>,
    /// Build only the charts of this shard (see [`Shard`]).
    pub shard: Option<Shard>,
}

/// Shard `k` of `n` (1 ≤ k ≤ n): the charts whose id hashes to it. Each chart belongs to one
/// shard, whatever the other charts are, so N machines build a catalogue together
/// (`chartbook build --shard K/N` on each, then `chartbook merge`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub k: u32,
    pub n: u32,
}

impl Shard {
    /// Whether chart `id` is in this shard: FNV-1a (64 bits) of its id, modulo `n`.
    pub fn holds(self, id: &str) -> bool {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in id.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h % u64::from(self.n.max(1)) == u64::from(self.k.saturating_sub(1))
    }

    /// Reads `K/N`.
    pub fn parse(s: &str) -> Result<Shard, String> {
        let bad = || format!("`{s}` is not a shard: write K/N, such as 2/4 (the second of four)");
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        let (k, n): (u32, u32) = (
            k.trim().parse().map_err(|_| bad())?,
            n.trim().parse().map_err(|_| bad())?,
        );
        if n == 0 || k == 0 || k > n {
            return Err(format!(
                "shard {k}/{n} does not exist: K runs from 1 to N, and N is at least 1"
            ));
        }
        Ok(Shard { k, n })
    }
}

impl BuildOptions {
    /// Whether this build writes some charts only (`--only`, `--shard`): the handout, the
    /// page and the notes, which hold every chart, are then not written.
    pub fn partial(&self) -> bool {
        !self.only.is_empty() || self.shard.is_some()
    }

    /// The PNG resolution: `--dpi`, else the spec's `[output] dpi`, else 300.
    pub fn dpi(&self, spec: &crate::spec::Spec) -> u32 {
        self.dpi.or(spec.dpi).unwrap_or(300)
    }
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            out: PathBuf::from("output"),
            only: Vec::new(),
            formats: Formats::default(),
            dpi: None,
            source_date_epoch: None,
            force: false,
            jobs: None,
            editions: Vec::new(),
            shard: None,
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
    /// The figure laid out at a phone's width, for the HTML edition.
    pub phone: Option<String>,
    /// The chart's data as CSV, for the HTML edition.
    pub csv: Option<Vec<u8>>,
    /// Labels the layout had to shorten or drop, in words (see [`crate::model::verdict`]).
    pub warnings: Vec<String>,
}

/// Why a chart could not be rendered.
#[derive(Debug, Clone, PartialEq)]
pub enum RenderError {
    /// Its figure is larger than any output can hold (said with what to do).
    TooLarge(crate::model::verdict::TooLarge),
    Failed(String),
}

impl From<String> for RenderError {
    fn from(e: String) -> RenderError {
        RenderError::Failed(e)
    }
}

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RenderError::TooLarge(t) => f.write_str(&t.0),
            RenderError::Failed(e) => f.write_str(e),
        }
    }
}

/// The charts selected by `--only` (all when empty); unknown ids are errors.
pub fn select<'a>(
    spec: &'a LoadedSpec,
    only: &[String],
    shard: Option<Shard>,
    file: &str,
) -> Result<Vec<&'a Chart>, Vec<Diag>> {
    if let Some(s) = shard {
        return Ok(spec.spec.charts.iter().filter(|c| s.holds(&c.id)).collect());
    }
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
    cx: &crate::model::Context,
    png_dpi: Option<u32>,
    pdf_figure: bool,
) -> Result<Rendered, RenderError> {
    // Drawn, parsed and embedded in the theme's fonts.
    crate::style::scoped(cx.theme, || render_in_style(chart, cx, png_dpi, pdf_figure))
}

fn render_in_style(
    chart: &Chart,
    cx: &crate::model::Context,
    png_dpi: Option<u32>,
    pdf_figure: bool,
) -> Result<Rendered, RenderError> {
    // One layout: the figure drawn, and what it tells the author.
    let (fig, fixes) = crate::model::layout_with_fixes(chart, cx);
    let warnings = crate::model::verdict::of(&fig, &fixes).map_err(RenderError::TooLarge)?;
    let drawn = crate::render::to_svg(&fig).map_err(|e| format!("drawing failed: {}", e.0))?;
    let svg = svg::finish(&drawn, &fig, &chart.id, &svg::Provenance::of(chart));
    // Always parse as the rasteriser would, so dropped text fails even an SVG-only build;
    // the PNG is drawn from that same parse.
    let tree = png::parse_checked(&svg)?;
    let png = match png_dpi {
        Some(dpi) => Some(png::render_tree(&tree, dpi)?),
        None => None,
    };
    let figure = if pdf_figure && crate::handout::is_figure(chart.kind()) {
        Some(handout_figure(chart, cx, &tree)?)
    } else {
        None
    };
    // The PNG and the PDF are drawn from the plain SVG with the bundled fonts; the file
    // written carries its text as `[output] svg_text` says.
    let svg = match cx.svg_text {
        crate::spec::SvgText::Plain => svg,
        crate::spec::SvgText::Embed => svg::with_style(&svg, &webfont::style(&fig)?),
        crate::spec::SvgText::Outline => svg::outlined(&svg, &tree),
    };
    Ok(Rendered {
        id: chart.id.clone(),
        svg,
        png,
        figure,
        phone: None,
        csv: None,
        warnings,
    })
}

/// A chart's figure for the handout, drawn for the page: as wide as the text column at
/// 0.75 pt per px, so that its type is the theme's sizes in pt on every page, the same in
/// every figure (never scaled to fit). A chart sized for print (`width = "89mm"`) already is
/// (`tree`, its SVG, is used as it is).
pub fn handout_figure(
    chart: &Chart,
    cx: &crate::model::Context,
    tree: &usvg::Tree,
) -> Result<pdf::figure::Converted, String> {
    if chart.physical {
        return pdf::convert(tree);
    }
    page_figure(chart, cx, None)
}

/// The chart drawn at the text column's width, `height` px high (or its own height).
fn page_figure(
    chart: &Chart,
    cx: &crate::model::Context,
    height: Option<f64>,
) -> Result<pdf::figure::Converted, String> {
    let geo = crate::handout::Geometry::of(cx.page);
    let mut page_chart = chart.clone();
    page_chart.width = crate::handout::column_px(&geo, cx.theme.text.margin);
    if height.is_some() {
        page_chart.height = height;
    }
    let fig = crate::model::layout(&page_chart, cx);
    let drawn = crate::render::to_svg(&fig).map_err(|e| format!("drawing failed: {}", e.0))?;
    let svg = svg::finish(&drawn, &fig, &chart.id, &svg::Provenance::of(chart));
    pdf::convert(&png::parse_checked(&svg)?)
}

/// Whether this build writes the handout: asked for, and every chart built.
pub fn wants_pdf(opts: &BuildOptions) -> bool {
    opts.formats.pdf && !opts.partial()
}

/// Lays out and writes the handout; `figures[i]` is chart `i`'s converted figure (`None`
/// for charts typeset as text).
pub fn report(
    spec: &LoadedSpec,
    mut figures: Vec<Option<pdf::figure::Converted>>,
    opts: &BuildOptions,
    file: &str,
) -> Result<Vec<u8>, Vec<Diag>> {
    let sizes = |figures: &[Option<pdf::figure::Converted>]| -> Vec<Option<(f64, f64)>> {
        figures
            .iter()
            .map(|f| f.as_ref().map(|f| (f.width, f.height)))
            .collect()
    };
    // The handout's own text is set in the theme's body family too.
    crate::style::scoped(&spec.spec.theme, || {
        let mut fixed = Vec::new();
        let mut doc = crate::handout::layout(&spec.spec, &sizes(&figures), &fixed);
        // Figures placed shorter to fill a page are drawn at that height and the pages laid
        // out again with their sizes fixed. One that cannot be drawn that short (its rows
        // need the room) keeps its own height, and the figures placed after it wait for the
        // next layout. Every round fixes one more chart at least, so this ends.
        while !doc.refit.is_empty() {
            let cx = crate::model::Context::of(&spec.spec);
            for r in &doc.refit {
                fixed.push(r.chart);
                let (Some(chart), Some(slot)) =
                    (spec.spec.charts.get(r.chart), figures.get_mut(r.chart))
                else {
                    continue;
                };
                let drawn = page_figure(chart, &cx, Some(r.svg_h))
                    .map_err(|e| vec![chart.error(file, e)])?;
                if drawn.height > r.svg_h + 0.5 {
                    break;
                }
                *slot = Some(drawn);
            }
            doc = crate::handout::layout(&spec.spec, &sizes(&figures), &fixed);
        }
        let meta = pdf::Meta::of(&spec.spec.report, opts.source_date_epoch);
        // Each figure's alternate text: its SVG's title and description.
        let lang = spec.spec.lang();
        let alts: Vec<Option<String>> = spec
            .spec
            .charts
            .iter()
            .zip(&figures)
            .map(|(c, f)| {
                f.as_ref().map(|_| {
                    let desc = crate::model::describe::describe(c, lang);
                    let stop = if lang.words().ja { "。" } else { ". " };
                    format!("{}{stop}{desc}", c.title.trim_end_matches(['.', '。']))
                })
            })
            .collect();
        pdf::write(&doc, &figures, &alts, &meta).map_err(|e| vec![Diag::error(file, e)])
    })
}

/// A pause after each file written, from `CHARTBOOK_TEST_WRITE_PAUSE_MS` (default none): lets
/// the kill test stop a build while it is writing. Not for use outside tests.
pub(crate) fn write_pause() -> std::time::Duration {
    let ms = std::env::var("CHARTBOOK_TEST_WRITE_PAUSE_MS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(0)
        .min(1000);
    std::time::Duration::from_millis(ms)
}
