//! The figure model: scales, ticks, number formats and the layout of each chart kind into a
//! backend-neutral [`figure::Figure`]. No plotters and no I/O here.

pub mod area;
pub mod bar;
pub mod collide;
pub mod describe;
pub mod dot;
pub mod facet;
pub mod figure;
pub mod format;
pub mod frame;
pub mod key;
pub mod line;
pub mod range;
pub mod rows;
pub mod scale;
pub mod scatter;
pub mod slope;
pub mod table;
pub mod textbox;
pub mod timeaxis;
pub mod verdict;

use crate::data::{Cell, Row};
use crate::i18n::Lang;
use crate::spec::{Body, Chart, Color, Plot, Spec, Theme};
use figure::Figure;

/// What an edition gives every chart it lays out: its theme and its language (the fonts are
/// the bundled ones, see [`crate::fonts`]).
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub theme: &'a Theme,
    pub lang: Lang,
    /// `[report] source_name` ("briefing paper"), in the edition's language.
    pub source: Option<&'a str>,
    /// Laying out one panel of small multiples (see [`facet`]).
    pub panel: bool,
    /// The left and right ends of the plot, when panels must share them (see [`facet`]);
    /// `None`: the layout fits them to its labels.
    pub plot_x: Option<(f64, f64)>,
    /// How the written SVG carries its text: not the layout's business, but the edition's,
    /// and this is what every renderer of a chart is handed.
    pub svg_text: crate::spec::SvgText,
    /// The handout's page, whose text column a chart is drawn for in the PDF.
    pub page: crate::spec::PageSize,
}

impl<'a> Context<'a> {
    /// The context of one edition of the spec.
    pub fn of(spec: &'a Spec) -> Context<'a> {
        Context {
            theme: &spec.theme,
            lang: spec.lang(),
            source: spec.report.source_name.as_deref(),
            panel: false,
            plot_x: None,
            svg_text: spec.svg_text,
            page: spec.report.page,
        }
    }
}

/// A chart laid out: its items and size, and what the layout chose to leave out (value
/// labels too wide for their bars), in words, for one warning each.
#[derive(Debug)]
pub struct Laid {
    pub items: Vec<figure::Item>,
    pub width: f64,
    pub height: f64,
    pub notices: Vec<String>,
    /// A panel's key entries (see [`frame::Canvas::keys`]), for the figure's one footer.
    pub keys: Vec<key::Key>,
    /// Where the plot runs across (see [`frame::Canvas::plot_x`]), for panels to share.
    pub plot_x: Option<(f64, f64)>,
}

/// Lays out one checked chart, collisions resolved (see [`collide`]).
pub fn layout(chart: &Chart, cx: &Context) -> Figure {
    layout_with_fixes(chart, cx).0
}

/// Lays out one checked chart and says what the collision step had to change.
pub fn layout_with_fixes(chart: &Chart, cx: &Context) -> (Figure, Vec<collide::Fix>) {
    crate::style::scoped(cx.theme, || layout_in_style(chart, cx))
}

fn layout_in_style(chart: &Chart, cx: &Context) -> (Figure, Vec<collide::Fix>) {
    let (items, width, height, notices, desc) = match (&chart.facet, cx.panel) {
        (Some(f), false) => {
            let (items, width, height, notices) = facet::layout(chart, f, cx);
            (
                items,
                width,
                height,
                notices,
                facet::describe(chart, f, cx.lang),
            )
        }
        _ => {
            let l = laid(chart, cx);
            let desc = describe::describe(chart, cx.lang);
            (l.items, l.width, l.height, l.notices, desc)
        }
    };
    let mut fig = Figure {
        width,
        height,
        paper: cx.theme.paper,
        items,
        title: chart.title.clone(),
        desc,
        shortened: Vec::new(),
        lang: cx.lang,
        physical: chart.physical,
    };
    let mut fixes: Vec<collide::Fix> = notices.into_iter().map(collide::Fix::Omitted).collect();
    fixes.extend(collide::resolve(&mut fig));
    (fig, fixes)
}

/// Lays out one chart (or one panel) by its kind, before collisions are resolved.
pub fn laid(chart: &Chart, cx: &Context) -> Laid {
    crate::style::scoped(cx.theme, || draw(&chart.body).layout(chart, cx))
}

/// How much shorter than its own height a chart may be drawn, as the least fraction of it,
/// when its height is the layout's to choose (no `height` in the spec, not sized for print,
/// one panel): a plot by a quarter; rows only by their gaps (the layout takes at most 6 px
/// from each, and draws the chart taller than asked when that is not enough). `None`: the
/// chart keeps its height.
pub fn least_height(chart: &Chart) -> Option<f64> {
    if chart.height.is_some()
        || chart.physical
        || chart.facet.is_some()
        || !crate::handout::is_figure(chart.kind())
    {
        return None;
    }
    Some(if draw(&chart.body).fitted() {
        0.85
    } else {
        0.75
    })
}

/// The model of a chart's kind: the registry's other half (see [`crate::spec::kind`]).
pub fn draw(body: &Body) -> &dyn Draw {
    match body {
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

/// What each chart kind's model does: lay the chart out, say it in words, and tell small
/// multiples and the data appendix what they need to know of it. Each kind implements it
/// in its own file.
pub trait Draw {
    /// Lays out the chart (or one panel of small multiples), before collisions are resolved.
    fn layout(&self, chart: &Chart, cx: &Context) -> Laid;

    /// What kind of chart it is and every value it shows, in words (the description adds the
    /// annotations and the source, see [`describe::describe`]).
    fn describe(&self, chart: &Chart, lang: Lang) -> String;

    /// Whether a panel fits its height to its rows (categories down the left).
    fn fitted(&self) -> bool {
        false
    }

    /// The columns whose values the value axis spans.
    fn value_cols(&self, chart: &Chart) -> Vec<usize> {
        chart
            .plot()
            .map(|p| p.series.iter().map(|s| s.col).collect())
            .unwrap_or_default()
    }

    /// How one value axis shared by every panel must span the values.
    fn sharing(&self) -> Sharing {
        Sharing::Values { from_zero: true }
    }

    /// Whether x is a number or time axis that panels can share.
    fn numeric_x(&self) -> bool {
        false
    }

    /// The names of a grid's one legend (fewer than two: none).
    fn legend(&self, chart: &Chart) -> Vec<String> {
        chart
            .plot()
            .map(|p| p.series.iter().map(|s| s.label.clone()).collect())
            .unwrap_or_default()
    }

    /// Whether its series are told apart by hatching as well as colour (bars).
    fn hatched(&self) -> bool {
        false
    }

    /// Key entries a grid adds to its panels' own (points left out of every panel).
    fn grid_keys(&self, _chart: &Chart, _lang: Lang) -> Vec<key::Key> {
        Vec::new()
    }

    /// The columns of its data appendix, when the generic ones (x, series, ranges, label) do
    /// not suit it.
    fn appendix(&self, _chart: &Chart) -> Option<Vec<crate::spec::Column>> {
        None
    }
}

/// How a value axis shared by small multiples spans their values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sharing {
    /// From the lowest value to the highest, and zero too where marks grow from it.
    Values { from_zero: bool },
    /// Stack totals, below and above zero.
    Stacked,
    /// Each panel fills its own whole (100 %): nothing to share.
    Whole,
}

/// The label of a row's category: the x cell as text (numbers in the x axis format).
pub fn category(plot: &Plot, row: &Row) -> String {
    let Some(f) = plot.x.field else {
        return String::new();
    };
    match row.cells.get(f) {
        Some(Cell::Text(t)) => t.clone(),
        Some(Cell::Date { at, text }) => match plot.x.kind {
            crate::spec::XType::Category => text.clone(),
            _ => at.label(plot.x.format.lang),
        },
        Some(c @ (Cell::Number { .. } | Cell::Approx { .. } | Cell::Censored { .. })) => {
            let d = c.decimals().unwrap_or(0);
            plot.x.format.number(c.position().unwrap_or(0.0), d)
        }
        _ => String::new(),
    }
}

/// The secondary label of a row, if the chart has one and the cell has a value.
pub fn secondary(plot: &Plot, row: &Row) -> Option<String> {
    let l = plot.label.as_ref()?;
    match row.cells.get(l.col)? {
        Cell::Missing(_) => None,
        Cell::Text(t) => Some(format!("{}{t}{}", l.format.prefix, l.format.suffix)),
        c => l.format.cell(c),
    }
}

/// A cell of a row (missing when the row is short, which validation prevents).
pub fn cell(row: &Row, col: usize) -> &Cell {
    static EMPTY: Cell = Cell::Missing(crate::data::Missing::Empty);
    row.cells.get(col).unwrap_or(&EMPTY)
}

/// The colour of each series the chart draws (see [`Theme::colors`]).
/// The colour of each series' marks: its `[theme] colors` entry or the next palette colour,
/// the theme's neutral grey for a remainder, and in every case a shade that keeps 3:1 against
/// the background (see [`Color::for_marks`]; `validate` warns of an author's colour that
/// needs it).
pub fn series_colors(chart: &Chart, theme: &Theme) -> Vec<Color> {
    let keys = chart.series_keys();
    // Range and scatter charts colour other things than `plot.series` (ranges, groups).
    let remainder: Vec<bool> = match chart.plot() {
        Some(p) if p.series.len() == keys.len() => p.series.iter().map(|s| s.remainder).collect(),
        _ => vec![false; keys.len()],
    };
    let named: Vec<&str> = keys
        .iter()
        .zip(&remainder)
        .filter(|(_, r)| !**r)
        .map(|(k, _)| *k)
        .collect();
    let mut own = theme.colors(&named).into_iter();
    remainder
        .iter()
        .map(|r| match r {
            true => theme.neutral,
            false => own.next().unwrap_or(theme.neutral),
        })
        .map(|c| c.for_marks(theme.paper))
        .collect()
}

/// Colour `i` of `colors`, which has one per series (the first palette colour otherwise).
pub fn nth(colors: &[Color], i: usize) -> Color {
    colors.get(i).copied().unwrap_or(Color(0, 0x72, 0xB2))
}

/// `c` mixed with white: `t = 0` is `c`, `t = 1` is white.
pub fn tint(c: Color, t: f64) -> Color {
    let m = |v: u8| {
        (f64::from(v) + (255.0 - f64::from(v)) * t)
            .round()
            .clamp(0.0, 255.0) as u8
    };
    Color(m(c.0), m(c.1), m(c.2))
}
