//! Fuzzes a translation file: arbitrary bytes as `translations/ja.toml` of the briefing,
//! through a whole build of both editions (validation, layout, drawing, both handouts, the
//! staging and the renames of every file).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    if std::fs::write(common::project().join("translations/ja.toml"), data).is_ok() {
        common::build(common::briefing());
    }
});
