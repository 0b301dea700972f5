//! JSON data files: an array of flat records (`[{"year": 2017, "country": "Japan"}, …]`, the
//! shape most APIs and the Vega datasets use) read into the same typed [`Table`] as a CSV. The
//! columns are the keys in order of first appearance; each value is typed as a CSV cell would
//! be (a string `"~15000"` is approximate, `"2017-03"` a month, `null` or a missing key is a
//! missing value). Every cell remembers its line and column, so errors point at the value.
//!
//! A small reader of its own rather than serde_json: serde_json forgets where each value was.

use super::{line_of, line_starts, Cell, Row, Table};
use crate::error::Diag;

/// Parses JSON text into a table. `path` names the file in messages.
pub fn parse_json(path: &str, text: &str) -> Result<Table, Vec<Diag>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let starts = line_starts(text);
    let mut r = Reader {
        s: text.as_bytes(),
        i: 0,
        path,
        text,
        starts: &starts,
    };
    let records = r.records().map_err(|d| vec![d])?;
    let mut headers: Vec<String> = Vec::new();
    let mut diags = Vec::new();
    for rec in &records {
        for (k, _, _) in &rec.fields {
            if !headers.contains(k) {
                headers.push(k.clone());
            }
        }
    }
    let mut rows = Vec::with_capacity(records.len());
    for rec in records {
        let mut cells = vec![Cell::Missing(super::Missing::Empty); headers.len()];
        let mut cols = vec![rec.col; headers.len()];
        let mut lines = vec![rec.line; headers.len()];
        let mut seen = vec![false; headers.len()];
        for (k, v, at) in rec.fields {
            let Some(j) = headers.iter().position(|h| *h == k) else {
                continue;
            };
            if seen[j] {
                diags.push(r.diag(at, format!("the key `{k}` appears twice in this record")).with_hint(
                    "a record holds each key once; the second would silently replace the first",
                ));
            }
            seen[j] = true;
            cells[j] = v;
            let (line, col) = r.line_col(at);
            lines[j] = line;
            cols[j] = col;
        }
        rows.push(Row {
            cells,
            line: rec.line,
            cols,
            lines,
        });
    }
    if rows.is_empty() {
        diags.push(
            Diag::error(
                path,
                "the data file holds an empty array: no records to chart",
            )
            .at(1, 1)
            .with_hint(
                "a JSON data file is an array of records: [{\"year\": 2017, \"value\": 12.9}, …]",
            ),
        );
    }
    if !diags.is_empty() {
        return Err(diags);
    }
    Ok(Table {
        path: path.to_string(),
        headers,
        rows,
        source: text.into(),
        line_starts: starts.clone().into(),
    })
}

/// One record: its fields (key, typed value, byte offset of the value) and where it starts.
struct Record {
    fields: Vec<(String, Cell, usize)>,
    line: usize,
    col: usize,
}

struct Reader<'a> {
    s: &'a [u8],
    i: usize,
    path: &'a str,
    text: &'a str,
    starts: &'a [usize],
}

const SHAPE: &str =
    "a JSON data file is an array of records: [{\"year\": 2017, \"value\": 12.9}, …]";

impl Reader<'_> {
    /// Line and 1-based character column of byte offset `at`.
    fn line_col(&self, at: usize) -> (usize, usize) {
        let line = line_of(self.starts, at);
        let start = self
            .starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(0);
        let col = self
            .text
            .get(start..at.min(self.text.len()))
            .map_or(1, |t| t.chars().count() + 1);
        (line, col)
    }

    fn diag(&self, at: usize, msg: impl Into<String>) -> Diag {
        let (line, col) = self.line_col(at);
        let snippet = super::nth_line(self.text, self.starts, line);
        Diag::error(self.path, msg)
            .at(line, col)
            .with_snippet(snippet)
    }

    fn ws(&mut self) {
        while self.s.get(self.i).is_some_and(u8::is_ascii_whitespace) {
            self.i += 1;
        }
    }

    fn peek(&mut self) -> Option<u8> {
        self.ws();
        self.s.get(self.i).copied()
    }

    /// Expects byte `b` next (after white space).
    fn expect(&mut self, b: u8, what: &str) -> Result<(), Diag> {
        match self.peek() {
            Some(c) if c == b => {
                self.i += 1;
                Ok(())
            }
            Some(_) => Err(self.diag(
                self.i,
                format!("the JSON is not valid here: expected {what}"),
            )),
            None => Err(self
                .diag(self.i, format!("the JSON ends too soon: expected {what}"))
                .with_hint("the file may have been cut short")),
        }
    }

    fn records(&mut self) -> Result<Vec<Record>, Diag> {
        match self.peek() {
            Some(b'[') => self.i += 1,
            Some(b'{') => {
                return Err(self
                    .diag(self.i, "the data file is one JSON object, not an array of records")
                    .with_hint(format!("{SHAPE}; if the records are inside a key of this object, save that array as the file")))
            }
            None => {
                return Err(Diag::error(self.path, "the data file is empty")
                    .with_hint(SHAPE))
            }
            Some(_) => {
                return Err(self
                    .diag(self.i, "the data file does not start a JSON array of records")
                    .with_hint(SHAPE))
            }
        }
        let mut out = Vec::new();
        if self.peek() == Some(b']') {
            self.i += 1;
            return self.end(out);
        }
        loop {
            if self.peek() != Some(b'{') {
                let at = self.i;
                return Err(self
                    .diag(at, "each element of the array must be a record ({ … })")
                    .with_hint(SHAPE));
            }
            out.push(self.record()?);
            match self.peek() {
                Some(b',') => self.i += 1,
                Some(b']') => {
                    self.i += 1;
                    return self.end(out);
                }
                _ => {
                    self.expect(b']', "`,` or `]` after a record")?;
                }
            }
        }
    }

    /// Nothing but white space may follow the array.
    fn end(&mut self, out: Vec<Record>) -> Result<Vec<Record>, Diag> {
        match self.peek() {
            None => Ok(out),
            Some(_) => Err(self
                .diag(self.i, "there is more after the array of records")
                .with_hint("a JSON data file holds one array")),
        }
    }

    fn record(&mut self) -> Result<Record, Diag> {
        let (line, col) = self.line_col(self.i);
        self.expect(b'{', "`{`")?;
        let mut fields = Vec::new();
        if self.peek() == Some(b'}') {
            self.i += 1;
            return Ok(Record { fields, line, col });
        }
        loop {
            if self.peek() != Some(b'"') {
                return Err(self.diag(
                    self.i,
                    "the JSON is not valid here: expected a key in double quotes",
                ));
            }
            let key = self.string()?;
            self.expect(b':', "`:` after the key")?;
            self.ws();
            let at = self.i;
            let value = self.value(&key)?;
            fields.push((key, value, at));
            match self.peek() {
                Some(b',') => self.i += 1,
                Some(b'}') => {
                    self.i += 1;
                    return Ok(Record { fields, line, col });
                }
                _ => self.expect(b'}', "`,` or `}` after a value")?,
            }
        }
    }

    /// A value of a record, typed as a CSV cell.
    fn value(&mut self, key: &str) -> Result<Cell, Diag> {
        let at = self.i;
        match self.s.get(self.i) {
            Some(b'"') => Ok(Cell::parse(&self.string()?)),
            Some(b'{' | b'[') => Err(self
                .diag(at, format!("the value of `{key}` is a nested {}: a record's values are strings, numbers, true, false or null", if self.s[at] == b'{' { "object" } else { "array" }))
                .with_hint("flatten the records, one key per column, before charting them")),
            Some(b't') if self.s[self.i..].starts_with(b"true") => {
                self.i += 4;
                Ok(Cell::Text("true".into()))
            }
            Some(b'f') if self.s[self.i..].starts_with(b"false") => {
                self.i += 5;
                Ok(Cell::Text("false".into()))
            }
            Some(b'n') if self.s[self.i..].starts_with(b"null") => {
                self.i += 4;
                Ok(Cell::Missing(super::Missing::Empty))
            }
            Some(b'-' | b'0'..=b'9') => {
                let start = self.i;
                while self
                    .s
                    .get(self.i)
                    .is_some_and(|c| c.is_ascii_digit() || matches!(c, b'-' | b'+' | b'.' | b'e' | b'E'))
                {
                    self.i += 1;
                }
                let lit = std::str::from_utf8(&self.s[start..self.i]).unwrap_or("");
                match lit.parse::<f64>() {
                    Ok(v) if v.is_finite() => Ok(match Cell::parse(lit) {
                        c @ Cell::Number { .. } => c,
                        // 1e3 and the like: a number all the same.
                        _ => Cell::Number {
                            value: v,
                            decimals: super::parts_decimals(v),
                        },
                    }),
                    _ => Err(self.diag(start, format!("`{lit}` is not a number"))),
                }
            }
            _ => Err(self.diag(at, "the JSON is not valid here: expected a value")),
        }
    }

    /// A string literal, unescaped; the reader stands on its opening quote.
    fn string(&mut self) -> Result<String, Diag> {
        let start = self.i;
        self.i += 1;
        let mut out = String::new();
        loop {
            let Some(&c) = self.s.get(self.i) else {
                return Err(self
                    .diag(start, "this string is never closed")
                    .with_hint("close it with a double quote"));
            };
            match c {
                b'"' => {
                    self.i += 1;
                    return Ok(out);
                }
                b'\\' => {
                    let e = self.s.get(self.i + 1).copied();
                    self.i += 2;
                    match e {
                        Some(b'n') => out.push('\n'),
                        Some(b't') => out.push('\t'),
                        Some(b'r') => out.push('\r'),
                        Some(b'b') => out.push('\u{8}'),
                        Some(b'f') => out.push('\u{c}'),
                        Some(b'u') => {
                            let hex = |r: &Self, at: usize| {
                                r.s.get(at..at + 4)
                                    .and_then(|h| std::str::from_utf8(h).ok())
                                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                            };
                            let Some(hi) = hex(self, self.i) else {
                                return Err(
                                    self.diag(self.i - 2, "a \\u escape needs four hex digits")
                                );
                            };
                            self.i += 4;
                            let code = if (0xD800..0xDC00).contains(&hi)
                                && self.s.get(self.i..self.i + 2) == Some(b"\\u")
                            {
                                match hex(self, self.i + 2) {
                                    Some(lo) if (0xDC00..0xE000).contains(&lo) => {
                                        self.i += 6;
                                        0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                                    }
                                    _ => hi,
                                }
                            } else {
                                hi
                            };
                            out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
                        }
                        Some(c @ (b'"' | b'\\' | b'/')) => out.push(char::from(c)),
                        _ => return Err(self.diag(self.i - 2, "an unknown escape in a string")),
                    }
                }
                _ => {
                    // Copy one UTF-8 character whole.
                    let rest = &self.text[self.i..];
                    let ch = rest.chars().next().unwrap_or('\u{FFFD}');
                    out.push(ch);
                    self.i += ch.len_utf8().max(1);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_become_typed_columns_in_order_of_first_appearance() {
        let t = parse_json(
            "d.json",
            "[\n {\"year\": 2017, \"name\": \"Japan\", \"v\": 12.5},\n {\"name\": \"Korea\", \"year\": 2018, \"v\": null, \"note\": \"~15000\"}\n]",
        )
        .unwrap();
        assert_eq!(t.headers, vec!["year", "name", "v", "note"]);
        assert_eq!(t.rows.len(), 2);
        assert!(matches!(t.rows[0].cells[0], Cell::Number { value, .. } if value == 2017.0));
        assert!(matches!(&t.rows[0].cells[1], Cell::Text(s) if s == "Japan"));
        assert!(matches!(
            t.rows[0].cells[2],
            Cell::Number { decimals: 1, .. }
        ));
        assert!(matches!(t.rows[0].cells[3], Cell::Missing(_)));
        assert!(matches!(t.rows[1].cells[2], Cell::Missing(_)));
        assert!(matches!(t.rows[1].cells[3], Cell::Approx { .. }));
        // Each cell knows its line and column: "Korea" is on line 3, column 11.
        assert_eq!((t.rows[1].lines[1], t.rows[1].cols[1]), (3, 11));
    }

    #[test]
    fn dates_escapes_and_exponents() {
        let t = parse_json(
            "d.json",
            r#"[{"d": "2017-03-31", "s": "caf\u00e9 \"x\"", "n": 1e3}]"#,
        )
        .unwrap();
        assert!(matches!(t.rows[0].cells[0], Cell::Date { .. }));
        assert!(matches!(&t.rows[0].cells[1], Cell::Text(s) if s == "café \"x\""));
        assert!(matches!(t.rows[0].cells[2], Cell::Number { value, .. } if value == 1000.0));
    }

    proptest::proptest! {
        /// Any text, cut anywhere or garbled, gives a table or located errors, never a panic.
        #[test]
        fn any_text_reads_without_panicking(text in "[\\[\\]{}\":,0-9a-z\\\\ .eE+-u\n\u{e9}\u{3042}]{0,80}") {
            let _ = parse_json("d.json", &text);
        }
    }

    #[test]
    fn bad_shapes_are_located() {
        let e = |s: &str| parse_json("d.json", s).unwrap_err()[0].message.clone();
        assert!(e("{\"data\": []}").contains("one JSON object"));
        assert!(e("[{\"a\": {\"b\": 1}}]").contains("nested object"));
        assert!(e("[{\"a\": 1}, 3]").contains("must be a record"));
        assert!(e("[{\"a\": 1}").contains("ends too soon"));
        assert!(e("[{\"a\": 1, \"a\": 2}]").contains("appears twice"));
        assert!(e("[]").contains("empty array"));
        assert!(e("[{\"a\": \"x}]").contains("never closed"));
        let d = &parse_json("d.json", "[\n  {\"a\": 1},\n  {\"a\": [1]}\n]").unwrap_err()[0];
        assert_eq!((d.line, d.col), (3, 9));
    }
}
