//! The words a screen reader says for a chart (the SVG `<desc>`), generated from the data:
//! what kind of chart, what it measures, and every value it shows.

use super::{category, cell};
use crate::data::Cell;
use crate::i18n::Lang;
use crate::spec::{Annotation, Body, Chart, Grouping, Kind, Orientation, Plot, Stack};

/// A plain-language description of the chart and all its values.
pub fn describe(chart: &Chart, lang: Lang) -> String {
    if let Some(alt) = &chart.alt {
        return alt.clone();
    }
    let w = lang.words();
    let empty = Plot::default();
    let p = chart.plot().unwrap_or(&empty);
    let ja = w.ja;
    let measure =
        p.y.title
            .clone()
            .or_else(|| p.y.unit.clone())
            .unwrap_or_else(|| if ja { "数値" } else { "values" }.into());
    let lower_first = |s: &str| if ja { s.to_string() } else { lower_first(s) };
    let rows = &chart.data.rows;
    let fmt = &p.y.format;
    let value = |c: &Cell| fmt.spoken(c).unwrap_or_default();
    let mut s = match &chart.body {
        Body::Bar(b) => {
            let what = match (chart.kind(), b.orientation, ja) {
                (Kind::Bar, Orientation::Horizontal, false) => "Horizontal bar chart",
                (Kind::Bar, _, false) => "Bar chart",
                (Kind::GroupedBar, _, false) => "Grouped bar chart",
                (_, _, false) if b.grouping == Grouping::Stacked(Stack::Percent) => {
                    "100% stacked bar chart"
                }
                (_, _, false) => "Stacked bar chart",
                (Kind::Bar, Orientation::Horizontal, true) => "横棒グラフ",
                (Kind::Bar, _, true) => "棒グラフ",
                (Kind::GroupedBar, _, true) => "グループ棒グラフ",
                (_, _, true) if b.grouping == Grouping::Stacked(Stack::Percent) => {
                    "100%積み上げ棒グラフ"
                }
                (_, _, true) => "積み上げ棒グラフ",
            };
            let (open, close, colon) = if ja {
                ("（", "）", "：")
            } else {
                (" (", ")", ": ")
            };
            let parts: Vec<String> = rows
                .iter()
                .map(|r| {
                    let cat = category(p, r);
                    let sec = super::secondary(p, r)
                        .map(|s| format!("{open}{s}{close}"))
                        .unwrap_or_default();
                    if p.series.len() == 1 {
                        format!(
                            "{cat}{sec} {}",
                            p.series
                                .first()
                                .map(|s| value(cell(r, s.col)))
                                .unwrap_or_default()
                        )
                    } else {
                        let vals: Vec<String> = p
                            .series
                            .iter()
                            .map(|s| format!("{} {}", s.label, value(cell(r, s.col))))
                            .collect();
                        format!(
                            "{cat}{sec}{colon}{}",
                            vals.join(if ja { "、" } else { ", " })
                        )
                    }
                })
                .collect();
            if ja {
                format!("{what}：{measure}。{}。", parts.join("；"))
            } else {
                format!("{what} of {}: {}.", lower_first(&measure), parts.join("; "))
            }
        }
        Body::Line(_) | Body::Area(_) => {
            let xf = p.x.field.unwrap_or(0);
            let parts: Vec<String> = p
                .series
                .iter()
                .map(|s| {
                    if rows.len() > DENSE {
                        return dense_series(p, rows, s, &value, ja);
                    }
                    let pts: Vec<String> = rows
                        .iter()
                        .map(|r| format!("{} {}", category(p, r), value(cell(r, s.col))))
                        .collect();
                    if ja {
                        format!("{}：{}", s.label, pts.join("、"))
                    } else {
                        format!("{}: {}", s.label, pts.join(", "))
                    }
                })
                .collect();
            let by_x = |r: &&crate::data::Row| cell(r, xf).x_position();
            let first = rows
                .iter()
                .filter(|r| by_x(r).is_some())
                .min_by(|a, b| by_x(a).unwrap_or(0.0).total_cmp(&by_x(b).unwrap_or(0.0)));
            let last = rows
                .iter()
                .filter(|r| by_x(r).is_some())
                .max_by(|a, b| by_x(a).unwrap_or(0.0).total_cmp(&by_x(b).unwrap_or(0.0)));
            let span = if let (Some(a), Some(b)) = (first, last) {
                let (a, b) = (x_words(p, a), x_words(p, b));
                if ja {
                    format!("（{a}–{b}）")
                } else {
                    format!(", {a}–{b}")
                }
            } else {
                String::new()
            };
            let what = match (&chart.body, ja) {
                (Body::Area(a), false) if a.plot.series.len() > 1 && a.stack == Stack::Percent => {
                    "100% stacked area chart"
                }
                (Body::Area(a), false) if a.plot.series.len() > 1 => "Stacked area chart",
                (Body::Area(_), false) => "Area chart",
                (Body::Area(a), true) if a.plot.series.len() > 1 && a.stack == Stack::Percent => {
                    "100%積み上げ面グラフ"
                }
                (Body::Area(a), true) if a.plot.series.len() > 1 => "積み上げ面グラフ",
                (Body::Area(_), true) => "面グラフ",
                (_, false) => "Line chart",
                (_, true) => "折れ線グラフ",
            };
            if ja {
                format!("{what}：{measure}{span}。{}。", parts.join("。"))
            } else {
                format!(
                    "{what} of {}{span}. {}.",
                    lower_first(&measure),
                    parts.join(". ")
                )
            }
        }
        Body::Scatter(sc) => super::scatter::describe(chart, sc, lang),
        Body::Dot(d) => super::dot::describe(chart, d, lang),
        Body::Range(_) => {
            let parts: Vec<String> = rows
                .iter()
                .map(|r| {
                    let vals: Vec<String> = chart
                        .ranges()
                        .iter()
                        .map(|g| {
                            if ja {
                                format!(
                                    "{} {}〜{}",
                                    g.label,
                                    value(cell(r, g.low)),
                                    value(cell(r, g.high))
                                )
                            } else {
                                format!(
                                    "{} {} to {}",
                                    g.label.to_lowercase(),
                                    value(cell(r, g.low)),
                                    value(cell(r, g.high))
                                )
                            }
                        })
                        .collect();
                    if ja {
                        format!("{}：{}", category(p, r), vals.join("、"))
                    } else {
                        format!("{}: {}", category(p, r), vals.join(", "))
                    }
                })
                .collect();
            let arrow = match &chart.body {
                Body::Range(r) => r.arrow.clone(),
                _ => None,
            };
            match (arrow, ja) {
                (Some((from, to)), true) => format!(
                    "矢印グラフ：{measure}（{from}から{to}へ）。{}。",
                    parts.join("；")
                ),
                (Some((from, to)), false) => format!(
                    "Arrow chart of {}, from {from} to {to}: {}.",
                    lower_first(&measure),
                    parts.join("; ")
                ),
                (None, true) => format!(
                    "範囲グラフ：{measure}（下限〜上限）。{}。",
                    parts.join("；")
                ),
                (None, false) => format!(
                    "Range chart of {}, low to high: {}.",
                    lower_first(&measure),
                    parts.join("; ")
                ),
            }
        }
        Body::Table(t) => {
            let heads: Vec<&str> = t
                .columns
                .iter()
                .map(|c| c.title.as_str())
                .filter(|t| !t.is_empty())
                .collect();
            let parts: Vec<String> = rows
                .iter()
                .map(|r| {
                    let cells: Vec<String> = t
                        .columns
                        .iter()
                        .map(|c| {
                            let v = cell(r, c.col);
                            let t = match v {
                                Cell::Censored { .. } => c.format.spoken(v).unwrap_or_default(),
                                _ => c.format.table_cell(v),
                            };
                            if t.is_empty() {
                                w.blank.into()
                            } else if t == "–" {
                                w.no_data.into()
                            } else {
                                t
                            }
                        })
                        .collect();
                    cells.join(if ja { "、" } else { ", " })
                })
                .collect();
            if ja {
                format!(
                    "{}行{}列の表（{}）。各行：{}。",
                    rows.len(),
                    t.columns.len(),
                    heads.join("；"),
                    parts.join(" | ")
                )
            } else {
                format!(
                    "Table with {} rows and {} columns ({}). Rows: {}.",
                    rows.len(),
                    t.columns.len(),
                    heads.join("; "),
                    parts.join(" | ")
                )
            }
        }
        Body::Text(t) => {
            let items: Vec<String> = rows
                .iter()
                .filter_map(|r| cell(r, t.field).as_text().map(str::to_string))
                .collect();
            if ja {
                format!("{}項目のボックス：{}", items.len(), items.join(""))
            } else {
                format!("Text box with {} items: {}", items.len(), items.join(" "))
            }
        }
    };
    for a in &p.annotations {
        match a {
            Annotation::Point { text, .. }
            | Annotation::Span { text, .. }
            | Annotation::Rule { text, .. } => {
                if ja {
                    s.push_str(&format!("注記：{text}。"));
                } else {
                    s.push_str(&format!(" Annotated: {text}."));
                }
            }
        }
    }
    if let Some(src) = &chart.source {
        let src = src.trim_end_matches(['.', '。']);
        if ja {
            s.push_str(&format!("{}{src}。", w.source));
        } else {
            s.push_str(&format!(" {}{src}.", w.source));
        }
    }
    if ja {
        // A pause after each clause and list item: screen readers and plain-text readers
        // both get the items apart.
        s = s
            .replace('、', "、 ")
            .replace('。', "。 ")
            .replace('：', "： ")
            .replace('；', "； ")
            .trim_end()
            .to_string();
    }
    s
}

pub(super) fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) if !s.chars().nth(1).is_some_and(char::is_uppercase) => {
            f.to_lowercase().chain(c).collect()
        }
        Some(f) => std::iter::once(f).chain(c).collect(),
        None => String::new(),
    }
}

/// Above this many rows, a line's description summarises each series instead of listing
/// every point.
const DENSE: usize = 24;

/// An x value in words: a date as a date, a number in the axis format with no decimals.
fn x_words(p: &crate::spec::Plot, r: &crate::data::Row) -> String {
    match p.x.field.map(|f| cell(r, f)) {
        Some(crate::data::Cell::Date { .. }) => category(p, r),
        Some(c) => p.x.format.number(c.x_position().unwrap_or(0.0), 0),
        None => String::new(),
    }
}

/// One series of many points in words: how many, first and last, lowest and highest, each
/// with its x.
fn dense_series(
    p: &crate::spec::Plot,
    rows: &[crate::data::Row],
    s: &crate::spec::Series,
    value: &dyn Fn(&crate::data::Cell) -> String,
    ja: bool,
) -> String {
    let pts: Vec<&crate::data::Row> = rows
        .iter()
        .filter(|r| cell(r, s.col).position().is_some())
        .collect();
    let (Some(first), Some(last)) = (pts.first(), pts.last()) else {
        return s.label.clone();
    };
    let v = |r: &crate::data::Row| cell(r, s.col).position().unwrap_or(0.0);
    let lo = pts
        .iter()
        .min_by(|a, b| v(a).total_cmp(&v(b)))
        .unwrap_or(first);
    let hi = pts
        .iter()
        .max_by(|a, b| v(a).total_cmp(&v(b)))
        .unwrap_or(first);
    let at = |r: &crate::data::Row| format!("{} ({})", value(cell(r, s.col)), category(p, r));
    let missing = rows.len() - pts.len();
    if ja {
        let gaps = if missing > 0 {
            format!("、欠測{missing}件")
        } else {
            String::new()
        };
        format!(
            "{}：{}件の値{gaps}。最初 {}、最後 {}、最低 {}、最高 {}",
            s.label,
            pts.len(),
            at(first),
            at(last),
            at(lo),
            at(hi)
        )
    } else {
        let gaps = if missing > 0 {
            format!(" ({missing} missing)")
        } else {
            String::new()
        };
        format!(
            "{}: {} values{gaps}; first {}, last {}, lowest {}, highest {}",
            s.label,
            pts.len(),
            at(first),
            at(last),
            at(lo),
            at(hi)
        )
    }
}
