//! Ticks of a temporal axis that holds dates: calendar units chosen for the span and the room
//! (hours, days, weeks, months, quarters, years, decades), labelled the way publications do
//! ("Jan 2012", "Apr", "Q3", "2012"; 「2012年1月」, 「4月」), or by the axis's `format` pattern.

use jiff::civil::{Date, DateTime, Time};
use jiff::{Span, ToSpan};

use crate::data::time::{at_position, format_with, month_abbr, position, Unit};
use crate::i18n::Lang;

/// One tick: its position on the year scale and its label.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeTick {
    pub pos: f64,
    pub label: String,
}

/// A calendar step between ticks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Hours(i64),
    Days(i64),
    Weeks,
    Months(i8),
    Years(i16),
}

impl Step {
    /// The nominal length in days (to estimate how many ticks a span takes).
    fn days(self) -> f64 {
        match self {
            Step::Hours(n) => n as f64 / 24.0,
            Step::Days(n) => n as f64,
            Step::Weeks => 7.0,
            Step::Months(n) => f64::from(n) * 30.44,
            Step::Years(n) => f64::from(n) * 365.25,
        }
    }

    /// The finest unit of data this step suits: no hour ticks on daily data.
    fn finer_than(self, unit: Unit) -> bool {
        match self {
            Step::Hours(_) => unit < Unit::Minute,
            Step::Days(_) | Step::Weeks => unit < Unit::Day,
            Step::Months(_) => unit < Unit::Month,
            Step::Years(_) => false,
        }
    }
}

const STEPS: [Step; 24] = [
    Step::Hours(1),
    Step::Hours(2),
    Step::Hours(3),
    Step::Hours(6),
    Step::Hours(12),
    Step::Days(1),
    Step::Days(2),
    Step::Weeks,
    Step::Months(1),
    Step::Months(2),
    Step::Months(3),
    Step::Months(6),
    Step::Years(1),
    Step::Years(2),
    Step::Years(5),
    Step::Years(10),
    Step::Years(20),
    Step::Years(25),
    Step::Years(50),
    Step::Years(100),
    Step::Years(200),
    Step::Years(250),
    Step::Years(500),
    Step::Years(1000),
];

/// The least room between ticks finer than a year: closer month or day ticks fit their
/// labels but read as a ruler, and a coarser step says the same more calmly.
const SUB_YEAR_ROOM: f64 = 80.0;

/// What the tick choice needs to know about the axis.
pub struct TimeAxis<'a> {
    /// The data's extent on the year scale.
    pub lo: f64,
    pub hi: f64,
    /// The finest unit the data are written in.
    pub unit: Unit,
    /// Whether every data point falls on the first day of a quarter (labels say "Q1").
    pub quarterly: bool,
    pub lang: Lang,
    /// The axis's `format` pattern, if it has one.
    pub pattern: Option<&'a str>,
}

/// The ticks of a date axis: the finest calendar step whose labels all fit between their
/// neighbours, given `px` (a position's x in pixels) and `width` (a label's width).
pub fn ticks(
    axis: &TimeAxis,
    px: &dyn Fn(f64) -> f64,
    width: &dyn Fn(&str) -> f64,
) -> Vec<TimeTick> {
    let span_days = (axis.hi - axis.lo).max(0.0) * 365.25;
    let mut last = Vec::new();
    for step in STEPS {
        if step.finer_than(axis.unit) || span_days / step.days() > 200.0 {
            continue;
        }
        let ticks = generate(axis, step);
        let fits = ticks.windows(2).all(|w| {
            let room = px(w[1].pos) - px(w[0].pos);
            let sparse = matches!(step, Step::Years(_)) || room >= SUB_YEAR_ROOM;
            sparse && room >= (width(&w[0].label) + width(&w[1].label)) / 2.0 + 12.0
        });
        if fits && !ticks.is_empty() {
            return ticks;
        }
        if !ticks.is_empty() {
            last = ticks;
        }
    }
    last
}

/// The first tick at or after `lo` for a step.
fn first(lo: DateTime, step: Step) -> DateTime {
    let d = lo.date();
    let start = match step {
        Step::Hours(n) => {
            let h = (i64::from(lo.hour()) / n * n) as i8;
            d.to_datetime(Time::new(h, 0, 0, 0).unwrap_or(Time::midnight()))
        }
        Step::Days(_) => d.to_datetime(Time::midnight()),
        Step::Weeks => {
            let back = i64::from(d.weekday().to_monday_zero_offset());
            d.checked_sub(back.days())
                .unwrap_or(d)
                .to_datetime(Time::midnight())
        }
        Step::Months(n) => {
            let m = (d.month() - 1) / n * n + 1;
            Date::new(d.year(), m, 1)
                .unwrap_or(d)
                .to_datetime(Time::midnight())
        }
        Step::Years(n) => {
            let y = i16::try_from(i64::from(d.year()).div_euclid(i64::from(n)) * i64::from(n))
                .unwrap_or(d.year());
            Date::new(y, 1, 1)
                .unwrap_or(d)
                .to_datetime(Time::midnight())
        }
    };
    let mut t = start;
    while t < lo {
        match next(t, step) {
            Some(n) => t = n,
            None => break,
        }
    }
    t
}

fn span(step: Step) -> Span {
    match step {
        Step::Hours(n) => n.hours(),
        Step::Days(n) => n.days(),
        Step::Weeks => 1.weeks(),
        Step::Months(n) => i64::from(n).months(),
        Step::Years(n) => i64::from(n).years(),
    }
}

fn next(t: DateTime, step: Step) -> Option<DateTime> {
    t.checked_add(span(step)).ok()
}

fn generate(axis: &TimeAxis, step: Step) -> Vec<TimeTick> {
    let lo = at_position(axis.lo - 1e-9);
    let mut out = Vec::new();
    let mut t = first(lo, step);
    let mut prev: Option<DateTime> = None;
    while position(t) <= axis.hi + 1e-9 && out.len() <= 200 {
        out.push(TimeTick {
            pos: position(t),
            label: label(axis, step, t, prev),
        });
        prev = Some(t);
        match next(t, step) {
            Some(n) => t = n,
            None => break,
        }
    }
    out
}

/// A tick's label: the larger unit (the year of a month, the day of an hour) is written on
/// the first tick and where it changes.
fn label(axis: &TimeAxis, step: Step, t: DateTime, prev: Option<DateTime>) -> String {
    if let Some(p) = axis.pattern {
        return format_with(p, t).unwrap_or_default();
    }
    let ja = axis.lang == Lang::Ja;
    let new_year = prev.is_none_or(|p| p.year() != t.year());
    let new_day = prev.is_none_or(|p| p.date() != t.date());
    let (y, m, d) = (t.year(), t.month(), t.day());
    match step {
        Step::Years(_) => format!("{y}"),
        Step::Months(3 | 6) if axis.quarterly => {
            let q = (m - 1) / 3 + 1;
            match (ja, new_year) {
                (false, true) => format!("Q{q} {y}"),
                (false, false) => format!("Q{q}"),
                (true, true) => format!("{y}年第{q}四半期"),
                (true, false) => format!("第{q}四半期"),
            }
        }
        Step::Months(_) => match (ja, new_year) {
            (false, true) => format!("{} {y}", month_abbr(m)),
            (false, false) => month_abbr(m).to_string(),
            (true, true) => format!("{y}年{m}月"),
            (true, false) => format!("{m}月"),
        },
        Step::Days(_) | Step::Weeks => match (ja, new_year) {
            (false, true) => format!("{d} {} {y}", month_abbr(m)),
            (false, false) => format!("{d} {}", month_abbr(m)),
            (true, true) => format!("{y}年{m}月{d}日"),
            (true, false) => format!("{m}月{d}日"),
        },
        Step::Hours(_) => {
            let time = format!("{:02}:00", t.hour());
            let midnight = t.hour() == 0;
            match (ja, new_day, midnight) {
                (false, true, true) => format!("{d} {}", month_abbr(m)),
                (false, true, false) => format!("{d} {} {time}", month_abbr(m)),
                (true, true, true) => format!("{m}月{d}日"),
                (true, true, false) => format!("{m}月{d}日 {time}"),
                (_, false, _) => time,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::time::Stamp;

    fn axis(lo: &str, hi: &str, unit: Unit) -> TimeAxis<'static> {
        TimeAxis {
            lo: Stamp::parse_iso(lo).unwrap().position(),
            hi: Stamp::parse_iso(hi).unwrap().position(),
            unit,
            quarterly: false,
            lang: Lang::En,
            pattern: None,
        }
    }

    /// Ticks on a 600 px axis with labels of 7 px per character.
    fn labels(a: &TimeAxis) -> Vec<String> {
        let (lo, hi) = (a.lo, a.hi);
        let px = move |p: f64| (p - lo) / (hi - lo) * 600.0;
        ticks(a, &px, &|s: &str| s.chars().count() as f64 * 7.0)
            .into_iter()
            .map(|t| t.label)
            .collect()
    }

    #[test]
    fn four_years_of_days_tick_on_years() {
        let l = labels(&axis("2012-01-01", "2015-12-31", Unit::Day));
        assert_eq!(l, ["2012", "2013", "2014", "2015"]);
    }

    #[test]
    fn one_year_of_days_ticks_on_months_with_the_year_on_january() {
        let l = labels(&axis("2015-01-01", "2015-12-31", Unit::Day));
        assert_eq!(l.first().map(String::as_str), Some("Jan 2015"));
        assert!(l.contains(&"Jul".to_string()), "{l:?}");
        assert!(l.len() >= 4 && l.len() <= 12, "{l:?}");
    }

    #[test]
    fn a_month_of_days_ticks_on_days_or_weeks() {
        let l = labels(&axis("2015-03-01", "2015-03-31", Unit::Day));
        assert!(l[0].ends_with("2015"), "{l:?}");
        assert!(l.iter().skip(1).all(|s| s.ends_with("Mar")), "{l:?}");
    }

    #[test]
    fn two_days_of_readings_tick_on_hours() {
        let l = labels(&axis("2015-03-01T00:00", "2015-03-02T23:00", Unit::Minute));
        assert_eq!(l[0], "1 Mar");
        assert!(l.contains(&"12:00".to_string()), "{l:?}");
        assert!(l.contains(&"2 Mar".to_string()), "{l:?}");
    }

    #[test]
    fn monthly_data_never_gets_day_ticks() {
        let l = labels(&axis("2015-01", "2015-04", Unit::Month));
        assert_eq!(l, ["Jan 2015", "Feb", "Mar", "Apr"]);
    }

    #[test]
    fn quarters_are_named_as_quarters() {
        let mut a = axis("2011-01-01", "2012-10-01", Unit::Day);
        a.quarterly = true;
        let l = labels(&a);
        assert_eq!(
            l,
            ["Q1 2011", "Q2", "Q3", "Q4", "Q1 2012", "Q2", "Q3", "Q4"]
        );
    }

    #[test]
    fn centuries_tick_on_decades_or_more() {
        let l = labels(&axis("1958-03-29", "2001-12-29", Unit::Day));
        assert_eq!(
            l,
            ["1960", "1965", "1970", "1975", "1980", "1985", "1990", "1995", "2000"]
        );
    }

    #[test]
    fn japanese_labels() {
        let mut a = axis("2015-01-01", "2015-06-30", Unit::Day);
        a.lang = Lang::Ja;
        let l = labels(&a);
        assert_eq!(l[0], "2015年1月");
        assert_eq!(l[1], "2月");
    }

    #[test]
    fn a_pattern_overrides_the_labels() {
        let mut a = axis("2015-01-01", "2015-12-31", Unit::Day);
        a.pattern = Some("%m/%Y");
        let l = labels(&a);
        assert_eq!(l[0], "01/2015");
    }
}
