//! A `range` chart's own key: `direction`, which draws each range as an arrow from its `low`
//! column (the start) to its `high` column (the end), and names both ends in the key.

use super::*;
use crate::data::{Cell, Row, Table};
use crate::spec::raw::{RawChart, RawDirection};

impl Validator<'_> {
    /// The names of an arrow range's two ends, or `None` for plain ranges.
    pub(super) fn direction(
        &mut self,
        c: &RawChart,
        t: &Table,
        ranges: &[RangeSeries],
        id: &str,
    ) -> Option<(String, String)> {
        let d = c.direction.as_ref()?;
        match d.get_ref() {
            RawDirection::On(false) => None,
            RawDirection::On(true) => {
                // The ends are named by the first range's columns ("y1952" → "y1952").
                let r = ranges.first()?;
                let name = |col: usize| t.headers.get(col).cloned().unwrap_or_default();
                Some((name(r.low), name(r.high)))
            }
            RawDirection::Named { from, to } => {
                for s in [from, to] {
                    self.glyphs(d, id, s, false);
                    if s.trim().is_empty() {
                        self.err(
                            d,
                            id,
                            "an end of the arrows is named with empty text",
                            Some(
                                "name both ends: direction = { from = \"1952\", to = \"2007\" }"
                                    .into(),
                            ),
                        );
                    }
                }
                Some((from.clone(), to.clone()))
            }
        }
    }

    /// A plain range's low must not lie above its high (an arrow may run either way): one
    /// error per range series, at its first such row, with the count.
    pub(super) fn ranges_ordered(
        &mut self,
        c: &RawChart,
        t: &Table,
        ranges: &[RangeSeries],
        id: &str,
    ) {
        let arrow = c
            .direction
            .as_ref()
            .is_some_and(|d| !matches!(d.get_ref(), RawDirection::On(false)));
        if arrow {
            return;
        }
        for r in ranges {
            let value = |row: &Row, col: usize| row.cells.get(col).and_then(Cell::position);
            let bad: Vec<&Row> = t
                .rows
                .iter()
                .filter(|row| matches!((value(row, r.low), value(row, r.high)), (Some(lo), Some(hi)) if lo > hi))
                .collect();
            let Some(first) = bad.first() else { continue };
            let (lo, hi) = (
                value(first, r.low).unwrap_or(0.0),
                value(first, r.high).unwrap_or(0.0),
            );
            let more = match bad.len() {
                1 => String::new(),
                n => format!(" (and in {} more row(s))", n - 1),
            };
            self.diags.push(
                t.diag_at(first, r.low, format!("the low value {lo} is above the high value {hi}{more}"))
                    .in_chart(id)
                    .with_hint("swap the columns of low and high, or draw each range as an arrow from low to high with direction = true"),
            );
        }
    }
}
