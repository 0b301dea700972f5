//! The raw spec: serde structs that mirror `charts.toml` one to one, with spans for messages.
//! Unknown keys are rejected here; meaning is checked in `validate`.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

/// The whole file.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSpec {
    pub report: Option<RawReport>,
    #[schemars(with = "Option<RawThemeRef>")]
    pub theme: Option<Spanned<RawThemeRef>>,
    pub output: Option<RawOutput>,
    #[serde(default)]
    #[schemars(with = "Vec<RawChart>")]
    pub chart: Vec<Spanned<RawChart>>,
    #[serde(default)]
    #[schemars(with = "Vec<RawCheck>")]
    pub check: Vec<Spanned<RawCheck>>,
}

/// One `[[check]]`: a statement about the data that must hold.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCheck {
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    /// `sum`, `share`, `range` or `agree`.
    #[schemars(with = "String")]
    pub kind: Spanned<String>,
    #[schemars(with = "Option<Vec<RawRef>>")]
    pub parts: Option<Vec<Spanned<RawRef>>>,
    #[schemars(with = "Option<RawRef>")]
    pub total: Option<Spanned<RawRef>>,
    #[schemars(with = "Option<RawRef>")]
    pub share: Option<Spanned<RawRef>>,
    #[schemars(with = "Option<RawRef>")]
    pub count: Option<Spanned<RawRef>>,
    #[schemars(with = "Option<RawRef>")]
    pub value: Option<Spanned<RawRef>>,
    #[schemars(with = "Option<RawRef>")]
    pub a: Option<Spanned<RawRef>>,
    #[schemars(with = "Option<RawRef>")]
    pub b: Option<Spanned<RawRef>>,
    /// For `sum`: `equal` (default) or `at_most`.
    #[schemars(with = "Option<String>")]
    pub relation: Option<Spanned<String>>,
    #[schemars(with = "Option<f64>")]
    pub tolerance: Option<Spanned<f64>>,
    #[schemars(with = "Option<f64>")]
    pub min: Option<Spanned<f64>>,
    #[schemars(with = "Option<f64>")]
    pub max: Option<Spanned<f64>>,
}

/// A number a check reads: a cell (`data`, `column`, `row` = the first column's text) or a
/// number the paper states in its text (`value`, with `source` quoting where).
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRef {
    #[schemars(with = "Option<String>")]
    pub data: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub column: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub row: Option<Spanned<String>>,
    pub value: Option<f64>,
    pub source: Option<String>,
}

/// `[report]`: the handout's title page and metadata.
#[derive(Debug, Deserialize, Default, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawReport {
    #[schemars(with = "Option<String>")]
    pub title: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub subtitle: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub authors: Vec<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub publisher: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub date: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub page: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub lang: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub subject: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub keywords: Vec<Spanned<String>>,
    /// What the figures come from, in the words chartbook uses for it ("briefing paper"):
    /// "Briefing paper endnotes 35, 36." Without it chartbook says "the source".
    #[schemars(with = "Option<String>")]
    pub source_name: Option<Spanned<String>>,
    /// The paper's last endnote number: `footnotes` above it are errors.
    #[schemars(with = "Option<i64>")]
    pub endnotes: Option<Spanned<i64>>,
    /// A TOML file of the endnotes cited (`[[endnote]]` number, text, address).
    #[schemars(with = "Option<String>")]
    pub sources: Option<Spanned<String>>,
    /// The editions to build: the spec's own language first, then translations.
    #[schemars(with = "Option<Vec<String>>")]
    pub languages: Option<Spanned<Vec<String>>>,
    /// A translation file per further language: `{ ja = "translations/ja.toml" }`.
    #[schemars(with = "Option<BTreeMap<String, String>>")]
    pub translations: Option<Spanned<BTreeMap<String, Spanned<String>>>>,
}

/// The sources file: the paper's endnotes.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSources {
    #[serde(default)]
    #[schemars(with = "Vec<RawEndnote>")]
    pub endnote: Vec<Spanned<RawEndnote>>,
}

/// One endnote, verbatim.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawEndnote {
    #[schemars(with = "i64")]
    pub number: Spanned<i64>,
    pub text: String,
    pub address: Option<String>,
}

/// `[output]`: how the written files carry what they show.
#[derive(Debug, Deserialize, Default, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawOutput {
    /// `embed` (default), `outline` or `plain`.
    #[schemars(with = "Option<String>")]
    pub svg_text: Option<Spanned<String>>,
    /// The PNG resolution, 36–1200 (default 300; `--dpi` overrides it): 600 for a journal
    /// that asks it of line art.
    #[schemars(with = "Option<u32>")]
    pub dpi: Option<Spanned<i64>>,
}

/// `theme = "…"` (a built-in theme's name or a theme file) or a `[theme]` table.
#[derive(Debug, schemars::JsonSchema)]
#[serde(untagged)]
pub enum RawThemeRef {
    /// `"house"`, `"print"`, or a theme file inside the project such as `"themes/house.toml"`.
    Name(String),
    Table(RawTheme),
}

// By hand rather than `untagged`: an untagged enum buffers its input, which loses the spans
// the keys of a `[theme]` table carry.
impl<'de> Deserialize<'de> for RawThemeRef {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = RawThemeRef;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(
                    "a theme's name or file (\"print\", \"themes/house.toml\") or a [theme] table",
                )
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<RawThemeRef, E> {
                Ok(RawThemeRef::Name(v.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                m: A,
            ) -> Result<RawThemeRef, A::Error> {
                RawTheme::deserialize(serde::de::value::MapAccessDeserializer::new(m))
                    .map(RawThemeRef::Table)
            }
        }
        d.deserialize_any(V)
    }
}

/// A theme: `[theme]` in charts.toml, or a theme file (the same keys at its top level).
/// Every key is optional: a theme states what differs from the theme it `extends`.
#[derive(Debug, Deserialize, Default, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawTheme {
    /// The theme this one starts from: `house` (default), `print`, or a theme file.
    #[schemars(with = "Option<String>")]
    pub extends: Option<Spanned<String>>,
    /// The project's own font files (TrueType or OpenType), paths relative to charts.toml:
    /// `["fonts/SourceSerif4-Regular.ttf", "fonts/SourceSerif4-Bold.ttf"]`. Family names
    /// come from the files.
    #[schemars(with = "Option<Vec<String>>")]
    pub fonts: Option<Spanned<Vec<Spanned<String>>>>,
    /// The body family: `Lato` (bundled) or a family of `fonts` (default: the first file's).
    #[schemars(with = "Option<String>")]
    pub font: Option<Spanned<String>>,
    #[schemars(with = "Option<RawPalette>")]
    pub palette: Option<Spanned<RawPalette>>,
    /// A fixed colour per series name, in every chart: `{ "Cannabis" = "#009E73" }`.
    #[schemars(with = "Option<BTreeMap<String, String>>")]
    pub colors: Option<Spanned<BTreeMap<String, Spanned<String>>>>,
    /// `left` (default) or `center`: the title, subtitle and footer.
    #[schemars(with = "Option<String>")]
    pub title_align: Option<Spanned<String>>,
    /// The type scale: a size, family and weight per text role.
    pub text: Option<RawText>,
    /// Colours of the page, text and rules.
    pub ink: Option<RawInk>,
    /// Stroke widths in px.
    pub lines: Option<RawLines>,
    pub space: Option<RawSpace>,
    pub legend: Option<RawLegend>,
    pub labels: Option<RawLabels>,
}

/// `[text]`: one entry per role.
#[derive(Debug, Deserialize, Default, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawText {
    /// Line height as a multiple of the type size (1.3).
    #[schemars(with = "Option<f64>")]
    pub leading: Option<Spanned<f64>>,
    #[schemars(with = "Option<RawRole>")]
    pub title: Option<Spanned<RawRole>>,
    #[schemars(with = "Option<RawRole>")]
    pub subtitle: Option<Spanned<RawRole>>,
    /// Category and series labels, legends, table cells.
    #[schemars(with = "Option<RawRole>")]
    pub label: Option<Spanned<RawRole>>,
    #[schemars(with = "Option<RawRole>")]
    pub tick: Option<Spanned<RawRole>>,
    #[schemars(with = "Option<RawRole>")]
    pub value: Option<Spanned<RawRole>>,
    /// Notes and the source line.
    #[schemars(with = "Option<RawRole>")]
    pub note: Option<Spanned<RawRole>>,
}

/// One text role: `{ size = "9pt", family = "Source Serif 4", weight = "bold" }`.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRole {
    /// px as a number, or a string with a unit: `"9pt"`, `"12px"`, `"3mm"`.
    #[schemars(with = "Option<RawLength>")]
    pub size: Option<Spanned<RawLength>>,
    /// A bundled family or one of the theme's `fonts`.
    #[schemars(with = "Option<String>")]
    pub family: Option<Spanned<String>>,
    /// `regular` or `bold`.
    #[schemars(with = "Option<String>")]
    pub weight: Option<Spanned<String>>,
}

/// A length: px as a number, or a string with a unit (`px`, `pt`, `mm`, `cm`, `in`).
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum RawLength {
    Px(f64),
    Text(String),
}

/// `[ink]`: `#rrggbb` colours.
#[derive(Debug, Deserialize, Default, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawInk {
    /// The page behind the chart.
    #[schemars(with = "Option<String>")]
    pub background: Option<Spanned<String>>,
    /// Titles, labels and values.
    #[schemars(with = "Option<String>")]
    pub text: Option<Spanned<String>>,
    /// Subtitles, ticks, notes and the source.
    #[schemars(with = "Option<String>")]
    pub muted: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub grid: Option<Spanned<String>>,
    /// Axis rules and the zero line.
    #[schemars(with = "Option<String>")]
    pub rule: Option<Spanned<String>>,
    /// Boxes and spans.
    #[schemars(with = "Option<String>")]
    pub shade: Option<Spanned<String>>,
    /// A remainder series ("Other offences"): a grey that keeps 3:1 against the background.
    #[schemars(with = "Option<String>")]
    pub neutral: Option<Spanned<String>>,
}

/// `[lines]`: stroke widths (px as a number, or with a unit).
#[derive(Debug, Deserialize, Default, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawLines {
    #[schemars(with = "Option<RawLength>")]
    pub grid: Option<Spanned<RawLength>>,
    #[schemars(with = "Option<RawLength>")]
    pub rule: Option<Spanned<RawLength>>,
    /// A series' line; a line of many close points is drawn at half.
    #[schemars(with = "Option<RawLength>")]
    pub series: Option<Spanned<RawLength>>,
}

/// `[space]`.
#[derive(Debug, Deserialize, Default, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSpace {
    /// Space around the chart.
    #[schemars(with = "Option<RawLength>")]
    pub margin: Option<Spanned<RawLength>>,
}

/// `[legend]`.
#[derive(Debug, Deserialize, Default, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawLegend {
    /// Side of a colour swatch.
    #[schemars(with = "Option<RawLength>")]
    pub swatch: Option<Spanned<RawLength>>,
    /// Space between two entries.
    #[schemars(with = "Option<RawLength>")]
    pub gap: Option<Spanned<RawLength>>,
}

/// `[labels]`.
#[derive(Debug, Deserialize, Default, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawLabels {
    /// Label values unless a chart says `values = …` (default true).
    #[schemars(with = "Option<bool>")]
    pub values: Option<Spanned<bool>>,
}

/// A palette name or a list of `#rrggbb` colours.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum RawPalette {
    Named(String),
    Colors(Vec<String>),
}

/// One `[[chart]]`.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawChart {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    #[schemars(with = "String")]
    pub kind: Spanned<String>,
    #[schemars(with = "String")]
    pub title: Spanned<String>,
    #[schemars(with = "Option<String>")]
    pub subtitle: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub data: Option<Spanned<String>>,
    #[schemars(with = "Option<RawAxis>")]
    pub x: Option<Spanned<RawAxis>>,
    #[schemars(with = "Option<RawAxis>")]
    pub y: Option<Spanned<RawAxis>>,
    #[schemars(with = "Option<Vec<RawSeries>>")]
    pub series: Option<Vec<Spanned<RawSeries>>>,
    #[schemars(with = "Option<Vec<RawRange>>")]
    pub ranges: Option<Vec<Spanned<RawRange>>>,
    #[schemars(with = "Option<String>")]
    pub orientation: Option<Spanned<String>>,
    /// Line charts: `auto` (default), `always` or `never`.
    #[schemars(with = "Option<String>")]
    pub markers: Option<Spanned<String>>,
    /// Line charts on a time axis: `join_gaps = true` joins points across periods the data
    /// do not give, with a dotted line the key explains (by default such periods are marked
    /// "no figure" and the line breaks).
    #[schemars(with = "Option<bool>")]
    pub join_gaps: Option<Spanned<bool>>,
    /// `color = { field = "…" }`: one series per distinct value of a long table's field.
    #[schemars(with = "Option<RawColor>")]
    pub color: Option<Spanned<RawColor>>,
    /// `values = false` leaves the value labels off.
    #[schemars(with = "Option<bool>")]
    pub values: Option<Spanned<bool>>,
    #[schemars(with = "Option<String>")]
    pub stack: Option<Spanned<String>>,
    #[schemars(with = "Option<Vec<RawColumn>>")]
    pub columns: Option<Vec<Spanned<RawColumn>>>,
    #[schemars(with = "Option<String>")]
    pub field: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub style: Option<Spanned<String>>,
    #[schemars(with = "Option<RawLabel>")]
    pub label: Option<Spanned<RawLabel>>,
    /// Scatter charts: `size = { field = "…", title = "…" }`, area proportional to the value.
    #[schemars(with = "Option<RawSize>")]
    pub size: Option<Spanned<RawSize>>,
    /// Small multiples: `facet = { field = "country", columns = 3, scales = "shared" }`.
    #[schemars(with = "Option<RawFacet>")]
    pub facet: Option<Spanned<RawFacet>>,
    /// Steps applied to the data before the chart reads it, in order.
    #[schemars(with = "Option<Vec<RawTransform>>")]
    pub transform: Option<Vec<Spanned<RawTransform>>>,
    /// Range charts: `direction = true` or `{ from = "1952", to = "2007" }` draws each range
    /// as an arrow from `low` to `high`.
    #[schemars(with = "Option<RawDirection>")]
    pub direction: Option<Spanned<RawDirection>>,
    /// Scatter charts: `trend = true` draws the least-squares line.
    #[schemars(with = "Option<bool>")]
    pub trend: Option<Spanned<bool>>,
    #[schemars(with = "Option<String>")]
    pub source: Option<Spanned<String>>,
    #[schemars(with = "Option<Vec<i64>>")]
    pub footnotes: Option<Vec<Spanned<i64>>>,
    #[schemars(with = "Option<Vec<String>>")]
    pub notes: Option<Vec<Spanned<String>>>,
    #[schemars(with = "Option<Vec<RawAnnotation>>")]
    pub annotations: Option<Vec<Spanned<RawAnnotation>>>,
    /// The canvas width: px as a number (640), or with a unit for print: `"89mm"`,
    /// `"3.5in"`, `"640px"`.
    #[schemars(with = "Option<RawLength>")]
    pub width: Option<Spanned<RawLength>>,
    /// The canvas height (default: what the chart needs), as `width`.
    #[schemars(with = "Option<RawLength>")]
    pub height: Option<Spanned<RawLength>>,
    #[schemars(with = "Option<String>")]
    pub number: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub section: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub alt: Option<Spanned<String>>,
}

/// `x = { … }` or `y = { … }`.
#[derive(Debug, Deserialize, Default, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAxis {
    #[schemars(with = "Option<String>")]
    pub field: Option<Spanned<String>>,
    #[serde(rename = "type")]
    #[schemars(with = "Option<String>")]
    pub kind: Option<Spanned<String>>,
    pub title: Option<String>,
    #[schemars(with = "Option<String>")]
    pub format: Option<Spanned<String>>,
    #[schemars(with = "Option<i64>")]
    pub decimals: Option<Spanned<i64>>,
    pub prefix: Option<String>,
    pub suffix: Option<String>,
    #[schemars(with = "Option<String>")]
    pub scale: Option<Spanned<String>>,
    #[schemars(with = "Option<f64>")]
    pub min: Option<Spanned<f64>>,
    #[schemars(with = "Option<f64>")]
    pub max: Option<Spanned<f64>>,
    pub unit: Option<String>,
    /// How the dates of a temporal axis are spelled, when not in ISO (`%d.%m.%Y`).
    #[schemars(with = "Option<String>")]
    pub parse: Option<Spanned<String>>,
}

/// `color`: the field whose values split a long table into series, and their order.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawColor {
    #[schemars(with = "String")]
    pub field: Spanned<String>,
    /// `appearance` (the default), `ascending` or `descending`.
    #[schemars(with = "Option<String>")]
    pub sort: Option<Spanned<String>>,
    /// The groups in this order first; the rest follow as they appear.
    #[schemars(with = "Option<Vec<String>>")]
    pub order: Option<Spanned<Vec<String>>>,
    /// A scatter names each group beside its points instead of in a legend.
    #[schemars(with = "Option<bool>")]
    pub direct: Option<Spanned<bool>>,
}

/// One value series: a numeric column and its legend label, or (`remainder = 100`) what is
/// left of a whole once the other series are taken away.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSeries {
    #[schemars(with = "Option<String>")]
    pub field: Option<Spanned<String>>,
    #[schemars(with = "Option<f64>")]
    pub remainder: Option<Spanned<f64>>,
    pub label: Option<String>,
}

/// One range series of a `range` chart: the low and high columns.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRange {
    #[schemars(with = "String")]
    pub low: Spanned<String>,
    #[schemars(with = "String")]
    pub high: Spanned<String>,
    pub label: Option<String>,
}

/// A table column.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawColumn {
    #[schemars(with = "String")]
    pub field: Spanned<String>,
    pub title: Option<String>,
    #[schemars(with = "Option<String>")]
    pub align: Option<Spanned<String>>,
    #[schemars(with = "Option<f64>")]
    pub width: Option<Spanned<f64>>,
    #[schemars(with = "Option<String>")]
    pub format: Option<Spanned<String>>,
}

/// A secondary label drawn under each category name.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawLabel {
    #[schemars(with = "String")]
    pub field: Spanned<String>,
    #[schemars(with = "Option<String>")]
    pub format: Option<Spanned<String>>,
    pub prefix: Option<String>,
    pub suffix: Option<String>,
    /// Scatter charts: name only these points (values of `field`).
    #[schemars(with = "Option<Vec<String>>")]
    pub only: Option<Spanned<Vec<String>>>,
}

/// `facet`: the column whose values make the panels, how many across, shared or free scales.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawFacet {
    #[schemars(with = "String")]
    pub field: Spanned<String>,
    #[schemars(with = "Option<i64>")]
    pub columns: Option<Spanned<i64>>,
    #[schemars(with = "Option<String>")]
    pub scales: Option<Spanned<String>>,
}

/// One transform step: exactly one of its keys.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawTransform {
    #[schemars(with = "Option<RawFilter>")]
    pub filter: Option<Spanned<RawFilter>>,
    #[schemars(with = "Option<RawSort>")]
    pub sort: Option<Spanned<RawSort>>,
    #[schemars(with = "Option<i64>")]
    pub top: Option<Spanned<i64>>,
    #[schemars(with = "Option<RawAggregate>")]
    pub aggregate: Option<Spanned<RawAggregate>>,
    #[schemars(with = "Option<RawPivot>")]
    pub pivot: Option<Spanned<RawPivot>>,
    #[schemars(with = "Option<RawCalculate>")]
    pub calculate: Option<Spanned<RawCalculate>>,
    #[schemars(with = "Option<RawDatePart>")]
    pub date: Option<Spanned<RawDatePart>>,
}

/// `calculate = { share = "value", within = ["year"], as = "share" }`, or `change` / `index`
/// (with `along` and `base`), or `running`.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCalculate {
    #[schemars(with = "Option<String>")]
    pub share: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub change: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub index: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub running: Option<Spanned<String>>,
    #[schemars(with = "Option<Vec<String>>")]
    pub within: Option<Vec<Spanned<String>>>,
    #[schemars(with = "Option<String>")]
    pub along: Option<Spanned<String>>,
    #[schemars(with = "Option<serde_json::Value>")]
    pub base: Option<toml::Value>,
    #[serde(rename = "as")]
    pub name: Option<String>,
}

/// `date = { field = "date", part = "year", as = "year" }`.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawDatePart {
    #[schemars(with = "String")]
    pub field: Spanned<String>,
    #[schemars(with = "String")]
    pub part: Spanned<String>,
    #[serde(rename = "as")]
    pub name: Option<String>,
}

/// `filter = { field = "year", in = [1931, 1932] }`, or `not_in`, `above`, `below`,
/// `at_least`, `at_most`.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawFilter {
    #[schemars(with = "String")]
    pub field: Spanned<String>,
    #[serde(rename = "in")]
    #[schemars(with = "Option<Vec<serde_json::Value>>")]
    pub within: Option<Vec<toml::Value>>,
    #[schemars(with = "Option<Vec<serde_json::Value>>")]
    pub not_in: Option<Vec<toml::Value>>,
    pub above: Option<f64>,
    pub below: Option<f64>,
    pub at_least: Option<f64>,
    pub at_most: Option<f64>,
}

/// `sort = { field = "pop", order = "descending" }`.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSort {
    #[schemars(with = "String")]
    pub field: Spanned<String>,
    #[schemars(with = "Option<String>")]
    pub order: Option<Spanned<String>>,
}

/// `aggregate = { by = ["site"], values = [{ op = "mean", field = "yield", as = "yield" }] }`.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAggregate {
    #[schemars(with = "Option<Vec<String>>")]
    pub by: Option<Vec<Spanned<String>>>,
    #[schemars(with = "Vec<RawAggValue>")]
    pub values: Vec<Spanned<RawAggValue>>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAggValue {
    #[schemars(with = "String")]
    pub op: Spanned<String>,
    #[schemars(with = "Option<String>")]
    pub field: Option<Spanned<String>>,
    #[serde(rename = "as")]
    pub name: Option<String>,
}

/// `pivot = { key = "year", value = "yield" }`: one column per value of `key`.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPivot {
    #[schemars(with = "String")]
    pub key: Spanned<String>,
    #[schemars(with = "String")]
    pub value: Spanned<String>,
}

/// A range's `direction`: on (the ends named by their columns) or the ends' names.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum RawDirection {
    On(bool),
    Named { from: String, to: String },
}

/// A scatter's `size`: the column whose values set each point's area.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSize {
    #[schemars(with = "String")]
    pub field: Spanned<String>,
    pub title: Option<String>,
    #[schemars(with = "Option<String>")]
    pub format: Option<Spanned<String>>,
    pub prefix: Option<String>,
    pub suffix: Option<String>,
}

/// An annotation: a labelled point (`x`), a span (`x = [a, b]`) or a reference line (`y`).
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAnnotation {
    #[schemars(with = "Option<RawAnnX>")]
    pub x: Option<Spanned<RawAnnX>>,
    #[schemars(with = "Option<RawAnnY>")]
    pub y: Option<Spanned<RawAnnY>>,
    #[schemars(with = "String")]
    pub text: Spanned<String>,
}

/// An annotation's y: a reference line at a value, or, with `x = [from, to]`, the
/// `[low, high]` of a band (a range the source states over those years).
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum RawAnnY {
    Value(f64),
    Range(Vec<f64>),
}

/// An annotation's x: a number, a category name or a `[from, to]` span.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum RawAnnX {
    Number(f64),
    Category(String),
    Span(Vec<f64>),
    /// `["2008-09", "2009-06"]` on a date axis.
    DateSpan(Vec<String>),
}
