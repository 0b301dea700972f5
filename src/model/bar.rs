//! Layout of `bar`, `grouped_bar` and `stacked_bar` charts, vertical and horizontal, with
//! value labels, censored/approximate/missing marks, legends and reference lines.

use super::figure::{Anchor, Item, Role, Stroke};
use super::format::NumFormat;
use super::frame::{self, size, Canvas, Frame, Swatch};
use super::scale::{log_domain, nice_domain, Scale, ScaleKind, Ticks};
use super::Context;
use super::{auto_notes, category, cell, nth, secondary, tint};
use crate::data::Cell;
use crate::fonts::{self, Face};
use crate::spec::{AnnX, Annotation, BarChart, Chart, Color, Grouping, Orientation, Stack, XType};

/// Lays out the chart; returns items, width and height.
pub fn layout(chart: &Chart, b: &BarChart, cx: &Context) -> super::Laid {
    match b.orientation {
        Orientation::Vertical => vertical(chart, b, cx),
        Orientation::Horizontal => horizontal(chart, b, cx),
    }
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
    for a in &b.plot.annotations {
        if let Annotation::Rule { y, .. } = a {
            lo = lo.min(*y);
            hi = hi.max(*y);
        }
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
        .map(|n| fonts::text_width(n, size::LABEL, Face::Regular))
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

fn vertical(chart: &Chart, b: &BarChart, cx: &Context) -> super::Laid {
    let colors = super::series_colors(chart, cx.theme);
    let patterns = series_patterns(&colors);
    let width = chart.width;
    let height = chart.height.unwrap_or(420.0);
    let mut c = Canvas::new(cx);
    let f = Frame::begin(
        &mut c,
        chart,
        &legend_entries(b, &colors),
        &auto_notes(chart, &series_cols(b), cx.lang),
    );
    let fh = f.foot_h;
    let top = frame::axis_title(&mut c, &b.plot.y, f.top, 10.0);
    let rows = &chart.data.rows;
    let n = rows.len().max(1);
    let temporal = matches!(b.plot.x.kind, XType::Temporal | XType::Linear);
    // Dates get calendar ticks below the bars instead of a label per bar.
    let dates = super::line::date_axis(chart, &b.plot, cx.lang);

    // Category labels below the plot, wrapped to the slot width.
    let plot_left_guess = size::MARGIN + 40.0;
    let slot_guess = (width - size::MARGIN - plot_left_guess) / n as f64;
    // Many one-word categories (months, codes) too wide for their slots: every k-th is named,
    // unbroken, rather than each broken between characters.
    let every = thinning(&b.plot, rows, slot_guess);
    let cats: Vec<Vec<String>> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            if dates.is_some() || i % every != 0 {
                return Vec::new();
            }
            if every > 1 {
                return vec![category(&b.plot, r)];
            }
            fonts::wrap(
                &category(&b.plot, r),
                size::LABEL,
                Face::Regular,
                (slot_guess - 4.0).max(30.0),
            )
        })
        .collect();
    let secs: Vec<Option<String>> = rows.iter().map(|r| secondary(&b.plot, r)).collect();
    let cat_lines = cats.iter().map(Vec::len).max().unwrap_or(1).max(1) as f64;
    let sec_lines = if secs.iter().any(Option::is_some) {
        1.0
    } else {
        0.0
    };
    let cat_h =
        8.0 + cat_lines * size::LABEL * size::LEADING + sec_lines * size::NOTE * size::LEADING;
    let plot_top = top + 4.0;
    let plot_bottom = (height - fh - cat_h - frame::x_title_room(&b.plot.x)).max(plot_top + 60.0);

    let k = b.plot.series.len().max(1);
    let value_size = if k > 2 { size::TICK } else { size::VALUE };
    let room = if stacked(b) {
        slot_guess
    } else {
        slot_guess / k as f64
    };
    let show_values = values_fit(&mut c, chart, b, value_size, room);
    let (lo, hi) = extent(chart, b);
    let mut target = 5;
    let (mut d0, mut d1, mut ticks) = domain(b, lo, hi, target);
    // Room for value labels (and point annotations) above the tallest bar.
    let ann_lines = b
        .plot
        .annotations
        .iter()
        .filter(|a| matches!(a, Annotation::Point { .. }))
        .count()
        .min(1) as f64;
    let need = if show_values { size::VALUE * 1.4 } else { 0.0 } + ann_lines * size::LABEL * 2.6;
    for _ in 0..4 {
        let s = Scale {
            kind: b.plot.y.scale,
            d0,
            d1,
            r0: plot_bottom,
            r1: plot_top,
        };
        // A 100 % stack ends at 100 %: its labels sit inside the segments.
        let full = percent(b);
        if s.map(hi) - plot_top >= need || b.plot.y.max.is_some() || full {
            break;
        }
        target = target.saturating_sub(1).max(2);
        let (a, b, t) = domain(b, lo, hi + (d1 - d0) * 0.12, target);
        d0 = a;
        d1 = b;
        ticks = t;
    }
    let ys = Scale {
        kind: b.plot.y.scale,
        d0,
        d1,
        r0: plot_bottom,
        r1: plot_top,
    };
    let (tick_labels, gutter) = frame::tick_labels(&b.plot.y.format, &ticks, width);
    let plot_left = size::MARGIN + gutter + 8.0;
    let plot_right = width - size::MARGIN;

    frame::y_grid(&mut c, &ys, &ticks, &tick_labels, plot_left, plot_right);

    // Horizontal positions of each category's slot.
    let xs: Vec<f64> = rows
        .iter()
        .filter_map(|r| cell(r, b.plot.x.field.unwrap_or(0)).x_position())
        .collect();
    let mut time_scale = None;
    let (slot, centers): (f64, Vec<f64>) = if temporal && xs.len() == rows.len() && !xs.is_empty() {
        let mut sorted = xs.clone();
        sorted.sort_by(f64::total_cmp);
        let step = sorted
            .windows(2)
            .map(|w| w[1] - w[0])
            .filter(|d| *d > 0.0)
            .fold(f64::INFINITY, f64::min);
        let step = if step.is_finite() { step } else { 1.0 };
        let a = sorted[0] - step * 0.6;
        let b = sorted[sorted.len() - 1] + step * 0.6;
        let sx = Scale {
            kind: ScaleKind::Linear,
            d0: a,
            d1: b,
            r0: plot_left,
            r1: plot_right,
        };
        time_scale = Some(sx);
        (
            (sx.map(a + step) - sx.map(a)).abs(),
            xs.iter().map(|v| sx.map(*v)).collect(),
        )
    } else {
        let slot = (plot_right - plot_left) / n as f64;
        (
            slot,
            (0..rows.len())
                .map(|i| plot_left + slot * (i as f64 + 0.5))
                .collect(),
        )
    };
    let group_w = (slot * if temporal { 0.62 } else { 0.7 }).min(90.0 * k as f64);
    let bar_w = if stacked(b) {
        group_w.min(90.0)
    } else {
        group_w / k as f64
    };
    let zero = ys.map(if b.plot.y.scale == ScaleKind::Log {
        d0
    } else {
        0.0f64.clamp(d0, d1)
    });

    for (ri, row) in rows.iter().enumerate() {
        let cx = centers.get(ri).copied().unwrap_or(plot_left);
        // A diverging stack: positive values stack up from zero, negative ones down.
        let (mut base, mut neg) = (0.0, 0.0);
        for (si, s) in b.plot.series.iter().enumerate() {
            let color = nth(&colors, si);
            let v = cell(row, s.col);
            let x0 = if stacked(b) {
                cx - bar_w / 2.0
            } else {
                cx - group_w / 2.0 + bar_w * si as f64
            };
            let inner = if k > 1 && !stacked(b) { 1.0 } else { 0.0 };
            match (v.position(), bar_style(v, color, c.theme.paper)) {
                (Some(val), Some((fill, stroke))) => {
                    let base = if val < 0.0 { &mut neg } else { &mut base };
                    let (ya, yb) = if stacked(b) {
                        (ys.map(*base), ys.map(*base + val))
                    } else {
                        (zero, ys.map(val))
                    };
                    let (y0, y1) = (ya.min(yb), ya.max(yb));
                    c.items.push(Item::Rect {
                        x: x0 + inner,
                        y: y0,
                        w: bar_w - 2.0 * inner,
                        h: (y1 - y0).max(0.75),
                        fill,
                        stroke,
                    });
                    if stroke.is_none() || matches!(v, Cell::Approx { .. }) {
                        let w = bar_w - 2.0 * inner;
                        c.hatch(x0 + inner, y0, w, y1 - y0, patterns[si]);
                    }
                    let text = label_for(&b.plot.y.format, v);
                    if stacked(b) {
                        let lw = fonts::text_width(&text, size::VALUE, Face::Regular);
                        if y1 - y0 > size::VALUE + 4.0 && lw + 6.0 < bar_w {
                            let col = fill.unwrap_or(c.theme.paper).text_on();
                            if let (Some(f), true) = (fill, patterns[si] != 0) {
                                // A patch of plain colour under the number, so the hatching
                                // does not cut through its strokes.
                                let (cy, h) = ((y0 + y1) / 2.0, size::VALUE + 4.0);
                                c.rect(
                                    x0 + bar_w / 2.0 - lw / 2.0 - 3.0,
                                    cy - h / 2.0,
                                    lw + 6.0,
                                    h,
                                    f,
                                );
                            }
                            c.text(
                                x0 + bar_w / 2.0,
                                (y0 + y1) / 2.0 + size::VALUE * 0.35,
                                Anchor::Middle,
                                size::VALUE,
                                Face::Regular,
                                col,
                                &text,
                                Role::Value,
                            );
                        }
                        *base += val;
                    } else if show_values {
                        let vs = value_size;
                        let ly = if val >= 0.0 { y0 - 5.0 } else { y1 + vs + 2.0 };
                        c.text(
                            x0 + bar_w / 2.0,
                            ly,
                            Anchor::Middle,
                            vs,
                            Face::Bold,
                            c.theme.ink,
                            &text,
                            Role::Value,
                        );
                    }
                }
                _ => {
                    if !stacked(b) {
                        c.text(
                            x0 + bar_w / 2.0,
                            zero - 5.0,
                            Anchor::Middle,
                            size::TICK,
                            Face::Italic,
                            c.theme.muted,
                            c.lang.words().no_data,
                            Role::Value,
                        );
                    }
                }
            }
        }
        // A total only where no stack in the chart goes below zero: a net of a diverging stack
        // would read as its height.
        if b.grouping == Grouping::Stacked(Stack::Count) && show_values && neg == 0.0 && lo >= 0.0 {
            let text = b.plot.y.format.number(base, 0);
            c.text(
                cx,
                ys.map(base) - 5.0,
                Anchor::Middle,
                size::VALUE,
                Face::Bold,
                c.theme.ink,
                &text,
                Role::Value,
            );
        }
        // Category label and secondary label.
        let mut y = plot_bottom + 8.0 + size::LABEL * 0.95;
        for line in cats.get(ri).into_iter().flatten() {
            c.text(
                cx,
                y,
                Anchor::Middle,
                size::LABEL,
                Face::Regular,
                c.theme.ink,
                line,
                Role::Category,
            );
            y += size::LABEL * size::LEADING;
        }
        if let Some(Some(s)) = secs.get(ri) {
            c.text(
                cx,
                y - (size::LABEL - size::NOTE) * 0.95,
                Anchor::Middle,
                size::NOTE,
                Face::Regular,
                c.theme.muted,
                s,
                Role::Category,
            );
        }
    }
    c.line(
        plot_left,
        zero,
        plot_right,
        zero,
        Stroke::solid(c.theme.axis, 1.0),
    );
    if let (Some(axis), Some(sx)) = (&dates, &time_scale) {
        let ticks = super::timeaxis::ticks(axis, &|p| sx.map(p), &|t| {
            fonts::text_width(t, size::TICK, Face::Regular)
        });
        super::line::x_ticks(&mut c, &ticks, sx, plot_bottom);
    }
    frame::x_title(&mut c, &b.plot.x, plot_right, plot_bottom + cat_h);

    // Annotations.
    for a in &b.plot.annotations {
        match a {
            Annotation::Rule { y, text } => {
                let yy = ys.map(*y);
                c.line(
                    plot_left,
                    yy,
                    plot_right,
                    yy,
                    Stroke::dashed(c.theme.ink, 1.2, 5.0, 3.0),
                );
                c.halo_text(
                    plot_right,
                    yy - 6.0,
                    Anchor::End,
                    size::LABEL,
                    Face::Bold,
                    c.theme.ink,
                    text,
                    Role::Annotation,
                );
            }
            Annotation::Point { x, text } => {
                let idx = rows.iter().position(|r| match x {
                    AnnX::Category(name) => category(&b.plot, r) == *name,
                    AnnX::Value(v) => cell(r, b.plot.x.field.unwrap_or(0)).position() == Some(*v),
                });
                if let (Some(i), Some(s)) = (idx, b.plot.series.first()) {
                    let top_val = if stacked(b) {
                        b.plot
                            .series
                            .iter()
                            .filter_map(|s| cell(&rows[i], s.col).position())
                            .sum()
                    } else {
                        cell(&rows[i], s.col).position().unwrap_or(0.0)
                    };
                    let cx = centers.get(i).copied().unwrap_or(plot_left);
                    let ytop = ys.map(top_val) - size::VALUE * 1.4 - 4.0;
                    let lines =
                        fonts::wrap(text, size::LABEL, Face::Italic, (slot * 1.6).max(120.0));
                    let mut y = ytop - (lines.len() as f64 - 1.0) * size::LABEL * size::LEADING;
                    for l in &lines {
                        c.text(
                            cx,
                            y,
                            Anchor::Middle,
                            size::LABEL,
                            Face::Italic,
                            c.theme.ink,
                            l,
                            Role::Annotation,
                        );
                        y += size::LABEL * size::LEADING;
                    }
                }
            }
            Annotation::Span { .. } => {}
        }
    }
    f.finish(&mut c, width, height);
    c.done(width, height)
}

fn horizontal(chart: &Chart, b: &BarChart, cx: &Context) -> super::Laid {
    let colors = super::series_colors(chart, cx.theme);
    let patterns = series_patterns(&colors);
    let width = chart.width;
    let mut c = Canvas::new(cx);
    let f = Frame::begin(
        &mut c,
        chart,
        &legend_entries(b, &colors),
        &auto_notes(chart, &series_cols(b), cx.lang),
    );
    let fh = f.foot_h;
    let top = frame::axis_title(&mut c, &b.plot.y, f.top, 10.0);
    let rows = &chart.data.rows;
    let k = b.plot.series.len().max(1);
    let inner = width - 2.0 * size::MARGIN;

    let max_label = inner * 0.36;
    let cats: Vec<String> = rows.iter().map(|r| category(&b.plot, r)).collect();
    let secs: Vec<Option<String>> = rows.iter().map(|r| secondary(&b.plot, r)).collect();
    let label_w = cats
        .iter()
        .map(|t| fonts::text_width(t, size::LABEL, Face::Regular))
        .chain(
            secs.iter()
                .flatten()
                .map(|t| fonts::text_width(t, size::NOTE, Face::Regular)),
        )
        .fold(0.0, f64::max)
        .min(max_label);
    let wrapped: Vec<Vec<String>> = cats
        .iter()
        .map(|t| fonts::wrap(t, size::LABEL, Face::Regular, label_w.max(40.0)))
        .collect();

    let (bt, gap) = if stacked(b) {
        (24.0, 0.0)
    } else if k > 1 {
        (13.0, 2.0)
    } else {
        (20.0, 0.0)
    };
    let bars_h = if stacked(b) {
        bt
    } else {
        k as f64 * bt + (k as f64 - 1.0) * gap
    };
    let row_gap = if k > 1 && !stacked(b) { 14.0 } else { 10.0 };
    let row_h: Vec<f64> = rows
        .iter()
        .enumerate()
        .map(|(i, _)| {
            let lines = wrapped.get(i).map_or(1, Vec::len) as f64;
            let text_h = lines * size::LABEL * size::LEADING
                + if secs.get(i).is_some_and(Option::is_some) {
                    size::NOTE * size::LEADING
                } else {
                    0.0
                };
            bars_h.max(text_h) + row_gap
        })
        .collect();
    let plot_h: f64 = row_h.iter().sum();
    let plot_top = top + 2.0;
    let height = chart.height.unwrap_or((plot_top + plot_h + fh).ceil());

    // Value label room on the right.
    let value_w = if percent(b) {
        0.0
    } else {
        let mut w: f64 = 0.0;
        for row in rows {
            if stacked(b) {
                w = w.max(fonts::text_width(
                    &b.plot.y.format.number(row_total(b, row), 0),
                    size::VALUE,
                    Face::Bold,
                ));
            } else {
                for s in &b.plot.series {
                    w = w.max(fonts::text_width(
                        &label_for(&b.plot.y.format, cell(row, s.col)),
                        size::VALUE,
                        Face::Bold,
                    ));
                }
            }
        }
        // At most three tenths of the width, so that the bars keep room whatever the
        // labels say (longer ones spill and the collision step moves or drops them).
        (w + 8.0).min(inner * 0.3)
    };
    // Labels of negative bars sit left of their bar's end: room for them before the axis.
    let neg_w = if stacked(b) {
        0.0
    } else {
        rows.iter()
            .flat_map(|row| b.plot.series.iter().map(move |s| cell(row, s.col)))
            .filter(|v| v.position().is_some_and(|p| p < 0.0))
            .map(|v| {
                fonts::text_width(&label_for(&b.plot.y.format, v), size::VALUE, Face::Bold) + 8.0
            })
            .fold(0.0, f64::max)
            .min(inner * 0.2)
    };
    let plot_left = size::MARGIN + label_w + 12.0;
    let plot_right = width - size::MARGIN - value_w;
    let (lo, hi) = extent(chart, b);
    let (d0, d1) = if b.plot.y.scale == ScaleKind::Log {
        let (a, b, _) = log_domain(lo, hi);
        (a, b)
    } else {
        (
            b.plot.y.min.unwrap_or(lo.min(0.0)),
            b.plot.y.max.unwrap_or(if hi > 0.0 { hi } else { 1.0 }),
        )
    };
    let xs = Scale {
        kind: b.plot.y.scale,
        d0,
        d1,
        r0: plot_left + neg_w,
        r1: plot_right,
    };
    let zero = xs.map(if b.plot.y.scale == ScaleKind::Log {
        d0
    } else {
        0.0f64.clamp(d0, d1)
    });

    let mut y = plot_top;
    for (ri, row) in rows.iter().enumerate() {
        let h = row_h.get(ri).copied().unwrap_or(bt);
        let band_top = y + row_gap / 2.0;
        let band_h = h - row_gap;
        let bars_top = band_top + (band_h - bars_h) / 2.0;
        // Category label, vertically centred on the bars.
        let lines = wrapped.get(ri).cloned().unwrap_or_default();
        let sec = secs.get(ri).cloned().flatten();
        let text_h = lines.len() as f64 * size::LABEL * size::LEADING
            + if sec.is_some() {
                size::NOTE * size::LEADING
            } else {
                0.0
            };
        let mut ty = band_top + (band_h - text_h) / 2.0 + size::LABEL * 0.95;
        for l in &lines {
            c.text(
                plot_left - 10.0,
                ty,
                Anchor::End,
                size::LABEL,
                Face::Regular,
                c.theme.ink,
                l,
                Role::Category,
            );
            ty += size::LABEL * size::LEADING;
        }
        if let Some(s) = sec {
            c.text(
                plot_left - 10.0,
                ty - size::LABEL * 0.95 + size::NOTE * 0.95,
                Anchor::End,
                size::NOTE,
                Face::Regular,
                c.theme.muted,
                &s,
                Role::Category,
            );
        }
        // A diverging stack: positive values stack up from zero, negative ones down.
        let (mut base, mut neg) = (0.0, 0.0);
        for (si, s) in b.plot.series.iter().enumerate() {
            let color = nth(&colors, si);
            let v = cell(row, s.col);
            let by = if stacked(b) {
                bars_top
            } else {
                bars_top + si as f64 * (bt + gap)
            };
            match (v.position(), bar_style(v, color, c.theme.paper)) {
                (Some(val), Some((fill, stroke))) => {
                    let base = if val < 0.0 { &mut neg } else { &mut base };
                    let (xa, xb) = if stacked(b) {
                        (xs.map(*base), xs.map(*base + val))
                    } else {
                        (zero, xs.map(val))
                    };
                    let (x0, x1) = (xa.min(xb), xa.max(xb));
                    c.items.push(Item::Rect {
                        x: x0,
                        y: by,
                        w: (x1 - x0).max(0.75),
                        h: bt,
                        fill,
                        stroke,
                    });
                    if stroke.is_none() || matches!(v, Cell::Approx { .. }) {
                        c.hatch(x0, by, x1 - x0, bt, patterns[si]);
                    }
                    let text = label_for(&b.plot.y.format, v);
                    let vs = if k > 1 && !stacked(b) {
                        size::TICK
                    } else {
                        size::VALUE
                    };
                    if stacked(b) {
                        let lw = fonts::text_width(&text, vs, Face::Regular);
                        if lw + 8.0 < x1 - x0 {
                            let col = fill.unwrap_or(c.theme.paper).text_on();
                            if let (Some(f), true) = (fill, patterns[si] != 0) {
                                let h = vs + 4.0;
                                let cy = by + bt / 2.0;
                                c.rect(
                                    (x0 + x1) / 2.0 - lw / 2.0 - 3.0,
                                    cy - h / 2.0,
                                    lw + 6.0,
                                    h,
                                    f,
                                );
                            }
                            c.text(
                                (x0 + x1) / 2.0,
                                by + bt / 2.0 + vs * 0.35,
                                Anchor::Middle,
                                vs,
                                Face::Bold,
                                col,
                                &text,
                                Role::Value,
                            );
                        }
                        *base += val;
                    } else if b.plot.values {
                        let (lx, anchor) = if val >= 0.0 {
                            (x1 + 5.0, Anchor::Start)
                        } else {
                            (x0 - 5.0, Anchor::End)
                        };
                        c.text(
                            lx,
                            by + bt / 2.0 + vs * 0.35,
                            anchor,
                            vs,
                            Face::Bold,
                            c.theme.ink,
                            &text,
                            Role::Value,
                        );
                    }
                }
                _ => {
                    if !stacked(b) {
                        c.text(
                            zero + 5.0,
                            by + bt / 2.0 + size::TICK * 0.35,
                            Anchor::Start,
                            size::TICK,
                            Face::Italic,
                            c.theme.muted,
                            c.lang.words().no_data,
                            Role::Value,
                        );
                    }
                }
            }
        }
        if b.grouping == Grouping::Stacked(Stack::Count) && b.plot.values && neg == 0.0 && lo >= 0.0
        {
            let text = b.plot.y.format.number(base, 0);
            c.text(
                xs.map(base) + 5.0,
                bars_top + bt / 2.0 + size::VALUE * 0.35,
                Anchor::Start,
                size::VALUE,
                Face::Bold,
                c.theme.ink,
                &text,
                Role::Value,
            );
        }
        y += h;
    }
    c.line(
        zero,
        plot_top + 4.0,
        zero,
        plot_top + plot_h - 4.0,
        Stroke::solid(c.theme.axis, 1.0),
    );
    for a in &b.plot.annotations {
        if let Annotation::Rule { y: v, text } = a {
            let xx = xs.map(*v);
            c.line(
                xx,
                plot_top,
                xx,
                plot_top + plot_h,
                Stroke::dashed(c.theme.ink, 1.2, 5.0, 3.0),
            );
            c.text(
                xx,
                plot_top - 3.0,
                Anchor::Middle,
                size::TICK,
                Face::Bold,
                c.theme.ink,
                text,
                Role::Annotation,
            );
        }
    }
    f.finish(&mut c, width, height);
    c.done(width, height)
}
