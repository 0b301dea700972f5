//! `annotations`: points, spans and reference lines, checked against the chart's axis.

use toml::Spanned;

use super::rules::Annotations;
use super::*;
use crate::data::time::{at_position, Stamp, Unit};
use crate::data::{Cell, Table};
use crate::error::did_you_mean;
use crate::spec::raw::{RawAnnX, RawAnnY};

impl Validator<'_> {
    pub(super) fn annotation(
        &mut self,
        a: &Spanned<raw::RawAnnotation>,
        kind: Kind,
        x: &Axis,
        t: &Table,
        series: &[Series],
        chart: &str,
    ) -> Option<Annotation> {
        let ar = a.get_ref();
        let text = ar.text.get_ref().clone();
        self.glyphs(&ar.text, chart, &text, false);
        if text.trim().is_empty() {
            self.err(
                &ar.text,
                chart,
                "the annotation's text is empty",
                Some("say what the point, span or line marks: text = \"…\"".into()),
            );
            return None;
        }
        let point = ar.y.is_none()
            && ar
                .x
                .as_ref()
                .is_some_and(|x| !matches!(x.get_ref(), RawAnnX::Span(_)));
        match kind.rules().annotations {
            Annotations::None => {
                self.err(
                    a,
                    chart,
                    format!("{} chart takes no annotations", kind.a()),
                    None,
                );
                return None;
            }
            Annotations::NoPoints(msg, hint) if point => {
                self.err(a, chart, msg, Some(hint.into()));
                return None;
            }
            _ => {}
        }
        let xvals: Vec<f64> = x.field.map_or(Vec::new(), |f| {
            t.column_cells(f)
                .filter_map(|c| match c {
                    Cell::Number { value, .. } => Some(*value),
                    Cell::Date { at, .. } => Some(at.position()),
                    _ => None,
                })
                .collect()
        });
        let dated = x.kind == XType::Temporal
            && x.field
                .is_some_and(|f| t.column_cells(f).any(|c| c.stamp().is_some()));
        // On a date axis, dates are written as the data write them.
        let date = |text: &str| -> Option<f64> {
            let s = match &x.parse {
                Some(p) => Stamp::parse_with(p, text).ok(),
                None => Stamp::parse_iso(text),
            };
            s.map(|s| s.position())
        };
        let shown = |v: f64| -> String {
            if dated {
                Stamp {
                    at: at_position(v),
                    unit: Unit::Day,
                }
                .iso()
            } else {
                format!("{v}")
            }
        };
        let date_hint = || {
            Some(format!(
                "write dates as the x column does{}",
                x.parse
                    .as_ref()
                    .map_or(" (2017-03-31)".to_string(), |p| format!(
                        " (parse = \"{p}\")"
                    ))
            ))
        };
        let point = match ar.x.as_ref().map(|xs| (xs, xs.get_ref())) {
            Some((xs, RawAnnX::Category(name))) if dated => match date(name) {
                Some(v) => Some(RawAnnX::Number(v)),
                None => {
                    self.err(xs, chart, format!("`{name}` is not a date"), date_hint());
                    return None;
                }
            },
            Some((xs, RawAnnX::DateSpan(v))) if dated && v.len() == 2 => {
                match (date(&v[0]), date(&v[1])) {
                    (Some(a), Some(b)) => Some(RawAnnX::Span(vec![a, b])),
                    _ => {
                        self.err(
                            xs,
                            chart,
                            format!("the span `{}` to `{}` is not two dates", v[0], v[1]),
                            date_hint(),
                        );
                        return None;
                    }
                }
            }
            _ => None,
        };
        let (lo, hi) = xvals
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
                (a.min(*v), b.max(*v))
            });
        // A band: x = [from, to] with y = [low, high].
        if let (Some(xs), Some(ys)) = (&ar.x, &ar.y) {
            if let RawAnnY::Range(r) = ys.get_ref() {
                let span = match point.as_ref().unwrap_or(xs.get_ref()) {
                    RawAnnX::Span(v) if v.len() == 2 && v[0] < v[1] => Some((v[0], v[1])),
                    _ => None,
                };
                let Some((from, to)) = span else {
                    self.err(
                        xs,
                        chart,
                        "a band is written x = [from, to] with y = [low, high]",
                        Some(
                            "give the stretch of x the range holds for, such as x = [2006, 2017]"
                                .into(),
                        ),
                    );
                    return None;
                };
                if r.len() != 2 || r[0] >= r[1] || !r.iter().all(|v| v.is_finite()) {
                    self.err(
                        ys,
                        chart,
                        "a band's y is written [low, high] with low < high",
                        None,
                    );
                    return None;
                }
                if kind != Kind::Line {
                    self.err(
                        a,
                        chart,
                        format!("{} chart draws no bands", kind.a()),
                        Some(
                            "a band (x = [from, to], y = [low, high]) is drawn on line charts"
                                .into(),
                        ),
                    );
                    return None;
                }
                if from < lo || to > hi {
                    self.err(
                        xs,
                        chart,
                        format!(
                            "the band {}–{} is outside the data ({} to {})",
                            shown(from),
                            shown(to),
                            shown(lo),
                            shown(hi)
                        ),
                        Some("keep both ends inside the x axis".into()),
                    );
                    return None;
                }
                return Some(Annotation::Band {
                    from,
                    to,
                    low: r[0],
                    high: r[1],
                    text,
                });
            }
        }
        let y_value = ar.y.as_ref().map(|y| match y.get_ref() {
            RawAnnY::Value(v) => Spanned::new(y.span(), Some(*v)),
            RawAnnY::Range(_) => Spanned::new(y.span(), None),
        });
        match (&ar.x, &y_value) {
            (Some(xs), None) => match point.as_ref().unwrap_or(xs.get_ref()) {
                RawAnnX::Number(v) => {
                    if x.kind == XType::Category {
                        let label = format!("{v}");
                        let hit = x.field.is_some_and(|f| {
                            t.column_cells(f).any(|c| {
                                matches!(c, Cell::Number { value, .. } if value == v)
                                    || c.as_text() == Some(&label)
                            })
                        });
                        if !hit {
                            self.err(xs, chart, format!("no category `{v}` on the x axis"), None);
                            return None;
                        }
                        return Some(Annotation::Point {
                            x: AnnX::Category(label),
                            text,
                        });
                    }
                    if !(lo..=hi).contains(v) {
                        self.err(
                            xs,
                            chart,
                            format!(
                                "the annotation at x = {} is outside the data ({} to {})",
                                shown(*v),
                                shown(lo),
                                shown(hi)
                            ),
                            Some("annotate a point that the chart shows".into()),
                        );
                        return None;
                    }
                    let has_point = xvals.iter().any(|x| x == v);
                    if !has_point || series.is_empty() {
                        self.err(
                            xs,
                            chart,
                            format!("no data point at x = {} to annotate", shown(*v)),
                            Some("use x = [from, to] to annotate a span".into()),
                        );
                        return None;
                    }
                    Some(Annotation::Point {
                        x: AnnX::Value(*v),
                        text,
                    })
                }
                RawAnnX::Category(name) => {
                    let hit = x.field.is_some_and(|f| {
                        t.column_cells(f)
                            .any(|c| c.as_text() == Some(name.as_str()))
                    });
                    if !hit {
                        let cats: Vec<String> = x.field.map_or(Vec::new(), |f| {
                            t.column_cells(f)
                                .filter_map(|c| c.as_text().map(str::to_string))
                                .collect()
                        });
                        let hint = did_you_mean(name, cats.iter().map(String::as_str))
                            .map(|b| format!("did you mean `{b}`?"));
                        let name = name.clone();
                        self.err(
                            xs,
                            chart,
                            format!("no category `{name}` on the x axis"),
                            hint,
                        );
                        return None;
                    }
                    Some(Annotation::Point {
                        x: AnnX::Category(name.clone()),
                        text,
                    })
                }
                RawAnnX::Span(v) => {
                    if v.len() != 2 || v[0] >= v[1] || !v.iter().all(|x| x.is_finite()) {
                        self.err(
                            xs,
                            chart,
                            "a span is written x = [from, to] with from < to",
                            None,
                        );
                        return None;
                    }
                    if x.kind == XType::Category {
                        self.err(
                            xs,
                            chart,
                            "a span needs a numeric x axis (type = \"temporal\" or \"linear\")",
                            None,
                        );
                        return None;
                    }
                    if v[0] < lo || v[1] > hi {
                        self.err(
                            xs,
                            chart,
                            format!(
                                "the span {}–{} is outside the data ({} to {})",
                                shown(v[0]),
                                shown(v[1]),
                                shown(lo),
                                shown(hi)
                            ),
                            Some("a span marks a stretch of the data: keep both ends inside the x axis".into()),
                        );
                        return None;
                    }
                    Some(Annotation::Span {
                        from: v[0],
                        to: v[1],
                        text,
                    })
                }
                RawAnnX::DateSpan(_) => {
                    self.err(
                        xs,
                        chart,
                        "a span of dates is written x = [\"from\", \"to\"] on a temporal axis whose column holds dates",
                        Some("on a numeric axis write numbers: x = [2008, 2010]".into()),
                    );
                    None
                }
            },
            (None, Some(y)) => {
                let Some(v) = *y.get_ref() else {
                    self.err(y, chart, "a band's y = [low, high] needs x = [from, to]", Some("write x = [from, to] for the stretch the range holds for, or y = value for a reference line".into()));
                    return None;
                };
                if !v.is_finite() {
                    self.err(y, chart, "y must be a finite number", None);
                    return None;
                }
                Some(Annotation::Rule { y: v, text })
            }
            _ => {
                self.err(
                    a,
                    chart,
                    "an annotation takes either x (a point or [from, to]) or y (a reference line)",
                    None,
                );
                None
            }
        }
    }
}
