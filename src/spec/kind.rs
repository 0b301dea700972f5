//! The registry of chart kinds: every kind's name, its fields ([`Body`]), the questions every
//! kind answers ([`KindBody`]) and where its checks live ([`Kind::rules`]). A kind is written in
//! two files, its spec (`spec/validate/<kind>.rs`: fields, rules, checks) and its model
//! (`model/<kind>.rs`: layout, description); adding one adds a line to each list below and to
//! [`crate::model::draw`], and the compiler names every one of them.

use super::validate::Rules;
use super::{NumFormat, Plot, RangeSeries};

pub use super::validate::area::AreaChart;
pub use super::validate::bar::{BarChart, Grouping};
pub use super::validate::dot::DotChart;
pub use super::validate::line::{LineChart, Markers};
pub use super::validate::range::RangeChart;
pub use super::validate::scatter::{PointGroups, PointLabels, PointSize, ScatterChart};
pub use super::validate::slope::SlopeChart;
pub use super::validate::table::{Align, Column, TableChart};
pub use super::validate::text::{TextChart, TextStyle};

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
    Slope,
    Table,
    Text,
}

impl Kind {
    /// Every kind with its spelling in `charts.toml`.
    pub const ALL: [(&'static str, Kind); 11] = [
        ("bar", Kind::Bar),
        ("grouped_bar", Kind::GroupedBar),
        ("stacked_bar", Kind::StackedBar),
        ("line", Kind::Line),
        ("area", Kind::Area),
        ("dot", Kind::Dot),
        ("range", Kind::Range),
        ("scatter", Kind::Scatter),
        ("slope", Kind::Slope),
        ("table", Kind::Table),
        ("text", Kind::Text),
    ];

    /// What the checks of `charts.toml` need to know of the kind, and its own checks.
    pub(crate) fn rules(self) -> &'static Rules {
        use super::validate::*;
        match self {
            Kind::Bar => &bar::BAR,
            Kind::GroupedBar => &bar::GROUPED,
            Kind::StackedBar => &bar::STACKED,
            Kind::Line => &line::RULES,
            Kind::Area => &area::RULES,
            Kind::Dot => &dot::RULES,
            Kind::Range => &range::RULES,
            Kind::Scatter => &scatter::RULES,
            Kind::Slope => &slope::RULES,
            Kind::Table => &table::RULES,
            Kind::Text => &text::RULES,
        }
    }

    /// Whether the kind is drawn on axes (a table and a text box are typeset as text).
    pub fn on_axes(self) -> bool {
        self.rules().axes
    }

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

/// A chart kind's own fields.
#[derive(Debug, Clone)]
pub enum Body {
    /// `bar`, `grouped_bar` and `stacked_bar`.
    Bar(BarChart),
    Line(LineChart),
    Area(AreaChart),
    Dot(DotChart),
    Range(RangeChart),
    Scatter(ScatterChart),
    Slope(SlopeChart),
    Table(TableChart),
    Text(TextChart),
}

impl Body {
    /// The kind's answers to what every chart is asked.
    pub fn get(&self) -> &dyn KindBody {
        match self {
            Body::Bar(b) => b,
            Body::Line(b) => b,
            Body::Area(b) => b,
            Body::Dot(b) => b,
            Body::Range(b) => b,
            Body::Scatter(b) => b,
            Body::Slope(b) => b,
            Body::Table(b) => b,
            Body::Text(b) => b,
        }
    }

    /// [`Body::get`], to change.
    pub fn get_mut(&mut self) -> &mut dyn KindBody {
        match self {
            Body::Bar(b) => b,
            Body::Line(b) => b,
            Body::Area(b) => b,
            Body::Dot(b) => b,
            Body::Range(b) => b,
            Body::Scatter(b) => b,
            Body::Slope(b) => b,
            Body::Table(b) => b,
            Body::Text(b) => b,
        }
    }
}

/// What every kind's fields answer, for the parts of chartbook that handle any chart.
pub trait KindBody {
    /// The kind, as `charts.toml` names it.
    fn kind(&self) -> Kind;

    /// The axes, series and annotations of a chart drawn on axes.
    fn plot(&self) -> Option<&Plot> {
        None
    }

    /// [`KindBody::plot`], to change.
    fn plot_mut(&mut self) -> Option<&mut Plot> {
        None
    }

    /// The untranslated names of what it colours, in order (see [`super::Theme::colors`]).
    fn series_keys(&self) -> Vec<&str> {
        self.plot()
            .map(|p| p.series.iter().map(|s| s.key.as_str()).collect())
            .unwrap_or_default()
    }

    /// Every name `[theme] colors` may give a colour in this chart: its series, and a
    /// one-series bar chart's categories.
    fn colour_names(&self) -> Vec<&str> {
        self.series_keys()
    }

    /// Every number format of the chart, to set their language.
    fn formats_mut(&mut self) -> Vec<&mut NumFormat> {
        let Some(plot) = self.plot_mut() else {
            return Vec::new();
        };
        let mut out = vec![&mut plot.x.format, &mut plot.y.format];
        if let Some(l) = &mut plot.label {
            out.push(&mut l.format);
        }
        out
    }

    /// The low–high pairs it draws (a range chart's).
    fn ranges(&self) -> &[RangeSeries] {
        &[]
    }

    /// Puts the kind's own words into another language (the plot's are done by the caller).
    fn translate(&mut self, _tr: &mut dyn Words) {}
}

/// What translates an edition's words: texts, and number formats (their language).
pub trait Words {
    fn text(&mut self, s: &str) -> String;
    fn format(&mut self, f: &NumFormat) -> NumFormat;
}

impl super::Chart {
    /// The kind, as `charts.toml` names it.
    pub fn kind(&self) -> Kind {
        self.body.get().kind()
    }

    /// The axes, series and annotations of a chart drawn on axes; `None` for a table or a
    /// text box.
    pub fn plot(&self) -> Option<&Plot> {
        self.body.get().plot()
    }

    /// [`super::Chart::plot`], to change.
    pub fn plot_mut(&mut self) -> Option<&mut Plot> {
        self.body.get_mut().plot_mut()
    }

    /// How many colours the chart draws: one per series, range series or point group.
    pub fn colours(&self) -> usize {
        self.series_keys().len()
    }

    /// The untranslated names of the series it colours, in order (see [`super::Theme::colors`]).
    pub fn series_keys(&self) -> Vec<&str> {
        self.body.get().series_keys()
    }

    /// Every name `[theme] colors` may colour in it (series, a one-series bar's categories).
    pub fn colour_names(&self) -> Vec<&str> {
        self.body.get().colour_names()
    }

    /// Every number format of the chart, to set their language.
    pub fn formats_mut(&mut self) -> Vec<&mut NumFormat> {
        self.body.get_mut().formats_mut()
    }

    /// The range series of a range chart (none for any other kind).
    pub fn ranges(&self) -> &[RangeSeries] {
        self.body.get().ranges()
    }
}
