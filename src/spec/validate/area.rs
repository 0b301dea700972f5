//! An `area` chart: its fields and its own rules. A band's height is its value, so a value must
//! be exact, the value axis starts at zero and takes no log scale, and a stack of bands (several
//! series) holds no negative values; a 100 % stack needs two series.

use super::rules::{Annotations, Parts, Rules, ON_AXES};
use super::*;
use crate::data::{Cell, Table};
use crate::spec::kind::KindBody;
use crate::spec::raw::RawChart;

/// `area`: one filled band per series over a number or time axis; several series stack
/// (`count`) or share each x's whole (`percent`).
#[derive(Debug, Clone)]
pub struct AreaChart {
    pub plot: Plot,
    pub stack: Stack,
}

impl KindBody for AreaChart {
    fn kind(&self) -> Kind {
        Kind::Area
    }
    fn plot(&self) -> Option<&Plot> {
        Some(&self.plot)
    }
    fn plot_mut(&mut self) -> Option<&mut Plot> {
        Some(&mut self.plot)
    }
}

/// Why areas take neither a log scale nor a value axis that starts above zero.
const FROM_ZERO: &str = "an area's height shows its value from zero, and a log axis or a \
     cut axis has no zero: use kind = \"line\" to show change, or leave min unset";

pub(crate) const RULES: Rules = Rules {
    keys: &["series", "stack"],
    no_log: Some(FROM_ZERO),
    from_zero: Some(FROM_ZERO),
    joined: true,
    annotations: Annotations::NoPoints(
        "an area chart draws reference lines and spans, not point annotations",
        "write { y = …, text = \"…\" } for a line across, { x = [a, b], text = \"…\" } for a span; to point at a value, use kind = \"line\"",
    ),
    build,
    ..ON_AXES
};

fn build(v: &mut Validator, p: Parts) -> Option<Body> {
    let stack = v.stack(p.raw, p.id);
    v.area(p.raw, &p.table, &p.plot.series, stack, p.id);
    Some(Body::Area(AreaChart {
        plot: p.plot,
        stack,
    }))
}

impl Validator<'_> {
    /// A mark that claims an exact value cannot show a bound (`<10`) or an estimate (`~50`):
    /// one error per column, at its first such cell, with the count. `false` when one was found.
    pub(super) fn exact_only(
        &mut self,
        t: &Table,
        col: usize,
        what: &str,
        mark: &str,
        id: &str,
    ) -> bool {
        let bounded = t.rows_where(col, |c| {
            matches!(c, Cell::Censored { .. } | Cell::Approx { .. })
        });
        let Some(first) = bounded.first() else {
            return true;
        };
        self.diags.push(
            t.diag_at(
                first,
                col,
                format!(
                    "{what} cannot show {}: {mark} would claim an exact value{}",
                    first.cell_text(col),
                    and_more(bounded.len(), "cell", " of this column")
                ),
            )
            .in_chart(id)
            .with_hint("draw bounds and estimates with kind = \"line\", which marks them"),
        );
        false
    }

    /// One error per column and problem, at its first cell, with the count.
    fn area(&mut self, c: &RawChart, t: &Table, series: &[Series], stack: Stack, id: &str) {
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
            self.exact_only(t, s.col, "an area", "its height", id);
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
                            and_more(negative.len(), "cell", " of this column")
                        ),
                    )
                    .in_chart(id)
                    .with_hint("a band below zero would cross the ones above it: use kind = \"line\", or a stacked_bar, which diverges at zero"),
                );
            }
        }
    }
}
