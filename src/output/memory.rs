//! The memory budget of rasterising: every raster takes its estimated bytes from one
//! process-wide budget before it is allocated and gives them back when its PNG is encoded, so
//! that large charts are rasterised fewer at a time whatever `--jobs` says.

use std::sync::{Condvar, Mutex, OnceLock};

/// The default budget, in MiB: enough for two of the largest rasters allowed at once.
pub const DEFAULT_MIB: u64 = 1024;

/// Bytes held per pixel while a chart is rasterised and encoded: the RGBA pixmap (4), turned
/// into RGB in place, and the PNG's filter and deflate buffers and output (under 2).
pub const BYTES_PER_PIXEL: u64 = 6;

/// A budget of bytes shared by threads.
#[derive(Debug)]
pub struct Budget {
    limit: u64,
    used: Mutex<u64>,
    freed: Condvar,
}

/// Bytes taken from a [`Budget`], given back when dropped.
#[derive(Debug)]
pub struct Grant<'a> {
    budget: &'a Budget,
    bytes: u64,
}

impl Budget {
    pub const fn new(limit: u64) -> Budget {
        Budget {
            limit,
            used: Mutex::new(0),
            freed: Condvar::new(),
        }
    }

    /// Waits until `bytes` fit beside what others hold, then takes them. A request larger
    /// than the whole budget waits until nothing else is held, then runs alone.
    pub fn take(&self, bytes: u64) -> Grant<'_> {
        let bytes = bytes.min(self.limit);
        let mut used = self.used.lock().unwrap_or_else(|p| p.into_inner());
        while *used > 0 && *used + bytes > self.limit {
            used = self.freed.wait(used).unwrap_or_else(|p| p.into_inner());
        }
        *used += bytes;
        Grant {
            budget: self,
            bytes,
        }
    }

    /// Bytes held now.
    pub fn used(&self) -> u64 {
        *self.used.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Drop for Grant<'_> {
    fn drop(&mut self) {
        let mut used = self.budget.used.lock().unwrap_or_else(|p| p.into_inner());
        *used = used.saturating_sub(self.bytes);
        self.budget.freed.notify_all();
    }
}

/// The process's raster budget: `CHARTBOOK_RASTER_MEMORY_MB` MiB when set to a whole
/// number of at least 64, else [`DEFAULT_MIB`].
pub fn global() -> &'static Budget {
    static B: OnceLock<Budget> = OnceLock::new();
    B.get_or_init(|| {
        let mib = std::env::var("CHARTBOOK_RASTER_MEMORY_MB")
            .ok()
            .and_then(|v| v.trim().parse::<u64>().ok())
            .filter(|m| *m >= 64)
            .unwrap_or(DEFAULT_MIB);
        Budget::new(mib * 1024 * 1024)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU64, Ordering};

    #[test]
    fn grants_never_exceed_the_budget_and_an_oversized_one_runs_alone() {
        let b = Budget::new(100);
        let peak = AtomicU64::new(0);
        std::thread::scope(|s| {
            for n in [40u64, 40, 40, 250, 10, 60] {
                let (b, peak) = (&b, &peak);
                s.spawn(move || {
                    let g = b.take(n);
                    peak.fetch_max(b.used(), Ordering::SeqCst);
                    std::thread::sleep(std::time::Duration::from_millis(5));
                    drop(g);
                });
            }
        });
        assert!(peak.load(Ordering::SeqCst) <= 100);
        assert_eq!(b.used(), 0);
    }
}
