//! Periods and bounds on a line's time axis: how far apart two points may be and still be
//! joined, the periods the data skip (marked "no figure"), runs of one bound (drawn as a band),
//! and the key those marks need.

use super::Point;
use crate::data::{Bound, Cell};
use crate::model::cell;
use crate::model::key::Key;
use crate::spec::{Chart, LineChart, Plot, XType};

/// What the key must explain: lone bounds, approximate values, breaks, and the periods
/// without figures (marked, or joined when the spec asks).
pub(super) fn line_keys(
    l: &LineChart,
    series: &[Vec<Point>],
    gaps: &[(f64, f64)],
    limit: f64,
) -> Vec<Key> {
    let mut keys = Vec::new();
    let mut add = |k: Key| {
        if !keys.contains(&k) {
            keys.push(k);
        }
    };
    for pts in series {
        for r in bound_runs(pts, limit).into_iter().filter(|r| r.len() == 1) {
            if let Some(Cell::Censored { bound, .. }) = r.first().map(|p| p.cell) {
                add(Key::Bound(*bound, false));
            }
        }
        for p in pts {
            match p.cell {
                Cell::Approx { .. } => add(Key::Approx { points: true }),
                Cell::Missing(_) => add(Key::Gap),
                _ => {}
            }
        }
    }
    if !gaps.is_empty() {
        add(if l.join_gaps {
            Key::Joined
        } else {
            Key::NoFigure
        });
    }
    keys
}

/// Whether a cell is a bound only (`<1000`).
pub(super) fn is_bound(c: &Cell) -> bool {
    matches!(c, Cell::Censored { .. })
}

/// Whether point `i` is joined to a neighbour by a line.
pub(super) fn joined(pts: &[Point], i: usize, limit: f64, join_gaps: bool) -> bool {
    let ok = |j: usize| {
        pts.get(j).is_some_and(|q| {
            q.cell.position().is_some()
                && !is_bound(q.cell)
                && (join_gaps || (q.x - pts[i].x).abs() <= limit)
        })
    };
    !is_bound(pts[i].cell) && ((i > 0 && ok(i - 1)) || ok(i + 1))
}

/// Consecutive points (no period between them missing) that state the same bound.
pub(super) fn bound_runs<'a, 'b>(pts: &'b [Point<'a>], limit: f64) -> Vec<Vec<Point<'a>>> {
    let mut out: Vec<Vec<Point>> = Vec::new();
    for p in pts {
        if !is_bound(p.cell) {
            continue;
        }
        match out.last_mut() {
            Some(r)
                if r.last().is_some_and(|q| {
                    q.cell == p.cell
                        && p.x - q.x <= limit
                        && !pts.iter().any(|o| o.x > q.x && o.x < p.x)
                }) =>
            {
                r.push(*p)
            }
            _ => out.push(vec![*p]),
        }
    }
    out
}

/// The spans between consecutive x values that some series gives a value for, where the
/// data skip periods: `(last x before, first x after)`.
pub(super) fn gaps(series: &[Vec<Point>], limit: f64) -> Vec<(f64, f64)> {
    let mut xs: Vec<f64> = series
        .iter()
        .flatten()
        .filter(|p| p.cell.position().is_some())
        .map(|p| p.x)
        .collect();
    xs.sort_by(f64::total_cmp);
    xs.dedup();
    xs.windows(2)
        .filter(|w| w[1] - w[0] > limit)
        .map(|w| (w[0], w[1]))
        .collect()
}

/// The label of a band of bounds: the bound as the axis writes it, "a year" on a year axis.
pub(super) fn band_label(
    bound: &Cell,
    chart: &Chart,
    plot: &Plot,
    lang: crate::i18n::Lang,
) -> String {
    let fmt = &plot.y.format;
    // Japanese writes a bound in words after the number (1,000未満).
    let text = match (bound, lang.words().ja) {
        (
            Cell::Censored {
                bound,
                value,
                decimals,
            },
            true,
        ) => lang
            .words()
            .bound(*bound == Bound::Below, &fmt.number(*value, *decimals)),
        _ => fmt.cell(bound).unwrap_or_default(),
    };
    let yearly = plot.x.kind == XType::Temporal
        && !chart
            .data
            .rows
            .iter()
            .any(|r| cell(r, plot.x.field.unwrap_or(0)).stamp().is_some());
    match (yearly, lang.words().ja) {
        (true, false) => format!("{text} a year"),
        (true, true) => format!("毎年{text}"),
        (false, _) => text,
    }
}

/// The data's usual step on a time axis (a year for yearly data, the median step for
/// dates): how wide one period is; infinite off a time axis.
pub(super) fn period(chart: &Chart, plot: &Plot) -> f64 {
    let limit = gap_limit(chart, plot);
    if !limit.is_finite() {
        return f64::INFINITY;
    }
    if limit <= 1.0 + 1e-6 {
        1.0
    } else {
        limit / 1.5
    }
}

/// The distinct x positions of the data, in order.
pub(super) fn distinct_x(chart: &Chart, plot: &Plot) -> Vec<f64> {
    let xf = plot.x.field.unwrap_or(0);
    let mut xs: Vec<f64> = chart
        .data
        .rows
        .iter()
        .filter_map(|r| cell(r, xf).x_position())
        .collect();
    xs.sort_by(f64::total_cmp);
    xs.dedup();
    xs
}

/// How far apart two points of a time axis may be and still be joined by a solid line: a
/// year for yearly data; for dates, one and a half times the data's usual step (the median),
/// so a missing day of a daily series or a missing month of a monthly one is a gap.
pub(crate) fn gap_limit(chart: &Chart, plot: &Plot) -> f64 {
    if plot.x.kind != XType::Temporal {
        return f64::INFINITY;
    }
    let xf = plot.x.field.unwrap_or(0);
    if !chart
        .data
        .rows
        .iter()
        .any(|r| cell(r, xf).stamp().is_some())
    {
        return 1.0 + 1e-9;
    }
    let xs = distinct_x(chart, plot);
    let mut steps: Vec<f64> = xs.windows(2).map(|w| w[1] - w[0]).collect();
    if steps.is_empty() {
        return f64::INFINITY;
    }
    steps.sort_by(f64::total_cmp);
    steps[steps.len() / 2] * 1.5
}
