//! Rasterising the SVG with resvg, using only the bundled fonts, and encoding the PNG with
//! its resolution (pHYs). Dropped text is an error, never a silent loss.

mod encode;
mod glyphs;
pub use encode::{encode, encode_opaque_with, encode_with, Indexed, Settings, ENCODING};

use std::cell::RefCell;
use std::sync::{Arc, OnceLock};

/// Largest raster we agree to allocate, in pixels (about 400 MB of RGBA).
pub const MAX_PIXELS: u64 = 100_000_000;

/// The font database of the font set in force ([`crate::fonts::current`]): its files and the
/// bundled Japanese family, nothing from the system. Built once per distinct set.
fn fontdb() -> Arc<usvg::fontdb::Database> {
    type Cache = std::sync::Mutex<Vec<(Vec<crate::fonts::Font>, Arc<usvg::fontdb::Database>)>>;
    static DBS: OnceLock<Cache> = OnceLock::new();
    let set = crate::fonts::current();
    let files = set.files();
    let mut cache = DBS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if let Some((_, db)) = cache.iter().find(|(f, _)| *f == files) {
        return db.clone();
    }
    let mut db = usvg::fontdb::Database::new();
    for font in &files {
        db.load_font_data(font.bytes().to_vec());
    }
    db.set_sans_serif_family(set.body());
    db.set_serif_family(set.body());
    let db = Arc::new(db);
    cache.push((files, db.clone()));
    db
}

thread_local! {
    static WARNINGS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

struct Collector;

impl log::Log for Collector {
    fn enabled(&self, m: &log::Metadata) -> bool {
        m.level() <= log::Level::Warn
    }
    fn log(&self, r: &log::Record) {
        if self.enabled(r.metadata()) {
            WARNINGS.with(|w| w.borrow_mut().push(r.args().to_string()));
        }
    }
    fn flush(&self) {}
}

static COLLECTOR: Collector = Collector;

fn install_collector() {
    static ONCE: OnceLock<()> = OnceLock::new();
    ONCE.get_or_init(|| {
        if log::set_logger(&COLLECTOR).is_ok() {
            log::set_max_level(log::LevelFilter::Warn);
        }
    });
}

/// Parses an SVG as the rasteriser sees it, and reports every problem with its text: font
/// warnings from usvg and `<text>` elements that produced no glyphs.
pub fn parse_checked(svg: &str) -> Result<usvg::Tree, String> {
    install_collector();
    WARNINGS.with(|w| w.borrow_mut().clear());
    let opts = usvg::Options {
        fontdb: fontdb(),
        font_family: crate::fonts::current().body().to_string(),
        ..Default::default()
    };
    // An embedded font is a bundled one the rasteriser has already: its `<style>` would only
    // draw a warning that usvg skips `@font-face`.
    let svg = super::svg::without_style(svg);
    let tree =
        usvg::Tree::from_str(&svg, &opts).map_err(|e| format!("the SVG does not parse: {e}"))?;
    // Japanese runs name their family (see `svg::finish`), so any font warning, a fallback
    // included, means text would be lost or drawn in a font the layout did not measure.
    let warnings: Vec<String> = WARNINGS.with(|w| std::mem::take(&mut *w.borrow_mut()));
    if !warnings.is_empty() {
        // Each distinct warning once, with its count: a thousand bars narrower than a pixel
        // are one problem.
        let mut distinct: Vec<(String, usize)> = Vec::new();
        for w in warnings {
            match distinct.iter_mut().find(|(d, _)| *d == w) {
                Some((_, n)) => *n += 1,
                None => distinct.push((w, 1)),
            }
        }
        let texty = distinct
            .iter()
            .any(|(w, _)| w.contains("font") || w.contains("text") || w.contains("glyph"));
        let list: Vec<String> = distinct
            .iter()
            .take(5)
            .map(|(w, n)| {
                if *n > 1 {
                    format!("{w} ({n} times)")
                } else {
                    w.clone()
                }
            })
            .collect();
        let what = if texty {
            "text would be lost in the PNG"
        } else {
            "marks would be lost in the PNG (too small or too many to draw)"
        };
        return Err(format!("{what}: {}", list.join("; ")));
    }
    let mut drawn = 0usize;
    let mut empty = Vec::new();
    count_text(tree.root(), &mut drawn, &mut empty);
    let expected = svg.matches("<text").count();
    if !empty.is_empty() {
        return Err(format!(
            "text drew no glyphs in the PNG: {}",
            empty.join(" | ")
        ));
    }
    if drawn != expected {
        return Err(format!(
            "the SVG has {expected} <text> elements but only {drawn} reached the PNG"
        ));
    }
    Ok(tree)
}

fn count_text(g: &usvg::Group, drawn: &mut usize, empty: &mut Vec<String>) {
    for node in g.children() {
        match node {
            usvg::Node::Group(g) => count_text(g, drawn, empty),
            usvg::Node::Text(t) => {
                let content: String = t.chunks().iter().map(|c| c.text()).collect();
                if !content.trim().is_empty() && !t.flattened().has_children() {
                    empty.push(content);
                } else {
                    *drawn += 1;
                }
            }
            _ => {}
        }
    }
}

/// Rasterises `svg` at `dpi` (96 = one pixel per CSS px) into PNG bytes with pHYs set.
pub fn rasterize(svg: &str, dpi: u32) -> Result<Vec<u8>, String> {
    render_tree(&parse_checked(svg)?, dpi)
}

/// Rasterises a tree from [`parse_checked`] at `dpi` into PNG bytes with pHYs set.
pub fn render_tree(tree: &usvg::Tree, dpi: u32) -> Result<Vec<u8>, String> {
    let (w, h, rgba) = raster_rgba(tree, dpi)?;
    encode::encode_opaque(rgba, w, h, dpi)
}

/// Rasterises a tree at `dpi` on white: `(width, height, RGB pixels)`.
pub fn raster(tree: &usvg::Tree, dpi: u32) -> Result<(u32, u32, Vec<u8>), String> {
    let (w, h, rgba) = raster_rgba(tree, dpi)?;
    Ok((w, h, encode::pack_rgb(rgba)))
}

/// Rasterises a tree at `dpi` on opaque white: `(width, height, RGBA pixels)`, every alpha 255
/// (so premultiplied RGBA is plain RGB).
pub fn raster_rgba(tree: &usvg::Tree, dpi: u32) -> Result<(u32, u32, Vec<u8>), String> {
    let scale = f64::from(dpi) / 96.0;
    let size = tree.size();
    let w = (f64::from(size.width()) * scale).ceil();
    let h = (f64::from(size.height()) * scale).ceil();
    if !(w >= 1.0 && h >= 1.0) || (w * h) as u64 > MAX_PIXELS {
        return Err(format!(
            "a {w}×{h} px raster is too large; lower --dpi or the chart size"
        ));
    }
    let (w, h) = (w as u32, h as u32);
    let _grant =
        super::memory::global().take(u64::from(w) * u64::from(h) * super::memory::BYTES_PER_PIXEL);
    let mut pixmap = resvg::tiny_skia::Pixmap::new(w, h).ok_or("cannot allocate the raster")?;
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    glyphs::render(
        tree,
        resvg::tiny_skia::Transform::from_scale(scale as f32, scale as f32),
        &mut pixmap.as_mut(),
    );
    Ok((w, h, pixmap.take()))
}

/// Decodes a PNG into `(width, height, rgb pixels)`; used by tests and golden diffs.
pub fn decode(bytes: &[u8]) -> Result<(u32, u32, Vec<u8>), String> {
    let mut dec = png::Decoder::new(std::io::Cursor::new(bytes));
    dec.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = dec.read_info().map_err(|e| e.to_string())?;
    let mut buf = vec![
        0;
        reader
            .output_buffer_size()
            .ok_or("the PNG is too large to decode")?
    ];
    let info = reader.next_frame(&mut buf).map_err(|e| e.to_string())?;
    buf.truncate(info.buffer_size());
    let rgb = match info.color_type {
        png::ColorType::Rgb => buf,
        png::ColorType::Rgba => buf
            .chunks_exact(4)
            .flat_map(|p| [p[0], p[1], p[2]])
            .collect(),
        png::ColorType::Grayscale => buf.iter().flat_map(|g| [*g, *g, *g]).collect(),
        png::ColorType::GrayscaleAlpha => buf
            .chunks_exact(2)
            .flat_map(|p| [p[0], p[0], p[0]])
            .collect(),
        png::ColorType::Indexed => return Err("indexed PNG after expansion".into()),
    };
    Ok((info.width, info.height, rgb))
}
