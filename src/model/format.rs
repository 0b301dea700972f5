//! Number formats: thousands separators, percent, fixed decimals, prefixes and suffixes, and
//! the wording of censored, approximate and missing values. Pure functions.

use crate::data::{Bound, Cell, Missing};

/// The base style of a number format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NumStyle {
    /// `10,284` (the default).
    #[default]
    Thousands,
    /// `10284`: years and identifiers.
    Plain,
    /// `12.9%`.
    Percent,
}

/// How numbers of one axis or column are written.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NumFormat {
    pub style: NumStyle,
    /// Fixed decimals; `None` keeps the decimals as written in the data (or the tick step's).
    pub decimals: Option<u8>,
    pub prefix: String,
    pub suffix: String,
    /// The language of its words ("about", "no data").
    pub lang: crate::i18n::Lang,
}

impl NumFormat {
    /// A format of the given style with no prefix or suffix.
    pub fn of(style: NumStyle) -> Self {
        NumFormat {
            style,
            ..Default::default()
        }
    }

    /// Formats `v` with `decimals` unless the format fixes its own.
    pub fn number(&self, v: f64, decimals: u8) -> String {
        let d = self.decimals.unwrap_or(decimals).min(10);
        let body = group(v.abs(), d, self.style != NumStyle::Plain);
        let sign = if v < 0.0 && body.chars().any(|c| c.is_ascii_digit() && c != '0') {
            "\u{2212}"
        } else {
            ""
        };
        let pct = if self.style == NumStyle::Percent {
            "%"
        } else {
            ""
        };
        format!("{sign}{}{body}{pct}{}", self.prefix, self.suffix)
    }

    /// Formats a cell as a label: `<0.1%`, `about 15,000`, `no data`; `None` for text cells.
    pub fn cell(&self, cell: &Cell) -> Option<String> {
        Some(match cell {
            Cell::Number { value, decimals } => self.number(*value, *decimals),
            Cell::Approx { value, decimals } => format!(
                "{}{}",
                self.lang.words().about,
                self.number(*value, *decimals)
            ),
            Cell::Censored {
                bound,
                value,
                decimals,
            } => {
                let op = match bound {
                    Bound::Below => "<",
                    Bound::Above => ">",
                };
                format!("{op}{}", self.number(*value, *decimals))
            }
            Cell::Missing(_) => self.lang.words().no_data.to_string(),
            Cell::Date { at, .. } => at.label(self.lang),
            Cell::Text(_) => return None,
        })
    }

    /// Formats a cell in words, for a screen reader: `<0.1` is "less than 0.1%", `~15000`
    /// "about 15,000", a missing value "no data"; `None` for text.
    pub fn spoken(&self, cell: &Cell) -> Option<String> {
        match cell {
            Cell::Censored {
                bound,
                value,
                decimals,
            } => {
                let n = self.number(*value, *decimals);
                Some(self.lang.words().bound(*bound == Bound::Below, &n))
            }
            _ => self.cell(cell),
        }
    }

    /// Formats a cell as a table shows it: as the source wrote it (`–` stays `–`, an empty
    /// cell stays empty, `<0.1` becomes `<0.1%` in a percent column); text verbatim.
    pub fn table_cell(&self, cell: &Cell) -> String {
        match cell {
            Cell::Missing(Missing::Dash) => "–".to_string(),
            Cell::Missing(Missing::Empty) => String::new(),
            Cell::Approx { value, decimals } => format!("~{}", self.number(*value, *decimals)),
            Cell::Text(t) | Cell::Date { text: t, .. } => t.clone(),
            other => self.cell(other).unwrap_or_default(),
        }
    }
}

/// `v` (non-negative) with `d` decimals and, if asked, a comma every three digits.
fn group(v: f64, d: u8, thousands: bool) -> String {
    let s = format!("{:.*}", usize::from(d), v);
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (s, None),
    };
    let int = if thousands && int.len() > 3 {
        let mut out = String::new();
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        out
    } else {
        int
    };
    match frac {
        Some(f) => format!("{int}.{f}"),
        None => int,
    }
}

/// The number of decimals needed to write `step` exactly (up to 6).
pub fn decimals_for_step(step: f64) -> u8 {
    let mut d = 0u8;
    let mut s = step.abs();
    if s == 0.0 || !s.is_finite() {
        return 0;
    }
    while d < 6 && (s - s.round()).abs() > 1e-9 * s.max(1.0) {
        s *= 10.0;
        d += 1;
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_separators() {
        let f = NumFormat::default();
        assert_eq!(f.number(10284.0, 0), "10,284");
        assert_eq!(f.number(1332000.0, 0), "1,332,000");
        assert_eq!(f.number(651.0, 0), "651");
        assert_eq!(f.number(1000.0, 0), "1,000");
        assert_eq!(f.number(-1500.0, 0), "\u{2212}1,500");
        assert_eq!(f.number(-0.0, 0), "0");
    }

    #[test]
    fn plain_years_and_percent() {
        assert_eq!(NumFormat::of(NumStyle::Plain).number(1954.0, 0), "1954");
        let p = NumFormat::of(NumStyle::Percent);
        assert_eq!(p.number(12.9, 1), "12.9%");
        assert_eq!(p.number(7.0, 1), "7.0%");
        assert_eq!(p.number(65.5, 1), "65.5%");
        let fixed = NumFormat {
            decimals: Some(0),
            ..NumFormat::of(NumStyle::Percent)
        };
        assert_eq!(fixed.number(26.7, 1), "27%");
    }

    #[test]
    fn prefix_and_suffix() {
        let f = NumFormat {
            prefix: "$".into(),
            suffix: "m".into(),
            ..Default::default()
        };
        assert_eq!(f.number(25.08, 2), "$25.08m");
    }

    #[test]
    fn censored_missing_and_approximate_labels() {
        let p = NumFormat::of(NumStyle::Percent);
        assert_eq!(p.cell(&Cell::parse("<0.1")).as_deref(), Some("<0.1%"));
        assert_eq!(p.cell(&Cell::parse("–")).as_deref(), Some("no data"));
        assert_eq!(p.cell(&Cell::parse("")).as_deref(), Some("no data"));
        assert_eq!(
            NumFormat::default().cell(&Cell::parse("~15000")).as_deref(),
            Some("about 15,000")
        );
        assert_eq!(p.cell(&Cell::parse("abc")), None);
    }

    #[test]
    fn table_cells_keep_the_source_spelling() {
        let p = NumFormat::of(NumStyle::Percent);
        assert_eq!(p.table_cell(&Cell::parse("<0.1")), "<0.1%");
        assert_eq!(p.table_cell(&Cell::parse("–")), "–");
        assert_eq!(p.table_cell(&Cell::parse("")), "");
        assert_eq!(p.table_cell(&Cell::parse("2.0")), "2.0%");
    }

    #[test]
    fn decimals_of_steps() {
        assert_eq!(decimals_for_step(10000.0), 0);
        assert_eq!(decimals_for_step(0.5), 1);
        assert_eq!(decimals_for_step(0.25), 2);
        assert_eq!(decimals_for_step(0.1), 1);
        assert_eq!(decimals_for_step(0.0), 0);
    }
}
