//! The words a screen reader says for a chart (the SVG `<desc>`), generated from the data:
//! what kind of chart, what it measures, and every value it shows. Each kind says its own
//! marks ([`super::Draw::describe`]); this adds the annotations and the source, and the
//! helpers the kinds share.

use super::{category, cell, draw};
use crate::data::Cell;
use crate::i18n::Lang;
use crate::spec::{Annotation, Chart, Plot};

/// A plain-language description of the chart and all its values.
pub fn describe(chart: &Chart, lang: Lang) -> String {
    if let Some(alt) = &chart.alt {
        return alt.clone();
    }
    let w = lang.words();
    let empty = Plot::default();
    let p = chart.plot().unwrap_or(&empty);
    let ja = w.ja;
    let mut s = draw(&chart.body).describe(chart, lang);
    for a in &p.annotations {
        match a {
            Annotation::Point { text, .. }
            | Annotation::Span { text, .. }
            | Annotation::Band { text, .. }
            | Annotation::Rule { text, .. } => {
                if ja {
                    s.push_str(&format!("注記：{text}。"));
                } else {
                    s.push_str(&format!(" Annotated: {text}."));
                }
            }
        }
    }
    // What the notes tell a sighted reader, a listener hears too.
    for n in &chart.notes {
        let n = n.trim_end_matches(['.', '。']);
        if ja {
            s.push_str(&format!("{}{n}。", w.note));
        } else {
            s.push_str(&format!(" {}{}.", w.note, crate::i18n::upper_first(n)));
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
    // Japanese punctuation carries its own space: none is added after 、 or 。.
    s.trim_end().to_string()
}

/// A chart of series over x (a line, an area) in words: `what` it is, what it measures over
/// which span, and each series' values (or, above [`DENSE`] points, a summary of each).
pub(super) fn over_x(chart: &Chart, p: &Plot, what: &str, lang: Lang) -> String {
    let say = Say::of(p, lang);
    let (ja, measure) = (say.ja, &say.measure);
    let value = |c: &Cell| say.value(c);
    let rows = &chart.data.rows;
    let xf = p.x.field.unwrap_or(0);
    let parts: Vec<String> = p
        .series
        .iter()
        .map(|s| {
            if rows.len() > DENSE {
                return dense_series(p, rows, s, &value, ja);
            }
            let pts = condensed(chart, p, s.col, &value, ja);
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
    let gaps = no_figure(chart, p, ja);
    if ja {
        format!("{what}：{measure}{span}。{}。{gaps}", parts.join("。"))
    } else {
        format!("{what} of {}{span}. {}.{gaps}", measure, parts.join(". "))
    }
}

/// A series' points in words, in data order, with a run of three or more consecutive periods
/// of one value said once ("1957 to 1969, each less than 1,000").
fn condensed(
    chart: &Chart,
    p: &Plot,
    col: usize,
    value: &dyn Fn(&Cell) -> String,
    ja: bool,
) -> Vec<String> {
    let limit = super::line::gap_limit(chart, p);
    let xf = p.x.field.unwrap_or(0);
    let items: Vec<(String, String, Option<f64>)> = chart
        .data
        .rows
        .iter()
        .map(|r| {
            (
                category(p, r),
                value(cell(r, col)),
                cell(r, xf).x_position(),
            )
        })
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < items.len() {
        let mut j = i;
        while j + 1 < items.len()
            && items[j + 1].1 == items[i].1
            && match (items[j].2, items[j + 1].2) {
                (Some(a), Some(b)) => b - a <= limit,
                _ => false,
            }
        {
            j += 1;
        }
        if j - i >= 2 {
            let (a, b, v) = (&items[i].0, &items[j].0, &items[i].1);
            out.push(if ja {
                format!("{a}〜{b}はいずれも{v}")
            } else {
                format!("{a} to {b}, each {v}")
            });
        } else {
            for (x, v, _) in &items[i..=j] {
                out.push(if ja {
                    format!("{x}：{v}")
                } else {
                    format!("{x} {v}")
                });
            }
        }
        i = j + 1;
    }
    out
}

/// The periods of a time axis the data give no figure for, as a sentence ("No figure for
/// 1955–1956, 1970–1983 and 1996."); empty when there are none.
pub(super) fn no_figure(chart: &Chart, p: &Plot, ja: bool) -> String {
    if p.x.kind != crate::spec::XType::Temporal {
        return String::new();
    }
    let limit = super::line::gap_limit(chart, p);
    let xf = p.x.field.unwrap_or(0);
    let given =
        |r: &&crate::data::Row| p.series.iter().any(|s| cell(r, s.col).position().is_some());
    let mut xs: Vec<(f64, String)> = chart
        .data
        .rows
        .iter()
        .filter(given)
        .filter_map(|r| Some((cell(r, xf).x_position()?, category(p, r))))
        .collect();
    xs.sort_by(|a, b| a.0.total_cmp(&b.0));
    xs.dedup_by(|a, b| a.0 == b.0);
    let years = !chart
        .data
        .rows
        .iter()
        .any(|r| cell(r, xf).stamp().is_some());
    let spans: Vec<String> = xs
        .windows(2)
        .filter(|w| w[1].0 - w[0].0 > limit)
        .map(|w| {
            if years {
                let (a, b) = (w[0].0 as i64 + 1, w[1].0 as i64 - 1);
                if a == b {
                    format!("{a}")
                } else if ja {
                    format!("{a}〜{b}")
                } else {
                    format!("{a}–{b}")
                }
            } else if ja {
                format!("{}と{}の間", w[0].1, w[1].1)
            } else {
                format!("between {} and {}", w[0].1, w[1].1)
            }
        })
        .collect();
    match (spans.len(), ja) {
        (0, _) => String::new(),
        (_, true) => format!("{}は数値なし。", spans.join("、")),
        (1, false) => format!(" No figure for {}.", spans[0]),
        (n, false) => format!(
            " No figure for {} and {}.",
            spans[..n - 1].join(", "),
            spans[n - 1]
        ),
    }
}

/// What a kind's description says of its plot: what the value axis measures, and values as
/// its format writes them, for the ear.
pub(super) struct Say<'a> {
    p: &'a Plot,
    pub ja: bool,
    /// The value axis's title, its unit, or "values", to go mid-sentence.
    pub measure: String,
}

impl<'a> Say<'a> {
    pub fn of(p: &'a Plot, lang: Lang) -> Say<'a> {
        let ja = lang.words().ja;
        let m =
            p.y.title
                .clone()
                .or_else(|| p.y.unit.clone())
                .unwrap_or_else(|| if ja { "数値" } else { "values" }.into());
        Say {
            p,
            ja,
            measure: if ja { m } else { lower_first(&m) },
        }
    }

    /// A value as the value axis writes it, for the ear.
    pub fn value(&self, c: &Cell) -> String {
        self.p.y.format.spoken(c).unwrap_or_default()
    }
}

/// `s` with a lower-case first letter, unless it starts an acronym ("GDP").
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
pub(super) const DENSE: usize = 24;

/// An x value in words: a date as a date, a number in the axis format with no decimals.
pub(super) fn x_words(p: &crate::spec::Plot, r: &crate::data::Row) -> String {
    match p.x.field.map(|f| cell(r, f)) {
        Some(crate::data::Cell::Date { .. }) => category(p, r),
        Some(c) => p.x.format.number(c.x_position().unwrap_or(0.0), 0),
        None => String::new(),
    }
}

/// One series of many points in words: how many, first and last, lowest and highest, each
/// with its x.
pub(super) fn dense_series(
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
