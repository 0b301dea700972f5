//! Which axis keys each chart kind honours. A key that a kind cannot honour is an error at
//! that key, never accepted and ignored: a chart that silently differs from its spec is
//! worse than no chart.

use super::rules::XLimits;
use super::*;
use crate::data::{Cell, Table};
use crate::spec::raw::{RawAxis, RawChart};

impl Validator<'_> {
    /// Reports every key of `x` and `y` that a `kind` chart would not honour.
    pub(super) fn axis_keys(&mut self, c: &RawChart, kind: Kind, id: &str) {
        let name = kind.name();
        let an = kind.a();
        let rules = kind.rules();
        if !rules.axes {
            for (axis, key) in [(&c.x, "x"), (&c.y, "y")] {
                if let Some(a) = axis {
                    self.err(
                        a,
                        id,
                        format!("{an} chart has no axes: `{key}` would have no effect"),
                        Some(match kind {
                            Kind::Table => {
                                "a table's columns are `columns = [{ field = \"…\" }]`".into()
                            }
                            _ => "a text chart's paragraphs are one column: `field = \"…\"`".into(),
                        }),
                    );
                }
            }
            return;
        }
        if let Some(x) = &c.x {
            let xa = x.get_ref();
            let across = rules.across
                || c.orientation
                    .as_ref()
                    .is_some_and(|o| o.get_ref() == "horizontal");
            if xa.title.is_some() && across {
                let what = if rules.across {
                    format!("{an} chart")
                } else {
                    format!("a horizontal {name} chart")
                };
                self.err(
                    x,
                    id,
                    format!("{what} names its categories down the left: an x `title` would not be drawn"),
                    Some("say what the categories are in the chart's title or subtitle; the value axis's title is y.title".into()),
                );
            }
            if let Some(s) = xa.scale.as_ref().filter(|s| s.get_ref() == "log") {
                if !rules.log_x {
                    self.err(
                        s,
                        id,
                        format!("the x axis of {an} chart cannot use a log scale"),
                        Some("log scales apply to both axes of a scatter chart and to the y axis of a line chart".into()),
                    );
                }
            }
            let numeric = xa
                .kind
                .as_ref()
                .is_some_and(|k| !matches!(k.get_ref().as_str(), "category" | "nominal"));
            for (v, key) in [(&xa.min, "min"), (&xa.max, "max")] {
                let Some(v) = v else { continue };
                let takes = match rules.x_limits {
                    XLimits::Always => true,
                    XLimits::Numeric => numeric,
                    XLimits::Never => false,
                };
                if !takes {
                    self.err(
                        v,
                        id,
                        format!("`{key}` on this x axis would have no effect"),
                        Some(
                            "x min and max apply to a scatter chart and to the linear or temporal x axis of a line chart"
                                .into(),
                        ),
                    );
                }
            }
        }
        let Some(y) = &c.y else { return };
        let ya: &RawAxis = y.get_ref();
        if let (Some(s), Some(why)) = (
            ya.scale.as_ref().filter(|s| s.get_ref() == "log"),
            rules.no_log,
        ) {
            self.err(
                s,
                id,
                format!("{an} chart cannot use a log scale"),
                Some(why.into()),
            );
        }
        if let (Some(m), Some(why)) = (
            ya.min.as_ref().filter(|m| *m.get_ref() > 0.0),
            rules.from_zero,
        ) {
            self.err(
                m,
                id,
                format!(
                    "{an} chart's value axis starts at zero, not {}",
                    m.get_ref()
                ),
                Some(why.into()),
            );
        }
    }

    /// Every value drawn must lie within the axis `min` and `max` the spec sets: one error
    /// per column, at its first value outside, with the count.
    pub(super) fn within_axis(&mut self, t: &Table, cols: &[usize], y: &Axis, chart: &str) {
        if y.min.is_none() && y.max.is_none() {
            return;
        }
        let (lo, hi) = (
            y.min.unwrap_or(f64::NEG_INFINITY),
            y.max.unwrap_or(f64::INFINITY),
        );
        for &col in cols {
            let outside: Vec<(&crate::data::Row, f64)> = t
                .rows
                .iter()
                .filter_map(|r| r.cells.get(col).and_then(Cell::position).map(|v| (r, v)))
                .filter(|(_, v)| *v < lo || *v > hi)
                .collect();
            let Some((row, v)) = outside.first() else {
                continue;
            };
            let (side, bound) = if *v < lo {
                ("below", lo)
            } else {
                ("above", hi)
            };
            let more = and_more(outside.len(), "value", " of this column");
            self.diags.push(
                t.diag_at(
                    row,
                    col,
                    format!(
                        "{v} lies {side} the axis {} of {bound}{more}",
                        if *v < lo { "min" } else { "max" }
                    ),
                )
                .in_chart(chart)
                .with_hint(
                    "it would be drawn off the plot: widen the axis min/max or leave them unset",
                ),
            );
        }
    }

    /// A line joins its points in x order: text x values would draw nothing, and an x value
    /// that repeats (a long table read as wide) would draw a saw-tooth. One error each, at
    /// the first cell, with the count.
    pub(super) fn line_x(
        &mut self,
        t: &Table,
        xf: usize,
        kind: XType,
        chart_kind: Kind,
        chart: &str,
    ) {
        let name = t.headers.get(xf).cloned().unwrap_or_default();
        if kind == XType::Category {
            let text: Vec<&crate::data::Row> = t
                .rows
                .iter()
                .filter(|r| matches!(r.cells.get(xf), Some(Cell::Text(_))))
                .collect();
            if let Some(first) = text.first() {
                self.diags.push(
                    t.diag_at(
                        first,
                        xf,
                        format!(
                            "{} chart places its points on a number or time axis, but column `{name}` holds text ({} cell(s))",
                            chart_kind.a(),
                            text.len()
                        ),
                    )
                    .in_chart(chart)
                    .with_hint("use kind = \"bar\" for categories, or write the x values as numbers or years"),
                );
                return;
            }
        }
        let mut seen: std::collections::BTreeMap<u64, usize> = Default::default();
        let mut first_repeat = None;
        let mut repeats = 0;
        for r in &t.rows {
            let Some(v) = r.cells.get(xf).and_then(Cell::position) else {
                continue;
            };
            let n = seen.entry(v.to_bits()).or_insert(0);
            *n += 1;
            if *n > 1 {
                repeats += 1;
                first_repeat.get_or_insert((r, v));
            }
        }
        if let Some((row, _)) = first_repeat {
            let v = row.cell_text(xf);
            // The column that most likely names the series of a long table: the first text one.
            let group = (0..t.headers.len())
                .find(|&c| c != xf && t.column_cells(c).any(|x| matches!(x, Cell::Text(_))));
            let hint = match group {
                Some(g) => format!(
                    "this looks like a long table (one row per x value and series): add color = {{ field = \"{}\" }} to draw one line per value of `{}`",
                    t.headers[g], t.headers[g]
                ),
                None => "a long table (one row per x value and series) takes color = { field = \"…\" } naming the column of series names".to_string(),
            };
            self.diags.push(
                t.diag_at(
                    row,
                    xf,
                    format!(
                        "x value {v} of column `{name}` appears more than once ({repeats} repeated row(s)): {} chart needs one row per x value", chart_kind.a()
                    ),
                )
                .in_chart(chart)
                .with_hint(hint),
            );
        }
    }

    /// Keys of `[[chart]]` that only some kinds use: any other kind refuses them, at the key,
    /// naming the kinds that take it.
    pub(super) fn kind_keys(&mut self, c: &RawChart, kind: Kind, id: &str) {
        let at = |o: Option<std::ops::Range<usize>>| o.map(|s| toml::Spanned::new(s, ()));
        let only = c
            .label
            .as_ref()
            .and_then(|l| l.get_ref().only.as_ref().map(|o| o.span()));
        let written: [(&str, Option<std::ops::Range<usize>>); 13] = [
            ("join_gaps", c.join_gaps.as_ref().map(|s| s.span())),
            ("direction", c.direction.as_ref().map(|s| s.span())),
            ("size", c.size.as_ref().map(|s| s.span())),
            ("trend", c.trend.as_ref().map(|s| s.span())),
            ("only", only),
            ("values", c.values.as_ref().map(|s| s.span())),
            (
                "series",
                c.series.as_ref().and_then(|l| l.first().map(|f| f.span())),
            ),
            (
                "ranges",
                c.ranges.as_ref().and_then(|l| l.first().map(|f| f.span())),
            ),
            ("orientation", c.orientation.as_ref().map(|s| s.span())),
            ("stack", c.stack.as_ref().map(|s| s.span())),
            (
                "columns",
                c.columns.as_ref().and_then(|l| l.first().map(|f| f.span())),
            ),
            ("field", c.field.as_ref().map(|s| s.span())),
            ("style", c.style.as_ref().map(|s| s.span())),
        ];
        for (key, span) in written {
            let (Some(sp), false) = (at(span), kind.rules().takes(key)) else {
                continue;
            };
            let why = KIND_KEYS
                .iter()
                .find(|(k, _)| *k == key)
                .map_or(String::new(), |(_, w)| format!(" ({w})"));
            self.err(
                &sp,
                id,
                format!(
                    "{} chart does not use `{key}`: it would have no effect",
                    kind.a()
                ),
                Some(format!("`{key}` applies to {}{why}", takers(key))),
            );
        }
        if let (Some(l), false) = (&c.label, kind.rules().takes("label")) {
            self.err(
                l,
                id,
                format!(
                    "{} chart draws no secondary `label`: it would have no effect",
                    kind.a()
                ),
                Some("`label` prints a second line under each bar's category name, or names a scatter's points".into()),
            );
        }
    }
}

/// What a kind-bound key does, where the kind's name alone does not say.
const KIND_KEYS: [(&str, &str); 6] = [
    ("join_gaps", "a dotted line across periods without figures"),
    ("direction", "each range drawn as an arrow from low to high"),
    ("size", "each point's area"),
    ("only", "which points its label names"),
    ("values", "their value labels"),
    ("field", "the column of paragraphs"),
];

/// The kinds that take `key`, as a hint says them: "bar, line and dot charts".
fn takers(key: &str) -> String {
    let names: Vec<&str> = Kind::ALL
        .iter()
        .filter(|(_, k)| k.rules().takes(key))
        .map(|(n, _)| *n)
        .collect();
    match names.split_last() {
        Some((last, [])) => format!("{last} charts"),
        Some((last, rest)) => format!("{} and {last} charts", rest.join(", ")),
        None => "no chart".into(),
    }
}
