//! A `slope` chart: its fields and its own rules. Each x value (a row) is a column, each series
//! a line across the columns, named at its right end; the values are written beside the first
//! and last columns. A slope joins what the source gives and claims nothing between: it takes
//! two to eight x values, each once, and exact values only.

use super::rules::{Annotations, Parts, Rules, ON_AXES};
use super::*;
use crate::spec::kind::KindBody;

/// `slope`.
#[derive(Debug, Clone)]
pub struct SlopeChart {
    pub plot: Plot,
}

impl KindBody for SlopeChart {
    fn kind(&self) -> Kind {
        Kind::Slope
    }
    fn plot(&self) -> Option<&Plot> {
        Some(&self.plot)
    }
    fn plot_mut(&mut self) -> Option<&mut Plot> {
        Some(&mut self.plot)
    }
}

/// The most columns a slope chart draws: more are a line chart.
const MAX_COLUMNS: usize = 8;

pub(crate) const RULES: Rules = Rules {
    keys: &["values", "series"],
    no_log: Some(
        "a slope chart compares changes on one linear scale; use kind = \"line\" for a log scale",
    ),
    plain: true,
    annotations: Annotations::None,
    build,
    ..ON_AXES
};

fn build(v: &mut Validator, p: Parts) -> Option<Body> {
    let (t, id, c) = (&*p.table, p.id, p.raw);
    let xf = p.plot.x.field?;
    let n = t.rows.len();
    if !(2..=MAX_COLUMNS).contains(&n) {
        v.err(
            &c.kind,
            id,
            format!("a slope chart draws one column per row, from 2 to {MAX_COLUMNS}; {} has {n}", t.path),
            Some(if n < 2 {
                "a slope compares at least two times or states: add the other row, or use kind = \"bar\"".into()
            } else {
                "for more points use kind = \"line\"; or keep the rows to compare with transform = [{ filter = … }]".into()
            }),
        );
        return None;
    }
    let mut seen = std::collections::HashSet::new();
    if let Some(row) = t.rows.iter().find(|r| !seen.insert(r.cell_text(xf))) {
        v.diags.push(
            t.diag_at(row, xf, format!("x value {} appears more than once: each row of a slope chart is one column", row.cell_text(xf)))
                .in_chart(id)
                .with_hint("a long table (one row per column and series) takes color = { field = \"…\" } naming the column of series names"),
        );
        return None;
    }
    let mut fine = true;
    for se in &p.plot.series {
        fine &= v.exact_only(t, se.col, "a slope chart", "its line", id);
    }
    fine.then_some(Body::Slope(SlopeChart { plot: p.plot }))
}
