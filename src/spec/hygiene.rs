//! Characters no output can carry: C0 and C1 controls (but tab, line feed and carriage
//! return), DEL, bidirectional controls, line and paragraph separators and noncharacters.
//! XML refuses the controls, a terminal runs them as commands, and a bidi override turns
//! `10,284` into `482,01` on the page. Every input file is scanned for them before it is
//! read for meaning, as written and, in TOML files, as escaped (`"\u202E"`), and each is
//! reported at its file, line and column with its code point.

use crate::error::Diag;

/// What `c` is, when it is a character chartbook refuses in any input.
pub fn refused(c: char) -> Option<&'static str> {
    match u32::from(c) {
        0x09 | 0x0A | 0x0D => None,
        0x00..=0x1F | 0x7F..=0x9F => Some("a control character"),
        0x061C | 0x200E | 0x200F | 0x202A..=0x202E | 0x2066..=0x2069 => {
            Some("a bidirectional control, which would reorder the text around it")
        }
        0x2028 | 0x2029 => Some("a line or paragraph separator"),
        0xFDD0..=0xFDEF | 0xFFFE | 0xFFFF => Some("a noncharacter"),
        n if n & 0xFFFE == 0xFFFE => Some("a noncharacter"),
        _ => None,
    }
}

/// `U+202E`.
fn code(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

/// One refused character found: byte offset in the file, the character, and whether it was
/// written as a TOML escape.
struct Found {
    offset: usize,
    c: char,
    escaped: bool,
}

/// The refused characters of `text` written as they are.
fn raw(text: &str) -> Vec<Found> {
    let lone_cr = |offset: usize| text.as_bytes().get(offset + 1) != Some(&b'\n');
    text.char_indices()
        .filter(|&(offset, c)| refused(c).is_some() || (c == '\r' && lone_cr(offset)))
        .map(|(offset, c)| Found {
            offset,
            c,
            escaped: false,
        })
        .collect()
}

/// The refused characters that TOML escapes in basic strings stand for (`\u0007`,
/// `\U0000202E`, `\b`, `\f`, `\e`, `\x1B`), found by a small lexer that knows comments,
/// basic, literal and multi-line strings; literal strings take backslashes as they are.
fn escapes(text: &str) -> Vec<Found> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'#' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'\'' => {
                let close: &[u8] = if b[i..].starts_with(b"'''") {
                    b"'''"
                } else {
                    b"'"
                };
                i += close.len();
                while i < b.len() && !b[i..].starts_with(close) {
                    i += 1;
                }
                i = past_closer(b, i, close);
            }
            b'"' => {
                let close: &[u8] = if b[i..].starts_with(b"\"\"\"") {
                    b"\"\"\""
                } else {
                    b"\""
                };
                i += close.len();
                while i < b.len() && !b[i..].starts_with(close) {
                    if b[i] == b'\\' && i + 1 < b.len() {
                        let at = i;
                        let (c, len) = match b[i + 1] {
                            b'b' => (Some('\u{8}'), 2),
                            b'f' => (Some('\u{c}'), 2),
                            b'e' => (Some('\u{1b}'), 2),
                            b'r' => (Some('\r'), 2),
                            b'x' => (hex(text, i + 2, 2), 4),
                            b'u' => (hex(text, i + 2, 4), 6),
                            b'U' => (hex(text, i + 2, 8), 10),
                            _ => (None, 2),
                        };
                        if let Some(c) = c.filter(|c| *c == '\r' || refused(*c).is_some()) {
                            out.push(Found {
                                offset: at,
                                c,
                                escaped: true,
                            });
                        }
                        i += len;
                        continue;
                    }
                    i += 1;
                }
                i = past_closer(b, i, close);
            }
            _ => i += 1,
        }
    }
    out
}

/// The position after the closing delimiter `close` found at byte `i`: a multi-line string
/// may end with up to two more quotes (`"""a""""` holds `a"`), which belong to its content.
fn past_closer(b: &[u8], i: usize, close: &[u8]) -> usize {
    let mut i = i + close.len();
    if close.len() == 3 {
        for _ in 0..2 {
            if b.get(i) == Some(&close[0]) {
                i += 1;
            }
        }
    }
    i
}

/// The character that `n` hex digits at byte `at` of `text` name.
fn hex(text: &str, at: usize, n: usize) -> Option<char> {
    let digits = text.get(at..at + n)?;
    char::from_u32(u32::from_str_radix(digits, 16).ok()?)
}

/// Builds the diagnostic of a file's refused characters: the first located, the rest
/// counted (many identical errors are one error with a count).
fn report(file: &str, text: &str, mut found: Vec<Found>) -> Option<Diag> {
    found.sort_by_key(|f| f.offset);
    let first = found.first()?;
    let (what, written) = (
        refused(first.c).unwrap_or(
            "a carriage return inside a line, which lets text overwrite text on a terminal",
        ),
        if first.escaped {
            " (written as an escape)"
        } else {
            ""
        },
    );
    let mut msg = format!(
        "{}{written} is {what}: no figure, page or terminal can show it",
        code(first.c)
    );
    if found.len() > 1 {
        let mut lines: Vec<usize> = found[1..]
            .iter()
            .map(|f| crate::error::line_col(text, f.offset).0)
            .collect();
        lines.dedup();
        let shown: Vec<String> = lines.iter().take(8).map(usize::to_string).collect();
        let more = if lines.len() > 8 { ", …" } else { "" };
        msg.push_str(&format!(
            "; {} more such character(s) in this file (line {}{more})",
            found.len() - 1,
            shown.join(", ")
        ));
    }
    let width = if first.escaped {
        text[first.offset..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '\\')
            .count()
            .max(2)
    } else {
        1
    };
    Some(
        Diag::error(file, msg)
            .at_offset(text, first.offset)
            .with_width(width)
            .with_hint("delete it; an invisible character pasted with the text is the usual cause"),
    )
}

/// Scans a TOML file (the spec, a translation, the sources), as written and as escaped.
pub fn scan_toml(file: &str, text: &str) -> Option<Diag> {
    let mut found = raw(text);
    found.extend(escapes(text));
    report(file, text, found).or_else(|| parsed(file, text))
}

/// The second line of defence: every key and string of the parsed file, in case the lexer
/// above missed a spelling of TOML. Located at the file, with the key's path.
fn parsed(file: &str, text: &str) -> Option<Diag> {
    fn walk(v: &toml::Value, path: &str) -> Option<(String, char)> {
        let bad = |s: &str| s.chars().find(|c| *c == '\r' || refused(*c).is_some());
        match v {
            toml::Value::String(s) => bad(s).map(|c| (path.to_string(), c)),
            toml::Value::Array(a) => a
                .iter()
                .enumerate()
                .find_map(|(i, v)| walk(v, &format!("{path}[{i}]"))),
            toml::Value::Table(t) => t.iter().find_map(|(k, v)| {
                let here = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                bad(k).map(|c| (here.clone(), c)).or_else(|| walk(v, &here))
            }),
            _ => None,
        }
    }
    let table: toml::Table = toml::from_str(text).ok()?;
    let (path, c) = walk(&toml::Value::Table(table), "")?;
    let what = refused(c).unwrap_or("a carriage return inside a line");
    Some(
        Diag::error(
            file,
            format!(
                "{} in `{}` is {what}: no figure, page or terminal can show it",
                code(c),
                path.escape_debug()
            ),
        )
        .with_hint("delete it; an invisible character pasted with the text is the usual cause"),
    )
}

/// Scans a data file (CSV has no escapes).
pub fn scan_data(file: &str, text: &str) -> Option<Diag> {
    report(file, text, raw(text))
}

/// `text` with every refused character shown as its code point (`<U+1B>`), for writing
/// into messages and Markdown that a terminal or a browser reads.
pub fn visible(text: &str) -> String {
    let hidden = |c: char| c == '\r' || refused(c).is_some();
    if !text.chars().any(hidden) {
        return text.to_string();
    }
    text.chars()
        .map(|c| {
            if hidden(c) {
                format!("<{}>", code(c))
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// `text` as one line of Markdown that shows it as written and cannot start markup: line
/// breaks become spaces (no `# heading` or list after a newline), refused characters are
/// shown as code points, and what Markdown or HTML would interpret (`<script>`, `[x](…)`,
/// `*`, `` ` ``, `&amp;`, a leading `-`, `+`, `#` or `1.`) is escaped with a backslash.
pub fn md(text: &str) -> String {
    let text = visible(text);
    let chars: Vec<char> = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .collect();
    let mut out = String::with_capacity(text.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        let escape = match c {
            '\\' | '`' | '*' | '[' | ']' | '<' | '>' | '&' | '~' => true,
            // An underscore inside a word is not emphasis.
            '_' => {
                !(prev.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric))
            }
            // A line that starts with these would be a list, a rule or a heading underline.
            '-' | '+' | '=' | '#' => i == 0,
            // "1. …" or "1) …" at the start would be an ordered list.
            '.' | ')' => {
                i > 0
                    && chars[..i].iter().all(char::is_ascii_digit)
                    && next.is_none_or(char::is_whitespace)
            }
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_bidi_and_noncharacters_are_refused_and_text_is_not() {
        for c in [
            '\0',
            '\u{7}',
            '\u{1b}',
            '\u{7f}',
            '\u{85}',
            '\u{9f}',
            '\u{202e}',
            '\u{2066}',
            '\u{200f}',
            '\u{2028}',
            '\u{fffe}',
            '\u{1fffe}',
        ] {
            assert!(refused(c).is_some(), "{c:?}");
        }
        for c in [
            '\t', '\n', '\r', ' ', 'a', 'é', '…', '–', '覚', '\u{a0}', '\u{200b}', '\u{feff}',
        ] {
            assert!(refused(c).is_none(), "{c:?}");
        }
    }

    #[test]
    fn a_raw_character_is_located_with_its_code_point() {
        let d = scan_data("d.csv", "a,b\n1,x\u{1b}[31m\n").expect("found");
        assert_eq!((d.line, d.col), (2, 4));
        assert!(
            d.message.starts_with("U+001B is a control character"),
            "{}",
            d.message
        );
    }

    #[test]
    fn escapes_in_basic_strings_are_found_and_literal_strings_and_comments_are_not() {
        let text = "a = 'C:\\build\\u202E' # \\u202E\nb = \"x\\u202Ey\"\nc = \"\"\"\n\\U0000001b\"\"\"\nd = \"\\\\u202E\"\n";
        let d = scan_toml("t.toml", text).expect("found");
        assert_eq!((d.line, d.col), (2, 7), "{}", d.message);
        assert!(d
            .message
            .starts_with("U+202E (written as an escape) is a bidirectional control"));
        assert!(
            d.message
                .contains("1 more such character(s) in this file (line 4)"),
            "{}",
            d.message
        );
        assert!(scan_toml("t.toml", "a = 'x\\b'\nb = \"\\\\b \\t\\n\"\n").is_none());
        assert!(scan_toml("t.toml", "prefix = \"\\b\"").is_some());
    }

    #[test]
    fn visible_shows_code_points() {
        assert_eq!(visible("a\u{1b}b"), "a<U+001B>b");
        assert_eq!(visible("plain"), "plain");
    }

    #[test]
    fn markdown_cannot_start_markup() {
        assert_eq!(
            md("<script>alert(1)</script>"),
            "\\<script\\>alert(1)\\</script\\>"
        );
        assert_eq!(
            md("[x](javascript:alert(1))"),
            "\\[x\\](javascript:alert(1))"
        );
        assert_eq!(md("a\n# heading\n- item"), "a # heading - item");
        assert_eq!(md("- item"), "\\- item");
        assert_eq!(md("1. first"), "1\\. first");
        assert_eq!(md("12.9% of 1,000 | 27.7"), "12.9% of 1,000 | 27.7");
        assert_eq!(md("data/meth_arrests.csv:19"), "data/meth_arrests.csv:19");
        assert_eq!(
            md("_emphasis_ and **bold**"),
            "\\_emphasis\\_ and \\*\\*bold\\*\\*"
        );
        assert_eq!(md("a\u{0}b\u{1b}[31m"), "a\\<U+0000\\>b\\<U+001B\\>\\[31m");
        assert_eq!(md("# not a heading"), "\\# not a heading");
        assert_eq!(md("AT&T"), "AT\\&T");
    }

    #[test]
    fn multi_line_strings_may_end_in_extra_quotes_without_derailing_the_scan() {
        let text =
            "a = \"\"\"Arrests\"\"\"\"\nb = \"\\u202E\"\nc = '''x''''\n# '\nd = \"\\u0007\"\n";
        let d = scan_toml("t.toml", text).expect("found");
        assert_eq!((d.line, d.col), (2, 6), "{}", d.message);
        assert!(
            d.message
                .contains("1 more such character(s) in this file (line 5)"),
            "{}",
            d.message
        );
    }

    #[test]
    fn a_lone_carriage_return_is_refused_and_a_line_end_is_not() {
        assert!(scan_data("d.csv", "a,b\r\n1,2\r\n").is_none());
        let d = scan_data("d.csv", "a,b\n1,x\ry\n").expect("found");
        assert_eq!((d.line, d.col), (2, 4));
        assert!(scan_toml("t.toml", "a = \"x\\ry\"").is_some());
    }

    #[test]
    fn what_the_lexer_misses_the_parsed_values_catch() {
        // Every spelling the lexer knows is found there; the parsed walk is the backstop.
        assert!(parsed("t.toml", "[a]\nb = [\"x\\u202Ey\"]\n")
            .is_some_and(|d| d.message.contains("`a.b[0]`")));
        assert!(parsed("t.toml", "a = \"plain\"\n").is_none());
    }
}
