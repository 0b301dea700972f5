//! CSV data: loading a file into a table of typed cells, with the line and column of every
//! cell kept for error messages. Knows nothing about charts.

pub mod cell;
pub mod json;
pub mod quote;
pub mod time;
pub mod transform;

pub use cell::{Bound, Cell, Missing};

use crate::error::Diag;

/// A loaded CSV file: a header row and typed cells.
#[derive(Clone)]
pub struct Table {
    /// The path as written in the spec (used in messages).
    pub path: String,
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
    /// The file's text, kept for snippets in messages (shared by every table made from it).
    pub source: std::sync::Arc<str>,
    /// Byte offset at which each line of `source` starts, so that a line is found in
    /// O(log n) rather than by counting from the start of the file.
    pub line_starts: std::sync::Arc<[usize]>,
}

/// What a chart draws from the table: its headers and rows. The path is left out (it says
/// where the build was started from, and the outputs' input hashes are made from this), and
/// so is the text kept for messages.
impl std::fmt::Debug for Table {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Table")
            .field("headers", &self.headers)
            .field("rows", &self.rows)
            .finish_non_exhaustive()
    }
}

/// Byte offset at which each line of `text` starts (the first is 0).
pub fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

/// The 1-based line holding byte `offset`, given the [`line_starts`] of the text.
fn line_of(starts: &[usize], offset: usize) -> usize {
    starts.partition_point(|&s| s <= offset).max(1)
}

/// Line `line` (1-based) of `text`, without its line end, given its [`line_starts`].
fn nth_line<'t>(text: &'t str, starts: &[usize], line: usize) -> &'t str {
    let Some(&start) = starts.get(line.wrapping_sub(1)) else {
        return "";
    };
    let end = starts.get(line).map_or(text.len(), |e| e - 1);
    text.get(start..end.max(start))
        .unwrap_or("")
        .trim_end_matches('\r')
}

/// One data row with the position of each cell.
#[derive(Debug, Clone)]
pub struct Row {
    pub cells: Vec<Cell>,
    /// 1-based line of the row in the file.
    pub line: usize,
    /// 1-based column (in characters) of each cell.
    pub cols: Vec<usize>,
    /// The line of each cell where cells of one row stand on different lines (a JSON record
    /// written over several); empty when the whole row is on `line`.
    pub lines: Vec<usize>,
}

impl Table {
    /// The rows whose cell in column `col` passes `test` (a short row has no such cell).
    pub fn rows_where(&self, col: usize, test: impl Fn(&Cell) -> bool) -> Vec<&Row> {
        self.rows
            .iter()
            .filter(|r| r.cells.get(col).is_some_and(&test))
            .collect()
    }

    /// A table of the same file with other columns and rows (a transform's or a pivot's
    /// result): messages still quote and locate the file's own lines.
    pub fn reshaped(&self, headers: Vec<String>, rows: Vec<Row>) -> Table {
        Table {
            path: self.path.clone(),
            headers,
            rows,
            source: self.source.clone(),
            line_starts: self.line_starts.clone(),
        }
    }

    /// Index of a column by its header name.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == name)
    }

    /// The cells of a column, top to bottom.
    pub fn column_cells(&self, idx: usize) -> impl Iterator<Item = &Cell> {
        self.rows
            .iter()
            .map(move |r| r.cells.get(idx).unwrap_or(&Cell::Missing(Missing::Empty)))
    }

    /// The text of source line `line` (1-based), for snippets.
    pub fn line_text(&self, line: usize) -> String {
        nth_line(&self.source, &self.line_starts, line).to_string()
    }

    /// Appends a column `label` holding, in each row, `whole` minus the cells of `parts`, with
    /// as many decimals as the most precise of them (`100 − 26.7` is `73.3`). A row whose parts
    /// are not all known gets no value; an approximate part makes the rest approximate.
    /// Returns the new column's index.
    pub fn push_remainder(&mut self, parts: &[usize], whole: f64, label: &str) -> usize {
        let places = self
            .rows
            .iter()
            .flat_map(|r| parts.iter().filter_map(|&p| r.cells.get(p)?.decimals()))
            .fold(parts_decimals(whole), u8::max);
        for row in &mut self.rows {
            let mut rest = whole;
            let mut approx = false;
            let mut known = true;
            for &p in parts {
                match row.cells.get(p) {
                    Some(Cell::Number { value, .. }) => rest -= value,
                    Some(Cell::Approx { value, .. }) => {
                        rest -= value;
                        approx = true;
                    }
                    _ => known = false,
                }
            }
            let scale = 10f64.powi(i32::from(places));
            let value = (rest * scale).round() / scale;
            row.cells.push(match (known, approx) {
                (false, _) => Cell::Missing(Missing::Empty),
                (true, false) => Cell::Number {
                    value,
                    decimals: places,
                },
                (true, true) => Cell::Approx {
                    value,
                    decimals: places,
                },
            });
        }
        self.headers.push(label.to_string());
        self.headers.len() - 1
    }

    /// A diagnostic pointing at a cell.
    pub fn diag_at(&self, row: &Row, col_idx: usize, message: impl Into<String>) -> Diag {
        let col = row.cols.get(col_idx).copied().unwrap_or(1);
        let at = row.lines.get(col_idx).copied().unwrap_or(row.line);
        let line = self.line_text(at);
        let width = cell_width(&line, col);
        Diag::error(&self.path, message)
            .at(at, col)
            .with_snippet(line)
            .with_width(width)
    }
}

/// Decimals needed to write `v` as a plain number (at most 6).
fn parts_decimals(v: f64) -> u8 {
    (0..6u8)
        .find(|&d| {
            let s = 10f64.powi(i32::from(d));
            ((v * s).round() - v * s).abs() < 1e-9
        })
        .unwrap_or(6)
}

/// Parses CSV text. `path` names the file in messages. Every problem found is returned.
pub fn parse_csv(path: &str, text: &str) -> Result<Table, Vec<Diag>> {
    let mut diags = Vec::new();
    let text_nobom = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text_nobom.trim().is_empty() {
        return Err(vec![Diag::error(path, "the data file is empty").with_hint(
            "a data file needs a header row and at least one row of values",
        )]);
    }
    if let Some((line, col)) = unclosed_quote(text_nobom) {
        let snippet = nth_line(text_nobom, &line_starts(text_nobom), line);
        return Err(vec![Diag::error(
            path,
            "this quote opens a cell that is never closed: the rest of the file would be read as one cell",
        )
        .at(line, col)
        .with_snippet(snippet)
        .with_hint("close the cell with a double quote; a quote inside a quoted cell is written twice (\"\")")]);
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text_nobom.as_bytes());
    let mut headers: Vec<String> = Vec::new();
    let mut rows = Vec::new();
    let starts = line_starts(text_nobom);
    for (i, rec) in reader.records().enumerate() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                diags.push(Diag::error(path, format!("this CSV cannot be read: {e}")).at(line, 1).with_hint(
                    "quote cells that contain commas with double quotes, and double a quote inside a quoted cell",
                ));
                break;
            }
        };
        // The line from the record's byte offset: on CRLF files the reader ends a record at
        // the CR and counts the LF into the next one, so its own line count runs one short.
        let line = rec.position().map_or(i + 1, |p| {
            let bytes = text_nobom.as_bytes();
            let mut at = usize::try_from(p.byte())
                .unwrap_or(usize::MAX)
                .min(bytes.len());
            while bytes.get(at).is_some_and(|b| *b == b'\r' || *b == b'\n') {
                at += 1;
            }
            line_of(&starts, at)
        });
        let line_text = nth_line(text_nobom, &starts, line);
        let cols = field_columns(line_text, rec.len());
        if i == 0 {
            headers = rec.iter().map(|h| h.trim().to_string()).collect();
            let mut seen: Vec<&str> = Vec::new();
            for (j, h) in headers.iter().enumerate() {
                if h.is_empty() {
                    diags.push(
                        Diag::error(path, format!("column {} has an empty header", j + 1))
                            .at(line, cols.get(j).copied().unwrap_or(1))
                            .with_snippet(line_text)
                            .with_hint("give every column a name in the first row"),
                    );
                } else if seen.contains(&h.as_str()) {
                    diags.push(
                        Diag::error(path, format!("the header `{h}` appears twice"))
                            .at(line, cols.get(j).copied().unwrap_or(1))
                            .with_snippet(line_text),
                    );
                }
                seen.push(h);
            }
            continue;
        }
        if rec.len() == 1 && rec.get(0).is_some_and(|c| c.trim().is_empty()) {
            continue; // a blank line
        }
        if rec.len() != headers.len() {
            diags.push(
                Diag::error(
                    path,
                    format!(
                        "this row has {} cells but the header has {}",
                        rec.len(),
                        headers.len()
                    ),
                )
                .at(line, 1)
                .with_snippet(line_text)
                .with_hint(
                    "every row needs one cell per column; leave a cell empty for a missing value",
                ),
            );
            continue;
        }
        rows.push(Row {
            cells: rec.iter().map(Cell::parse).collect(),
            line,
            cols,
            lines: Vec::new(),
        });
    }
    if diags.is_empty() && rows.is_empty() {
        diags.push(Diag::error(path, "the data file has a header row but no data rows").at(1, 1));
    }
    if diags.is_empty() {
        Ok(Table {
            path: path.to_string(),
            headers,
            rows,
            source: text_nobom.into(),
            line_starts: starts.into(),
        })
    } else {
        Err(diags)
    }
}

/// The 1-based character column at which each of the first `n` fields of a CSV line starts.
fn field_columns(line: &str, n: usize) -> Vec<usize> {
    let mut cols = vec![1];
    let mut in_quotes = false;
    for (i, c) in line.chars().enumerate() {
        match c {
            '"' => in_quotes = !in_quotes,
            ',' if !in_quotes => cols.push(i + 2),
            _ => {}
        }
    }
    while cols.len() < n {
        cols.push(line.chars().count() + 1);
    }
    cols
}

/// Width in characters of the cell that starts at column `col` (1-based) of a CSV line: up
/// to its closing quote when quoted, else to the next comma.
fn cell_width(line: &str, col: usize) -> usize {
    let rest: Vec<char> = line.chars().skip(col.saturating_sub(1)).collect();
    if rest.first() == Some(&'"') {
        let mut i = 1;
        while i < rest.len() {
            if rest[i] == '"' {
                if rest.get(i + 1) == Some(&'"') {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i += 1;
        }
        rest.len()
    } else {
        rest.iter().take_while(|c| **c != ',').count()
    }
}

/// Line and column (1-based) of a quote that opens a cell and is never closed, if any.
fn unclosed_quote(text: &str) -> Option<(usize, usize)> {
    let mut quoted = false;
    let mut at_start = true;
    let mut open = (1, 1);
    let (mut line, mut col) = (1usize, 0usize);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        col += 1;
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    col += 1;
                } else {
                    quoted = false;
                }
            } else if c == '\n' {
                line += 1;
                col = 0;
            }
            continue;
        }
        match c {
            '"' if at_start => {
                quoted = true;
                open = (line, col);
            }
            ',' => {
                at_start = true;
                continue;
            }
            '\n' => {
                line += 1;
                col = 0;
                at_start = true;
                continue;
            }
            '\r' => continue,
            _ => {}
        }
        at_start = false;
    }
    quoted.then_some(open)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_typed_cells_with_positions() {
        let t = parse_csv("d.csv", "year,arrests,note\n2016,920,\n2017,<10,\"a, b\"\n")
            .expect("parses");
        assert_eq!(t.headers, vec!["year", "arrests", "note"]);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[1].line, 3);
        assert_eq!(t.rows[1].cols, vec![1, 6, 10]);
        assert!(matches!(t.rows[1].cells[1], Cell::Censored { .. }));
        assert_eq!(t.rows[1].cells[2], Cell::Text("a, b".into()));
        assert_eq!(t.rows[0].cells[2], Cell::Missing(Missing::Empty));
    }

    #[test]
    fn accepts_bom_and_crlf() {
        let t = parse_csv("d.csv", "\u{feff}year,n\r\n2017,5\r\n").expect("parses");
        assert_eq!(t.headers, vec!["year", "n"]);
        assert_eq!(
            t.rows[0].cells[1],
            Cell::Number {
                value: 5.0,
                decimals: 0
            }
        );
    }

    #[test]
    fn ragged_rows_are_errors_with_the_line() {
        let e = parse_csv("d.csv", "a,b\n1,2\n3\n").expect_err("ragged");
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].line, 3);
        assert!(
            e[0].message.contains("1 cells but the header has 2"),
            "{}",
            e[0].message
        );
    }

    #[test]
    fn cells_are_underlined_whole() {
        assert_eq!(cell_width("2014,about 1200,x", 6), 10);
        assert_eq!(cell_width("2014,\"10,284\",x", 6), 8);
        assert_eq!(cell_width("a,\"say \"\"hi\"\"\"", 3), 12);
        assert_eq!(cell_width("2014,", 6), 0);
    }

    #[test]
    fn lines_are_right_with_crlf_and_a_bom() {
        for text in [
            "a,b\r\n1,2\r\n3,x\r\n",
            "\u{feff}a,b\r\n1,2\r\n3,x\r\n",
            "\u{feff}a,b\n1,2\n3,x\n",
        ] {
            let t = parse_csv("d.csv", text).expect("parses");
            assert_eq!(t.rows[1].line, 3, "{text:?}");
            assert_eq!(t.rows[1].cols, vec![1, 3], "{text:?}");
        }
    }

    #[test]
    fn an_unclosed_quote_is_located_where_it_opens() {
        let e = parse_csv("d.csv", "a,b\n1,\"2\n3,4\n").expect_err("unclosed");
        assert_eq!((e[0].line, e[0].col), (2, 3));
        assert!(e[0].message.contains("never closed"), "{}", e[0].message);
        // Closed quotes, doubled quotes and quoted line breaks are fine.
        assert!(unclosed_quote("a,b\n\"x, \"\"y\"\"\",\"two\nlines\"\n").is_none());
        assert_eq!(unclosed_quote("a,b\r\n\"x\r\n"), Some((2, 1)));
    }

    #[test]
    fn empty_and_header_only_files_are_errors() {
        assert!(parse_csv("d.csv", "").is_err());
        assert!(parse_csv("d.csv", "a,b\n").is_err());
        let e = parse_csv("d.csv", "a,a\n1,2\n").expect_err("dup");
        assert!(e[0].message.contains("appears twice"));
    }
}
