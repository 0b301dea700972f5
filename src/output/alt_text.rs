//! `output/alt-text.md`: every figure's alt text (the SVG's `<title>` and `<desc>`) in one
//! file, under the label the handout gives it, for editors who place the figures elsewhere.

use crate::spec::hygiene::md;
use crate::spec::Spec;

/// The file's name in the output folder.
pub const FILE: &str = "alt-text.md";

/// The alt text of every chart, in spec order.
pub fn markdown(spec: &Spec) -> String {
    let labels = crate::handout::labels::assign(&spec.charts, spec.lang());
    let w = spec.lang().words();
    let mut out = String::new();
    // Every user string is written as Markdown text that cannot start markup.
    let title = md(spec.report.title.trim());
    out.push_str(&format!("# {}", w.alt_text));
    if !title.is_empty() {
        out.push_str(&format!(": {title}"));
    }
    out.push_str(&format!("\n\n{}\n", w.alt_text_intro));
    for (c, label) in spec.charts.iter().zip(&labels) {
        out.push_str(&format!("\n## {}: {}\n\n", md(label), md(c.title.trim())));
        out.push_str(&format!(
            "{}: `svg/{1}.svg`, `png/{1}.png`\n\n",
            w.files, c.id
        ));
        out.push_str(&md(&crate::model::describe::describe(c, spec.lang())));
        out.push('\n');
    }
    out
}

/// What the file is made from, for the manifest: its own text and the tool.
pub fn inputs(md: &str) -> String {
    super::manifest::hash_parts(&[super::manifest::TOOL, "alt-text", md])
}
