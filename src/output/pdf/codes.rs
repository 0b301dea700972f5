//! Character code 0 out of the body text. printpdf numbers each font subset from glyph 0, so
//! the space (the lowest glyph used) is shown as code 0, which PDF/UA-1 validators read as
//! `.notdef` (7.21.8). Every code the pages show in a printpdf font goes up by one, and the
//! font says so: its widths (`W`), its `ToUnicode` map, and a `CIDToGIDMap` from each code to
//! the glyph one below (7.21.3.2 asks for the map anyway). svg2pdf's fonts (inside the figures)
//! already keep `.notdef` at glyph 0 and are left alone.

use std::collections::BTreeSet;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

/// Shifts the codes of the fonts the pages use directly (printpdf's) by one.
pub fn shift(d: &mut Document, pages: &[ObjectId]) -> Result<(), String> {
    // The pages' own fonts, by resource name and object.
    let mut names: BTreeSet<Vec<u8>> = BTreeSet::new();
    let mut fonts: BTreeSet<ObjectId> = BTreeSet::new();
    for page in pages {
        for (name, id) in page_fonts(d, *page) {
            names.insert(name);
            fonts.insert(id);
        }
    }
    for id in &fonts {
        shift_font(d, *id)?;
    }
    for page in pages {
        let content = d
            .get_page_content(*page)
            .map_err(|e| format!("reading a page: {e}"))?;
        let mut c = Content::decode(&content).map_err(|e| format!("reading a page: {e}"))?;
        let mut ours = false;
        for op in &mut c.operations {
            match op.operator.as_str() {
                "Tf" => {
                    ours = op
                        .operands
                        .first()
                        .and_then(|n| n.as_name().ok())
                        .is_some_and(|n| names.contains(n));
                }
                "Tj" | "TJ" if ours => op.operands.iter_mut().for_each(bump),
                _ => {}
            }
        }
        let bytes = c.encode().map_err(|e| format!("writing a page: {e}"))?;
        d.change_page_content(*page, bytes)
            .map_err(|e| format!("writing a page: {e}"))?;
    }
    Ok(())
}

/// The fonts in a page's own resources: (resource name, font object).
fn page_fonts(d: &Document, page: ObjectId) -> Vec<(Vec<u8>, ObjectId)> {
    let Ok((inline, ids)) = d.get_page_resources(page) else {
        return Vec::new();
    };
    let dicts: Vec<&Dictionary> = inline
        .into_iter()
        .chain(ids.iter().filter_map(|i| d.get_dictionary(*i).ok()))
        .collect();
    let mut out = Vec::new();
    for r in dicts {
        let fonts = match r.get(b"Font") {
            Ok(Object::Reference(id)) => d.get_dictionary(*id).ok(),
            Ok(Object::Dictionary(f)) => Some(f),
            _ => None,
        };
        for (name, v) in fonts.into_iter().flat_map(|f| f.iter()) {
            if let Object::Reference(id) = v {
                out.push((name.clone(), *id));
            }
        }
    }
    out
}

/// Every two-byte code of a shown string, plus one.
fn bump(o: &mut Object) {
    match o {
        Object::String(b, _) => {
            for c in b.chunks_mut(2) {
                if let [hi, lo] = c {
                    let v = u16::from_be_bytes([*hi, *lo]).saturating_add(1);
                    c.copy_from_slice(&v.to_be_bytes());
                }
            }
        }
        Object::Array(a) => a.iter_mut().for_each(bump),
        _ => {}
    }
}

/// A Type0 font's widths, ToUnicode and CIDToGIDMap for codes one higher.
fn shift_font(d: &mut Document, id: ObjectId) -> Result<(), String> {
    let font = d
        .get_dictionary(id)
        .map_err(|e| format!("a font: {e}"))?
        .clone();
    if font.get(b"Subtype").and_then(Object::as_name).ok() != Some(&b"Type0"[..]) {
        return Ok(());
    }
    let Ok(Object::Array(desc)) = font.get(b"DescendantFonts").cloned() else {
        return Ok(());
    };
    let (cid_ref, mut cid) = match desc.first() {
        Some(Object::Dictionary(c)) => (None, c.clone()),
        Some(Object::Reference(r)) => (
            Some(*r),
            d.get_dictionary(*r)
                .map_err(|e| format!("a font: {e}"))?
                .clone(),
        ),
        _ => return Ok(()),
    };
    if cid.get(b"CIDToGIDMap").is_ok() {
        return Ok(()); // not printpdf's
    }
    // Widths: each run starts one code later.
    if let Ok(Object::Array(w)) = cid.get(b"W").cloned() {
        let mut out = Vec::with_capacity(w.len());
        let mut i = 0;
        while i < w.len() {
            match (&w[i], w.get(i + 1), w.get(i + 2)) {
                (Object::Integer(c), Some(Object::Array(_)), _) => {
                    out.push(Object::Integer(c + 1));
                    out.push(w[i + 1].clone());
                    i += 2;
                }
                (Object::Integer(a), Some(Object::Integer(b)), Some(width)) => {
                    out.extend([
                        Object::Integer(a + 1),
                        Object::Integer(b + 1),
                        width.clone(),
                    ]);
                    i += 3;
                }
                (other, _, _) => {
                    out.push(other.clone());
                    i += 1;
                }
            }
        }
        cid.set("W", Object::Array(out));
    }
    // Code c draws glyph c − 1 of the subset; code 0 is never shown.
    let glyphs = glyph_count(d, &cid).unwrap_or(u16::MAX as usize);
    let mut map = Vec::with_capacity(2 * (glyphs + 1));
    for code in 0..=glyphs.min(u16::MAX as usize - 1) {
        map.extend_from_slice(&(code.saturating_sub(1) as u16).to_be_bytes());
    }
    let map_id = d.add_object(Stream::new(Dictionary::new(), map));
    cid.set("CIDToGIDMap", Object::Reference(map_id));
    match cid_ref {
        Some(r) => {
            d.objects.insert(r, Object::Dictionary(cid));
        }
        None => {
            if let Ok(f) = d.get_dictionary_mut(id) {
                f.set(
                    "DescendantFonts",
                    Object::Array(vec![Object::Dictionary(cid)]),
                );
            }
        }
    }
    // ToUnicode: the same characters at codes one higher.
    if let Ok(tu) = font.get(b"ToUnicode").and_then(Object::as_reference) {
        let stream = d
            .get_object_mut(tu)
            .and_then(Object::as_stream_mut)
            .map_err(|e| format!("a font's ToUnicode: {e}"))?;
        let text = stream.get_plain_content().unwrap_or_default();
        let text = String::from_utf8_lossy(&text);
        stream.set_plain_content(cmap_shifted(&text).into_bytes());
    }
    Ok(())
}

/// The number of glyphs of a CID font's embedded TrueType subset.
fn glyph_count(d: &Document, cid: &Dictionary) -> Option<usize> {
    let fd = d
        .get_dictionary(cid.get(b"FontDescriptor").ok()?.as_reference().ok()?)
        .ok()?;
    let file = d
        .get_object(fd.get(b"FontFile2").ok()?.as_reference().ok()?)
        .ok()?
        .as_stream()
        .ok()?;
    let bytes = file.get_plain_content().ok()?;
    let face = ttf_parser::Face::parse(&bytes, 0).ok()?;
    Some(usize::from(face.number_of_glyphs()))
}

/// A `bfchar` CMap with every source code one higher (`<0000> <0020>` → `<0001> <0020>`).
fn cmap_shifted(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_bfchar = false;
    for line in text.lines() {
        let t = line.trim();
        if t.ends_with("beginbfchar") {
            in_bfchar = true;
        } else if t == "endbfchar" {
            in_bfchar = false;
        }
        let parsed = in_bfchar
            .then_some(t)
            .and_then(|t| t.strip_prefix('<'))
            .and_then(|r| r.split_once('>'))
            .and_then(|(code, rest)| {
                let rest = rest.trim();
                (code.len() == 4 && rest.starts_with('<'))
                    .then(|| u32::from_str_radix(code, 16).ok())
                    .flatten()
                    .map(|c| (c, rest.to_string()))
            });
        match parsed {
            Some((c, rest)) => out.push_str(&format!("<{:04X}> {rest}", c + 1)),
            None => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cmap_codes_move_up_by_one_and_the_rest_is_kept() {
        let cmap = "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n2 beginbfchar\n<0000> <0020>\n<00FF> <0041>\nendbfchar\n";
        let s = cmap_shifted(cmap);
        assert!(s.contains("<0001> <0020>\n<0100> <0041>\n"), "{s}");
        assert!(s.contains("<0000> <FFFF>"), "the code space is kept: {s}");
    }

    #[test]
    fn shown_codes_move_up_by_one() {
        let mut o = Object::Array(vec![
            Object::String(vec![0, 0, 0, 0x41], lopdf::StringFormat::Hexadecimal),
            Object::Integer(-20),
        ]);
        bump(&mut o);
        assert_eq!(
            o,
            Object::Array(vec![
                Object::String(vec![0, 1, 0, 0x42], lopdf::StringFormat::Hexadecimal),
                Object::Integer(-20),
            ])
        );
    }
}
