//! Fuzzes the theme: arbitrary text as the body of `[theme]` in a spec with one chart of
//! each kind that draws colour, through validation (palette vision checks included), layout
//! and drawing.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

const CHARTS: &str = r#"
[report]
title = "Fuzz"

[[chart]]
id = "grouped"
kind = "grouped_bar"
title = "Grouped"
data = "data/table1_prevalence.csv"
x = { field = "region" }
y = { format = "percent" }
series = [{ field = "Cannabis" }, { field = "Opioids" }, { field = "Opiates" }]
source = "S"

[[chart]]
id = "line"
kind = "line"
title = "Line"
data = "data/meth_arrests.csv"
x = { field = "year", type = "temporal" }
y = { field = "arrests" }
source = "S"
"#;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        common::pipeline(&format!("[theme]\n{text}\n{CHARTS}"));
    }
});
