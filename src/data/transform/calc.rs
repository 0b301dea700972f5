//! The steps that add a column: a calculation within groups (share, change, index, running
//! total) and a part of a date.

use super::{with_rows, Calc, Failure, Part};
use crate::data::{Cell, Missing, Row, Table};

/// `t` with a new last column `name`, its cells placed (for messages) where `from` stands.
pub(super) fn appended(t: &Table, name: &str, from: usize, cells: Vec<Cell>) -> Table {
    let mut out = with_rows(t, Vec::with_capacity(t.rows.len()));
    out.headers.push(name.to_string());
    for (r, c) in t.rows.iter().zip(cells) {
        let mut row = r.clone();
        row.cells.push(c);
        row.cols.push(r.cols.get(from).copied().unwrap_or(1));
        if !row.lines.is_empty() {
            row.lines.push(r.lines.get(from).copied().unwrap_or(r.line));
        }
        out.rows.push(row);
    }
    out
}

pub(super) fn date_part(c: Option<&Cell>, part: Part) -> Cell {
    let (y, m) = match c {
        Some(Cell::Date { at, .. }) => (i64::from(at.at.year()), i64::from(at.at.month())),
        // A bare year is a number.
        Some(Cell::Number { value, decimals: 0 }) if part == Part::Year => (*value as i64, 1),
        _ => return Cell::Missing(Missing::Empty),
    };
    match part {
        Part::Year => Cell::Number {
            value: y as f64,
            decimals: 0,
        },
        Part::Quarter | Part::Month => {
            let m = if part == Part::Quarter {
                (m - 1) / 3 * 3 + 1
            } else {
                m
            };
            let text = format!("{y:04}-{m:02}");
            match crate::data::time::Stamp::parse_iso(&text) {
                Some(at) => Cell::Date { at, text },
                None => Cell::Missing(Missing::Empty),
            }
        }
    }
}

/// A row's value of `col`: its position, decimals and whether it is an estimate.
type Val = Option<(f64, u8, bool)>;

pub(super) fn calculate(
    t: &Table,
    calc: &Calc,
    col: usize,
    within: &[usize],
    name: &str,
) -> Result<Table, Failure> {
    let key = |r: &Row| within.iter().map(|c| r.cell_text(*c)).collect::<Vec<_>>();
    let value = |r: &Row| -> Result<Val, Failure> {
        match r.cells.get(col) {
            Some(Cell::Censored { .. }) => Err(Failure::Censored { line: r.line, col }),
            Some(c) => Ok(c.position().map(|v| {
                (
                    v,
                    c.decimals().unwrap_or(0),
                    matches!(c, Cell::Approx { .. }),
                )
            })),
            None => Ok(None),
        }
    };
    let mut cells = Vec::with_capacity(t.rows.len());
    match calc {
        Calc::Share => {
            let mut totals: std::collections::HashMap<Vec<String>, f64> = Default::default();
            for r in &t.rows {
                if let Some((v, _, _)) = value(r)? {
                    *totals.entry(key(r)).or_insert(0.0) += v;
                }
            }
            for r in &t.rows {
                let total = totals.get(&key(r)).copied().unwrap_or(0.0);
                cells.push(match value(r)? {
                    Some((v, _, approx)) if total != 0.0 => number(v / total * 100.0, 1, approx),
                    _ => Cell::Missing(Missing::Empty),
                });
            }
        }
        Calc::Change { along, base } | Calc::Index { along, base } => {
            let mut bases: std::collections::HashMap<Vec<String>, (f64, u8)> = Default::default();
            for r in &t.rows {
                if r.cell_text(*along) == *base {
                    if let Some((v, d, _)) = value(r)? {
                        bases.entry(key(r)).or_insert((v, d));
                    }
                }
            }
            for r in &t.rows {
                let Some(&(b, bd)) = bases.get(&key(r)) else {
                    return Err(Failure::NoBase {
                        group: key(r).join(", "),
                    });
                };
                cells.push(match (value(r)?, calc) {
                    (Some((v, d, approx)), Calc::Change { .. }) => number(v - b, d.max(bd), approx),
                    (Some((v, _, approx)), _) if b != 0.0 => number(v / b * 100.0, 1, approx),
                    _ => Cell::Missing(Missing::Empty),
                });
            }
        }
        Calc::Running => {
            let mut sums: std::collections::HashMap<Vec<String>, (f64, u8)> = Default::default();
            for r in &t.rows {
                cells.push(match value(r)? {
                    Some((v, d, approx)) => {
                        let s = sums.entry(key(r)).or_insert((0.0, 0));
                        s.0 += v;
                        s.1 = s.1.max(d);
                        number(s.0, s.1, approx)
                    }
                    None => Cell::Missing(Missing::Empty),
                });
            }
        }
    }
    Ok(appended(t, name, col, cells))
}

/// A computed number, rounded to `decimals` (an estimate stays one).
fn number(v: f64, decimals: u8, approx: bool) -> Cell {
    let scale = 10f64.powi(i32::from(decimals));
    let value = (v * scale).round() / scale;
    if approx {
        Cell::Approx { value, decimals }
    } else {
        Cell::Number { value, decimals }
    }
}
