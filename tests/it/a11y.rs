//! Accessibility of the outputs: every SVG is an image with a title and a description written
//! from its data, and output/alt-text.md gives the same words for every figure.

use std::path::Path;
use std::process::Command;

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

fn between<'a>(s: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let i = s.find(open)? + open.len();
    let j = s[i..].find(close)? + i;
    Some(&s[i..j])
}

#[test]
fn every_svg_is_described_and_the_alt_text_file_matches() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_chartbook"))
        .current_dir(root)
        .args(["build", "--quiet", "--formats", "svg", "--out"])
        .arg(out.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let md = std::fs::read_to_string(out.path().join("alt-text.md")).unwrap();
    let loaded = chartbook::load(&root.join("charts.toml")).unwrap();
    assert!(loaded.spec.charts.len() >= 16);
    for c in &loaded.spec.charts {
        let svg = std::fs::read_to_string(out.path().join(format!("svg/{}.svg", c.id))).unwrap();
        let head = svg.lines().next().unwrap();
        assert!(head.contains("role=\"img\""), "{}", c.id);
        assert!(
            head.contains(&format!("aria-labelledby=\"{0}-title {0}-desc\"", c.id)),
            "{head}"
        );
        let title =
            unescape(between(&svg, &format!("<title id=\"{}-title\">", c.id), "</title>").unwrap());
        let desc =
            unescape(between(&svg, &format!("<desc id=\"{}-desc\">", c.id), "</desc>").unwrap());
        assert_eq!(title, c.title);
        assert!(desc.len() > 40, "{}: {desc}", c.id);
        // The description says the numbers in words, never a bare "<".
        assert!(!desc.contains('<'), "{}: {desc}", c.id);
        assert!(
            md.contains(&format!(": {}\n", c.title)),
            "alt-text.md lacks {}",
            c.id
        );
        assert!(
            md.contains(&format!("\n{desc}\n")),
            "alt-text.md lacks the desc of {}",
            c.id
        );
        assert!(md.contains(&format!("`svg/{}.svg`", c.id)));
    }
    // A chart of the data with a censored value says it in words.
    assert!(md.contains("Heroin less than 0.1%"), "{md}");
}
