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
        Body::Line(_) => {
            let xf = p.x.field.unwrap_or(0);
            let parts: Vec<String> = p
                .series
                .iter()
                .map(|s| {
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
            let xs: Vec<f64> = rows.iter().filter_map(|r| cell(r, xf).position()).collect();
            let (a, b) = xs
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
                    (a.min(*v), b.max(*v))
                });
            let span = if a.is_finite() {
                let (a, b) = (p.x.format.number(a, 0), p.x.format.number(b, 0));
                if ja {
                    format!("（{a}–{b}）")
                } else {
                    format!(", {a}–{b}")
                }
            } else {
                String::new()
            };
            if ja {
                format!("折れ線グラフ：{measure}{span}。{}。", parts.join("。"))
            } else {
                format!(
                    "Line chart of {}{span}. {}.",
                    lower_first(&measure),
                    parts.join(". ")
                )
            }
        }
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
            if ja {
                format!(
                    "範囲グラフ：{measure}（下限〜上限）。{}。",
                    parts.join("；")
                )
            } else {
                format!(
                    "Range chart of {}, low to high: {}.",
                    lower_first(&measure),
                    parts.join("; ")
                )
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

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) if !s.chars().nth(1).is_some_and(char::is_uppercase) => {
            f.to_lowercase().chain(c).collect()
        }
        Some(f) => std::iter::once(f).chain(c).collect(),
        None => String::new(),
    }
}
