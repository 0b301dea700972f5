//! A `scatter` chart: its fields and its own keys. Numeric x and y (either may be a log scale,
//! which needs values above zero), the `color` groups, the `size` column, which points
//! `label` names, and `trend`.

use toml::Spanned;

use super::rules::{Annotations, ColorUse, Parts, Rules, XLimits, ON_AXES};
use super::*;
use crate::data::{Cell, Table};
use crate::model::format::{NumFormat, NumStyle};
use crate::spec::kind::{KindBody, Words};
use crate::spec::raw::RawChart;

/// `scatter`: a point per row at its x and y, optionally coloured by a field, sized by another
/// (area proportional to the value), some named, and a least-squares line.
#[derive(Debug, Clone)]
pub struct ScatterChart {
    /// The axes; `series` holds the y column once (its name for the description).
    pub plot: Plot,
    pub color: Option<PointGroups>,
    pub size: Option<PointSize>,
    pub labels: Option<PointLabels>,
    /// Draws the least-squares line of y on x (on the axes' scales) and says so in the key.
    pub trend: bool,
}

/// The column whose values colour a scatter's points, and those values in legend order.
#[derive(Debug, Clone)]
pub struct PointGroups {
    pub col: usize,
    /// The values as the data writes them: what `[theme] colors` names.
    pub groups: Vec<String>,
    /// The same values in the edition's language: the legend, and what the cells say.
    pub names: Vec<String>,
    /// `direct = true`: each group is named beside its points, not in a legend.
    pub direct: bool,
}

/// The column that sizes a scatter's points (area proportional to the value).
#[derive(Debug, Clone)]
pub struct PointSize {
    pub col: usize,
    /// What the sizes measure, for the size key ("Population").
    pub title: String,
    pub format: NumFormat,
}

/// The column that names a scatter's points, and which of them are named (`None`: all).
#[derive(Debug, Clone)]
pub struct PointLabels {
    pub col: usize,
    pub only: Option<Vec<String>>,
}

impl KindBody for ScatterChart {
    fn kind(&self) -> Kind {
        Kind::Scatter
    }
    fn plot(&self) -> Option<&Plot> {
        Some(&self.plot)
    }
    fn plot_mut(&mut self) -> Option<&mut Plot> {
        Some(&mut self.plot)
    }
    fn series_keys(&self) -> Vec<&str> {
        match &self.color {
            Some(g) => g.groups.iter().map(String::as_str).collect(),
            None => self.plot.series.iter().map(|s| s.key.as_str()).collect(),
        }
    }
    fn formats_mut(&mut self) -> Vec<&mut NumFormat> {
        let p = &mut self.plot;
        let mut out = vec![&mut p.x.format, &mut p.y.format];
        match (&mut self.size, &mut p.label) {
            (Some(size), _) => out.push(&mut size.format),
            (None, Some(l)) => out.push(&mut l.format),
            (None, None) => {}
        }
        out
    }
    fn translate(&mut self, tr: &mut dyn Words) {
        // Groups and named points are cells of the data, translated as the table is.
        if let Some(g) = &mut self.color {
            g.names = g.groups.iter().map(|n| tr.text(n)).collect();
        }
        if let Some(s) = &mut self.size {
            s.title = tr.text(&s.title);
            s.format = tr.format(&s.format);
        }
        if let Some(only) = self.labels.as_mut().and_then(|l| l.only.as_mut()) {
            *only = only.iter().map(|n| tr.text(n)).collect();
        }
    }
}

pub(crate) const RULES: Rules = Rules {
    keys: &["size", "trend", "only", "label"],
    numeric_x: true,
    log_x: true,
    x_limits: XLimits::Always,
    color: ColorUse::Groups,
    annotations: Annotations::NoPoints(
        "a scatter chart names its points with `label`, not with point annotations",
        "write label = { field = \"…\", only = [\"…\"] }; a scatter's annotations are reference lines (y = …) and spans (x = [a, b])",
    ),
    build,
    ..ON_AXES
};

fn build(v: &mut Validator, p: Parts) -> Option<Body> {
    let parts = v.scatter(p.raw, &p.table, &p.plot.x, &p.plot.y, p.id)?;
    let labels = p.plot.label.as_ref().map(|l| PointLabels {
        col: l.col,
        only: parts.only,
    });
    Some(Body::Scatter(ScatterChart {
        plot: p.plot,
        color: parts.color,
        size: parts.size,
        labels,
        trend: parts.trend,
    }))
}

/// A scatter chart's parts, checked.
struct ScatterParts {
    pub color: Option<PointGroups>,
    pub size: Option<PointSize>,
    pub only: Option<Vec<String>>,
    pub trend: bool,
}

impl Validator<'_> {
    /// Checks the columns a scatter draws and reads its own keys.
    fn scatter(
        &mut self,
        c: &RawChart,
        t: &Table,
        x: &Axis,
        y: &Axis,
        id: &str,
    ) -> Option<ScatterParts> {
        // A missing x or y field was reported with the other kinds that draw on axes.
        let (Some(xf), Some(yf)) = (x.field, y.field) else {
            return None;
        };
        if let Some(k) = c.x.as_ref().and_then(|a| a.get_ref().kind.as_ref()) {
            if x.kind != XType::Linear {
                self.err(
                    k,
                    id,
                    format!("a scatter chart's x axis is a number axis, not `{}`", k.get_ref()),
                    Some("leave `type` out (or write type = \"linear\"); for dates or categories use a line or bar chart".into()),
                );
            }
        }
        let mut placed = true;
        for (col, axis, name) in [(xf, x, "x"), (yf, y, "y")] {
            let dates = t.rows_where(col, |c| matches!(c, Cell::Date { .. }));
            if let Some(first) = dates.first() {
                placed = false;
                let head = t.headers.get(col).cloned().unwrap_or_default();
                self.diags.push(
                    t.diag_at(
                        first,
                        col,
                        format!(
                            "a scatter places its points on number axes, but column `{head}` holds dates{}",
                            many(dates.len())
                        ),
                    )
                    .in_chart(id)
                    .with_hint("chart a series over time with kind = \"line\" and x = { type = \"temporal\" }, or plot a numeric column"),
                );
                continue;
            }
            if !self.numeric(t, col, id) {
                placed = false;
                continue;
            }
            self.position_cells(t, col, axis, name, id);
        }
        self.within_axis(t, &[xf], x, id);

        let color = match &c.color {
            Some(raw) => {
                let col = self.column(t, &raw.get_ref().field, id)?;
                let groups = self.color_groups(raw, t, col, id)?;
                Some(PointGroups {
                    col,
                    names: groups.clone(),
                    groups,
                    direct: raw.get_ref().direct.as_ref().is_some_and(|d| *d.get_ref()),
                })
            }
            None => None,
        };

        let size = match &c.size {
            Some(raw) => {
                let rs = raw.get_ref();
                let col = self.column(t, &rs.field, id)?;
                if self.numeric(t, col, id) {
                    self.sizes(t, col, id);
                }
                let style = self.format(rs.format.as_ref(), id, NumStyle::Thousands);
                let title = rs
                    .title
                    .clone()
                    .unwrap_or_else(|| rs.field.get_ref().clone());
                self.glyphs(raw, id, &title, false);
                Some(PointSize {
                    col,
                    title,
                    format: NumFormat {
                        style,
                        prefix: rs.prefix.clone().unwrap_or_default(),
                        suffix: rs.suffix.clone().unwrap_or_default(),
                        ..NumFormat::default()
                    },
                })
            }
            None => None,
        };

        let only = match c.label.as_ref().and_then(|l| {
            let lr = l.get_ref();
            lr.only.as_ref().map(|o| (lr, o))
        }) {
            Some((lr, only)) => {
                let col = self.column(t, &lr.field, id)?;
                let names: Vec<String> = t.rows.iter().map(|r| r.cell_text(col)).collect();
                for name in only.get_ref() {
                    if !names.contains(name) {
                        let hint =
                            crate::error::did_you_mean(name, names.iter().map(String::as_str))
                                .map_or_else(
                                    || {
                                        format!(
                                            "`only` names values of column `{}`",
                                            lr.field.get_ref()
                                        )
                                    },
                                    |b| format!("did you mean `{b}`?"),
                                );
                        self.err(
                            only,
                            id,
                            format!("no point has `{name}` in column `{}`", lr.field.get_ref()),
                            Some(hint),
                        );
                    }
                }
                Some(only.get_ref().clone())
            }
            None => None,
        };

        if let Some(l) = c.label.as_ref().filter(|l| l.get_ref().only.is_none()) {
            if t.rows.len() > MAX_NAMED {
                self.err(
                    l,
                    id,
                    format!(
                        "naming every one of {} points would bury them under their names",
                        t.rows.len()
                    ),
                    Some(format!("name at most {MAX_NAMED}: label = {{ field = \"{}\", only = [\"…\", \"…\"] }}", l.get_ref().field.get_ref())),
                );
            }
        }
        let drawn = t
            .rows
            .iter()
            .filter(|r| {
                [Some(xf), Some(yf), size.as_ref().map(|s| s.col)]
                    .into_iter()
                    .flatten()
                    .all(|col| r.cells.get(col).and_then(Cell::position).is_some())
            })
            .count();
        if placed && drawn == 0 {
            let at = Spanned::new(c.kind.span(), ());
            self.err(
                &at,
                id,
                format!(
                    "no row has a value for x{}: the scatter would be empty",
                    if size.is_some() {
                        ", y and size"
                    } else {
                        " and y"
                    }
                ),
                Some("check the fields: each point needs its x and y (and size) in one row".into()),
            );
            return None;
        }
        let trend = c.trend.as_ref().is_some_and(|t| *t.get_ref());
        // With x or y unreadable the count of points would only repeat that error.
        if let (true, true, Some(at)) = (trend, placed, &c.trend) {
            let mut xs: Vec<f64> = t
                .rows
                .iter()
                .filter(|r| r.cells.get(yf).and_then(Cell::position).is_some())
                .filter_map(|r| r.cells.get(xf).and_then(Cell::position))
                .collect();
            xs.sort_by(f64::total_cmp);
            xs.dedup();
            if xs.len() < 3 {
                self.err(
                    at,
                    id,
                    format!(
                        "a trend line needs points at three or more different x values, and this chart has {}",
                        xs.len()
                    ),
                    Some("remove `trend`, or chart more points".into()),
                );
            }
        }
        Some(ScatterParts {
            color,
            size,
            only,
            trend,
        })
    }

    /// A point's x or y is a plain number (or missing: the point is then left out, with a
    /// note); above zero on a log axis. One error per column, at its first bad cell.
    fn position_cells(&mut self, t: &Table, col: usize, axis: &Axis, name: &str, id: &str) {
        let bounded = t.rows_where(col, |c| {
            matches!(c, Cell::Censored { .. } | Cell::Approx { .. })
        });
        if let Some(first) = bounded.first() {
            self.diags.push(
                t.diag_at(
                    first,
                    col,
                    format!(
                        "a point's {name} must be known: {} is a bound or an estimate{}",
                        first.cell_text(col),
                        many(bounded.len())
                    ),
                )
                .in_chart(id)
                .with_hint("a scatter places each point exactly; show bounds and estimates in a table or a bar chart"),
            );
        }
        if axis.scale == crate::model::scale::ScaleKind::Log {
            let low = t.rows_where(col, |c| c.position().is_some_and(|v| v <= 0.0));
            if let Some(first) = low.first() {
                self.diags.push(
                    t.diag_at(
                        first,
                        col,
                        format!(
                            "{} cannot be drawn on a log scale{}",
                            first.cell_text(col),
                            many(low.len())
                        ),
                    )
                    .in_chart(id)
                    .with_hint(format!(
                        "a log axis needs values above zero; use scale = \"linear\" on {name}"
                    )),
                );
            }
        }
    }

    /// A point's area shows its size value: it cannot be negative.
    fn sizes(&mut self, t: &Table, col: usize, id: &str) {
        let bad = t.rows_where(col, |c| {
            matches!(c, Cell::Censored { .. } | Cell::Approx { .. })
                || c.position().is_some_and(|v| v < 0.0)
        });
        if let Some(first) = bad.first() {
            self.diags.push(
                t.diag_at(
                    first,
                    col,
                    format!(
                        "a point's area cannot show {}{}",
                        first.cell_text(col),
                        many(bad.len())
                    ),
                )
                .in_chart(id)
                .with_hint("sizes are zero or more, written as plain numbers (an area cannot be negative, a bound or an estimate)"),
            );
        }
    }
}

/// The most points a scatter names without `only`.
const MAX_NAMED: usize = 40;

/// " (and N more cells of this column)" when more than one cell is bad (see [`and_more`]).
fn many(n: usize) -> String {
    and_more(n, "cell", " of this column")
}
