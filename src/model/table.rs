//! Layout of `table` charts: a header row, wrapped cells, numbers right-aligned, light rules.
//! Cells appear as the source writes them (`<0.1%`, `–`, blank).

use super::figure::{Anchor, Role, Stroke};
use super::frame::{size, Canvas, Frame};
use super::{cell, Context};
use crate::data::Cell;
use crate::fonts::{self, Face};
use crate::i18n::Lang;
use crate::spec::{Align, Body, Chart, Column, TableChart};

const PAD_X: f64 = 7.0;
const PAD_Y: f64 = 6.0;
const CELL: f64 = 12.0;

/// Column widths that fit `avail`: natural widths when they fit, otherwise numbers keep
/// theirs and text columns share the rest in proportion to their natural width.
pub fn column_widths(
    natural: &[f64],
    min: &[f64],
    weights: &[Option<f64>],
    avail: f64,
) -> Vec<f64> {
    if !weights.is_empty() && weights.iter().all(Option::is_some) {
        let total: f64 = weights.iter().flatten().sum();
        return weights
            .iter()
            .map(|w| avail * w.unwrap_or(1.0) / total.max(1e-9))
            .collect();
    }
    let total: f64 = natural.iter().sum();
    if total <= avail {
        let extra = (avail - total) / natural.len().max(1) as f64;
        return natural.iter().map(|w| w + extra).collect();
    }
    // Shrink the columns that can wrap (those whose natural width exceeds their minimum).
    let fixed: f64 = natural
        .iter()
        .zip(min)
        .filter(|(n, m)| *n <= *m)
        .map(|(n, _)| *n)
        .sum();
    let flex: f64 = natural
        .iter()
        .zip(min)
        .filter(|(n, m)| *n > *m)
        .map(|(n, _)| *n)
        .sum();
    let room = (avail - fixed).max(0.0);
    natural
        .iter()
        .zip(min)
        .map(|(n, m)| {
            if *n <= *m {
                *n
            } else {
                (n / flex.max(1e-9) * room).max(*m)
            }
        })
        .collect()
}

/// Every cell as the table prints it (`<0.1%`, `–`, blank), row by row.
pub fn cell_texts(chart: &Chart, t: &TableChart) -> Vec<Vec<String>> {
    let empty = Cell::Missing(crate::data::Missing::Empty);
    chart
        .data
        .rows
        .iter()
        .map(|r| {
            t.columns
                .iter()
                .map(|col| {
                    col.format
                        .table_cell(r.cells.get(col.col).unwrap_or(&empty))
                })
                .collect()
        })
        .collect()
}

/// Column lefts and widths for `texts` set at `size` with `pad` either side, filling `avail`
/// from `left`: each column's natural width is its widest cell; text columns may wrap down
/// to their longest word (numbers never wrap), but not below `min_col`.
pub fn fit_columns(
    columns: &[Column],
    texts: &[Vec<String>],
    size: f64,
    pad: f64,
    min_col: f64,
    left: f64,
    avail: f64,
) -> (Vec<f64>, Vec<f64>) {
    let longest = |t: &str, face| fonts::min_width(t, size, face);
    let mut natural = Vec::new();
    let mut min = Vec::new();
    for (j, col) in columns.iter().enumerate() {
        let mut w = fonts::text_width(&col.title, size, Face::Bold);
        let mut m = longest(&col.title, Face::Bold);
        for r in texts {
            let t = r.get(j).map_or("", String::as_str);
            w = w.max(fonts::text_width(t, size, Face::Regular));
            m = m.max(if col.align == Align::Right {
                fonts::text_width(t, size, Face::Regular)
            } else {
                longest(t, Face::Regular)
            });
        }
        natural.push(w + 2.0 * pad);
        // A word wider than half the table is broken between characters rather than
        // pushing the other columns off the canvas.
        let m = m.min(avail * 0.5 - 2.0 * pad);
        min.push((m + 2.0 * pad).max(min_col).min(w + 2.0 * pad));
    }
    let weights: Vec<Option<f64>> = columns.iter().map(|c| c.width).collect();
    let widths = column_widths(&natural, &min, &weights, avail);
    let xs = widths
        .iter()
        .scan(left, |x, w| {
            let here = *x;
            *x += w;
            Some(here)
        })
        .collect();
    (xs, widths)
}

/// Lays out the chart; returns items, width and height.
pub fn layout(chart: &Chart, t: &TableChart, cx: &Context) -> super::Laid {
    let width = chart.width;
    let mut c = Canvas::new(cx);
    let f = Frame::begin(&mut c, chart, &[], &[]);
    let (top, fh) = (f.top, f.foot_h);
    let inner = width - 2.0 * size::margin();
    let cols = &t.columns;
    let texts = cell_texts(chart, t);
    let (xs, widths) = fit_columns(cols, &texts, CELL, PAD_X, 48.0, size::margin(), inner);
    let lh = CELL * size::leading();
    let mut y = top + 2.0;
    // Header row.
    let head: Vec<Vec<String>> = cols
        .iter()
        .zip(&widths)
        .map(|(col, w)| fonts::wrap(&col.title, CELL, Face::Bold, w - 2.0 * PAD_X))
        .collect();
    let hh = head.iter().map(Vec::len).max().unwrap_or(1) as f64 * lh + 2.0 * PAD_Y;
    for (j, lines) in head.iter().enumerate() {
        let (x, w, al) = (xs[j], widths[j], cols[j].align);
        let mut ty = y + PAD_Y + CELL * 0.95;
        for l in lines {
            put(&mut c, l, x, w, ty, al, Face::Bold);
            ty += lh;
        }
    }
    y += hh;
    c.line(
        size::margin(),
        y,
        size::margin() + inner,
        y,
        Stroke::solid(c.theme.axis, 1.2),
    );
    for (ri, r) in texts.iter().enumerate() {
        let wrapped: Vec<Vec<String>> = r
            .iter()
            .zip(&widths)
            .map(|(t, w)| fonts::wrap(t, CELL, Face::Regular, w - 2.0 * PAD_X))
            .collect();
        let rh = wrapped.iter().map(Vec::len).max().unwrap_or(1) as f64 * lh + 2.0 * PAD_Y;
        for (j, lines) in wrapped.iter().enumerate() {
            let mut ty = y + PAD_Y + CELL * 0.95;
            for l in lines {
                put(
                    &mut c,
                    l,
                    xs[j],
                    widths[j],
                    ty,
                    cols[j].align,
                    Face::Regular,
                );
                ty += lh;
            }
        }
        y += rh;
        let rule = if ri + 1 == texts.len() {
            Stroke::solid(c.theme.axis, 1.2)
        } else {
            Stroke::solid(c.theme.grid, c.theme.lines.grid)
        };
        c.line(size::margin(), y, size::margin() + inner, y, rule);
    }
    let height = chart.height.unwrap_or((y + 4.0 + fh).ceil());
    f.finish(&mut c, width, height);
    c.done(width, height)
}

fn put(c: &mut Canvas, text: &str, x: f64, w: f64, y: f64, align: Align, face: Face) {
    let (tx, anchor) = match align {
        Align::Left => (x + PAD_X, Anchor::Start),
        Align::Right => (x + w - PAD_X, Anchor::End),
        Align::Center => (x + w / 2.0, Anchor::Middle),
    };
    c.text(tx, y, anchor, CELL, face, c.theme.ink, text, Role::Cell);
}

/// The numbers behind a figure as a table chart over the same data: the category (or year),
/// then each series, range (low and high) and secondary label, written as the figure writes
/// them. `None` for a table or a text box, which are their own data.
pub fn behind(chart: &Chart, lang: Lang) -> Option<Chart> {
    let p = chart.plot()?;
    let w = lang.words();
    let columns = super::draw(&chart.body)
        .appendix(chart)
        .unwrap_or_else(|| columns_behind(chart, p, lang));
    let mut t = chart.clone();
    t.body = Body::Table(TableChart { columns });
    t.notes = Vec::new();
    t.subtitle = None;
    if !chart.transforms.is_empty() {
        t.notes
            .push(w.transformed(&chart.data_path, &chart.transforms));
    }
    if let Some(runs) = condensed_runs(chart, p) {
        t.data = std::sync::Arc::new(runs);
    }
    let total = t.data.rows.len();
    if total > BEHIND_MAX_ROWS {
        // A long file (a daily series, a census table) would fill pages with numbers no
        // reader of a handout scans: its first and last rows show its shape, the file the rest.
        let rows = &chart.data.rows;
        let width = chart.data.headers.len();
        let ends = rows[..BEHIND_END_ROWS]
            .iter()
            .cloned()
            .chain(std::iter::once(crate::data::Row {
                cells: vec![crate::data::Cell::Text("…".into()); width],
                line: 0,
                cols: vec![0; width],
                lines: Vec::new(),
            }))
            .chain(rows[total - BEHIND_END_ROWS..].iter().cloned())
            .collect();
        t.data = std::sync::Arc::new(crate::data::Table {
            rows: ends,
            ..(*chart.data).clone()
        });
        t.notes.push(w.rows_left_out(
            BEHIND_END_ROWS + 1,
            total - BEHIND_END_ROWS,
            total,
            &chart.data_path,
        ));
    }
    Some(t)
}

/// A time series' rows with each run of three or more consecutive periods of equal values
/// as one row ("1957–1969", then the values once); `None` when there is no such run.
fn condensed_runs(chart: &Chart, p: &crate::spec::Plot) -> Option<crate::data::Table> {
    use crate::data::Cell;
    let xf = p.x.field?;
    if p.x.kind != crate::spec::XType::Temporal {
        return None;
    }
    let limit = super::line::gap_limit(chart, p);
    let rows = &chart.data.rows;
    let same = |a: &crate::data::Row, b: &crate::data::Row| {
        (0..a.cells.len()).all(|c| c == xf || a.cells.get(c) == b.cells.get(c))
    };
    let pos = |r: &crate::data::Row| r.cells.get(xf).and_then(Cell::x_position);
    let mut out = Vec::new();
    let mut i = 0;
    let mut any = false;
    while i < rows.len() {
        let mut j = i;
        while j + 1 < rows.len()
            && same(&rows[i], &rows[j + 1])
            && matches!((pos(&rows[j]), pos(&rows[j + 1])), (Some(a), Some(b)) if b - a <= limit)
        {
            j += 1;
        }
        let mut row = rows[i].clone();
        if j - i >= 2 {
            let text = |r: &crate::data::Row| r.cell_text(xf);
            if let Some(c) = row.cells.get_mut(xf) {
                *c = Cell::Text(format!("{}–{}", text(&rows[i]), text(&rows[j])));
            }
            any = true;
        }
        out.push(row);
        i = j + 1;
    }
    any.then(|| crate::data::Table {
        rows: out,
        ..(*chart.data).clone()
    })
}

/// The generic columns of a figure's data: the category (or x), each series, each range's
/// low and high, and the secondary label.
fn columns_behind(chart: &Chart, p: &crate::spec::Plot, lang: Lang) -> Vec<Column> {
    use crate::model::format::{NumFormat, NumStyle};
    use crate::spec::XType;
    let w = lang.words();
    let mut columns = Vec::new();
    if let Some(x) = p.x.field {
        let numeric = matches!(p.x.kind, XType::Temporal | XType::Linear);
        // The x column is named by the axis title; years say so; categories need no name.
        let dates = chart
            .data
            .rows
            .iter()
            .any(|r| matches!(r.cells.get(x), Some(crate::data::Cell::Date { .. })));
        // Every column has a header: categories are named by their column ("Region"), or
        // in Japanese (whose data keep English column names) 区分.
        let fallback = if dates {
            w.date.to_string()
        } else if p.x.kind == XType::Temporal {
            w.year.to_string()
        } else if w.ja {
            "区分".to_string()
        } else {
            let h = chart.data.headers.get(x).cloned().unwrap_or_default();
            crate::i18n::upper_first(&h.replace('_', " "))
        };
        columns.push(Column {
            col: x,
            title: p.x.title.clone().unwrap_or(fallback),
            align: Align::Left,
            width: None,
            // Years and category names as written ("2017", not "2,017").
            format: if numeric && p.x.kind != XType::Temporal {
                p.x.format.clone()
            } else {
                NumFormat::of(NumStyle::Plain)
            },
        });
    }
    let value = |col: usize, title: String| Column {
        col,
        title,
        align: Align::Right,
        width: None,
        format: p.y.format.clone(),
    };
    for s in &p.series {
        columns.push(value(s.col, s.label.clone()));
    }
    for r in chart.ranges() {
        let sep = if w.ja { "：" } else { ": " };
        columns.push(value(r.low, format!("{}{sep}{}", r.label, w.low)));
        columns.push(value(r.high, format!("{}{sep}{}", r.label, w.high)));
    }
    if let Some(l) = &p.label {
        // The label's values carry their words ("4,661 people for stimulants"); its header
        // is those words ("People for stimulants").
        let words = format!("{} {}", l.format.prefix.trim(), l.format.suffix.trim());
        let title = match words.trim() {
            "" if w.ja => "ラベル".to_string(),
            "" => "Label".to_string(),
            t => crate::i18n::upper_first(t),
        };
        columns.push(Column {
            col: l.col,
            title,
            align: Align::Right,
            width: None,
            format: l.format.clone(),
        });
    }
    columns
}

/// The most rows a figure's data table prints in full in the handout's appendix.
pub const BEHIND_MAX_ROWS: usize = 60;
/// Rows printed from each end of a longer table.
pub const BEHIND_END_ROWS: usize = 10;

impl super::Draw for TableChart {
    fn layout(&self, chart: &Chart, cx: &Context) -> super::Laid {
        layout(chart, self, cx)
    }
    fn describe(&self, chart: &Chart, lang: Lang) -> String {
        describe(chart, self, lang)
    }
}

/// What a screen reader hears: the table's size, its column heads and every row.
pub fn describe(chart: &Chart, t: &TableChart, lang: Lang) -> String {
    let w = lang.words();
    let ja = w.ja;
    let rows = &chart.data.rows;
    let heads: Vec<&str> = t
        .columns
        .iter()
        .map(|c| c.title.as_str())
        .filter(|t| !t.is_empty())
        .collect();
    let parts: Vec<String> = rows
        .iter()
        .map(|r| {
            let cells: Vec<String> = t
                .columns
                .iter()
                .map(|c| {
                    let v = cell(r, c.col);
                    let t = match v {
                        Cell::Censored { .. } => c.format.spoken(v).unwrap_or_default(),
                        _ => c.format.table_cell(v),
                    };
                    if t.is_empty() {
                        w.blank.into()
                    } else if t == "–" {
                        w.no_data.into()
                    } else {
                        t
                    }
                })
                .collect();
            cells.join(if ja { "、" } else { ", " })
        })
        .collect();
    if ja {
        format!(
            "{}行{}列の表（{}）。各行：{}。",
            rows.len(),
            t.columns.len(),
            heads.join("；"),
            parts.join(" | ")
        )
    } else {
        format!(
            "Table with {} rows and {} columns ({}). Rows: {}.",
            rows.len(),
            t.columns.len(),
            heads.join("; "),
            parts.join(" | ")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::column_widths;

    #[test]
    fn natural_widths_when_they_fit() {
        let w = column_widths(&[100.0, 50.0], &[60.0, 50.0], &[None, None], 200.0);
        assert_eq!(w, vec![125.0, 75.0]);
    }

    #[test]
    fn text_columns_shrink_first() {
        let w = column_widths(
            &[400.0, 60.0, 400.0],
            &[80.0, 60.0, 80.0],
            &[None, None, None],
            500.0,
        );
        assert_eq!(w[1], 60.0);
        assert!((w.iter().sum::<f64>() - 500.0).abs() < 1e-6);
    }

    #[test]
    fn explicit_weights_win() {
        let w = column_widths(&[1.0, 1.0], &[1.0, 1.0], &[Some(1.0), Some(3.0)], 400.0);
        assert_eq!(w, vec![100.0, 300.0]);
    }
}
