//! Layout of `bar`, `grouped_bar` and `stacked_bar` charts: what both orientations share (the
//! value extent and domain, bar styles, legends, label thinning and fitting). The bars
//! themselves are drawn once, in [`marks`], through an orientation; [`vertical`] and
//! [`horizontal`] place the bands, axes and category names.

use crate::data::Cell;
use crate::fonts::{self, Face};
use crate::i18n::Lang;
use crate::model::describe;
use crate::model::figure::{Anchor, Role, Stroke};
use crate::model::format::NumFormat;
use crate::model::frame::{self, size, Canvas, Frame, Swatch};
use crate::model::key::{self, Key};
use crate::model::scale::{log_domain, nice_domain, Scale, ScaleKind, Ticks};
use crate::model::Context;
use crate::model::{category, cell, nth, secondary, tint};
use crate::spec::{
    AnnX, Annotation, BarChart, Chart, Color, Grouping, Kind, Orientation, Stack, XType,
};

mod horizontal;
mod marks;
mod vertical;

/// Lays out the chart; returns items, width and height.
pub fn layout(chart: &Chart, b: &BarChart, cx: &Context) -> super::Laid {
    match b.orientation {
        Orientation::Vertical => vertical::layout(chart, b, cx),
        Orientation::Horizontal => horizontal::layout(chart, b, cx),
    }
}

/// What both orientations begin with: the canvas with the frame's header drawn, the series'
/// colours and hatchings, the frame (for its footer), and the y where the plot may start.
struct Start {
    c: Canvas,
    colors: Vec<Color>,
    patterns: Vec<u8>,
    f: Frame,
    top: f64,
}

fn start(chart: &Chart, b: &BarChart, cx: &Context) -> Start {
    let colors = crate::model::series_colors(chart, cx.theme);
    let patterns = series_patterns(&colors);
    let mut c = Canvas::new(cx);
    let mut keys = key::cell_keys(chart, &series_cols(b), false);
    // Horizontal bars point a bound's triangle along their value axis, and so does the key.
    if b.orientation == Orientation::Horizontal {
        for k in &mut keys {
            if let Key::Bound(_, across) = k {
                *across = true;
            }
        }
    }
    if b.orientation == Orientation::Vertical && !skipped(&time_positions(chart, b)).1.is_empty() {
        keys.push(Key::NoFigure);
    }
    let f = Frame::begin(&mut c, chart, &legend_entries(b, &colors), &keys);
    let top = frame::axis_title(&mut c, &b.plot.y, f.top, 10.0);
    Start {
        c,
        colors,
        patterns,
        f,
        top,
    }
}

/// The x positions of the bars on a time axis, one per row; empty when the x axis is not
/// one (or a row has no position).
fn time_positions(chart: &Chart, b: &BarChart) -> Vec<f64> {
    if !matches!(b.plot.x.kind, XType::Temporal | XType::Linear) {
        return Vec::new();
    }
    let xs: Vec<f64> = chart
        .data
        .rows
        .iter()
        .filter_map(|r| cell(r, b.plot.x.field.unwrap_or(0)).x_position())
        .collect();
    if xs.len() == chart.data.rows.len() {
        xs
    } else {
        Vec::new()
    }
}

/// The data's step on a time axis (the smallest distance between two bars) and the spans
/// between consecutive bars where the data skip periods: `(last x before, first x after)`.
fn skipped(xs: &[f64]) -> (f64, Vec<(f64, f64)>) {
    let mut sorted = xs.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted.dedup();
    let step = sorted
        .windows(2)
        .map(|w| w[1] - w[0])
        .fold(f64::INFINITY, f64::min);
    let step = if step.is_finite() { step } else { 1.0 };
    let gaps = sorted
        .windows(2)
        .filter(|w| w[1] - w[0] > step * 1.5)
        .map(|w| (w[0], w[1]))
        .collect();
    (step, gaps)
}

/// A one-series bar chart whose categories `[theme] colors` names: those bars in their
/// colours, the rest in the theme's neutral grey (so a drug has one colour in every chart).
/// Empty when it names none.
/// (A panel of small multiples holds some of the rows: it keeps the series colour.)
pub(super) fn row_colors(chart: &Chart, b: &BarChart, c: &Canvas) -> Vec<Color> {
    let theme = &c.theme;
    if b.plot.series.len() != 1
        || c.panel
        || chart.data.rows.len() != b.row_keys.len()
        || !b.row_keys.iter().any(|k| theme.by_name.contains_key(k))
    {
        return Vec::new();
    }
    b.row_keys
        .iter()
        .map(|k| theme.by_name.get(k).copied().unwrap_or(theme.neutral))
        .map(|c| c.for_marks(theme.paper))
        .collect()
}

fn stacked(b: &BarChart) -> bool {
    matches!(b.grouping, Grouping::Stacked(_))
}

fn percent(b: &BarChart) -> bool {
    b.grouping == Grouping::Stacked(Stack::Percent)
}

/// Data extent of what the bars show, including reference lines.
fn extent(chart: &Chart, b: &BarChart) -> (f64, f64) {
    let mut lo: f64 = 0.0;
    let mut hi: f64 = 0.0;
    let mut min_pos = f64::INFINITY;
    for row in &chart.data.rows {
        if stacked(b) {
            let vals = || {
                b.plot
                    .series
                    .iter()
                    .filter_map(|s| cell(row, s.col).position())
            };
            hi = hi.max(vals().filter(|v| *v > 0.0).sum());
            lo = lo.min(vals().filter(|v| *v < 0.0).sum());
        } else {
            for s in &b.plot.series {
                if let Some(v) = cell(row, s.col).position() {
                    lo = lo.min(v);
                    hi = hi.max(v);
                    if v > 0.0 {
                        min_pos = min_pos.min(v);
                    }
                }
            }
        }
    }
    for (a, z) in b.plot.annotations.iter().filter_map(Annotation::y_span) {
        lo = lo.min(a);
        hi = hi.max(z);
    }
    if percent(b) {
        return (0.0, 100.0);
    }
    if b.plot.y.scale == ScaleKind::Log {
        return (
            if min_pos.is_finite() { min_pos } else { 1.0 },
            hi.max(min_pos),
        );
    }
    (b.plot.y.min.unwrap_or(lo), b.plot.y.max.unwrap_or(hi))
}

fn domain(b: &BarChart, lo: f64, hi: f64, target: usize) -> (f64, f64, Ticks) {
    if b.plot.y.scale == ScaleKind::Log {
        log_domain(lo, hi)
    } else {
        let (a, z, t) = nice_domain(lo, hi, target);
        let y = &b.plot.y;
        (
            y.min.unwrap_or(a),
            y.max.unwrap_or(z),
            Ticks {
                values: t
                    .values
                    .into_iter()
                    .filter(|v| *v >= y.min.unwrap_or(a) - 1e-9 && *v <= y.max.unwrap_or(z) + 1e-9)
                    .collect(),
                decimals: t.decimals,
            },
        )
    }
}

/// How a bar is drawn for a cell: `None` for a missing value.
fn bar_style(cell: &Cell, color: Color, paper: Color) -> Option<(Option<Color>, Option<Stroke>)> {
    match cell {
        Cell::Number { .. } => Some((Some(color), None)),
        Cell::Approx { .. } => Some((Some(tint(color, 0.6)), Some(Stroke::solid(color, 1.5)))),
        Cell::Censored { .. } => Some((Some(paper), Some(Stroke::solid(color, 1.5)))),
        _ => None,
    }
}

fn label_for(fmt: &NumFormat, c: &Cell) -> String {
    fmt.cell(c).unwrap_or_default()
}

fn legend_entries(b: &BarChart, colors: &[Color]) -> Vec<Swatch> {
    if b.plot.series.len() < 2 {
        return Vec::new();
    }
    let patterns = series_patterns(colors);
    b.plot
        .series
        .iter()
        .enumerate()
        .map(|(i, s)| Swatch {
            name: s.label.clone(),
            color: nth(colors, i),
            hollow: false,
            pattern: patterns[i],
        })
        .collect()
}

/// The series' colours, and the hatching that keeps them apart in greyscale.
pub fn series_patterns(colors: &[Color]) -> Vec<u8> {
    crate::spec::vision::patterns(colors)
}

/// The sum of a row's series values: a stack's total.
fn row_total(b: &BarChart, row: &crate::data::Row) -> f64 {
    b.plot
        .series
        .iter()
        .filter_map(|s| cell(row, s.col).position())
        .sum()
}

fn series_cols(b: &BarChart) -> Vec<usize> {
    b.plot.series.iter().map(|s| s.col).collect()
}

/// How many categories share one name below the axis: 1 (each named, wrapped to its slot)
/// unless there are more than 12 one-word names and the widest does not fit its slot.
fn thinning(plot: &crate::spec::Plot, rows: &[crate::data::Row], slot: f64) -> usize {
    if rows.len() <= 12 {
        return 1;
    }
    let names: Vec<String> = rows.iter().map(|r| category(plot, r)).collect();
    if names.iter().any(|n| n.contains(char::is_whitespace)) {
        return 1;
    }
    let widest = names
        .iter()
        .map(|n| fonts::text_width(n, size::label(), Face::Regular))
        .fold(0.0, f64::max);
    if widest + 8.0 <= slot {
        return 1;
    }
    ((widest + 12.0) / slot.max(0.1)).ceil().max(1.0) as usize
}

/// Whether the value labels are drawn: asked for (`values`) and each fits the `room` its bar
/// has; when they do not fit they are all left off, with one notice that says why.
fn values_fit(c: &mut Canvas, chart: &Chart, b: &BarChart, size: f64, room: f64) -> bool {
    if !b.plot.values {
        return false;
    }
    let mut widest = (0.0, String::new());
    for row in &chart.data.rows {
        let texts: Vec<String> = if b.grouping == Grouping::Stacked(Stack::Count) {
            vec![b.plot.y.format.number(row_total(b, row), 0)]
        } else if stacked(b) {
            Vec::new()
        } else {
            b.plot
                .series
                .iter()
                .map(|s| label_for(&b.plot.y.format, cell(row, s.col)))
                .collect()
        };
        for t in texts {
            let w = fonts::text_width(&t, size, Face::Bold);
            if w > widest.0 {
                widest = (w, t);
            }
        }
    }
    if widest.0 <= room + 2.0 {
        return true;
    }
    let n = chart.data.rows.len() * if stacked(b) { 1 } else { b.plot.series.len() };
    c.notices.push(format!(
        "the {n} value labels were left off: the widest (“{}”) is {:.0} px, but each bar has {:.0} px (the values are in the description and the data; values = false leaves them off without this warning, a wider chart fits them)",
        widest.1, widest.0, room
    ));
    false
}

impl crate::model::Draw for BarChart {
    fn layout(&self, chart: &Chart, cx: &Context) -> super::Laid {
        layout(chart, self, cx)
    }
    fn describe(&self, chart: &Chart, lang: crate::i18n::Lang) -> String {
        describe(chart, self, lang)
    }
    fn fitted(&self) -> bool {
        self.orientation == Orientation::Horizontal
    }
    fn sharing(&self) -> crate::model::Sharing {
        match self.grouping {
            Grouping::Stacked(Stack::Percent) => crate::model::Sharing::Whole,
            Grouping::Stacked(Stack::Count) => crate::model::Sharing::Stacked,
            _ => crate::model::Sharing::Values { from_zero: true },
        }
    }
    fn hatched(&self) -> bool {
        true
    }
}

/// What a screen reader hears: the kind of bar chart, what it measures, and each category's
/// values.
pub fn describe(chart: &Chart, b: &BarChart, lang: Lang) -> String {
    let gaps = describe::no_figure(chart, &b.plot, lang.words().ja);
    format!("{}{gaps}", describe_bars(chart, b, lang))
}

fn describe_bars(chart: &Chart, b: &BarChart, lang: Lang) -> String {
    let p = &b.plot;
    let rows = &chart.data.rows;
    let say = describe::Say::of(p, lang);
    let (ja, measure) = (say.ja, &say.measure);
    let value = |c: &Cell| say.value(c);
    let what = match (chart.kind(), b.orientation, ja) {
        (Kind::Bar, Orientation::Horizontal, false) => "Horizontal bar chart",
        (Kind::Bar, _, false) => "Bar chart",
        (Kind::GroupedBar, _, false) => "Grouped bar chart",
        (_, _, false) if b.grouping == Grouping::Stacked(Stack::Percent) => {
            "100% stacked bar chart"
        }
        (_, _, false) => "Stacked bar chart",
        (Kind::Bar, Orientation::Horizontal, true) => "横棒グラフ",
        (Kind::Bar, _, true) => "棒グラフ",
        (Kind::GroupedBar, _, true) => "グループ棒グラフ",
        (_, _, true) if b.grouping == Grouping::Stacked(Stack::Percent) => "100%積み上げ棒グラフ",
        (_, _, true) => "積み上げ棒グラフ",
    };
    let (open, close, colon) = if ja {
        ("（", "）", "：")
    } else {
        (" (", ")", ": ")
    };
    let parts: Vec<String> = rows
        .iter()
        .map(|r| {
            let cat = category(p, r);
            let sec = crate::model::secondary(p, r)
                .map(|s| format!("{open}{s}{close}"))
                .unwrap_or_default();
            if p.series.len() == 1 {
                format!(
                    "{cat}{sec} {}",
                    p.series
                        .first()
                        .map(|s| value(cell(r, s.col)))
                        .unwrap_or_default()
                )
            } else {
                let vals: Vec<String> = p
                    .series
                    .iter()
                    .map(|s| format!("{} {}", s.label, value(cell(r, s.col))))
                    .collect();
                format!(
                    "{cat}{sec}{colon}{}",
                    vals.join(if ja { "、" } else { ", " })
                )
            }
        })
        .collect();
    if ja {
        format!("{what}：{measure}。{}。", parts.join("；"))
    } else {
        format!("{what} of {}: {}.", measure, parts.join("; "))
    }
}
