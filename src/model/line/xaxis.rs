//! The x axis of a line (and of bars over time): calendar ticks for dates, round numbers for
//! years and numbers, drawn without touching.

use super::{Anchor, Canvas, Face, Item, Label, Role, Scale, Stroke};
use crate::data::time::Stamp;
use crate::model::cell;
use crate::model::figure::overlaps;
use crate::model::frame::size;
use crate::model::scale::nice_step;
use crate::model::timeaxis::{TimeAxis, TimeTick};
use crate::spec::{Chart, Plot, XType};

/// The tick choice of a temporal x axis whose column holds dates; `None` for years and
/// numbers (which keep numeric ticks).
pub fn date_axis<'a>(
    chart: &Chart,
    plot: &'a Plot,
    lang: crate::i18n::Lang,
) -> Option<TimeAxis<'a>> {
    if plot.x.kind != XType::Temporal {
        return None;
    }
    let xf = plot.x.field?;
    let stamps: Vec<&Stamp> = chart
        .data
        .rows
        .iter()
        .filter_map(|r| cell(r, xf).stamp())
        .collect();
    let unit = stamps.iter().map(|s| s.unit).max()?;
    let quarterly = stamps.len() > 1
        && stamps.iter().all(|s| {
            s.at.day() == 1
                && (s.at.month() - 1) % 3 == 0
                && s.at.time() == jiff::civil::Time::midnight()
        })
        && stamps.windows(2).all(|w| {
            let months = |s: &Stamp| i32::from(s.at.year()) * 12 + i32::from(s.at.month());
            (months(w[1]) - months(w[0])).abs() % 3 == 0
        });
    let xs: Vec<f64> = chart
        .data
        .rows
        .iter()
        .filter_map(|r| cell(r, xf).x_position())
        .collect();
    let lo = xs.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = xs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    Some(TimeAxis {
        lo: plot.x.min.unwrap_or(lo),
        hi: plot.x.max.unwrap_or(hi),
        unit,
        quarterly,
        lang,
        pattern: plot.x.date_format.as_deref(),
    })
}

/// The ticks of a number or year x axis over `xmin..=xmax`, `room` px wide: round values inside
/// the data range (whole years on a time axis), plus both ends.
pub fn number_ticks(x: &crate::spec::Axis, xmin: f64, xmax: f64, room: f64) -> Vec<TimeTick> {
    let step = nice_step(xmax - xmin, (room / 70.0).floor().max(2.0) as usize);
    let step = if x.kind == XType::Temporal {
        step.max(1.0).round()
    } else {
        step
    };
    let mut xticks: Vec<f64> = Vec::new();
    let mut t = (xmin / step).ceil() * step;
    while t <= xmax + 1e-9 && xticks.len() < 200 {
        xticks.push(t);
        t += step;
    }
    let xdec = if x.kind == XType::Temporal {
        0
    } else {
        crate::model::format::decimals_for_step(step)
    };
    [xmin, xmax]
        .iter()
        .chain(xticks.iter())
        .map(|v| TimeTick {
            pos: *v,
            label: x.format.number(*v, xdec),
        })
        .collect()
}

/// Draws the ticks of an x axis (dates or numbers) below the plot, leaving out any label that
/// would touch one already placed.
pub fn x_ticks(c: &mut Canvas, ticks: &[TimeTick], xs: &Scale, plot_bottom: f64) {
    let mut placed: Vec<(f64, f64, f64, f64)> = Vec::new();
    for t in ticks {
        let l = Label {
            x: xs.map(t.pos),
            y: plot_bottom + 8.0 + size::tick() * 0.95,
            anchor: Anchor::Middle,
            size: size::tick(),
            face: Face::Regular,
            color: c.theme.muted,
            text: t.label.clone(),
            role: Role::Tick,
        };
        let b = l.bbox();
        let b = (b.0 - 6.0, b.1, b.2 + 6.0, b.3);
        if placed.iter().any(|p| overlaps(*p, b, 0.0)) {
            continue;
        }
        placed.push(b);
        c.line(
            l.x,
            plot_bottom,
            l.x,
            plot_bottom + 4.0,
            Stroke::solid(c.theme.axis, c.theme.lines.rule),
        );
        c.items.push(Item::Text(l));
    }
}
