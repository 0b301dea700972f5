//! Fuzzes the sources file: arbitrary bytes as the `[report] sources` file of a small spec
//! whose chart and data rows cite endnotes, through validation (every cited endnote must be
//! there), layout and the handout, whose Sources page sets each endnote in full.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

const SPEC: &str = r#"
[report]
title = "Fuzz"
sources = "data/fuzz-sources.toml"

[[chart]]
id = "table"
kind = "table"
title = "Prevalence"
data = "data/table1_prevalence.csv"
columns = [{ field = "region" }, { field = "Cannabis", format = "percent" }]
source = "S"
footnotes = [5, 6]
"#;

fuzz_target!(|data: &[u8]| {
    common::with_file("data/fuzz-sources.toml", data, SPEC);
});
