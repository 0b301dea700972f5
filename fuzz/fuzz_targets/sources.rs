//! Fuzzes the sources file: arbitrary bytes as `data/sources.toml` of the briefing (English
//! edition), through validation, layout, drawing and the handout's Sources page.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let spec = common::briefing().replace("languages = [\"en\", \"ja\"]", "");
    common::with_file("data/fuzz-sources.toml", data, &spec.replace("data/sources.toml", "data/fuzz-sources.toml"));
});
