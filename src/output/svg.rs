//! Finishing the SVG that plotters drew: the canvas size, `role="img"`, a `<title>` and a
//! `<desc>` for screen readers, and nothing that refers outside the file.

use crate::model::figure::Figure;
use crate::render::canvas_units;

/// Escapes text for XML content and attributes.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// Replaces plotters' opening `<svg>` tag with ours and adds the title and description.
pub fn finish(drawn: &str, fig: &Figure, id: &str) -> String {
    let body = match drawn.find('>') {
        Some(i) if drawn.starts_with("<svg") => &drawn[i + 1..],
        _ => drawn,
    };
    let w = fig.width.round();
    let h = fig.height.round();
    let mut out = String::with_capacity(drawn.len() + 512);
    out.push_str(&format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {} {}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" font-family=\"{}\">\n",
        canvas_units(fig.width),
        canvas_units(fig.height),
        crate::fonts::FAMILY,
    ));
    out.push_str(&format!(
        "<title id=\"{id}-title\">{}</title>\n",
        escape(&fig.title)
    ));
    out.push_str(&format!(
        "<desc id=\"{id}-desc\">{}</desc>",
        escape(&fig.desc)
    ));
    out.push_str(body);
    out
}
