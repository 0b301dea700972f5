//! Vertical bars: categories (or calendar ticks) along the bottom, the value axis and its grid
//! on the left, reference lines across and point labels above the bars.

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
    let height = chart.height.unwrap_or(420.0);
    let fh = f.foot_h;
    let rows = &chart.data.rows;
    let n = rows.len().max(1);
    let temporal = matches!(b.plot.x.kind, XType::Temporal | XType::Linear);
    // Dates get calendar ticks below the bars instead of a label per bar.
    let dates = crate::model::line::date_axis(chart, &b.plot, cx.lang);

    // Category labels below the plot, wrapped to the slot width.
    let plot_left_guess = size::margin() + 40.0;
    let slot_guess = (width - size::margin() - plot_left_guess) / n as f64;
    // Many one-word categories (months, codes) too wide for their slots: every k-th is named,
    // unbroken, rather than each broken between characters.
    let every = thinning(&b.plot, rows, slot_guess);
    let names: Vec<String> = rows.iter().map(|r| category(&b.plot, r)).collect();
    let widths = label_widths(&names, slot_guess);
    let cats: Vec<Vec<String>> = names
        .iter()
        .zip(&widths)
        .enumerate()
        .map(|(i, (name, w))| {
            if dates.is_some() || i % every != 0 {
                return Vec::new();
            }
            if every > 1 {
                return vec![name.clone()];
            }
            fonts::wrap(name, size::label(), Face::Regular, *w)
        })
        .collect();
    let secs: Vec<Option<String>> = rows.iter().map(|r| secondary(&b.plot, r)).collect();
    let cat_lines = cats.iter().map(Vec::len).max().unwrap_or(1).max(1) as f64;
    let sec_lines = if secs.iter().any(Option::is_some) {
        1.0
    } else {
        0.0
    };
    let cat_h = 8.0
        + cat_lines * size::label() * size::leading()
        + sec_lines * size::note() * size::leading();
    let plot_top = top + 4.0;
    let plot_bottom = (height - fh - cat_h - frame::x_title_room(&b.plot.x)).max(plot_top + 60.0);

    let k = b.plot.series.len().max(1);
    let value_size = if k > 2 { size::tick() } else { size::value() };
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
    let need = if show_values {
        size::value() * 1.4
    } else {
        0.0
    } + ann_lines * size::label() * 2.6;
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
    let (plot_left, plot_right) = c.plot_x(size::margin() + gutter + 8.0, width - size::margin());

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
        let (step, gaps) = super::skipped(&xs);
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
        // Periods without a figure are marked, not left blank (a blank reads as zero).
        for (g0, g1) in gaps {
            let (x0, x1) = (sx.map(g0 + step / 2.0), sx.map(g1 - step / 2.0));
            key::no_figure(&mut c, x0, x1, plot_top, plot_bottom);
        }
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

    let bands = Bands {
        orient: Orientation::Vertical,
        vs: ys,
        zero,
        thick: bar_w,
        step: bar_w,
        inset: if k > 1 && !stacked(b) { 1.0 } else { 0.0 },
        value_size,
        show_values,
        colors: &colors,
        by_row: row_colors(chart, b, &c),
        patterns: &patterns,
        all_positive: lo >= 0.0,
    };
    for (ri, row) in rows.iter().enumerate() {
        let cx = centers.get(ri).copied().unwrap_or(plot_left);
        let start = if stacked(b) {
            cx - bar_w / 2.0
        } else {
            cx - group_w / 2.0
        };
        bands.row(&mut c, b, row, ri, start);
        // Category label and secondary label.
        let mut y = plot_bottom + 8.0 + size::label() * 0.95;
        for line in cats.get(ri).into_iter().flatten() {
            c.text(
                cx,
                y,
                Anchor::Middle,
                size::label(),
                Face::Regular,
                c.theme.ink,
                line,
                Role::Category,
            );
            y += size::label() * size::leading();
        }
        if let Some(Some(s)) = secs.get(ri) {
            c.text(
                cx,
                y - (size::label() - size::note()) * 0.95,
                Anchor::Middle,
                size::note(),
                Face::NOTE,
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
        Stroke::solid(c.theme.axis, c.theme.lines.rule),
    );
    if let (Some(axis), Some(sx)) = (&dates, &time_scale) {
        let ticks = crate::model::timeaxis::ticks(axis, &|p| sx.map(p), &|t| {
            fonts::text_width(t, size::tick(), Face::Regular.at(crate::fonts::Slot::Tick))
        });
        crate::model::line::x_ticks(&mut c, &ticks, sx, plot_bottom);
    }
    frame::x_title(&mut c, &b.plot.x, plot_right, plot_bottom + cat_h);

    // Annotations.
    for a in &b.plot.annotations {
        match a {
            Annotation::Rule { y, text } => {
                frame::rule(&mut c, &ys, *y, text, plot_left, plot_right);
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
                    let ytop = ys.map(top_val) - size::value() * 1.4 - 4.0;
                    let lines =
                        fonts::wrap(text, size::label(), Face::Italic, (slot * 1.6).max(120.0));
                    let mut y = ytop - (lines.len() as f64 - 1.0) * size::label() * size::leading();
                    for l in &lines {
                        c.text(
                            cx,
                            y,
                            Anchor::Middle,
                            size::label(),
                            Face::Italic,
                            c.theme.ink,
                            l,
                            Role::Annotation,
                        );
                        y += size::label() * size::leading();
                    }
                }
            }
            Annotation::Span { .. } | Annotation::Band { .. } => {}
        }
    }
    f.finish(&mut c, width, height);
    c.done(width, height)
}

/// The width each category name under its bar wraps to: its slot, or, for a name with a word
/// wider than the slot, that word's width when the neighbouring names leave room for it (a
/// long word on a phone is written whole over the next slot's free side rather than broken
/// between letters).
fn label_widths(names: &[String], slot: f64) -> Vec<f64> {
    let base = (slot - 4.0).max(30.0);
    let word = |t: &str| fonts::widest_word([t], size::label(), Face::Regular);
    let words: Vec<f64> = names.iter().map(|t| word(t)).collect();
    // What each name takes when wrapped to its slot.
    let taken: Vec<f64> = names
        .iter()
        .zip(&words)
        .map(|(t, w)| {
            fonts::text_width(t, size::label(), Face::Regular)
                .min(base)
                .max(w.min(base))
        })
        .collect();
    (0..names.len())
        .map(|i| {
            let room = [i.checked_sub(1), Some(i + 1)]
                .into_iter()
                .flatten()
                .filter_map(|j| taken.get(j))
                .map(|t| 2.0 * (slot - 4.0 - t / 2.0))
                .fold(f64::INFINITY, f64::min);
            if words[i] > base && words[i] <= room {
                words[i]
            } else {
                base
            }
        })
        .collect()
}
