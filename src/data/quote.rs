//! Transcription checks: every number of a data row appears in the row's `quote` (the words of
//! the source that state it), and every quote appears in the source's text word for word.
//! Pure functions over text; the caller reads the files.

use super::{Bound, Cell, Table};
use crate::error::Diag;

/// The column that holds a row's verbatim quote.
pub const QUOTE_COLUMN: &str = "quote";

/// Columns whose numbers are references, not data: they need not appear in the quote.
const REFERENCE_COLUMNS: &[&str] = &["endnote", "endnotes", QUOTE_COLUMN];

/// Words before a number that state an upper bound (`under 1,000`, `less than 0.1%`).
const BELOW_WORDS: &[&str] = &["<", "under", "less than", "below", "fewer than"];
/// Words before a number that state a lower bound.
const ABOVE_WORDS: &[&str] = &[">", "over", "more than", "above"];
/// Words before a number that make it approximate.
const ABOUT_WORDS: &[&str] = &[
    "~",
    "≈",
    "approximately",
    "about",
    "around",
    "some",
    "nearly",
];

/// A number as written in a quote.
#[derive(Debug, Clone, PartialEq)]
pub struct Written {
    /// The digits without thousands separators: `10,284` gives `10284`, `1.0` stays `1.0`.
    pub digits: String,
    pub value: f64,
    /// Byte offset of the first digit in the quote.
    pub start: usize,
    /// Byte offset just past the last digit.
    pub end: usize,
}

/// Every number written in `text`, with or without thousands separators.
pub fn numbers_in(text: &str) -> Vec<Written> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        let mut digits = String::new();
        while i < b.len() {
            let c = b[i];
            let next_digit = b.get(i + 1).is_some_and(u8::is_ascii_digit);
            if c.is_ascii_digit() {
                digits.push(c as char);
            } else if c == b',' && next_digit && !digits.contains('.') {
                // A thousands separator sits before exactly three digits.
                let group = b[i + 1..].iter().take_while(|d| d.is_ascii_digit()).count();
                if group != 3 {
                    break;
                }
            } else if c == b'.' && next_digit && !digits.contains('.') {
                digits.push('.');
            } else {
                break;
            }
            i += 1;
        }
        let value = digits.parse().unwrap_or(f64::NAN);
        out.push(Written {
            digits,
            value,
            start,
            end: i,
        });
    }
    out
}

/// The source text as a quote is compared with it: emphasis marks, escapes and endnote
/// markers (superscript digits, `^{40, 41}`) removed, and every run of white space one space.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '*' => {}
            '\\' if chars.peek().is_some_and(|n| n.is_ascii_punctuation()) => {}
            '⁰' | '¹' | '²' | '³' | '⁴' | '⁵' | '⁶' | '⁷' | '⁸' | '⁹' => {}
            '^' if chars.peek() == Some(&'{') => {
                for n in chars.by_ref() {
                    if n == '}' {
                        break;
                    }
                }
            }
            c if c.is_whitespace() => {
                if !out.ends_with(' ') && !out.is_empty() {
                    out.push(' ');
                }
            }
            c => out.push(c),
        }
    }
    // A marker removed before a space or stop leaves "word ." or a double space.
    out.replace(" .", ".").replace(" ,", ",").trim().to_string()
}

/// The parts of a quote: `first ... second` elides words between parts.
pub fn fragments(quote: &str) -> Vec<String> {
    quote
        .split("...")
        .map(normalise)
        .filter(|f| !f.is_empty())
        .collect()
}

/// Finds a quote in normalised source text, its parts in order. On failure, returns the first
/// part that is missing.
pub fn find_in(quote: &str, source: &str) -> Result<(), String> {
    let mut from = 0;
    for part in fragments(quote) {
        match source[from..].find(&part) {
            Some(i) => from += i + part.len(),
            None => return Err(part),
        }
    }
    Ok(())
}

/// The factor a column's name declares: `pledge_usd_million` holds millions.
pub fn column_scale(header: &str) -> f64 {
    let h = header.to_ascii_lowercase();
    if h.ends_with("_thousand") || h.ends_with("_thousands") {
        1e3
    } else if h.ends_with("_million") || h.ends_with("_millions") {
        1e6
    } else if h.ends_with("_billion") || h.ends_with("_billions") {
        1e9
    } else {
        1.0
    }
}

/// The words just before byte `at` of `quote`, lower-cased and trimmed.
fn words_before(quote: &str, at: usize) -> String {
    let head = &quote[..at];
    let tail: String = head
        .chars()
        .rev()
        .take(16)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    tail.trim_end_matches(['$', '¥', '€', '£'])
        .trim_end()
        .to_lowercase()
}

fn preceded_by(quote: &str, w: &Written, words: &[&str]) -> bool {
    let before = words_before(quote, w.start);
    words.iter().any(|x| {
        before.ends_with(x)
            && (x.starts_with(|c: char| !c.is_alphabetic())
                || before.len() == x.len()
                || !before[..before.len() - x.len()].ends_with(char::is_alphabetic))
    })
}

/// Whether a number cell is stated in `quote` in the source's spelling. `scale` is the
/// column's factor; `key` allows a year inside a span the quote states ("from 1957 to 1969").
pub fn cell_in_quote(cell: &Cell, scale: f64, quote: &str, key: bool) -> bool {
    let (value, decimals) = match cell {
        Cell::Number { value, decimals }
        | Cell::Approx { value, decimals }
        | Cell::Censored {
            value, decimals, ..
        } => (*value, *decimals),
        Cell::Missing(_) | Cell::Text(_) | Cell::Date { .. } => return true,
    };
    let written = format!("{value:.*}", usize::from(decimals));
    let numbers = numbers_in(quote);
    let same = |w: &Written| {
        w.digits == written
            || (scale != 1.0 && (w.value - value * scale).abs() <= 1e-6 * (value * scale).abs())
    };
    let stated = numbers.iter().any(|w| {
        same(w)
            && match cell {
                Cell::Censored {
                    bound: Bound::Below,
                    ..
                } => preceded_by(quote, w, BELOW_WORDS),
                Cell::Censored {
                    bound: Bound::Above,
                    ..
                } => preceded_by(quote, w, ABOVE_WORDS),
                Cell::Approx { .. } => preceded_by(quote, w, ABOUT_WORDS),
                _ => true,
            }
    });
    stated || (key && decimals == 0 && in_span(&numbers, quote, value))
}

/// Whether `value` lies in a span the quote states: "from 1957 to 1969", "1957–1969".
fn in_span(numbers: &[Written], quote: &str, value: f64) -> bool {
    numbers.windows(2).any(|p| {
        let between = quote[p[0].end..p[1].start].trim();
        matches!(between, "to" | "–" | "-" | "and")
            && !p[0].digits.contains('.')
            && p[0].value < p[1].value
            && (p[0].value..=p[1].value).contains(&value)
    })
}

/// Checks a table that keeps quotes: each row with a number has a quote, and each number
/// (in a number cell or written inside a text cell) is stated in it. A table without a
/// `quote` column is not checked.
pub fn check_table(t: &Table) -> Vec<Diag> {
    let Some(qcol) = t.column(QUOTE_COLUMN) else {
        return Vec::new();
    };
    let mut diags = Vec::new();
    for row in &t.rows {
        let quote = match row.cells.get(qcol) {
            Some(Cell::Text(q)) => q.as_str(),
            _ => "",
        };
        for (c, cell) in row.cells.iter().enumerate() {
            let header = t.headers.get(c).map_or("", String::as_str);
            if REFERENCE_COLUMNS.contains(&header) {
                continue;
            }
            let missing: Option<String> = match cell {
                Cell::Text(text) => numbers_in(text)
                    .into_iter()
                    .find(|w| !numbers_in(quote).iter().any(|q| q.digits == w.digits))
                    .map(|w| text[w.start..w.end].to_string()),
                Cell::Missing(_) => None,
                number => {
                    (!cell_in_quote(number, column_scale(header), quote, c == 0)).then(|| {
                        t.line_text(row.line)
                            .get(cell_span(t, row, c))
                            .unwrap_or("")
                            .trim()
                            .to_string()
                    })
                }
            };
            let Some(written) = missing else { continue };
            let (message, hint) = if quote.trim().is_empty() {
                (
                    format!("`{header}` = {written} has no quote to check it against"),
                    format!(
                        "copy the words of the source that state it into the `{QUOTE_COLUMN}` column"
                    ),
                )
            } else {
                (
                    format!("`{header}` = {written} is not stated in the row's quote"),
                    format!("a transcription slip? the quote reads “{}”", quote.trim()),
                )
            };
            diags.push(t.diag_at(row, c, message).with_hint(hint));
        }
    }
    diags
}

/// Checks a table's words against the source's text (`source` as [`normalise`]d): each
/// row's quote, part by part, or, in a table without quotes, each text cell, which is then its
/// own quote. `source_name` names the source in messages. Returns how many were checked,
/// and the ones not found.
pub fn check_against(t: &Table, source: &str, source_name: &str) -> (usize, Vec<Diag>) {
    let qcol = t.column(QUOTE_COLUMN);
    let mut diags = Vec::new();
    let mut checked = 0;
    for row in &t.rows {
        for (c, cell) in row.cells.iter().enumerate() {
            let Cell::Text(text) = cell else { continue };
            if qcol.is_some_and(|q| q != c) || text.trim().is_empty() {
                continue;
            }
            checked += 1;
            if let Err(part) = find_in(text, source) {
                let what = if qcol.is_some() { "quote" } else { "text" };
                let whole = fragments(text).len() == 1;
                let message = if whole {
                    format!("this {what} is not in {source_name} word for word")
                } else {
                    format!("part of this {what} is not in {source_name} word for word, or not in this order: “{part}”")
                };
                diags.push(t.diag_at(row, c, message).with_hint(
                    "copy the words from the source exactly; join parts taken from further apart with “...”",
                ));
            }
        }
    }
    (checked, diags)
}

/// The byte range of cell `c` of `row` in its source line, for quoting it as written.
fn cell_span(t: &Table, row: &super::Row, c: usize) -> std::ops::Range<usize> {
    let line = t.line_text(row.line);
    let col = row.cols.get(c).copied().unwrap_or(1);
    let start = line
        .char_indices()
        .nth(col.saturating_sub(1))
        .map_or(line.len(), |(i, _)| i);
    let width = super::cell_width(&line, col);
    let end = line[start..]
        .char_indices()
        .nth(width)
        .map_or(line.len(), |(i, _)| start + i);
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digits(t: &str) -> Vec<String> {
        numbers_in(t).into_iter().map(|w| w.digits).collect()
    }

    #[test]
    fn numbers_are_read_as_written() {
        assert_eq!(
            digits("10,284 people, 73% and 1.0%"),
            ["10284", "73", "1.0"]
        );
        assert_eq!(digits("$25,080,000 (n=42,841)."), ["25080000", "42841"]);
        assert_eq!(digits("decreased to 11. In 2015"), ["11", "2015"]);
        assert_eq!(digits("9 to 15.7%; 5-MeO"), ["9", "15.7", "5"]);
        // A comma that is not a thousands separator ends the number.
        assert_eq!(digits("1,2 and 3,4567"), ["1", "2", "3", "4567"]);
    }

    #[test]
    fn normalising_removes_marks_and_joins_space() {
        assert_eq!(
            normalise("pledged \\$5.11 million\tin *2009*,⁴² and ^{40, 41} more\n\nwords"),
            "pledged $5.11 million in 2009, and more words"
        );
        assert_eq!(normalise("decreased to 11.⁴² In"), "decreased to 11. In");
    }

    #[test]
    fn quotes_are_found_part_by_part_in_order() {
        let src = normalise("In 2014 (112 people), 840 were arrested. Later, 11.⁴² more");
        assert!(find_in("In 2014 (112 people) ... 840 were arrested", &src).is_ok());
        assert_eq!(
            find_in("840 were arrested ... In 2014", &src),
            Err("In 2014".to_string())
        );
        assert_eq!(
            find_in("804 were arrested", &src),
            Err("804 were arrested".into())
        );
    }

    #[test]
    fn a_cell_must_be_stated_in_its_quote() {
        let q = "In 2017, 10,284 people were arrested, 73% of the total";
        assert!(cell_in_quote(&Cell::parse("10284"), 1.0, q, false));
        assert!(cell_in_quote(&Cell::parse("73"), 1.0, q, false));
        assert!(cell_in_quote(&Cell::parse("2017"), 1.0, q, true));
        // A slip: digits swapped, a decimal added, a number not in the quote.
        assert!(!cell_in_quote(&Cell::parse("10824"), 1.0, q, false));
        assert!(!cell_in_quote(&Cell::parse("73.0"), 1.0, q, false));
        assert!(!cell_in_quote(&Cell::parse("14019"), 1.0, q, false));
    }

    #[test]
    fn bounds_and_approximations_need_their_words() {
        let q = "falling under 1,000 from 1957 to 1969; approximately 15,000 in 1995";
        assert!(cell_in_quote(&Cell::parse("<1000"), 1.0, q, false));
        assert!(cell_in_quote(&Cell::parse("~15000"), 1.0, q, false));
        assert!(!cell_in_quote(&Cell::parse("~1000"), 1.0, q, false));
        assert!(!cell_in_quote(&Cell::parse("<15000"), 1.0, q, false));
        assert!(!cell_in_quote(&Cell::parse(">1000"), 1.0, q, false));
        assert!(cell_in_quote(
            &Cell::parse("<0.1"),
            1.0,
            "Japan <0.1% 0.1%",
            false
        ));
        assert!(cell_in_quote(
            &Cell::parse("<0.1"),
            1.0,
            "less than 0.1% for heroin",
            false
        ));
        // "thunder 1,000" is not "under 1,000".
        assert!(!cell_in_quote(
            &Cell::parse("<1000"),
            1.0,
            "thunder 1,000",
            false
        ));
    }

    #[test]
    fn a_key_year_may_lie_in_a_stated_span() {
        let q = "falling under 1,000 from 1957 to 1969";
        assert!(cell_in_quote(&Cell::parse("1963"), 1.0, q, true));
        assert!(!cell_in_quote(&Cell::parse("1963"), 1.0, q, false));
        assert!(!cell_in_quote(&Cell::parse("1970"), 1.0, q, true));
    }

    #[test]
    fn a_scaled_column_matches_the_full_number() {
        assert_eq!(column_scale("pledge_usd_million"), 1e6);
        assert_eq!(column_scale("arrests"), 1.0);
        let q = "Japan pledged to contribute $25,080,000";
        assert!(cell_in_quote(&Cell::parse("25.08"), 1e6, q, false));
        assert!(!cell_in_quote(&Cell::parse("25.8"), 1e6, q, false));
        assert!(cell_in_quote(
            &Cell::parse("5.11"),
            1e6,
            "$5.11 million in 2009",
            false
        ));
    }

    fn table(text: &str) -> Table {
        super::super::parse_csv("t.csv", text).expect("parses")
    }

    #[test]
    fn quotes_and_text_cells_are_checked_against_the_source() {
        let src = normalise(
            "In 2017, 10,284 people⁴² were arrested. Adhere to *international* standards.",
        );
        let quoted = table("n,quote\n10284,\"In 2017, 10,284 people were arrested\"\n10284,\"In 2017, 10,284 persons\"\n");
        let (n, d) = check_against(&quoted, &src, "paper.txt");
        assert_eq!((n, d.len()), (2, 1));
        let text = d[0].render(false);
        assert!(text.contains("t.csv:3:7"), "{text}");
        assert!(text.contains("not in paper.txt word for word"), "{text}");
        let plain =
            table("item\nAdhere to international standards.\nAdhere to national standards.\n");
        let (n, d) = check_against(&plain, &src, "paper.txt");
        assert_eq!((n, d.len()), (2, 1));
        assert!(d[0].render(false).contains("t.csv:3:1"));
    }

    #[test]
    fn a_table_with_quotes_is_checked_cell_by_cell() {
        let ok = table("year,arrests,endnote,quote\n2017,10284,35,\"In 2017, 10,284 people\"\n");
        assert!(check_table(&ok).is_empty());
        let slip = table("year,arrests,endnote,quote\n2017,10824,35,\"In 2017, 10,284 people\"\n");
        let d = check_table(&slip);
        assert_eq!(d.len(), 1);
        let text = d[0].render(false);
        assert!(text.contains("t.csv:2:6"), "{text}");
        assert!(
            text.contains("`arrests` = 10824 is not stated in the row's quote"),
            "{text}"
        );
        assert!(text.contains("In 2017, 10,284 people"), "{text}");
        let bare = table("year,arrests,quote\n2017,10284,\n");
        let d = check_table(&bare);
        assert_eq!(d.len(), 2, "year and arrests both lack a quote");
        assert!(d[0].render(false).contains("has no quote"));
        // Numbers inside text cells count too.
        let text = table("law,penalty,quote\nA,\"up to ¥500,000\",\"a fine of up to ¥300,000\"\n");
        assert!(check_table(&text)[0]
            .render(false)
            .contains("`penalty` = 500,000"));
        // A table without quotes is not checked.
        assert!(check_table(&table("a,b\n1,2\n")).is_empty());
    }
}
