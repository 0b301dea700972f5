//! Text in the raster: each glyph drawn from a coverage mask made once per glyph, size and
//! quarter-pixel position, instead of filling every span's outlines again (text is about
//! four fifths of resvg's time on a chart). Paths of plain colours are drawn as resvg draws
//! them; other nodes, and text this cannot draw as resvg would (strokes, decorations,
//! rotation, colour glyphs, gradients), by resvg itself, all in document order. A tree with
//! anything else is drawn by resvg whole.

use std::collections::HashMap;

use resvg::tiny_skia::{self, PixmapMut, Transform};
use usvg::fontdb;

/// A glyph's horizontal position is rounded to a quarter pixel (0.02 mm at 300 dpi), its
/// baseline to a whole pixel (as screen renderers do): a glyph at one size has at most four
/// masks.
const STEPS_X: f32 = 4.0;
const STEPS_Y: f32 = 1.0;

/// The masks kept by each rendering thread from chart to chart (a build's charts share their
/// fonts and sizes), up to this many bytes; then they are dropped and made again. A mask
/// depends on its key alone, so what is kept never changes the pixels.
const KEEP_BYTES: usize = 4 << 20;

/// Text drawn from masks is at most this many pixels to the em (a 1,000 px glyph's mask is
/// about 2 MB); larger text is filled by resvg.
const MAX_EM_PX: f32 = 1000.0;

thread_local! {
    static MASKS: std::cell::RefCell<Option<Masks>> = const { std::cell::RefCell::new(None) };
}

/// What a rendering thread keeps from chart to chart, for one font database.
struct Masks {
    /// The font database the keys' font ids belong to, held so that no other database can
    /// take its place at the same address.
    db: std::sync::Arc<fontdb::Database>,
    bytes: usize,
    /// `None`: the glyph has no outline (a space).
    map: HashMap<Key, Option<Coverage>>,
    /// Whether a font's glyphs are all plain outlines (no colour, SVG or bitmap glyphs).
    plain: HashMap<fontdb::ID, bool>,
}

/// Draws `tree` with `ts` (the canvas scale) into `pixmap`, as `resvg::render` does.
pub(super) fn render(tree: &usvg::Tree, ts: Transform, pixmap: &mut PixmapMut) {
    if !supported(tree.root()) {
        resvg::render(tree, ts, pixmap);
        return;
    }
    MASKS.with(|m| {
        let mut kept = m.borrow_mut();
        let fresh = match kept.as_ref() {
            Some(k) => !std::sync::Arc::ptr_eq(&k.db, tree.fontdb()) || k.bytes > KEEP_BYTES,
            None => true,
        };
        if fresh {
            *kept = Some(Masks {
                db: tree.fontdb().clone(),
                bytes: 0,
                map: HashMap::new(),
                plain: HashMap::new(),
            });
        }
        if let Some(masks) = kept.as_mut() {
            nodes(tree.root(), ts, pixmap, masks);
        }
    });
}

/// Whether every node is one [`nodes`] draws exactly as resvg would: `resvg::render_node`
/// draws nothing for a node without a bounding box (a horizontal line), so such a node must
/// be a path of plain colours, which is drawn here.
fn supported(group: &usvg::Group) -> bool {
    group.children().iter().all(|node| match node {
        usvg::Node::Group(g) if !g.should_isolate() => supported(g),
        usvg::Node::Path(p) if plain(p) => true,
        _ => node.abs_layer_bounding_box().is_some(),
    })
}

fn nodes(group: &usvg::Group, ts: Transform, pixmap: &mut PixmapMut, masks: &mut Masks) {
    for node in group.children() {
        let drawn = match node {
            usvg::Node::Group(g) if !g.should_isolate() => {
                nodes(g, ts.pre_concat(g.transform()), pixmap, masks);
                true
            }
            usvg::Node::Path(p) if plain(p) => {
                path(p, ts, pixmap);
                true
            }
            usvg::Node::Text(t) => match masks.placed(t, ts) {
                Some(glyphs) => {
                    for g in glyphs {
                        if let Some(cov) = masks.mask(g.key) {
                            blend(pixmap, cov, g.ix, g.iy, g.paint);
                        }
                    }
                    true
                }
                None => false,
            },
            _ => false,
        };
        if !drawn {
            // `render_node` shifts the node by its bounding box (it is made for thumbnails):
            // shifting back first leaves the transform in force.
            if let Some(b) = node.abs_layer_bounding_box() {
                resvg::render_node(node, ts.pre_translate(b.x(), b.y()), pixmap);
            }
        }
    }
}

/// A path whose fill and stroke are plain colours (or none).
fn plain(p: &usvg::Path) -> bool {
    let color = |paint: &usvg::Paint| matches!(paint, usvg::Paint::Color(_));
    p.fill().is_none_or(|f| color(f.paint())) && p.stroke().is_none_or(|s| color(s.paint()))
}

/// A path of plain colours, drawn as resvg draws it (`resvg::path::render`).
fn path(p: &usvg::Path, ts: Transform, pixmap: &mut PixmapMut) {
    if !p.is_visible() {
        return;
    }
    let paint = |c: usvg::Color, opacity: usvg::Opacity| {
        let mut paint = tiny_skia::Paint::default();
        paint.set_color_rgba8(c.red, c.green, c.blue, opacity.to_u8());
        paint.anti_alias = p.rendering_mode().use_shape_antialiasing();
        paint
    };
    let fill = |pixmap: &mut PixmapMut| {
        let Some(f) = p.fill() else { return };
        let usvg::Paint::Color(c) = f.paint() else {
            return;
        };
        let b = p.data().bounds();
        if b.width() == 0.0 || b.height() == 0.0 {
            return;
        }
        let rule = match f.rule() {
            usvg::FillRule::NonZero => tiny_skia::FillRule::Winding,
            usvg::FillRule::EvenOdd => tiny_skia::FillRule::EvenOdd,
        };
        pixmap.fill_path(p.data(), &paint(*c, f.opacity()), rule, ts, None);
    };
    let stroke = |pixmap: &mut PixmapMut| {
        let Some(s) = p.stroke() else { return };
        let usvg::Paint::Color(c) = s.paint() else {
            return;
        };
        pixmap.stroke_path(
            p.data(),
            &paint(*c, s.opacity()),
            &s.to_tiny_skia(),
            ts,
            None,
        );
    };
    if p.paint_order() == usvg::PaintOrder::FillAndStroke {
        fill(pixmap);
        stroke(pixmap);
    } else {
        stroke(pixmap);
        fill(pixmap);
    }
}

/// One glyph's mask: which glyph, at what scale (the bits of the outline's x and y scale),
/// at which quarter-pixel offset.
#[derive(PartialEq, Eq, Hash, Clone, Copy)]
struct Key {
    font: fontdb::ID,
    glyph: u16,
    sx: u32,
    sy: u32,
    qx: u8,
    qy: u8,
}

/// A glyph's coverage, `w` × `h` bytes, its top left corner at (`left`, `top`) from the
/// whole pixel the glyph's origin was rounded to.
struct Coverage {
    left: i32,
    top: i32,
    w: usize,
    h: usize,
    alpha: Vec<u8>,
}

/// One glyph to draw: its mask, the whole pixel its origin was rounded to, its colour and
/// opacity.
struct Placed {
    key: Key,
    ix: i32,
    iy: i32,
    paint: ([u8; 3], u8),
}

impl Masks {
    /// The glyphs of `t` to draw, when this text is drawn here exactly as resvg would draw it
    /// (up to the rounding of each glyph's position): solid fills only, upright, plain outline
    /// fonts, not too large. `None`: resvg draws it.
    fn placed(&mut self, t: &usvg::Text, ts: Transform) -> Option<Vec<Placed>> {
        if t.rendering_mode() == usvg::TextRendering::OptimizeSpeed {
            return None;
        }
        let mut out = Vec::new();
        for span in t.layouted() {
            if span.stroke.is_some()
                || span.underline.is_some()
                || span.overline.is_some()
                || span.line_through.is_some()
            {
                return None;
            }
            // A mask is the size of its glyph: text this large (a poster, a runaway theme)
            // is resvg's to fill, never a mask of hundreds of megabytes.
            let em = span.font_size.get() * ts.sx.abs().max(ts.sy.abs());
            if em.is_nan() || em > MAX_EM_PX {
                return None;
            }
            let paint = match &span.fill {
                Some(f) => {
                    let usvg::Paint::Color(c) = f.paint() else {
                        return None;
                    };
                    if f.rule() != usvg::FillRule::NonZero {
                        return None;
                    }
                    Some(([c.red, c.green, c.blue], f.opacity().to_u8()))
                }
                None => None,
            };
            for g in &span.positioned_glyphs {
                let m = ts.pre_concat(g.outline_transform());
                let upright = m.kx == 0.0 && m.ky == 0.0 && m.sx != 0.0 && m.sy != 0.0;
                let placed = m.tx.abs() < 1e6 && m.ty.abs() < 1e6;
                if !(upright && placed && m.sx.is_finite() && m.sy.is_finite()) {
                    return None;
                }
                if !self.plain(g.font) {
                    return None;
                }
                let Some(paint) = paint.filter(|_| span.visible) else {
                    continue;
                };
                let (ix, qx) = split(m.tx, STEPS_X);
                let (iy, qy) = split(m.ty, STEPS_Y);
                let key = Key {
                    font: g.font,
                    glyph: g.id.0,
                    sx: m.sx.to_bits(),
                    sy: m.sy.to_bits(),
                    qx,
                    qy,
                };
                out.push(Placed { key, ix, iy, paint });
            }
        }
        Some(out)
    }

    fn plain(&mut self, font: fontdb::ID) -> bool {
        let db = &self.db;
        *self.plain.entry(font).or_insert_with(|| {
            db.with_face_data(font, |data, index| {
                ttf_parser::Face::parse(data, index).is_ok_and(|face| {
                    let t = face.tables();
                    t.colr.is_none() && t.svg.is_none() && t.sbix.is_none() && t.cbdt.is_none()
                })
            })
            .unwrap_or(false)
        })
    }

    fn mask(&mut self, key: Key) -> Option<&Coverage> {
        let (db, bytes) = (&self.db, &mut self.bytes);
        self.map
            .entry(key)
            .or_insert_with_key(|k| {
                let c = coverage(db, k);
                *bytes += c.as_ref().map_or(0, |c| c.alpha.len()) + 64;
                c
            })
            .as_ref()
    }
}

/// Rounds a position to the nearest of `per` steps a pixel: the whole pixel and the step.
fn split(v: f32, per: f32) -> (i32, u8) {
    let steps = (v * per).round();
    let whole = (steps / per).floor();
    (whole as i32, (steps - whole * per) as u8)
}

/// The coverage of one glyph at its scale and quarter-pixel offset, anti-aliased as resvg
/// fills paths.
fn coverage(db: &fontdb::Database, k: &Key) -> Option<Coverage> {
    let (sx, sy) = (f32::from_bits(k.sx), f32::from_bits(k.sy));
    let outline = db.with_face_data(k.font, |data, index| {
        let face = ttf_parser::Face::parse(data, index).ok()?;
        let mut b = Outline(tiny_skia::PathBuilder::new());
        face.outline_glyph(ttf_parser::GlyphId(k.glyph), &mut b)?;
        b.0.finish()
    })??;
    let offset = (f32::from(k.qx) / STEPS_X, f32::from(k.qy) / STEPS_Y);
    let path = outline.transform(Transform::from_row(sx, 0.0, 0.0, sy, offset.0, offset.1))?;
    let b = path.bounds();
    let (left, top) = (b.left().floor() as i32 - 1, b.top().floor() as i32 - 1);
    let (right, bottom) = (b.right().ceil() as i32 + 1, b.bottom().ceil() as i32 + 1);
    let (w, h) = ((right - left) as u32, (bottom - top) as u32);
    let mut mask = tiny_skia::Mask::new(w, h)?;
    mask.fill_path(
        &path,
        tiny_skia::FillRule::Winding,
        true,
        Transform::from_translate(-left as f32, -top as f32),
    );
    Some(Coverage {
        left,
        top,
        w: w as usize,
        h: h as usize,
        alpha: mask.data().to_vec(),
    })
}

struct Outline(tiny_skia::PathBuilder);

impl ttf_parser::OutlineBuilder for Outline {
    fn move_to(&mut self, x: f32, y: f32) {
        self.0.move_to(x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.0.line_to(x, y);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        self.0.quad_to(x1, y1, x, y);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.0.cubic_to(x1, y1, x2, y2, x, y);
    }
    fn close(&mut self) {
        self.0.close();
    }
}

/// Paints `rgb` at `opacity` through the coverage onto premultiplied RGBA pixels, source over.
fn blend(pixmap: &mut PixmapMut, cov: &Coverage, ix: i32, iy: i32, (rgb, opacity): ([u8; 3], u8)) {
    let (pw, ph) = (pixmap.width() as i32, pixmap.height() as i32);
    let data = pixmap.data_mut();
    let x0 = ix + cov.left;
    let (from, to) = (
        (-x0).max(0) as usize,
        ((pw - x0).max(0) as usize).min(cov.w),
    );
    for row in 0..cov.h {
        let y = iy + cov.top + row as i32;
        if y < 0 || y >= ph || from >= to {
            continue;
        }
        let line = &cov.alpha[row * cov.w..(row + 1) * cov.w];
        let base = (y as usize * pw as usize + (x0 + from as i32) as usize) * 4;
        for (i, &c) in line[from..to].iter().enumerate() {
            if c == 0 {
                continue;
            }
            let a = u32::from(c) * u32::from(opacity);
            let a = (a + 127) / 255;
            let keep = 255 - a;
            let p = &mut data[base + i * 4..base + i * 4 + 4];
            for (d, s) in p[..3].iter_mut().zip(rgb) {
                *d = ((u32::from(s) * a + u32::from(*d) * keep + 127) / 255) as u8;
            }
            p[3] = ((255 * a + u32::from(p[3]) * keep + 127) / 255) as u8;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trees(svg: &str) -> usvg::Tree {
        super::super::parse_checked(svg).expect("parses")
    }

    fn draw(tree: &usvg::Tree, via_resvg: bool) -> Vec<u8> {
        let size = tree
            .size()
            .to_int_size()
            .scale_by(300.0 / 96.0)
            .expect("size");
        let mut pm = tiny_skia::Pixmap::new(size.width(), size.height()).expect("pixmap");
        pm.fill(tiny_skia::Color::WHITE);
        let ts = Transform::from_scale(300.0 / 96.0, 300.0 / 96.0);
        if via_resvg {
            resvg::render(tree, ts, &mut pm.as_mut());
        } else {
            render(tree, ts, &mut pm.as_mut());
        }
        pm.take()
    }

    const CHART: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="80" font-family="Lato">
        <rect width="200" height="80" fill="#fff"/>
        <line x1="10" y1="60.5" x2="190" y2="60.5" stroke="#333" stroke-width="1"/>
        <rect x="20" y="30" width="30" height="30" fill="#0072B2" fill-opacity="0.8"/>
        <text x="12.3" y="20.7" font-size="13" fill="#1A1A1A">Arrests, 2017: 10,284</text>
        <text x="60" y="50" font-size="9" fill="#C68900" font-weight="bold">peak</text>
        <rect x="55" y="42" width="30" height="4" fill="#fff"/>
    </svg>"##;

    #[test]
    fn shapes_are_resvgs_pixels_and_text_differs_only_at_glyph_edges() {
        let tree = trees(CHART);
        let (ours, theirs) = (draw(&tree, false), draw(&tree, true));
        assert_eq!(ours.len(), theirs.len());
        let w = (200.0f32 * 300.0 / 96.0).ceil() as usize;
        let (mut text_diff, mut ink) = (0u64, [0u64; 2]);
        for (i, (a, b)) in ours.chunks(4).zip(theirs.chunks(4)).enumerate() {
            let (x, y) = ((i % w) as f32 * 96.0 / 300.0, (i / w) as f32 * 96.0 / 300.0);
            let in_text = (y < 24.0) || (58.0..90.0).contains(&x) && (40.0..52.0).contains(&y);
            if in_text {
                text_diff += a
                    .iter()
                    .zip(b)
                    .map(|(p, q)| u64::from(p.abs_diff(*q)))
                    .sum::<u64>();
                ink[0] += a[..3].iter().map(|v| u64::from(255 - v)).sum::<u64>();
                ink[1] += b[..3].iter().map(|v| u64::from(255 - v)).sum::<u64>();
            } else {
                assert_eq!(a, b, "pixel at ({x:.1}, {y:.1}) px, away from the text");
            }
        }
        // Glyph edges move by at most half a pixel (a whole glyph misplaced by two pixels
        // would differ by far more), and the text has the same ink: none lost or doubled.
        let text_px = (w as u64) * 75;
        assert!(
            text_diff / text_px < 8,
            "mean difference {}",
            text_diff / text_px
        );
        let ratio = ink[0] as f64 / ink[1] as f64;
        assert!((0.98..1.02).contains(&ratio), "ink {ratio}");
        // Drawn in order: the white rect drawn after "peak" covers its lower part.
        let at = |x: f32, y: f32| {
            let i = ((y * 300.0 / 96.0) as usize * w + (x * 300.0 / 96.0) as usize) * 4;
            ours[i..i + 3].to_vec()
        };
        assert_eq!(at(70.0, 44.0), vec![255, 255, 255]);
    }

    #[test]
    fn masks_kept_from_other_charts_change_no_pixel() {
        let tree = trees(CHART);
        let first = draw(&tree, false);
        let other = trees(&CHART.replace("Arrests, 2017: 10,284", "Prisoners 4,578 — 2016"));
        draw(&other, false);
        assert_eq!(draw(&tree, false), first);
        let fresh = std::thread::scope(|s| s.spawn(|| draw(&tree, false)).join().unwrap());
        assert_eq!(fresh, first);
    }

    #[test]
    fn huge_text_is_filled_by_resvg() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400" font-family="Lato">
            <text x="0" y="350" font-size="360">Ag</text>
        </svg>"##;
        let tree = trees(svg);
        assert_eq!(draw(&tree, false), draw(&tree, true));
    }

    #[test]
    fn text_it_cannot_draw_the_same_way_is_resvgs() {
        // Rotated, stroked, underlined, or filled with a gradient: resvg's own pixels.
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80" font-family="Lato">
            <defs><linearGradient id="g"><stop offset="0" stop-color="#000"/><stop offset="1" stop-color="#f00"/></linearGradient></defs>
            <text x="10" y="70" font-size="12" transform="rotate(-90 10 70)">Rotated</text>
            <text x="30" y="20" font-size="12" stroke="#fff" stroke-width="2">Halo</text>
            <text x="30" y="40" font-size="12" text-decoration="underline">Under</text>
            <text x="30" y="60" font-size="12" fill="url(#g)">Gradient</text>
        </svg>"##;
        let tree = trees(svg);
        assert_eq!(draw(&tree, false), draw(&tree, true));
    }
}
