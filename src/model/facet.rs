//! Small multiples: one panel per value of the facet column, laid out by the chart's own kind
//! as a small chart (its title the value, no legend, no footer), placed in a grid under one
//! header, one legend and one footer. Shared scales give every panel the same axes; only the
//! panels of the first column then write the value axis's ticks and title.

use std::sync::Arc;

use super::figure::{Anchor, Item, Role};
use super::frame::{Canvas, Frame, Swatch};
use super::{draw, laid, nth, Context, Sharing};
use crate::data::transform::split;
use crate::data::Cell;
use crate::i18n::Lang;
use crate::spec::{Chart, Facet};

/// One panel's chart: the rows of one facet value, titled with it, nothing else of the
/// figure's frame.
fn panel(chart: &Chart, name: &str, table: crate::data::Table, w: f64, h: Option<f64>) -> Chart {
    Chart {
        title: name.to_string(),
        subtitle: None,
        notes: Vec::new(),
        source: None,
        footnotes: Vec::new(),
        alt: None,
        width: w,
        height: h,
        facet: None,
        data: Arc::new(table),
        ..chart.clone()
    }
}

/// Whether the kind fits its height to its rows (horizontal bars, ranges, dots).
fn fitted(chart: &Chart) -> bool {
    draw(&chart.body).fitted()
}

/// The value range every panel must show (shared scales): the lowest and highest values drawn,
/// stack totals for stacks; zero included where the kind grows from it.
fn shared_values(chart: &Chart) -> Option<(f64, f64)> {
    chart.plot()?;
    let rows = &chart.data.rows;
    let pos = |r: &crate::data::Row, c: usize| r.cells.get(c).and_then(Cell::position);
    let kind = draw(&chart.body);
    let cols = kind.value_cols(chart);
    let (stacked, from_zero) = match kind.sharing() {
        Sharing::Whole => return None,
        Sharing::Stacked => (true, true),
        Sharing::Values { from_zero } => (false, from_zero),
    };
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for r in rows {
        if stacked {
            let vals: Vec<f64> = cols.iter().filter_map(|c| pos(r, *c)).collect();
            hi = hi.max(vals.iter().filter(|v| **v > 0.0).sum());
            lo = lo.min(vals.iter().filter(|v| **v < 0.0).sum());
        } else {
            for c in &cols {
                if let Some(v) = pos(r, *c) {
                    lo = lo.min(v);
                    hi = hi.max(v);
                }
            }
        }
    }
    if !lo.is_finite() {
        return None;
    }
    if from_zero {
        lo = lo.min(0.0);
        hi = hi.max(0.0);
    }
    Some((lo, hi))
}

/// The x range every panel of a line, area or scatter shows.
fn shared_x(chart: &Chart) -> Option<(f64, f64)> {
    let p = chart.plot()?;
    if !draw(&chart.body).numeric_x() {
        return None;
    }
    let xf = p.x.field?;
    let xs: Vec<f64> = chart
        .data
        .rows
        .iter()
        .filter_map(|r| r.cells.get(xf).and_then(Cell::x_position))
        .collect();
    let lo = xs.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = xs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    lo.is_finite().then_some((lo, hi))
}

/// The figure's one legend: the series (or a scatter's groups), when there are several.
fn legend(chart: &Chart, cx: &Context) -> Vec<Swatch> {
    let colors = super::series_colors(chart, cx.theme);
    let kind = draw(&chart.body);
    let names = kind.legend(chart);
    if names.len() < 2 {
        return Vec::new();
    }
    let patterns = if kind.hatched() {
        super::bar::series_patterns(&colors)
    } else {
        vec![0; names.len()]
    };
    names
        .into_iter()
        .enumerate()
        .map(|(i, name)| Swatch {
            name,
            color: nth(&colors, i),
            hollow: false,
            pattern: patterns.get(i).copied().unwrap_or(0),
        })
        .collect()
}

/// The chart of every panel, before placing: with shared scales, each panel's axes are set
/// to the whole data's range.
fn panels(chart: &Chart, f: &Facet, w: f64, h: Option<f64>) -> Vec<Chart> {
    let values = if f.free_y { None } else { shared_values(chart) };
    let x = shared_x(chart);
    split(&chart.data, f.col)
        .into_iter()
        .map(|(name, t)| {
            let mut p = panel(chart, &name, t, w, h);
            if let Some(plot) = p.plot_mut() {
                if let Some((lo, hi)) = values {
                    // The round domain the whole data would get, so that every panel ends on
                    // the same ticks.
                    let (lo, hi) = if plot.y.scale == super::scale::ScaleKind::Log {
                        (lo, hi)
                    } else {
                        // Marks away from zero keep clear of the axis's ends.
                        let below = if lo == 0.0 { 0.0 } else { (hi - lo) * 0.04 };
                        let (a, b, _) =
                            super::scale::nice_domain(lo - below, hi + (hi - lo) * 0.06, 5);
                        (a, b)
                    };
                    plot.y.min = Some(plot.y.min.unwrap_or(lo));
                    plot.y.max = Some(plot.y.max.unwrap_or(hi));
                }
                if let Some((lo, hi)) = x {
                    plot.x.min = Some(plot.x.min.unwrap_or(lo));
                    plot.x.max = Some(plot.x.max.unwrap_or(hi));
                }
            }
            p
        })
        .collect()
}

/// Lays out the figure: items, width, height, and what the panels left out.
pub fn layout(chart: &Chart, f: &Facet, cx: &Context) -> (Vec<Item>, f64, f64, Vec<String>) {
    let width = chart.width;
    let n = split(&chart.data, f.col).len().max(1);
    let cols = f.columns.clamp(1, n);
    let rows = n.div_ceil(cols);
    let panel_w = (width / cols as f64).floor();
    let pcx = Context { panel: true, ..*cx };
    let default_h = if fitted(chart) {
        None
    } else {
        Some((panel_w * 0.9).clamp(210.0, 360.0))
    };
    // A first pass for the panels' key entries, which the footer's height needs.
    let first: Vec<super::Laid> = panels(chart, f, panel_w, default_h)
        .iter()
        .map(|p| laid(p, &pcx))
        .collect();
    let mut keys: Vec<super::key::Key> = Vec::new();
    for k in first.iter().flat_map(|l| l.keys.iter()) {
        if !keys.contains(k) {
            keys.push(k.clone());
        }
    }
    keys.extend(draw(&chart.body).grid_keys(chart, cx.lang));
    let mut c = Canvas::new(cx);
    let frame = Frame::begin(&mut c, chart, &legend(chart, cx), &keys);
    let top = frame.top;
    // Every panel's plot runs between the same ends (the widest labels' room on each side),
    // so that the grid lines of a shared scale line up from panel to panel.
    let ends = first.iter().filter_map(|l| l.plot_x);
    let left = ends.clone().map(|e| e.0).fold(f64::NEG_INFINITY, f64::max);
    let right = ends.map(|e| e.1).fold(f64::INFINITY, f64::min);
    let pcx = Context {
        plot_x: (left.is_finite() && right - left > 40.0).then_some((left, right)),
        ..pcx
    };
    let ph = match chart.height {
        Some(h) => Some(((h - top - frame.foot_h) / rows as f64).max(120.0)),
        None => default_h,
    };
    // The first pass stands when it already had this height and these ends everywhere.
    let same = chart.height.is_none()
        && first
            .iter()
            .all(|l| l.plot_x.is_none() || l.plot_x == pcx.plot_x);
    let laid_out: Vec<super::Laid> = if same {
        first
    } else {
        panels(chart, f, panel_w, ph)
            .iter()
            .map(|p| laid(p, &pcx))
            .collect()
    };
    let panel_h = laid_out.iter().map(|l| l.height).fold(0.0, f64::max);
    let shared_x_axis = shared_x(chart).is_some();
    let across = fitted(chart);
    let mut notices = Vec::new();
    for (i, l) in laid_out.into_iter().enumerate() {
        let (col, row) = (i % cols, i / cols);
        let (dx, dy) = (col as f64 * panel_w, top + row as f64 * panel_h);
        // A shared number or time axis is written under the panels with none below them.
        let below = i + cols < n;
        for item in l.items {
            if let Item::Text(t) = &item {
                // With shared scales, the value axis is written once, in the first column.
                let y_axis = (t.role == Role::Tick && t.anchor == Anchor::End)
                    || (t.role == Role::AxisTitle && t.anchor == Anchor::Start);
                let x_axis = (t.role == Role::Tick && t.anchor == Anchor::Middle)
                    || (t.role == Role::AxisTitle && t.anchor == Anchor::End);
                // A horizontal kind's value axis runs along the bottom: shared, it is
                // written under the bottom panels only, like a shared x axis.
                let shared_bottom = shared_x_axis || (across && !f.free_y);
                if (y_axis && col > 0 && !f.free_y) || (x_axis && below && shared_bottom) {
                    continue;
                }
            }
            c.items.push(item.shifted(dx, dy));
        }
        notices.extend(l.notices);
    }
    let height = chart
        .height
        .unwrap_or((top + rows as f64 * panel_h + frame.foot_h).ceil());
    frame.finish(&mut c, width, height);
    (c.items, width, height, notices)
}

/// What a screen reader hears: how the panels are split, then each panel's own description.
pub fn describe(chart: &Chart, f: &Facet, lang: Lang) -> String {
    if let Some(alt) = &chart.alt {
        return alt.clone();
    }
    let ja = lang.words().ja;
    let field = chart.data.headers.get(f.col).cloned().unwrap_or_default();
    let parts: Vec<String> = panels(chart, f, chart.width, None)
        .iter()
        .map(|p| {
            format!(
                "{}{}{}",
                p.title,
                if ja { "：" } else { ": " },
                super::describe::describe(p, lang)
            )
        })
        .collect();
    let n = parts.len();
    let scales = match (f.free_y, ja) {
        (false, false) => "on shared axes",
        (true, false) => "each with its own value axis",
        (false, true) => "共通の軸",
        (true, true) => "値の軸はパネルごと",
    };
    if ja {
        format!(
            "{field}ごとの{n}枚のパネル（{scales}）。{}",
            parts.join(" ")
        )
    } else {
        format!(
            "Small multiples: {n} panels, one per {field}, {scales}. {}",
            parts.join(" ")
        )
    }
}
