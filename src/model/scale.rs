//! Scales and ticks: mapping data values to positions, and choosing round tick values
//! (1, 2, 5 × 10ⁿ for linear axes, powers of ten for log axes). Pure functions.

use super::format::decimals_for_step;

/// Linear or logarithmic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ScaleKind {
    #[default]
    Linear,
    Log,
}

/// Maps a data domain onto a pixel range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    pub kind: ScaleKind,
    pub d0: f64,
    pub d1: f64,
    pub r0: f64,
    pub r1: f64,
}

impl Scale {
    /// The pixel position of `v`. Values outside the domain map outside the range; a log
    /// scale maps non-positive values to its lower end.
    pub fn map(&self, v: f64) -> f64 {
        let t = match self.kind {
            ScaleKind::Linear => {
                if self.d1 == self.d0 {
                    0.5
                } else {
                    (v - self.d0) / (self.d1 - self.d0)
                }
            }
            ScaleKind::Log => {
                let (a, b) = (
                    self.d0.max(f64::MIN_POSITIVE).log10(),
                    self.d1.max(f64::MIN_POSITIVE).log10(),
                );
                let x = if v > 0.0 { v.log10() } else { a };
                if b == a {
                    0.5
                } else {
                    (x - a) / (b - a)
                }
            }
        };
        self.r0 + t * (self.r1 - self.r0)
    }
}

/// Tick values and the decimals needed to write them.
#[derive(Debug, Clone, PartialEq)]
pub struct Ticks {
    pub values: Vec<f64>,
    pub decimals: u8,
}

/// A round step near `span / target`: 1, 2 or 5 times a power of ten.
pub fn nice_step(span: f64, target: usize) -> f64 {
    let target = target.max(1) as f64;
    if !(span.is_finite() && span > 0.0) {
        return 1.0;
    }
    let raw = span / target;
    let mag = 10f64.powf(raw.log10().floor());
    let norm = raw / mag;
    // Nearest round value in log space (as d3 does): thresholds at √2, √10 and √50.
    let nice = if norm >= 50f64.sqrt() {
        10.0
    } else if norm >= 10f64.sqrt() {
        5.0
    } else if norm >= 2f64.sqrt() {
        2.0
    } else {
        1.0
    };
    nice * mag
}

/// Extends `[lo, hi]` outwards to round values and returns the domain with its ticks.
/// At most about `target` intervals; the domain always contains both ends.
pub fn nice_domain(lo: f64, hi: f64, target: usize) -> (f64, f64, Ticks) {
    let (mut lo, mut hi) = if lo <= hi { (lo, hi) } else { (hi, lo) };
    if !lo.is_finite() || !hi.is_finite() {
        lo = 0.0;
        hi = 1.0;
    }
    if hi == lo {
        if hi == 0.0 {
            hi = 1.0;
        } else {
            let pad = hi.abs() * 0.1;
            lo -= pad;
            hi += pad;
        }
    }
    let step = nice_step(hi - lo, target);
    let start = (lo / step + 1e-9).floor() * step;
    let end = (hi / step - 1e-9).ceil() * step;
    let mut values = Vec::new();
    let n = ((end - start) / step).round() as i64;
    let decimals = decimals_for_step(step);
    let scale = 10f64.powi(i32::from(decimals));
    for i in 0..=n.clamp(0, 1000) {
        let v = start + i as f64 * step;
        // Snap away floating noise so that 0.30000000000000004 is 0.3.
        let v = (v * scale).round() / scale;
        values.push(if v == 0.0 { 0.0 } else { v });
    }
    (start, end, Ticks { values, decimals })
}

/// Ticks for a log axis over `[lo, hi]` (both > 0): powers of ten, with 2 and 5 between them
/// when the range spans fewer than three decades. Returns the widened domain.
pub fn log_domain(lo: f64, hi: f64) -> (f64, f64, Ticks) {
    let lo = if lo > 0.0 && lo.is_finite() { lo } else { 1.0 };
    let hi = if hi > lo && hi.is_finite() {
        hi
    } else {
        lo * 10.0
    };
    let e0 = lo.log10().floor() as i32;
    let e1 = hi.log10().ceil().max(f64::from(e0 + 1)) as i32;
    let dense = e1 - e0 < 3;
    let mut values = Vec::new();
    for e in e0..=e1 {
        let p = 10f64.powi(e);
        values.push(p);
        if dense && e < e1 {
            values.push(2.0 * p);
            values.push(5.0 * p);
        }
    }
    let decimals = if e0 < 0 {
        e0.unsigned_abs().min(6) as u8
    } else {
        0
    };
    (10f64.powi(e0), 10f64.powi(e1), Ticks { values, decimals })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_round() {
        assert_eq!(nice_step(60000.0, 5), 10000.0);
        assert_eq!(nice_step(13.0, 5), 2.0);
        assert_eq!(nice_step(1.4, 5), 0.2);
        assert_eq!(nice_step(1.4, 4), 0.5);
        assert_eq!(nice_step(0.0, 5), 1.0);
        assert_eq!(nice_step(f64::NAN, 5), 1.0);
    }

    #[test]
    fn domain_covers_data_with_round_ends() {
        let (lo, hi, t) = nice_domain(0.0, 55664.0, 5);
        assert_eq!((lo, hi), (0.0, 60000.0));
        assert_eq!(
            t.values,
            vec![0.0, 10000.0, 20000.0, 30000.0, 40000.0, 50000.0, 60000.0]
        );
        assert_eq!(t.decimals, 0);
        let (_, hi, t) = nice_domain(0.0, 1.4, 4);
        assert_eq!(hi, 1.5);
        assert_eq!(t.values, vec![0.0, 0.5, 1.0, 1.5]);
        assert_eq!(t.decimals, 1);
    }

    #[test]
    fn degenerate_domains_do_not_break() {
        let (lo, hi, t) = nice_domain(0.0, 0.0, 5);
        assert!(lo <= 0.0 && hi >= 1.0 && !t.values.is_empty());
        let (lo, hi, _) = nice_domain(5.0, 5.0, 5);
        assert!(lo < 5.0 && hi > 5.0);
        let (_, _, t) = nice_domain(f64::NAN, 1.0, 5);
        assert!(!t.values.is_empty());
    }

    #[test]
    fn no_floating_noise_in_ticks() {
        let (_, _, t) = nice_domain(0.0, 0.7, 7);
        assert!(
            t.values.iter().all(|v| format!("{v}").len() <= 4),
            "{:?}",
            t.values
        );
    }

    #[test]
    fn log_ticks() {
        let (lo, hi, t) = log_domain(3.0, 55664.0);
        assert_eq!((lo, hi), (1.0, 100000.0));
        assert_eq!(t.values, vec![1.0, 10.0, 100.0, 1000.0, 10000.0, 100000.0]);
        let (_, _, t) = log_domain(0.1, 5.0);
        assert_eq!(t.values[..3], [0.1, 0.2, 0.5]);
        assert_eq!(t.decimals, 1);
    }

    #[test]
    fn maps_linear_and_log() {
        let s = Scale {
            kind: ScaleKind::Linear,
            d0: 0.0,
            d1: 100.0,
            r0: 300.0,
            r1: 100.0,
        };
        assert_eq!(s.map(50.0), 200.0);
        let l = Scale {
            kind: ScaleKind::Log,
            d0: 1.0,
            d1: 100.0,
            r0: 0.0,
            r1: 200.0,
        };
        assert!((l.map(10.0) - 100.0).abs() < 1e-9);
        assert_eq!(l.map(-1.0), 0.0);
    }
}
