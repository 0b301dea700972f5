//! `chartbook schema`: every spec in the repository and every whole TOML example of the README
//! validates against the schema it prints; an unknown key is refused by both the schema and
//! `validate`; the translation schema takes the Japanese translation. The validator here
//! knows the keywords the schema uses ($ref, type, properties, additionalProperties,
//! required, items, anyOf, oneOf, enum) and refuses any other.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn schema(which: &str) -> Value {
    let o = Command::new(env!("CARGO_BIN_EXE_chartbook"))
        .args(["schema", which])
        .output()
        .unwrap();
    assert!(o.status.success());
    serde_json::from_slice(&o.stdout).expect("the schema is JSON")
}

fn toml_to_json(text: &str) -> Result<Value, String> {
    let v: toml::Value = toml::from_str(text).map_err(|e| e.to_string())?;
    serde_json::to_value(v).map_err(|e| e.to_string())
}

/// Where `v` breaks `s` (a JSON pointer and what), empty when it conforms.
fn errors(root: &Value, s: &Value, v: &Value, at: &str) -> Vec<String> {
    let mut out = Vec::new();
    let Some(obj) = s.as_object() else {
        return if s == &Value::Bool(false) {
            vec![format!("{at}: not allowed")]
        } else {
            out
        };
    };
    for key in obj.keys() {
        assert!(
            [
                "$ref",
                "type",
                "properties",
                "additionalProperties",
                "required",
                "items",
                "anyOf",
                "oneOf",
                "enum",
                "description",
                "format",
                "default",
                "title",
                "$schema",
                "$defs",
                "minimum",
                "maximum",
            ]
            .contains(&key.as_str()),
            "the test's validator does not know `{key}`"
        );
    }
    if let Some(r) = obj.get("$ref").and_then(Value::as_str) {
        let target = root
            .pointer(r.trim_start_matches('#'))
            .unwrap_or_else(|| panic!("no {r}"));
        out.extend(errors(root, target, v, at));
    }
    if let Some(t) = obj.get("type") {
        let types: Vec<&str> = match t {
            Value::String(s) => vec![s.as_str()],
            Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        let ok = types.iter().any(|t| match *t {
            "string" => v.is_string(),
            "number" => v.is_number(),
            "integer" => v.is_i64() || v.is_u64(),
            "boolean" => v.is_boolean(),
            "array" => v.is_array(),
            "object" => v.is_object(),
            "null" => v.is_null(),
            _ => false,
        });
        if !ok {
            out.push(format!("{at}: {v} is not {types:?}"));
            return out;
        }
    }
    if let Some(e) = obj.get("enum").and_then(Value::as_array) {
        if !e.contains(v) {
            out.push(format!("{at}: {v} is not one of {e:?}"));
        }
    }
    if let Some(min) = obj.get("minimum").and_then(Value::as_f64) {
        if v.as_f64().is_some_and(|x| x < min) {
            out.push(format!("{at}: {v} is below {min}"));
        }
    }
    if let Some(o) = v.as_object() {
        let props = obj.get("properties").and_then(Value::as_object);
        for req in obj
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let req = req.as_str().unwrap();
            if !o.contains_key(req) {
                out.push(format!("{at}: `{req}` is required"));
            }
        }
        for (k, val) in o {
            let here = format!("{at}/{k}");
            match props.and_then(|p| p.get(k)) {
                Some(ps) => out.extend(errors(root, ps, val, &here)),
                None => match obj.get("additionalProperties") {
                    Some(Value::Bool(false)) => out.push(format!("{here}: unknown key")),
                    Some(extra) => out.extend(errors(root, extra, val, &here)),
                    None => {}
                },
            }
        }
    }
    if let (Some(items), Some(a)) = (obj.get("items"), v.as_array()) {
        for (i, x) in a.iter().enumerate() {
            out.extend(errors(root, items, x, &format!("{at}/{i}")));
        }
    }
    for (kw, need_one) in [("anyOf", false), ("oneOf", true)] {
        if let Some(alts) = obj.get(kw).and_then(Value::as_array) {
            let fits = alts
                .iter()
                .filter(|a| errors(root, a, v, at).is_empty())
                .count();
            if fits == 0 || (need_one && fits > 1) {
                out.push(format!("{at}: {v} fits {fits} of the {kw} alternatives"));
            }
        }
    }
    out
}

fn check(schema: &Value, file: &str, text: &str) -> Vec<String> {
    match toml_to_json(text) {
        Ok(v) => errors(schema, schema, &v, "")
            .into_iter()
            .map(|e| format!("{file}: {e}"))
            .collect(),
        Err(e) => vec![format!("{file}: not TOML: {e}")],
    }
}

fn specs(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            specs(&p, out);
        } else if p.file_name().is_some_and(|n| n == "charts.toml") {
            out.push(p);
        }
    }
}

#[test]
fn every_spec_and_readme_example_validates_against_the_schema() {
    let s = schema("spec");
    let tr = schema("translation");
    let mut files = vec![root().join("charts.toml")];
    for d in ["examples", "tests/cases", "assets/init"] {
        specs(&root().join(d), &mut files);
    }
    assert!(files.len() > 25, "{files:?}");
    let mut problems = Vec::new();
    for f in &files {
        problems.extend(check(
            &s,
            &f.display().to_string(),
            &std::fs::read_to_string(f).unwrap(),
        ));
    }
    // The README's whole examples: each ```toml block that starts with a table header.
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let mut blocks = 0;
    for (i, block) in readme.split("```toml\n").skip(1).enumerate() {
        let body = block.split("\n```").next().unwrap();
        let first = body
            .lines()
            .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
            .unwrap_or("");
        if first.starts_with('[') {
            blocks += 1;
            // A translation file's example is the one with a `[text]` table.
            let which = if body.lines().any(|l| l.starts_with("[text]")) {
                &tr
            } else {
                &s
            };
            problems.extend(check(
                which,
                &format!("README.md toml block {}", i + 1),
                body,
            ));
        }
    }
    assert!(blocks >= 10, "{blocks} README examples");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_theme_file_validates_against_the_theme_schema() {
    let s = schema("theme");
    let mut files = Vec::new();
    for d in ["assets/themes", "examples/journal/themes"] {
        for e in std::fs::read_dir(root().join(d)).unwrap().flatten() {
            files.push(e.path());
        }
    }
    assert!(files.len() >= 3, "{files:?}");
    let mut problems = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        assert!(
            text.starts_with("#:schema "),
            "{} names no schema",
            f.display()
        );
        problems.extend(check(&s, &f.display().to_string(), &text));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let refused = check(&s, "t.toml", "[ink]\ntext = \"#000000\"\ncolour = 1\n");
    assert!(
        refused.len() == 1 && refused[0].starts_with("t.toml: /ink"),
        "{refused:?}"
    );
}

#[test]
fn the_translation_schema_takes_the_japanese_translation() {
    let s = schema("translation");
    let text = std::fs::read_to_string(root().join("translations/ja.toml")).unwrap();
    let problems = check(&s, "translations/ja.toml", &text);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn an_unknown_key_is_refused_by_the_schema_and_by_validate() {
    let s = schema("spec");
    let text = "[[chart]]\nid = \"a\"\nkind = \"bar\"\ntitle = \"A\"\ndata = \"a.csv\"\nx = { field = \"k\" }\ny = { field = \"v\" }\ncolour = \"red\"\n";
    let problems = check(&s, "charts.toml", text);
    assert_eq!(problems, vec!["charts.toml: /chart/0/colour: unknown key"]);
    // A kind the schema does not list is refused too.
    let bad_kind = text
        .replace("kind = \"bar\"", "kind = \"pie\"")
        .replace("colour = \"red\"\n", "");
    assert_eq!(check(&s, "charts.toml", &bad_kind).len(), 1);

    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("charts.toml"), text).unwrap();
    std::fs::write(tmp.path().join("a.csv"), "k,v\na,1\n").unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_chartbook"))
        .args(["validate"])
        .current_dir(tmp.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("colour"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn the_committed_schema_is_the_one_chartbook_prints() {
    let printed = Command::new(env!("CARGO_BIN_EXE_chartbook"))
        .args(["schema"])
        .output()
        .unwrap()
        .stdout;
    let committed = std::fs::read(root().join("charts.schema.json")).unwrap();
    assert!(
        printed == committed,
        "charts.schema.json is stale: run `chartbook schema > charts.schema.json`"
    );
    let spec = std::fs::read_to_string(root().join("charts.toml")).unwrap();
    assert!(spec.starts_with("#:schema ./charts.schema.json\n"));
    let printed = Command::new(env!("CARGO_BIN_EXE_chartbook"))
        .args(["schema", "theme"])
        .output()
        .unwrap()
        .stdout;
    let committed = std::fs::read(root().join("theme.schema.json")).unwrap();
    assert!(
        printed == committed,
        "theme.schema.json is stale: run `chartbook schema theme > theme.schema.json`"
    );
}
