//! `index.html`: one page per edition with every chart in spec order under its section
//! headings. Figures are their SVGs (a phone-width layout picked by the screen's width) with
//! their alt text, links to their files and their numbers as a table; tables and text boxes
//! are real HTML text; then the endnotes the charts cite. The page's fonts are embedded
//! subsets, so it makes no request outside its folder and runs no script.

use std::fmt::Write as _;

use super::{DATA_DIR, PHONE_DIR, PHONE_MAX_SCREEN};
use crate::fonts::Face;
use crate::model::frame::footer_lines;
use crate::model::{describe, table, textbox};
use crate::output::svg::escape;
use crate::output::webfont::{self, FontsUsed};
use crate::output::Formats;
use crate::spec::{Align, Body, Chart, Spec, TableChart, TextStyle};

/// The page's own words in one language.
struct Words {
    handout: &'static str,
    data: &'static str,
    numbers: &'static str,
    files: &'static str,
}

const EN: Words = Words {
    handout: "Handout (PDF)",
    data: "Data (CSV)",
    numbers: "The numbers",
    files: "Files:",
};

const JA: Words = Words {
    handout: "配布資料（PDF）",
    data: "データ（CSV）",
    numbers: "数値",
    files: "ファイル：",
};

/// A language's name in itself, for the links between editions.
fn autonym(code: &str) -> &str {
    match code {
        "en" => "English",
        "ja" => "日本語",
        other => other,
    }
}

/// The page of `spec`'s edition; `editions` are the other editions (language, folder).
pub fn page(
    spec: &Spec,
    formats: Formats,
    editions: &[(String, String)],
) -> Result<String, String> {
    // Set in the theme's fonts, as the figures are.
    crate::style::scoped(&spec.theme, || {
        page_in_style(spec, formats, editions, webfont::font_faces)
    })
}

/// What the page is made from, for the manifest ([`super::inputs`]): the page with each
/// embedded font subset replaced by what makes it (the font and the characters it keeps;
/// the bundled fonts and the subsetter are the tool's, in [`crate::output::manifest::TOOL`]),
/// so that `check` knows the page is current without subsetting a font.
pub fn inputs(
    spec: &Spec,
    formats: Formats,
    editions: &[(String, String)],
) -> Result<String, String> {
    let described = crate::style::scoped(&spec.theme, || {
        page_in_style(spec, formats, editions, |used| Ok(webfont::describe(used)))
    })?;
    Ok(super::inputs(&described))
}

fn page_in_style(
    spec: &Spec,
    formats: Formats,
    editions: &[(String, String)],
    font_faces: impl Fn(&FontsUsed) -> Result<String, String>,
) -> Result<String, String> {
    let lang = spec.lang();
    let w = lang.words();
    let ww = if w.ja { &JA } else { &EN };
    let labels = crate::handout::labels::assign(&spec.charts, lang);
    let source = spec.report.source_name.as_deref();

    let mut body = String::new();
    // The masthead.
    let r = &spec.report;
    body.push_str("<header class=\"masthead\">\n");
    if !r.publisher.trim().is_empty() {
        let _ = writeln!(body, "<p class=\"publisher\">{}</p>", escape(&r.publisher));
    }
    let _ = writeln!(body, "<h1>{}</h1>", escape(&r.title));
    if !r.subtitle.trim().is_empty() {
        let _ = writeln!(body, "<p class=\"subtitle\">{}</p>", escape(&r.subtitle));
    }
    let by: Vec<String> = r.authors.iter().map(|a| escape(a)).collect();
    let sep = if w.ja { "、" } else { ", " };
    let byline: Vec<String> = [by.join(sep), escape(&r.date)]
        .into_iter()
        .filter(|s| !s.trim().is_empty())
        .collect();
    if !byline.is_empty() {
        let _ = writeln!(body, "<p class=\"byline\">{}</p>", byline.join(" · "));
    }
    let mut links = Vec::new();
    if formats.pdf {
        links.push(format!("<a href=\"report.pdf\">{}</a>", ww.handout));
    }
    for (code, dir) in editions {
        links.push(format!(
            "<a href=\"{}{}\" hreflang=\"{code}\" lang=\"{code}\">{}</a>",
            escape(dir),
            super::FILE,
            escape(autonym(code))
        ));
    }
    if !links.is_empty() {
        let _ = writeln!(body, "<p class=\"links\">{}</p>", links.join(" · "));
    }
    body.push_str("</header>\n");

    // The contents.
    let _ = writeln!(
        body,
        "<nav class=\"contents\" aria-labelledby=\"contents\">\n<h2 id=\"contents\">{}</h2>\n<ol>",
        escape(w.contents)
    );
    let mut open = false;
    for (c, label) in spec.charts.iter().zip(&labels) {
        if let Some(s) = &c.section {
            if open {
                body.push_str("</ol></li>\n");
            }
            let _ = write!(body, "<li>{}<ol>", escape(s));
            open = true;
        }
        let _ = write!(
            body,
            "<li><a href=\"#{}\">{}{}{}</a></li>",
            c.id,
            escape(label),
            if w.ja { "　" } else { ": " },
            escape(&c.title)
        );
    }
    if open {
        body.push_str("</ol></li>\n");
    }
    let cited = spec.cited_sources();
    if !cited.is_empty() {
        let _ = write!(
            body,
            "<li><a href=\"#sources\">{}</a></li>",
            escape(w.sources)
        );
    }
    body.push_str("</ol>\n</nav>\n<main>\n");

    // Every chart.
    for (c, label) in spec.charts.iter().zip(&labels) {
        if let Some(s) = &c.section {
            let _ = writeln!(body, "<h2 class=\"section\">{}</h2>", escape(s));
        }
        match &c.body {
            Body::Table(tb) => text_figure(&mut body, c, label, Some(tb), spec, formats, ww),
            Body::Text(_) => text_figure(&mut body, c, label, None, spec, formats, ww),
            _ => figure(&mut body, c, label, spec, formats, ww),
        }
    }

    // The endnotes the charts cite.
    if !cited.is_empty() {
        let _ = writeln!(
            body,
            "<section class=\"sources\" aria-labelledby=\"sources\">\n<h2 id=\"sources\" class=\"section\">{}</h2>\n<p>{}</p>\n<ol>",
            escape(w.sources),
            escape(&w.with_source(w.sources_intro, source))
        );
        for e in cited {
            let _ = writeln!(
                body,
                "<li value=\"{0}\" id=\"note-{0}\">{1}</li>",
                e.number,
                linked(&spec.endnote_text(e))
            );
        }
        body.push_str("</ol>\n</section>\n");
    }
    body.push_str("</main>\n");

    let fonts = font_faces(&webfont::used_by(&body, &[Face::Regular, Face::Bold]))?;
    let mut out = String::with_capacity(body.len() + fonts.len() + 4096);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>{}</title>\n",
        escape(&r.lang),
        escape(&r.title)
    );
    if !r.subject.trim().is_empty() {
        let _ = writeln!(
            out,
            "<meta name=\"description\" content=\"{}\"/>",
            escape(&r.subject)
        );
    }
    let _ = writeln!(
        out,
        "<meta name=\"generator\" content=\"chartbook {}\"/>",
        env!("CARGO_PKG_VERSION")
    );
    let _ = writeln!(
        out,
        "<style>{fonts}\n{}</style>\n</head>\n<body>",
        css(spec)
    );
    out.push_str(&body);
    out.push_str("</body>\n</html>\n");
    Ok(out)
}

/// The page's style: the theme's colours, body family and the figures' type sizes (never
/// below the house sizes: a theme's print sizes in pt would be small on a screen).
fn css(spec: &Spec) -> String {
    let t = &spec.theme;
    let house = crate::spec::theme::TypeScale::HOUSE;
    let accent = crate::handout::style::ACCENT;
    let list =
        crate::render::family_list(crate::fonts::current().file(crate::fonts::Face::Regular));
    let (first, generic) = list.rsplit_once(", ").unwrap_or((&list, "sans-serif"));
    format!(
        ":root{{--font:{first},\"{}\",{generic};--ink:{};--muted:{};--grid:{};--axis:{};--shade:{};--paper:{};--accent:{};--title:{}px;--subtitle:{}px;--note:{}px;--cell:{}px}}\n{}",
        crate::fonts::JA_FAMILY,
        t.ink.css(),
        t.muted.css(),
        t.grid.css(),
        t.axis.css(),
        t.shade.css(),
        t.paper.css(),
        accent.css(),
        t.text.title.max(house.title),
        t.text.subtitle.max(house.subtitle),
        t.text.note.max(house.note),
        t.text.label.max(house.label),
        include_str!("style.css")
    )
}

/// The links under a chart: its data, its PNG and its SVG, as far as this build writes them.
fn files(out: &mut String, c: &Chart, formats: Formats, ww: &Words) {
    let mut links = vec![format!(
        "<a href=\"{DATA_DIR}{}.csv\" download=\"\">{}</a>",
        c.id, ww.data
    )];
    if formats.png {
        links.push(format!("<a href=\"png/{}.png\">PNG</a>", c.id));
    }
    if formats.svg {
        links.push(format!("<a href=\"svg/{}.svg\">SVG</a>", c.id));
    }
    let _ = writeln!(
        out,
        "<p class=\"files\">{} {}</p>",
        ww.files,
        links.join(" · ")
    );
}

/// A chart drawn as a figure: its kicker and title as the heading (the title is in the
/// picture too, so it is there for screen readers only), the picture, its files, and the
/// numbers it draws as a table that opens on demand.
fn figure(out: &mut String, c: &Chart, label: &str, spec: &Spec, formats: Formats, ww: &Words) {
    let lang = spec.lang();
    let id = &c.id;
    let _ = writeln!(
        out,
        "<figure class=\"chart\" id=\"{id}\" aria-labelledby=\"{id}-h\">\n<h3 id=\"{id}-h\"><span class=\"kicker\">{}</span><span class=\"vh\">: {}</span></h3>",
        escape(label),
        escape(&c.title)
    );
    let _ = writeln!(
        out,
        "<picture><source media=\"(max-width: {PHONE_MAX_SCREEN}px)\" srcset=\"{PHONE_DIR}{id}.svg\"/><img src=\"svg/{id}.svg\" alt=\"{}\"/></picture>",
        escape(&describe::describe(c, lang))
    );
    out.push_str("<figcaption>\n");
    files(out, c, formats, ww);
    if let Some(t) = table::behind(c, lang) {
        if let Body::Table(tb) = &t.body {
            let _ = writeln!(out, "<details><summary>{}</summary>", escape(ww.numbers));
            html_table(out, &t, tb);
            for n in &t.notes {
                let _ = writeln!(out, "<p class=\"note\">{}</p>", escape(n));
            }
            out.push_str("</details>\n");
        }
    }
    out.push_str("</figcaption>\n</figure>\n");
}

/// A table (`table`) or a text box (`tb` is `None`) as HTML text, styled as the figures are.
fn text_figure(
    out: &mut String,
    c: &Chart,
    label: &str,
    tb: Option<&TableChart>,
    spec: &Spec,
    formats: Formats,
    ww: &Words,
) {
    let id = &c.id;
    let class = if tb.is_some() { "table" } else { "box" };
    let _ = writeln!(
        out,
        "<figure class=\"{class}\" id=\"{id}\" aria-labelledby=\"{id}-h\">\n<h3 id=\"{id}-h\"><span class=\"kicker\">{}</span><span class=\"title\">{}</span></h3>",
        escape(label),
        escape(&c.title)
    );
    if let Some(s) = &c.subtitle {
        let _ = writeln!(out, "<p class=\"subtitle\">{}</p>", escape(s));
    }
    match (tb, &c.body) {
        (Some(tb), _) => html_table(out, c, tb),
        (None, Body::Text(tx)) => {
            let items = textbox::items(c, tx);
            let (open, close) = match tx.style {
                TextStyle::Bullets => ("<ul>", "</ul>"),
                TextStyle::Numbered => ("<ol>", "</ol>"),
                TextStyle::Paragraphs => ("<div class=\"paras\">", "</div>"),
            };
            out.push_str(open);
            for it in items {
                let tag = if tx.style == TextStyle::Paragraphs {
                    "p"
                } else {
                    "li"
                };
                let _ = write!(out, "<{tag}>{}</{tag}>", escape(&it));
            }
            out.push_str(close);
            out.push('\n');
        }
        (None, _) => {}
    }
    out.push_str("<figcaption>\n");
    for (line, _) in footer_lines(c, &[], spec.lang(), spec.report.source_name.as_deref()) {
        let _ = writeln!(out, "<p class=\"note\">{}</p>", escape(&line));
    }
    files(out, c, formats, ww);
    out.push_str("</figcaption>\n</figure>\n");
}

/// A table's cells as the figure prints them, numbers right-aligned; the first column heads
/// its row. Wide tables become cards on a phone, and scroll inside their box, never the page.
fn html_table(out: &mut String, c: &Chart, tb: &TableChart) {
    let texts = table::cell_texts(c, tb);
    let class = |j: usize| match tb.columns.get(j).map(|col| col.align) {
        Some(Align::Right) => " class=\"r\"",
        Some(Align::Center) => " class=\"c\"",
        _ => "",
    };
    // More than three columns do not fit a phone side by side: there each row becomes a
    // card of "column: value" lines (CSS only).
    let stack = if tb.columns.len() > 3 {
        " class=\"stack\""
    } else {
        ""
    };
    let _ = write!(out, "<div class=\"scroll\"><table{stack}>\n<thead><tr>");
    for (j, col) in tb.columns.iter().enumerate() {
        let _ = write!(
            out,
            "<th scope=\"col\"{}>{}</th>",
            class(j),
            escape(&col.title)
        );
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &texts {
        out.push_str("<tr>");
        for (j, cell) in row.iter().enumerate() {
            if j == 0 {
                let _ = write!(out, "<th scope=\"row\"{}>{}</th>", class(j), escape(cell));
            } else {
                let head = tb.columns.get(j).map_or("", |col| col.title.as_str());
                let _ = write!(
                    out,
                    "<td data-label=\"{}\"{}>{}</td>",
                    escape(head),
                    class(j),
                    escape(cell)
                );
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table></div>\n");
}

/// Text with its web addresses as links (escaped; trailing punctuation left outside).
fn linked(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = ["https://", "http://"]
        .iter()
        .filter_map(|p| rest.find(p))
        .min()
    {
        out.push_str(&escape(&rest[..at]));
        let tail = &rest[at..];
        let end = tail
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '）' | '、' | '。'))
            .unwrap_or(tail.len());
        let url = tail[..end].trim_end_matches(['.', ',', ';', ':', ')', ']']);
        let _ = write!(out, "<a href=\"{0}\">{0}</a>", escape(url));
        rest = &tail[url.len()..];
    }
    out.push_str(&escape(rest));
    out
}

#[cfg(test)]
mod tests {
    use super::linked;

    #[test]
    fn addresses_become_links_without_their_trailing_stop() {
        assert_eq!(
            linked("See https://example.org/a?b=1&c=2. Then"),
            "See <a href=\"https://example.org/a?b=1&amp;c=2\">https://example.org/a?b=1&amp;c=2</a>. Then"
        );
        assert_eq!(linked("no <links>"), "no &lt;links&gt;");
        assert_eq!(
            linked("(http://a.jp/x)"),
            "(<a href=\"http://a.jp/x\">http://a.jp/x</a>)"
        );
    }
}
