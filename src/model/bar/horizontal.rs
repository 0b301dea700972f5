//! Horizontal bars: one row per category, its name on the left (wrapped), the bars growing
//! right from zero (left for negatives), their values at their ends, reference lines down.

use super::marks::Bands;
use super::*;

pub(super) fn layout(chart: &Chart, b: &BarChart, cx: &Context) -> crate::model::Laid {
    let Start {
        mut c,
        colors,
        patterns,
        f,
        top,
    } = start(chart, b, cx);
    let width = chart.width;
    let fh = f.foot_h;
    let rows = &chart.data.rows;
    let k = b.plot.series.len().max(1);
    let inner = width - 2.0 * size::margin();

    let max_label = inner * 0.36;
    let cats: Vec<String> = rows.iter().map(|r| category(&b.plot, r)).collect();
    let secs: Vec<Option<String>> = rows.iter().map(|r| secondary(&b.plot, r)).collect();
    let label_w = secs
        .iter()
        .flatten()
        .map(|t| fonts::text_width(t, size::note(), Face::NOTE))
        .fold(0.0, f64::max)
        .min(max_label.max(inner * 0.45))
        .max(fonts::label_column(
            cats.iter().map(String::as_str),
            size::label(),
            Face::Regular,
            max_label,
            inner * 0.45,
        ));
    let wrapped: Vec<Vec<String>> = cats
        .iter()
        .map(|t| fonts::wrap(t, size::label(), Face::Regular, label_w.max(40.0)))
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
    let mut row_h: Vec<f64> = rows
        .iter()
        .enumerate()
        .map(|(i, _)| {
            let lines = wrapped.get(i).map_or(1, Vec::len) as f64;
            let text_h = lines * size::label() * size::leading()
                + if secs.get(i).is_some_and(Option::is_some) {
                    size::note() * size::leading()
                } else {
                    0.0
                };
            bars_h.max(text_h) + row_gap
        })
        .collect();
    let plot_top = top + 2.0;
    // A height given (or asked for by the handout) takes up to 6 px from each row's gap.
    let natural_h = row_h.clone();
    let height = crate::model::rows::fit(chart.height, plot_top + fh, &mut row_h, 6.0);
    let plot_h: f64 = row_h.iter().sum();

    // Value label room on the right.
    let value_w = if percent(b) {
        0.0
    } else {
        let mut w: f64 = 0.0;
        for row in rows {
            if stacked(b) {
                w = w.max(fonts::text_width(
                    &b.plot.y.format.number(row_total(b, row), 0),
                    size::value(),
                    Face::Bold.at(crate::fonts::Slot::Value),
                ));
            } else {
                for s in &b.plot.series {
                    w = w.max(fonts::text_width(
                        &label_for(&b.plot.y.format, cell(row, s.col)),
                        size::value(),
                        Face::Bold.at(crate::fonts::Slot::Value),
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
                fonts::text_width(
                    &label_for(&b.plot.y.format, v),
                    size::value(),
                    Face::Bold.at(crate::fonts::Slot::Value),
                ) + 8.0
            })
            .fold(0.0, f64::max)
            .min(inner * 0.2)
    };
    let (plot_left, plot_right) = c.plot_x(
        size::margin() + label_w + 12.0,
        width - size::margin() - value_w,
    );
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

    let bands = Bands {
        orient: Orientation::Horizontal,
        vs: xs,
        zero,
        thick: bt,
        step: bt + gap,
        inset: 0.0,
        value_size: if k > 1 && !stacked(b) {
            size::tick()
        } else {
            size::value()
        },
        show_values: b.plot.values,
        colors: &colors,
        by_row: row_colors(chart, b, &c),
        patterns: &patterns,
        all_positive: lo >= 0.0,
    };
    let mut y = plot_top;
    for (ri, row) in rows.iter().enumerate() {
        let h = row_h.get(ri).copied().unwrap_or(bt);
        let gap = row_gap - (natural_h.get(ri).copied().unwrap_or(h) - h);
        let band_top = y + gap / 2.0;
        let band_h = h - gap;
        let bars_top = band_top + (band_h - bars_h) / 2.0;
        // Category label, vertically centred on the bars.
        let lines = wrapped.get(ri).cloned().unwrap_or_default();
        let sec = secs.get(ri).cloned().flatten();
        let text_h = lines.len() as f64 * size::label() * size::leading()
            + if sec.is_some() {
                size::note() * size::leading()
            } else {
                0.0
            };
        let mut ty = band_top + (band_h - text_h) / 2.0 + size::label() * 0.95;
        for l in &lines {
            c.text(
                plot_left - 10.0,
                ty,
                Anchor::End,
                size::label(),
                Face::Regular,
                c.theme.ink,
                l,
                Role::Category,
            );
            ty += size::label() * size::leading();
        }
        if let Some(s) = sec {
            c.text(
                plot_left - 10.0,
                ty - size::label() * 0.95 + size::note() * 0.95,
                Anchor::End,
                size::note(),
                Face::NOTE,
                c.theme.muted,
                &s,
                Role::Category,
            );
        }
        bands.row(&mut c, b, row, ri, bars_top);
        y += h;
    }
    c.line(
        zero,
        plot_top + 4.0,
        zero,
        plot_top + plot_h - 4.0,
        Stroke::solid(c.theme.axis, c.theme.lines.rule),
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
                size::tick(),
                Face::Bold.at(crate::fonts::Slot::Tick),
                c.theme.ink,
                text,
                Role::Annotation,
            );
        }
    }
    f.finish(&mut c, width, height);
    c.done(width, height)
}
