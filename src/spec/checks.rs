//! Data checks (`[[check]]`): a small declarative vocabulary for the arithmetic a briefing
//! states — parts that add up to a total, a share that is count ÷ total, a value in a range,
//! two statements of one quantity that agree. Each check is resolved against the loaded data
//! and evaluated; a failing one is a warning (`validate --strict` makes it exit 1) naming the
//! rows involved and their endnotes.

use crate::data::{Cell, Table};
use crate::i18n::Lang;
use crate::model::format::NumFormat;
use crate::model::format::NumStyle;

/// A number a check reads, with where it comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct Operand {
    pub value: f64,
    /// Decimals as written (for the rounding a share may have).
    pub decimals: u8,
    /// Where: `data/x.csv:3 arrests` or the quoted source of a number stated in the text.
    pub origin: String,
    /// The endnotes the row (or the stated number) cites.
    pub endnotes: Vec<String>,
    /// The paper's words for it: the row's `quote` column, or a stated number's `source`.
    pub quote: Option<String>,
}

/// What a check states.
#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    /// The parts sum to the total (or at most to it), within `tolerance`.
    Sum {
        parts: Vec<Operand>,
        total: Operand,
        at_most: bool,
        tolerance: f64,
    },
    /// `share` (a percentage) equals 100 × count ÷ total, within the rounding of the share
    /// as written plus `tolerance`.
    Share {
        share: Operand,
        count: Operand,
        total: Operand,
        tolerance: f64,
    },
    /// `min ≤ value ≤ max`.
    Range {
        value: Operand,
        min: Option<f64>,
        max: Option<f64>,
    },
    /// Two statements of the same quantity agree within `tolerance`.
    Agree {
        a: Operand,
        b: Operand,
        tolerance: f64,
    },
}

/// A checked `[[check]]` with its outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    pub name: String,
    pub rule: Rule,
    pub passed: bool,
    /// The arithmetic, in words: "10,284 + 3,218 + 651 = 14,153, more than 14,019".
    pub detail: String,
}

fn n(v: f64) -> String {
    let f = NumFormat::of(NumStyle::Thousands);
    let dec = if (v - v.round()).abs() < 1e-9 { 0 } else { 1 };
    f.number(v, dec)
}

impl Check {
    /// Evaluates `rule`.
    pub fn evaluate(name: String, rule: Rule) -> Check {
        let (passed, detail) = judge(&rule, Lang::En);
        Check {
            name,
            rule,
            passed,
            detail,
        }
    }

    /// The arithmetic in `lang`.
    pub fn detail_in(&self, lang: Lang) -> String {
        judge(&self.rule, lang).1
    }

    /// A failing check as a reader's finding: what is wrong, then the numbers ("Two
    /// statements of one figure disagree: 27.7 and 26.7").
    pub fn finding(&self, lang: Lang) -> String {
        let ja = lang == Lang::Ja;
        let verdict = match (&self.rule, ja) {
            (Rule::Sum { at_most: true, .. }, false) => {
                "The parts add up to more than the stated total"
            }
            (Rule::Sum { at_most: true, .. }, true) => "内訳の合計が記載の合計を上回る",
            (Rule::Sum { .. }, false) => "The parts do not add up to the stated total",
            (Rule::Sum { .. }, true) => "内訳の合計が記載の合計と一致しない",
            (Rule::Share { .. }, false) => "A stated share does not match its counts",
            (Rule::Share { .. }, true) => "記載の割合が人数と合わない",
            (Rule::Range { .. }, false) => "A figure lies outside the range the text states",
            (Rule::Range { .. }, true) => "数値が本文の示す範囲の外にある",
            (Rule::Agree { .. }, false) => "Two statements of one figure disagree",
            (Rule::Agree { .. }, true) => "同じ数値の二つの記載が食い違う",
        };
        let numbers = match &self.rule {
            Rule::Agree { a, b, .. } if ja => format!("{}と{}", n(a.value), n(b.value)),
            Rule::Agree { a, b, .. } => format!("{} and {}", n(a.value), n(b.value)),
            _ => self.detail_in(lang),
        };
        if ja {
            format!("{verdict}：{numbers}")
        } else {
            format!("{verdict}: {numbers}")
        }
    }

    /// Every number the check read.
    pub fn operands(&self) -> Vec<&Operand> {
        match &self.rule {
            Rule::Sum { parts, total, .. } => parts.iter().chain(std::iter::once(total)).collect(),
            Rule::Share {
                share,
                count,
                total,
                ..
            } => vec![share, count, total],
            Rule::Range { value, .. } => vec![value],
            Rule::Agree { a, b, .. } => vec![a, b],
        }
    }
}

/// Whether `rule` holds, and its arithmetic in words in `lang`.
fn judge(rule: &Rule, lang: Lang) -> (bool, String) {
    let ja = lang == Lang::Ja;
    match rule {
        Rule::Sum {
            parts,
            total,
            at_most,
            tolerance,
        } => {
            let sum: f64 = parts.iter().map(|p| p.value).sum();
            let terms: Vec<String> = parts.iter().map(|p| n(p.value)).collect();
            let ok = if *at_most {
                sum <= total.value + tolerance
            } else {
                (sum - total.value).abs() <= *tolerance
            };
            let (s, t) = (n(sum), n(total.value));
            let (more, less, equal) = if ja {
                ("を上回る", "を下回る", "と等しい")
            } else {
                ("more than", "less than", "equal to")
            };
            let verb = if sum > total.value {
                more
            } else if sum < total.value {
                less
            } else {
                equal
            };
            let text = if ja {
                format!("{} = {s}（合計{t}{verb}）", terms.join(" + "))
            } else {
                format!("{} = {s}, {verb} {t}", terms.join(" + "))
            };
            (ok, text)
        }
        Rule::Share {
            share,
            count,
            total,
            tolerance,
        } => {
            if total.value == 0.0 {
                return (
                    false,
                    if ja { "合計が0" } else { "the total is 0" }.to_string(),
                );
            }
            let expected = 100.0 * count.value / total.value;
            let rounding = 0.5 * 10f64.powi(-i32::from(share.decimals));
            let ok = (share.value - expected).abs() <= rounding + tolerance + 1e-9;
            let (c, t) = (n(count.value), n(total.value));
            let text = if ja {
                format!("{c} / {t} = {expected:.1}%（記載は{}%）", share.value)
            } else {
                format!("{c} / {t} = {expected:.1}%, stated as {}%", share.value)
            };
            (ok, text)
        }
        Rule::Range { value, min, max } => {
            let ok = min.is_none_or(|m| value.value >= m) && max.is_none_or(|m| value.value <= m);
            let v = n(value.value);
            let text = match (min, max, ja) {
                (Some(a), Some(b), false) => {
                    format!("{v} should be between {} and {}", n(*a), n(*b))
                }
                (Some(a), None, false) => format!("{v} should be at least {}", n(*a)),
                (None, Some(b), false) => format!("{v} should be at most {}", n(*b)),
                (None, None, false) => format!("{v} should be any value"),
                (Some(a), Some(b), true) => format!("{v}は{}〜{}の範囲にあるはず", n(*a), n(*b)),
                (Some(a), None, true) => format!("{v}は{}以上のはず", n(*a)),
                (None, Some(b), true) => format!("{v}は{}以下のはず", n(*b)),
                (None, None, true) => v.clone(),
            };
            (ok, text)
        }
        Rule::Agree { a, b, tolerance } => {
            let ok = (a.value - b.value).abs() <= *tolerance + 1e-9;
            let (x, y) = (n(a.value), n(b.value));
            let text = match (ok, ja) {
                (true, false) => format!("{x} and {y} agree"),
                (false, false) => format!("{x} and {y} disagree"),
                (true, true) => format!("{x}と{y}は一致する"),
                (false, true) => format!("{x}と{y}は一致しない"),
            };
            (ok, text)
        }
    }
}

/// The failing checks as a note to the authors, in Markdown: each with the arithmetic and
/// every number it read, quoted where the data keep the paper's words, with its endnotes.
pub fn data_notes_markdown(
    title: &str,
    checks: &[Check],
    lang: Lang,
    source: Option<&str>,
) -> String {
    let w = lang.words();
    let failing: Vec<&Check> = checks.iter().filter(|c| !c.passed).collect();
    // User strings are written as Markdown text that cannot start markup.
    let md = super::hygiene::md;
    let mut s = format!("# {}: {}\n\n", w.data_notes, md(title));
    if checks.is_empty() {
        s.push_str(if w.ja {
            "データチェックは定義されていない（charts.toml の [[check]]）。\n"
        } else {
            "The spec defines no data checks ([[check]] in charts.toml).\n"
        });
        return s;
    }
    if failing.is_empty() {
        if w.ja {
            s.push_str(&format!(
                "{}件のデータチェックはすべて成り立つ。\n",
                checks.len()
            ));
        } else {
            s.push_str(&format!("All {} data checks hold.\n", checks.len()));
        }
        return s;
    }
    s.push_str(&notes_intro(checks, lang, source, false));
    s.push('\n');
    for c in failing {
        s.push_str(&format!(
            "\n## {}\n\n{}{}\n\n",
            md(&c.name),
            md(&c.detail),
            w.stop
        ));
        for o in note_lines(c, lang, false) {
            s.push_str(&format!("- {}\n", md(&o)));
        }
    }
    s
}

/// The data notes' section on computed data: for each chart whose spec transforms its data
/// file, the steps in words; empty when no chart does.
pub fn computed_markdown(spec: &super::Spec) -> String {
    let lang = spec.lang();
    let md = super::hygiene::md;
    let w = lang.words();
    let lines: Vec<String> = spec
        .charts
        .iter()
        .filter(|c| !c.transforms.is_empty())
        .map(|c| {
            format!(
                "- `{}`: {}",
                c.id,
                md(&w.transformed(&c.data_path, &c.transforms))
            )
        })
        .collect();
    if lines.is_empty() {
        return String::new();
    }
    let head = if w.ja {
        "算出したデータ"
    } else {
        "Computed data"
    };
    let intro = if w.ja {
        "次の図の数値は、データファイルから仕様の transform で算出した。"
    } else {
        "The numbers of these figures were computed from their data files by the spec's transform steps."
    };
    format!("\n## {head}\n\n{intro}\n\n{}\n", lines.join("\n"))
}

/// The opening sentence of the data notes (the Markdown file and the PDF appendix).
/// `reader`: words for the handout's readers, who have no charts.toml.
pub fn notes_intro(checks: &[Check], lang: Lang, source: Option<&str>, reader: bool) -> String {
    if lang == Lang::Ja {
        let what = if reader {
            "原文の数値の照合"
        } else {
            "charts.tomlのデータチェック"
        };
        return format!(
            "{what}{}件のうち{}件が成り立たない：原文の数値どうしが食い違っている。\
             データには両方の記述を残し、各図の注にその旨を記した。引用は英語の原文のまま。",
            checks.len(),
            checks.iter().filter(|c| !c.passed).count()
        );
    }
    let what = if reader {
        "checks of {source}'s own arithmetic"
    } else {
        "data checks in charts.toml"
    };
    let text = format!(
        "{} of the {} {what} fail: {{source}}'s numbers disagree with each other. \
         Both statements are kept in the data, and each figure's notes say so.",
        checks.iter().filter(|c| !c.passed).count(),
        checks.len()
    );
    lang.words().with_source(&text, source)
}

/// One line per number a failing check read: value, where, the paper's words, endnotes.
/// `reader`: for the handout's readers, each number without the file and line it was read
/// from (those are for the authors, in data-notes.md).
pub fn note_lines(c: &Check, lang: Lang, reader: bool) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for o in c.operands() {
        let mut line = match (lang, o.origin.strip_prefix("stated: ")) {
            (Lang::Ja, Some(q)) => format!("原文：{q}"),
            (Lang::En, Some(q)) if reader => format!("Stated: {q}"),
            _ => match o.origin.split_once(" = ") {
                Some((_, value)) if reader => value.to_string(),
                _ => o.origin.clone(),
            },
        };
        if let Some(q) = &o.quote {
            if !line.contains(q.as_str()) {
                line.push_str(&format!(": “{q}”"));
            }
        }
        if !o.endnotes.is_empty() {
            if lang == Lang::Ja {
                line.push_str(&format!("（原注{}）", o.endnotes.join("、")));
            } else {
                let word = if o.endnotes.len() == 1 {
                    "endnote"
                } else {
                    "endnotes"
                };
                line.push_str(&format!(" ({word} {})", o.endnotes.join(", ")));
            }
        }
        if !out.contains(&line) {
            out.push(line);
        }
    }
    out
}

/// The text of a key cell as written (a row is named by its first cell).
fn key_text(c: &Cell) -> Option<String> {
    match c {
        Cell::Text(t) | Cell::Date { text: t, .. } => Some(t.trim().to_string()),
        Cell::Number { value, decimals } => Some(format!("{value:.*}", usize::from(*decimals))),
        _ => None,
    }
}

/// The number in `table` (called `name` in its origin) at the row whose first cell reads `row`,
/// in column `col`, with its origin; `Err` says what is wrong.
pub fn cell_operand(
    table: &Table,
    name: &str,
    col: usize,
    column: &str,
    row: &str,
) -> Result<Operand, String> {
    let Some(r) = table
        .rows
        .iter()
        .find(|r| r.cells.first().and_then(key_text).as_deref() == Some(row.trim()))
    else {
        let rows: Vec<String> = table
            .rows
            .iter()
            .filter_map(|r| r.cells.first().and_then(key_text))
            .collect();
        return Err(format!(
            "no row `{row}` in {} (its rows are: {})",
            table.path,
            rows.join(", ")
        ));
    };
    let (value, decimals) = match r.cells.get(col) {
        Some(Cell::Number { value, decimals }) => (*value, *decimals),
        Some(Cell::Approx { value, decimals }) => (*value, *decimals),
        Some(c) => {
            return Err(format!(
                "{}:{} `{column}` is {}, not a number a check can use",
                table.path,
                r.line,
                match c {
                    Cell::Censored { .. } => "only a bound",
                    Cell::Missing(_) => "missing",
                    _ => "text",
                }
            ))
        }
        None => return Err(format!("{}:{} has no `{column}` cell", table.path, r.line)),
    };
    let endnotes = crate::spec::row_endnotes(table, r)
        .iter()
        .map(u32::to_string)
        .collect();
    let quote = table
        .column("quote")
        .and_then(|c| r.cells.get(c))
        .and_then(|c| match c {
            Cell::Text(t) if !t.trim().is_empty() => Some(t.trim().to_string()),
            _ => None,
        });
    Ok(Operand {
        value,
        decimals,
        origin: format!("{name}:{} {column} = {}", r.line, n(value)),
        endnotes,
        quote,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op(v: f64, d: u8) -> Operand {
        Operand {
            value: v,
            decimals: d,
            origin: String::new(),
            endnotes: Vec::new(),
            quote: None,
        }
    }

    #[test]
    fn sums_hold_or_fail_with_the_arithmetic() {
        let parts = vec![op(10284.0, 0), op(3218.0, 0), op(651.0, 0)];
        let c = Check::evaluate(
            "arrests".into(),
            Rule::Sum {
                parts: parts.clone(),
                total: op(14019.0, 0),
                at_most: true,
                tolerance: 0.0,
            },
        );
        assert!(!c.passed);
        assert_eq!(c.detail, "10,284 + 3,218 + 651 = 14,153, more than 14,019");
        let c = Check::evaluate(
            "arrests".into(),
            Rule::Sum {
                parts,
                total: op(14153.0, 0),
                at_most: false,
                tolerance: 0.0,
            },
        );
        assert!(c.passed, "{}", c.detail);
    }

    #[test]
    fn shares_allow_the_rounding_of_the_stated_share() {
        let share = |s: f64, d: u8, c: f64, t: f64| {
            Check::evaluate(
                "s".into(),
                Rule::Share {
                    share: op(s, d),
                    count: op(c, 0),
                    total: op(t, 0),
                    tolerance: 0.0,
                },
            )
        };
        assert!(share(73.0, 0, 10284.0, 14019.0).passed, "73.4 rounds to 73");
        assert!(share(24.9, 1, 10687.0, 42841.0).passed);
        assert!(share(38.4, 1, 1483.0, 3861.0).passed);
        let c = share(80.0, 0, 996.0, 1196.0);
        assert!(!c.passed);
        assert_eq!(c.detail, "996 / 1,196 = 83.3%, stated as 80%");
        assert!(!share(1.0, 0, 1.0, 0.0).passed, "a zero total never passes");
    }

    #[test]
    fn ranges_and_agreement() {
        let r = |v: f64| {
            Check::evaluate(
                "r".into(),
                Rule::Range {
                    value: op(v, 0),
                    min: Some(0.0),
                    max: Some(100.0),
                },
            )
        };
        assert!(r(50.0).passed);
        assert!(!r(101.0).passed);
        assert_eq!(r(101.0).detail, "101 should be between 0 and 100");
        let a = |x: f64, y: f64| {
            Check::evaluate(
                "a".into(),
                Rule::Agree {
                    a: op(x, 1),
                    b: op(y, 1),
                    tolerance: 0.0,
                },
            )
        };
        assert!(a(26.7, 26.7).passed);
        let c = a(27.7, 26.7);
        assert!(!c.passed);
        assert_eq!(c.detail, "27.7 and 26.7 disagree");
    }
}
