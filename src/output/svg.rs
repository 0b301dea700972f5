//! Finishing the SVG that plotters drew: the canvas size, `role="img"`, a `<title>` and a
//! `<desc>` for screen readers, a `<metadata>` block saying where the numbers come from (data
//! files with their hashes, the paper's endnotes, the tool), and nothing that refers outside
//! the file.

use crate::model::figure::Figure;

#[cfg(test)]
mod tests {
    #[test]
    fn a_shortened_label_carries_its_full_text_as_a_title() {
        let body = "<text x=\"1\">Sleeping pills…</text>\n<text x=\"2\">A &amp; B</text>";
        let out = super::with_full_labels(
            body,
            &[("Sleeping pills…".into(), "Sleeping pills & agents".into())],
        );
        assert_eq!(
            out,
            "<text x=\"1\"><title>Sleeping pills &amp; agents</title>Sleeping pills…</text>\n<text x=\"2\">A &amp; B</text>"
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
    // A print figure states its size in mm (to the hundredth), so that an editor or a
    // layout program places it at that size; the viewBox keeps the px grid.
    let (w, h) = if fig.physical {
        let mm = |px: f64| format!("{}mm", (px * 2540.0 / 96.0).round() / 100.0);
        (mm(fig.width), mm(fig.height))
    } else {
        (
            fig.width.round().to_string(),
            fig.height.round().to_string(),
        )
    };
    let mut out = String::with_capacity(drawn.len() + 512);
    out.push_str(&format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {} {}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" xml:lang=\"{}\" font-family=\"{}\">\n",
        canvas_units(fig.width),
        canvas_units(fig.height),
        fig.lang.tag(),
        crate::render::family_list(crate::fonts::current().file(crate::fonts::Face::Regular)),
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

/// `svg` with `style` (the embedded fonts) after its metadata, before anything drawn.
pub fn with_style(svg: &str, style: &str) -> String {
    match svg.find("</metadata>\n") {
        Some(i) => {
            let at = i + "</metadata>\n".len();
            format!("{}{style}{}", &svg[..at], &svg[at..])
        }
        None => svg.to_string(),
    }
}

/// `svg` without the `<style>` of [`with_style`]: what the rasteriser reads.
pub fn without_style(svg: &str) -> std::borrow::Cow<'_, str> {
    match (svg.find("<style>"), svg.find("</style>\n")) {
        (Some(a), Some(b)) if a < b => {
            std::borrow::Cow::Owned(format!("{}{}", &svg[..a], &svg[b + "</style>\n".len()..]))
        }
        _ => std::borrow::Cow::Borrowed(svg),
    }
}

/// `svg` with its text drawn as glyph outlines (as the rasteriser shapes it): the drawing
/// from usvg's writer under our own root element, `<title>`, `<desc>` and metadata.
pub fn outlined(svg: &str, tree: &usvg::Tree) -> String {
    let opts = usvg::WriteOptions {
        preserve_text: false,
        // Drawing units are a quarter pixel: a tenth of one is finer than any screen or press.
        coordinates_precision: 1,
        transforms_precision: 6,
        indent: usvg::Indent::None,
        attributes_indent: usvg::Indent::None,
        ..Default::default()
    };
    let drawn = tree.to_string(&opts);
    let body = drawn
        .find('>')
        .filter(|_| drawn.starts_with("<svg"))
        .map_or(drawn.as_str(), |i| &drawn[i + 1..]);
    let head_end = svg
        .find("</metadata>\n")
        .map_or(0, |i| i + "</metadata>\n".len());
    // Our root names fonts for text, which the outlines need none of; usvg's drawing is in
    // CSS px, not our finer drawing units.
    let size = tree.size();
    let ours = format!(
        "viewBox=\"0 0 {} {}\"",
        crate::render::canvas_units(f64::from(size.width())),
        crate::render::canvas_units(f64::from(size.height()))
    );
    let head = svg[..head_end]
        .replacen(
            &format!(
                " font-family=\"{}\"",
                crate::render::family_list(
                    crate::fonts::current().file(crate::fonts::Face::Regular)
                )
            ),
            "",
            1,
        )
        .replacen(
            &ours,
            &format!("viewBox=\"0 0 {} {}\"", size.width(), size.height()),
            1,
        );
    format!("{head}{}", body.trim_start())
}

/// Gives each label the collision step shortened a `<title>` with its full text, so that
/// hovering or a screen reader still finds it.
fn with_full_labels(body: &str, shortened: &[(String, String)]) -> String {
    let mut out = body.to_string();
    for (short, full) in shortened {
        let drawn = format!(">{}</text>", escape(short));
        if let Some(i) = out.find(&drawn) {
            let titled = format!("><title>{}</title>{}</text>", escape(full), escape(short));
            out.replace_range(i..i + drawn.len(), &titled);
        }
    }
    out
}
