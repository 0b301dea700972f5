//! Transforms a chart applies to its data before it reads it, in order: keep the rows that pass
//! a test, sort, keep the first n, aggregate by groups, and spread a long table wide. Each step
//! takes a table and gives a new one; the result is what the chart, its description, its data
//! appendix and the data checks see. Every new row remembers the line of the first source row
//! it came from, so later errors still point into the data file.

use super::{Cell, Missing, Row, Table};

mod calc;
use calc::{appended, calculate, date_part};

/// A test on one column's cells.
#[derive(Debug, Clone, PartialEq)]
pub enum Test {
    /// The cell, as written, is one of these.
    In(Vec<String>),
    NotIn(Vec<String>),
    Above(f64),
    Below(f64),
    AtLeast(f64),
    AtMost(f64),
}

/// How an aggregate combines a group's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Count,
    Sum,
    Mean,
    Median,
    Min,
    Max,
}

impl Op {
    pub const ALL: [(&'static str, Op); 6] = [
        ("count", Op::Count),
        ("sum", Op::Sum),
        ("mean", Op::Mean),
        ("median", Op::Median),
        ("min", Op::Min),
        ("max", Op::Max),
    ];

    pub fn name(self) -> &'static str {
        Op::ALL
            .iter()
            .find(|(_, o)| *o == self)
            .map_or("count", |(n, _)| n)
    }
}

/// One step, with its columns resolved to indices of the table it applies to.
#[derive(Debug, Clone, PartialEq)]
pub enum Transform {
    Filter {
        col: usize,
        test: Test,
    },
    Sort {
        col: usize,
        descending: bool,
    },
    Top(usize),
    /// One row per distinct combination of the `by` columns (in order of first appearance),
    /// with each value: (how, of which column — none for a count —, the new column's name).
    Aggregate {
        by: Vec<usize>,
        values: Vec<(Op, Option<usize>, String)>,
    },
    /// A long table made wide: the `key` column's values become columns holding `value`; the
    /// other columns name the rows.
    Pivot {
        key: usize,
        value: usize,
    },
    /// A new column `name` computed from `col` within each group of the `within` columns.
    Calculate {
        calc: Calc,
        col: usize,
        within: Vec<usize>,
        name: String,
    },
    /// A new column `name` holding a part of the dates of `col`.
    DatePart {
        col: usize,
        part: Part,
        name: String,
    },
}

/// What `calculate` computes for each row.
#[derive(Debug, Clone, PartialEq)]
pub enum Calc {
    /// Its percentage of its group's total.
    Share,
    /// Its difference from the group's row whose `along` cell reads `base`.
    Change { along: usize, base: String },
    /// Itself as a percentage of that base row's value (base = 100).
    Index { along: usize, base: String },
    /// The sum of the group's values up to it, in row order.
    Running,
}

/// A part of a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The year, a number (2017).
    Year,
    /// The quarter, as the month it starts (2017-04 for Q2), so it stays on a time axis.
    Quarter,
    /// The month (2017-03).
    Month,
}

/// Why a step could not be applied.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// Two rows fill the same cell of a pivot: the row (its source line) and the cell's names.
    PivotClash {
        line: usize,
        row: String,
        key: String,
    },
    /// A censored value (`<0.1`) cannot be summed, averaged or ranked with others.
    Censored { line: usize, col: usize },
    /// A group of a change or an index has no base row.
    NoBase { group: String },
}

/// Applies one step.
pub fn apply(t: &Table, step: &Transform) -> Result<Table, Failure> {
    Ok(match step {
        Transform::Filter { col, test } => with_rows(
            t,
            t.rows
                .iter()
                .filter(|r| passes(r.cells.get(*col), &r.cell_text(*col), test))
                .cloned()
                .collect(),
        ),
        Transform::Sort { col, descending } => {
            let mut rows = t.rows.clone();
            rows.sort_by(|a, b| {
                let (x, y) = (a.cells.get(*col), b.cells.get(*col));
                let (px, py) = (x.and_then(Cell::position), y.and_then(Cell::position));
                let ord = match (px, py) {
                    (Some(p), Some(q)) => p.total_cmp(&q),
                    // Missing values last, whichever the order.
                    (Some(_), None) if missing(y) => return std::cmp::Ordering::Less,
                    (None, Some(_)) if missing(x) => return std::cmp::Ordering::Greater,
                    _ => a.cell_text(*col).cmp(&b.cell_text(*col)),
                };
                if *descending {
                    ord.reverse()
                } else {
                    ord
                }
            });
            with_rows(t, rows)
        }
        Transform::Top(n) => with_rows(t, t.rows.iter().take(*n).cloned().collect()),
        Transform::Aggregate { by, values } => aggregate(t, by, values)?,
        Transform::Pivot { key, value } => pivot(t, *key, *value)?,
        Transform::Calculate {
            calc,
            col,
            within,
            name,
        } => calculate(t, calc, *col, within, name)?,
        Transform::DatePart { col, part, name } => {
            let cells = t
                .rows
                .iter()
                .map(|r| date_part(r.cells.get(*col), *part))
                .collect();
            appended(t, name, *col, cells)
        }
    })
}

/// The table split by the values of column `col`, in order of first appearance: one table per
/// value, with the value as written (small multiples draw one panel each).
pub fn split(t: &Table, col: usize) -> Vec<(String, Table)> {
    let mut out: Vec<(String, Vec<Row>)> = Vec::new();
    for r in &t.rows {
        let k = r.cell_text(col);
        match out.iter_mut().find(|(n, _)| *n == k) {
            Some((_, rows)) => rows.push(r.clone()),
            None => out.push((k, vec![r.clone()])),
        }
    }
    out.into_iter()
        .map(|(k, rows)| (k, with_rows(t, rows)))
        .collect()
}

fn missing(c: Option<&Cell>) -> bool {
    matches!(c, None | Some(Cell::Missing(_)))
}

fn passes(cell: Option<&Cell>, text: &str, test: &Test) -> bool {
    let v = cell.and_then(Cell::position);
    match test {
        Test::In(list) => list.iter().any(|s| s == text),
        Test::NotIn(list) => !list.iter().any(|s| s == text),
        Test::Above(x) => v.is_some_and(|v| v > *x),
        Test::Below(x) => v.is_some_and(|v| v < *x),
        Test::AtLeast(x) => v.is_some_and(|v| v >= *x),
        Test::AtMost(x) => v.is_some_and(|v| v <= *x),
    }
}

fn with_rows(t: &Table, rows: Vec<Row>) -> Table {
    t.reshaped(t.headers.clone(), rows)
}

/// A row made of columns taken from `from` (`None`: a computed cell, placed where the source
/// column `at` stood), at `from`'s line.
fn derived(from: &Row, cells: Vec<Cell>, at: &[usize]) -> Row {
    Row {
        cells,
        line: from.line,
        cols: at
            .iter()
            .map(|c| from.cols.get(*c).copied().unwrap_or(1))
            .collect(),
        lines: if from.lines.is_empty() {
            Vec::new()
        } else {
            at.iter()
                .map(|c| from.lines.get(*c).copied().unwrap_or(from.line))
                .collect()
        },
    }
}

fn aggregate(
    t: &Table,
    by: &[usize],
    values: &[(Op, Option<usize>, String)],
) -> Result<Table, Failure> {
    let mut groups: Vec<(Vec<String>, Vec<&Row>)> = Vec::new();
    let mut at: std::collections::HashMap<Vec<String>, usize> = Default::default();
    for r in &t.rows {
        let key: Vec<String> = by.iter().map(|c| r.cell_text(*c)).collect();
        match at.get(&key) {
            Some(&i) => groups[i].1.push(r),
            None => {
                at.insert(key.clone(), groups.len());
                groups.push((key, vec![r]));
            }
        }
    }
    let mut headers: Vec<String> = by
        .iter()
        .map(|c| t.headers.get(*c).cloned().unwrap_or_default())
        .collect();
    headers.extend(values.iter().map(|v| v.2.clone()));
    let positions: Vec<usize> = by
        .iter()
        .copied()
        .chain(values.iter().map(|v| v.1.unwrap_or(0)))
        .collect();
    let mut rows = Vec::with_capacity(groups.len());
    for (_, members) in &groups {
        let first = members[0];
        let mut cells: Vec<Cell> = by
            .iter()
            .map(|c| {
                first
                    .cells
                    .get(*c)
                    .cloned()
                    .unwrap_or(Cell::Missing(Missing::Empty))
            })
            .collect();
        for (op, col, _) in values {
            cells.push(combine(members, *op, *col)?);
        }
        rows.push(derived(first, cells, &positions));
    }
    Ok(t.reshaped(headers, rows))
}

/// A group's value: exact unless an input was approximate; missing inputs are left out, and a
/// group with none is missing.
fn combine(rows: &[&Row], op: Op, col: Option<usize>) -> Result<Cell, Failure> {
    let Some(col) = col else {
        return Ok(Cell::Number {
            value: rows.len() as f64,
            decimals: 0,
        });
    };
    let mut vals = Vec::new();
    let (mut decimals, mut approx) = (0u8, false);
    for r in rows {
        match r.cells.get(col) {
            Some(Cell::Censored { .. }) => {
                return Err(Failure::Censored { line: r.line, col });
            }
            Some(c @ (Cell::Number { .. } | Cell::Approx { .. })) => {
                approx |= matches!(c, Cell::Approx { .. });
                decimals = decimals.max(c.decimals().unwrap_or(0));
                if let Some(v) = c.position() {
                    vals.push(v);
                }
            }
            _ => {}
        }
    }
    if op == Op::Count {
        return Ok(Cell::Number {
            value: vals.len() as f64,
            decimals: 0,
        });
    }
    if vals.is_empty() {
        return Ok(Cell::Missing(Missing::Empty));
    }
    vals.sort_by(f64::total_cmp);
    let n = vals.len() as f64;
    let (value, decimals) = match op {
        Op::Sum => (vals.iter().sum(), decimals),
        Op::Mean => (vals.iter().sum::<f64>() / n, (decimals + 1).min(6)),
        Op::Median => {
            let m = vals.len() / 2;
            let v = if vals.len() % 2 == 0 {
                (vals[m - 1] + vals[m]) / 2.0
            } else {
                vals[m]
            };
            (v, (decimals + 1).min(6))
        }
        Op::Min => (vals[0], decimals),
        Op::Max => (vals[vals.len() - 1], decimals),
        Op::Count => (n, 0),
    };
    let scale = 10f64.powi(i32::from(decimals));
    let value = (value * scale).round() / scale;
    Ok(if approx {
        Cell::Approx { value, decimals }
    } else {
        Cell::Number { value, decimals }
    })
}

fn pivot(t: &Table, key: usize, value: usize) -> Result<Table, Failure> {
    let keep: Vec<usize> = (0..t.headers.len())
        .filter(|c| *c != key && *c != value)
        .collect();
    let mut names: Vec<String> = Vec::new();
    for r in &t.rows {
        let k = r.cell_text(key);
        if !names.contains(&k) {
            names.push(k);
        }
    }
    let mut rows: Vec<Row> = Vec::new();
    let mut at: std::collections::HashMap<Vec<String>, usize> = Default::default();
    let width = keep.len() + names.len();
    for r in &t.rows {
        let id: Vec<String> = keep.iter().map(|c| r.cell_text(*c)).collect();
        let i = match at.get(&id) {
            Some(&i) => i,
            None => {
                let mut cells: Vec<Cell> = keep
                    .iter()
                    .map(|c| {
                        r.cells
                            .get(*c)
                            .cloned()
                            .unwrap_or(Cell::Missing(Missing::Empty))
                    })
                    .collect();
                cells.resize(width, Cell::Missing(Missing::Empty));
                let positions: Vec<usize> = keep
                    .iter()
                    .copied()
                    .chain(std::iter::repeat_n(value, names.len()))
                    .collect();
                rows.push(derived(r, cells, &positions));
                at.insert(id.clone(), rows.len() - 1);
                rows.len() - 1
            }
        };
        let k = r.cell_text(key);
        let j = keep.len() + names.iter().position(|n| *n == k).unwrap_or(0);
        let slot = &mut rows[i].cells[j];
        if !matches!(slot, Cell::Missing(_)) {
            return Err(Failure::PivotClash {
                line: r.line,
                row: id.join(", "),
                key: k,
            });
        }
        *slot = r
            .cells
            .get(value)
            .cloned()
            .unwrap_or(Cell::Missing(Missing::Empty));
    }
    let mut headers: Vec<String> = keep
        .iter()
        .map(|c| t.headers.get(*c).cloned().unwrap_or_default())
        .collect();
    headers.extend(names);
    Ok(t.reshaped(headers, rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(csv: &str) -> Table {
        super::super::parse_csv("d.csv", csv).unwrap()
    }

    fn column(t: &Table, c: usize) -> Vec<String> {
        t.rows.iter().map(|r| r.cell_text(c)).collect()
    }

    const LONG: &str =
        "site,year,yield\nA,1931,10\nA,1931,14\nB,1931,7\nA,1932,9\nB,1932,~8\nB,1932,\n";

    #[test]
    fn filter_keeps_rows_that_pass() {
        let t = table(LONG);
        let f = |test| {
            apply(&t, &Transform::Filter { col: 1, test })
                .unwrap()
                .rows
                .len()
        };
        assert_eq!(f(Test::In(vec!["1931".into()])), 3);
        assert_eq!(f(Test::NotIn(vec!["1931".into()])), 3);
        let g = |test| {
            apply(&t, &Transform::Filter { col: 2, test })
                .unwrap()
                .rows
                .len()
        };
        assert_eq!(g(Test::Above(9.0)), 2);
        assert_eq!(g(Test::AtLeast(9.0)), 3);
        assert_eq!(g(Test::Below(8.0)), 1);
        // A missing value passes no comparison.
        assert_eq!(g(Test::AtMost(100.0)), 5);
    }

    #[test]
    fn sort_is_numeric_stable_and_puts_missing_last() {
        let t = table(LONG);
        let s = apply(
            &t,
            &Transform::Sort {
                col: 2,
                descending: false,
            },
        )
        .unwrap();
        assert_eq!(column(&s, 2), vec!["7", "~8", "9", "10", "14", ""]);
        let s = apply(
            &t,
            &Transform::Sort {
                col: 2,
                descending: true,
            },
        )
        .unwrap();
        assert_eq!(column(&s, 2), vec!["14", "10", "9", "~8", "7", ""]);
        let top = apply(&s, &Transform::Top(2)).unwrap();
        assert_eq!(column(&top, 2), vec!["14", "10"]);
    }

    #[test]
    fn aggregate_by_groups_in_order_of_first_appearance() {
        let t = table(LONG);
        let a = apply(
            &t,
            &Transform::Aggregate {
                by: vec![0, 1],
                values: vec![
                    (Op::Mean, Some(2), "mean".into()),
                    (Op::Count, None, "rows".into()),
                    (Op::Max, Some(2), "max".into()),
                    (Op::Median, Some(2), "median".into()),
                ],
            },
        )
        .unwrap();
        assert_eq!(
            a.headers,
            vec!["site", "year", "mean", "rows", "max", "median"]
        );
        assert_eq!(column(&a, 0), vec!["A", "B", "A", "B"]);
        let mean: Vec<Option<f64>> = a.rows.iter().map(|r| r.cells[2].position()).collect();
        assert_eq!(mean, vec![Some(12.0), Some(7.0), Some(9.0), Some(8.0)]);
        // An estimate stays an estimate; a missing value is left out of the count of values
        // but the group's rows are all counted.
        assert!(matches!(a.rows[3].cells[2], Cell::Approx { .. }));
        assert_eq!(column(&a, 3), vec!["2", "1", "1", "2"]);
        // Each row points at the first source row of its group.
        assert_eq!(a.rows[1].line, 4);
    }

    #[test]
    fn pivot_spreads_a_long_table_and_refuses_two_values_for_one_cell() {
        let t = table("site,year,yield\nA,1931,10\nB,1931,7\nA,1932,9\n");
        let p = apply(&t, &Transform::Pivot { key: 1, value: 2 }).unwrap();
        assert_eq!(p.headers, vec!["site", "1931", "1932"]);
        assert_eq!(column(&p, 2), vec!["9", ""]);
        let clash = apply(&table(LONG), &Transform::Pivot { key: 1, value: 2 });
        assert!(
            matches!(clash, Err(Failure::PivotClash { line: 3, .. })),
            "{clash:?}"
        );
    }

    #[test]
    fn calculate_shares_changes_indices_and_running_totals_within_groups() {
        let t = table("year,src,v\n2001,coal,30\n2001,wind,10\n2002,coal,20\n2002,wind,20\n");
        let calc = |calc: Calc, within: Vec<usize>| {
            let step = Transform::Calculate {
                calc,
                col: 2,
                within,
                name: "c".into(),
            };
            let out = apply(&t, &step).unwrap();
            assert_eq!(out.headers.last().map(String::as_str), Some("c"));
            column(&out, 3)
        };
        assert_eq!(
            calc(Calc::Share, vec![0]),
            vec!["75.0", "25.0", "50.0", "50.0"]
        );
        let base = || "2001".to_string();
        assert_eq!(
            calc(
                Calc::Change {
                    along: 0,
                    base: base()
                },
                vec![1]
            ),
            vec!["0", "0", "-10", "10"]
        );
        assert_eq!(
            calc(
                Calc::Index {
                    along: 0,
                    base: base()
                },
                vec![1]
            ),
            vec!["100.0", "100.0", "66.7", "200.0"]
        );
        assert_eq!(calc(Calc::Running, vec![1]), vec!["30", "10", "50", "30"]);
        let none = apply(
            &t,
            &Transform::Calculate {
                calc: Calc::Change {
                    along: 0,
                    base: "1999".into(),
                },
                col: 2,
                within: vec![1],
                name: "c".into(),
            },
        );
        assert!(matches!(none, Err(Failure::NoBase { .. })));
    }

    #[test]
    fn date_parts_keep_dates_on_a_time_axis() {
        let t = table("d,v\n2017-02-15,1\n2017-05-03,2\n2018-12-31,3\n");
        let part = |part| {
            let step = Transform::DatePart {
                col: 0,
                part,
                name: "p".into(),
            };
            column(&apply(&t, &step).unwrap(), 2)
        };
        assert_eq!(part(Part::Year), vec!["2017", "2017", "2018"]);
        assert_eq!(part(Part::Quarter), vec!["2017-01", "2017-04", "2018-10"]);
        assert_eq!(part(Part::Month), vec!["2017-02", "2017-05", "2018-12"]);
    }

    #[test]
    fn censored_values_cannot_be_combined() {
        let t = table("g,v\nA,<1\nA,3\n");
        let r = apply(
            &t,
            &Transform::Aggregate {
                by: vec![0],
                values: vec![(Op::Sum, Some(1), "v".into())],
            },
        );
        assert!(matches!(r, Err(Failure::Censored { line: 2, col: 1 })));
    }
}
