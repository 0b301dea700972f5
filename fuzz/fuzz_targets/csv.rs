//! Fuzzes the CSV loader: arbitrary bytes as a data file read by one chart of every kind,
//! through validation, layout, drawing and the handout.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

/// One spec per kind, so that data one kind rejects still reaches the others.
const SPECS: [&str; 6] = [
    r#"
[report]
title = "Fuzz"
[[chart]]
id = "bar"
kind = "bar"
title = "Bar"
data = "data/fuzz.csv"
x = { field = "a" }
y = { field = "b" }
source = "S"
"#,
    r#"
[report]
title = "Fuzz"
[[chart]]
id = "line"
kind = "line"
title = "Line"
data = "data/fuzz.csv"
x = { field = "a", type = "temporal" }
series = [{ field = "b" }, { field = "c" }]
source = "S"
"#,
    r#"
[report]
title = "Fuzz"
[[chart]]
id = "stack"
kind = "stacked_bar"
stack = "percent"
title = "Stack"
data = "data/fuzz.csv"
x = { field = "a" }
series = [{ field = "b" }, { field = "c" }]
source = "S"
"#,
    r#"
[report]
title = "Fuzz"
[[chart]]
id = "range"
kind = "range"
title = "Range"
data = "data/fuzz.csv"
x = { field = "a" }
ranges = [{ low = "b", high = "c", label = "R" }]
source = "S"
"#,
    r#"
[report]
title = "Fuzz"
[[chart]]
id = "table"
kind = "table"
title = "Table"
data = "data/fuzz.csv"
columns = [{ field = "a" }, { field = "b", format = "percent" }, { field = "c" }]
source = "S"
"#,
    r#"
[report]
title = "Fuzz"
[[chart]]
id = "text"
kind = "text"
title = "Text"
data = "data/fuzz.csv"
field = "a"
source = "S"
"#,
];

fuzz_target!(|data: &[u8]| {
    let path = common::project().join("data/fuzz.csv");
    if std::fs::write(&path, data).is_ok() {
        for spec in SPECS {
            common::pipeline(spec);
        }
    }
});
