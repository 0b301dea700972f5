//! Layout of `area` charts: one filled band per series over a number or time axis, from zero;
//! several series stack (their total is the top edge) or, with `stack = "percent"`, share each
//! x's whole. A missing value is a gap in every band it would carry, never a zero. Bands are
//! named at their right ends, pushed apart where they would touch.

use super::figure::{Item, Label, Stroke};
use super::frame::{self, size, Canvas, Frame};
use super::line::{date_axis, end_name, number_ticks, spread, x_ticks};
use super::scale::{nice_domain, Scale, ScaleKind};
use super::{cell, nth, tint, Context, Laid};
use crate::fonts::{self, Face};
use crate::model::format::{NumFormat, NumStyle};
use crate::spec::{Annotation, AreaChart, Chart, Stack};

/// One x of the chart: its position and each series' value (`None` where missing).
struct Column {
    x: f64,
    values: Vec<Option<f64>>,
}

/// The chart's columns in x order, values as drawn (shares of 100 for a percent stack).
fn columns(chart: &Chart, a: &AreaChart) -> Vec<Column> {
    let xf = a.plot.x.field.unwrap_or(0);
    let percent = a.stack == Stack::Percent && a.plot.series.len() > 1;
    let mut out: Vec<Column> = chart
        .data
        .rows
        .iter()
        .filter_map(|r| {
            let x = cell(r, xf).x_position()?;
            let mut values: Vec<Option<f64>> = a
                .plot
                .series
                .iter()
                .map(|s| cell(r, s.col).position())
                .collect();
            if percent {
                let total: f64 = values.iter().flatten().sum();
                for v in values.iter_mut() {
                    *v = v.map(|v| if total > 0.0 { v / total * 100.0 } else { 0.0 });
                }
            }
            Some(Column { x, values })
        })
        .collect();
    out.sort_by(|p, q| p.x.total_cmp(&q.x));
    out
}

/// Lays out the chart; returns items, width and height.
pub fn layout(chart: &Chart, a: &AreaChart, cx: &Context) -> Laid {
    let width = chart.width;
    let height = chart.height.unwrap_or(420.0);
    let mut c = Canvas::new(cx);
    let colors = super::series_colors(chart, cx.theme);
    let cols = columns(chart, a);
    let k = a.plot.series.len();
    let stacked = k > 1;
    let percent = stacked && a.stack == Stack::Percent;
    let mut notes = Vec::new();
    // A column with a missing value breaks every band it would carry: stacked bands rest on
    // each other, so a gap in one is a gap in all above it.
    let complete = |col: &Column| col.values.iter().all(Option::is_some);
    if cols.iter().any(|col| !complete(col)) {
        notes.push(super::key::Key::Gap);
    }
    let f = Frame::begin(&mut c, chart, &[], &notes);
    let fh = f.foot_h;
    let top = frame::axis_title(&mut c, &a.plot.y, f.top, 10.0);

    // The value domain: from zero (or the lowest value of a single band) to the highest top.
    let tops: Vec<f64> = cols
        .iter()
        .filter(|col| complete(col))
        .map(|col| col.values.iter().flatten().sum())
        .collect();
    let lo = tops.iter().copied().fold(0.0f64, f64::min);
    let hi = tops.iter().copied().fold(0.0f64, f64::max);
    let mut lo = lo;
    let mut hi = hi;
    for (low, high) in a.plot.annotations.iter().filter_map(Annotation::y_span) {
        lo = lo.min(low);
        hi = hi.max(high);
    }
    let (d0, d1, ticks) = if percent {
        nice_domain(0.0, 100.0, 5)
    } else {
        nice_domain(
            a.plot.y.min.unwrap_or(lo),
            a.plot.y.max.unwrap_or(hi + (hi - lo).max(0.0) * 0.06),
            5,
        )
    };
    let tick_format = if percent {
        NumFormat::of(NumStyle::Percent)
    } else {
        a.plot.y.format.clone()
    };
    let (tick_labels, gutter) = frame::tick_labels(&tick_format, &ticks, width);

    // Names at the right end of the bands (several series only: one band is the title's).
    let end_w = if stacked {
        a.plot
            .series
            .iter()
            .map(|s| fonts::text_width(&s.label, size::label(), Face::Bold))
            .fold(0.0, f64::max)
            + 12.0
    } else {
        0.0
    };
    let tick_band = size::tick() * 1.3 + 10.0;
    let (plot_left, plot_right) = c.plot_x(
        size::margin() + gutter + 8.0,
        width - size::margin() - end_w - 8.0,
    );
    let plot_top = top + 6.0;
    let plot_bottom =
        (height - fh - tick_band - frame::x_title_room(&a.plot.x)).max(plot_top + 60.0);
    let (xmin, xmax) = match (cols.first(), cols.last()) {
        (Some(p), Some(q)) if q.x > p.x => (p.x, q.x),
        (Some(p), _) => (p.x - 0.5, p.x + 0.5),
        _ => (0.0, 1.0),
    };
    let (xmin, xmax) = (a.plot.x.min.unwrap_or(xmin), a.plot.x.max.unwrap_or(xmax));
    let xs = Scale {
        kind: ScaleKind::Linear,
        d0: xmin,
        d1: xmax,
        r0: plot_left,
        r1: plot_right,
    };
    let ys = Scale {
        kind: ScaleKind::Linear,
        d0,
        d1,
        r0: plot_bottom,
        r1: plot_top,
    };
    frame::y_grid(&mut c, &ys, &ticks, &tick_labels, plot_left, plot_right);
    for ann in &a.plot.annotations {
        if let Annotation::Span { from, to, text } = ann {
            frame::span(&mut c, &xs, (*from, *to), text, plot_top, plot_bottom);
        }
    }

    // The bands, bottom first, each drawn over the runs of columns it can show.
    let gap_limit = super::line::gap_limit(chart, &a.plot);
    let shown = |col: &Column, si: usize| {
        if stacked {
            complete(col)
        } else {
            col.values.get(si).copied().flatten().is_some()
        }
    };
    let mut ends: Vec<Label> = Vec::new();
    for si in 0..k {
        let color = nth(&colors, si);
        let mut runs: Vec<Vec<(f64, f64, f64)>> = Vec::new();
        let mut run: Vec<(f64, f64, f64)> = Vec::new();
        let mut last_x = f64::NEG_INFINITY;
        for col in &cols {
            if !shown(col, si) || col.x - last_x > gap_limit {
                if run.len() > 1 {
                    runs.push(std::mem::take(&mut run));
                }
                run.clear();
            }
            if !shown(col, si) {
                last_x = f64::NEG_INFINITY;
                continue;
            }
            let base: f64 = col.values[..si].iter().flatten().sum();
            let v = col.values[si].unwrap_or(0.0);
            run.push((xs.map(col.x), ys.map(base), ys.map(base + v)));
            last_x = col.x;
        }
        if run.len() > 1 {
            runs.push(run);
        }
        // A dense band (points closer than 3 px) gets a thin edge, so its detail shows.
        let dense = cols.len() > 40 && (plot_right - plot_left) / (cols.len() as f64) < 3.0;
        for run in &runs {
            let mut points: Vec<(f64, f64)> = run.iter().map(|p| (p.0, p.2)).collect();
            points.extend(run.iter().rev().map(|p| (p.0, p.1)));
            c.items.push(Item::Polygon {
                points,
                fill: Some(if stacked || dense {
                    color
                } else {
                    tint(color, 0.6)
                }),
                stroke: None,
            });
            // The top edge: the series' colour on a single band, a paper-coloured seam
            // between stacked ones.
            let edge: Vec<(f64, f64)> = run.iter().map(|p| (p.0, p.2)).collect();
            c.items.push(Item::Line {
                points: super::line::thin(&edge, 0.25),
                stroke: if stacked {
                    Stroke::solid(c.theme.paper, 1.0)
                } else {
                    Stroke::solid(color, if dense { 0.75 } else { 2.0 })
                },
            });
        }
        if stacked {
            if let Some(&(_, y0, y1)) = runs.last().and_then(|r| r.last()) {
                let name = a.plot.series[si].label.clone();
                ends.push(end_name(plot_right + 8.0, (y0 + y1) / 2.0, color, name));
            }
        }
    }
    spread(
        &mut ends,
        size::label() * 1.25,
        plot_top + size::label(),
        plot_bottom,
    );
    c.items.extend(ends.into_iter().map(Item::Text));

    let zero = ys.map(0.0f64.clamp(d0, d1));
    let axis = c.theme.axis;
    c.line(
        plot_left,
        zero,
        plot_right,
        zero,
        Stroke::solid(axis, c.theme.lines.rule),
    );
    let ticks = match date_axis(chart, &a.plot, cx.lang) {
        Some(d) => super::timeaxis::ticks(&d, &|p| xs.map(p), &|t| {
            fonts::text_width(t, size::tick(), Face::Regular.at(crate::fonts::Slot::Tick))
        }),
        None => number_ticks(&a.plot.x, xmin, xmax, plot_right - plot_left),
    };
    x_ticks(&mut c, &ticks, &xs, plot_bottom);
    frame::x_title(&mut c, &a.plot.x, plot_right, plot_bottom + tick_band);
    for ann in &a.plot.annotations {
        if let Annotation::Rule { y, text } = ann {
            frame::rule(&mut c, &ys, *y, text, plot_left, plot_right);
        }
    }
    f.finish(&mut c, width, height);
    c.done(width, height)
}

impl super::Draw for AreaChart {
    fn layout(&self, chart: &Chart, cx: &Context) -> Laid {
        layout(chart, self, cx)
    }
    /// Each band's values (or, when dense, a summary of each) over the x span.
    fn describe(&self, chart: &Chart, lang: crate::i18n::Lang) -> String {
        let stacked = self.plot.series.len() > 1;
        let what = match (lang.words().ja, stacked, self.stack) {
            (false, true, Stack::Percent) => "100% stacked area chart",
            (false, true, Stack::Count) => "Stacked area chart",
            (false, false, _) => "Area chart",
            (true, true, Stack::Percent) => "100%積み上げ面グラフ",
            (true, true, Stack::Count) => "積み上げ面グラフ",
            (true, false, _) => "面グラフ",
        };
        super::describe::over_x(chart, &self.plot, what, lang)
    }
    fn sharing(&self) -> super::Sharing {
        match (self.plot.series.len() > 1, self.stack) {
            (true, Stack::Percent) => super::Sharing::Whole,
            (true, Stack::Count) => super::Sharing::Stacked,
            (false, _) => super::Sharing::Values { from_zero: true },
        }
    }
    fn numeric_x(&self) -> bool {
        self.plot.x.kind != crate::spec::XType::Category
    }
    /// Areas name their bands at their right ends, in every panel.
    fn legend(&self, _chart: &Chart) -> Vec<String> {
        Vec::new()
    }
}
