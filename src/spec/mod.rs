//! The chart specification: the raw TOML mirror (`raw`), the checked spec that rendering
//! reads (this file), and the checks that turn one into the other (`validate`).

pub mod checks;
pub mod hygiene;
pub mod raw;
pub mod theme;
pub mod translate;
pub mod validate;
pub mod vision;

use std::sync::Arc;

use crate::data::Table;
use crate::model::format::NumFormat;
use crate::model::scale::ScaleKind;

pub use theme::{Color, Theme};
pub use validate::{load, LoadedSpec};

/// The checked spec: every chart with its data loaded and every reference resolved.
#[derive(Debug, Clone)]
pub struct Spec {
    pub report: Report,
    pub theme: Theme,
    pub charts: Vec<Chart>,
    /// The `[[check]]`s, evaluated.
    pub checks: Vec<checks::Check>,
    /// The endnotes of `[report] sources`, by number (empty without a sources file).
    pub sources: Vec<Endnote>,
    /// The same report in `[report] languages` beyond the first, each written to
    /// `output/<lang>/`.
    pub editions: Vec<Spec>,
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
    pub fn cited_sources(&self) -> Vec<&Endnote> {
        let mut cited = std::collections::BTreeSet::new();
        for c in &self.charts {
            cited.extend(c.footnotes.iter().copied());
            cited.extend(endnote_cells(&c.data).into_iter().map(|(n, _, _)| n));
        }
        self.sources
            .iter()
            .filter(|e| cited.contains(&e.number))
            .collect()
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

/// The kinds of chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Bar,
    GroupedBar,
    StackedBar,
    Line,
    Area,
    Dot,
    Range,
    Scatter,
    Table,
    Text,
}

impl Kind {
    /// Every kind with its spelling in `charts.toml`.
    pub const ALL: [(&'static str, Kind); 10] = [
        ("bar", Kind::Bar),
        ("grouped_bar", Kind::GroupedBar),
        ("stacked_bar", Kind::StackedBar),
        ("line", Kind::Line),
        ("area", Kind::Area),
        ("dot", Kind::Dot),
        ("range", Kind::Range),
        ("scatter", Kind::Scatter),
        ("table", Kind::Table),
        ("text", Kind::Text),
    ];

    /// The name with its article, for messages: "a bar", "an area".
    pub fn a(self) -> String {
        let n = self.name();
        if n.starts_with(['a', 'e', 'i', 'o', 'u']) {
            format!("an {n}")
        } else {
            format!("a {n}")
        }
    }

    /// The spelling in `charts.toml`.
    pub fn name(self) -> &'static str {
        Kind::ALL
            .iter()
            .find(|(_, k)| *k == self)
            .map_or("bar", |(n, _)| n)
    }
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

/// Horizontal alignment of a table column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
    Center,
}

/// A table column.
#[derive(Debug, Clone)]
pub struct Column {
    pub col: usize,
    pub title: String,
    pub align: Align,
    /// Relative width; `None` sizes the column from its content.
    pub width: Option<f64>,
    pub format: NumFormat,
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
}

/// How a text chart sets its rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TextStyle {
    #[default]
    Bullets,
    Numbered,
    Paragraphs,
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

/// A chart kind's own fields. Adding a kind adds a variant here: the compiler then names
/// every place that must handle it (validation, layout, description, the handout).
#[derive(Debug, Clone)]
pub enum Body {
    /// `bar`, `grouped_bar` and `stacked_bar`.
    Bar(BarChart),
    Line(LineChart),
    Area(AreaChart),
    Dot(DotChart),
    Range(RangeChart),
    Scatter(ScatterChart),
    Table(TableChart),
    Text(TextChart),
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

/// How the series of a bar chart share a category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grouping {
    /// `bar`: one series.
    Single,
    /// `grouped_bar`: side by side.
    Grouped,
    /// `stacked_bar`: end to end.
    Stacked(Stack),
}

/// `bar`, `grouped_bar`, `stacked_bar`.
#[derive(Debug, Clone)]
pub struct BarChart {
    pub plot: Plot,
    pub grouping: Grouping,
    pub orientation: Orientation,
}

/// `line`.
#[derive(Debug, Clone)]
pub struct LineChart {
    pub plot: Plot,
    pub markers: Markers,
}

/// `area`: one filled band per series over a number or time axis; several series stack
/// (`count`) or share each x's whole (`percent`).
#[derive(Debug, Clone)]
pub struct AreaChart {
    pub plot: Plot,
    pub stack: Stack,
}

/// `dot`: a row per category, a dot per series on a shared value axis (one series: a
/// lollipop from zero).
#[derive(Debug, Clone)]
pub struct DotChart {
    pub plot: Plot,
}

/// Whether a line draws a dot at each point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Markers {
    /// At every point when the points are far enough apart to tell (6 px or more), else
    /// only where a dot says something (a bound, an approximate value).
    #[default]
    Auto,
    Always,
    /// Only where a dot says something: a bound or an approximate value.
    Never,
}

/// `range`: a low–high bar per category and range series.
#[derive(Debug, Clone)]
pub struct RangeChart {
    pub plot: Plot,
    pub ranges: Vec<RangeSeries>,
    /// `direction`: each range runs from `low` (a dot) to `high` (an arrowhead), and these
    /// name the two ends in the key ("1952", "2007").
    pub arrow: Option<(String, String)>,
}

/// `scatter`: a point per row at its x and y, optionally coloured by a field, sized by another
/// (area proportional to the value), some named, and a least-squares line.
#[derive(Debug, Clone)]
pub struct ScatterChart {
    /// The axes; `series` holds the y column once (its name for the description).
    pub plot: Plot,
    pub color: Option<PointGroups>,
    pub size: Option<PointSize>,
    pub labels: Option<PointLabels>,
    /// Draws the least-squares line of y on x (on the axes' scales) and says so in the key.
    pub trend: bool,
}

/// The column whose values colour a scatter's points, and those values in legend order.
#[derive(Debug, Clone)]
pub struct PointGroups {
    pub col: usize,
    /// The values as the data writes them: what `[theme] colors` names.
    pub groups: Vec<String>,
    /// The same values in the edition's language: the legend, and what the cells say.
    pub names: Vec<String>,
}

/// The column that sizes a scatter's points (area proportional to the value).
#[derive(Debug, Clone)]
pub struct PointSize {
    pub col: usize,
    /// What the sizes measure, for the size key ("Population").
    pub title: String,
    pub format: NumFormat,
}

/// The column that names a scatter's points, and which of them are named (`None`: all).
#[derive(Debug, Clone)]
pub struct PointLabels {
    pub col: usize,
    pub only: Option<Vec<String>>,
}

/// `table`: the data's columns as a table.
#[derive(Debug, Clone)]
pub struct TableChart {
    pub columns: Vec<Column>,
}

/// `text`: one paragraph (or bullet) per row of a column.
#[derive(Debug, Clone)]
pub struct TextChart {
    pub field: usize,
    pub style: TextStyle,
}

impl Chart {
    /// The kind, as `charts.toml` names it.
    pub fn kind(&self) -> Kind {
        match &self.body {
            Body::Bar(b) => match b.grouping {
                Grouping::Single => Kind::Bar,
                Grouping::Grouped => Kind::GroupedBar,
                Grouping::Stacked(_) => Kind::StackedBar,
            },
            Body::Line(_) => Kind::Line,
            Body::Area(_) => Kind::Area,
            Body::Dot(_) => Kind::Dot,
            Body::Range(_) => Kind::Range,
            Body::Scatter(_) => Kind::Scatter,
            Body::Table(_) => Kind::Table,
            Body::Text(_) => Kind::Text,
        }
    }

    /// The axes, series and annotations of a chart drawn on axes; `None` for a table or a
    /// text box.
    pub fn plot(&self) -> Option<&Plot> {
        match &self.body {
            Body::Bar(b) => Some(&b.plot),
            Body::Line(l) => Some(&l.plot),
            Body::Area(a) => Some(&a.plot),
            Body::Dot(d) => Some(&d.plot),
            Body::Range(r) => Some(&r.plot),
            Body::Scatter(s) => Some(&s.plot),
            Body::Table(_) | Body::Text(_) => None,
        }
    }

    /// [`Chart::plot`], to change.
    pub fn plot_mut(&mut self) -> Option<&mut Plot> {
        match &mut self.body {
            Body::Bar(b) => Some(&mut b.plot),
            Body::Line(l) => Some(&mut l.plot),
            Body::Area(a) => Some(&mut a.plot),
            Body::Dot(d) => Some(&mut d.plot),
            Body::Range(r) => Some(&mut r.plot),
            Body::Scatter(s) => Some(&mut s.plot),
            Body::Table(_) | Body::Text(_) => None,
        }
    }

    /// How many colours the chart draws: one per series or range series.
    pub fn colours(&self) -> usize {
        match &self.body {
            Body::Range(r) => r.ranges.len(),
            Body::Scatter(ScatterChart { color: Some(g), .. }) => g.groups.len(),
            _ => self.plot().map_or(0, |p| p.series.len()),
        }
    }

    /// The untranslated names of the series it colours, in order (see [`Theme::colors`]).
    pub fn series_keys(&self) -> Vec<&str> {
        match &self.body {
            Body::Range(r) => r.ranges.iter().map(|r| r.key.as_str()).collect(),
            Body::Scatter(ScatterChart { color: Some(g), .. }) => {
                g.groups.iter().map(String::as_str).collect()
            }
            _ => self
                .plot()
                .map(|p| p.series.iter().map(|s| s.key.as_str()).collect())
                .unwrap_or_default(),
        }
    }

    /// Every number format of the chart, to set their language.
    pub fn formats_mut(&mut self) -> Vec<&mut NumFormat> {
        let mut out = Vec::new();
        match &mut self.body {
            Body::Table(t) => out.extend(t.columns.iter_mut().map(|c| &mut c.format)),
            Body::Text(_) => {}
            Body::Bar(BarChart { plot, .. })
            | Body::Line(LineChart { plot, .. })
            | Body::Area(AreaChart { plot, .. })
            | Body::Dot(DotChart { plot })
            | Body::Range(RangeChart { plot, .. })
            | Body::Scatter(ScatterChart {
                plot, size: None, ..
            }) => {
                out.push(&mut plot.x.format);
                out.push(&mut plot.y.format);
                if let Some(l) = &mut plot.label {
                    out.push(&mut l.format);
                }
            }
            Body::Scatter(ScatterChart {
                plot,
                size: Some(size),
                ..
            }) => {
                out.push(&mut plot.x.format);
                out.push(&mut plot.y.format);
                out.push(&mut size.format);
            }
        }
        out
    }

    /// The range series of a range chart (none for any other kind).
    pub fn ranges(&self) -> &[RangeSeries] {
        match &self.body {
            Body::Range(r) => &r.ranges,
            _ => &[],
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
