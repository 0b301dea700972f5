//! Fuzzes the spec reader and validator (and the layout of whatever validates) with
//! arbitrary charts.toml text over the briefing's data files.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        common::pipeline(text);
    }
});
