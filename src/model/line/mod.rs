//! Layout of `line` charts on a true numeric or time x axis: consecutive periods are joined by
//! solid lines; periods the data skip are marked "no figure" and break the line (unless
//! `join_gaps`, then a dotted line the key explains); a missing value breaks it too. A run of
//! equal bounds ("under 1,000 a year") is a band up to the bound, a lone bound a hollow
//! triangle, an approximate value a hollow circle.

use super::figure::{overlaps, Anchor, Item, Label, Role, Stroke};
use super::frame::{self, size, Canvas, Frame};
use super::key;
use super::scale::{log_domain, nice_domain, Scale, ScaleKind};
use super::timeaxis;
use super::Context;
use super::{cell, nth, tint};

mod gaps;
mod xaxis;

use crate::data::{Bound, Cell};
use crate::fonts::{self, Face};
use crate::spec::{AnnX, Annotation, Chart, Color, LineChart, Markers, XType};
pub(crate) use gaps::gap_limit;
use gaps::{band_label, bound_runs, gaps, is_bound, joined, line_keys, period};
pub use xaxis::{date_axis, number_ticks, x_ticks};

/// One observation of one series.
#[derive(Debug, Clone, Copy)]
pub(super) struct Point<'a> {
    x: f64,
    cell: &'a Cell,
}

/// Lays out the chart; returns items, width and height.
pub fn layout(chart: &Chart, l: &LineChart, cx: &Context) -> super::Laid {
    let width = chart.width;
    let height = chart.height.unwrap_or(420.0);
    let mut c = Canvas::new(cx);
    let colors = super::series_colors(chart, cx.theme);
    let xf = l.plot.x.field.unwrap_or(0);
    let mut series: Vec<Vec<Point>> = Vec::new();
    for s in &l.plot.series {
        let mut pts: Vec<Point> = chart
            .data
            .rows
            .iter()
            .filter_map(|r| {
                let x = cell(r, xf).x_position()?;
                let inside = l.plot.x.min.is_none_or(|m| x >= m - 1e-9)
                    && l.plot.x.max.is_none_or(|m| x <= m + 1e-9);
                inside.then(|| Point {
                    x,
                    cell: cell(r, s.col),
                })
            })
            .collect();
        pts.sort_by(|a, b| a.x.total_cmp(&b.x));
        series.push(pts);
    }
    let gap_limit = gap_limit(chart, &l.plot);
    let gaps = gaps(&series, gap_limit);
    let f = Frame::begin(&mut c, chart, &[], &line_keys(l, &series, &gaps, gap_limit));
    let fh = f.foot_h;
    let top = frame::axis_title(&mut c, &l.plot.y, f.top, 10.0);
    let all_x: Vec<f64> = series.iter().flatten().map(|p| p.x).collect();
    let (xmin, xmax) = all_x
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
            (a.min(*v), b.max(*v))
        });
    let (xmin, xmax) = if xmin.is_finite() {
        (xmin, xmax)
    } else {
        (0.0, 1.0)
    };
    // An x min or max sets the window the axis shows.
    let (xmin, xmax) = (l.plot.x.min.unwrap_or(xmin), l.plot.x.max.unwrap_or(xmax));
    let dates = date_axis(chart, &l.plot, cx.lang);
    let vals: Vec<f64> = series
        .iter()
        .flatten()
        .filter_map(|p| p.cell.position())
        .collect();
    let mut lo = vals.iter().copied().fold(0.0f64, f64::min);
    let mut hi = vals.iter().copied().fold(0.0f64, f64::max);
    for (a, b) in l.plot.annotations.iter().filter_map(Annotation::y_span) {
        lo = lo.min(a);
        hi = hi.max(b);
    }
    let (d0, d1, ticks) = if l.plot.y.scale == ScaleKind::Log {
        let min_pos = vals
            .iter()
            .copied()
            .filter(|v| *v > 0.0)
            .fold(f64::INFINITY, f64::min);
        log_domain(if min_pos.is_finite() { min_pos } else { 1.0 }, hi)
    } else {
        nice_domain(
            l.plot.y.min.unwrap_or(lo),
            // Headroom is a share of the span drawn, not of the distance from zero.
            l.plot
                .y
                .max
                .unwrap_or(hi + (hi - l.plot.y.min.unwrap_or(lo)).max(0.0) * 0.06),
            5,
        )
    };
    let (tick_labels, gutter) = frame::tick_labels(&l.plot.y.format, &ticks, width);

    // Direct labels at the right end of each line when there are several series.
    let multi = l.plot.series.len() > 1;
    let end_w = if multi {
        l.plot
            .series
            .iter()
            .map(|s| fonts::text_width(&s.label, size::label(), Face::Bold))
            .fold(0.0, f64::max)
            + 12.0
    } else {
        0.0
    };
    let (plot_left, plot_right) = c.plot_x(
        size::margin() + gutter + 8.0,
        width - size::margin() - end_w - 8.0,
    );
    let plot_top = top + 6.0;
    let tick_band = size::tick() * 1.3 + 10.0;
    let plot_bottom = height - fh - tick_band - frame::x_title_room(&l.plot.x);
    let pad = (xmax - xmin).max(if dates.is_some() { 1e-6 } else { 1.0 }) * 0.03;
    let xs = Scale {
        kind: ScaleKind::Linear,
        d0: xmin - pad,
        d1: xmax + pad,
        r0: plot_left,
        r1: plot_right,
    };
    let ys = Scale {
        kind: l.plot.y.scale,
        d0,
        d1,
        r0: plot_bottom,
        r1: plot_top,
    };

    // Spans go under everything.
    for a in &l.plot.annotations {
        if let Annotation::Span { from, to, .. } = a {
            let (x0, x1) = (xs.map(*from), xs.map(*to));
            c.items.push(Item::Rect {
                x: x0,
                y: plot_top,
                w: (x1 - x0).max(2.0),
                h: plot_bottom - plot_top,
                fill: Some(c.theme.shade),
                stroke: None,
            });
        }
    }
    // Periods the data give no figure for, under the grid.
    if !l.join_gaps {
        let half = period(chart, &l.plot) / 2.0;
        for &(a, b) in &gaps {
            let (x0, x1) = (xs.map(a + half), xs.map(b - half));
            key::no_figure(&mut c, x0, x1, plot_top, plot_bottom);
        }
    }
    // A range the source states over a stretch of time: a band in the first series' colour.
    for a in &l.plot.annotations {
        if let Annotation::Band {
            from,
            to,
            low,
            high,
            ..
        } = a
        {
            let color = nth(&colors, 0);
            let (x0, x1) = (xs.map(*from), xs.map(*to));
            let (y0, y1) = (ys.map(*high), ys.map(*low));
            c.items.push(Item::Rect {
                x: x0,
                y: y0,
                w: (x1 - x0).max(2.0),
                h: (y1 - y0).max(2.0),
                fill: Some(tint(color, 0.55)),
                stroke: Some(Stroke::dashed(color, 1.0, 3.0, 2.0)),
            });
        }
    }
    frame::y_grid(&mut c, &ys, &ticks, &tick_labels, plot_left, plot_right);
    let base = ys.map(if l.plot.y.scale == ScaleKind::Log {
        d0
    } else {
        0.0f64.clamp(d0, d1)
    });
    c.line(
        plot_left,
        base,
        plot_right,
        base,
        Stroke::solid(c.theme.axis, c.theme.lines.rule),
    );

    if let Some(axis) = &dates {
        let ticks = timeaxis::ticks(axis, &|p| xs.map(p), &|t| {
            fonts::text_width(t, size::tick(), Face::Regular.at(crate::fonts::Slot::Tick))
        });
        x_ticks(&mut c, &ticks, &xs, plot_bottom);
    }
    let numeric = if dates.is_some() {
        Vec::new()
    } else {
        number_ticks(&l.plot.x, xmin, xmax, plot_right - plot_left)
    };
    x_ticks(&mut c, &numeric, &xs, plot_bottom);
    frame::x_title(&mut c, &l.plot.x, plot_right, plot_bottom + tick_band);

    // Lines and markers.
    let mut labels: Vec<Label> = Vec::new();
    let mut ends: Vec<Label> = Vec::new();
    let few = l.plot.values && series.iter().map(Vec::len).max().unwrap_or(0) <= 6;
    let unit = period(chart, &l.plot);
    for (si, pts) in series.iter().enumerate() {
        let color = nth(&colors, si);
        // A line of many points closer than 3 px is drawn thinner, so its detail shows.
        let stroke_w = if pts.len() > 40 && (plot_right - plot_left) / (pts.len() as f64) < 3.0 {
            c.theme.lines.series / 2.0
        } else {
            c.theme.lines.series
        };
        let mut run: Vec<(f64, f64)> = Vec::new();
        let mut prev: Option<(f64, f64, f64)> = None;
        for p in pts {
            let (Some(v), false) = (p.cell.position(), is_bound(p.cell)) else {
                // A missing value breaks the line; a bound is not a point to join.
                flush_w(&mut c, &mut run, color, stroke_w);
                prev = None;
                continue;
            };
            let pt = (xs.map(p.x), ys.map(v));
            if let Some((px, ppx, ppy)) = prev {
                if p.x - px > gap_limit {
                    flush_w(&mut c, &mut run, color, stroke_w);
                    if l.join_gaps {
                        c.items.push(Item::Line {
                            points: vec![(ppx, ppy), pt],
                            stroke: Stroke::dashed(tint(color, 0.25), 1.6, 2.0, 3.0),
                        });
                    }
                }
            }
            run.push(pt);
            prev = Some((p.x, pt.0, pt.1));
        }
        flush_w(&mut c, &mut run, color, stroke_w);
        // Runs of one bound over consecutive periods: a band from the axis up to the bound.
        for r in bound_runs(pts, gap_limit)
            .into_iter()
            .filter(|r| r.len() > 1)
        {
            let (Some(first), Some(last)) = (r.first(), r.last()) else {
                continue;
            };
            let Some(v) = first.cell.position() else {
                continue;
            };
            let half = if unit.is_finite() { unit / 2.0 } else { 0.0 };
            let x0 = xs.map(first.x - half).max(plot_left);
            let x1 = xs.map(last.x + half).min(plot_right);
            let yb = ys.map(v);
            let (y0, y1) = match first.cell {
                Cell::Censored {
                    bound: Bound::Above,
                    ..
                } => (plot_top, yb),
                _ => (yb, base),
            };
            c.items.push(Item::Rect {
                x: x0,
                y: y0,
                w: x1 - x0,
                h: (y1 - y0).max(1.0),
                fill: Some(tint(color, 0.75)),
                stroke: None,
            });
            c.line(x0, yb, x1, yb, Stroke::solid(color, 1.5));
            let text = band_label(first.cell, chart, &l.plot, cx.lang);
            labels.push(Label {
                x: (x0 + x1) / 2.0,
                y: (yb - 6.0).min(y0 - 6.0),
                anchor: Anchor::Middle,
                size: size::value(),
                face: Face::Bold,
                color: darken(color),
                text,
                role: Role::Value,
            });
        }
        // Dots at every point only where they can be told apart; a bound or an approximate
        // value keeps its own mark whatever the setting.
        let spaced = pts
            .windows(2)
            .all(|w| (xs.map(w[1].x) - xs.map(w[0].x)).abs() >= 6.0);
        let dots = match l.markers {
            Markers::Always => true,
            Markers::Never => false,
            // Beyond 40 points, dots turn a line into a string of beads.
            Markers::Auto => spaced && pts.len() <= 40,
        };
        let banded: Vec<f64> = bound_runs(pts, gap_limit)
            .into_iter()
            .filter(|r| r.len() > 1)
            .flatten()
            .map(|p| p.x)
            .collect();
        for (i, p) in pts.iter().enumerate() {
            let Some(v) = p.cell.position() else { continue };
            if banded.contains(&p.x) {
                continue;
            }
            let (x, y) = (xs.map(p.x), ys.map(v));
            // A point joined to no other is a dot whatever the setting: it would vanish.
            let alone = !joined(pts, i, gap_limit, l.join_gaps);
            if dots || alone || !matches!(p.cell, Cell::Number { .. }) {
                marker(&mut c, p.cell, x, y, color);
            }
            if few || is_bound(p.cell) {
                let text = l.plot.y.format.cell(p.cell).unwrap_or_default();
                labels.push(Label {
                    x,
                    y: y - 9.0,
                    anchor: Anchor::Middle,
                    size: size::value(),
                    face: Face::Bold,
                    color: c.theme.ink,
                    text,
                    role: Role::Value,
                });
            }
        }
        if multi {
            if let Some(last) = pts.iter().rev().find(|p| p.cell.position().is_some()) {
                let y = ys.map(last.cell.position().unwrap_or(0.0));
                let name = l
                    .plot
                    .series
                    .get(si)
                    .map(|s| s.label.clone())
                    .unwrap_or_default();
                ends.push(end_name(plot_right + 14.0, y, color, name));
            }
        }
    }
    // Series names at the line ends are never dropped: push them apart instead.
    spread(
        &mut ends,
        size::label() * 1.25,
        plot_top + size::label(),
        plot_bottom,
    );
    labels.splice(0..0, ends);

    // Annotations: labelled points, spans and reference lines.
    let mut ann: Vec<Label> = Vec::new();
    let mut leaders: Vec<((f64, f64), (f64, f64))> = Vec::new();
    for a in &l.plot.annotations {
        match a {
            Annotation::Point {
                x: AnnX::Value(v),
                text,
            } => {
                let Some(p) = series.first().and_then(|s| s.iter().find(|p| p.x == *v)) else {
                    continue;
                };
                let Some(val) = p.cell.position() else {
                    continue;
                };
                let (px, py) = (xs.map(p.x), ys.map(val));
                let w = fonts::text_width(text, size::label(), Face::Bold);
                let candidates = [
                    (px + 10.0, py - 10.0, Anchor::Start),
                    (px + 12.0, py + 4.0, Anchor::Start),
                    (px, py - 14.0, Anchor::Middle),
                    (px - 10.0, py - 10.0, Anchor::End),
                    (px + 10.0, py - 26.0, Anchor::Start),
                    (px - 10.0, py - 26.0, Anchor::End),
                    (px, py + 22.0, Anchor::Middle),
                ];
                let mut chosen = None;
                let at = |x, y, anchor| Label {
                    x,
                    y,
                    anchor,
                    size: size::label(),
                    face: Face::Bold,
                    color: c.theme.ink,
                    text: text.clone(),
                    role: Role::Annotation,
                };
                for (x, y, anchor) in candidates {
                    let l = at(x, y, anchor);
                    let b = l.bbox();
                    let inside = b.0 >= plot_left
                        && b.2 <= width - size::margin()
                        && b.1 >= plot_top - 4.0
                        && b.3 <= plot_bottom;
                    let free = labels
                        .iter()
                        .chain(ann.iter())
                        .all(|o| !overlaps(o.bbox(), b, 0.0));
                    if inside && free {
                        chosen = Some(l);
                        break;
                    }
                }
                let l = chosen.unwrap_or_else(|| {
                    at(
                        (px + 10.0).min(width - size::margin() - w),
                        py - 10.0,
                        Anchor::Start,
                    )
                });
                let b = l.bbox();
                let near = ((px).clamp(b.0, b.2), (py).clamp(b.1, b.3));
                if (near.0 - px).hypot(near.1 - py) > 8.0 {
                    leaders.push(((px, py), near));
                }
                labels.retain(|o| !overlaps(o.bbox(), b, 0.0));
                ann.push(l);
            }
            Annotation::Span { from, to, text } => {
                let (x0, x1) = (xs.map(*from), xs.map(*to));
                let lines = fonts::wrap(
                    text,
                    size::tick(),
                    Face::Italic.at(crate::fonts::Slot::Tick),
                    (x1 - x0).max(90.0),
                );
                let mut y =
                    base - 14.0 - (lines.len() as f64 - 1.0) * size::tick() * size::leading();
                for line in lines {
                    ann.push(Label {
                        x: (x0 + x1) / 2.0,
                        y,
                        anchor: Anchor::Middle,
                        size: size::tick(),
                        face: Face::Italic,
                        color: c.theme.muted,
                        text: line,
                        role: Role::Annotation,
                    });
                    y += size::tick() * size::leading();
                }
            }
            Annotation::Rule { y, text } => {
                let yy = ys.map(*y);
                c.line(
                    plot_left,
                    yy,
                    plot_right,
                    yy,
                    Stroke::dashed(c.theme.ink, 1.2, 5.0, 3.0),
                );
                ann.push(Label {
                    x: plot_right,
                    y: yy - 5.0,
                    anchor: Anchor::End,
                    size: size::label(),
                    face: Face::Bold,
                    color: c.theme.ink,
                    text: text.clone(),
                    role: Role::Annotation,
                });
            }
            Annotation::Band {
                from,
                to,
                low,
                high,
                text,
            } => {
                let (x0, x1) = (xs.map(*from), xs.map(*to));
                // Centred on the band, kept inside the plot; above it, or below it where
                // the room above is the plot's top.
                let w = fonts::text_width(text, size::label(), Face::Bold);
                let x = ((x0 + x1) / 2.0 + w / 2.0)
                    .min(plot_right)
                    .max(plot_left + w);
                let above = ys.map(*high) - 6.0;
                let below = ys.map(*low) + size::label() + 4.0;
                let y = if above - size::label() > plot_top && below > plot_bottom - 4.0 {
                    above
                } else {
                    below
                };
                ann.push(Label {
                    x,
                    y,
                    anchor: Anchor::End,
                    size: size::label(),
                    face: Face::Bold,
                    color: darken(nth(&colors, 0)),
                    text: text.clone(),
                    role: Role::Annotation,
                });
            }
            Annotation::Point { .. } => {}
        }
    }
    for (a, b) in leaders {
        c.line(a.0, a.1, b.0, b.1, Stroke::solid(c.theme.muted, 0.8));
    }
    // Value labels that would collide with an earlier label are dropped (the value is in the
    // description and the data appendix).
    let mut kept: Vec<Label> = Vec::new();
    for l in ann.into_iter().chain(labels) {
        let b = l.bbox();
        if kept.iter().all(|k| !overlaps(k.bbox(), b, 0.0)) {
            kept.push(l);
        }
    }
    c.items.extend(kept.into_iter().map(Item::Text));
    f.finish(&mut c, width, height);
    c.done(width, height)
}

/// Moves labels vertically (keeping their order) so that baselines are at least `gap` apart
/// and stay between `top` and `bottom`.
pub(super) fn spread(labels: &mut [Label], gap: f64, top: f64, bottom: f64) {
    labels.sort_by(|a, b| a.y.total_cmp(&b.y));
    for i in 1..labels.len() {
        let min = labels[i - 1].y + gap;
        if labels[i].y < min {
            labels[i].y = min;
        }
    }
    if let Some(last) = labels.last() {
        let over = last.y - bottom;
        if over > 0.0 {
            for l in labels.iter_mut() {
                l.y -= over;
            }
        }
    }
    for i in 0..labels.len() {
        if labels[i].y < top {
            labels[i].y = top;
        }
        if i > 0 && labels[i].y < labels[i - 1].y + gap {
            labels[i].y = labels[i - 1].y + gap;
        }
    }
}

fn flush_w(c: &mut Canvas, run: &mut Vec<(f64, f64)>, color: Color, width: f64) {
    if run.len() >= 2 {
        c.items.push(Item::Line {
            points: thin(run, THIN_COLUMN),
            stroke: Stroke::solid(color, width),
        });
    }
    run.clear();
}

/// The width, in CSS px, of the columns a long line is thinned to: a quarter pixel is finer
/// than one device pixel of a 300 dpi PNG (3.125 device px to the CSS px).
const THIN_COLUMN: f64 = 0.25;

/// The points of a line (in x order, in canvas px) that draw the same picture at columns of
/// `col` px: in each column, the first, lowest, highest and last point (M4 aggregation, Jugel et
/// al. 2014). A line of 10⁶ points draws as at most four per column, so it costs what a line
/// of a few thousand does; a line with fewer points than columns is returned whole.
pub fn thin(run: &[(f64, f64)], col: f64) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = Vec::with_capacity(run.len().min(4096));
    let mut i = 0;
    while i < run.len() {
        let key = (run[i].0 / col).floor();
        let mut j = i;
        let (mut lo, mut hi) = (i, i);
        while j + 1 < run.len() && (run[j + 1].0 / col).floor() == key {
            j += 1;
            if run[j].1 < run[lo].1 {
                lo = j;
            }
            if run[j].1 > run[hi].1 {
                hi = j;
            }
        }
        let mut keep = [i, lo, hi, j];
        keep.sort_unstable();
        let mut last = None;
        for k in keep {
            if last != Some(k) {
                out.push(run[k]);
                last = Some(k);
            }
        }
        i = j + 1;
    }
    out
}

fn marker(c: &mut Canvas, cell: &Cell, x: f64, y: f64, color: Color) {
    match cell {
        Cell::Censored { bound, .. } => key::bound_marker(c, *bound, x, y, color, false),
        Cell::Approx { .. } => key::approx_marker(c, x, y, color),
        _ => {
            c.items.push(Item::Circle {
                cx: x,
                cy: y,
                r: 3.5,
                fill: Some(color),
                stroke: Some(Stroke::solid(c.theme.paper, 1.0)),
            });
        }
    }
}

/// A series' name at the right end of its line or band, centred on `y`, in a darker shade of
/// its colour (see [`spread`] to keep several apart).
pub(super) fn end_name(x: f64, y: f64, color: Color, name: String) -> Label {
    Label {
        x,
        y: y + size::label() * 0.35,
        anchor: Anchor::Start,
        size: size::label(),
        face: Face::Bold,
        color: darken(color),
        text: name,
        role: Role::Legend,
    }
}

/// A darker shade for text in a series colour (light colours fail contrast on white).
pub(super) fn darken(c: Color) -> Color {
    if c.luminance() < 0.3 {
        return c;
    }
    let f = |v: u8| (f64::from(v) * 0.65).round() as u8;
    Color(f(c.0), f(c.1), f(c.2))
}

impl super::Draw for LineChart {
    fn layout(&self, chart: &Chart, cx: &Context) -> super::Laid {
        layout(chart, self, cx)
    }
    /// Each series' points (or, when dense, a summary of each) over the x span.
    fn describe(&self, chart: &Chart, lang: crate::i18n::Lang) -> String {
        let what = if lang.words().ja {
            "折れ線グラフ"
        } else {
            "Line chart"
        };
        super::describe::over_x(chart, &self.plot, what, lang)
    }
    fn numeric_x(&self) -> bool {
        self.plot.x.kind != XType::Category
    }
    /// Lines name their series at their ends, in every panel.
    fn legend(&self, _chart: &Chart) -> Vec<String> {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: f64) -> Label {
        Label {
            x: 0.0,
            y,
            anchor: Anchor::Start,
            size: 12.0,
            face: Face::Bold,
            color: crate::spec::theme::INK,
            text: "A".into(),
            role: Role::Legend,
        }
    }

    #[test]
    fn thinning_keeps_each_columns_first_lowest_highest_and_last_point() {
        // Ten points in one column, then one in the next.
        let mut run: Vec<(f64, f64)> = (0..10)
            .map(|i| {
                (
                    i as f64 * 0.01,
                    [5., 9., 1., 7., 3., 8., 2., 6., 4., 5.5][i],
                )
            })
            .collect();
        run.push((1.0, 0.0));
        let t = thin(&run, 0.25);
        assert_eq!(
            t,
            vec![
                (0.0, 5.0),
                (0.01, 9.0),
                (0.02, 1.0),
                (0.09, 5.5),
                (1.0, 0.0)
            ]
        );
        // A line with a point per column is left whole.
        let sparse: Vec<(f64, f64)> = (0..50).map(|i| (i as f64, (i % 7) as f64)).collect();
        assert_eq!(thin(&sparse, 0.25), sparse);
        // 10⁶ points over 500 px draw as at most four per quarter pixel, and keep the extremes.
        let dense: Vec<(f64, f64)> = (0..1_000_000i64)
            .map(|i| (i as f64 * 0.0005, ((i * 7919) % 1000) as f64))
            .collect();
        let t = thin(&dense, 0.25);
        assert!(t.len() <= 4 * 2000, "{}", t.len());
        assert_eq!(t.iter().map(|p| p.1).fold(f64::MAX, f64::min), 0.0);
        assert_eq!(t.iter().map(|p| p.1).fold(f64::MIN, f64::max), 999.0);
        assert_eq!(t.first(), dense.first());
        assert_eq!(t.last(), dense.last());
    }

    #[test]
    fn end_labels_are_pushed_apart_in_order() {
        let mut v = vec![at(105.0), at(100.0), at(300.0)];
        spread(&mut v, 15.0, 0.0, 400.0);
        let ys: Vec<f64> = v.iter().map(|l| l.y).collect();
        assert_eq!(ys, vec![100.0, 115.0, 300.0]);
    }

    #[test]
    fn end_labels_stay_above_the_bottom() {
        let mut v = vec![at(395.0), at(398.0)];
        spread(&mut v, 15.0, 0.0, 400.0);
        assert!(
            v[1].y <= 400.0 && v[1].y - v[0].y >= 15.0 - 1e-9,
            "{:?}",
            v.iter().map(|l| l.y).collect::<Vec<_>>()
        );
    }
}
