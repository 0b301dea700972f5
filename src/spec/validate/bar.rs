//! `bar`, `grouped_bar` and `stacked_bar`: their fields and their own rules. A bar's length is
//! its value from zero, so the value axis takes no log scale and no `min` above zero; a bar
//! chart draws one series; a stack holds exact values only, and a 100 % stack sums to 100.

use toml::Spanned;

use super::rules::{Annotations, ColorUse, Parts, Rules, ON_AXES};
use super::*;
use crate::data::{Cell, Table};
use crate::spec::kind::KindBody;
use crate::spec::raw::{RawAnnotation, RawChart};

/// How the series of a bar chart share a category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grouping {
    /// `bar`: one series.
    Single,
    /// `grouped_bar`: side by side.
    Grouped,
    /// `stacked_bar`: end to end.
    Stacked(Stack),
}

/// `bar`, `grouped_bar`, `stacked_bar`.
#[derive(Debug, Clone)]
pub struct BarChart {
    pub plot: Plot,
    pub grouping: Grouping,
    pub orientation: Orientation,
    /// Each row's category as the data file writes it (before translation): a one-series
    /// bar chart colours a bar whose category `[theme] colors` names (one colour per drug,
    /// say, in every chart), and the others in the theme's neutral grey.
    pub row_keys: Vec<String>,
}

impl KindBody for BarChart {
    fn kind(&self) -> Kind {
        match self.grouping {
            Grouping::Single => Kind::Bar,
            Grouping::Grouped => Kind::GroupedBar,
            Grouping::Stacked(_) => Kind::StackedBar,
        }
    }
    fn plot(&self) -> Option<&Plot> {
        Some(&self.plot)
    }
    fn colour_names(&self) -> Vec<&str> {
        let mut out = self.series_keys();
        out.extend(self.row_keys.iter().map(String::as_str));
        out
    }
    fn plot_mut(&mut self) -> Option<&mut Plot> {
        Some(&mut self.plot)
    }
}

/// Why bars take neither a log scale nor a value axis that starts above zero.
const FROM_ZERO: &str = "a bar's length shows its value from zero, and a log axis or a \
     cut axis has no zero: use kind = \"line\" to show change, or leave min unset";

/// `bar`: one series.
pub(crate) const BAR: Rules = Rules {
    keys: &["values", "series", "orientation", "label"],
    no_log: Some(FROM_ZERO),
    from_zero: Some(FROM_ZERO),
    color: ColorUse::Refused("one bar per category has one colour: use kind = \"grouped_bar\" or \"stacked_bar\" to split bars by a field"),
    annotations: Annotations::Own(draws),
    build,
    ..ON_AXES
};

/// `grouped_bar`: series side by side.
pub(crate) const GROUPED: Rules = Rules {
    color: ColorUse::Pivot,
    ..BAR
};

/// `stacked_bar`: series end to end.
pub(crate) const STACKED: Rules = Rules {
    keys: &["values", "series", "orientation", "label", "stack"],
    stacked: true,
    color: ColorUse::Pivot,
    ..BAR
};

fn build(v: &mut Validator, p: Parts) -> Option<Body> {
    let (c, id) = (p.raw, p.id);
    let orientation = v.keyword(
        c.orientation.as_ref(),
        id,
        "orientation",
        &[
            ("vertical", Orientation::Vertical),
            ("horizontal", Orientation::Horizontal),
        ],
        Orientation::Vertical,
        "use \"vertical\" or \"horizontal\"",
        false,
    );
    let grouping = match p.kind {
        Kind::Bar => Grouping::Single,
        Kind::GroupedBar => Grouping::Grouped,
        _ => Grouping::Stacked(v.stack(c, id)),
    };
    if grouping == Grouping::Single && p.plot.series.len() > 1 {
        v.err(
            &c.kind,
            id,
            "a bar chart draws one series",
            Some("use kind = \"grouped_bar\" or \"stacked_bar\" for several".into()),
        );
    }
    if let Grouping::Stacked(stack) = grouping {
        v.stack_values(&p.table, &p.plot.series, stack, id);
    }
    let row_keys = match (grouping, p.plot.x.field) {
        (Grouping::Single, Some(f)) => p.table.rows.iter().map(|r| r.cell_text(f)).collect(),
        _ => Vec::new(),
    };
    Some(Body::Bar(BarChart {
        plot: p.plot,
        grouping,
        orientation,
        row_keys,
    }))
}

/// Whether a bar chart draws annotation `ann`; an error at it when it would not.
fn draws(
    v: &mut Validator,
    ann: &Annotation,
    at: &Spanned<RawAnnotation>,
    c: &RawChart,
    id: &str,
) -> bool {
    let horizontal = c
        .orientation
        .as_ref()
        .is_some_and(|o| o.get_ref() == "horizontal");
    let why = match (ann, horizontal) {
        (Annotation::Span { .. }, _) => "a bar chart draws no spans",
        (Annotation::Point { .. }, true) => "horizontal bars draw no point annotations",
        _ => return true,
    };
    v.err(
        at,
        id,
        why,
        Some("a bar chart draws reference lines ({ y = …, text = \"…\" }); vertical bars also draw point labels".into()),
    );
    false
}

impl Validator<'_> {
    /// `stack = "count" | "percent"`.
    pub(super) fn stack(&mut self, c: &RawChart, id: &str) -> Stack {
        self.keyword(
            c.stack.as_ref(),
            id,
            "stack mode",
            &[("count", Stack::Count), ("percent", Stack::Percent)],
            Stack::Count,
            "use \"count\" or \"percent\"",
            false,
        )
    }

    /// A stack holds exact values only (a count stack may go below zero); a 100 % stack's
    /// parts sum to 100 in every row.
    fn stack_values(&mut self, t: &Table, series: &[Series], stack: Stack, chart: &str) {
        let cols: Vec<usize> = series.iter().map(|s| s.col).collect();
        for row in &t.rows {
            for &col in &cols {
                let Some(cell) = row.cells.get(col) else {
                    continue;
                };
                match cell {
                    Cell::Censored { .. } | Cell::Approx { .. } => self.diags.push(t.diag_at(row, col, "a stacked bar cannot stack a censored or approximate value").in_chart(chart).with_hint("show these values in a grouped_bar or a table")),
                    Cell::Missing(_) => self.diags.push(t.diag_at(row, col, "a stacked bar cannot show a missing value").in_chart(chart).with_hint("a gap in a stack would read as 0; show these values in a grouped_bar or a table")),
                    // A count stack diverges: negatives stack below zero.
                    Cell::Number { value, .. } if *value < 0.0 && stack == Stack::Percent => self.diags.push(t.diag_at(row, col, "a 100 % stack cannot hold a negative share").in_chart(chart).with_hint("use stack = \"count\" for a diverging stack (negatives below zero)")),
                    _ => {}
                }
            }
            if stack == Stack::Percent {
                let sum: f64 = cols
                    .iter()
                    .filter_map(|&c| row.cells.get(c).and_then(Cell::position))
                    .sum();
                if (sum - 100.0).abs() > 0.5 + 1e-9 {
                    let first = cols.first().copied().unwrap_or(0);
                    self.diags.push(
                        t.diag_at(
                            row,
                            first,
                            format!(
                                "the shares in this row add up to {}, not 100",
                                (sum * 1000.0).round() / 1000.0
                            ),
                        )
                        .in_chart(chart)
                        .with_hint(
                            "a 100 % stack needs parts that sum to 100 (within 0.5 for rounding)",
                        ),
                    );
                }
            }
        }
    }
}
