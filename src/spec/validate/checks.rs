//! `[[check]]`: statements about the data, resolved and evaluated.

use toml::Spanned;

use super::*;
use crate::error::did_you_mean;

impl Validator<'_> {
    /// Resolves and evaluates one `[[check]]`.
    pub(super) fn check(&mut self, c: &raw::RawCheck) -> Option<crate::spec::checks::Check> {
        use crate::spec::checks::Rule;
        let name = c.name.get_ref().clone();
        let kind = self.keyword(
            Some(&c.kind),
            "",
            "check kind",
            &[("sum", 0u8), ("share", 1), ("range", 2), ("agree", 3)],
            255,
            "use \"sum\", \"share\", \"range\" or \"agree\"",
            true,
        );
        let tolerance = c.tolerance.as_ref().map_or(0.0, |t| *t.get_ref());
        let need = |v: &mut Self,
                    r: &Option<Spanned<raw::RawRef>>,
                    key: &str|
         -> Option<crate::spec::checks::Operand> {
            match r {
                Some(r) => v.operand(r),
                None => {
                    v.err(
                        &c.kind,
                        "",
                        format!("a `{}` check needs `{key}`", c.kind.get_ref()),
                        Some(format!("add {key} = {{ data = \"data/….csv\", column = \"…\", row = \"…\" }} or {{ value = …, source = \"…\" }}")),
                    );
                    None
                }
            }
        };
        let rule = match kind {
            0 => {
                let mut parts = Vec::new();
                for p in c.parts.iter().flatten() {
                    parts.push(self.operand(p)?);
                }
                if parts.is_empty() {
                    self.err(
                        &c.kind,
                        "",
                        "a `sum` check needs `parts`, a list of numbers",
                        None,
                    );
                    return None;
                }
                let total = need(self, &c.total, "total")?;
                let at_most = match &c.relation {
                    None => false,
                    Some(r) if r.get_ref() == "equal" => false,
                    Some(r) if r.get_ref() == "at_most" => true,
                    Some(r) => {
                        self.err(
                            r,
                            "",
                            format!("unknown relation `{}`", r.get_ref()),
                            Some("use \"equal\" or \"at_most\"".into()),
                        );
                        return None;
                    }
                };
                Rule::Sum {
                    parts,
                    total,
                    at_most,
                    tolerance,
                }
            }
            1 => {
                let share = need(self, &c.share, "share");
                let count = need(self, &c.count, "count");
                let total = need(self, &c.total, "total");
                Rule::Share {
                    share: share?,
                    count: count?,
                    total: total?,
                    tolerance,
                }
            }
            2 => {
                let value = need(self, &c.value, "value")?;
                if c.min.is_none() && c.max.is_none() {
                    self.err(
                        &c.kind,
                        "",
                        "a `range` check needs `min`, `max` or both",
                        None,
                    );
                    return None;
                }
                Rule::Range {
                    value,
                    min: c.min.as_ref().map(|m| *m.get_ref()),
                    max: c.max.as_ref().map(|m| *m.get_ref()),
                }
            }
            3 => {
                let a = need(self, &c.a, "a");
                let b = need(self, &c.b, "b");
                Rule::Agree {
                    a: a?,
                    b: b?,
                    tolerance,
                }
            }
            _ => return None,
        };
        Some(crate::spec::checks::Check::evaluate(name, rule))
    }

    /// A number a check reads: a stated value, or a cell named by data, column and row.
    pub(super) fn operand(
        &mut self,
        r: &Spanned<raw::RawRef>,
    ) -> Option<crate::spec::checks::Operand> {
        let rr = r.get_ref();
        if let Some(v) = rr.value {
            if rr.data.is_some() || rr.column.is_some() || rr.row.is_some() {
                self.err(
                    r,
                    "",
                    "give either `value` or `data`, `column` and `row`",
                    None,
                );
                return None;
            }
            if !v.is_finite() {
                self.err(r, "", "a stated value must be a finite number", None);
                return None;
            }
            let text = format!("{v}");
            let decimals = text.split('.').nth(1).map_or(0, |d| d.len().min(9) as u8);
            let origin = match &rr.source {
                Some(s) => format!("stated: “{s}”"),
                None => "stated in charts.toml".to_string(),
            };
            return Some(crate::spec::checks::Operand {
                value: v,
                decimals,
                origin,
                endnotes: Vec::new(),
                quote: None,
            });
        }
        let (Some(data), Some(column), Some(row)) = (&rr.data, &rr.column, &rr.row) else {
            self.err(
                r,
                "",
                "a check reads a cell by `data`, `column` and `row` (the text of the row's first cell)",
                Some("or states a number: { value = 14019, source = \"…\" }".into()),
            );
            return None;
        };
        let table = self.table(data, "")?;
        let Some(col) = table.column(column.get_ref()) else {
            let hint = did_you_mean(column.get_ref(), table.headers.iter().map(String::as_str))
                .map_or_else(
                    || {
                        format!(
                            "the columns of {} are: {}",
                            table.path,
                            table.headers.join(", ")
                        )
                    },
                    |b| {
                        format!(
                            "did you mean `{b}`? the columns of {} are: {}",
                            table.path,
                            table.headers.join(", ")
                        )
                    },
                );
            self.err(
                column,
                "",
                format!("no column `{}` in {}", column.get_ref(), table.path),
                Some(hint),
            );
            return None;
        };
        // The origin names the file as the spec does (relative to the spec's folder), so the
        // data notes read the same wherever and however the build was started.
        let name = data.get_ref().trim_start_matches("./");
        match crate::spec::checks::cell_operand(&table, name, col, column.get_ref(), row.get_ref())
        {
            Ok(o) => Some(o),
            Err(msg) => {
                self.err(row, "", msg, None);
                None
            }
        }
    }
}
