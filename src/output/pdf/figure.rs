//! One chart's SVG as a PDF figure: svg2pdf converts the same usvg tree the PNG is drawn
//! from, with text embedded as text in the bundled fonts (subset); `import` copies that page
//! into the handout as a Form XObject with fresh object numbers in a fixed order.

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};
use std::collections::BTreeMap;

/// A figure converted to a one-page PDF.
#[derive(Debug, Clone)]
pub struct Converted {
    /// Page width in points (the SVG's width in px at 72 dpi).
    pub width: f64,
    pub height: f64,
    pub pdf: Vec<u8>,
}

/// Converts a parsed SVG, keeping its text as real, searchable text.
pub fn convert(tree: &usvg::Tree) -> Result<Converted, String> {
    let opts = svg2pdf::ConversionOptions {
        embed_text: true,
        compress: true,
        ..svg2pdf::ConversionOptions::default()
    };
    let page = svg2pdf::PageOptions { dpi: 72.0 };
    let pdf = svg2pdf::to_pdf(tree, opts, page).map_err(|e| format!("converting to PDF: {e}"))?;
    Ok(Converted {
        width: f64::from(tree.size().width()),
        height: f64::from(tree.size().height()),
        pdf,
    })
}

/// Copies the figure's page into `doc` as a Form XObject; returns its object id.
pub fn import(doc: &mut Document, fig: &Converted) -> Result<ObjectId, String> {
    let src =
        Document::load_mem(&fig.pdf).map_err(|e| format!("reading a converted figure: {e}"))?;
    let page_id = *src
        .get_pages()
        .get(&1)
        .ok_or("a converted figure has no page")?;
    let page = src
        .get_dictionary(page_id)
        .map_err(|e| format!("a converted figure's page: {e}"))?;
    let content = src
        .get_page_content(page_id)
        .map_err(|e| format!("a converted figure's content: {e}"))?;
    let bbox = page.get(b"MediaBox").cloned().unwrap_or_else(|_| {
        Object::Array(vec![
            0.into(),
            0.into(),
            fig.width.into(),
            fig.height.into(),
        ])
    });
    let mut map = BTreeMap::new();
    let mut form = Dictionary::new();
    form.set("Type", Object::Name(b"XObject".to_vec()));
    form.set("Subtype", Object::Name(b"Form".to_vec()));
    form.set("BBox", deref(&src, &bbox));
    for key in [&b"Resources"[..], b"Group"] {
        if let Ok(v) = page.get(key) {
            let v = copy(&src, doc, v, &mut map);
            form.set(key, v);
        }
    }
    Ok(doc.add_object(Stream::new(form, content)))
}

/// The object itself when `o` is a reference.
fn deref(src: &Document, o: &Object) -> Object {
    match o {
        Object::Reference(id) => src.get_object(*id).cloned().unwrap_or(Object::Null),
        other => other.clone(),
    }
}

/// Deep-copies `o` from `src` into `dst`, giving each referenced object a new number the
/// first time it is met (depth first, in key order: the same figure always gets the
/// same numbers, whatever order svg2pdf wrote its objects in).
fn copy(
    src: &Document,
    dst: &mut Document,
    o: &Object,
    map: &mut BTreeMap<ObjectId, ObjectId>,
) -> Object {
    match o {
        Object::Reference(id) => {
            if let Some(new) = map.get(id) {
                return Object::Reference(*new);
            }
            let new = dst.new_object_id();
            map.insert(*id, new);
            let obj = src.get_object(*id).cloned().unwrap_or(Object::Null);
            let copied = copy(src, dst, &obj, map);
            dst.objects.insert(new, copied);
            Object::Reference(new)
        }
        Object::Array(items) => {
            Object::Array(items.iter().map(|i| copy(src, dst, i, map)).collect())
        }
        Object::Dictionary(d) => Object::Dictionary(copy_dict(src, dst, d, map)),
        Object::Stream(s) => {
            let dict = copy_dict(src, dst, &s.dict, map);
            let mut st = Stream::new(dict, s.content.clone());
            st.allows_compression = s.allows_compression;
            Object::Stream(st)
        }
        other => other.clone(),
    }
}

fn copy_dict(
    src: &Document,
    dst: &mut Document,
    d: &Dictionary,
    map: &mut BTreeMap<ObjectId, ObjectId>,
) -> Dictionary {
    // svg2pdf writes some dictionaries (the fonts of a page) in hash-map order: sort the
    // keys so that the walk, and so the numbering, is the same on every run.
    let mut entries: Vec<(&Vec<u8>, &Object)> = d.iter().collect();
    entries.sort_by(|a, b| a.0.cmp(b.0));
    let mut out = Dictionary::new();
    for (k, v) in entries {
        let v = copy(src, dst, v, map);
        out.set(k.clone(), v);
    }
    out
}
