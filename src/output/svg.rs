//! Finishing the SVG that plotters drew: the canvas size, `role="img"`, a `<title>` and a
//! `<desc>` for screen readers, a `<metadata>` block saying where the numbers come from (data
//! files with their hashes, the paper's endnotes, the tool), and nothing that refers outside
//! the file.

use crate::model::figure::Figure;

#[cfg(test)]
mod tests {
    #[test]
    fn a_shortened_label_carries_its_full_text_as_a_title() {
        let body = "<text x=\"1\">\nSleeping pills…\n</text>\n<text x=\"2\">\nA &amp; B\n</text>";
        let out = super::with_full_labels(
            body,
            &[("Sleeping pills…".into(), "Sleeping pills & agents".into())],
        );
        assert_eq!(
            out,
            "<text x=\"1\"><title>Sleeping pills &amp; agents</title>\nSleeping pills…\n</text>\n<text x=\"2\">\nA &amp; B\n</text>"
        );
    }
}
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

/// Where a chart's numbers come from, for its `<metadata>`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Provenance {
    /// (data path as written in the spec, SHA-256 of the file's text).
    pub data: Vec<(String, String)>,
    /// The endnotes the chart and its data rows cite, in order.
    pub endnotes: Vec<u32>,
}

impl Provenance {
    /// The provenance of `chart`.
    pub fn of(chart: &crate::spec::Chart) -> Provenance {
        let mut endnotes: Vec<u32> = chart.footnotes.clone();
        endnotes.extend(
            crate::spec::endnote_cells(&chart.data)
                .into_iter()
                .map(|(n, _, _)| n),
        );
        endnotes.sort_unstable();
        endnotes.dedup();
        Provenance {
            data: vec![(
                chart.data_path.clone(),
                super::manifest::sha256_hex(chart.data.source.as_bytes()),
            )],
            endnotes,
        }
    }

    fn to_xml(&self) -> String {
        let mut s = format!(
            "<metadata><cb:provenance xmlns:cb=\"urn:chartbook:provenance\" tool=\"chartbook {}\">",
            env!("CARGO_PKG_VERSION")
        );
        for (path, hash) in &self.data {
            s.push_str(&format!(
                "<cb:data path=\"{}\" sha256=\"{hash}\"/>",
                escape(path)
            ));
        }
        if !self.endnotes.is_empty() {
            let list: Vec<String> = self.endnotes.iter().map(u32::to_string).collect();
            s.push_str(&format!("<cb:endnotes>{}</cb:endnotes>", list.join(" ")));
        }
        s.push_str("</cb:provenance></metadata>");
        s
    }
}

/// Replaces plotters' opening `<svg>` tag with ours and adds the title, description and
/// provenance.
pub fn finish(drawn: &str, fig: &Figure, id: &str, provenance: &Provenance) -> String {
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
        "<desc id=\"{id}-desc\">{}</desc>\n",
        escape(&fig.desc)
    ));
    out.push_str(&provenance.to_xml());
    out.push_str(&with_full_labels(body, &fig.shortened));
    out
}

/// Gives each label the collision step shortened a `<title>` with its full text, so that
/// hovering or a screen reader still finds it.
fn with_full_labels(body: &str, shortened: &[(String, String)]) -> String {
    let mut out = body.to_string();
    for (short, full) in shortened {
        let drawn = format!(">\n{}\n</text>", escape(short));
        if let Some(i) = out.find(&drawn) {
            let titled = format!(
                "><title>{}</title>\n{}\n</text>",
                escape(full),
                escape(short)
            );
            out.replace_range(i..i + drawn.len(), &titled);
        }
    }
    out
}
