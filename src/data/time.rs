//! Calendar dates and times in data cells: the ISO spellings read on their own (`2017-03`,
//! `2017-03-31`, `2017/03/31`, `2017-03-31T14:00`), `parse` patterns for the rest, a moment's
//! position on the continuous year scale that temporal axes use, and how a moment is written.
//!
//! The position of a moment is its year plus the fraction of that year elapsed: `2017` is
//! 2017.0 (as a year cell always was), 1 July 2017 is about 2017.5. Within a year the scale is
//! exactly linear in time; a day of a leap year is 1/366 wide instead of 1/365, a difference no
//! reader can see.

use jiff::civil::{Date, DateTime, Time};

use crate::i18n::Lang;

/// How finely a moment was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Unit {
    Year,
    Month,
    Day,
    /// Hours and minutes.
    Minute,
    Second,
}

/// A calendar moment as written in a cell, and how finely it was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub at: DateTime,
    pub unit: Unit,
}

impl Stamp {
    /// Reads the ISO spellings: `YYYY-MM`, `YYYY-MM-DD` (or `YYYY/MM/DD`), and a date with a
    /// time of day (`T` or a space, then `HH:MM` or `HH:MM:SS`). A bare year is a number, not
    /// a stamp. `None` when the text is none of these or names no real day (`2017-02-30`).
    pub fn parse_iso(t: &str) -> Option<Stamp> {
        let b = t.as_bytes();
        if b.len() < 7 || !b[..4].iter().all(u8::is_ascii_digit) || !matches!(b[4], b'-' | b'/') {
            return None;
        }
        let sep = b[4];
        let num = |s: &[u8]| -> Option<i16> {
            if s.is_empty() || !s.iter().all(u8::is_ascii_digit) {
                return None;
            }
            std::str::from_utf8(s).ok()?.parse().ok()
        };
        let year = num(&b[..4])?;
        let month = num(b.get(5..7)?)?;
        if b.len() == 7 {
            if sep != b'-' {
                return None;
            }
            let at = Date::new(year, i8::try_from(month).ok()?, 1).ok()?;
            return Some(Stamp {
                at: at.to_datetime(Time::midnight()),
                unit: Unit::Month,
            });
        }
        if b.get(7) != Some(&sep) || b.len() < 10 {
            return None;
        }
        let day = num(&b[8..10])?;
        let date = Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()?;
        if b.len() == 10 {
            return Some(Stamp {
                at: date.to_datetime(Time::midnight()),
                unit: Unit::Day,
            });
        }
        if !matches!(b[10], b'T' | b' ') || (b.len() != 16 && b.len() != 19) {
            return None;
        }
        let hour = num(&b[11..13])?;
        let minute = (b[13] == b':').then(|| num(&b[14..16]))??;
        let (second, unit) = if b.len() == 19 {
            ((b[16] == b':').then(|| num(&b[17..19]))??, Unit::Second)
        } else {
            (0, Unit::Minute)
        };
        let time = Time::new(
            i8::try_from(hour).ok()?,
            i8::try_from(minute).ok()?,
            i8::try_from(second).ok()?,
            0,
        )
        .ok()?;
        Some(Stamp {
            at: date.to_datetime(time),
            unit,
        })
    }

    /// Reads `t` with a strftime-style `pattern` (`%d.%m.%Y`, `%b %d %Y`). Fields the
    /// pattern leaves out default to the start of the period (a month pattern reads the 1st).
    pub fn parse_with(pattern: &str, t: &str) -> Result<Stamp, String> {
        let tm = jiff::fmt::strtime::parse(pattern, t.trim()).map_err(|e| e.to_string())?;
        let year = tm.year().ok_or("the pattern gives no year (%Y)")?;
        let (month, unit) = match tm.month() {
            Some(m) => (m, Unit::Month),
            None => (1, Unit::Year),
        };
        let (day, unit) = match tm.day() {
            Some(d) => (d, Unit::Day),
            None => (1, unit),
        };
        let (hour, unit) = match tm.hour() {
            Some(h) => (h, Unit::Minute),
            None => (0, unit),
        };
        let minute = tm.minute().unwrap_or(0);
        let (second, unit) = match tm.second() {
            Some(s) => (s, Unit::Second),
            None => (0, unit),
        };
        let date = Date::new(year, month, day).map_err(|e| e.to_string())?;
        let time = Time::new(hour, minute, second, 0).map_err(|e| e.to_string())?;
        Ok(Stamp {
            at: date.to_datetime(time),
            unit,
        })
    }

    /// The position on a temporal axis (see the module notes).
    pub fn position(&self) -> f64 {
        position(self.at)
    }

    /// The ISO spelling at the precision written: `2017-03`, `2017-03-31`, `2017-03-31 14:00`.
    pub fn iso(&self) -> String {
        let d = self.at;
        match self.unit {
            Unit::Year => format!("{:04}", d.year()),
            Unit::Month => format!("{:04}-{:02}", d.year(), d.month()),
            Unit::Day => format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
            Unit::Minute => format!(
                "{:04}-{:02}-{:02} {:02}:{:02}",
                d.year(),
                d.month(),
                d.day(),
                d.hour(),
                d.minute()
            ),
            Unit::Second => format!(
                "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
                d.year(),
                d.month(),
                d.day(),
                d.hour(),
                d.minute(),
                d.second()
            ),
        }
    }

    /// The moment in words of `lang`, at the precision written: "Mar 2017", "31 Mar 2017",
    /// "31 Mar 2017, 14:00"; 「2017年3月」, 「2017年3月31日」, 「2017年3月31日 14:00」.
    pub fn label(&self, lang: Lang) -> String {
        let d = self.at;
        let ja = lang == Lang::Ja;
        let date = match (self.unit, ja) {
            (Unit::Year, _) => format!("{}", d.year()),
            (Unit::Month, false) => format!("{} {}", month_abbr(d.month()), d.year()),
            (Unit::Month, true) => format!("{}年{}月", d.year(), d.month()),
            (_, false) => format!("{} {} {}", d.day(), month_abbr(d.month()), d.year()),
            (_, true) => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
        };
        match self.unit {
            Unit::Minute | Unit::Second => {
                let sep = if ja { " " } else { ", " };
                let time = if self.unit == Unit::Second {
                    format!("{:02}:{:02}:{:02}", d.hour(), d.minute(), d.second())
                } else {
                    format!("{:02}:{:02}", d.hour(), d.minute())
                };
                format!("{date}{sep}{time}")
            }
            _ => date,
        }
    }
}

/// A moment written with a strftime-style pattern (`%b %Y`); `Err` says why the pattern
/// cannot be used.
pub fn format_with(pattern: &str, at: DateTime) -> Result<String, String> {
    jiff::fmt::strtime::format(pattern, at).map_err(|e| e.to_string())
}

/// English month abbreviations, as publications write them.
pub fn month_abbr(m: i8) -> &'static str {
    const M: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    M[usize::try_from(m - 1).unwrap_or(0).min(11)]
}

/// The position of a moment on a temporal axis: its year plus the fraction of the year gone.
pub fn position(at: DateTime) -> f64 {
    let date = at.date();
    let days = f64::from(date.days_in_year());
    let secs =
        f64::from(at.hour()) * 3600.0 + f64::from(at.minute()) * 60.0 + f64::from(at.second());
    f64::from(at.year()) + (f64::from(date.day_of_year() - 1) + secs / 86_400.0) / days
}

/// The moment at a position (the inverse of [`position`], to the second), clamped to the
/// years jiff can hold.
pub fn at_position(p: f64) -> DateTime {
    let p = if p.is_finite() {
        p.clamp(-9998.0, 9998.0)
    } else {
        2000.0
    };
    let year = p.floor();
    let y = year as i16;
    let start = Date::new(y, 1, 1).unwrap_or(Date::MIN);
    let days = f64::from(start.days_in_year());
    let secs = ((p - year) * days * 86_400.0).round() as i64;
    let span = jiff::Span::new().seconds(secs);
    start
        .to_datetime(Time::midnight())
        .checked_add(span)
        .unwrap_or(start.to_datetime(Time::midnight()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(t: &str) -> Option<String> {
        Stamp::parse_iso(t).map(|s| s.iso())
    }

    #[test]
    fn iso_spellings_are_read_at_their_precision() {
        assert_eq!(iso("2017-03").as_deref(), Some("2017-03"));
        assert_eq!(iso("2017-03-31").as_deref(), Some("2017-03-31"));
        assert_eq!(iso("2017/03/31").as_deref(), Some("2017-03-31"));
        assert_eq!(iso("2017-03-31T14:00").as_deref(), Some("2017-03-31 14:00"));
        assert_eq!(
            iso("2017-03-31 14:00:05").as_deref(),
            Some("2017-03-31 14:00:05")
        );
        assert_eq!(
            Stamp::parse_iso("2017-03").map(|s| s.unit),
            Some(Unit::Month)
        );
        assert_eq!(
            Stamp::parse_iso("2017-03-31T14:00").map(|s| s.unit),
            Some(Unit::Minute)
        );
    }

    #[test]
    fn impossible_dates_and_other_text_are_not_stamps() {
        for t in [
            "2017",
            "2017-13",
            "2017-02-30",
            "2017-3-1",
            "2017/03",
            "2017-03/31",
            "2014-2017",
            "2017-03-31T25:00",
            "2017-03-31T14",
            "abc",
            "2017-03-31x",
            "31.03.2017",
        ] {
            assert!(Stamp::parse_iso(t).is_none(), "{t}");
        }
    }

    #[test]
    fn patterns_read_other_spellings() {
        let s = Stamp::parse_with("%d.%m.%Y", "31.03.2017").unwrap();
        assert_eq!((s.iso(), s.unit), ("2017-03-31".to_string(), Unit::Day));
        let s = Stamp::parse_with("%b %d %Y", "Jan 1 2000").unwrap();
        assert_eq!(s.iso(), "2000-01-01");
        let s = Stamp::parse_with("%Y/%m", "2000/07").unwrap();
        assert_eq!((s.iso(), s.unit), ("2000-07".to_string(), Unit::Month));
        assert!(Stamp::parse_with("%d.%m.%Y", "2017-03-31").is_err());
        assert!(Stamp::parse_with("%d.%m.%Y", "30.02.2017").is_err());
        assert!(Stamp::parse_with("%m/%d", "03/31").is_err());
    }

    #[test]
    fn positions_are_years_and_fractions_of_years() {
        let p = |t: &str| Stamp::parse_iso(t).unwrap().position();
        assert_eq!(p("2017-01-01"), 2017.0);
        assert!((p("2017-07-02T12:00") - 2017.5).abs() < 1e-9);
        assert!(p("2016-12-31") < p("2017-01"));
        assert!((p("2020-12-31") - (2020.0 + 365.0 / 366.0)).abs() < 1e-12);
        for t in [
            "2017-03-31T14:05:09",
            "1958-03-29",
            "2000-02-29",
            "1600-12-31 23:59:59",
        ] {
            let s = Stamp::parse_iso(t).unwrap();
            assert_eq!(at_position(s.position()), s.at, "{t}");
        }
    }

    #[test]
    fn labels_read_as_publications_write_them() {
        let s = |t: &str| Stamp::parse_iso(t).unwrap();
        assert_eq!(s("2017-03").label(Lang::En), "Mar 2017");
        assert_eq!(s("2017-03-31").label(Lang::En), "31 Mar 2017");
        assert_eq!(s("2017-03-31T14:00").label(Lang::En), "31 Mar 2017, 14:00");
        assert_eq!(s("2017-03").label(Lang::Ja), "2017年3月");
        assert_eq!(s("2017-03-31").label(Lang::Ja), "2017年3月31日");
    }
}
