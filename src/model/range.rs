//! Layout of `range` charts: one low–high dumbbell per category and range series, labelled
//! with both ends, on a light vertical grid.

use super::figure::{Anchor, Item, Role, Stroke};
use super::frame::{self, size, Canvas, Frame, Swatch};
use super::Context;
use super::{category, cell, describe, nth};
use crate::data::Cell;
use crate::fonts::{self, Face};
use crate::i18n::Lang;
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
    // Reference values (`series`): a dark tick across each category's band, named in the key.
    let mut keys = super::key::cell_keys(chart, &cols, false);
    keys.extend(
        rc.plot
            .series
            .iter()
            .map(|s| super::key::Key::Reference(s.label.clone())),
    );
    let f = Frame::begin(&mut c, chart, legend, &keys);
    let fh = f.foot_h;
    let rows = &chart.data.rows;
    let k = rc.ranges.len().max(1);
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
            let (lo, hi) = (cell(row, r.low), cell(row, r.high));
            let text = if rc.arrow.is_some() {
                format!(
                    "{} → {}",
                    fmt.cell(lo).unwrap_or_default(),
                    fmt.cell(hi).unwrap_or_default()
                )
            } else {
                range_text(lo, hi)
            };
            value_w = value_w.max(fonts::text_width(
                &text,
                size::tick(),
                Face::Regular.at(crate::fonts::Slot::Tick),
            ));
        }
    }
    // An arrow range's key: "● 1952 ──▶ 2007".
    let mut key_bottom = f.top;
    if let Some((from, to)) = &rc.arrow {
        let y = f.top + size::label() * 0.9;
        let (ink, muted) = (c.theme.ink, c.theme.muted);
        let mut x = size::margin() + 4.0;
        let paper = c.theme.paper;
        c.items.push(Item::Circle {
            cx: x,
            cy: y - size::label() * 0.35,
            r: 4.0,
            fill: Some(muted),
            stroke: Some(Stroke::solid(paper, 1.0)),
        });
        x += 9.0;
        c.text(
            x,
            y,
            Anchor::Start,
            size::label(),
            Face::Regular,
            ink,
            from,
            Role::Legend,
        );
        x += fonts::text_width(from, size::label(), Face::Regular) + 8.0;
        arrow(&mut c, x, x + 30.0, y - size::label() * 0.35, muted);
        x += 38.0;
        c.text(
            x,
            y,
            Anchor::Start,
            size::label(),
            Face::Regular,
            ink,
            to,
            Role::Legend,
        );
        key_bottom = y + 10.0;
    }
    let top = frame::axis_title(&mut c, &rc.plot.y, key_bottom, 8.0);
    let sub_h = 15.0;
    let mut values: Vec<f64> = rows
        .iter()
        .flat_map(|r| {
            rc.ranges.iter().flat_map(move |s| {
                [cell(r, s.low).position(), cell(r, s.high).position()]
                    .into_iter()
                    .flatten()
            })
        })
        .collect();
    values.extend(rows.iter().flat_map(|r| {
        rc.plot
            .series
            .iter()
            .filter_map(|s| cell(r, s.col).position())
    }));
    let frame_rows = super::rows::layout(
        &mut c,
        chart,
        &super::rows::RowSpec {
            axis: &rc.plot.y,
            format: fmt,
            band_h: k as f64 * sub_h,
            values: &values,
            value_w,
            zero: true,
        },
        top,
        fh,
    );
    let (xs, d0, height) = (frame_rows.xs, frame_rows.d0, frame_rows.height);
    for (ri, row) in rows.iter().enumerate() {
        let y0 = frame_rows.bands.get(ri).copied().unwrap_or(0.0);
        frame_rows.name(&mut c, ri);
        // Reference ticks first: the range marks and their labels (on a paper patch) go over.
        for s in &rc.plot.series {
            if let Some(v) = cell(row, s.col).position() {
                let (x, ink) = (xs.map(v), c.theme.ink);
                c.line(
                    x,
                    y0 + 1.0,
                    x,
                    y0 + k as f64 * sub_h - 1.0,
                    Stroke::solid(ink, 2.5),
                );
            }
        }
        for (si, r) in rc.ranges.iter().enumerate() {
            let color = nth(&colors, si);
            let y = y0 + si as f64 * sub_h + sub_h / 2.0;
            let (lo, hi) = (cell(row, r.low), cell(row, r.high));
            match (lo.position(), hi.position()) {
                (Some(a), Some(b)) if rc.arrow.is_some() => {
                    let (xa, xb) = (xs.map(a), xs.map(b));
                    let paper = c.theme.paper;
                    c.items.push(Item::Circle {
                        cx: xa,
                        cy: y,
                        r: 4.0,
                        fill: Some(color),
                        stroke: Some(Stroke::solid(paper, 1.0)),
                    });
                    arrow(&mut c, xa, xb, y, color);
                    let text = format!(
                        "{} → {}",
                        fmt.cell(lo).unwrap_or_default(),
                        fmt.cell(hi).unwrap_or_default()
                    );
                    let ink = c.theme.ink;
                    c.text(
                        xa.max(xb) + 8.0,
                        y + size::tick() * 0.35,
                        Anchor::Start,
                        size::tick(),
                        Face::Regular.at(crate::fonts::Slot::Tick),
                        ink,
                        &text,
                        Role::Value,
                    );
                }
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
                    let ink = c.theme.ink;
                    c.halo_text(
                        xb + 8.0,
                        y + size::tick() * 0.35,
                        Anchor::Start,
                        size::tick(),
                        Face::Regular.at(crate::fonts::Slot::Tick),
                        ink,
                        &range_text(lo, hi),
                        Role::Value,
                    );
                }
                _ => c.no_data(xs.map(d0) + 6.0, y + size::tick() * 0.35, Anchor::Start),
            }
        }
    }
    f.finish(&mut c, width, height);
    c.done(width, height)
}

/// An arrow from `x0` to `x1` at height `y`: a line, and a head at `x1` pointing its way (a
/// head alone where the two ends nearly meet).
fn arrow(c: &mut Canvas, x0: f64, x1: f64, y: f64, color: crate::spec::Color) {
    let dir = if x1 >= x0 { 1.0 } else { -1.0 };
    let (len, half) = (8.0, 4.5);
    if (x1 - x0).abs() > len {
        c.line(
            x0,
            y,
            x1 - dir * (len - 1.0),
            y,
            Stroke::solid(color, c.theme.lines.series),
        );
    }
    c.items.push(Item::Polygon {
        points: vec![
            (x1, y),
            (x1 - dir * len, y - half),
            (x1 - dir * len, y + half),
        ],
        fill: Some(color),
        stroke: None,
    });
}

impl super::Draw for RangeChart {
    fn layout(&self, chart: &Chart, cx: &Context) -> super::Laid {
        layout(chart, self, cx)
    }
    fn describe(&self, chart: &Chart, lang: Lang) -> String {
        describe(chart, self, lang)
    }
    fn fitted(&self) -> bool {
        true
    }
    fn value_cols(&self, _chart: &Chart) -> Vec<usize> {
        let ranges = self.ranges.iter().flat_map(|s| [s.low, s.high]);
        ranges
            .chain(self.plot.series.iter().map(|s| s.col))
            .collect()
    }
    fn legend(&self, _chart: &Chart) -> Vec<String> {
        self.ranges.iter().map(|s| s.label.clone()).collect()
    }
}

/// What a screen reader hears: each category's low and high (or start and end) per range.
pub fn describe(chart: &Chart, rc: &RangeChart, lang: Lang) -> String {
    let p = &rc.plot;
    let rows = &chart.data.rows;
    let say = describe::Say::of(p, lang);
    let (ja, measure) = (say.ja, &say.measure);
    let value = |c: &Cell| say.value(c);
    let parts: Vec<String> = rows
        .iter()
        .map(|r| {
            let refs = p
                .series
                .iter()
                .filter(|s| cell(r, s.col).position().is_some());
            let refs: Vec<String> = refs
                .map(|s| match ja {
                    true => format!("{} {}", s.label, value(cell(r, s.col))),
                    false => format!("{} {}", s.label.to_lowercase(), value(cell(r, s.col))),
                })
                .collect();
            let vals: Vec<String> = rc
                .ranges
                .iter()
                .map(|g| {
                    if ja {
                        format!(
                            "{} {}〜{}",
                            g.label,
                            value(cell(r, g.low)),
                            value(cell(r, g.high))
                        )
                    } else {
                        format!(
                            "{} {} to {}",
                            g.label.to_lowercase(),
                            value(cell(r, g.low)),
                            value(cell(r, g.high))
                        )
                    }
                })
                .chain(refs)
                .collect();
            if ja {
                format!("{}：{}", category(p, r), vals.join("、"))
            } else {
                format!("{}: {}", category(p, r), vals.join(", "))
            }
        })
        .collect();
    let arrow = rc.arrow.clone();
    match (arrow, ja) {
        (Some((from, to)), true) => format!(
            "矢印グラフ：{measure}（{from}から{to}へ）。{}。",
            parts.join("；")
        ),
        (Some((from, to)), false) => format!(
            "Arrow chart of {}, from {from} to {to}: {}.",
            measure,
            parts.join("; ")
        ),
        (None, true) => format!(
            "範囲グラフ：{measure}（下限〜上限）。{}。",
            parts.join("；")
        ),
        (None, false) => format!(
            "Range chart of {}, low to high: {}.",
            measure,
            parts.join("; ")
        ),
    }
}
