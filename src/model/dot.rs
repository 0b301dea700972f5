//! Layout and description of `dot` charts (dot plots): a row per category, a dot per series on
//! one value axis, the row's dots joined by a thin line from the lowest to the highest. One
//! series is a lollipop: a stem from zero to the dot, and the value beside it. The axis needs
//! not hold zero when several series are compared.

use super::figure::{Anchor, Item, Role, Stroke};
use super::frame::{size, Canvas, Frame, Swatch};
use super::rows::{self, RowSpec};
use super::{category, cell, nth, Context, Laid};
use crate::data::Cell;
use crate::fonts::{self, Face};
use crate::i18n::Lang;
use crate::spec::{Chart, DotChart};

/// A dot's radius, in px.
const R: f64 = 5.0;

/// Lays out the chart; returns items, width and height.
pub fn layout(chart: &Chart, d: &DotChart, cx: &Context) -> Laid {
    let width = chart.width;
    let mut c = Canvas::new(cx);
    let colors = super::series_colors(chart, cx.theme);
    let k = d.plot.series.len();
    let lollipop = k == 1;
    let legend: Vec<Swatch> = if lollipop {
        Vec::new()
    } else {
        d.plot
            .series
            .iter()
            .enumerate()
            .map(|(i, s)| Swatch {
                name: s.label.clone(),
                color: nth(&colors, i),
                hollow: false,
                pattern: 0,
            })
            .collect()
    };
    let rows_data = &chart.data.rows;
    let cells = || {
        rows_data
            .iter()
            .flat_map(|r| d.plot.series.iter().map(move |s| cell(r, s.col)))
    };
    let mut notes = Vec::new();
    if cells().any(|c| matches!(c, Cell::Approx { .. })) {
        notes.push(super::key::Key::Approx { points: true });
    }
    let f = Frame::begin(&mut c, chart, &legend, &notes);
    let fh = f.foot_h;
    let top = super::frame::axis_title(&mut c, &d.plot.y, f.top, 8.0);
    let fmt = &d.plot.y.format;
    let values: Vec<f64> = cells().filter_map(Cell::position).collect();
    // Room right of the plot for the highest value of each row.
    let value_w = if d.plot.values {
        rows_data
            .iter()
            .filter_map(|r| {
                d.plot
                    .series
                    .iter()
                    .map(|s| cell(r, s.col))
                    .filter(|c| c.position().is_some())
                    .max_by(|a, b| {
                        a.position()
                            .unwrap_or(0.0)
                            .total_cmp(&b.position().unwrap_or(0.0))
                    })
            })
            .map(|c| {
                fonts::text_width(
                    &fmt.cell(c).unwrap_or_default(),
                    size::tick(),
                    Face::Regular.at(crate::fonts::Slot::Tick),
                )
            })
            .fold(0.0, f64::max)
    } else {
        0.0
    };
    let frame = rows::layout(
        &mut c,
        chart,
        &RowSpec {
            axis: &d.plot.y,
            format: fmt,
            band_h: 2.0 * R + 6.0,
            values: &values,
            value_w,
            zero: lollipop,
        },
        top,
        fh,
    );
    let xs = frame.xs;
    let plot_left = xs.r0;
    for (ri, row) in rows_data.iter().enumerate() {
        frame.name(&mut c, ri);
        let y = frame.bands.get(ri).copied().unwrap_or(0.0) + frame.band_h / 2.0;
        let dots: Vec<(usize, &Cell, f64)> = d
            .plot
            .series
            .iter()
            .enumerate()
            .filter_map(|(si, s)| {
                let v = cell(row, s.col);
                v.position().map(|p| (si, v, xs.map(p)))
            })
            .collect();
        if dots.is_empty() {
            c.no_data(
                xs.map(frame.d0) + 6.0,
                y + size::tick() * 0.35,
                Anchor::Start,
            );
            continue;
        }
        let lo = dots.iter().map(|d| d.2).fold(f64::INFINITY, f64::min);
        let hi = dots.iter().map(|d| d.2).fold(f64::NEG_INFINITY, f64::max);
        let stem = if lollipop {
            let zero = xs.map(0.0f64.clamp(xs.d0, xs.d1));
            (zero.min(lo), zero.max(hi))
        } else {
            (lo, hi)
        };
        let grid = c.theme.axis;
        c.line(
            stem.0,
            y,
            stem.1,
            y,
            Stroke::solid(super::tint(grid, 0.45), 2.0),
        );
        for (si, v, x) in &dots {
            let color = nth(&colors, *si);
            let paper = c.theme.paper;
            let hollow = !matches!(v, Cell::Number { .. });
            c.items.push(Item::Circle {
                cx: *x,
                cy: y,
                r: R,
                fill: Some(if hollow { paper } else { color }),
                stroke: Some(if hollow {
                    Stroke::solid(color, 1.6)
                } else {
                    Stroke::solid(paper, 1.0)
                }),
            });
        }
        if d.plot.values {
            let ink = c.theme.ink;
            // The highest value right of its dot (on a halo, where it crosses the zero line); with several series, the lowest left of its
            // dot too, where it clears the names.
            let by = |a: &&(usize, &Cell, f64), b: &&(usize, &Cell, f64)| a.2.total_cmp(&b.2);
            if let Some((_, v, x)) = dots.iter().max_by(by) {
                let t = fmt.cell(v).unwrap_or_default();
                // A lollipop below zero has its value at the stem's far (left) end.
                let (lx, anchor) = if lollipop && v.position().is_some_and(|p| p < 0.0) {
                    (x - R - 5.0, Anchor::End)
                } else {
                    (x + R + 5.0, Anchor::Start)
                };
                c.halo_text(
                    lx,
                    y + size::tick() * 0.35,
                    anchor,
                    size::tick(),
                    Face::Regular.at(crate::fonts::Slot::Tick),
                    ink,
                    &t,
                    Role::Value,
                );
            }
            if let (false, Some((_, v, x))) = (lollipop || dots.len() < 2, dots.iter().min_by(by)) {
                let t = fmt.cell(v).unwrap_or_default();
                let tw =
                    fonts::text_width(&t, size::tick(), Face::Regular.at(crate::fonts::Slot::Tick));
                if x - R - 5.0 - tw > plot_left + 2.0 {
                    c.halo_text(
                        x - R - 5.0,
                        y + size::tick() * 0.35,
                        Anchor::End,
                        size::tick(),
                        Face::Regular.at(crate::fonts::Slot::Tick),
                        ink,
                        &t,
                        Role::Value,
                    );
                }
            }
        }
    }
    let height = frame.height;
    f.finish(&mut c, width, height);
    c.done(width, height)
}

/// What a screen reader hears: each category with each series' value.
pub fn describe(chart: &Chart, d: &DotChart, lang: Lang) -> String {
    let p = &d.plot;
    let say = super::describe::Say::of(p, lang);
    let (ja, measure) = (say.ja, &say.measure);
    let value = |c: &Cell| say.value(c);
    let parts: Vec<String> = chart
        .data
        .rows
        .iter()
        .map(|r| {
            let vals: Vec<String> = p
                .series
                .iter()
                .map(|s| {
                    if p.series.len() == 1 {
                        value(cell(r, s.col))
                    } else {
                        format!("{} {}", s.label, value(cell(r, s.col)))
                    }
                })
                .collect();
            let sep = if ja { "、" } else { ", " };
            if ja {
                format!("{}：{}", category(p, r), vals.join(sep))
            } else {
                format!("{}: {}", category(p, r), vals.join(sep))
            }
        })
        .collect();
    if ja {
        format!("ドットチャート：{measure}。{}。", parts.join("；"))
    } else {
        format!("Dot plot of {}: {}.", measure, parts.join("; "))
    }
}

impl super::Draw for DotChart {
    fn layout(&self, chart: &Chart, cx: &Context) -> Laid {
        layout(chart, self, cx)
    }
    fn describe(&self, chart: &Chart, lang: Lang) -> String {
        describe(chart, self, lang)
    }
    fn fitted(&self) -> bool {
        true
    }
    /// A dot is a position, not a length: a shared axis need not reach zero.
    fn sharing(&self) -> super::Sharing {
        super::Sharing::Values { from_zero: false }
    }
}
