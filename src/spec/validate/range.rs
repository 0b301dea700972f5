//! A `range` chart: its fields and its own rules. A low–high pair per category and range
//! series, categories down the left; `direction` draws each range as an arrow from its `low`
//! column (the start) to its `high` column (the end), and names both ends in the key.

use super::rules::{Annotations, Parts, Rules, ON_AXES};
use super::*;
use crate::data::{Cell, Row, Table};
use crate::spec::kind::{KindBody, Words};
use crate::spec::raw::{RawChart, RawDirection};

/// `range`: a low–high bar per category and range series.
#[derive(Debug, Clone)]
pub struct RangeChart {
    pub plot: Plot,
    pub ranges: Vec<RangeSeries>,
    /// `direction`: each range runs from `low` (a dot) to `high` (an arrowhead), and these
    /// name the two ends in the key ("1952", "2007").
    pub arrow: Option<(String, String)>,
}

impl KindBody for RangeChart {
    fn kind(&self) -> Kind {
        Kind::Range
    }
    fn plot(&self) -> Option<&Plot> {
        Some(&self.plot)
    }
    fn plot_mut(&mut self) -> Option<&mut Plot> {
        Some(&mut self.plot)
    }
    fn series_keys(&self) -> Vec<&str> {
        self.ranges.iter().map(|r| r.key.as_str()).collect()
    }
    fn ranges(&self) -> &[RangeSeries] {
        &self.ranges
    }
    fn translate(&mut self, tr: &mut dyn Words) {
        for r in &mut self.ranges {
            r.label = tr.text(&r.label);
        }
        if let Some((a, b)) = &mut self.arrow {
            *a = tr.text(a);
            *b = tr.text(b);
        }
    }
}

pub(crate) const RULES: Rules = Rules {
    keys: &["direction", "ranges", "series"],
    ranges: true,
    across: true,
    no_log: Some("log scales apply to the value (y) axis of a line chart"),
    plain: true,
    annotations: Annotations::None,
    build,
    ..ON_AXES
};

fn build(v: &mut Validator, p: Parts) -> Option<Body> {
    v.ranges_ordered(p.raw, &p.table, &p.ranges, p.id);
    let arrow = v.direction(p.raw, &p.table, &p.ranges, p.id);
    Some(Body::Range(RangeChart {
        plot: p.plot,
        ranges: p.ranges,
        arrow,
    }))
}

impl Validator<'_> {
    /// The names of an arrow range's two ends, or `None` for plain ranges.
    fn direction(
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
    fn ranges_ordered(&mut self, c: &RawChart, t: &Table, ranges: &[RangeSeries], id: &str) {
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
            let more = and_more(bad.len(), "row", "");
            self.diags.push(
                t.diag_at(first, r.low, format!("the low value {lo} is above the high value {hi}{more}"))
                    .in_chart(id)
                    .with_hint("swap the columns of low and high, or draw each range as an arrow from low to high with direction = true"),
            );
        }
    }
}
