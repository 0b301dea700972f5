//! An `area` chart's own rules: a band's height is its value, so a value must be exact, and a
//! stack of bands (several series) holds no negative values; a 100 % stack needs two series.

use super::*;
use crate::data::{Cell, Table};
use crate::spec::raw::RawChart;

impl Validator<'_> {
    /// One error per column and problem, at its first cell, with the count.
    pub(super) fn area(
        &mut self,
        c: &RawChart,
        t: &Table,
        series: &[Series],
        stack: Stack,
        id: &str,
    ) {
        let stacked = series.len() > 1;
        if let (Some(at), false, Stack::Percent) = (&c.stack, stacked, stack) {
            self.err(
                at,
                id,
                "a 100 % area of one series would fill the whole plot",
                Some("stack = \"percent\" shares each x's whole among several series; leave it out for one".into()),
            );
        }
        for s in series {
            let bounded = t.rows_where(s.col, |c| {
                matches!(c, Cell::Censored { .. } | Cell::Approx { .. })
            });
            if let Some(first) = bounded.first() {
                self.diags.push(
                    t.diag_at(
                        first,
                        s.col,
                        format!(
                            "an area cannot show {}: its height would claim an exact value{}",
                            first.cell_text(s.col),
                            count(bounded.len())
                        ),
                    )
                    .in_chart(id)
                    .with_hint("draw bounds and estimates with kind = \"line\", which marks them"),
                );
            }
            if !stacked {
                continue;
            }
            let negative = t.rows_where(s.col, |c| c.position().is_some_and(|v| v < 0.0));
            if let Some(first) = negative.first() {
                self.diags.push(
                    t.diag_at(
                        first,
                        s.col,
                        format!(
                            "stacked areas cannot hold the negative value {}{}",
                            first.cell_text(s.col),
                            count(negative.len())
                        ),
                    )
                    .in_chart(id)
                    .with_hint("a band below zero would cross the ones above it: use kind = \"line\", or a stacked_bar, which diverges at zero"),
                );
            }
        }
    }
}

/// " (N cells of this column)" when more than one.
fn count(n: usize) -> String {
    if n > 1 {
        format!(" ({n} cells of this column)")
    } else {
        String::new()
    }
}
