//! The last pass over printpdf's file, with lopdf: draws the figures (Form XObjects from
//! svg2pdf), writes the outline, the document information and language, names the body
//! fonts as subsets, compresses every stream, renumbers the objects in a fixed order and
//! sets a document ID derived from the content. Same inputs, same bytes.

use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};
use sha2::{Digest, Sha256};

use super::figure::{self, Converted};
use super::{figure_name, Meta};
use crate::fonts::{self, Font};
use crate::handout::{Doc, Mark};

/// What the document information and the XMP metadata name as the file's maker.
pub(super) const CREATOR: &str = concat!("chartbook ", env!("CARGO_PKG_VERSION"));
pub(super) const PRODUCER: &str = concat!(
    "chartbook ",
    env!("CARGO_PKG_VERSION"),
    " (printpdf, svg2pdf, lopdf)"
);

/// Finishes printpdf's bytes into the handout, tagged as `plan` says.
pub fn finish(
    bytes: &[u8],
    doc: &Doc,
    figures: &[Option<Converted>],
    meta: &Meta,
    fonts: &[Font],
    plan: &super::tags::Plan,
) -> Result<Vec<u8>, String> {
    let mut d = Document::load_mem(bytes).map_err(|e| format!("re-reading the PDF: {e}"))?;
    d.version = "1.7".into();
    let pages: Vec<ObjectId> = d.get_pages().values().copied().collect();
    if pages.len() != doc.pages.len() {
        return Err(format!(
            "the PDF has {} pages, the layout {}",
            pages.len(),
            doc.pages.len()
        ));
    }
    place_figures(&mut d, &pages, figures)?;
    tidy_pages(&mut d, &pages, doc.width, doc.height);
    name_subset_fonts(&mut d, fonts);
    // No body text shows code 0, which PDF/UA validators read as .notdef.
    super::codes::shift(&mut d, &pages)?;
    let catalog_id = d
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|e| format!("the PDF has no catalog: {e}"))?;
    let outline = outline(&mut d, &doc.outline, &pages, doc.height);
    let annots = links(&mut d, doc, &pages);
    let info = d.add_object(info(meta));
    if let Ok(cat) = d.get_dictionary_mut(catalog_id) {
        if let Some(o) = outline {
            cat.set("Outlines", Object::Reference(o));
            cat.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
        }
    }
    // The structure tree, MarkInfo, Lang, ViewerPreferences and the XMP metadata.
    super::tags::apply(&mut d, catalog_id, &pages, &annots, plan, meta)?;
    d.trailer.set("Info", Object::Reference(info));
    d.trailer.remove(b"ID");
    d.prune_objects();
    d.renumber_objects();
    d.compress();
    let mut first = Vec::new();
    d.save_to(&mut first)
        .map_err(|e| format!("writing the PDF: {e}"))?;
    // The ID is a hash of the file written without it: it changes exactly when the
    // content does.
    let hash = Sha256::digest(&first);
    let id = Object::String(hash[..16].to_vec(), StringFormat::Hexadecimal);
    d.trailer.set("ID", Object::Array(vec![id.clone(), id]));
    let mut out = Vec::new();
    d.save_to(&mut out)
        .map_err(|e| format!("writing the PDF: {e}"))?;
    Ok(out)
}

/// Adds each figure as a Form XObject under the name the pages draw it by.
fn place_figures(
    d: &mut Document,
    pages: &[ObjectId],
    figures: &[Option<Converted>],
) -> Result<(), String> {
    // printpdf gives every page the same XObject dictionary (by reference).
    let xobjects = pages
        .first()
        .and_then(|p| d.get_dictionary(*p).ok())
        .and_then(|p| p.get(b"Resources").ok())
        .and_then(|r| match r {
            Object::Reference(id) => d.get_dictionary(*id).ok(),
            Object::Dictionary(dict) => Some(dict),
            _ => None,
        })
        .and_then(|r| r.get(b"XObject").ok())
        .and_then(|x| x.as_reference().ok())
        .ok_or("the PDF pages have no XObject resources")?;
    let mut added = Vec::new();
    for (i, f) in figures.iter().enumerate() {
        if let Some(f) = f {
            let id = figure::import(d, f)?;
            added.push((figure_name(i), id));
        }
    }
    let dict = d
        .get_dictionary_mut(xobjects)
        .map_err(|e| format!("the XObject resources: {e}"))?;
    for (name, id) in added {
        dict.set(name, Object::Reference(id));
    }
    Ok(())
}

/// printpdf rounds the page boxes to whole points (A4 is 595.28 × 841.89) and puts an empty
/// `Annots` array inside each page's resources: set the exact size, drop the array.
fn tidy_pages(d: &mut Document, pages: &[ObjectId], w: f64, h: f64) {
    for p in pages {
        if let Ok(page) = d.get_dictionary_mut(*p) {
            let bx = || {
                Object::Array(vec![
                    Object::Integer(0),
                    Object::Integer(0),
                    Object::Real(((w * 100.0).round() / 100.0) as f32),
                    Object::Real(((h * 100.0).round() / 100.0) as f32),
                ])
            };
            page.set("MediaBox", bx());
            page.remove(b"TrimBox");
            page.remove(b"CropBox");
        }
        let res = d
            .get_dictionary(*p)
            .ok()
            .and_then(|p| p.get(b"Resources").ok())
            .and_then(|r| r.as_reference().ok());
        if let Some(r) = res {
            if let Ok(dict) = d.get_dictionary_mut(r) {
                dict.remove(b"Annots");
            }
        }
    }
}

/// Link annotations on the contents lines, each leading to its section or chart; returns
/// the annotation object of each of `doc.links` (the structure tree points at them).
fn links(d: &mut Document, doc: &Doc, pages: &[ObjectId]) -> Vec<Option<ObjectId>> {
    let mut ids = vec![None; doc.links.len()];
    for (i, page) in pages.iter().enumerate() {
        let annots: Vec<Object> = doc
            .links
            .iter()
            .enumerate()
            .filter(|(_, l)| l.page == i)
            .filter_map(|(k, l)| {
                let target = pages.get(l.to_page)?;
                let r = |v: f64| Object::Real(((v * 100.0).round() / 100.0) as f32);
                let h = doc.height;
                let annot = Object::Dictionary(Dictionary::from_iter(vec![
                    ("Type", Object::Name(b"Annot".to_vec())),
                    ("Subtype", Object::Name(b"Link".to_vec())),
                    // What the link says, for assistive technology (PDF/UA-1 7.18.5).
                    ("Contents", text(&l.alt)),
                    (
                        "Rect",
                        Object::Array(vec![r(l.x), r(h - l.y - l.h), r(l.x + l.w), r(h - l.y)]),
                    ),
                    ("Border", Object::Array(vec![0.into(), 0.into(), 0.into()])),
                    (
                        "Dest",
                        Object::Array(vec![
                            Object::Reference(*target),
                            Object::Name(b"XYZ".to_vec()),
                            Object::Null,
                            r(h - l.to_y + 6.0),
                            Object::Null,
                        ]),
                    ),
                ]));
                let id = d.add_object(annot);
                ids[k] = Some(id);
                Some(Object::Reference(id))
            })
            .collect();
        if !annots.is_empty() {
            if let Ok(p) = d.get_dictionary_mut(*page) {
                p.set("Annots", Object::Array(annots));
            }
        }
    }
    ids
}

/// Six capital letters from the font program's bytes, as PDF subset names require.
fn subset_tag(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .take(6)
        .map(|b| char::from(b'A' + b % 26))
        .collect()
}

/// Renames printpdf's fonts (named by their resource ids, see [`super::font_name`]) to
/// `TAG+Lato-Bold` and so on.
fn name_subset_fonts(d: &mut Document, fonts: &[Font]) {
    let ids: Vec<ObjectId> = d.objects.keys().copied().collect();
    for id in ids {
        let Ok(font) = d.get_dictionary(id) else {
            continue;
        };
        let is_type0 = font.get(b"Subtype").and_then(Object::as_name).ok() == Some(&b"Type0"[..]);
        let base = font.get(b"BaseFont").and_then(Object::as_name).ok();
        let Some(style) = fonts
            .iter()
            .copied()
            .find(|f| base == Some(super::font_name(*f).as_bytes()))
        else {
            continue;
        };
        let face = style.postscript_name();
        if !is_type0 {
            continue;
        }
        let Ok(Object::Array(desc)) = font.get(b"DescendantFonts").cloned() else {
            continue;
        };
        let Some(Object::Dictionary(mut cid)) = desc.first().cloned() else {
            continue;
        };
        let Ok(fd_id) = cid.get(b"FontDescriptor").and_then(Object::as_reference) else {
            continue;
        };
        let file = d
            .get_dictionary(fd_id)
            .ok()
            .and_then(|fd| fd.get(b"FontFile2").ok())
            .and_then(|f| f.as_reference().ok())
            .and_then(|f| d.get_object(f).ok())
            .and_then(|o| o.as_stream().ok())
            .map(|s| s.content.clone())
            .unwrap_or_default();
        let name = format!("{}+{face}", subset_tag(&file)).into_bytes();
        cid.set("BaseFont", Object::Name(name.clone()));
        if let Ok(fd) = d.get_dictionary_mut(fd_id) {
            // printpdf states these in font units and guesses the box; a PDF wants
            // thousandths of an em and the real values.
            let m = fonts::descriptor_metrics(style);
            let r = |v: f64| Object::Real(((v * 10.0).round() / 10.0) as f32);
            fd.set("FontName", Object::Name(name.clone()));
            fd.set("Ascent", r(m.ascent));
            fd.set("Descent", r(m.descent));
            fd.set("CapHeight", r(m.cap_height));
            fd.set(
                "FontBBox",
                Object::Array(m.bbox.iter().map(|v| r(*v)).collect()),
            );
            fd.set("ItalicAngle", r(m.italic_angle));
            fd.set("StemV", r(m.stem_v));
            // Non-symbolic, plus italic where it is.
            fd.set(
                "Flags",
                Object::Integer(if m.italic { 32 | 64 } else { 32 }),
            );
        }
        if let Ok(font) = d.get_dictionary_mut(id) {
            font.set("BaseFont", Object::Name(name));
            font.set(
                "DescendantFonts",
                Object::Array(vec![Object::Dictionary(cid)]),
            );
        }
    }
}

/// A PDF text string: ASCII as a literal, anything else as UTF-16BE with a byte-order mark.
pub(super) fn text(s: &str) -> Object {
    if s.is_ascii() {
        Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
    } else {
        let mut b = vec![0xFE, 0xFF];
        for u in s.encode_utf16() {
            b.extend_from_slice(&u.to_be_bytes());
        }
        Object::String(b, StringFormat::Hexadecimal)
    }
}

fn info(meta: &Meta) -> Dictionary {
    let mut d = Dictionary::new();
    d.set("Title", text(&meta.title));
    if !meta.author.is_empty() {
        d.set("Author", text(&meta.author));
    }
    if !meta.subject.is_empty() {
        d.set("Subject", text(&meta.subject));
    }
    if !meta.keywords.is_empty() {
        d.set("Keywords", text(&meta.keywords.join(", ")));
    }
    d.set("Creator", text(CREATOR));
    d.set("Producer", text(PRODUCER));
    if let Some(date) = &meta.date {
        d.set("CreationDate", text(date));
        d.set("ModDate", text(date));
    }
    d.set("Trapped", Object::Name(b"False".to_vec()));
    d
}

/// The outline: level-1 entries (sections, contents) with their charts nested under them.
fn outline(d: &mut Document, marks: &[Mark], pages: &[ObjectId], page_h: f64) -> Option<ObjectId> {
    if marks.is_empty() {
        return None;
    }
    // Group: each level-1 mark takes the level-2 marks after it; level-2 marks before any
    // level-1 one stand at the top level.
    let mut tops: Vec<(usize, Vec<usize>)> = Vec::new();
    for (i, m) in marks.iter().enumerate() {
        match (m.level, tops.last_mut()) {
            (2, Some((p, kids))) if marks[*p].level == 1 => kids.push(i),
            _ => tops.push((i, Vec::new())),
        }
    }
    let root = d.new_object_id();
    let ids: Vec<ObjectId> = marks.iter().map(|_| d.new_object_id()).collect();
    let dest = |m: &Mark| {
        let page = pages.get(m.page).copied().unwrap_or((0, 0));
        Object::Array(vec![
            Object::Reference(page),
            Object::Name(b"XYZ".to_vec()),
            Object::Null,
            Object::Real((page_h - m.y + 6.0) as f32),
            Object::Null,
        ])
    };
    let link = |dict: &mut Dictionary, list: &[usize], at: usize| {
        if at > 0 {
            dict.set("Prev", Object::Reference(ids[list[at - 1]]));
        }
        if at + 1 < list.len() {
            dict.set("Next", Object::Reference(ids[list[at + 1]]));
        }
    };
    let top_list: Vec<usize> = tops.iter().map(|(i, _)| *i).collect();
    let mut objects = Vec::new();
    for (at, (i, kids)) in tops.iter().enumerate() {
        let mut dict = Dictionary::new();
        dict.set("Title", text(&marks[*i].title));
        dict.set("Parent", Object::Reference(root));
        dict.set("Dest", dest(&marks[*i]));
        link(&mut dict, &top_list, at);
        if let (Some(f), Some(l)) = (kids.first(), kids.last()) {
            dict.set("First", Object::Reference(ids[*f]));
            dict.set("Last", Object::Reference(ids[*l]));
            dict.set("Count", Object::Integer(kids.len() as i64));
        }
        objects.push((ids[*i], dict));
        for (k_at, k) in kids.iter().enumerate() {
            let mut kd = Dictionary::new();
            kd.set("Title", text(&marks[*k].title));
            kd.set("Parent", Object::Reference(ids[*i]));
            kd.set("Dest", dest(&marks[*k]));
            link(&mut kd, kids, k_at);
            objects.push((ids[*k], kd));
        }
    }
    for (id, dict) in objects {
        d.objects.insert(id, Object::Dictionary(dict));
    }
    let visible = tops.len() + tops.iter().map(|(_, k)| k.len()).sum::<usize>();
    let mut r = Dictionary::new();
    r.set("Type", Object::Name(b"Outlines".to_vec()));
    if let (Some(f), Some(l)) = (top_list.first(), top_list.last()) {
        r.set("First", Object::Reference(ids[*f]));
        r.set("Last", Object::Reference(ids[*l]));
    }
    r.set("Count", Object::Integer(visible as i64));
    d.objects.insert(root, Object::Dictionary(r));
    Some(root)
}

/// `D:YYYYMMDDHHmmSSZ` for a Unix time (UTC).
pub fn pdf_date_from_epoch(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, dd) = civil_from_days(days);
    format!(
        "D:{y:04}{m:02}{dd:02}{:02}{:02}{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// The date of a spec's `date = "2020"`, `"2020-06"` or `"2020-06-30"`, at midnight UTC.
/// The date starts with a four-digit year, then optionally a month and a day, in any
/// separators: "2020", "2020-03-31", "2020年3月31日".
pub fn pdf_date_from_spec(date: &str) -> Option<String> {
    let t = date.trim();
    if !t.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    let groups: Vec<&str> = t
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .take(3)
        .collect();
    let y: u32 = groups.first().filter(|p| p.len() == 4)?.parse().ok()?;
    let m: u32 = match groups.get(1) {
        Some(p) => p.parse().ok().filter(|m| (1..=12).contains(m))?,
        None => 1,
    };
    let dd: u32 = match groups.get(2) {
        Some(p) => p.parse().ok().filter(|d| (1..=31).contains(d))?,
        None => 1,
    };
    Some(format!("D:{y:04}{m:02}{dd:02}000000Z"))
}

/// Year, month, day of a day count since 1970-01-01 (H. Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_come_from_the_epoch_or_the_spec() {
        assert_eq!(pdf_date_from_epoch(0), "D:19700101000000Z");
        assert_eq!(pdf_date_from_epoch(1_583_020_800), "D:20200301000000Z");
        assert_eq!(pdf_date_from_epoch(951_782_400 + 3661), "D:20000229010101Z");
        assert_eq!(
            pdf_date_from_spec("2020").as_deref(),
            Some("D:20200101000000Z")
        );
        assert_eq!(
            pdf_date_from_spec("2020-06-30").as_deref(),
            Some("D:20200630000000Z")
        );
        assert_eq!(pdf_date_from_spec("2020-13"), None);
        // The Japanese edition's date.
        assert_eq!(
            pdf_date_from_spec("2020年3月").as_deref(),
            Some("D:20200301000000Z")
        );
        assert_eq!(pdf_date_from_spec("March 2020"), None);
        assert_eq!(pdf_date_from_spec(""), None);
    }

    #[test]
    fn text_strings_keep_non_ascii() {
        assert_eq!(
            text("Japan"),
            Object::String(b"Japan".to_vec(), StringFormat::Literal)
        );
        match text("–") {
            Object::String(b, _) => assert_eq!(b, vec![0xFE, 0xFF, 0x20, 0x13]),
            o => panic!("{o:?}"),
        }
    }

    #[test]
    fn subset_tags_are_six_capitals() {
        let t = subset_tag(b"font");
        assert_eq!(t.len(), 6);
        assert!(t.chars().all(|c| c.is_ascii_uppercase()));
        assert_eq!(t, subset_tag(b"font"));
    }
}
