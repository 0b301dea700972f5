//! The PDF handout, built through the real binary and read back with lopdf: pages, metadata,
//! outline, every caption, source, table cell and Box line as text (inside figures too),
//! embedded subset fonts, no images, identical bytes on every build. Where poppler-utils and
//! qpdf are installed (CI installs them and sets CHARTBOOK_REQUIRE_PDF_TOOLS=1), the file is
//! also checked the way a print shop would: `qpdf --check`, pdffonts, pdfimages, pdftotext.

use crate::common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chartbook::handout;
use chartbook::spec::{LoadedSpec, PageSize};
use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str], dir: &Path, env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_chartbook"));
    c.args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("binary runs")
}

fn build(dir: &Path, out: &Path, env: &[(&str, &str)]) -> Vec<u8> {
    let o = run(
        &[
            "build",
            "--out",
            out.to_str().unwrap(),
            "--formats",
            "svg,pdf",
        ],
        dir,
        env,
    );
    assert!(
        o.status.success(),
        "build failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    std::fs::read(out.join("report.pdf")).expect("report.pdf written")
}

fn briefing() -> LoadedSpec {
    chartbook::spec::load(&root().join("charts.toml")).expect("briefing loads")
}

/// Whitespace removed: lines wrap differently in the PDF than in the spec.
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A font's ToUnicode map, read here (lopdf's own reader rejects the `%%` comments that
/// pdf-writer puts in standard CMaps; poppler and Acrobat do not).
fn to_unicode(doc: &Document, font: &Dictionary) -> Option<BTreeMap<u32, String>> {
    let id = font.get(b"ToUnicode").ok()?.as_reference().ok()?;
    let s = doc.get_object(id).ok()?.as_stream().ok()?;
    let body = s
        .decompressed_content()
        .unwrap_or_else(|_| s.content.clone());
    let text = String::from_utf8_lossy(&body).to_string();
    let hex = |h: &str| u32::from_str_radix(h.trim_matches(|c| c == '<' || c == '>'), 16).ok();
    let uni = |h: &str| -> String {
        let h = h.trim_matches(|c| c == '<' || c == '>');
        let units: Vec<u16> = (0..h.len() / 4)
            .filter_map(|i| u16::from_str_radix(&h[i * 4..i * 4 + 4], 16).ok())
            .collect();
        String::from_utf16_lossy(&units)
    };
    let mut map = BTreeMap::new();
    let mut mode = "";
    for line in text.lines() {
        let l = line.trim();
        if l.ends_with("beginbfchar") {
            mode = "char";
        } else if l.ends_with("beginbfrange") {
            mode = "range";
        } else if l.starts_with("end") {
            mode = "";
        } else {
            let parts: Vec<&str> = l.split_whitespace().collect();
            match (mode, parts.as_slice()) {
                ("char", [code, u]) => {
                    map.insert(hex(code)?, uni(u));
                }
                ("range", [lo, hi, u]) if u.starts_with('<') => {
                    let (lo, hi) = (hex(lo)?, hex(hi)?);
                    let base = uni(u).chars().next()? as u32;
                    for (k, code) in (lo..=hi).enumerate() {
                        map.insert(code, char::from_u32(base + k as u32)?.to_string());
                    }
                }
                _ => {}
            }
        }
    }
    Some(map)
}

/// The text of a content stream and of every Form XObject it draws, decoded through each
/// font's ToUnicode map (two-byte codes: every font here is Identity-H).
fn stream_text(doc: &Document, content: &[u8], resources: &Dictionary, out: &mut String) {
    let deref = |o: &Object| -> Option<Dictionary> {
        match o {
            Object::Reference(id) => doc.get_dictionary(*id).ok().cloned(),
            Object::Dictionary(d) => Some(d.clone()),
            _ => None,
        }
    };
    let font_dicts: BTreeMap<Vec<u8>, Dictionary> = resources
        .get(b"Font")
        .ok()
        .and_then(deref)
        .map(|f| {
            f.iter()
                .filter_map(|(k, v)| Some((k.clone(), deref(v)?)))
                .collect()
        })
        .unwrap_or_default();
    let fonts: BTreeMap<&Vec<u8>, BTreeMap<u32, String>> = font_dicts
        .iter()
        .map(|(k, f)| {
            (
                k,
                to_unicode(doc, f).expect("every font has a ToUnicode map"),
            )
        })
        .collect();
    let xobjects = resources.get(b"XObject").ok().and_then(deref);
    let Ok(ops) = Content::decode(content) else {
        return;
    };
    let mut enc: Option<&BTreeMap<u32, String>> = None;
    for op in &ops.operations {
        match op.operator.as_str() {
            "Tf" => {
                enc = op
                    .operands
                    .first()
                    .and_then(|n| n.as_name().ok())
                    .and_then(|n| fonts.get(&n.to_vec()));
            }
            "Tj" | "TJ" => {
                let mut parts = Vec::new();
                for o in &op.operands {
                    match o {
                        Object::String(b, _) => parts.push(b.clone()),
                        Object::Array(a) => a.iter().for_each(|x| {
                            if let Object::String(b, _) = x {
                                parts.push(b.clone());
                            }
                        }),
                        _ => {}
                    }
                }
                let e = enc.expect("text is shown with a font set");
                for p in parts {
                    for pair in p.chunks(2) {
                        let code = pair.iter().fold(0u32, |a, b| a << 8 | u32::from(*b));
                        out.push_str(e.get(&code).map_or("\u{FFFD}", String::as_str));
                    }
                }
                out.push(' ');
            }
            "ET" => out.push('\n'),
            "Do" => {
                let name = op.operands.first().and_then(|n| n.as_name().ok());
                let target = name
                    .and_then(|n| xobjects.as_ref()?.get(n).ok()?.as_reference().ok())
                    .and_then(|id| doc.get_object(id).ok())
                    .and_then(|o| o.as_stream().ok());
                if let Some(s) = target {
                    let res = s
                        .dict
                        .get(b"Resources")
                        .ok()
                        .and_then(deref)
                        .unwrap_or_default();
                    let body = s
                        .decompressed_content()
                        .unwrap_or_else(|_| s.content.clone());
                    stream_text(doc, &body, &res, out);
                }
            }
            _ => {}
        }
    }
}

/// The text of each page.
fn page_texts(doc: &Document) -> Vec<String> {
    doc.get_pages()
        .values()
        .map(|id| {
            let mut s = String::new();
            let content = doc.get_page_content(*id).unwrap();
            let page = doc.get_dictionary(*id).unwrap();
            let res = match page.get(b"Resources").unwrap() {
                Object::Reference(r) => doc.get_dictionary(*r).unwrap().clone(),
                Object::Dictionary(d) => d.clone(),
                _ => Dictionary::new(),
            };
            stream_text(doc, &content, &res, &mut s);
            s
        })
        .collect()
}

fn info_string(doc: &Document, key: &[u8]) -> String {
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .and_then(|id| doc.get_dictionary(id))
        .expect("an Info dictionary");
    match info.get(key) {
        Ok(Object::String(b, _)) => decode_pdf_text(b),
        other => panic!("Info {}: {other:?}", String::from_utf8_lossy(key)),
    }
}

fn decode_pdf_text(b: &[u8]) -> String {
    if b.starts_with(&[0xFE, 0xFF]) {
        let units: Vec<u16> = b[2..]
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        String::from_utf8_lossy(b).to_string()
    }
}

/// The outline as (depth, title), depth first.
fn outline(doc: &Document) -> Vec<(usize, String)> {
    fn walk(doc: &Document, first: Option<ObjectId>, depth: usize, out: &mut Vec<(usize, String)>) {
        let mut cur = first;
        while let Some(id) = cur {
            let d = doc.get_dictionary(id).unwrap();
            if let Ok(Object::String(b, _)) = d.get(b"Title") {
                out.push((depth, decode_pdf_text(b)));
            }
            assert!(
                d.get(b"Dest").is_ok(),
                "every outline entry has a destination"
            );
            walk(
                doc,
                d.get(b"First").and_then(Object::as_reference).ok(),
                depth + 1,
                out,
            );
            cur = d.get(b"Next").and_then(Object::as_reference).ok();
        }
    }
    let cat = doc.catalog().unwrap();
    let root = cat.get(b"Outlines").and_then(Object::as_reference).unwrap();
    let first = doc
        .get_dictionary(root)
        .unwrap()
        .get(b"First")
        .and_then(Object::as_reference)
        .ok();
    let mut out = Vec::new();
    walk(doc, first, 0, &mut out);
    out
}

/// Width and height of each page's MediaBox.
fn page_sizes(doc: &Document) -> Vec<(f32, f32)> {
    doc.get_pages()
        .values()
        .map(|id| {
            let mb = doc
                .get_dictionary(*id)
                .unwrap()
                .get(b"MediaBox")
                .unwrap()
                .as_array()
                .unwrap();
            (mb[2].as_float().unwrap(), mb[3].as_float().unwrap())
        })
        .collect()
}

/// The briefing's handout as laid out, from each figure as drawn for the page.
fn laid_out(spec: &chartbook::spec::Spec) -> handout::Doc {
    let cx = chartbook::model::Context::of(spec);
    let sizes: Vec<Option<(f64, f64)>> = spec
        .charts
        .iter()
        .map(|c| {
            let r = chartbook::output::render_chart(c, &cx, None, true).unwrap();
            r.figure.map(|f| (f.width, f.height))
        })
        .collect();
    handout::layout(spec, &sizes, &[])
}

#[test]
fn no_page_of_either_edition_is_left_a_third_empty() {
    // The contents and the last page may end where they end; every other page is at least
    // two thirds full: a figure whose height is free is drawn shorter to end a page, and a
    // chart of rows closes its gaps, rather than leave the space of the next block.
    let loaded = briefing();
    for spec in std::iter::once(&loaded.spec).chain(&loaded.spec.editions) {
        let geo = handout::Geometry::of(spec.report.page);
        let room = geo.bottom - geo.top;
        let doc = laid_out(spec);
        let n = doc.pages.len();
        let first_body = doc
            .outline
            .iter()
            .map(|m| m.page)
            .filter(|p| *p > 1)
            .min()
            .unwrap();
        let mut emptiest = Vec::new();
        for (i, page) in doc.pages.iter().enumerate().take(n - 1).skip(first_body) {
            let lowest = page
                .items
                .iter()
                .map(|it| match it {
                    handout::PItem::Text { y, .. } => *y,
                    handout::PItem::Rect { y, h, .. } | handout::PItem::Figure { y, h, .. } => {
                        y + h
                    }
                    handout::PItem::Line { y1, y2, .. } => y1.max(*y2),
                })
                .filter(|y| *y <= geo.bottom + 1.0)
                .fold(geo.top, f64::max);
            let empty = (geo.bottom - lowest) / room;
            if empty > 1.0 / 3.0 {
                emptiest.push((i + 1, (empty * 100.0).round()));
            }
        }
        assert!(
            emptiest.is_empty(),
            "{}: pages (number, % empty): {emptiest:?}",
            spec.report.title
        );
    }
}

/// Page count the layout predicts for the briefing.
fn expected_pages(spec: &LoadedSpec) -> usize {
    laid_out(&spec.spec).pages.len()
}

#[test]
fn the_handout_holds_every_chart_as_text_with_metadata_and_outline() {
    let spec = briefing();
    let out = tempfile::tempdir().unwrap();
    let bytes = build(&root(), out.path(), &[]);
    assert!(bytes.len() < 2_000_000, "{} bytes", bytes.len());
    let doc = Document::load_mem(&bytes).unwrap();

    // Pages: as many as the layout says, A4, numbered "Page N of M" from page 2.
    let n = doc.get_pages().len();
    assert_eq!(n, expected_pages(&spec));
    assert!(n >= 8, "{n} pages");
    let texts = page_texts(&doc);
    for (i, t) in texts.iter().enumerate().skip(1) {
        assert!(
            t.contains(&format!("Page {} of {n}", i + 1)),
            "page {}: {t}",
            i + 1
        );
    }
    for (w, h) in page_sizes(&doc) {
        assert!(
            (w - 595.28).abs() < 0.1 && (h - 841.89).abs() < 0.1,
            "{w}x{h}"
        );
    }

    // Text: the title page, then every chart's label, title and source; every cell of every
    // table; every line of every text box.
    let all = squash(&texts.join("\n"));
    let r = &spec.spec.report;
    for s in [&r.title, &r.subtitle, &r.publisher, &r.date] {
        assert!(
            squash(&texts[0]).contains(&squash(s)),
            "title page lacks {s}"
        );
    }
    for a in &r.authors {
        assert!(
            squash(&texts[0]).contains(&squash(a)),
            "title page lacks {a}"
        );
    }
    let labels = handout::labels::assign(&spec.spec.charts, spec.spec.lang());
    for (c, label) in spec.spec.charts.iter().zip(&labels) {
        assert!(all.contains(&squash(label)), "{}: label {label}", c.id);
        assert!(all.contains(&squash(&c.title)), "{}: title", c.id);
        if let Some(s) = &c.source {
            let line = format!("Source: {}.", s.trim_end_matches('.'));
            assert!(all.contains(&squash(&line)), "{}: source", c.id);
        }
        for note in &c.notes {
            assert!(all.contains(&squash(note)), "{}: note {note}", c.id);
        }
        match &c.body {
            chartbook::spec::Body::Table(tb) => {
                for row in &c.data.rows {
                    for col in &tb.columns {
                        let cell = col.format.table_cell(&row.cells[col.col]);
                        assert!(all.contains(&squash(&cell)), "{}: cell {cell}", c.id);
                    }
                }
                for col in &tb.columns {
                    assert!(
                        all.contains(&squash(&col.title)),
                        "{}: header {}",
                        c.id,
                        col.title
                    );
                }
            }
            chartbook::spec::Body::Text(tx) => {
                for row in &c.data.rows {
                    if let Some(chartbook::data::Cell::Text(t)) = row.cells.get(tx.field) {
                        assert!(all.contains(&squash(t)), "{}: {t}", c.id);
                    }
                }
            }
            _ => {}
        }
    }
    // The contents list every chart with its page.
    assert!(texts[1].contains("Contents"));

    // Metadata and language.
    assert_eq!(info_string(&doc, b"Title"), r.title);
    assert_eq!(info_string(&doc, b"Author"), r.authors.join(", "));
    assert_eq!(info_string(&doc, b"Subject"), r.subject);
    let kw = info_string(&doc, b"Keywords");
    assert!(!r.keywords.is_empty());
    for k in &r.keywords {
        assert!(kw.contains(k.as_str()), "{kw}");
    }
    assert_eq!(
        info_string(&doc, b"CreationDate"),
        "D:20200101000000Z",
        "from [report] date"
    );
    assert_eq!(info_string(&doc, b"ModDate"), "D:20200101000000Z");
    let cat = doc.catalog().unwrap();
    match cat.get(b"Lang") {
        Ok(Object::String(b, _)) => assert_eq!(b, b"en"),
        other => panic!("Lang: {other:?}"),
    }
    let id = doc.trailer.get(b"ID").unwrap().as_array().unwrap();
    assert_eq!(id.len(), 2);

    // Outline: contents and sections at the top, each chart under its section.
    let ol = outline(&doc);
    assert_eq!(ol[0], (0, "Contents".to_string()));
    let sections: Vec<&String> = spec
        .spec
        .charts
        .iter()
        .filter_map(|c| c.section.as_ref())
        .collect();
    for s in &sections {
        assert!(ol.contains(&(0, (*s).clone())), "outline lacks section {s}");
    }
    for (c, label) in spec.spec.charts.iter().zip(&labels) {
        let want = format!("{label}: {}", c.title);
        assert!(
            ol.iter().any(|(d, t)| *d == 1 && *t == want),
            "outline lacks {want}"
        );
    }
    // The appendices close the outline: sources, failing data checks, the data behind the
    // figures.
    assert_eq!(ol.last(), Some(&(0, "Data behind the figures".to_string())));
    assert!(ol.contains(&(0, "Data notes".to_string())));
    assert!(ol.contains(&(0, "Sources".to_string())));
    assert_eq!(ol.len(), 1 + sections.len() + spec.spec.charts.len() + 3);
    // Every number every figure draws is in that appendix as text, as the figure writes it.
    for c in &spec.spec.charts {
        let Some(t) = chartbook::model::table::behind(c, spec.spec.lang()) else {
            continue;
        };
        let chartbook::spec::Body::Table(tb) = &t.body else {
            continue;
        };
        for row in chartbook::model::table::cell_texts(&t, tb) {
            for cell in row.iter().filter(|s| !s.is_empty()) {
                assert!(
                    all.contains(&squash(cell)),
                    "the data behind {} lacks `{cell}`",
                    c.id
                );
            }
        }
    }
    // Every endnote a chart cites, in full.
    let cited = spec.spec.cited_sources();
    assert!(cited.len() >= 20, "{} endnotes cited", cited.len());
    for e in cited {
        assert!(
            all.contains(&squash(&e.text.replace('*', ""))),
            "Sources lack endnote {}",
            e.number
        );
    }
    for c in spec.spec.checks.iter().filter(|c| !c.passed) {
        // Each failing check as a finding, then what was checked; file locations are for
        // the authors (data-notes.md), not the reader.
        let finding = c.finding(chartbook::i18n::Lang::En);
        assert!(all.contains(&squash(&finding)), "data notes lack {finding}");
        assert!(all.contains(&squash(&c.name)), "data notes lack {}", c.name);
    }
    assert!(
        !all.contains("charts.toml"),
        "the reader's PDF names no spec file"
    );
    assert!(
        !all.contains(".csv:"),
        "the reader's PDF names no data file locations"
    );

    // Each contents line is a link to its section or chart.
    let pages = doc.get_pages();
    let links: usize = pages
        .values()
        .filter_map(|id| doc.get_dictionary(*id).unwrap().get(b"Annots").ok())
        .map(|a| {
            a.as_array()
                .unwrap()
                .iter()
                .filter(|l| {
                    // Each annotation is its own object (the structure tree points at it).
                    let l = doc.get_dictionary(l.as_reference().unwrap()).unwrap();
                    l.get(b"Subtype").unwrap().as_name().unwrap() == b"Link"
                        && l.get(b"Dest").is_ok()
                })
                .count()
        })
        .sum();
    assert_eq!(links, sections.len() + spec.spec.charts.len() + 3);
}

#[test]
fn fonts_are_embedded_subsets_and_there_are_no_images() {
    let out = tempfile::tempdir().unwrap();
    let doc = Document::load_mem(&build(&root(), out.path(), &[])).unwrap();
    let mut fonts = 0;
    for obj in doc.objects.values() {
        let dict = match obj {
            Object::Dictionary(d) => d,
            Object::Stream(s) => &s.dict,
            _ => continue,
        };
        if dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image") {
            panic!("a raster image in the PDF");
        }
        if dict.get(b"Type").and_then(Object::as_name).ok() == Some(b"FontDescriptor") {
            fonts += 1;
            let name = String::from_utf8_lossy(dict.get(b"FontName").unwrap().as_name().unwrap())
                .to_string();
            assert!(
                name.len() > 7 && name.as_bytes()[6] == b'+',
                "{name} is not a subset name"
            );
            assert!(name.contains("Lato"), "{name}: only the bundled fonts");
            assert!(
                dict.get(b"FontFile2").is_ok() || dict.get(b"FontFile3").is_ok(),
                "{name} is not embedded"
            );
        }
    }
    assert!(fonts >= 3, "{fonts} fonts");
}

#[test]
fn two_builds_give_identical_bytes_and_source_date_epoch_dates_the_file() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let x = build(&root(), a.path(), &[]);
    let y = build(&root(), b.path(), &[]);
    assert!(x == y, "report.pdf differs between two builds");
    let c = tempfile::tempdir().unwrap();
    let z = build(&root(), c.path(), &[("SOURCE_DATE_EPOCH", "1583020800")]);
    let doc = Document::load_mem(&z).unwrap();
    assert_eq!(info_string(&doc, b"CreationDate"), "D:20200301000000Z");
    // The ID follows the content: another date, another ID.
    let xd = Document::load_mem(&x).unwrap();
    assert_ne!(
        xd.trailer.get(b"ID").unwrap(),
        doc.trailer.get(b"ID").unwrap()
    );

    let o = run(
        &["build", "--out", c.path().to_str().unwrap()],
        &root(),
        &[("SOURCE_DATE_EPOCH", "yesterday")],
    );
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("SOURCE_DATE_EPOCH") && err.contains("seconds since 1970"),
        "{err}"
    );
}

/// Copies the project (spec and data) into a temporary folder, with `edit` applied to the spec.
fn project_copy(edit: impl Fn(String) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    common::copy_briefing(dir.path(), |s| edit(s.to_string()));
    dir
}

#[test]
fn letter_paper_and_only_builds() {
    let dir = project_copy(|s| s.replace("page = \"A4\"", "page = \"Letter\""));
    let out = dir.path().join("out");
    let doc = Document::load_mem(&build(dir.path(), &out, &[])).unwrap();
    for (w, h) in page_sizes(&doc) {
        assert_eq!((w, h), (612.0, 792.0));
    }
    let spec = chartbook::spec::load(&dir.path().join("charts.toml")).unwrap();
    assert_eq!(spec.spec.report.page, PageSize::Letter);
    // --only builds a subset: the handout (which holds every chart) is left as it was.
    let before = std::fs::read(out.join("report.pdf")).unwrap();
    let o = run(
        &[
            "build",
            "--out",
            out.to_str().unwrap(),
            "--only",
            "drug-laws",
        ],
        dir.path(),
        &[],
    );
    assert!(o.status.success());
    assert_eq!(std::fs::read(out.join("report.pdf")).unwrap(), before);
}

fn tool(name: &str) -> bool {
    let found = Command::new(name).arg("-v").output().is_ok();
    if !found && std::env::var_os("CHARTBOOK_REQUIRE_PDF_TOOLS").is_some() {
        panic!("{name} is required (apt-get install -y poppler-utils qpdf)");
    }
    if !found {
        eprintln!("note: {name} not installed; skipping its checks (apt-get install -y poppler-utils qpdf)");
    }
    found
}

#[test]
fn print_shop_tools_accept_the_handout() {
    let out = tempfile::tempdir().unwrap();
    build(&root(), out.path(), &[]);
    let pdf = out.path().join("report.pdf");
    let pdf = pdf.to_str().unwrap();
    if tool("qpdf") {
        let o = Command::new("qpdf")
            .args(["--check", pdf])
            .output()
            .unwrap();
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stdout)
        );
    }
    if tool("pdffonts") {
        let o = Command::new("pdffonts").arg(pdf).output().unwrap();
        let s = String::from_utf8_lossy(&o.stdout).to_string();
        let rows: Vec<&str> = s.lines().skip(2).collect();
        assert!(!rows.is_empty());
        for l in rows {
            let cols: Vec<&str> = l.split_whitespace().collect();
            let n = cols.len();
            assert_eq!(
                &cols[n - 5..n - 2],
                &["yes", "yes", "yes"],
                "emb sub uni: {l}"
            );
        }
    }
    if tool("pdfimages") {
        let o = Command::new("pdfimages")
            .args(["-list", pdf])
            .output()
            .unwrap();
        assert_eq!(
            String::from_utf8_lossy(&o.stdout).lines().count(),
            2,
            "no images"
        );
    }
    if tool("pdftotext") {
        let o = Command::new("pdftotext").args([pdf, "-"]).output().unwrap();
        let text = squash(&String::from_utf8_lossy(&o.stdout));
        for c in &briefing().spec.charts {
            assert!(
                text.contains(&squash(&c.title)),
                "pdftotext misses {}",
                c.title
            );
        }
    }
}

#[test]
fn the_japanese_handout_is_japanese_text_in_embedded_subsets() {
    let out = tempfile::tempdir().unwrap();
    build(&root(), out.path(), &[]);
    let bytes = std::fs::read(out.path().join("ja/report.pdf")).expect("ja/report.pdf written");
    let doc = Document::load_mem(&bytes).unwrap();
    // Every font an embedded subset of a bundled family; the Japanese one among them.
    let mut names = Vec::new();
    for obj in doc.objects.values() {
        let dict = match obj {
            Object::Dictionary(d) => d,
            Object::Stream(s) => &s.dict,
            _ => continue,
        };
        assert_ne!(
            dict.get(b"Subtype").and_then(Object::as_name).ok(),
            Some(&b"Image"[..]),
            "a raster image in the Japanese PDF"
        );
        if dict.get(b"Type").and_then(Object::as_name).ok() == Some(b"FontDescriptor") {
            let name = String::from_utf8_lossy(dict.get(b"FontName").unwrap().as_name().unwrap())
                .to_string();
            assert!(
                name.as_bytes().get(6) == Some(&b'+'),
                "{name} is not a subset"
            );
            assert!(
                name.contains("Lato") || name.contains("BIZUDPGothic"),
                "{name}"
            );
            assert!(dict.get(b"FontFile2").is_ok() || dict.get(b"FontFile3").is_ok());
            names.push(name);
        }
    }
    assert!(
        names.iter().any(|n| n.contains("BIZUDPGothic")),
        "{names:?}"
    );
    // The text reads back as Japanese: headings, labels, law names, figure text, footer.
    let all = squash(&page_texts(&doc).concat());
    for want in [
        "日本における薬物使用・規制・政策",
        "目次",
        "覚醒剤取締法",
        "大麻取締法",
        "麻薬及び向精神薬取締法",
        "厚生労働省",
        "覚醒剤事犯の検挙人員は1954年以降3度のピークを迎えた",
        "第1のピーク：55,664人",
        "図表のデータ",
        "データに関する注記",
        "出典",
    ] {
        assert!(all.contains(&squash(want)), "the Japanese PDF lacks {want}");
    }
    // The footer counts pages as 「2 / 17」, not 「2 / 17ページ」.
    let total = doc.get_pages().len();
    assert!(all.contains(&format!("2/{total}")), "the Japanese footer");
    assert!(!all.contains("ページ"), "no ページ in the footer");
    assert_eq!(
        info_string(&doc, b"Title"),
        "日本における薬物使用・規制・政策"
    );
    let lang = doc
        .catalog()
        .unwrap()
        .get(b"Lang")
        .and_then(Object::as_str)
        .unwrap()
        .to_vec();
    assert_eq!(lang, b"ja");
}
