//! The handout is a tagged PDF (PDF/UA-1) in both editions: a walk of the committed PDFs'
//! structure trees checks the document's metadata (MarkInfo, Lang, XMP with the PDF/UA part
//! and dates, DisplayDocTitle), that every figure has its alt text, every table header cells
//! with a scope and regular rows, lists their labels and bodies, headings start at H1 and
//! never skip a level going down, every painting operator is content or an artifact, the
//! reading order follows the pages, and the parent tree maps every MCID and link back. (No
//! PDF/UA validator installs from the registries this project may use: veraPDF is not on
//! PyPI, npm or Debian.)

use std::collections::BTreeMap;
use std::path::PathBuf;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn briefing() -> chartbook::spec::LoadedSpec {
    chartbook::spec::load(&root().join("charts.toml")).expect("briefing loads")
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

/// What a walk of the structure tree finds.
#[derive(Default)]
struct Walk {
    /// (page index, MCID) in structure (reading) order.
    mcids: Vec<(usize, i64)>,
    /// The element that holds each (page, MCID).
    owner: BTreeMap<(usize, i64), ObjectId>,
    /// Heading levels in reading order.
    headings: Vec<u8>,
    figures: usize,
    tables: usize,
    lists: usize,
    /// (annotation, Link element) for each OBJR.
    annots: Vec<(ObjectId, ObjectId)>,
}

fn name_of(d: &Dictionary, key: &[u8]) -> String {
    d.get(key)
        .and_then(Object::as_name)
        .map(|n| String::from_utf8_lossy(n).to_string())
        .unwrap_or_default()
}

fn kids_of(e: &Dictionary) -> Vec<Object> {
    match e.get(b"K") {
        Ok(Object::Array(a)) => a.clone(),
        Ok(o) => vec![o.clone()],
        Err(_) => Vec::new(),
    }
}

/// The structure types of an element's element kids.
fn kid_types(doc: &Document, e: &Dictionary) -> Vec<String> {
    kids_of(e)
        .iter()
        .filter_map(|k| k.as_reference().ok())
        .map(|r| name_of(doc.get_dictionary(r).unwrap(), b"S"))
        .collect()
}

/// The attribute dictionaries of an element (`A` is one dictionary or an array of them).
fn attributes(doc: &Document, e: &Dictionary) -> Vec<Dictionary> {
    let one = |o: &Object| match o {
        Object::Dictionary(d) => Some(d.clone()),
        Object::Reference(r) => doc.get_dictionary(*r).ok().cloned(),
        _ => None,
    };
    match e.get(b"A") {
        Ok(Object::Array(a)) => a.iter().filter_map(one).collect(),
        Ok(o) => one(o).into_iter().collect(),
        Err(_) => Vec::new(),
    }
}

fn walk(
    doc: &Document,
    id: ObjectId,
    parent: ObjectId,
    pages: &BTreeMap<ObjectId, usize>,
    w: &mut Walk,
) {
    let e = doc.get_dictionary(id).unwrap();
    assert_eq!(name_of(e, b"Type"), "StructElem");
    assert_eq!(
        e.get(b"P").and_then(Object::as_reference).ok(),
        Some(parent),
        "/P is the parent"
    );
    let s = name_of(e, b"S");
    let types = kid_types(doc, e);
    match s.as_str() {
        "Figure" => {
            let alt = match e.get(b"Alt") {
                Ok(Object::String(b, _)) => decode_pdf_text(b),
                _ => String::new(),
            };
            assert!(
                alt.trim().len() > 10,
                "a Figure without a real /Alt: {alt:?}"
            );
            w.figures += 1;
        }
        "Table" => {
            w.tables += 1;
            assert!(types.iter().all(|t| t == "TR"), "Table kids {types:?}");
            let rows: Vec<Dictionary> = kids_of(e)
                .iter()
                .filter_map(|k| doc.get_dictionary(k.as_reference().ok()?).ok().cloned())
                .filter(|r| name_of(r, b"S") == "TR")
                .collect();
            let cells: Vec<Vec<String>> = rows.iter().map(|r| kid_types(doc, r)).collect();
            assert!(
                cells.iter().all(|c| c.len() == cells[0].len()),
                "a regular table: {cells:?}"
            );
            assert!(
                cells[0].iter().all(|c| c == "TH"),
                "the first row is the header row"
            );
        }
        "TR" => assert!(
            types.iter().all(|t| t == "TH" || t == "TD"),
            "TR kids {types:?}"
        ),
        "TH" => assert!(
            attributes(doc, e)
                .iter()
                .any(|a| name_of(a, b"O") == "Table"
                    && ["Column", "Row", "Both"].contains(&name_of(a, b"Scope").as_str())),
            "every TH has /A <</O /Table /Scope ...>>"
        ),
        "L" => {
            w.lists += 1;
            assert!(types.iter().all(|t| t == "LI"), "L kids {types:?}")
        }
        "LI" => assert!(
            types.iter().all(|t| t == "Lbl" || t == "LBody"),
            "LI kids {types:?}"
        ),
        "TOC" => assert!(types.iter().all(|t| t == "TOCI"), "TOC kids {types:?}"),
        h if h.len() == 2 && h.starts_with('H') => w.headings.push(h.as_bytes()[1] - b'0'),
        _ => {}
    }
    let pg = e.get(b"Pg").and_then(Object::as_reference).ok();
    for k in kids_of(e) {
        match k {
            Object::Reference(r) => walk(doc, r, id, pages, w),
            Object::Integer(m) => {
                let p = pages[&pg.expect("an element with bare MCIDs has /Pg")];
                w.mcids.push((p, m));
                assert!(
                    w.owner.insert((p, m), id).is_none(),
                    "MCID {m} of page {p} twice"
                );
            }
            Object::Dictionary(d) if name_of(&d, b"Type") == "MCR" => {
                let p = pages[&d.get(b"Pg").and_then(Object::as_reference).unwrap()];
                let m = d.get(b"MCID").and_then(Object::as_i64).unwrap();
                w.mcids.push((p, m));
                assert!(
                    w.owner.insert((p, m), id).is_none(),
                    "MCID {m} of page {p} twice"
                );
            }
            Object::Dictionary(d) if name_of(&d, b"Type") == "OBJR" => {
                assert_eq!(s, "Link", "annotations sit in Link elements");
                w.annots
                    .push((d.get(b"Obj").and_then(Object::as_reference).unwrap(), id));
            }
            other => panic!("unexpected kid {other:?} in {s}"),
        }
    }
}

/// The MCIDs a page's content stream marks, in stream order; panics on any painting operator
/// outside marked content, on nesting, and on an unbalanced `EMC`.
fn content_mcids(doc: &Document, page: ObjectId) -> Vec<i64> {
    let ops = Content::decode(&doc.get_page_content(page).unwrap())
        .unwrap()
        .operations;
    let (mut depth, mut out) = (0, Vec::new());
    for op in &ops {
        match op.operator.as_str() {
            "BDC" | "BMC" => {
                assert_eq!(depth, 0, "marked content is not nested here");
                depth += 1;
                let tag = op.operands[0].as_name().unwrap();
                let mcid = op
                    .operands
                    .get(1)
                    .and_then(|o| o.as_dict().ok())
                    .and_then(|d| d.get(b"MCID").ok())
                    .and_then(|m| m.as_i64().ok());
                match (tag, mcid) {
                    (b"Artifact", None) => {}
                    (b"Artifact", Some(_)) => panic!("an artifact with an MCID"),
                    (_, Some(m)) => out.push(m),
                    (t, None) => panic!("/{} without an MCID", String::from_utf8_lossy(t)),
                }
            }
            "EMC" => {
                assert_eq!(depth, 1, "EMC without BDC");
                depth -= 1;
            }
            "Tj" | "TJ" | "'" | "\"" | "Do" | "f" | "f*" | "F" | "S" | "s" | "B" | "B*" | "b"
            | "b*" | "sh" | "BI" => assert_eq!(depth, 1, "{} outside marked content", op.operator),
            _ => {}
        }
    }
    assert_eq!(depth, 0);
    out
}

fn check_tagged(bytes: &[u8], lang: &str, title: &str) {
    let doc = Document::load_mem(bytes).unwrap();
    let cat = doc.catalog().unwrap();
    let dict_at = |o: &Object| match o {
        Object::Reference(r) => doc.get_dictionary(*r).unwrap().clone(),
        Object::Dictionary(d) => d.clone(),
        o => panic!("{o:?}"),
    };
    let mark = dict_at(cat.get(b"MarkInfo").unwrap());
    assert_eq!(
        mark.get(b"Marked").and_then(Object::as_bool).ok(),
        Some(true)
    );
    assert_eq!(
        cat.get(b"Lang")
            .map(|l| decode_pdf_text(l.as_str().unwrap()))
            .ok()
            .as_deref(),
        Some(lang)
    );
    let vp = dict_at(cat.get(b"ViewerPreferences").unwrap());
    assert_eq!(
        vp.get(b"DisplayDocTitle").and_then(Object::as_bool).ok(),
        Some(true)
    );
    let xmp = doc
        .get_object(cat.get(b"Metadata").and_then(Object::as_reference).unwrap())
        .and_then(Object::as_stream)
        .unwrap();
    assert_eq!(name_of(&xmp.dict, b"Subtype"), "XML");
    let xmp = String::from_utf8(xmp.content.clone()).expect("uncompressed UTF-8 XMP");
    assert!(xmp.contains("<pdfuaid:part>1</pdfuaid:part>"));
    assert!(xmp.contains(&format!("<rdf:li>{lang}</rdf:li>")));
    assert!(
        xmp.contains(&format!("x-default\">{title}<")),
        "dc:title (escaped titles aside)"
    );
    assert!(xmp.contains("<xmp:CreateDate>2020-01-01T00:00:00Z</xmp:CreateDate>"));

    let pages: Vec<ObjectId> = doc.get_pages().values().copied().collect();
    let index: BTreeMap<ObjectId, usize> = pages.iter().enumerate().map(|(i, p)| (*p, i)).collect();
    let root_id = cat
        .get(b"StructTreeRoot")
        .and_then(Object::as_reference)
        .unwrap();
    let root = doc.get_dictionary(root_id).unwrap();
    assert!(
        root.get(b"RoleMap").is_err(),
        "standard types only: no RoleMap"
    );
    let mut w = Walk::default();
    for k in kids_of(root) {
        walk(&doc, k.as_reference().unwrap(), root_id, &index, &mut w);
    }

    // Reading order: pages never go back, and each page's MCIDs come 0, 1, 2, ... (they are
    // numbered in reading order, so content order no longer matters).
    assert!(
        w.mcids.windows(2).all(|p| p[0].0 <= p[1].0),
        "the tree never goes back a page"
    );
    let mut next = vec![0i64; pages.len()];
    for (p, m) in &w.mcids {
        assert_eq!(*m, next[*p], "page {p}: MCIDs in reading order");
        next[*p] += 1;
    }
    // Every MCID in the content is in the tree, once, and the other way round.
    for (p, page) in pages.iter().enumerate() {
        let mut marked = content_mcids(&doc, *page);
        marked.sort_unstable();
        assert_eq!(
            marked,
            (0..next[p]).collect::<Vec<_>>(),
            "page {p}: content vs tree"
        );
    }
    // Headings: H1 first, no level skipped going down (PDF/UA-1 7.4.2).
    assert_eq!(w.headings.first(), Some(&1));
    assert!(
        w.headings.windows(2).all(|h| h[1] <= h[0] + 1),
        "{:?}",
        w.headings
    );
    let spec = briefing();
    let drawn = spec
        .spec
        .charts
        .iter()
        .filter(|c| chartbook::handout::is_figure(c.kind()))
        .count();
    assert!(w.lists >= 2, "Box 1 and the sources are lists");
    assert_eq!(w.figures, drawn, "one Figure per drawn chart");
    assert!(w.tables >= 1);

    // The parent tree maps each page's MCIDs and each link annotation back to its element.
    let nums = dict_at(root.get(b"ParentTree").unwrap())
        .get(b"Nums")
        .and_then(Object::as_array)
        .expect("a flat number tree")
        .clone();
    let tree: BTreeMap<i64, Object> = nums
        .chunks(2)
        .map(|kv| (kv[0].as_i64().unwrap(), kv[1].clone()))
        .collect();
    assert!(nums
        .chunks(2)
        .map(|kv| kv[0].as_i64().unwrap())
        .collect::<Vec<_>>()
        .windows(2)
        .all(|k| k[0] < k[1]));
    for (p, page) in pages.iter().enumerate() {
        let pd = doc.get_dictionary(*page).unwrap();
        assert_eq!(name_of(pd, b"Tabs"), "S");
        let key = pd.get(b"StructParents").and_then(Object::as_i64).unwrap();
        let arr = match &tree[&key] {
            Object::Reference(r) => doc.get_object(*r).unwrap().as_array().unwrap().clone(),
            o => o.as_array().unwrap().clone(),
        };
        assert_eq!(arr.len() as i64, next[p]);
        for (m, e) in arr.iter().enumerate() {
            assert_eq!(e.as_reference().ok(), w.owner.get(&(p, m as i64)).copied());
        }
    }
    assert!(!w.annots.is_empty(), "the contents links are tagged");
    for (annot, elem) in &w.annots {
        let a = doc.get_dictionary(*annot).unwrap();
        let key = a.get(b"StructParent").and_then(Object::as_i64).unwrap();
        assert_eq!(tree[&key].as_reference().ok(), Some(*elem));
        assert!(matches!(a.get(b"Contents"), Ok(Object::String(b, _)) if !b.is_empty()));
    }
}

#[test]
fn both_editions_of_the_handout_are_tagged_for_pdf_ua() {
    let en = std::fs::read(root().join("output/report.pdf")).expect("output/report.pdf");
    check_tagged(&en, "en", &briefing().spec.report.title);
    let ja = std::fs::read(root().join("output/ja/report.pdf")).expect("output/ja/report.pdf");
    let doc = Document::load_mem(&ja).unwrap();
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .and_then(|i| doc.get_dictionary(i))
        .unwrap();
    let title = decode_pdf_text(info.get(b"Title").unwrap().as_str().unwrap());
    check_tagged(&ja, "ja", &title);
    // Both editions are dated (the Japanese date reads 2020年).
    assert!(info.get(b"CreationDate").is_ok());
}

/// Every figure of a handout is drawn at one scale (0.75 pt per px: drawn for the page,
/// never shrunk to fit), so its type is the same size as every other figure's: the largest
/// type in each figure (its title) is one size in every figure.
fn figure_scales_and_title_sizes(bytes: &[u8]) -> (Vec<f64>, Vec<f64>) {
    let doc = Document::load_mem(bytes).unwrap();
    let mut scales = Vec::new();
    let mut titles = Vec::new();
    for page in doc.get_pages().values() {
        let ops = Content::decode(&doc.get_page_content(*page).unwrap())
            .unwrap()
            .operations;
        let mut cm: Option<f64> = None;
        for op in &ops {
            match op.operator.as_str() {
                "cm" => {
                    let n = |i: usize| op.operands[i].as_float().map(f64::from).unwrap_or(0.0);
                    assert!(
                        (n(0) - n(3)).abs() < 1e-6,
                        "a figure drawn out of proportion"
                    );
                    cm = Some(n(0));
                }
                "Do" => {
                    let s = cm.take().expect("a figure's scale");
                    scales.push(s);
                    let name = op.operands[0].as_name().unwrap();
                    let (inline, ids) = doc.get_page_resources(*page).unwrap();
                    let res: Vec<&Dictionary> = inline
                        .into_iter()
                        .chain(ids.iter().filter_map(|i| doc.get_dictionary(*i).ok()))
                        .collect();
                    let id = res
                        .iter()
                        .find_map(|r| {
                            let xo = match r.get(b"XObject").ok()? {
                                Object::Reference(x) => doc.get_dictionary(*x).ok()?,
                                o => o.as_dict().ok()?,
                            };
                            xo.get(name).and_then(Object::as_reference).ok()
                        })
                        .expect("the figure's form");
                    let stream = doc.get_object(id).and_then(Object::as_stream).unwrap();
                    let content = stream
                        .decompressed_content()
                        .unwrap_or(stream.content.clone());
                    let inner = Content::decode(&content).unwrap().operations;
                    let mut biggest: f64 = 0.0;
                    // Text may sit in nested forms; the title is in the top one.
                    for o in inner.iter().filter(|o| o.operator == "Tf") {
                        biggest =
                            biggest.max(o.operands[1].as_float().map(f64::from).unwrap_or(0.0));
                    }
                    if biggest > 0.0 {
                        titles.push(biggest * s);
                    }
                }
                _ => {}
            }
        }
    }
    (scales, titles)
}

#[test]
fn every_figure_is_drawn_at_one_scale_with_one_type_size() {
    for path in ["output/report.pdf", "output/ja/report.pdf"] {
        let bytes = std::fs::read(root().join(path)).unwrap();
        let (scales, titles) = figure_scales_and_title_sizes(&bytes);
        assert!(scales.len() >= 10, "{path}: {} figures", scales.len());
        for s in &scales {
            assert!((s - 0.75).abs() < 1e-3, "{path}: a figure at scale {s}");
        }
        assert_eq!(
            titles.len(),
            scales.len(),
            "{path}: every figure's type is read"
        );
        if let (Some(lo), Some(hi)) = (
            titles.iter().copied().reduce(f64::min),
            titles.iter().copied().reduce(f64::max),
        ) {
            assert!(hi - lo < 0.01, "{path}: figure titles from {lo} to {hi} pt");
        }
    }
}

/// PDF/UA-1 7.21.8 as validators read it: a Type0 font's code 0 is `.notdef`, so no body text
/// shows it; and the body fonts name their CIDToGIDMap (7.21.3.2).
#[test]
fn no_body_text_shows_character_code_zero() {
    for path in ["output/report.pdf", "output/ja/report.pdf"] {
        let doc = Document::load_mem(&std::fs::read(root().join(path)).unwrap()).unwrap();
        let mut shown = 0;
        for page in doc.get_pages().values() {
            let ops = Content::decode(&doc.get_page_content(*page).unwrap())
                .unwrap()
                .operations;
            for op in ops
                .iter()
                .filter(|o| o.operator == "Tj" || o.operator == "TJ")
            {
                let mut strings = Vec::new();
                for o in &op.operands {
                    match o {
                        Object::String(b, _) => strings.push(b.clone()),
                        Object::Array(a) => a.iter().for_each(|x| {
                            if let Object::String(b, _) = x {
                                strings.push(b.clone());
                            }
                        }),
                        _ => {}
                    }
                }
                for s in strings {
                    shown += s.len() / 2;
                    assert!(
                        s.chunks(2).all(|c| c != [0, 0]),
                        "{path}: code 0 shown: {op:?}"
                    );
                }
            }
            for (_, font) in doc.get_page_fonts(*page).unwrap() {
                let Ok(Object::Array(desc)) = font.get(b"DescendantFonts") else {
                    continue;
                };
                let cid = match &desc[0] {
                    Object::Reference(r) => doc.get_dictionary(*r).unwrap(),
                    o => o.as_dict().unwrap(),
                };
                assert!(
                    cid.get(b"CIDToGIDMap").is_ok(),
                    "{path}: a font without CIDToGIDMap"
                );
            }
        }
        assert!(shown > 1000, "{path}: {shown} codes");
    }
}
