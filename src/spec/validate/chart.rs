//! One `[[chart]]`: the fields every kind shares, then the kind's own fields.

use std::sync::Arc;

use toml::Spanned;

use super::rules::{Annotations, ColorUse, Parts};
use super::*;
use crate::data::{Cell, Table};
use crate::error::did_you_mean;
use crate::model::format::{NumFormat, NumStyle};
use crate::spec::raw::RawChart;

impl Validator<'_> {
    pub(super) fn chart(&mut self, c: RawChart) -> Option<Chart> {
        let id = c.id.get_ref().clone();
        if !super::valid_id(&id) {
            self.err(&c.id, &id, format!("invalid chart id `{id}`"), Some("ids name output files: use 1 to 64 of a-z, 0-9 and -, such as \"fig1-meth-arrests\"".into()));
        }
        let kind = match Kind::ALL.iter().find(|(n, _)| n == c.kind.get_ref()) {
            Some((_, k)) => Some(*k),
            None => {
                let names: Vec<&str> = Kind::ALL.iter().map(|(n, _)| *n).collect();
                let hint = match did_you_mean(c.kind.get_ref(), names.iter().copied()) {
                    Some(b) => format!("did you mean `{b}`?"),
                    None => format!("chart kinds: {}", names.join(", ")),
                };
                self.err(
                    &c.kind,
                    &id,
                    format!("unknown chart kind `{}`", c.kind.get_ref()),
                    Some(hint),
                );
                None
            }
        };
        if c.title.get_ref().trim().is_empty() {
            self.err(
                &c.title,
                &id,
                "the title is empty",
                Some("every figure carries a title".into()),
            );
        }
        self.glyphs(&c.title, &id, c.title.get_ref(), true);
        if let Some(s) = &c.subtitle {
            self.glyphs(s, &id, s.get_ref(), false);
        }
        if let Some(s) = &c.source {
            self.glyphs(s, &id, s.get_ref(), false);
        }
        for n in c.notes.iter().flatten() {
            self.glyphs(n, &id, n.get_ref(), false);
        }
        let mut footnotes = Vec::new();
        for f in c.footnotes.iter().flatten() {
            match u32::try_from(*f.get_ref()) {
                Ok(n) if n >= 1 && self.endnotes.is_some_and(|max| n > max) => {
                    let max = self.endnotes.unwrap_or(0);
                    self.err(
                        f,
                        &id,
                        format!("the source has no endnote {n}"),
                        Some(format!(
                            "its endnotes run from 1 to {max} ([report] endnotes = {max})"
                        )),
                    )
                }
                Ok(n) if n >= 1 => {
                    footnotes.push(n);
                    self.footnote_at
                        .insert((id.clone(), n), Spanned::new(f.span(), ()));
                }
                _ => self.err(
                    f,
                    &id,
                    format!("endnote numbers are positive, not {}", f.get_ref()),
                    None,
                ),
            }
        }
        if c.source.is_none() && c.footnotes.as_ref().is_none_or(Vec::is_empty) {
            self.warn(
                &c.id,
                &id,
                "the chart names no source",
                Some(
                    "add source = \"…\" and footnotes = [n, …] with the source's endnote numbers"
                        .into(),
                ),
            );
        }
        let (width, physical) = self
            .side(c.width.as_ref(), &id, "width")
            .unwrap_or((640.0, false));
        let height = self.side(c.height.as_ref(), &id, "height").map(|h| h.0);

        let data_at = match &c.data {
            Some(d) => d.clone(),
            None => {
                self.err(
                    &c.id,
                    &id,
                    "the chart has no `data` file",
                    Some("add data = \"data/<file>.csv\"".into()),
                );
                return None;
            }
        };
        let table = self.table(&data_at, &id);
        let (table, transforms) = match (table, &c.transform) {
            (Some(t), Some(steps)) => match self.transform(steps, t, &id) {
                Some((t, words)) => (Some(t), words),
                None => return None,
            },
            (table, _) => (table, Vec::new()),
        };
        let mut x = self.axis(c.x.as_ref(), table.as_deref(), &id, true);
        // A scatter's x is a number axis unless it says otherwise (and it may not).
        let raw_x = c.x.as_ref().map(|a| a.get_ref());
        if kind.is_some_and(|k| k.rules().numeric_x) && raw_x.is_none_or(|a| a.kind.is_none()) {
            x.kind = XType::Linear;
            if raw_x.is_none_or(|a| a.format.is_none()) {
                x.format.style = NumStyle::Thousands;
            }
        }
        let table = table.map(|t| self.parse_dates(t, &x, &id));
        let t = table.as_deref();
        let y = self.axis(c.y.as_ref(), t, &id, false);
        let kind = kind?;
        let rules = kind.rules();
        self.axis_keys(&c, kind, &id);
        let mut facet = match (&c.facet, t) {
            (Some(f), Some(t)) => Some(self.facet(f, &c, kind, t, width, &id)?),
            _ => None,
        };

        let mut series = Vec::new();
        let mut remainders = Vec::new();
        if let (Some(list), Some(t)) = (&c.series, t) {
            for s in list {
                let rs = s.get_ref();
                match (&rs.field, &rs.remainder) {
                    (Some(field), None) => {
                        if let Some(col) = self.column(t, field, &id) {
                            let label = rs.label.clone().unwrap_or_else(|| field.get_ref().clone());
                            self.glyphs(s, &id, &label, false);
                            series.push(Series {
                                col,
                                key: label.clone(),
                                label,
                                remainder: false,
                            });
                        }
                    }
                    (None, Some(whole)) => {
                        if !rules.stacked {
                            self.err(
                                whole,
                                &id,
                                "only a stacked_bar chart can draw a remainder",
                                Some(
                                    "a remainder completes a stack to its whole, such as 100%"
                                        .into(),
                                ),
                            );
                        } else if !whole.get_ref().is_finite() || *whole.get_ref() <= 0.0 {
                            self.err(
                                whole,
                                &id,
                                "a remainder's whole must be a positive number",
                                Some(
                                    "write the whole the parts add up to, such as remainder = 100"
                                        .into(),
                                ),
                            );
                        } else if let Some(label) = &rs.label {
                            self.glyphs(s, &id, label, false);
                            remainders.push((*whole.get_ref(), label.clone()));
                        } else {
                            self.err(
                                s,
                                &id,
                                "a remainder series needs a label",
                                Some(
                                    "say what the rest is, such as label = \"Other offences\""
                                        .into(),
                                ),
                            );
                        }
                    }
                    _ => self.err(
                        s,
                        &id,
                        "a series names either a `field` or a `remainder`",
                        Some(
                            "write { field = \"column\" } or { remainder = 100, label = \"…\" }"
                                .into(),
                        ),
                    ),
                }
            }
        }
        // A remainder is a column computed here, so that every later step sees it as data.
        let table = match (table, remainders.is_empty()) {
            (Some(t), false) => {
                let parts: Vec<usize> = series.iter().map(|s| s.col).collect();
                let mut t = (*t).clone();
                for (whole, label) in remainders {
                    let col = t.push_remainder(&parts, whole, &label);
                    series.push(Series {
                        col,
                        key: label.clone(),
                        label,
                        remainder: true,
                    });
                }
                Some(Arc::new(t))
            }
            (table, _) => table,
        };
        let t = table.as_deref();
        if series.is_empty() && c.series.is_none() {
            if let (Some(col), Some(t)) = (y.field, t) {
                let label = y
                    .title
                    .clone()
                    .unwrap_or_else(|| t.headers.get(col).cloned().unwrap_or_default());
                series.push(Series {
                    col,
                    key: label.clone(),
                    label,
                    remainder: false,
                });
            }
        }
        let mut ranges = Vec::new();
        if let (Some(list), Some(t)) = (&c.ranges, t) {
            for r in list {
                let rr = r.get_ref();
                let low = self.column(t, &rr.low, &id);
                let high = self.column(t, &rr.high, &id);
                if let (Some(low), Some(high)) = (low, high) {
                    let label = rr.label.clone().unwrap_or_else(|| rr.low.get_ref().clone());
                    ranges.push(RangeSeries {
                        low,
                        high,
                        key: label.clone(),
                        label,
                    });
                }
            }
        }
        // A long table split by `color` becomes a wide one here.
        let table = match (&c.color, table) {
            // A scatter's colour groups its points: each row stays a point.
            (Some(color), Some(tb)) if !matches!(rules.color, ColorUse::Groups) => {
                let keep = facet.as_ref().map(|f| f.col);
                match self.pivot(color, &tb, kind, x.field, &series, &ranges, &id, keep) {
                    Some(p) => {
                        series = p.series;
                        ranges = p.ranges;
                        x.field = Some(0);
                        // The facet column is kept right after x.
                        if let Some(f) = &mut facet {
                            f.col = 1;
                        }
                        Some(p.table)
                    }
                    None => return None,
                }
            }
            (_, table) => table,
        };
        if let (Some(m), false) = (&c.markers, rules.takes("markers")) {
            self.err(
                m,
                &id,
                format!(
                    "{} chart has no markers: `markers` would have no effect",
                    kind.a()
                ),
                Some("markers apply to line charts".into()),
            );
        }
        let table = table?;
        let t = &*table;
        let mut label = None;
        if rules.axes {
            // A named column that does not exist was reported when the axis was read.
            if c.x.as_ref().is_none_or(|a| a.get_ref().field.is_none()) {
                let at = c.x.as_ref().map_or_else(
                    || Spanned::new(c.kind.span(), ()),
                    |s| Spanned::new(s.span(), ()),
                );
                self.err(
                    &at,
                    &id,
                    format!("{} chart needs an x field", kind.a()),
                    Some(format!(
                        "add x = {{ field = \"…\" }}; the columns of {} are: {}",
                        t.path,
                        t.headers.join(", ")
                    )),
                );
            }
            if rules.ranges {
                if ranges.is_empty() && c.ranges.is_none() {
                    self.err(
                        &c.kind,
                        &id,
                        "a range chart needs `ranges`",
                        Some("add ranges = [{ low = \"…\", high = \"…\", label = \"…\" }]".into()),
                    );
                }
                for r in &ranges {
                    self.numeric(t, r.low, &id);
                    self.numeric(t, r.high, &id);
                }
            } else if series.is_empty() {
                // A y field that names no column was reported already.
                let y_named = c.y.as_ref().is_some_and(|y| y.get_ref().field.is_some());
                if c.series.is_none() && !y_named {
                    self.err(
                        &c.kind,
                        &id,
                        if !rules.takes("series") {
                            format!("{} chart needs a y field", kind.a())
                        } else {
                            format!("{} chart needs a y field or `series`", kind.a())
                        },
                        Some(format!(
                            "add y = {{ field = \"…\" }}; the columns of {} are: {}",
                            t.path,
                            t.headers.join(", ")
                        )),
                    );
                }
            } else {
                for s in &series {
                    self.numeric(t, s.col, &id);
                }
            }
            if let Some(xf) = x.field {
                let dates = t.column_cells(xf).any(|c| matches!(c, Cell::Date { .. }));
                if x.kind == XType::Temporal {
                    self.temporal_x(t, xf, x.parse.is_some(), &id);
                } else if dates && !rules.numeric_x && (x.kind == XType::Linear || rules.joined) {
                    self.dates_off_time_axis(t, xf, x.kind, &id);
                } else if x.kind == XType::Linear && !rules.numeric_x {
                    self.numeric(t, xf, &id);
                    for row in &t.rows {
                        // Text was reported by `numeric` above; the rest is here.
                        if !matches!(
                            row.cells.get(xf),
                            Some(Cell::Number { .. } | Cell::Text(_) | Cell::Date { .. }) | None
                        ) {
                            self.diags.push(
                                t.diag_at(
                                    row,
                                    xf,
                                    "an x value on a numeric axis must be a plain number",
                                )
                                .in_chart(&id)
                                .with_hint(
                                    "an x position cannot be missing, approximate or censored",
                                ),
                            );
                        }
                    }
                }
                if rules.joined && !(dates && x.kind != XType::Temporal) {
                    match &facet {
                        // Each panel is its own line: x repeats across panels.
                        Some(f) => {
                            for (_, panel) in crate::data::transform::split(t, f.col) {
                                self.line_x(&panel, xf, x.kind, kind, &id);
                            }
                        }
                        None => self.line_x(t, xf, x.kind, kind, &id),
                    }
                }
                self.cell_glyphs(t, vec![xf], &id);
            }
            if rules.no_log.is_none() {
                self.log_values(t, &series, &ranges, &y, &id);
            }
            let drawn: Vec<usize> = series
                .iter()
                .map(|s| s.col)
                .chain(ranges.iter().flat_map(|r| [r.low, r.high]))
                .collect();
            // A stack is checked as a stack; an axis that cannot start above zero but
            // does was refused at its key.
            let refused = rules.from_zero.is_some() && y.min.is_some_and(|m| m > 0.0);
            if !rules.stacked && !refused {
                self.within_axis(t, &drawn, &y, &id);
            }
            if let Some(l) = &c.label {
                let lr = l.get_ref();
                if let Some(col) = self.column(t, &lr.field, &id) {
                    let style = self.format(lr.format.as_ref(), &id, NumStyle::Thousands);
                    label = Some(SecondaryLabel {
                        col,
                        format: NumFormat {
                            style,
                            decimals: None,
                            prefix: lr.prefix.clone().unwrap_or_default(),
                            suffix: lr.suffix.clone().unwrap_or_default(),
                            ..NumFormat::default()
                        },
                    });
                }
            }
        }

        let mut annotations = Vec::new();
        for a in c.annotations.iter().flatten() {
            if let Some(ann) = self.annotation(a, kind, &x, t, &series, &id) {
                let drawn = match rules.annotations {
                    Annotations::Own(draws) => draws(self, &ann, a, &c, &id),
                    _ => true,
                };
                if drawn {
                    annotations.push(ann);
                }
            }
        }
        self.kind_keys(&c, kind, &id);
        let number = c.number.as_ref().map(|n| n.get_ref().clone());
        let section = c.section.as_ref().map(|n| {
            self.glyphs(n, &id, n.get_ref(), true);
            n.get_ref().clone()
        });
        if let Some(n) = &c.number {
            self.glyphs(n, &id, n.get_ref(), true);
        }
        let plot = Plot {
            x,
            y,
            series,
            annotations,
            label,
            values: c.values.as_ref().map_or(self.values, |v| *v.get_ref()),
        };
        let body = (rules.build)(
            self,
            Parts {
                kind,
                raw: &c,
                table: table.clone(),
                plot,
                ranges,
                id: &id,
            },
        )?;
        Some(Chart {
            id,
            number,
            section,
            title: c.title.into_inner(),
            subtitle: c.subtitle.map(Spanned::into_inner),
            data_path: data_at.into_inner(),
            data: table,
            source: c.source.map(Spanned::into_inner),
            footnotes,
            notes: c
                .notes
                .into_iter()
                .flatten()
                .map(Spanned::into_inner)
                .collect(),
            width,
            physical,
            height,
            alt: c.alt.map(Spanned::into_inner),
            transforms,
            facet,
            at: crate::error::line_col(self.text, c.id.span().start),
            body,
        })
    }

    pub(super) fn cell_glyphs(&mut self, t: &Table, cols: Vec<usize>, chart: &str) {
        for row in &t.rows {
            for &col in &cols {
                if let Some(Cell::Text(s)) = row.cells.get(col) {
                    if let Some(msg) = cannot_draw(&self.fonts.clone(), s, false) {
                        self.diags.push(
                            t.diag_at(row, col, msg)
                                .in_chart(chart)
                                .with_hint("these characters would be lost in the figure"),
                        );
                    }
                }
            }
        }
    }

    /// Every value drawn on a log axis must lie above zero.
    fn log_values(
        &mut self,
        t: &Table,
        series: &[Series],
        ranges: &[RangeSeries],
        y: &Axis,
        chart: &str,
    ) {
        // Only kinds that take a log value axis get here with one (the others are refused at
        // the key).
        if y.scale != ScaleKind::Log {
            return;
        }
        let cols: Vec<usize> = series
            .iter()
            .map(|s| s.col)
            .chain(ranges.iter().flat_map(|r| [r.low, r.high]))
            .collect();
        for row in &t.rows {
            for &col in &cols {
                let Some(v) = row.cells.get(col).and_then(Cell::position) else {
                    continue;
                };
                if v <= 0.0 {
                    self.diags.push(
                        t.diag_at(row, col, format!("{v} cannot be drawn on a log scale"))
                            .in_chart(chart)
                            .with_hint(
                                "a log axis needs values above zero; use scale = \"linear\"",
                            ),
                    );
                }
            }
        }
    }
}
