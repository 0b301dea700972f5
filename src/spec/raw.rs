//! The raw spec: serde structs that mirror `charts.toml` one to one, with spans for messages.
//! Unknown keys are rejected here; meaning is checked in `validate`.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

/// The whole file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSpec {
    pub report: Option<RawReport>,
    pub theme: Option<RawTheme>,
    pub output: Option<RawOutput>,
    #[serde(default)]
    pub chart: Vec<Spanned<RawChart>>,
    #[serde(default)]
    pub check: Vec<Spanned<RawCheck>>,
}

/// One `[[check]]`: a statement about the data that must hold.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCheck {
    pub name: Spanned<String>,
    /// `sum`, `share`, `range` or `agree`.
    pub kind: Spanned<String>,
    pub parts: Option<Vec<Spanned<RawRef>>>,
    pub total: Option<Spanned<RawRef>>,
    pub share: Option<Spanned<RawRef>>,
    pub count: Option<Spanned<RawRef>>,
    pub value: Option<Spanned<RawRef>>,
    pub a: Option<Spanned<RawRef>>,
    pub b: Option<Spanned<RawRef>>,
    /// For `sum`: `equal` (default) or `at_most`.
    pub relation: Option<Spanned<String>>,
    pub tolerance: Option<Spanned<f64>>,
    pub min: Option<Spanned<f64>>,
    pub max: Option<Spanned<f64>>,
}

/// A number a check reads: a cell (`data`, `column`, `row` = the first column's text) or a
/// number the paper states in its text (`value`, with `source` quoting where).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRef {
    pub data: Option<Spanned<String>>,
    pub column: Option<Spanned<String>>,
    pub row: Option<Spanned<String>>,
    pub value: Option<f64>,
    pub source: Option<String>,
}

/// `[report]`: the handout's title page and metadata.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawReport {
    pub title: Option<Spanned<String>>,
    pub subtitle: Option<Spanned<String>>,
    #[serde(default)]
    pub authors: Vec<Spanned<String>>,
    pub publisher: Option<Spanned<String>>,
    pub date: Option<Spanned<String>>,
    pub page: Option<Spanned<String>>,
    pub lang: Option<Spanned<String>>,
    pub subject: Option<Spanned<String>>,
    #[serde(default)]
    pub keywords: Vec<Spanned<String>>,
    /// What the figures come from, in the words chartbook uses for it ("briefing paper"):
    /// "Briefing paper endnotes 35, 36." Without it chartbook says "the source".
    pub source_name: Option<Spanned<String>>,
    /// The paper's last endnote number: `footnotes` above it are errors.
    pub endnotes: Option<Spanned<i64>>,
    /// A TOML file of the endnotes cited (`[[endnote]]` number, text, address).
    pub sources: Option<Spanned<String>>,
    /// The editions to build: the spec's own language first, then translations.
    pub languages: Option<Spanned<Vec<String>>>,
    /// A translation file per further language: `{ ja = "translations/ja.toml" }`.
    pub translations: Option<Spanned<BTreeMap<String, Spanned<String>>>>,
}

/// The sources file: the paper's endnotes.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSources {
    #[serde(default)]
    pub endnote: Vec<Spanned<RawEndnote>>,
}

/// One endnote, verbatim.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEndnote {
    pub number: Spanned<i64>,
    pub text: String,
    pub address: Option<String>,
}

/// `[output]`: how the written files carry what they show.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawOutput {
    /// `embed` (default), `outline` or `plain`.
    pub svg_text: Option<Spanned<String>>,
}

/// `[theme]`.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawTheme {
    pub name: Option<Spanned<String>>,
    pub font: Option<Spanned<String>>,
    pub palette: Option<Spanned<RawPalette>>,
    /// A fixed colour per series name, in every chart: `{ "Cannabis" = "#009E73" }`.
    pub colors: Option<Spanned<BTreeMap<String, Spanned<String>>>>,
}

/// A palette name or a list of `#rrggbb` colours.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum RawPalette {
    Named(String),
    Colors(Vec<String>),
}

/// One `[[chart]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawChart {
    pub id: Spanned<String>,
    pub kind: Spanned<String>,
    pub title: Spanned<String>,
    pub subtitle: Option<Spanned<String>>,
    pub data: Option<Spanned<String>>,
    pub x: Option<Spanned<RawAxis>>,
    pub y: Option<Spanned<RawAxis>>,
    pub series: Option<Vec<Spanned<RawSeries>>>,
    pub ranges: Option<Vec<Spanned<RawRange>>>,
    pub orientation: Option<Spanned<String>>,
    /// Line charts: `auto` (default), `always` or `never`.
    pub markers: Option<Spanned<String>>,
    /// `color = { field = "…" }`: one series per distinct value of a long table's field.
    pub color: Option<Spanned<RawColor>>,
    /// `values = false` leaves the value labels off.
    pub values: Option<Spanned<bool>>,
    pub stack: Option<Spanned<String>>,
    pub columns: Option<Vec<Spanned<RawColumn>>>,
    pub field: Option<Spanned<String>>,
    pub style: Option<Spanned<String>>,
    pub label: Option<Spanned<RawLabel>>,
    /// Scatter charts: `size = { field = "…", title = "…" }`, area proportional to the value.
    pub size: Option<Spanned<RawSize>>,
    /// Small multiples: `facet = { field = "country", columns = 3, scales = "shared" }`.
    pub facet: Option<Spanned<RawFacet>>,
    /// Steps applied to the data before the chart reads it, in order.
    pub transform: Option<Vec<Spanned<RawTransform>>>,
    /// Range charts: `direction = true` or `{ from = "1952", to = "2007" }` draws each range
    /// as an arrow from `low` to `high`.
    pub direction: Option<Spanned<RawDirection>>,
    /// Scatter charts: `trend = true` draws the least-squares line.
    pub trend: Option<Spanned<bool>>,
    pub source: Option<Spanned<String>>,
    pub footnotes: Option<Vec<Spanned<i64>>>,
    pub notes: Option<Vec<Spanned<String>>>,
    pub annotations: Option<Vec<Spanned<RawAnnotation>>>,
    pub width: Option<Spanned<f64>>,
    pub height: Option<Spanned<f64>>,
    pub number: Option<Spanned<String>>,
    pub section: Option<Spanned<String>>,
    pub alt: Option<Spanned<String>>,
}

/// `x = { … }` or `y = { … }`.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawAxis {
    pub field: Option<Spanned<String>>,
    #[serde(rename = "type")]
    pub kind: Option<Spanned<String>>,
    pub title: Option<String>,
    pub format: Option<Spanned<String>>,
    pub decimals: Option<Spanned<i64>>,
    pub prefix: Option<String>,
    pub suffix: Option<String>,
    pub scale: Option<Spanned<String>>,
    pub min: Option<Spanned<f64>>,
    pub max: Option<Spanned<f64>>,
    pub unit: Option<String>,
    /// How the dates of a temporal axis are spelled, when not in ISO (`%d.%m.%Y`).
    pub parse: Option<Spanned<String>>,
}

/// `color`: the field whose values split a long table into series, and their order.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawColor {
    pub field: Spanned<String>,
    /// `appearance` (the default), `ascending` or `descending`.
    pub sort: Option<Spanned<String>>,
    /// The groups in this order first; the rest follow as they appear.
    pub order: Option<Spanned<Vec<String>>>,
    /// A scatter names each group beside its points instead of in a legend.
    pub direct: Option<Spanned<bool>>,
}

/// One value series: a numeric column and its legend label, or (`remainder = 100`) what is
/// left of a whole once the other series are taken away.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSeries {
    pub field: Option<Spanned<String>>,
    pub remainder: Option<Spanned<f64>>,
    pub label: Option<String>,
}

/// One range series of a `range` chart: the low and high columns.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRange {
    pub low: Spanned<String>,
    pub high: Spanned<String>,
    pub label: Option<String>,
}

/// A table column.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawColumn {
    pub field: Spanned<String>,
    pub title: Option<String>,
    pub align: Option<Spanned<String>>,
    pub width: Option<Spanned<f64>>,
    pub format: Option<Spanned<String>>,
}

/// A secondary label drawn under each category name.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLabel {
    pub field: Spanned<String>,
    pub format: Option<Spanned<String>>,
    pub prefix: Option<String>,
    pub suffix: Option<String>,
    /// Scatter charts: name only these points (values of `field`).
    pub only: Option<Spanned<Vec<String>>>,
}

/// `facet`: the column whose values make the panels, how many across, shared or free scales.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFacet {
    pub field: Spanned<String>,
    pub columns: Option<Spanned<i64>>,
    pub scales: Option<Spanned<String>>,
}

/// One transform step: exactly one of its keys.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTransform {
    pub filter: Option<Spanned<RawFilter>>,
    pub sort: Option<Spanned<RawSort>>,
    pub top: Option<Spanned<i64>>,
    pub aggregate: Option<Spanned<RawAggregate>>,
    pub pivot: Option<Spanned<RawPivot>>,
    pub calculate: Option<Spanned<RawCalculate>>,
    pub date: Option<Spanned<RawDatePart>>,
}

/// `calculate = { share = "value", within = ["year"], as = "share" }`, or `change` / `index`
/// (with `along` and `base`), or `running`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCalculate {
    pub share: Option<Spanned<String>>,
    pub change: Option<Spanned<String>>,
    pub index: Option<Spanned<String>>,
    pub running: Option<Spanned<String>>,
    pub within: Option<Vec<Spanned<String>>>,
    pub along: Option<Spanned<String>>,
    pub base: Option<toml::Value>,
    #[serde(rename = "as")]
    pub name: Option<String>,
}

/// `date = { field = "date", part = "year", as = "year" }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDatePart {
    pub field: Spanned<String>,
    pub part: Spanned<String>,
    #[serde(rename = "as")]
    pub name: Option<String>,
}

/// `filter = { field = "year", in = [1931, 1932] }`, or `not_in`, `above`, `below`,
/// `at_least`, `at_most`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFilter {
    pub field: Spanned<String>,
    #[serde(rename = "in")]
    pub within: Option<Vec<toml::Value>>,
    pub not_in: Option<Vec<toml::Value>>,
    pub above: Option<f64>,
    pub below: Option<f64>,
    pub at_least: Option<f64>,
    pub at_most: Option<f64>,
}

/// `sort = { field = "pop", order = "descending" }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSort {
    pub field: Spanned<String>,
    pub order: Option<Spanned<String>>,
}

/// `aggregate = { by = ["site"], values = [{ op = "mean", field = "yield", as = "yield" }] }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAggregate {
    pub by: Option<Vec<Spanned<String>>>,
    pub values: Vec<Spanned<RawAggValue>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAggValue {
    pub op: Spanned<String>,
    pub field: Option<Spanned<String>>,
    #[serde(rename = "as")]
    pub name: Option<String>,
}

/// `pivot = { key = "year", value = "yield" }`: one column per value of `key`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPivot {
    pub key: Spanned<String>,
    pub value: Spanned<String>,
}

/// A range's `direction`: on (the ends named by their columns) or the ends' names.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum RawDirection {
    On(bool),
    Named { from: String, to: String },
}

/// A scatter's `size`: the column whose values set each point's area.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSize {
    pub field: Spanned<String>,
    pub title: Option<String>,
    pub format: Option<Spanned<String>>,
    pub prefix: Option<String>,
    pub suffix: Option<String>,
}

/// An annotation: a labelled point (`x`), a span (`x = [a, b]`) or a reference line (`y`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAnnotation {
    pub x: Option<Spanned<RawAnnX>>,
    pub y: Option<Spanned<f64>>,
    pub text: Spanned<String>,
}

/// An annotation's x: a number, a category name or a `[from, to]` span.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum RawAnnX {
    Number(f64),
    Category(String),
    Span(Vec<f64>),
    /// `["2008-09", "2009-06"]` on a date axis.
    DateSpan(Vec<String>),
}
