//! The chart specification: the raw TOML mirror (`raw`), the checked spec that rendering
//! reads (this file), and the checks that turn one into the other (`validate`).

pub mod checks;
pub mod hygiene;
pub mod kind;
pub mod raw;
pub mod schema;
pub mod theme;
pub mod translate;
pub mod validate;
pub mod vision;

use std::sync::Arc;

use crate::data::Table;
use crate::model::format::NumFormat;
use crate::model::scale::ScaleKind;

pub use kind::*;
pub use theme::{Color, Theme};
pub use validate::{load, LoadedSpec};

/// The checked spec: every chart with its data loaded and every reference resolved.
#[derive(Debug, Clone)]
pub struct Spec {
    pub report: Report,
    pub theme: Theme,
    /// `[output] svg_text`: how the written SVGs carry their text.
    pub svg_text: SvgText,
    /// `[output] dpi`: the PNG resolution the spec asks for (`--dpi` overrides it).
    pub dpi: Option<u32>,
    pub charts: Vec<Chart>,
    /// The `[[check]]`s, evaluated.
    pub checks: Vec<checks::Check>,
    /// The endnotes of `[report] sources`, by number (empty without a sources file).
    pub sources: Vec<Endnote>,
    /// The same report in `[report] languages` beyond the first, each written to
    /// `output/<lang>/`.
    pub editions: Vec<Spec>,
}

/// How a written SVG carries its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SvgText {
    /// Text, with a subset of each font it uses embedded: renders the same anywhere.
    #[default]
    Embed,
    /// Glyph outlines, no text (the `<title>` and `<desc>` stay): for print shops.
    Outline,
    /// Text naming the fonts, nothing embedded: smallest, right only where they are installed.
    Plain,
}

/// One of the paper's endnotes, verbatim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endnote {
    pub number: u32,
    pub text: String,
    pub address: Option<String>,
}

impl Spec {
    /// The endnotes the charts cite (their `footnotes` and their data rows' `endnote`
    /// cells), in number order, as the sources file gives them.
    /// A note that only points at another ("Supra, note 16", "Ibid.") brings the note it
    /// points to, to the end of the chain, so that no citation is left unresolved.
    pub fn cited_sources(&self) -> Vec<&Endnote> {
        let mut cited = std::collections::BTreeSet::new();
        for c in &self.charts {
            cited.extend(c.footnotes.iter().copied());
            cited.extend(endnote_cells(&c.data).into_iter().map(|(n, _, _)| n));
        }
        let chains: Vec<u32> = cited
            .iter()
            .flat_map(|n| chain(&self.sources, *n).0)
            .collect();
        cited.extend(chains);
        self.sources
            .iter()
            .filter(|e| cited.contains(&e.number))
            .collect()
    }
}

impl Endnote {
    /// The note this one only points to: "Supra, note 16" and "see note 16" name it,
    /// "Ibid." is the note before. `None` for a note that gives its source.
    pub fn points_to(&self) -> Option<u32> {
        let t = self.text.replace('*', "");
        let t = t.trim().trim_end_matches('.').trim();
        let lower = t.to_lowercase();
        if lower == "ibid" {
            return self.number.checked_sub(1);
        }
        for lead in ["supra, note ", "supra note ", "see note ", "see also note "] {
            if let Some(rest) = lower.strip_prefix(lead) {
                return rest.trim().parse().ok();
            }
        }
        None
    }
}

impl Spec {
    /// An endnote's text as a reader's list gives it: the paper's words without its
    /// `*emphasis*` marks, and where the note points to another that only points on
    /// ("Ibid." after "Supra, note 16"), the note the chain ends at.
    pub fn endnote_text(&self, e: &Endnote) -> String {
        let text = e.text.replace('*', "");
        let (path, _) = chain(&self.sources, e.number);
        match (path.last(), e.points_to()) {
            (Some(&end), Some(next)) if end != next && end != e.number => {
                if self.lang() == crate::i18n::Lang::Ja {
                    format!("{text}（すなわち原注{end}）")
                } else {
                    format!("{text} (that is, note {end})")
                }
            }
            _ => text,
        }
    }
}

/// Follows `n` through the notes that only point to another: the notes on the way (`n`
/// first, the one that gives the source last), and the first note the chain needs that
/// `notes` lacks, if any. A loop ends the chain.
pub fn chain(notes: &[Endnote], n: u32) -> (Vec<u32>, Option<u32>) {
    let mut out = Vec::new();
    let mut at = n;
    loop {
        if out.contains(&at) {
            return (out, None);
        }
        let Some(e) = notes.iter().find(|e| e.number == at) else {
            return (out, Some(at));
        };
        out.push(at);
        match e.points_to() {
            Some(next) => at = next,
            None => return (out, None),
        }
    }
}

/// The endnote numbers a table's `endnote` column cites: (number, row, column index).
pub fn endnote_cells(t: &Table) -> Vec<(u32, &crate::data::Row, usize)> {
    let Some(col) = t.column("endnote") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for r in &t.rows {
        out.extend(row_endnotes(t, r).into_iter().map(|n| (n, r, col)));
    }
    out
}

/// The endnote numbers one row's `endnote` cell cites (`35`, `40;41`).
pub fn row_endnotes(t: &Table, r: &crate::data::Row) -> Vec<u32> {
    let text = match t.column("endnote").and_then(|c| r.cells.get(c)) {
        Some(crate::data::Cell::Text(s)) => s.clone(),
        Some(crate::data::Cell::Number { value, .. }) => format!("{value}"),
        _ => return Vec::new(),
    };
    text.split([';', ','])
        .filter_map(|part| part.trim().parse::<u32>().ok())
        .collect()
}

/// `[report]`, with defaults filled in.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub title: String,
    pub subtitle: String,
    pub authors: Vec<String>,
    pub publisher: String,
    /// As written (shown on the title page); its leading `YYYY[-MM[-DD]]` dates the PDF.
    pub date: String,
    pub page: PageSize,
    /// BCP 47 language tag of the text (`en`), written into the PDF.
    pub lang: String,
    /// PDF metadata; default: the subtitle.
    pub subject: String,
    /// PDF metadata.
    pub keywords: Vec<String>,
    /// `[report] source_name`: what the figures come from ("briefing paper"); `None`: the
    /// generic words ("Endnotes 35, 36", "the source").
    pub source_name: Option<String>,
}

/// The handout's paper size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PageSize {
    #[default]
    A4,
    Letter,
}

/// Bars grow upwards (vertical) or rightwards (horizontal).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Orientation {
    #[default]
    Vertical,
    Horizontal,
}

/// Stacked bars show counts or shares of 100 %.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Stack {
    #[default]
    Count,
    Percent,
}

/// How the x field is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum XType {
    /// Distinct labels, evenly spaced, in data order.
    #[default]
    Category,
    /// Numbers on a true linear axis.
    Linear,
    /// Years on a true time axis: missing years stay gaps.
    Temporal,
}

/// An axis: which column feeds it and how its numbers are written.
#[derive(Debug, Clone, Default)]
pub struct Axis {
    /// Column index in the chart's table.
    pub field: Option<usize>,
    pub kind: XType,
    pub title: Option<String>,
    pub format: NumFormat,
    pub scale: ScaleKind,
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// The unit in words ("people", "US$ million"), used in descriptions.
    pub unit: Option<String>,
    /// A temporal axis's `parse` pattern: how its column spells dates (`%d.%m.%Y`).
    pub parse: Option<String>,
    /// A temporal axis's `format` pattern for its tick labels (`%b %Y`); `None` chooses
    /// labels from the tick spacing.
    pub date_format: Option<String>,
}

/// A numeric column drawn as one series.
#[derive(Debug, Clone)]
pub struct Series {
    pub col: usize,
    pub label: String,
    /// The label as the spec writes it, untranslated: what `[theme] colors` names.
    pub key: String,
    /// A remainder (`remainder = 100`): what is left of a whole, drawn in the theme's
    /// neutral grey rather than spending a palette colour on it.
    pub remainder: bool,
}

/// A low–high pair of columns drawn as one range series.
#[derive(Debug, Clone)]
pub struct RangeSeries {
    pub low: usize,
    pub high: usize,
    pub label: String,
    /// The label as the spec writes it, untranslated: what `[theme] colors` names.
    pub key: String,
}

/// The secondary label under each category name.
#[derive(Debug, Clone)]
pub struct SecondaryLabel {
    pub col: usize,
    pub format: NumFormat,
}

/// Where an annotation sits on the x axis.
#[derive(Debug, Clone, PartialEq)]
pub enum AnnX {
    Value(f64),
    Category(String),
}

/// An annotation.
#[derive(Debug, Clone, PartialEq)]
pub enum Annotation {
    /// A label pointing at the data point at `x` (of the first series).
    Point { x: AnnX, text: String },
    /// A shaded span of the x axis with a label.
    Span { from: f64, to: f64, text: String },
    /// A reference line at `y` with a label.
    Rule { y: f64, text: String },
    /// A band from `low` to `high` over the x span `from`–`to`: a range the source states
    /// over a stretch of time ("11,000–12,000 a year since 2006"). Line charts.
    Band {
        from: f64,
        to: f64,
        low: f64,
        high: f64,
        text: String,
    },
}

impl Annotation {
    /// The values it needs the value axis to reach: a reference line's `y`, a band's low
    /// and high; `None` for points and spans of x.
    pub fn y_span(&self) -> Option<(f64, f64)> {
        match self {
            Annotation::Rule { y, .. } => Some((*y, *y)),
            Annotation::Band { low, high, .. } => Some((*low, *high)),
            _ => None,
        }
    }
}

/// One checked chart: the fields every kind shares, and its kind's own in [`Body`].
#[derive(Debug, Clone)]
pub struct Chart {
    pub id: String,
    /// The paper's own number ("Figure 1", "Table 2", "Box 1"), if it reproduces one.
    pub number: Option<String>,
    /// Starts a new section of the handout with this heading.
    pub section: Option<String>,
    pub title: String,
    pub subtitle: Option<String>,
    pub data: Arc<Table>,
    /// The data path as written in the spec.
    pub data_path: String,
    pub source: Option<String>,
    pub footnotes: Vec<u32>,
    pub notes: Vec<String>,
    /// Canvas width in CSS px (1/96 in).
    pub width: f64,
    /// The width was given for print (mm, cm, in or pt): the SVG states its physical size
    /// and the handout places the figure at that size, never scaled.
    pub physical: bool,
    /// Canvas height; `None` lets the layout size it from the content.
    pub height: Option<f64>,
    /// Alt text written by the author; `None` generates it from the data.
    pub alt: Option<String>,
    /// Small multiples: one panel per value of a column.
    pub facet: Option<Facet>,
    /// What the spec's `transform` steps did to the data file, in words, one per step.
    pub transforms: Vec<String>,
    /// Where the chart's `id` is written in the spec: line, column, the line's text.
    pub at: (usize, usize, String),
    /// What the kind draws, with the fields only that kind has.
    pub body: Body,
}

/// `facet = { field, columns, scales }`: one panel per value of `col`, in order of first
/// appearance, `columns` across; `free_y` gives each panel its own value axis.
#[derive(Debug, Clone)]
pub struct Facet {
    pub col: usize,
    pub columns: usize,
    pub free_y: bool,
}

/// What every chart drawn on axes has: the axes, the series, the annotations.
#[derive(Debug, Clone)]
pub struct Plot {
    pub x: Axis,
    pub y: Axis,
    /// The numeric columns drawn (empty for a range chart, which draws `ranges`).
    pub series: Vec<Series>,
    pub annotations: Vec<Annotation>,
    /// The secondary label under each category name.
    pub label: Option<SecondaryLabel>,
    /// Whether value labels are drawn (where they fit): `values = false` leaves them off.
    pub values: bool,
}

impl Default for Plot {
    fn default() -> Self {
        Plot {
            x: Axis::default(),
            y: Axis::default(),
            series: Vec::new(),
            annotations: Vec::new(),
            label: None,
            values: true,
        }
    }
}

impl Spec {
    /// The language of this edition's text.
    pub fn lang(&self) -> crate::i18n::Lang {
        crate::i18n::Lang::parse(&self.report.lang).unwrap_or_default()
    }
}

impl Chart {
    /// A warning about this chart, pointing at its `id` in `file`.
    pub fn warning(&self, file: &str, message: impl Into<String>) -> crate::error::Diag {
        self.error(file, message).warning()
    }

    /// An error about this chart (one found while rendering it), pointing at its `id`.
    pub fn error(&self, file: &str, message: impl Into<String>) -> crate::error::Diag {
        let (line, col, text) = &self.at;
        crate::error::Diag::error(file, message)
            .at(*line, *col)
            .with_snippet(text.clone())
            .with_width(self.id.chars().count() + 2)
            .in_chart(&self.id)
    }
}

/// Whether `id` is a chart id: 1 to 64 of `a-z`, `0-9` and `-`, not starting with `-`. Ids
/// name output files, so this is also what makes an output path safe.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
}
