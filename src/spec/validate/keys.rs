//! Which axis keys each chart kind honours. A key that a kind cannot honour is an error at
//! that key, never accepted and ignored: a chart that silently differs from its spec is
//! worse than no chart.

use super::*;
use crate::data::{Cell, Table};
use crate::spec::raw::{RawAxis, RawChart};
use crate::spec::{Annotation, Orientation};

/// Why bars take neither a log scale nor a value axis that starts above zero.
const BARS_FROM_ZERO: &str = "a bar's length shows its value from zero, and a log axis or a \
     cut axis has no zero: use kind = \"line\" to show change, or leave min unset";

/// Why areas take neither a log scale nor a value axis that starts above zero.
const AREA_FROM_ZERO: &str = "an area's height shows its value from zero, and a log axis or a \
     cut axis has no zero: use kind = \"line\" to show change, or leave min unset";

impl Validator<'_> {
    /// Reports every key of `x` and `y` that a `kind` chart would not honour.
    pub(super) fn axis_keys(&mut self, c: &RawChart, kind: Kind, id: &str) {
        let name = kind.name();
        let an = kind.a();
        if matches!(kind, Kind::Table | Kind::Text) {
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
            let across = kind == Kind::Range
                || c.orientation
                    .as_ref()
                    .is_some_and(|o| o.get_ref() == "horizontal");
            if xa.title.is_some() && across {
                let what = if kind == Kind::Range {
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
                if kind != Kind::Scatter {
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
                if !(kind == Kind::Scatter || kind == Kind::Line && numeric) {
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
        let log = ya.scale.as_ref().filter(|s| s.get_ref() == "log");
        match kind {
            Kind::Bar | Kind::GroupedBar | Kind::StackedBar => {
                if let Some(s) = log {
                    self.err(
                        s,
                        id,
                        format!("{an} chart cannot use a log scale"),
                        Some(BARS_FROM_ZERO.into()),
                    );
                }
                if let Some(m) = ya.min.as_ref().filter(|m| *m.get_ref() > 0.0) {
                    self.err(
                        m,
                        id,
                        format!(
                            "{an} chart's value axis starts at zero, not {}",
                            m.get_ref()
                        ),
                        Some(BARS_FROM_ZERO.into()),
                    );
                }
            }
            Kind::Range => {
                if let Some(s) = log {
                    self.err(
                        s,
                        id,
                        "a range chart cannot use a log scale",
                        Some("log scales apply to the value (y) axis of a line chart".into()),
                    );
                }
            }
            Kind::Area => {
                if let Some(s) = log {
                    self.err(
                        s,
                        id,
                        "an area chart cannot use a log scale",
                        Some(AREA_FROM_ZERO.into()),
                    );
                }
                if let Some(m) = ya.min.as_ref().filter(|m| *m.get_ref() > 0.0) {
                    self.err(
                        m,
                        id,
                        format!(
                            "an area chart's value axis starts at zero, not {}",
                            m.get_ref()
                        ),
                        Some(AREA_FROM_ZERO.into()),
                    );
                }
            }
            Kind::Dot => {
                if let Some(s) = log {
                    self.err(
                        s,
                        id,
                        "a dot chart cannot use a log scale",
                        Some("log scales apply to line and scatter charts".into()),
                    );
                }
            }
            Kind::Line | Kind::Scatter | Kind::Table | Kind::Text => {}
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
            let more = match outside.len() {
                1 => String::new(),
                n => format!(" (and {} more value(s) of this column)", n - 1),
            };
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

    /// Whether a bar chart draws annotation `ann`; an error at it when it would not.
    pub(super) fn bar_draws(
        &mut self,
        ann: &Annotation,
        at: &toml::Spanned<crate::spec::raw::RawAnnotation>,
        kind: Kind,
        orientation: Orientation,
        id: &str,
    ) -> bool {
        if !matches!(kind, Kind::Bar | Kind::GroupedBar | Kind::StackedBar) {
            return true;
        }
        let why = match (ann, orientation) {
            (Annotation::Span { .. }, _) => "a bar chart draws no spans",
            (Annotation::Point { .. }, Orientation::Horizontal) => {
                "horizontal bars draw no point annotations"
            }
            _ => return true,
        };
        self.err(
            at,
            id,
            why,
            Some("a bar chart draws reference lines ({ y = …, text = \"…\" }); vertical bars also draw point labels".into()),
        );
        false
    }

    /// Keys of `[[chart]]` that only some kinds use: any other kind refuses them, at the key.
    pub(super) fn kind_keys(&mut self, c: &RawChart, kind: Kind, id: &str) {
        use Kind::*;
        let bars = [Bar, GroupedBar, StackedBar];
        let at = |o: Option<std::ops::Range<usize>>| o.map(|s| toml::Spanned::new(s, ()));
        let only = c
            .label
            .as_ref()
            .and_then(|l| l.get_ref().only.as_ref().map(|o| o.span()));
        let checks: [KindKey; 12] = [
            (
                "direction",
                c.direction.as_ref().map(|s| s.span()),
                &[Range],
                "range charts (each range drawn as an arrow from low to high)",
            ),
            (
                "size",
                c.size.as_ref().map(|s| s.span()),
                &[Scatter],
                "scatter charts (each point's area)",
            ),
            (
                "trend",
                c.trend.as_ref().map(|s| s.span()),
                &[Scatter],
                "scatter charts",
            ),
            (
                "only",
                only,
                &[Scatter],
                "the label of a scatter chart (which points it names)",
            ),
            (
                "values",
                c.values.as_ref().map(|s| s.span()),
                &[Bar, GroupedBar, StackedBar, Line, Dot],
                "bar, grouped_bar, stacked_bar, line and dot charts (their value labels)",
            ),
            (
                "series",
                c.series.as_ref().and_then(|l| l.first().map(|f| f.span())),
                &[Bar, GroupedBar, StackedBar, Line, Area, Dot],
                "bar, grouped_bar, stacked_bar, line, area and dot charts",
            ),
            (
                "ranges",
                c.ranges.as_ref().and_then(|l| l.first().map(|f| f.span())),
                &[Range],
                "range charts",
            ),
            (
                "orientation",
                c.orientation.as_ref().map(|s| s.span()),
                &bars,
                "bar, grouped_bar and stacked_bar charts",
            ),
            (
                "stack",
                c.stack.as_ref().map(|s| s.span()),
                &[StackedBar, Area],
                "stacked_bar and area charts",
            ),
            (
                "columns",
                c.columns.as_ref().and_then(|l| l.first().map(|f| f.span())),
                &[Table],
                "table charts",
            ),
            (
                "field",
                c.field.as_ref().map(|s| s.span()),
                &[Text],
                "text charts (the column of paragraphs)",
            ),
            (
                "style",
                c.style.as_ref().map(|s| s.span()),
                &[Text],
                "text charts",
            ),
        ];
        for (key, span, kinds, who) in checks {
            if let Some(sp) = at(span) {
                if !kinds.contains(&kind) {
                    self.err(
                        &sp,
                        id,
                        format!(
                            "{} chart does not use `{key}`: it would have no effect",
                            kind.a()
                        ),
                        Some(format!("`{key}` applies to {who}")),
                    );
                }
            }
        }
        if let Some(l) = &c.label {
            if !bars.contains(&kind) && kind != Scatter {
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
}

/// One kind-bound key: its name, where it is written, the kinds that use it, and a hint.
type KindKey<'a> = (&'a str, Option<std::ops::Range<usize>>, &'a [Kind], &'a str);
