//! Typing of a single CSV cell: number, approximate, censored, missing, date or text.
//! Pure functions; no I/O.

/// Why a value is absent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    /// Written as `–` (or `-`, `—`, `NA`): the source says there are no data.
    Dash,
    /// Left empty.
    Empty,
}

/// The direction of a censored value: `<0.1` is an upper bound, `>50` a lower bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    Below,
    Above,
}

/// A typed cell. Numbers keep the text and the number of decimals as written, so that a
/// table reproduces the source cell for cell (`7.0` stays `7.0`).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// A plain number such as `10284` or `12.9`.
    Number { value: f64, decimals: u8 },
    /// An approximate number, written `~15000`: drawn hollow and labelled "about".
    Approx { value: f64, decimals: u8 },
    /// A censored number such as `<0.1`: only a bound is known.
    Censored {
        bound: Bound,
        value: f64,
        decimals: u8,
    },
    /// No value.
    Missing(Missing),
    /// A calendar date or date-time in an ISO spelling (`2017-03`, `2017-03-31`,
    /// `2017-03-31T14:00`), or read with an axis's `parse` pattern; `text` as written.
    Date {
        at: super::time::Stamp,
        text: String,
    },
    /// Anything else.
    Text(String),
}

impl Cell {
    /// Types the raw text of a cell.
    pub fn parse(raw: &str) -> Cell {
        let t = raw.trim();
        match t {
            "" => return Cell::Missing(Missing::Empty),
            "–" | "-" | "—" | "NA" | "n/a" => return Cell::Missing(Missing::Dash),
            _ => {}
        }
        if let Some(rest) = t.strip_prefix('<') {
            if let Some((value, decimals)) = parse_plain(rest.trim_start()) {
                return Cell::Censored {
                    bound: Bound::Below,
                    value,
                    decimals,
                };
            }
        }
        if let Some(rest) = t.strip_prefix('>') {
            if let Some((value, decimals)) = parse_plain(rest.trim_start()) {
                return Cell::Censored {
                    bound: Bound::Above,
                    value,
                    decimals,
                };
            }
        }
        if let Some(rest) = t.strip_prefix('~').or_else(|| t.strip_prefix('≈')) {
            if let Some((value, decimals)) = parse_plain(rest.trim_start()) {
                return Cell::Approx { value, decimals };
            }
        }
        if let Some((value, decimals)) = parse_plain(t) {
            return Cell::Number { value, decimals };
        }
        match super::time::Stamp::parse_iso(t) {
            Some(at) => Cell::Date {
                at,
                text: t.to_string(),
            },
            None => Cell::Text(t.to_string()),
        }
    }

    /// Where the cell sits on an x axis: a number's value, a date's position on the year
    /// scale (see [`super::time`]); `None` otherwise.
    pub fn x_position(&self) -> Option<f64> {
        match self {
            Cell::Date { at, .. } => Some(at.position()),
            other => other.position(),
        }
    }

    /// The date of a date cell.
    pub fn stamp(&self) -> Option<&super::time::Stamp> {
        match self {
            Cell::Date { at, .. } => Some(at),
            _ => None,
        }
    }

    /// The number a chart positions this cell at (the bound for a censored value).
    pub fn position(&self) -> Option<f64> {
        match self {
            Cell::Number { value, .. }
            | Cell::Approx { value, .. }
            | Cell::Censored { value, .. } => Some(*value),
            _ => None,
        }
    }

    /// Whether the cell can stand in a numeric column.
    pub fn is_numeric_or_missing(&self) -> bool {
        !matches!(self, Cell::Text(_) | Cell::Date { .. })
    }

    /// The decimals as written, for numeric cells.
    pub fn decimals(&self) -> Option<u8> {
        match self {
            Cell::Number { decimals, .. }
            | Cell::Approx { decimals, .. }
            | Cell::Censored { decimals, .. } => Some(*decimals),
            _ => None,
        }
    }

    /// The text of a text cell (or a date cell as written), or `None`.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Cell::Text(s) | Cell::Date { text: s, .. } => Some(s),
            _ => None,
        }
    }
}

/// Parses a plain decimal number: optional minus, digits, optional fraction. No exponents,
/// no thousands separators, no `NaN`/`inf`: the CSV convention is plain numbers only.
pub fn parse_plain(t: &str) -> Option<(f64, u8)> {
    let body = t.strip_prefix('-').unwrap_or(t);
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if let Some(f) = frac {
        if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
    }
    if body.len() > 40 {
        return None;
    }
    let value: f64 = t.parse().ok()?;
    if !value.is_finite() {
        return None;
    }
    let decimals = frac.map_or(0, |f| u8::try_from(f.len()).unwrap_or(u8::MAX));
    Some((value, decimals))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_their_written_decimals() {
        assert_eq!(
            Cell::parse("10284"),
            Cell::Number {
                value: 10284.0,
                decimals: 0
            }
        );
        assert_eq!(
            Cell::parse(" 7.0 "),
            Cell::Number {
                value: 7.0,
                decimals: 1
            }
        );
        assert_eq!(
            Cell::parse("-3.25"),
            Cell::Number {
                value: -3.25,
                decimals: 2
            }
        );
    }

    #[test]
    fn censored_values_stay_censored() {
        assert_eq!(
            Cell::parse("<0.1"),
            Cell::Censored {
                bound: Bound::Below,
                value: 0.1,
                decimals: 1
            }
        );
        assert_eq!(
            Cell::parse("< 1000"),
            Cell::Censored {
                bound: Bound::Below,
                value: 1000.0,
                decimals: 0
            }
        );
        assert_eq!(
            Cell::parse(">50"),
            Cell::Censored {
                bound: Bound::Above,
                value: 50.0,
                decimals: 0
            }
        );
        assert_eq!(Cell::parse("<0.1").position(), Some(0.1));
    }

    #[test]
    fn missing_is_never_zero() {
        assert_eq!(Cell::parse("–"), Cell::Missing(Missing::Dash));
        assert_eq!(Cell::parse("-"), Cell::Missing(Missing::Dash));
        assert_eq!(Cell::parse(""), Cell::Missing(Missing::Empty));
        assert_eq!(Cell::parse("   "), Cell::Missing(Missing::Empty));
        assert_eq!(Cell::parse("–").position(), None);
    }

    #[test]
    fn approximations_are_marked() {
        assert_eq!(
            Cell::parse("~15000"),
            Cell::Approx {
                value: 15000.0,
                decimals: 0
            }
        );
    }

    #[test]
    fn everything_else_is_text() {
        for t in [
            "10,284", "1e5", "NaN", "inf", "12.9%", "1.", ".5", "abc", "<x",
        ] {
            assert!(matches!(Cell::parse(t), Cell::Text(_)), "{t}");
        }
    }
}
