//! Diagnostics: a user-facing problem with the file, line and column it concerns, what was
//! wrong, and a hint. The library collects them; `main` prints them and picks the exit code.

use std::fmt;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// One problem, located in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diag {
    pub severity: Severity,
    /// The file, as the user would type it (relative to the working directory where possible).
    pub file: String,
    /// 1-based line and column; 0 when the problem concerns the whole file.
    pub line: usize,
    pub col: usize,
    /// The chart the problem belongs to, if any.
    pub chart: Option<String>,
    pub message: String,
    pub hint: Option<String>,
    /// The offending source line, shown under the message with carets.
    pub snippet: Option<String>,
    /// How many characters from `col` the carets underline (at least one).
    pub width: usize,
}

impl Diag {
    /// An error in `file` at no particular position.
    pub fn error(file: impl Into<String>, message: impl Into<String>) -> Self {
        Diag {
            severity: Severity::Error,
            file: file.into(),
            line: 0,
            col: 0,
            chart: None,
            message: message.into(),
            hint: None,
            snippet: None,
            width: 1,
        }
    }

    /// Sets the position from a byte offset into `source`, and keeps the line as a snippet.
    pub fn at_offset(mut self, source: &str, offset: usize) -> Self {
        let (line, col, text) = line_col(source, offset);
        self.line = line;
        self.col = col;
        self.snippet = Some(text);
        self
    }

    /// Sets the position from the byte range `start..end` of `source`: the carets underline
    /// the range (up to the end of its first line).
    pub fn at_span(self, source: &str, start: usize, end: usize) -> Self {
        let mut d = self.at_offset(source, start);
        let end = end.clamp(start, source.len());
        let text = source.get(start..end).unwrap_or("");
        let first_line = text.split('\n').next().unwrap_or("");
        d.width = first_line.trim_end_matches('\r').chars().count().max(1);
        d
    }

    /// Underlines `n` characters from the column.
    pub fn with_width(mut self, n: usize) -> Self {
        self.width = n.max(1);
        self
    }

    /// Sets an explicit position.
    pub fn at(mut self, line: usize, col: usize) -> Self {
        self.line = line;
        self.col = col;
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn in_chart(mut self, id: &str) -> Self {
        if !id.is_empty() {
            self.chart = Some(id.to_string());
        }
        self
    }

    pub fn with_snippet(mut self, line_text: impl Into<String>) -> Self {
        self.snippet = Some(line_text.into());
        self
    }

    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }
}

/// A message of at most about 1,000 characters: a huge cell quoted in full would bury the
/// terminal, so its middle is cut.
fn shorten(text: &str) -> String {
    const MAX: usize = 1000;
    let n = text.chars().count();
    if n <= MAX {
        return text.to_string();
    }
    let head: String = text.chars().take(MAX - 200).collect();
    let tail: String = text.chars().skip(n - 199).collect();
    format!("{head}…{tail}")
}

/// At most about 160 characters of a long source line around column `col`, with "…" where
/// it was cut, and the column of the same spot in the window.
fn window(line: &str, col: usize) -> (String, usize) {
    const BEFORE: usize = 60;
    const WIDTH: usize = 160;
    let n = line.chars().count();
    if n <= WIDTH {
        return (line.to_string(), col);
    }
    let start = col.saturating_sub(1).saturating_sub(BEFORE);
    let body: String = line.chars().skip(start).take(WIDTH).collect();
    let head = if start > 0 { "…" } else { "" };
    let tail = if start + WIDTH < n { "…" } else { "" };
    (
        format!("{head}{body}{tail}"),
        col - start + head.chars().count(),
    )
}

/// 1-based line and column (in characters) of a byte offset, and the text of that line.
pub fn line_col(source: &str, offset: usize) -> (usize, usize, String) {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = source[line_start..offset].chars().count() + 1;
    let line_end = source[offset..]
        .find('\n')
        .map_or(source.len(), |i| offset + i);
    let text = source[line_start..line_end]
        .trim_end_matches('\r')
        .to_string();
    (line, col, text)
}

impl Diag {
    /// The diagnostic as text, like a compiler's; with ANSI colours when `color` is set (on a
    /// terminal, unless NO_COLOR is set), plain otherwise.
    pub fn render(&self, color: bool) -> String {
        // Whatever the inputs hold, no control character reaches the terminal; a snippet
        // keeps its columns (one replacement character each) and is cut to a window.
        let clean = crate::spec::hygiene::visible;
        let (snippet, col) = match &self.snippet {
            Some(s) => {
                let (s, col) = window(s, self.col);
                let s: String = s
                    .chars()
                    .map(|c| {
                        if c == '\r' || crate::spec::hygiene::refused(c).is_some() {
                            '\u{FFFD}'
                        } else {
                            c
                        }
                    })
                    .collect();
                (Some(s), col)
            }
            None => (None, self.col),
        };
        let message = shorten(&clean(&self.message));
        let file = clean(&self.file);
        let chart = self.chart.as_deref().map(clean);
        let hint = self.hint.as_deref().map(|h| shorten(&clean(h)));
        let paint = |code: &str, text: &str| {
            if color {
                format!("\x1b[{code}m{text}\x1b[0m")
            } else {
                text.to_string()
            }
        };
        let (level, tone) = match self.severity {
            Severity::Error => ("error", "1;31"),
            Severity::Warning => ("warning", "1;33"),
        };
        let caret_tone = if self.severity == Severity::Error {
            "1;31"
        } else {
            "1;33"
        };
        let mut out = format!(
            "{}{}",
            paint(tone, level),
            paint("1", &format!(": {message}"))
        );
        if let Some(chart) = &chart {
            out.push_str(&format!(" (chart `{chart}`)"));
        }
        out.push('\n');
        let arrow = paint("1;34", "-->");
        if self.line > 0 {
            out.push_str(&format!("  {arrow} {file}:{}:{}\n", self.line, self.col));
        } else {
            out.push_str(&format!("  {arrow} {file}\n"));
        }
        if let (Some(snippet), true) = (&snippet, self.line > 0) {
            let gutter = self.line.to_string();
            let pad = " ".repeat(gutter.len());
            let bar = paint("1;34", "|");
            out.push_str(&format!("{pad} {bar}\n"));
            out.push_str(&format!("{} {bar} {snippet}\n", paint("1;34", &gutter)));
            let caret_pad: String = snippet
                .chars()
                .take(col.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            let room = snippet
                .chars()
                .count()
                .saturating_sub(col.saturating_sub(1));
            let carets = "^".repeat(self.width.min(room).max(1));
            out.push_str(&format!(
                "{pad} {bar} {caret_pad}{}\n",
                paint(caret_tone, &carets)
            ));
        }
        if let Some(hint) = &hint {
            out.push_str(&format!("  = {}: {hint}\n", paint("1;36", "hint")));
        }
        out
    }
}

impl fmt::Display for Diag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let d = edit_distance(&word.to_lowercase(), &c.to_lowercase());
        let limit = (c.chars().count().max(word.chars().count()) / 3).max(1);
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// Optimal string alignment distance: insertions, deletions, substitutions and swaps of
/// two neighbouring characters each cost one.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    if let Some(first) = d.first_mut() {
        for (j, v) in first.iter_mut().enumerate() {
            *v = j;
        }
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_from_offset() {
        let src = "a = 1\nkind = \"barr\"\n";
        let (l, c, t) = line_col(src, 13);
        assert_eq!((l, c, t.as_str()), (2, 8, "kind = \"barr\""));
        assert_eq!(line_col(src, 0).0, 1);
        assert_eq!(line_col(src, 999).0, 3);
    }

    #[test]
    fn suggests_close_names_only() {
        let kinds = [
            "bar",
            "grouped_bar",
            "stacked_bar",
            "line",
            "range",
            "table",
            "text",
        ];
        assert_eq!(did_you_mean("groupedbar", kinds), Some("grouped_bar"));
        assert_eq!(did_you_mean("lines", kinds), Some("line"));
        assert_eq!(did_you_mean("pie", kinds), None);
        assert_eq!(
            did_you_mean("titel", ["id", "title", "subtitle"]),
            Some("title")
        );
    }

    #[test]
    fn renders_caret_under_the_column() {
        let d = Diag::error("charts.toml", "unknown chart kind `barr`")
            .at_offset("id = 1\nkind = \"barr\"\n", 14)
            .with_hint("did you mean `bar`?");
        let s = d.to_string();
        assert!(s.contains("--> charts.toml:2:8"), "{s}");
        assert!(s.contains("2 | kind = \"barr\"\n  |        ^"), "{s}");
        assert!(s.contains("hint: did you mean `bar`?"), "{s}");
    }

    #[test]
    fn spans_are_underlined_and_colour_is_only_on_request() {
        let src = "id = 1\nkind = \"barr\"\n";
        let d = Diag::error("charts.toml", "unknown chart kind `barr`").at_span(src, 14, 20);
        let plain = d.render(false);
        assert!(plain.contains("  |        ^^^^^^\n"), "{plain}");
        assert!(!plain.contains('\x1b'));
        let color = d.render(true);
        assert!(color.starts_with("\x1b[1;31merror\x1b[0m"), "{color:?}");
        assert!(color.contains("\x1b[1;31m^^^^^^\x1b[0m"), "{color:?}");
        // A span running past its line is cut at the line's end.
        let d = Diag::error("f", "m").at_span("ab\ncd", 1, 5);
        assert!(
            d.render(false).contains("1 | ab\n  |  ^\n"),
            "{}",
            d.render(false)
        );
    }
}
