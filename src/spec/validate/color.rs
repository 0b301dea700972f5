//! `color = { field = "…" }`: a long ("tidy") table, one row per x and group, split into one
//! series per distinct value of the field. The table is pivoted here, once, so that every
//! later step (layout, description, data appendix, checks) sees ordinary wide data.

use std::collections::HashMap;
use std::sync::Arc;

use toml::Spanned;

use super::*;
use crate::data::{Cell, Missing, Row, Table};
use crate::spec::raw::RawColor;

/// What the pivot produced: the wide table, and the series (or range series) of each group.
pub(super) struct Pivot {
    pub table: Arc<Table>,
    pub series: Vec<Series>,
    pub ranges: Vec<RangeSeries>,
}

impl Validator<'_> {
    /// Splits the chart's long table by the `color` field. `series` (one value column) or
    /// `ranges` (one low–high pair) name what each group draws; the x column keys the rows.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn pivot(
        &mut self,
        raw: &Spanned<RawColor>,
        t: &Table,
        kind: Kind,
        xf: Option<usize>,
        series: &[Series],
        ranges: &[RangeSeries],
        chart: &str,
        keep: Option<usize>,
    ) -> Option<Pivot> {
        let rc = raw.get_ref();
        let cf = self.column(t, &rc.field, chart)?;
        if let super::rules::ColorUse::Refused(hint) = kind.rules().color {
            self.err(
                raw,
                chart,
                format!("{} chart cannot split its data by colour", kind.a()),
                Some(hint.into()),
            );
            return None;
        }
        if let Some(d) = &rc.direct {
            self.err(
                d,
                chart,
                format!("{} chart does not name colour groups beside their points: `direct` would have no effect", kind.a()),
                Some("`direct` applies to scatter charts; lines and areas name their series at their ends, the other kinds in a legend".into()),
            );
        }
        let xf = xf?;
        // What each group draws: one value column, or one low–high pair.
        let values: Vec<usize> = match (kind.rules().ranges, series, ranges) {
            (true, _, [r]) => vec![r.low, r.high],
            (true, _, _) => {
                self.err(
                    raw,
                    chart,
                    "with `color`, a range chart takes one range: ranges = [{ low = \"…\", high = \"…\" }]",
                    Some("each value of the color field becomes one range series".into()),
                );
                return None;
            }
            (_, [s], _) => vec![s.col],
            _ => {
                self.err(
                    raw,
                    chart,
                    "with `color`, the chart takes one value column: y = { field = \"…\" }",
                    Some("a long table has one value column; each value of the color field becomes one series".into()),
                );
                return None;
            }
        };
        let groups = self.color_groups(raw, t, cf, chart)?;
        let gi: HashMap<&str, usize> = groups
            .iter()
            .enumerate()
            .map(|(i, g)| (g.as_str(), i))
            .collect();
        // One wide row per distinct x, in order of first appearance.
        // The facet column, when there is one, stays: a row per (x, panel).
        let extra = usize::from(keep.is_some());
        let width = 1 + extra + groups.len() * values.len();
        let mut rows: Vec<Row> = Vec::new();
        let mut row_of: HashMap<String, usize> = HashMap::new();
        let mut repeats: Vec<&Row> = Vec::new();
        for r in &t.rows {
            let key = match keep {
                Some(k) => format!("{}\u{1}{}", r.cell_text(xf), r.cell_text(k)),
                None => r.cell_text(xf),
            };
            let ri = *row_of.entry(key).or_insert_with(|| {
                let x = r
                    .cells
                    .get(xf)
                    .cloned()
                    .unwrap_or(Cell::Missing(Missing::Empty));
                let xcol = r.cols.get(xf).copied().unwrap_or(1);
                let mut cells = vec![Cell::Missing(Missing::Empty); width];
                cells[0] = x;
                if let Some(k) = keep {
                    cells[1] = r
                        .cells
                        .get(k)
                        .cloned()
                        .unwrap_or(Cell::Missing(Missing::Empty));
                }
                let xline = r.lines.get(xf).copied().unwrap_or(r.line);
                rows.push(Row {
                    cells,
                    line: xline,
                    cols: vec![xcol; width],
                    lines: Vec::new(),
                });
                rows.len() - 1
            });
            let g = gi
                .get(group_name(r.cells.get(cf)).as_str())
                .copied()
                .unwrap_or(0);
            let slot = 1 + extra + g * values.len();
            let row = &mut rows[ri];
            if !matches!(row.cells[slot], Cell::Missing(Missing::Empty)) {
                repeats.push(r);
                continue;
            }
            for (k, &v) in values.iter().enumerate() {
                row.cells[slot + k] = r
                    .cells
                    .get(v)
                    .cloned()
                    .unwrap_or(Cell::Missing(Missing::Empty));
                row.cols[slot + k] = r.cols.get(v).copied().unwrap_or(1);
            }
        }
        if let Some(first) = repeats.first() {
            let xname = t.headers.get(xf).cloned().unwrap_or_default();
            self.diags.push(
                t.diag_at(
                    first,
                    cf,
                    format!(
                        "this row repeats `{}` = {} for `{}` = {} ({} row(s) repeat an earlier pair)",
                        xname,
                        first.cell_text(xf),
                        rc.field.get_ref(),
                        group_name(first.cells.get(cf)),
                        super::dates::count(repeats.len())
                    ),
                )
                .in_chart(chart)
                .with_hint("a long table has one row per x value and group: remove the repeats, or sum them in the data"),
            );
            return None;
        }
        // A group written as a date is named as the charts name dates ("Jan 2009").
        let mut labels: HashMap<String, String> = HashMap::new();
        for r in &t.rows {
            if let Some(Cell::Date { at, text }) = r.cells.get(cf) {
                labels
                    .entry(text.clone())
                    .or_insert_with(|| at.label(self.lang));
            }
        }
        let mut headers = vec![t.headers.get(xf).cloned().unwrap_or_default()];
        if let Some(k) = keep {
            headers.push(t.headers.get(k).cloned().unwrap_or_default());
        }
        let mut new_series = Vec::new();
        let mut new_ranges = Vec::new();
        for g in &groups {
            let col = headers.len();
            let label = labels.get(g).cloned().unwrap_or_else(|| g.clone());
            if values.len() == 2 {
                headers.push(format!("{g} (low)"));
                headers.push(format!("{g} (high)"));
                new_ranges.push(RangeSeries {
                    low: col,
                    high: col + 1,
                    label: label.clone(),
                    key: g.clone(),
                });
            } else {
                headers.push(g.clone());
                new_series.push(Series {
                    col,
                    label,
                    key: g.clone(),
                    remainder: false,
                });
            }
        }
        Some(Pivot {
            table: Arc::new(t.reshaped(headers, rows)),
            series: new_series,
            ranges: new_ranges,
        })
    }

    /// The values of a `color` field, each once: in order of first appearance, or as `order`
    /// or `sort` says; an error (and `None`) for an unknown order value, an unknown sort, or
    /// more groups than colours can tell apart.
    pub(super) fn color_groups(
        &mut self,
        raw: &Spanned<RawColor>,
        t: &Table,
        cf: usize,
        chart: &str,
    ) -> Option<Vec<String>> {
        let rc = raw.get_ref();
        let mut groups: Vec<String> = Vec::new();
        let mut at: HashMap<String, usize> = HashMap::new();
        for r in &t.rows {
            let g = group_name(r.cells.get(cf));
            if !at.contains_key(&g) {
                at.insert(g.clone(), groups.len());
                groups.push(g);
            }
        }
        if let Some(order) = &rc.order {
            let mut ordered = Vec::new();
            for name in order.get_ref() {
                if !groups.contains(name) {
                    let hint = crate::error::did_you_mean(name, groups.iter().map(String::as_str))
                        .map_or_else(
                            || format!("its values are: {}", groups.join(", ")),
                            |b| format!("did you mean `{b}`?"),
                        );
                    self.err(
                        order,
                        chart,
                        format!("`{name}` is not a value of column `{}`", rc.field.get_ref()),
                        Some(hint),
                    );
                    return None;
                }
                if !ordered.contains(name) {
                    ordered.push(name.clone());
                }
            }
            // Values the order leaves out follow, as they appear.
            for g in &groups {
                if !ordered.contains(g) {
                    ordered.push(g.clone());
                }
            }
            groups = ordered;
        }
        if let Some(s) = &rc.sort {
            match s.get_ref().as_str() {
                "ascending" => sort_groups(&mut groups, t, cf),
                "descending" => {
                    sort_groups(&mut groups, t, cf);
                    groups.reverse();
                }
                "appearance" => {}
                other => {
                    self.err(
                        s,
                        chart,
                        format!("unknown sort `{other}`"),
                        Some("use \"appearance\" (the default), \"ascending\" or \"descending\"; or order = [\"…\", …]".into()),
                    );
                    return None;
                }
            }
        }
        if groups.len() > MAX_GROUPS {
            self.err(
                raw,
                chart,
                format!(
                    "column `{}` has {} distinct values: too many series to tell apart",
                    rc.field.get_ref(),
                    groups.len()
                ),
                Some(format!("a chart tells at most {MAX_GROUPS} colours apart: filter the data, or group small values as \"Other\"")),
            );
            return None;
        }
        Some(groups)
    }
}

/// The most groups one `color` field may split a chart into.
const MAX_GROUPS: usize = 24;

/// A group's name: its cell as written (a missing cell is a group of its own, named empty).
fn group_name(c: Option<&Cell>) -> String {
    match c {
        Some(Cell::Text(s) | Cell::Date { text: s, .. }) => s.clone(),
        Some(Cell::Number { value, decimals }) => format!("{value:.*}", usize::from(*decimals)),
        Some(c @ (Cell::Approx { .. } | Cell::Censored { .. })) => {
            crate::model::format::NumFormat::default().table_cell(c)
        }
        Some(Cell::Missing(_)) | None => String::new(),
    }
}

/// Sorts group names by their cells' values: numbers and dates by magnitude (so 9 comes
/// before 10), text in code-point order, numbers before text.
fn sort_groups(groups: &mut [String], t: &Table, cf: usize) {
    let mut key: HashMap<String, Option<f64>> = HashMap::new();
    for r in &t.rows {
        let c = r.cells.get(cf);
        let k = match c {
            Some(Cell::Number { value, .. }) => Some(*value),
            Some(Cell::Date { at, .. }) => Some(at.position()),
            _ => None,
        };
        key.entry(group_name(c)).or_insert(k);
    }
    groups.sort_by(
        |a, b| match (key.get(a).copied().flatten(), key.get(b).copied().flatten()) {
            (Some(x), Some(y)) => x.total_cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => a.cmp(b),
        },
    );
}
