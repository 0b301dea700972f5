//! Layout and description of `slope` charts: one column per x value (a row of the data), headed
//! by it; one line per series across the columns, a dot at each value; the first column's
//! values written left of it, the last column's values and the series' names right of it,
//! pushed apart where they would touch. No value axis: the written values carry the numbers,
//! and the lines share one linear scale over the values' range (or `y.min` to `y.max`).

use super::figure::{Anchor, Item, Label, Role, Stroke};
use super::frame::{size, Canvas, Frame};
use super::line::{darken, spread};
use super::scale::Scale;
use super::{category, cell, nth, Context, Laid};
use crate::data::Cell;
use crate::fonts::{self, Face};
use crate::i18n::Lang;
use crate::spec::{Chart, SlopeChart};

/// A dot's radius, in px.
const R: f64 = 4.5;

/// Lays out the chart.
pub fn layout(chart: &Chart, s: &SlopeChart, cx: &Context) -> Laid {
    let width = chart.width;
    let height = chart.height.unwrap_or(380.0);
    let mut c = Canvas::new(cx);
    let colors = super::series_colors(chart, cx.theme);
    let p = &s.plot;
    let rows = &chart.data.rows;
    let missing = rows.iter().any(|r| {
        p.series
            .iter()
            .any(|se| cell(r, se.col).position().is_none())
    });
    let notes: Vec<super::key::Key> = if missing {
        vec![super::key::Key::Gap]
    } else {
        Vec::new()
    };
    // The lines are named at their ends: no legend.
    let f = Frame::begin(&mut c, chart, &[], &notes);
    let fmt = &p.y.format;
    let text = |v: &Cell| fmt.cell(v).unwrap_or_default();
    let (first, last) = (rows.first(), rows.last());
    let width_of = |t: &str| fonts::text_width(t, size::label(), Face::Bold);
    let left_w = first.map_or(0.0, |r| {
        p.series
            .iter()
            .map(|se| width_of(&text(cell(r, se.col))))
            .fold(0.0, f64::max)
    });
    let right = |r: &crate::data::Row, i: usize| {
        let se = &p.series[i];
        let v = text(cell(r, se.col));
        match (p.values, v.is_empty()) {
            (true, false) => format!("{v}  {}", se.label),
            _ => se.label.clone(),
        }
    };
    let right_w = last.map_or(0.0, |r| {
        (0..p.series.len())
            .map(|i| width_of(&right(r, i)))
            .fold(0.0, f64::max)
    });
    // The first column's head ends at it and the last one's starts there: room for both.
    let head_w = |r: Option<&crate::data::Row>| r.map_or(0.0, |r| width_of(&category(p, r)));
    let left_room = if p.values { left_w + 10.0 } else { 0.0 }.max(head_w(first) - R);
    let right_room = (right_w + 10.0).max(head_w(last) - R);
    let (plot_left, plot_right) = c.plot_x(
        size::margin() + left_room + R,
        (width - size::margin() - right_room - R).max(size::margin() + left_room + 80.0),
    );

    // What the values measure, then the column heads, then the plot under them; what the
    // columns are goes under the plot, at its right end, as on other charts.
    let top = super::frame::axis_title(&mut c, &p.y, f.top, 10.0);
    let head_y = top + size::label();
    let n = rows.len().max(1);
    let col_x = |i: usize| {
        if n == 1 {
            plot_left
        } else {
            plot_left + (plot_right - plot_left) * i as f64 / (n - 1) as f64
        }
    };
    let ink = c.theme.ink;
    for (i, r) in rows.iter().enumerate() {
        let anchor = match i {
            0 if n > 1 => Anchor::End,
            i if i + 1 == n && n > 1 => Anchor::Start,
            _ => Anchor::Middle,
        };
        // The first head ends at its column, the last starts there: both stay over their values.
        let x = match anchor {
            Anchor::End => col_x(i) + R,
            Anchor::Start => col_x(i) - R,
            Anchor::Middle => col_x(i),
        };
        c.text(
            x,
            head_y,
            anchor,
            size::label(),
            Face::Bold,
            ink,
            &category(p, r),
            Role::Category,
        );
    }
    let plot_top = head_y + 18.0;
    let plot_bottom =
        (height - f.foot_h - 12.0 - super::frame::x_title_room(&p.x)).max(plot_top + 80.0);
    super::frame::x_title(&mut c, &p.x, plot_right + R, plot_bottom);
    let values: Vec<f64> = rows
        .iter()
        .flat_map(|r| {
            p.series
                .iter()
                .filter_map(move |se| cell(r, se.col).position())
        })
        .collect();
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let (lo, hi) = if lo.is_finite() { (lo, hi) } else { (0.0, 1.0) };
    // The values' own range: a slope compares changes, and its lines start nowhere near zero.
    let d0 = p.y.min.unwrap_or(lo);
    let d1 = p.y.max.unwrap_or(hi);
    let ys = Scale {
        kind: super::scale::ScaleKind::Linear,
        d0,
        d1: if d1 > d0 { d1 } else { d0 + 1.0 },
        r0: plot_bottom,
        r1: plot_top,
    };
    let grid = c.theme.grid;
    for i in 0..n {
        c.line(
            col_x(i),
            plot_top - 6.0,
            col_x(i),
            plot_bottom,
            Stroke::solid(grid, c.theme.lines.grid),
        );
    }

    let mut lefts: Vec<Label> = Vec::new();
    let mut rights: Vec<Label> = Vec::new();
    for (si, se) in p.series.iter().enumerate() {
        let color = nth(&colors, si);
        let pts: Vec<Option<(f64, f64)>> = rows
            .iter()
            .enumerate()
            .map(|(i, r)| cell(r, se.col).position().map(|v| (col_x(i), ys.map(v))))
            .collect();
        // A line joins neighbouring columns that both have a value: a gap claims nothing.
        for pair in pts.windows(2) {
            if let [Some(a), Some(b)] = pair {
                c.items.push(Item::Line {
                    points: vec![*a, *b],
                    stroke: Stroke::solid(color, c.theme.lines.series),
                });
            }
        }
        let paper = c.theme.paper;
        for &(x, y) in pts.iter().flatten() {
            c.items.push(Item::Circle {
                cx: x,
                cy: y,
                r: R,
                fill: Some(color),
                stroke: Some(Stroke::solid(paper, 1.0)),
            });
        }
        let label = |x: f64, y: f64, anchor: Anchor, text: String| Label {
            x,
            y: y + size::label() * 0.35,
            anchor,
            size: size::label(),
            face: Face::Bold,
            color: darken(color),
            text,
            role: Role::Value,
        };
        if let (Some(Some((x, y))), true) = (pts.first(), p.values && n > 1) {
            let v = first.map(|r| text(cell(r, se.col))).unwrap_or_default();
            lefts.push(label(x - R - 6.0, *y, Anchor::End, v));
        }
        // The name goes right of the last value there is, so that every line is named.
        if let Some((i, (x, y))) = pts
            .iter()
            .enumerate()
            .rev()
            .find_map(|(i, p)| p.map(|p| (i, p)))
        {
            let t = if i + 1 == n {
                last.map(|r| right(r, si)).unwrap_or_default()
            } else {
                se.label.clone()
            };
            let mut l = label(x + R + 6.0, y, Anchor::Start, t);
            l.role = Role::Legend;
            rights.push(l);
        }
    }
    // Names and values are never dropped: push them apart instead.
    let gap = size::label() * 1.25;
    spread(&mut lefts, gap, plot_top, plot_bottom + size::label());
    spread(&mut rights, gap, plot_top, plot_bottom + size::label());
    c.items
        .extend(lefts.into_iter().chain(rights).map(Item::Text));
    f.finish(&mut c, width, height);
    c.done(width, height)
}

/// What a screen reader hears: what it measures from the first column to the last, and each
/// series' value in every column.
pub fn describe(chart: &Chart, s: &SlopeChart, lang: Lang) -> String {
    let p = &s.plot;
    let say = super::describe::Say::of(p, lang);
    let rows = &chart.data.rows;
    let heads: Vec<String> = rows.iter().map(|r| category(p, r)).collect();
    let span = match (heads.first(), heads.last()) {
        (Some(a), Some(b)) => (a.clone(), b.clone()),
        _ => Default::default(),
    };
    let parts: Vec<String> = p
        .series
        .iter()
        .map(|se| {
            let vals: Vec<String> = rows
                .iter()
                .zip(&heads)
                .map(|(r, h)| format!("{h} {}", say.value(cell(r, se.col))))
                .collect();
            if say.ja {
                format!("{}：{}", se.label, vals.join("、"))
            } else {
                format!("{}: {}", se.label, vals.join(", "))
            }
        })
        .collect();
    if say.ja {
        format!(
            "スロープチャート：{}（{}から{}）。{}。",
            say.measure,
            span.0,
            span.1,
            parts.join("。")
        )
    } else {
        format!(
            "Slope chart of {}, {} to {}. {}.",
            say.measure,
            span.0,
            span.1,
            parts.join(". ")
        )
    }
}

impl super::Draw for SlopeChart {
    fn layout(&self, chart: &Chart, cx: &Context) -> Laid {
        layout(chart, self, cx)
    }
    fn describe(&self, chart: &Chart, lang: Lang) -> String {
        describe(chart, self, lang)
    }
    /// Slopes name their lines at their ends, in every panel.
    fn legend(&self, _chart: &Chart) -> Vec<String> {
        Vec::new()
    }
}
