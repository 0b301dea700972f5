//! `chartbook schema`: the JSON Schema of `charts.toml`, of theme files and of translation
//! files, derived
//! from the serde structs that read them (`raw.rs`, `translate.rs`), so the schema and the
//! reader cannot disagree on a key; the doc comments become the editor's hover docs.

use serde_json::{json, Value};

/// Which file's schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    Spec,
    Translation,
    Theme,
}

/// The schema as JSON.
pub fn schema(which: Which) -> Value {
    let (schema, title) = match which {
        Which::Spec => (
            schemars::schema_for!(super::raw::RawSpec),
            "chartbook charts.toml",
        ),
        Which::Translation => (
            schemars::schema_for!(super::translate::RawTranslation),
            "chartbook translation file",
        ),
        Which::Theme => (
            schemars::schema_for!(super::raw::RawTheme),
            "chartbook theme file",
        ),
    };
    let mut v = schema.to_value();
    v["title"] = json!(title);
    if which == Which::Spec {
        // What the structs keep as free text but `validate` allows from a list.
        let kinds: Vec<&str> = super::Kind::ALL.iter().map(|(n, _)| *n).collect();
        if let Some(p) = v.pointer_mut("/$defs/RawChart/properties/kind") {
            *p = json!({ "type": "string", "enum": kinds, "description": "What the chart draws." });
        }
    }
    v
}

/// The schema, pretty-printed, ending in a newline.
pub fn text(which: Which) -> String {
    let mut s = serde_json::to_string_pretty(&schema(which)).unwrap_or_default();
    s.push('\n');
    s
}
