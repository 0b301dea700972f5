//! Layout and description of `scatter` charts: a point per row on number axes (linear or
//! log), coloured by a field with a legend, sized by another (area proportional to the value)
//! with a size key, chosen points named where their names fit, and a least-squares line.

mod names;

use super::figure::{Anchor, Item, Role, Stroke};
use super::frame::{self, size, Canvas, Frame, Swatch};
use super::line::x_ticks;
use super::scale::{log_domain, nice_domain, Scale, ScaleKind, Ticks};
use super::timeaxis::TimeTick;
use super::{cell, nth, secondary, Context, Laid};
use crate::fonts::{self, Face};
use crate::i18n::Lang;
use crate::spec::{Axis, Chart, ScatterChart};

/// One point to draw: where, how large (the size value), which colour group, which row.
pub(super) struct Point {
    pub x: f64,
    pub y: f64,
    pub size: Option<f64>,
    pub group: usize,
    pub row: usize,
}

/// The largest circle's radius, in px, at the largest size value.
const R_MAX: f64 = 22.0;

/// How many rows of the chart have no point (a missing x, y or size).
pub fn left_out(chart: &Chart, s: &ScatterChart) -> usize {
    points(chart, s).1
}

/// The points of the chart, and how many rows have none (a missing x, y or size).
fn points(chart: &Chart, s: &ScatterChart) -> (Vec<Point>, usize) {
    let (Some(xf), Some(yf)) = (s.plot.x.field, s.plot.y.field) else {
        return (Vec::new(), chart.data.rows.len());
    };
    let mut out = Vec::new();
    for (i, r) in chart.data.rows.iter().enumerate() {
        let (Some(x), Some(y)) = (cell(r, xf).position(), cell(r, yf).position()) else {
            continue;
        };
        let size = match &s.size {
            Some(sz) => match cell(r, sz.col).position() {
                Some(v) => Some(v),
                None => continue,
            },
            None => None,
        };
        let group = s.color.as_ref().map_or(0, |g| {
            let name = r.cell_text(g.col);
            g.names.iter().position(|n| *n == name).unwrap_or(0)
        });
        out.push(Point {
            x,
            y,
            size,
            group,
            row: i,
        });
    }
    let left = chart.data.rows.len() - out.len();
    (out, left)
}

/// The least-squares line of `ys` on `xs`: intercept, slope and r²; `None` when the x values
/// do not vary.
pub fn least_squares(xs: &[f64], ys: &[f64]) -> Option<(f64, f64, f64)> {
    let n = xs.len().min(ys.len()) as f64;
    if n < 2.0 {
        return None;
    }
    let mx = xs.iter().sum::<f64>() / n;
    let my = ys.iter().sum::<f64>() / n;
    let (mut sxx, mut sxy, mut syy) = (0.0, 0.0, 0.0);
    for (x, y) in xs.iter().zip(ys) {
        sxx += (x - mx) * (x - mx);
        sxy += (x - mx) * (y - my);
        syy += (y - my) * (y - my);
    }
    if sxx <= 0.0 {
        return None;
    }
    let b = sxy / sxx;
    let r2 = if syy > 0.0 {
        (sxy * sxy) / (sxx * syy)
    } else {
        1.0
    };
    Some((my - b * mx, b, r2))
}

/// A value as the trend is fitted: its log on a log axis.
fn fit_space(v: f64, axis: &Axis) -> f64 {
    if axis.scale == ScaleKind::Log {
        v.log10()
    } else {
        v
    }
}

/// The trend of the chart's points (intercept, slope, r², in fit space).
fn trend(s: &ScatterChart, pts: &[Point]) -> Option<(f64, f64, f64)> {
    let xs: Vec<f64> = pts.iter().map(|p| fit_space(p.x, &s.plot.x)).collect();
    let ys: Vec<f64> = pts.iter().map(|p| fit_space(p.y, &s.plot.y)).collect();
    least_squares(&xs, &ys)
}

/// The domain and ticks of an axis over the values `lo..hi`, honouring its min, max and scale.
fn domain(axis: &Axis, lo: f64, hi: f64) -> (f64, f64, Ticks) {
    let (lo, hi) = (axis.min.unwrap_or(lo), axis.max.unwrap_or(hi));
    if axis.scale == ScaleKind::Log {
        // Whole decades waste the plot when the data span less than two: the domain ends at
        // the 1-2-5 ticks nearest outside the data instead.
        let (a, b, t) = log_domain(lo, hi);
        let a = t
            .values
            .iter()
            .copied()
            .filter(|v| *v <= lo * (1.0 + 1e-9))
            .fold(a, f64::max);
        let b = t
            .values
            .iter()
            .copied()
            .filter(|v| *v >= hi * (1.0 - 1e-9))
            .fold(b, f64::min);
        let values = t
            .values
            .into_iter()
            .filter(|v| *v >= a && *v <= b)
            .collect();
        return (
            a,
            b,
            Ticks {
                values,
                decimals: t.decimals,
            },
        );
    }
    let (a, b, t) = nice_domain(lo, hi, 5);
    let (a, b) = (axis.min.unwrap_or(a), axis.max.unwrap_or(b));
    let values = t
        .values
        .into_iter()
        .filter(|v| *v >= a - 1e-9 && *v <= b + 1e-9)
        .collect();
    (
        a,
        b,
        Ticks {
            values,
            decimals: t.decimals,
        },
    )
}

/// A round value for the size key near `v` (1, 2 or 5 times a power of ten, at most `v`).
fn round_down(v: f64) -> f64 {
    if v <= 0.0 || !v.is_finite() {
        return 0.0;
    }
    let p = 10f64.powf(v.log10().floor());
    [5.0, 2.0, 1.0]
        .into_iter()
        .map(|m| m * p)
        .find(|c| *c <= v)
        .unwrap_or(p)
}

/// Lays out the chart; returns items, width and height.
pub fn layout(chart: &Chart, s: &ScatterChart, cx: &Context) -> Laid {
    layout_with(chart, s, cx, s.color.as_ref().is_some_and(|g| g.direct))
}

/// Lays out the scatter, its groups named beside their points (`direct`) or in a legend.
fn layout_with(chart: &Chart, s: &ScatterChart, cx: &Context, direct: bool) -> Laid {
    let width = chart.width;
    let height = chart.height.unwrap_or(460.0);
    let mut c = Canvas::new(cx);
    let colors = super::series_colors(chart, cx.theme);
    let (pts, left_out) = points(chart, s);
    let w = cx.lang.words();
    let fit = if s.trend { trend(s, &pts) } else { None };

    let swatches: Vec<Swatch> = s
        .color
        .as_ref()
        .filter(|_| !direct)
        .map_or(Vec::new(), |g| {
            g.names
                .iter()
                .enumerate()
                .map(|(i, n)| Swatch {
                    name: n.clone(),
                    color: nth(&colors, i),
                    hollow: false,
                    pattern: 0,
                })
                .collect()
        });
    let mut notes = Vec::new();
    if let Some((_, _, r2)) = fit {
        let log = s.plot.x.scale == ScaleKind::Log || s.plot.y.scale == ScaleKind::Log;
        notes.push(crate::model::key::Key::Words(w.trend_key(r2, log)));
    }
    // A panel's rows left out are counted once for the whole figure (see `facet`).
    if left_out > 0 && !cx.panel {
        notes.push(crate::model::key::Key::Words(w.points_left_out(left_out)));
    }
    let f = Frame::begin(&mut c, chart, &swatches, &notes);
    let fh = f.foot_h;

    // The size key under the legend: a heading, then three circles of round values.
    let vmax = pts.iter().filter_map(|p| p.size).fold(0.0f64, f64::max);
    // Many bubbles share the plot: the largest shrinks so that they cover less of it.
    let r_max = if pts.len() > 100 {
        (R_MAX * (100.0 / pts.len() as f64).sqrt()).max(8.0)
    } else {
        R_MAX
    };
    let radius = |v: f64| {
        if vmax > 0.0 {
            r_max * (v.max(0.0) / vmax).sqrt()
        } else {
            0.0
        }
    };
    let mut top = f.top;
    if let (Some(sz), true) = (&s.size, vmax > 0.0) {
        let big = round_down(vmax);
        let keys = [big, round_down(big / 4.0), round_down(big / 20.0)];
        let heading = w.size_key(&sz.title);
        let muted = c.theme.muted;
        let base = top + size::tick() * 0.5 + radius(big).max(size::tick() * 0.5);
        c.text(
            size::margin(),
            base,
            Anchor::Start,
            size::tick(),
            Face::Regular.at(crate::fonts::Slot::Tick),
            muted,
            &heading,
            Role::Legend,
        );
        let mut x = size::margin()
            + fonts::text_width(
                &heading,
                size::tick(),
                Face::Regular.at(crate::fonts::Slot::Tick),
            )
            + 14.0;
        for v in keys.into_iter().filter(|v| *v > 0.0) {
            let r = radius(v);
            let axis = c.theme.axis;
            c.items.push(Item::Circle {
                cx: x + r,
                cy: base - r,
                r,
                fill: None,
                stroke: Some(Stroke::solid(axis, c.theme.lines.rule)),
            });
            let text = sz.format.number(v, 0);
            c.text(
                x + 2.0 * r + 4.0,
                base,
                Anchor::Start,
                size::tick(),
                Face::Regular.at(crate::fonts::Slot::Tick),
                muted,
                &text,
                Role::Legend,
            );
            x += 2.0 * r
                + 10.0
                + fonts::text_width(
                    &text,
                    size::tick(),
                    Face::Regular.at(crate::fonts::Slot::Tick),
                )
                + 8.0;
        }
        top = base + 10.0;
    }
    let top = frame::axis_title(&mut c, &s.plot.y, top, 10.0);

    // Domains: the data with room for the largest circle, or what min and max say.
    let fold = |f: fn(&Point) -> f64| {
        pts.iter()
            .map(f)
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
                (a.min(v), b.max(v))
            })
    };
    let (x0, x1) = fold(|p| p.x);
    let (y0, y1) = fold(|p| p.y);
    let (x0, x1) = if x0.is_finite() { (x0, x1) } else { (0.0, 1.0) };
    let (y0, y1) = if y0.is_finite() { (y0, y1) } else { (0.0, 1.0) };
    let (yd0, yd1, yticks) = domain(&s.plot.y, y0, y1);
    let (xd0, xd1, xticks) = domain(&s.plot.x, x0, x1);
    let (ylabels, gutter) = frame::tick_labels(&s.plot.y.format, &yticks, width);
    let tick_band = size::tick() * 1.3 + 10.0;
    let (plot_left, plot_right) =
        c.plot_x(size::margin() + gutter + 8.0, width - size::margin() - 6.0);
    let plot_top = top + 6.0;
    let plot_bottom =
        (height - fh - tick_band - frame::x_title_room(&s.plot.x)).max(plot_top + 60.0);
    let xs = Scale {
        kind: s.plot.x.scale,
        d0: xd0,
        d1: xd1,
        r0: plot_left,
        r1: plot_right,
    };
    let ys = Scale {
        kind: s.plot.y.scale,
        d0: yd0,
        d1: yd1,
        r0: plot_bottom,
        r1: plot_top,
    };

    // Grid both ways: a scatter is read against both axes.
    frame::y_grid(&mut c, &ys, &yticks, &ylabels, plot_left, plot_right);
    let grid = c.theme.grid;
    for v in &xticks.values {
        let x = xs.map(*v);
        c.line(
            x,
            plot_top,
            x,
            plot_bottom,
            Stroke::solid(grid, c.theme.lines.grid),
        );
    }
    let axis = c.theme.axis;
    c.line(
        plot_left,
        plot_bottom,
        plot_right,
        plot_bottom,
        Stroke::solid(axis, c.theme.lines.rule),
    );
    let ticks: Vec<TimeTick> = xticks
        .values
        .iter()
        .map(|v| TimeTick {
            pos: *v,
            label: s.plot.x.format.number(*v, xticks.decimals),
        })
        .collect();
    x_ticks(&mut c, &ticks, &xs, plot_bottom);
    frame::x_title(&mut c, &s.plot.x, plot_right, plot_bottom + tick_band);

    // Spans under the points, reference lines over them.
    for a in &s.plot.annotations {
        if let crate::spec::Annotation::Span { from, to, text } = a {
            frame::span(&mut c, &xs, (*from, *to), text, plot_top, plot_bottom);
        }
    }

    // Points: small ones over large ones; otherwise in data order. A thin outline in the paper
    // colour keeps overlapping points apart.
    let dot = if pts.len() > 2000 {
        1.8
    } else if pts.len() > 300 || width < 400.0 {
        2.6
    } else {
        4.0
    };
    let mut order: Vec<&Point> = pts.iter().collect();
    if s.size.is_some() {
        order.sort_by(|a, b| b.size.unwrap_or(0.0).total_cmp(&a.size.unwrap_or(0.0)));
    }
    let outline = Stroke::solid(c.theme.paper, if pts.len() > 2000 { 0.4 } else { 0.8 });
    // Bubbles overlap: a light fill inside an outline in the full colour keeps each one's edge.
    let bubbles = s.size.is_some();
    for p in order {
        let (x, y) = (xs.map(p.x), ys.map(p.y));
        let r = p.size.map_or(dot, |v| radius(v).max(1.5));
        let color = nth(&colors, p.group);
        c.items.push(Item::Circle {
            cx: x,
            cy: y,
            r,
            fill: Some(if bubbles {
                super::tint(color, 0.55)
            } else {
                color
            }),
            stroke: Some(if bubbles {
                Stroke::solid(color, 1.0)
            } else {
                outline
            }),
        });
    }

    if let Some((a, b, _)) = fit {
        // Straight on the axes as drawn: fitted in log space on a log axis.
        let at = |xv: f64| {
            let fx = fit_space(xv, &s.plot.x);
            let fy = a + b * fx;
            let yv = if s.plot.y.scale == ScaleKind::Log {
                10f64.powf(fy)
            } else {
                fy
            };
            (xs.map(xv), ys.map(yv).clamp(plot_top, plot_bottom))
        };
        let ink = c.theme.ink;
        c.items.push(Item::Line {
            points: vec![at(x0), at(x1)],
            stroke: Stroke::dashed(ink, 1.5, 5.0, 3.0),
        });
    }
    for a in &s.plot.annotations {
        if let crate::spec::Annotation::Rule { y, text } = a {
            frame::rule(&mut c, &ys, *y, text, plot_left, plot_right);
        }
    }

    let plotted = names::Plotted {
        pts: &pts,
        xs: &xs,
        ys: &ys,
        dot,
        radius: &radius,
        bubbles,
        area: (
            plot_left,
            plot_top,
            width - size::margin() / 2.0,
            plot_bottom,
        ),
    };
    // Group names first (they are the larger claim), then point names clear of them.
    let mut boxes = Vec::new();
    if let (Some(g), true) = (&s.color, direct) {
        if !names::name_groups(&mut c, &plotted, g, &colors, &mut boxes) {
            // No free place for every group's name: the legend names them instead.
            return layout_with(chart, s, cx, false);
        }
    }
    if let Some(l) = &s.labels {
        names::name_points(&mut c, &plotted, chart, s, l, &mut boxes);
    }
    f.finish(&mut c, width, height);
    c.done(width, height)
}

/// What a screen reader hears: what is plotted against what, how many points, the trend, and
/// the points themselves (the named ones first; at most 40).
pub fn describe(chart: &Chart, s: &ScatterChart, lang: Lang) -> String {
    let w = lang.words();
    let ja = w.ja;
    let name = |a: &Axis, fallback: &str| {
        a.title
            .clone()
            .or_else(|| a.unit.clone())
            .or_else(|| a.field.and_then(|f| chart.data.headers.get(f).cloned()))
            .unwrap_or_else(|| fallback.to_string())
    };
    let (xn, yn) = (name(&s.plot.x, "x"), name(&s.plot.y, "y"));
    let (pts, left_out) = points(chart, s);
    let spoken = |p: &Point, axis: &Axis| {
        let row = chart.data.rows.get(p.row);
        let col = axis.field.unwrap_or(0);
        row.and_then(|r| axis.format.spoken(cell(r, col)))
            .unwrap_or_default()
    };
    let mut out = if ja {
        format!("散布図：{yn}（縦軸）と{xn}（横軸）、{}点。", pts.len())
    } else {
        format!(
            "Scatter chart of {} against {}: {} points.",
            super::describe::lower_first(&yn),
            super::describe::lower_first(&xn),
            pts.len()
        )
    };
    if let Some(g) = &s.color {
        let list = g.names.join(if ja { "、" } else { ", " });
        out.push_str(&if ja {
            format!("色：{list}。")
        } else {
            format!(" Colours: {list}.")
        });
    }
    if let Some(sz) = &s.size {
        out.push_str(&if ja {
            format!("円の面積は{}を表す。", sz.title)
        } else {
            format!(
                " Circle area shows {}.",
                super::describe::lower_first(&sz.title)
            )
        });
    }
    if s.trend {
        if let Some((_, b, r2)) = trend(s, &pts) {
            let dir = match (ja, b >= 0.0) {
                (true, true) => "右上がり",
                (true, false) => "右下がり",
                (false, true) => "rising",
                (false, false) => "falling",
            };
            out.push_str(&if ja {
                format!("傾向線は{dir}（r² = {r2:.2}）。")
            } else {
                format!(" The trend line is {dir} (r² = {r2:.2}).")
            });
        }
    }
    // Points named by the label column, the chosen (`only`) ones first.
    let name_of = |p: &Point| {
        let row = chart.data.rows.get(p.row)?;
        s.labels.as_ref()?;
        secondary(&s.plot, row)
    };
    let chosen = |p: &Point| {
        let (Some(l), Some(row)) = (&s.labels, chart.data.rows.get(p.row)) else {
            return false;
        };
        l.only
            .as_ref()
            .is_some_and(|o| o.contains(&row.cell_text(l.col)))
    };
    let mut listed: Vec<&Point> = pts.iter().filter(|p| chosen(p)).collect();
    listed.extend(pts.iter().filter(|p| !chosen(p)));
    let shown: Vec<String> = listed
        .iter()
        .take(40)
        .map(|p| {
            let who = name_of(p).map(|n| format!("{n} ")).unwrap_or_default();
            let sz = match (&s.size, chart.data.rows.get(p.row)) {
                (Some(f), Some(r)) => {
                    format!(", {}", f.format.spoken(cell(r, f.col)).unwrap_or_default())
                }
                _ => String::new(),
            };
            format!(
                "{who}({}, {}{sz})",
                spoken(p, &s.plot.x),
                spoken(p, &s.plot.y)
            )
        })
        .collect();
    if !shown.is_empty() {
        let more = pts.len().saturating_sub(shown.len());
        out.push_str(&match (ja, more) {
            (true, 0) => format!("点：{}。", shown.join("、")),
            (true, m) => format!("点：{}、ほか{m}点。", shown.join("、")),
            (false, 0) => format!(" Points: {}.", shown.join("; ")),
            (false, m) => format!(" Points: {}; and {m} more.", shown.join("; ")),
        });
    }
    if left_out > 0 {
        out.push(' ');
        out.push_str(&crate::i18n::upper_first(&w.points_left_out(left_out)));
        out.push(if ja { '。' } else { '.' });
    }
    out
}

impl super::Draw for ScatterChart {
    fn layout(&self, chart: &Chart, cx: &Context) -> Laid {
        layout(chart, self, cx)
    }
    fn describe(&self, chart: &Chart, lang: Lang) -> String {
        describe(chart, self, lang)
    }
    fn value_cols(&self, _chart: &Chart) -> Vec<usize> {
        self.plot.y.field.into_iter().collect()
    }
    /// A point is a position: a shared axis need not reach zero.
    fn sharing(&self) -> super::Sharing {
        super::Sharing::Values { from_zero: false }
    }
    fn numeric_x(&self) -> bool {
        true
    }
    fn legend(&self, _chart: &Chart) -> Vec<String> {
        self.color
            .as_ref()
            .map(|g| g.names.clone())
            .unwrap_or_default()
    }
    fn grid_keys(&self, chart: &Chart, lang: Lang) -> Vec<crate::model::key::Key> {
        match left_out(chart, self) {
            0 => Vec::new(),
            n => vec![crate::model::key::Key::Words(
                lang.words().points_left_out(n),
            )],
        }
    }
    fn appendix(&self, chart: &Chart) -> Option<Vec<crate::spec::Column>> {
        Some(scatter_columns(chart, self))
    }
}

/// A scatter's data table: the point's name, x, y, colour group and size, each headed by its
/// axis or key title (or the column's name).
fn scatter_columns(chart: &Chart, sc: &ScatterChart) -> Vec<crate::spec::Column> {
    use crate::model::format::NumFormat;
    use crate::spec::{Align, Column};
    let head = |col: usize| chart.data.headers.get(col).cloned().unwrap_or_default();
    let mut out = Vec::new();
    let text = |col: usize, title: String| Column {
        col,
        title,
        align: Align::Left,
        width: None,
        format: NumFormat::default(),
    };
    if let Some(l) = &sc.labels {
        out.push(text(l.col, head(l.col)));
    }
    for axis in [&sc.plot.x, &sc.plot.y] {
        if let Some(f) = axis.field {
            out.push(Column {
                col: f,
                title: axis.title.clone().unwrap_or_else(|| head(f)),
                align: Align::Right,
                width: None,
                format: axis.format.clone(),
            });
        }
    }
    if let Some(g) = &sc.color {
        out.push(text(g.col, head(g.col)));
    }
    if let Some(sz) = &sc.size {
        out.push(Column {
            col: sz.col,
            title: sz.title.clone(),
            align: Align::Right,
            width: None,
            format: sz.format.clone(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn least_squares_recovers_a_line_and_its_fit() {
        let xs = [1.0, 2.0, 3.0, 4.0];
        let ys = [3.0, 5.0, 7.0, 9.0];
        let (a, b, r2) = least_squares(&xs, &ys).unwrap();
        assert!((a - 1.0).abs() < 1e-12 && (b - 2.0).abs() < 1e-12);
        assert!((r2 - 1.0).abs() < 1e-12);
        // Noise lowers r²: y = 0, 1, 0, 1 on x = 1..4 has slope 0.2 and r² 0.2.
        let (_, b, r2) = least_squares(&xs, &[0.0, 1.0, 0.0, 1.0]).unwrap();
        assert!((b - 0.2).abs() < 1e-12, "{b}");
        assert!((r2 - 0.2).abs() < 1e-12, "{r2}");
        // No spread in x: no line.
        assert!(least_squares(&[2.0, 2.0, 2.0], &[1.0, 2.0, 3.0]).is_none());
    }

    #[test]
    fn size_key_values_are_round_and_not_above_the_largest() {
        assert_eq!(round_down(455.0), 200.0);
        assert_eq!(round_down(1_300_000_000.0), 1_000_000_000.0);
        assert_eq!(round_down(60.0), 50.0);
        assert_eq!(round_down(0.0), 0.0);
    }

    #[test]
    fn a_log_axis_ends_at_the_ticks_nearest_the_data() {
        let axis = Axis {
            scale: ScaleKind::Log,
            ..Axis::default()
        };
        let (a, b, t) = domain(&axis, 46.0, 230.0);
        assert_eq!((a, b), (20.0, 500.0));
        assert_eq!(t.values, vec![20.0, 50.0, 100.0, 200.0, 500.0]);
        // Over many decades the ticks are powers of ten.
        let (a, b, t) = domain(&axis, 300.0, 120_000.0);
        assert_eq!((a, b), (100.0, 1_000_000.0));
        assert_eq!(t.values.len(), 5);
    }
}
