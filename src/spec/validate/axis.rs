//! An axis table (`x`, `y`) and the column references and number formats it holds.

use toml::Spanned;

use super::*;
use crate::data::{Cell, Table};
use crate::error::did_you_mean;
use crate::model::format::NumStyle;
use crate::spec::raw::RawAxis;

/// What a date pattern may hold, for hints.
pub(super) const DATE_FIELDS: &str = "date patterns use strftime fields: %Y year, %m month, %d day, %b month name (Jan), %H:%M time, %q quarter (format only); ISO dates (2017-03-31) need no pattern";

/// Why a tick-label date pattern cannot format a date, if it cannot.
fn date_pattern_error(p: &str) -> Option<String> {
    let dt = jiff::civil::date(2017, 3, 31).at(14, 5, 0, 0);
    crate::data::time::format_with(p, dt).err()
}

impl Validator<'_> {
    /// Resolves a column name, with a hint listing the columns.
    pub(super) fn column(
        &mut self,
        t: &Table,
        name: &Spanned<String>,
        chart: &str,
    ) -> Option<usize> {
        match t.column(name.get_ref()) {
            Some(i) => Some(i),
            None => {
                let hint = match did_you_mean(name.get_ref(), t.headers.iter().map(String::as_str))
                {
                    Some(b) => format!(
                        "did you mean `{b}`? the columns of {} are: {}",
                        t.path,
                        t.headers.join(", ")
                    ),
                    None => format!("the columns of {} are: {}", t.path, t.headers.join(", ")),
                };
                self.err(
                    name,
                    chart,
                    format!("no column `{}` in {}", name.get_ref(), t.path),
                    Some(hint),
                );
                None
            }
        }
    }

    /// Checks that a column holds numbers (or censored/missing values) in every row: the
    /// cells that do not are one error, located at the first, with their count.
    pub(super) fn numeric(&mut self, t: &Table, col: usize, chart: &str) -> bool {
        let bad = t.rows_where(col, |c| matches!(c, Cell::Text(_) | Cell::Date { .. }));
        let Some(first) = bad.first() else {
            return true;
        };
        let name = t.headers.get(col).cloned().unwrap_or_default();
        let s = first.cell_text(col);
        let n_dates = bad
            .iter()
            .filter(|r| matches!(r.cells.get(col), Some(Cell::Date { .. })))
            .count();
        let more = if bad.len() > 1 {
            format!(
                " ({} cells of this column are not numbers)",
                super::dates::count(bad.len())
            )
        } else {
            String::new()
        };
        let hint = if n_dates * 2 > bad.len() {
            format!("column `{name}` holds dates ({} cells): dates go on an x axis with type = \"temporal\"", super::dates::count(n_dates))
        } else {
            "write numbers plainly (10284, 12.9); a censored value as <0.1; approximate as ~15000; missing as – or empty".to_string()
        };
        self.diags.push(
            t.diag_at(
                first,
                col,
                format!("`{s}` in column `{name}` is not a number{more}"),
            )
            .in_chart(chart)
            .with_hint(hint),
        );
        false
    }

    pub(super) fn format(
        &mut self,
        f: Option<&Spanned<String>>,
        chart: &str,
        default: NumStyle,
    ) -> NumStyle {
        self.keyword(
            f,
            chart,
            "number format",
            &[
                ("thousands", NumStyle::Thousands),
                ("number", NumStyle::Thousands),
                ("plain", NumStyle::Plain),
                ("percent", NumStyle::Percent),
            ],
            default,
            "formats: thousands, plain, percent",
            true,
        )
    }

    pub(super) fn axis(
        &mut self,
        raw: Option<&Spanned<RawAxis>>,
        t: Option<&Table>,
        chart: &str,
        is_x: bool,
    ) -> Axis {
        let mut axis = Axis::default();
        let Some(sp) = raw else { return axis };
        let a = sp.get_ref();
        if let (Some(f), Some(t)) = (&a.field, t) {
            axis.field = self.column(t, f, chart);
        }
        axis.kind = self.keyword(
            a.kind.as_ref(),
            chart,
            "axis type",
            &[
                ("category", XType::Category),
                ("nominal", XType::Category),
                ("linear", XType::Linear),
                ("quantitative", XType::Linear),
                ("temporal", XType::Temporal),
                ("year", XType::Temporal),
            ],
            XType::Category,
            "axis types: category, linear, temporal",
            false,
        );
        // Years and other numbers used as categories take no thousands separator.
        let default_style = if is_x && axis.kind != XType::Linear {
            NumStyle::Plain
        } else {
            NumStyle::Thousands
        };
        let pattern = a.format.as_ref().filter(|f| f.get_ref().contains('%'));
        match pattern {
            Some(f) if is_x && axis.kind == XType::Temporal => {
                match date_pattern_error(f.get_ref()) {
                    Some(e) => self.err(
                        f,
                        chart,
                        format!("the date format `{}` cannot be used: {e}", f.get_ref()),
                        Some(DATE_FIELDS.into()),
                    ),
                    None => axis.date_format = Some(f.get_ref().clone()),
                }
            }
            Some(f) => self.err(
                f,
                chart,
                format!("`{}` is a date pattern, but this is not a temporal x axis", f.get_ref()),
                Some("date patterns format the ticks of an x axis with type = \"temporal\"; numbers take thousands, plain or percent".into()),
            ),
            None => axis.format.style = self.format(a.format.as_ref(), chart, default_style),
        }
        if let Some(p) = &a.parse {
            if is_x && axis.kind == XType::Temporal {
                if p.get_ref().contains('%') {
                    axis.parse = Some(p.get_ref().clone());
                } else {
                    self.err(
                        p,
                        chart,
                        format!("the parse pattern `{}` has no fields", p.get_ref()),
                        Some(DATE_FIELDS.into()),
                    );
                }
            } else {
                self.err(
                    p,
                    chart,
                    "`parse` reads dates: it applies to an x axis with type = \"temporal\"",
                    Some("add type = \"temporal\" to this axis, or remove `parse`".into()),
                );
            }
        }
        if let Some(d) = &a.decimals {
            match u8::try_from(*d.get_ref()) {
                Ok(v) if v <= 6 => axis.format.decimals = Some(v),
                _ => self.err(
                    d,
                    chart,
                    format!("decimals must be 0 to 6, not {}", d.get_ref()),
                    None,
                ),
            }
        }
        axis.format.prefix = a.prefix.clone().unwrap_or_default();
        axis.format.suffix = a.suffix.clone().unwrap_or_default();
        axis.title = a.title.clone();
        axis.unit = a.unit.clone();
        if let Some(title) = &a.title {
            self.glyphs(sp, chart, title, false);
        }
        axis.scale = self.keyword(
            a.scale.as_ref(),
            chart,
            "scale",
            &[("linear", ScaleKind::Linear), ("log", ScaleKind::Log)],
            ScaleKind::Linear,
            "scales: linear, log",
            false,
        );
        for (v, name) in [(&a.min, "min"), (&a.max, "max")] {
            if let Some(v) = v {
                if !v.get_ref().is_finite() {
                    self.err(v, chart, format!("{name} must be a finite number"), None);
                }
            }
        }
        axis.min = a
            .min
            .as_ref()
            .map(|v| *v.get_ref())
            .filter(|v| v.is_finite());
        axis.max = a
            .max
            .as_ref()
            .map(|v| *v.get_ref())
            .filter(|v| v.is_finite());
        if let (Some(lo), Some(hi)) = (axis.min, axis.max) {
            if lo >= hi {
                self.err(
                    sp,
                    chart,
                    format!("the axis min ({lo}) must be below its max ({hi})"),
                    None,
                );
            }
        }
        axis
    }

    /// A canvas side in px, and whether it was written in a physical unit (mm, cm, in, pt).
    pub(super) fn side(
        &mut self,
        v: Option<&Spanned<crate::spec::raw::RawLength>>,
        chart: &str,
        what: &str,
    ) -> Option<(f64, bool)> {
        use crate::spec::raw::RawLength;
        let s = v?;
        let physical = match s.get_ref() {
            RawLength::Px(_) => false,
            RawLength::Text(t) => !t.trim().ends_with("px"),
        };
        let x = match super::theme_file::length_px(s.get_ref()) {
            Ok(x) => x,
            Err(e) => {
                self.err(
                    s,
                    chart,
                    format!("the {what} {e}"),
                    Some(super::theme_file::LENGTH_HINT.replace("12", "640")),
                );
                return None;
            }
        };
        if !(x.is_finite() && (MIN_SIDE..=MAX_SIDE).contains(&x)) {
            self.err(
                s,
                chart,
                format!("a {what} of {} px is out of range", (x * 100.0).round() / 100.0),
                Some(format!(
                    "sizes are CSS px (96 per inch) from {MIN_SIDE} to {MAX_SIDE}: {:.0} to {:.0} mm",
                    MIN_SIDE * 25.4 / 96.0,
                    MAX_SIDE * 25.4 / 96.0
                )),
            );
            return None;
        }
        Some((x, physical))
    }
}
