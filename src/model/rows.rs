//! The frame of charts with one row per category down the left and a value axis across
//! (`range`, `dot`): names wrapped to a column, each row tall enough for its name and its
//! marks, a light vertical grid with the ticks below, and the zero line.

use super::figure::{Anchor, Role, Stroke};
use super::format::NumFormat;
use super::frame::{self, size, Canvas};
use super::scale::{nice_domain, Scale, ScaleKind, Ticks};
use super::{category, Chart};
use crate::fonts::{self, Face};
use crate::spec::Axis;

/// Where each row's marks go, and the value scale across.
pub struct Rows {
    pub xs: Scale,
    /// The top of each row's band of marks, and the band's height.
    pub bands: Vec<f64>,
    pub band_h: f64,
    /// The canvas height: the chart's own, or fitted to the rows.
    pub height: f64,
    /// The value axis's lower end (where "no data" is written).
    pub d0: f64,
    /// Each row's name, line by line, with its baseline.
    names: Vec<Vec<(f64, String)>>,
    name_x: f64,
}

/// What the rows hold: each row's band of marks `band_h` px tall, the values the axis must
/// show (zero is always one), and `value_w` px kept right of the plot for labels.
pub struct RowSpec<'a> {
    pub axis: &'a Axis,
    pub format: &'a NumFormat,
    pub band_h: f64,
    pub values: &'a [f64],
    pub value_w: f64,
    /// Whether the axis must hold zero (bars and lollipops grow from it; dots need not).
    pub zero: bool,
}

/// The canvas height for rows of heights `row_hs` between `fixed` px of header, axis and
/// footer: the rows' own sum, or the chart's `height` when it is given. A height shorter
/// than the rows takes up to `give` px from the space between each row (never from a row's
/// name or marks), and is raised to what the rows need beyond that: a chart never cuts off
/// its own rows. A taller height leaves the rows as they are.
pub fn fit(height: Option<f64>, fixed: f64, row_hs: &mut [f64], give: f64) -> f64 {
    let natural = fixed + row_hs.iter().sum::<f64>();
    let Some(want) = height else {
        return natural.ceil();
    };
    if want >= natural || row_hs.is_empty() {
        return want;
    }
    let each = ((natural - want) / row_hs.len() as f64).min(give);
    for h in row_hs.iter_mut() {
        *h -= each;
    }
    want.max((fixed + row_hs.iter().sum::<f64>()).ceil())
}

/// Lays out and draws the rows' frame below `top`, above a footer `fh` tall.
pub fn layout(c: &mut Canvas, chart: &Chart, spec: &RowSpec, top: f64, fh: f64) -> Rows {
    let width = chart.width;
    let plot = chart.plot();
    let rows = &chart.data.rows;
    let cats: Vec<String> = match plot {
        Some(p) => rows.iter().map(|r| category(p, r)).collect(),
        None => Vec::new(),
    };
    let inner = width - 2.0 * size::margin();
    let label_w = fonts::label_column(
        cats.iter().map(String::as_str),
        size::label(),
        Face::Regular,
        inner * 0.3,
        inner * 0.45,
    );
    // Category names wrap to the label column; a row grows to fit its name.
    let wrapped: Vec<Vec<String>> = cats
        .iter()
        .map(|t| fonts::wrap(t, size::label(), Face::Regular, label_w.max(40.0)))
        .collect();
    let lh = size::label() * size::leading();
    let mut row_hs: Vec<f64> = wrapped
        .iter()
        .map(|l| spec.band_h.max(l.len() as f64 * lh) + 12.0)
        .collect();
    let plot_top = top + 4.0;
    let axis_h = size::tick() * 1.3 + 10.0;
    let height = fit(chart.height, plot_top + axis_h + fh, &mut row_hs, 6.0);
    let row_tops: Vec<f64> = row_hs
        .iter()
        .scan(0.0, |acc, h| {
            let here = *acc;
            *acc += h;
            Some(here)
        })
        .collect();
    let plot_h: f64 = row_hs.iter().sum();
    let (plot_left, plot_right) = c.plot_x(
        size::margin() + label_w + 14.0,
        width - size::margin() - spec.value_w - 10.0,
    );
    // The axis holds zero and every value, negative or not; `min` and `max` widen it
    // (validation refuses values outside them).
    let (start_lo, start_hi) = if spec.zero {
        (0.0, 0.0)
    } else {
        (f64::INFINITY, f64::NEG_INFINITY)
    };
    let lo = spec.values.iter().copied().fold(start_lo, f64::min);
    let hi = spec.values.iter().copied().fold(start_hi, f64::max);
    let (lo, hi) = if lo.is_finite() { (lo, hi) } else { (0.0, 1.0) };
    // Marks away from zero keep clear of the axis's ends.
    let (lo, hi) = if spec.zero {
        (lo, hi)
    } else {
        let pad = (hi - lo).max(hi.abs() * 0.02) * 0.04;
        (lo - pad, hi + pad)
    };
    let y = spec.axis;
    // About one tick per 60 px of plot: five across a page, three across a phone.
    let target = ((plot_right - plot_left) / 60.0).floor().clamp(2.0, 5.0) as usize;
    let (n0, n1, ticks) = nice_domain(y.min.unwrap_or(lo), y.max.unwrap_or(hi), target);
    let (d0, d1) = (y.min.unwrap_or(n0), y.max.unwrap_or(n1));
    let ticks = Ticks {
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
    let (tick_labels, _) = frame::tick_labels(spec.format, &ticks, f64::INFINITY);
    let bottom = plot_top + plot_h;
    for (v, label) in ticks.values.iter().zip(&tick_labels) {
        let x = xs.map(*v);
        c.line(
            x,
            plot_top,
            x,
            bottom,
            Stroke::solid(c.theme.grid, c.theme.lines.grid),
        );
        c.text(
            x,
            bottom + 8.0 + size::tick() * 0.95,
            Anchor::Middle,
            size::tick(),
            Face::Regular.at(crate::fonts::Slot::Tick),
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
        Stroke::solid(c.theme.axis, c.theme.lines.rule),
    );
    let mut bands = Vec::with_capacity(rows.len());
    let mut names = Vec::with_capacity(rows.len());
    for (ri, lines) in wrapped.into_iter().enumerate() {
        let rh = row_hs.get(ri).copied().unwrap_or(0.0);
        // Marks and name are centred on each other within the row.
        let y0 = plot_top
            + row_tops.get(ri).copied().unwrap_or(0.0)
            + 6.0
            + (rh - 12.0 - spec.band_h) / 2.0;
        let cy = y0 + spec.band_h / 2.0;
        let first = cy - (lines.len() as f64 - 1.0) * lh / 2.0;
        names.push(
            lines
                .into_iter()
                .enumerate()
                .map(|(li, t)| (first + li as f64 * lh + size::label() * 0.35, t))
                .collect(),
        );
        bands.push(y0);
    }
    Rows {
        xs,
        bands,
        band_h: spec.band_h,
        height,
        d0,
        names,
        name_x: plot_left - 10.0,
    }
}

impl Rows {
    /// Draws row `ri`'s name, right-aligned before the plot (each row draws its own, so that
    /// a row's name and marks stand together in the SVG).
    pub fn name(&self, c: &mut Canvas, ri: usize) {
        for (y, t) in self.names.get(ri).into_iter().flatten() {
            c.text(
                self.name_x,
                *y,
                Anchor::End,
                size::label(),
                Face::Regular,
                c.theme.ink,
                t,
                Role::Category,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fit;

    #[test]
    fn rows_fit_a_shorter_height_by_their_gaps_only() {
        // Three rows of 30 px under 100 px of header and footer: 190 px of their own.
        let mut rows = [30.0, 30.0, 30.0];
        assert_eq!(fit(None, 100.0, &mut rows, 6.0), 190.0);
        assert_eq!(rows, [30.0; 3]);
        // 181 px: 3 px from each gap.
        assert_eq!(fit(Some(181.0), 100.0, &mut rows, 6.0), 181.0);
        assert_eq!(rows, [27.0; 3]);
        // 150 px asks more than the gaps give: 6 px each, and the canvas is what the rows need.
        let mut rows = [30.0, 30.0, 30.0];
        assert_eq!(fit(Some(150.0), 100.0, &mut rows, 6.0), 172.0);
        assert_eq!(rows, [24.0; 3]);
        // A taller height leaves the rows alone.
        let mut rows = [30.0, 30.0, 30.0];
        assert_eq!(fit(Some(300.0), 100.0, &mut rows, 6.0), 300.0);
        assert_eq!(rows, [30.0; 3]);
    }
}
