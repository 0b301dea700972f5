//! A chart's `transform` list: each step read, its columns found in the table as the steps
//! before it left it (with did-you-mean), applied, and described in words for the data notes.
//! A step that leaves no rows is an error at the step.

use std::sync::Arc;

use toml::Spanned;

use super::*;
use crate::data::transform::{apply, Calc, Failure, Op, Part, Test, Transform};
use crate::data::Table;
use crate::spec::raw::{RawAggregate, RawCalculate, RawDatePart, RawFilter, RawTransform};

impl Validator<'_> {
    /// The table after every step, and each step in words; `None` after an error.
    pub(super) fn transform(
        &mut self,
        steps: &[Spanned<RawTransform>],
        t: Arc<Table>,
        id: &str,
    ) -> Option<(Arc<Table>, Vec<String>)> {
        let mut cur: Table = (*t).clone();
        let mut words = Vec::new();
        for step in steps {
            let raw = step.get_ref();
            let set = [
                raw.filter.is_some(),
                raw.sort.is_some(),
                raw.top.is_some(),
                raw.aggregate.is_some(),
                raw.pivot.is_some(),
                raw.calculate.is_some(),
                raw.date.is_some(),
            ]
            .iter()
            .filter(|b| **b)
            .count();
            if set != 1 {
                self.err(
                    step,
                    id,
                    if set == 0 {
                        "a transform step must say what it does: filter, sort, top, aggregate, pivot, calculate or date"
                    } else {
                        "a transform step does one thing: filter, sort, top, aggregate, pivot, calculate or date"
                    },
                    Some("write each step as its own { … } in the list, in the order they apply".into()),
                );
                return None;
            }
            let (tr, word) = if let Some(f) = &raw.filter {
                self.filter(f, &cur, id)?
            } else if let Some(s) = &raw.sort {
                let sr = s.get_ref();
                let col = self.column(&cur, &sr.field, id)?;
                let descending = match sr.order.as_ref().map(|o| o.get_ref().as_str()) {
                    None | Some("ascending") => false,
                    Some("descending") => true,
                    Some(other) => {
                        let at = sr.order.as_ref()?;
                        self.err(
                            at,
                            id,
                            format!("unknown sort order `{other}`"),
                            Some("use \"ascending\" (the default) or \"descending\"".into()),
                        );
                        return None;
                    }
                };
                let dir = if descending { ", largest first" } else { "" };
                (
                    Transform::Sort { col, descending },
                    format!("sorted by {}{dir}", sr.field.get_ref()),
                )
            } else if let Some(n) = &raw.top {
                match usize::try_from(*n.get_ref()) {
                    Ok(k) if k >= 1 => (Transform::Top(k), format!("the first {k} rows")),
                    _ => {
                        self.err(
                            n,
                            id,
                            format!(
                                "top keeps the first n rows: n must be 1 or more, not {}",
                                n.get_ref()
                            ),
                            None,
                        );
                        return None;
                    }
                }
            } else if let Some(a) = &raw.aggregate {
                self.aggregate(a, &cur, id)?
            } else if let Some(cl) = &raw.calculate {
                self.calculate(cl, &cur, id)?
            } else if let Some(d) = &raw.date {
                self.date_part(d, &cur, id)?
            } else {
                let p = raw.pivot.as_ref()?.get_ref();
                let key = self.column(&cur, &p.key, id)?;
                let value = self.column(&cur, &p.value, id)?;
                (
                    Transform::Pivot { key, value },
                    format!(
                        "one column of {} per value of {}",
                        p.value.get_ref(),
                        p.key.get_ref()
                    ),
                )
            };
            let next = match apply(&cur, &tr) {
                Ok(next) => next,
                Err(Failure::PivotClash { line, row, key }) => {
                    self.err(
                        step,
                        id,
                        format!("two rows give ({row}) a value for `{key}` (the second at line {line} of the data)"),
                        Some("a pivot fills each cell once: aggregate the rows first, or filter out the extra ones".into()),
                    );
                    return None;
                }
                Err(Failure::NoBase { group }) => {
                    self.err(
                        step,
                        id,
                        format!("the group ({group}) has no base row to compare with"),
                        Some("every group needs a row whose `along` cell reads `base`: check base, or filter the groups without one".into()),
                    );
                    return None;
                }
                Err(Failure::Censored { line, col }) => {
                    let name = cur.headers.get(col).cloned().unwrap_or_default();
                    self.err(
                        step,
                        id,
                        format!("column `{name}` holds a censored value (line {line} of the data) that cannot be combined with others"),
                        Some("a bound such as <0.1 has no exact value to add or average: leave those rows out with a filter".into()),
                    );
                    return None;
                }
            };
            // `cur` is still the table the step was given: what it held explains an empty result.
            if next.rows.is_empty() {
                // What the filtered column holds, so the author sees how its cells are written.
                let seen = match (&tr, &raw.filter) {
                    (Transform::Filter { col, .. }, Some(f)) => {
                        let mut vals: Vec<String> =
                            cur.rows.iter().map(|r| r.cell_text(*col)).collect();
                        vals.dedup();
                        vals.sort();
                        vals.dedup();
                        let more = if vals.len() > 8 { ", …" } else { "" };
                        vals.truncate(8);
                        format!(
                            "column `{}` holds: {}{more}",
                            f.get_ref().field.get_ref(),
                            vals.join(", ")
                        )
                    }
                    _ => "check the step's values against the data".to_string(),
                };
                self.err(
                    step,
                    id,
                    "no rows are left after this step",
                    Some(format!(
                        "{seen} (a filter compares the cells as the data file writes them)"
                    )),
                );
                return None;
            }
            cur = next;
            words.push(word);
        }
        Some((Arc::new(cur), words))
    }

    fn filter(
        &mut self,
        f: &Spanned<RawFilter>,
        t: &Table,
        id: &str,
    ) -> Option<(Transform, String)> {
        let fr = f.get_ref();
        let col = self.column(t, &fr.field, id)?;
        let name = fr.field.get_ref();
        let text = |v: &toml::Value| match v {
            toml::Value::String(s) => s.clone(),
            toml::Value::Float(x) if x.fract() == 0.0 && x.abs() < 1e15 => format!("{}", *x as i64),
            other => other.to_string(),
        };
        let list = |l: &[toml::Value]| l.iter().map(text).collect::<Vec<_>>();
        let tests: Vec<(Test, String)> = [
            fr.within.as_ref().map(|l| {
                (
                    Test::In(list(l)),
                    format!("rows whose {name} is {}", list(l).join(" or ")),
                )
            }),
            fr.not_in.as_ref().map(|l| {
                (
                    Test::NotIn(list(l)),
                    format!("rows whose {name} is not {}", list(l).join(" or ")),
                )
            }),
            fr.above
                .map(|x| (Test::Above(x), format!("rows whose {name} is above {x}"))),
            fr.below
                .map(|x| (Test::Below(x), format!("rows whose {name} is below {x}"))),
            fr.at_least.map(|x| {
                (
                    Test::AtLeast(x),
                    format!("rows whose {name} is at least {x}"),
                )
            }),
            fr.at_most
                .map(|x| (Test::AtMost(x), format!("rows whose {name} is at most {x}"))),
        ]
        .into_iter()
        .flatten()
        .collect();
        if tests.len() != 1 {
            self.err(
                f,
                id,
                "a filter makes one test",
                Some("write one of in = […], not_in = […], above, below, at_least or at_most; for two tests, write two filter steps".into()),
            );
            return None;
        }
        let (test, word) = tests.into_iter().next()?;
        Some((Transform::Filter { col, test }, word))
    }

    fn aggregate(
        &mut self,
        a: &Spanned<RawAggregate>,
        t: &Table,
        id: &str,
    ) -> Option<(Transform, String)> {
        let ar = a.get_ref();
        let mut by = Vec::new();
        for f in ar.by.iter().flatten() {
            by.push(self.column(t, f, id)?);
        }
        let mut values = Vec::new();
        let mut words = Vec::new();
        let mut names: Vec<String> = by
            .iter()
            .map(|c| t.headers.get(*c).cloned().unwrap_or_default())
            .collect();
        for v in &ar.values {
            let vr = v.get_ref();
            let op = match Op::ALL.iter().find(|(n, _)| n == vr.op.get_ref()) {
                Some((_, op)) => *op,
                None => {
                    let all = Op::ALL.iter().map(|(n, _)| *n);
                    let hint = crate::error::did_you_mean(vr.op.get_ref(), all.clone())
                        .map_or_else(
                            || {
                                "operations: count, sum, mean (the average), median, min, max"
                                    .to_string()
                            },
                            |b| format!("did you mean `{b}`?"),
                        );
                    self.err(
                        &vr.op,
                        id,
                        format!("unknown operation `{}`", vr.op.get_ref()),
                        Some(hint),
                    );
                    return None;
                }
            };
            let col = match (&vr.field, op) {
                (Some(f), _) => Some(self.column(t, f, id)?),
                (None, Op::Count) => None,
                (None, _) => {
                    self.err(
                        v,
                        id,
                        format!(
                            "`{}` needs the column it combines: field = \"…\"",
                            op.name()
                        ),
                        None,
                    );
                    return None;
                }
            };
            let field = vr.field.as_ref().map(|f| f.get_ref().clone());
            let name = vr
                .name
                .clone()
                .or_else(|| field.clone())
                .unwrap_or_else(|| "count".into());
            if names.contains(&name) {
                self.err(
                    v,
                    id,
                    format!("the aggregate would make two columns named `{name}`"),
                    Some("give this value its own name: as = \"…\"".into()),
                );
                return None;
            }
            names.push(name.clone());
            words.push(match field {
                Some(f) => format!("{} of {f}", op.name()),
                None => "count of rows".to_string(),
            });
            values.push((op, col, name));
        }
        if values.is_empty() {
            self.err(
                a,
                id,
                "an aggregate needs at least one value",
                Some("values = [{ op = \"mean\", field = \"…\" }]".into()),
            );
            return None;
        }
        let by_words = match &ar.by {
            Some(list) if !list.is_empty() => format!(
                " by {}",
                list.iter()
                    .map(|f| f.get_ref().as_str())
                    .collect::<Vec<_>>()
                    .join(" and ")
            ),
            _ => String::new(),
        };
        Some((
            Transform::Aggregate { by, values },
            format!("{}{by_words}", words.join(", ")),
        ))
    }

    fn calculate(
        &mut self,
        cl: &Spanned<RawCalculate>,
        t: &Table,
        id: &str,
    ) -> Option<(Transform, String)> {
        let cr = cl.get_ref();
        let which: Vec<(&str, &Spanned<String>)> = [
            ("share", &cr.share),
            ("change", &cr.change),
            ("index", &cr.index),
            ("running", &cr.running),
        ]
        .into_iter()
        .filter_map(|(n, f)| f.as_ref().map(|f| (n, f)))
        .collect();
        let [(what, field)] = which[..] else {
            self.err(
                cl,
                id,
                "a calculation computes one thing: share, change, index or running",
                Some("write calculate = { share = \"value\", within = [\"year\"] }, or one of change, index, running".into()),
            );
            return None;
        };
        let col = self.column(t, field, id)?;
        let mut within = Vec::new();
        for f in cr.within.iter().flatten() {
            within.push(self.column(t, f, id)?);
        }
        let calc = match what {
            "share" => Calc::Share,
            "running" => Calc::Running,
            _ => {
                let (Some(along), Some(base)) = (&cr.along, &cr.base) else {
                    self.err(
                        cl,
                        id,
                        format!("`{what}` compares each row with a base row: it needs `along` and `base`"),
                        Some(format!("calculate = {{ {what} = \"{}\", along = \"year\", base = 2001 }}", field.get_ref())),
                    );
                    return None;
                };
                let along_col = self.column(t, along, id)?;
                let base = match base {
                    toml::Value::String(s) => s.clone(),
                    toml::Value::Float(x) if x.fract() == 0.0 && x.abs() < 1e15 => {
                        format!("{}", *x as i64)
                    }
                    other => other.to_string(),
                };
                if what == "change" {
                    Calc::Change {
                        along: along_col,
                        base,
                    }
                } else {
                    Calc::Index {
                        along: along_col,
                        base,
                    }
                }
            }
        };
        let name = cr
            .name
            .clone()
            .unwrap_or_else(|| format!("{what}_{}", field.get_ref()));
        if t.headers.contains(&name) {
            self.err(
                cl,
                id,
                format!("the data already has a column `{name}`"),
                Some("name the new column: as = \"…\"".into()),
            );
            return None;
        }
        let group = if within.is_empty() {
            String::new()
        } else {
            format!(
                " within each {}",
                cr.within
                    .iter()
                    .flatten()
                    .map(|f| f.get_ref().as_str())
                    .collect::<Vec<_>>()
                    .join(" and ")
            )
        };
        let f = field.get_ref();
        let word = match &calc {
            Calc::Share => format!("{name}: each {f} as a percentage of the total{group}"),
            Calc::Change { base, .. } => {
                format!("{name}: each {f} minus its value at {base}{group}")
            }
            Calc::Index { base, .. } => {
                format!("{name}: each {f} as an index, {base} = 100{group}")
            }
            Calc::Running => format!("{name}: the running total of {f}{group}"),
        };
        Some((
            Transform::Calculate {
                calc,
                col,
                within,
                name,
            },
            word,
        ))
    }

    fn date_part(
        &mut self,
        d: &Spanned<RawDatePart>,
        t: &Table,
        id: &str,
    ) -> Option<(Transform, String)> {
        let dr = d.get_ref();
        let col = self.column(t, &dr.field, id)?;
        let part = match dr.part.get_ref().as_str() {
            "year" => Part::Year,
            "quarter" => Part::Quarter,
            "month" => Part::Month,
            other => {
                self.err(
                    &dr.part,
                    id,
                    format!("unknown date part `{other}`"),
                    Some("use \"year\", \"quarter\" or \"month\"".into()),
                );
                return None;
            }
        };
        if !t
            .column_cells(col)
            .any(|c| matches!(c, crate::data::Cell::Date { .. }))
            && part != Part::Year
        {
            self.err(
                &dr.field,
                id,
                format!("column `{}` holds no dates to take a {} from", dr.field.get_ref(), dr.part.get_ref()),
                Some("dates are written 2017-03-31 or 2017-03 (or read with an axis's parse pattern)".into()),
            );
            return None;
        }
        let name = dr.name.clone().unwrap_or_else(|| dr.part.get_ref().clone());
        if t.headers.contains(&name) {
            self.err(
                d,
                id,
                format!("the data already has a column `{name}`"),
                Some("name the new column: as = \"…\"".into()),
            );
            return None;
        }
        let word = format!(
            "{name}: the {} of {}",
            dr.part.get_ref(),
            dr.field.get_ref()
        );
        Some((Transform::DatePart { col, part, name }, word))
    }
}
