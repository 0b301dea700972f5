//! The x column of a temporal axis: dates read with the axis's `parse` pattern, and the check
//! that every x value is a year or a date. Problems of one column are one error with a count.

use std::sync::Arc;

use super::*;
use crate::data::time::Stamp;
use crate::data::{Cell, Row, Table};

/// `n` with thousands separators, for counts in messages.
pub(super) fn count(n: usize) -> String {
    crate::model::format::NumFormat::default().number(n as f64, 0)
}

impl Validator<'_> {
    /// The chart's table with its x column read by the axis's `parse` pattern: cells that
    /// match become dates; the rest are one error, located at the first.
    pub(super) fn parse_dates(&mut self, t: Arc<Table>, x: &Axis, chart: &str) -> Arc<Table> {
        let (Some(pattern), Some(xf)) = (&x.parse, x.field) else {
            return t;
        };
        let mut out = (*t).clone();
        let mut bad: Option<(usize, String)> = None;
        let mut n_bad = 0;
        for (ri, row) in out.rows.iter_mut().enumerate() {
            let Some(cell) = row.cells.get_mut(xf) else {
                continue;
            };
            let text = match cell {
                Cell::Text(s) | Cell::Date { text: s, .. } => s.clone(),
                Cell::Number { .. } => t.rows[ri].cell_text(xf),
                _ => continue,
            };
            match Stamp::parse_with(pattern, &text) {
                Ok(at) => *cell = Cell::Date { at, text },
                Err(e) => {
                    n_bad += 1;
                    bad.get_or_insert((ri, e));
                }
            }
        }
        if let Some((ri, e)) = bad {
            let name = t.headers.get(xf).cloned().unwrap_or_default();
            let row = &t.rows[ri];
            let text = row.cell_text(xf);
            self.diags.push(
                t.diag_at(
                    row,
                    xf,
                    format!(
                        "`{text}` in column `{name}` does not match parse = \"{pattern}\"{}: {}",
                        if n_bad > 1 {
                            format!(" ({} cells of this column do not)", count(n_bad))
                        } else {
                            String::new()
                        },
                        e.trim_start_matches("strptime parsing failed: ")
                    ),
                )
                .in_chart(chart)
                .with_hint(super::axis::DATE_FIELDS),
            );
        }
        Arc::new(out)
    }

    /// Checks that every x value of a temporal axis is a year or a date: the cells that are
    /// not are one error, located at the first, with their count and the spellings read.
    /// With a `parse` pattern, text that did not match was reported by [`Self::parse_dates`].
    pub(super) fn temporal_x(&mut self, t: &Table, xf: usize, parsed: bool, chart: &str) {
        let bad: Vec<&Row> = t
            .rows
            .iter()
            .filter(|r| match r.cells.get(xf) {
                Some(Cell::Number { .. } | Cell::Date { .. }) | None => false,
                Some(Cell::Text(_)) => !parsed,
                Some(_) => true,
            })
            .collect();
        let Some(first) = bad.first() else { return };
        let name = t.headers.get(xf).cloned().unwrap_or_default();
        let text = first.cell_text(xf);
        let (what, hint) = match first.cells.get(xf) {
            Some(Cell::Missing(_)) => (
                format!("an x value of column `{name}` is missing"),
                "every point needs its x position: fill in the cell or delete the row",
            ),
            Some(Cell::Approx { .. } | Cell::Censored { .. }) => (
                format!("an x value of column `{name}` is approximate or censored"),
                "an x position must be exact: write the year or date itself",
            ),
            _ => (
                format!("`{text}` in x column `{name}` is not a year or a date"),
                "a temporal axis reads years (2017), months (2017-03), dates (2017-03-31 or 2017/03/31) and date-times (2017-03-31T14:00); for other spellings add parse = \"%d.%m.%Y\" (or the pattern your file uses) to the x axis",
            ),
        };
        let more = if bad.len() > 1 {
            format!(
                " ({} cells of this column are not years or dates)",
                count(bad.len())
            )
        } else {
            String::new()
        };
        self.diags.push(
            t.diag_at(first, xf, format!("{what}{more}"))
                .in_chart(chart)
                .with_hint(hint),
        );
    }

    /// A column of dates on an axis that is not temporal: one error saying so.
    pub(super) fn dates_off_time_axis(&mut self, t: &Table, col: usize, kind: XType, chart: &str) {
        let dates: Vec<&Row> = t
            .rows
            .iter()
            .filter(|r| matches!(r.cells.get(col), Some(Cell::Date { .. })))
            .collect();
        let Some(first) = dates.first() else { return };
        let name = t.headers.get(col).cloned().unwrap_or_default();
        let axis = match kind {
            XType::Category => "category",
            XType::Linear => "linear",
            XType::Temporal => return,
        };
        self.diags.push(
            t.diag_at(
                first,
                col,
                format!(
                    "column `{name}` holds dates ({} cell(s)), but this axis is `{axis}`",
                    count(dates.len())
                ),
            )
            .in_chart(chart)
            .with_hint("did you mean type = \"temporal\" on the x axis?"),
        );
    }
}

impl Row {
    /// The cell's text as the file writes it (trimmed), for messages.
    pub(crate) fn cell_text(&self, col: usize) -> String {
        match self.cells.get(col) {
            Some(Cell::Text(s) | Cell::Date { text: s, .. }) => s.clone(),
            Some(Cell::Number { value, decimals }) => {
                format!("{value:.*}", usize::from(*decimals))
            }
            Some(Cell::Missing(_)) | None => String::new(),
            Some(c) => crate::model::format::NumFormat::of(crate::model::format::NumStyle::Plain)
                .table_cell(c),
        }
    }
}
