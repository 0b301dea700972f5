//! Layout of `range` charts: one low–high dumbbell per category and range series, labelled
//! with both ends, on a light vertical grid.

use super::figure::{Anchor, Item, Role, Stroke};
use super::frame::{self, size, Canvas, Frame, Swatch};
use super::scale::{nice_domain, Scale, ScaleKind};
use super::Context;
use super::{category, cell, nth};
use crate::fonts::{self, Face};
use crate::spec::{Chart, RangeChart};

/// Lays out the chart; returns items, width and height.
pub fn layout(chart: &Chart, rc: &RangeChart, cx: &Context) -> super::Laid {
    let width = chart.width;
    let mut c = Canvas::new(cx);
    let colors = super::series_colors(chart, cx.theme);
    let entries: Vec<_> = rc
        .ranges
        .iter()
        .enumerate()
        .map(|(i, r)| Swatch {
            name: r.label.clone(),
            color: nth(&colors, i),
            hollow: false,
            pattern: 0,
        })
        .collect();
    // One range series needs no legend: the title says what it is.
    let legend = if entries.len() > 1 { &entries[..] } else { &[] };
    let cols: Vec<usize> = rc.ranges.iter().flat_map(|r| [r.low, r.high]).collect();
    let f = Frame::begin(
        &mut c,
        chart,
        legend,
        &super::auto_notes(chart, &cols, cx.lang),
    );
    let fh = f.foot_h;
    let rows = &chart.data.rows;
    let k = rc.ranges.len().max(1);
    let cats: Vec<String> = rows.iter().map(|r| category(&rc.plot, r)).collect();
    let inner = width - 2.0 * size::MARGIN;
    let label_w = cats
        .iter()
        .map(|t| fonts::text_width(t, size::LABEL, Face::Regular))
        .fold(0.0, f64::max)
        .min(inner * 0.3);
    let fmt = &rc.plot.y.format;
    let range_text = |lo: &crate::data::Cell, hi: &crate::data::Cell| -> String {
        let a = fmt.cell(lo).unwrap_or_default();
        let b = fmt.cell(hi).unwrap_or_default();
        // "2.5–4.6%": the unit once, after the high end.
        let a = if !fmt.suffix.is_empty() || fmt.style == super::format::NumStyle::Percent {
            a.trim_end_matches('%')
                .trim_end_matches(fmt.suffix.as_str())
                .to_string()
        } else {
            a
        };
        // A dash between two numbers reads as a minus when either is negative: "−3.2 to 17.2".
        let negative = |t: &str| t.starts_with('−') || t.starts_with('-');
        if negative(&a) || negative(&b) {
            let to = if fmt.lang == crate::i18n::Lang::Ja {
                "〜"
            } else {
                " to "
            };
            format!("{a}{to}{b}")
        } else {
            format!("{a}–{b}")
        }
    };
    let mut value_w: f64 = 0.0;
    for row in rows {
        for r in &rc.ranges {
            value_w = value_w.max(fonts::text_width(
                &range_text(cell(row, r.low), cell(row, r.high)),
                size::TICK,
                Face::Regular,
            ));
        }
    }
    let top = frame::axis_title(&mut c, &rc.plot.y, f.top, 8.0);
    let sub_h = 15.0;
    // Category names wrap to the label column; a row grows to fit its name.
    let wrapped: Vec<Vec<String>> = cats
        .iter()
        .map(|t| fonts::wrap(t, size::LABEL, Face::Regular, label_w.max(40.0)))
        .collect();
    let lh = size::LABEL * size::LEADING;
    let row_hs: Vec<f64> = wrapped
        .iter()
        .map(|l| (k as f64 * sub_h).max(l.len() as f64 * lh) + 12.0)
        .collect();
    let row_tops: Vec<f64> = row_hs
        .iter()
        .scan(0.0, |acc, h| {
            let here = *acc;
            *acc += h;
            Some(here)
        })
        .collect();
    let plot_top = top + 4.0;
    let plot_h: f64 = row_hs.iter().sum();
    let axis_h = size::TICK * 1.3 + 10.0;
    let height = chart
        .height
        .unwrap_or((plot_top + plot_h + axis_h + fh).ceil());
    let plot_left = size::MARGIN + label_w + 14.0;
    let plot_right = width - size::MARGIN - value_w - 10.0;
    // The axis holds zero and every value, low or high, negative or not; `min` and `max`
    // widen it (validation refuses values outside them).
    let values: Vec<f64> = rows
        .iter()
        .flat_map(|r| {
            rc.ranges.iter().flat_map(move |s| {
                [cell(r, s.low).position(), cell(r, s.high).position()]
                    .into_iter()
                    .flatten()
            })
        })
        .collect();
    let lo = values.iter().copied().fold(0.0, f64::min);
    let hi = values.iter().copied().fold(0.0, f64::max);
    let y = &rc.plot.y;
    let (n0, n1, ticks) = nice_domain(y.min.unwrap_or(lo), y.max.unwrap_or(hi), 5);
    let (d0, d1) = (y.min.unwrap_or(n0), y.max.unwrap_or(n1));
    let ticks = super::scale::Ticks {
        values: ticks
            .values
            .into_iter()
            .filter(|v| *v >= d0 - 1e-9 && *v <= d1 + 1e-9)
            .collect(),
        decimals: ticks.decimals,
    };
    let xs = Scale {
        kind: ScaleKind::Linear,
        d0,
        d1,
        r0: plot_left,
        r1: plot_right,
    };
    let (tick_labels, _) = frame::tick_labels(fmt, &ticks, f64::INFINITY);
    let bottom = plot_top + plot_h;
    for (v, label) in ticks.values.iter().zip(&tick_labels) {
        let x = xs.map(*v);
        c.line(x, plot_top, x, bottom, Stroke::solid(c.theme.grid, 1.0));
        c.text(
            x,
            bottom + 8.0 + size::TICK * 0.95,
            Anchor::Middle,
            size::TICK,
            Face::Regular,
            c.theme.muted,
            label,
            Role::Tick,
        );
    }
    // The zero line (the axis' own edge when zero is off the axis).
    let zero = xs.map(0.0f64.clamp(d0, d1));
    c.line(
        zero,
        plot_top,
        zero,
        bottom,
        Stroke::solid(c.theme.axis, 1.0),
    );
    for (ri, row) in rows.iter().enumerate() {
        let rh = row_hs.get(ri).copied().unwrap_or(0.0);
        let bars_h = k as f64 * sub_h;
        // Bars and name are centred on each other within the row.
        let y0 =
            plot_top + row_tops.get(ri).copied().unwrap_or(0.0) + 6.0 + (rh - 12.0 - bars_h) / 2.0;
        let cy = y0 + bars_h / 2.0;
        if let Some(lines) = wrapped.get(ri) {
            let first = cy - (lines.len() as f64 - 1.0) * lh / 2.0;
            for (li, t) in lines.iter().enumerate() {
                c.text(
                    plot_left - 10.0,
                    first + li as f64 * lh + size::LABEL * 0.35,
                    Anchor::End,
                    size::LABEL,
                    Face::Regular,
                    c.theme.ink,
                    t,
                    Role::Category,
                );
            }
        }
        for (si, r) in rc.ranges.iter().enumerate() {
            let color = nth(&colors, si);
            let y = y0 + si as f64 * sub_h + sub_h / 2.0;
            let (lo, hi) = (cell(row, r.low), cell(row, r.high));
            match (lo.position(), hi.position()) {
                (Some(a), Some(b)) => {
                    let (xa, xb) = (xs.map(a), xs.map(b));
                    c.line(xa, y, xb, y, Stroke::solid(color, 3.0));
                    for x in [xa, xb] {
                        c.items.push(Item::Circle {
                            cx: x,
                            cy: y,
                            r: 4.0,
                            fill: Some(color),
                            stroke: Some(Stroke::solid(c.theme.paper, 1.0)),
                        });
                    }
                    c.text(
                        xb + 8.0,
                        y + size::TICK * 0.35,
                        Anchor::Start,
                        size::TICK,
                        Face::Regular,
                        c.theme.ink,
                        &range_text(lo, hi),
                        Role::Value,
                    );
                }
                _ => c.text(
                    xs.map(d0) + 6.0,
                    y + size::TICK * 0.35,
                    Anchor::Start,
                    size::TICK,
                    Face::Italic,
                    c.theme.muted,
                    c.lang.words().no_data,
                    Role::Value,
                ),
            }
        }
    }
    f.finish(&mut c, width, height);
    c.done(width, height)
}
