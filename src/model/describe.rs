//! The words a screen reader says for a chart (the SVG `<desc>`), generated from the data:
//! what kind of chart, what it measures, and every value it shows.

use super::{category, cell};
use crate::data::Cell;
use crate::spec::{Annotation, Chart, Kind, Orientation, Stack};

/// A plain-language description of the chart and all its values.
pub fn describe(chart: &Chart) -> String {
    if let Some(alt) = &chart.alt {
        return alt.clone();
    }
    let measure = chart
        .y
        .title
        .clone()
        .or_else(|| chart.y.unit.clone())
        .unwrap_or_else(|| "values".into());
    let rows = &chart.data.rows;
    let fmt = &chart.y.format;
    let value = |c: &Cell| fmt.spoken(c).unwrap_or_default();
    let mut s = match chart.kind {
        Kind::Bar | Kind::GroupedBar | Kind::StackedBar => {
            let what = match (chart.kind, chart.orientation) {
                (Kind::Bar, Orientation::Horizontal) => "Horizontal bar chart".to_string(),
                (Kind::Bar, _) => "Bar chart".to_string(),
                (Kind::GroupedBar, _) => "Grouped bar chart".to_string(),
                (_, _) if chart.stack == Stack::Percent => "100% stacked bar chart".to_string(),
                _ => "Stacked bar chart".to_string(),
            };
            let parts: Vec<String> = rows
                .iter()
                .map(|r| {
                    let cat = category(chart, r);
                    let sec = super::secondary(chart, r)
                        .map(|s| format!(" ({s})"))
                        .unwrap_or_default();
                    if chart.series.len() == 1 {
                        format!(
                            "{cat}{sec} {}",
                            chart
                                .series
                                .first()
                                .map(|s| value(cell(r, s.col)))
                                .unwrap_or_default()
                        )
                    } else {
                        let vals: Vec<String> = chart
                            .series
                            .iter()
                            .map(|s| format!("{} {}", s.label, value(cell(r, s.col))))
                            .collect();
                        format!("{cat}{sec}: {}", vals.join(", "))
                    }
                })
                .collect();
            format!("{what} of {}: {}.", lower_first(&measure), parts.join("; "))
        }
        Kind::Line => {
            let xf = chart.x.field.unwrap_or(0);
            let parts: Vec<String> = chart
                .series
                .iter()
                .map(|s| {
                    let pts: Vec<String> = rows
                        .iter()
                        .map(|r| format!("{} {}", category(chart, r), value(cell(r, s.col))))
                        .collect();
                    format!("{}: {}", s.label, pts.join(", "))
                })
                .collect();
            let xs: Vec<f64> = rows.iter().filter_map(|r| cell(r, xf).position()).collect();
            let (a, b) = xs
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
                    (a.min(*v), b.max(*v))
                });
            let span = if a.is_finite() {
                format!(
                    ", {}–{}",
                    chart.x.format.number(a, 0),
                    chart.x.format.number(b, 0)
                )
            } else {
                String::new()
            };
            format!(
                "Line chart of {}{span}. {}.",
                lower_first(&measure),
                parts.join(". ")
            )
        }
        Kind::Range => {
            let parts: Vec<String> = rows
                .iter()
                .map(|r| {
                    let vals: Vec<String> = chart
                        .ranges
                        .iter()
                        .map(|g| {
                            format!(
                                "{} {} to {}",
                                g.label.to_lowercase(),
                                value(cell(r, g.low)),
                                value(cell(r, g.high))
                            )
                        })
                        .collect();
                    format!("{}: {}", category(chart, r), vals.join(", "))
                })
                .collect();
            format!(
                "Range chart of {}, low to high: {}.",
                lower_first(&measure),
                parts.join("; ")
            )
        }
        Kind::Table => {
            let heads: Vec<&str> = chart
                .columns
                .iter()
                .map(|c| c.title.as_str())
                .filter(|t| !t.is_empty())
                .collect();
            let parts: Vec<String> = rows
                .iter()
                .map(|r| {
                    let cells: Vec<String> = chart
                        .columns
                        .iter()
                        .map(|c| {
                            let v = cell(r, c.col);
                            let t = match v {
                                Cell::Censored { .. } => c.format.spoken(v).unwrap_or_default(),
                                _ => c.format.table_cell(v),
                            };
                            if t.is_empty() {
                                "blank".into()
                            } else if t == "–" {
                                "no data".into()
                            } else {
                                t
                            }
                        })
                        .collect();
                    cells.join(", ")
                })
                .collect();
            format!(
                "Table with {} rows and {} columns ({}). Rows: {}.",
                rows.len(),
                chart.columns.len(),
                heads.join("; "),
                parts.join(" | ")
            )
        }
        Kind::Text => {
            let items: Vec<String> = chart
                .text_field
                .map(|f| {
                    rows.iter()
                        .filter_map(|r| cell(r, f).as_text().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default();
            format!("Text box with {} items: {}", items.len(), items.join(" "))
        }
    };
    for a in &chart.annotations {
        match a {
            Annotation::Point { text, .. }
            | Annotation::Span { text, .. }
            | Annotation::Rule { text, .. } => {
                s.push_str(&format!(" Annotated: {text}."));
            }
        }
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
