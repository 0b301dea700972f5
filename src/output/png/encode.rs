//! PNG encoding: an exact palette (indexed colour, at the fewest bits per pixel) when the
//! picture has at most 256 colours, else 8-bit RGB; filter and deflate settings chosen by
//! measurement. The pixels decoded are exactly the pixels given; the bytes depend on the
//! pixels only.

/// The deflate and filter settings of each colour type, chosen by measurement on the
/// briefing's 32 figures (`cargo bench --bench phases`, see BENCHMARKS.md).
pub const ENCODING: Settings = Settings {
    palette: true,
    indexed: (png::DeflateCompression::Level(5), png::Filter::NoFilter),
    rgb: (png::DeflateCompression::Level(3), png::Filter::Adaptive),
};

/// Deflate level and row filter for indexed and for RGB pictures.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// Write pictures of at most 256 colours with a palette.
    pub palette: bool,
    pub indexed: (png::DeflateCompression, png::Filter),
    pub rgb: (png::DeflateCompression, png::Filter),
}

/// Encodes 8-bit RGB pixels as PNG with the resolution in pixels per metre.
pub fn encode(rgb: &[u8], w: u32, h: u32, dpi: u32) -> Result<Vec<u8>, String> {
    encode_with(rgb, w, h, dpi, ENCODING)
}

/// [`encode`] with given settings (the benchmark compares them).
pub fn encode_with(
    rgb: &[u8],
    w: u32,
    h: u32,
    dpi: u32,
    settings: Settings,
) -> Result<Vec<u8>, String> {
    if rgb.len() as u64 != u64::from(w) * u64::from(h) * 3 {
        return Err(format!("{} bytes are not {w}×{h} RGB pixels", rgb.len()));
    }
    match palette(rgb, 3).filter(|_| settings.palette) {
        Some(p) => write(w, h, dpi, settings, Body::Indexed(p)),
        None => write(w, h, dpi, settings, Body::Rgb(rgb)),
    }
}

/// Encodes opaque RGBA pixels (a raster on a white background: every alpha 255), taking
/// them: a picture of more colours than a palette holds is packed to RGB in place, so that
/// the raster is never held twice.
pub fn encode_opaque(rgba: Vec<u8>, w: u32, h: u32, dpi: u32) -> Result<Vec<u8>, String> {
    if rgba.len() as u64 != u64::from(w) * u64::from(h) * 4 {
        return Err(format!("{} bytes are not {w}×{h} RGBA pixels", rgba.len()));
    }
    match palette(&rgba, 4) {
        Some(p) => write(w, h, dpi, ENCODING, Body::Indexed(p)),
        None => write(w, h, dpi, ENCODING, Body::Rgb(&pack_rgb(rgba))),
    }
}

/// RGBA pixels packed to RGB in place (the alpha dropped).
pub fn pack_rgb(mut rgba: Vec<u8>) -> Vec<u8> {
    let n = rgba.len() / 4;
    for i in 1..n {
        let (s, d) = (4 * i, 3 * i);
        rgba[d] = rgba[s];
        rgba[d + 1] = rgba[s + 1];
        rgba[d + 2] = rgba[s + 2];
    }
    rgba.truncate(3 * n);
    rgba
}

/// What the image data of a PNG is.
enum Body<'a> {
    Indexed(Palette),
    Rgb(&'a [u8]),
}

fn write(w: u32, h: u32, dpi: u32, settings: Settings, body: Body) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, w, h);
    let ppm = (f64::from(dpi) / 0.0254).round() as u32;
    enc.set_pixel_dims(Some(png::PixelDimensions {
        xppu: ppm,
        yppu: ppm,
        unit: png::Unit::Meter,
    }));
    let packed;
    let data: &[u8] = match body {
        Body::Indexed(p) => {
            let depth = depth_for(p.colors.len());
            enc.set_color(png::ColorType::Indexed);
            enc.set_depth(depth);
            enc.set_palette(p.colors.iter().flatten().copied().collect::<Vec<u8>>());
            enc.set_filter(settings.indexed.1);
            enc.set_deflate_compression(settings.indexed.0);
            packed = pack(p.indices, w as usize, depth);
            &packed
        }
        Body::Rgb(rgb) => {
            enc.set_color(png::ColorType::Rgb);
            enc.set_depth(png::BitDepth::Eight);
            enc.set_filter(settings.rgb.1);
            enc.set_deflate_compression(settings.rgb.0);
            rgb
        }
    };
    let mut writer = enc.write_header().map_err(|e| e.to_string())?;
    writer.write_image_data(data).map_err(|e| e.to_string())?;
    writer.finish().map_err(|e| e.to_string())?;
    Ok(out)
}

/// A picture's colours, in increasing order of their RGB value, and each pixel's index.
struct Palette {
    colors: Vec<[u8; 3]>,
    indices: Vec<u8>,
}

/// An open-addressing set of at most 256 colours (24-bit keys) with an index each: a
/// quarter full at most, so a lookup is one or two probes.
struct Colors {
    keys: Vec<u32>,
    index: Vec<u8>,
    len: usize,
}

const EMPTY: u32 = u32::MAX;
const SLOTS: usize = 1024;

impl Colors {
    fn new() -> Colors {
        Colors {
            keys: vec![EMPTY; SLOTS],
            index: vec![0; SLOTS],
            len: 0,
        }
    }

    fn slot(&self, k: u32) -> usize {
        let mut i = (k.wrapping_mul(0x9E37_79B1) >> 22) as usize;
        while self.keys[i] != EMPTY && self.keys[i] != k {
            i = (i + 1) % SLOTS;
        }
        i
    }

    /// Adds `k`; false when that would make more than 256 colours.
    fn insert(&mut self, k: u32) -> bool {
        let i = self.slot(k);
        if self.keys[i] == EMPTY {
            if self.len == 256 {
                return false;
            }
            self.keys[i] = k;
            self.len += 1;
        }
        true
    }
}

/// The exact palette of `px` (pixels of `bpp` bytes, RGB first), or `None` when there are
/// more than 256 colours.
fn palette(px: &[u8], bpp: usize) -> Option<Palette> {
    let key = |p: &[u8]| u32::from_le_bytes([p[0], p[1], p[2], 0]);
    // Runs of one colour (the paper, a bar) fill most of a chart: a block of pixels equal to
    // the block before it holds no new colour and maps to the same indices.
    let block = 16 * bpp;
    let mut set = Colors::new();
    let mut last = EMPTY;
    let mut prev: &[u8] = &[];
    for chunk in px.chunks(block) {
        if chunk == prev {
            continue;
        }
        prev = chunk;
        for p in chunk.chunks_exact(bpp) {
            let k = key(p);
            if k != last {
                last = k;
                if !set.insert(k) {
                    return None;
                }
            }
        }
    }
    // Indices in colour order (RGB value), so the palette depends on the colours only.
    let rgb = |k: u32| [k as u8, (k >> 8) as u8, (k >> 16) as u8];
    let mut sorted: Vec<u32> = set.keys.iter().copied().filter(|k| *k != EMPTY).collect();
    sorted.sort_unstable_by_key(|k| rgb(*k));
    for (n, k) in sorted.iter().enumerate() {
        let i = set.slot(*k);
        set.index[i] = n as u8;
    }
    let mut indices: Vec<u8> = Vec::with_capacity(px.len() / bpp);
    let (mut last, mut idx) = (EMPTY, 0u8);
    let mut prev: &[u8] = &[];
    for chunk in px.chunks(block) {
        let n = chunk.len() / bpp;
        if chunk == prev {
            let from = indices.len() - n;
            indices.extend_from_within(from..);
            continue;
        }
        prev = chunk;
        for p in chunk.chunks_exact(bpp) {
            let k = key(p);
            if k != last {
                last = k;
                idx = set.index[set.slot(k)];
            }
            indices.push(idx);
        }
    }
    let colors = sorted.into_iter().map(rgb).collect();
    Some(Palette { colors, indices })
}

/// The fewest bits per pixel that index `n` colours.
fn depth_for(n: usize) -> png::BitDepth {
    match n {
        0..=2 => png::BitDepth::One,
        3..=4 => png::BitDepth::Two,
        5..=16 => png::BitDepth::Four,
        _ => png::BitDepth::Eight,
    }
}

/// Rows of one index per byte packed at `depth` bits per pixel, most significant bits first,
/// each row padded to a whole byte.
fn pack(indices: Vec<u8>, w: usize, depth: png::BitDepth) -> Vec<u8> {
    let bits = depth as usize;
    if bits == 8 || w == 0 {
        return indices;
    }
    let per = 8 / bits;
    let row_bytes = w.div_ceil(per);
    let mut out = Vec::with_capacity(row_bytes * (indices.len() / w));
    for row in indices.chunks_exact(w) {
        for group in row.chunks(per) {
            let mut b = 0u8;
            for (i, v) in group.iter().enumerate() {
                b |= v << (8 - bits * (i + 1));
            }
            out.push(b);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(rgb: &[u8], w: u32, h: u32) -> Vec<u8> {
        let bytes = encode(rgb, w, h, 96).unwrap();
        let (dw, dh, px) = super::super::decode(&bytes).unwrap();
        assert_eq!((dw, dh), (w, h));
        assert_eq!(px, rgb, "pixels decode as given");
        bytes
    }

    fn color_type(bytes: &[u8]) -> (png::ColorType, png::BitDepth) {
        let r = png::Decoder::new(std::io::Cursor::new(bytes))
            .read_info()
            .unwrap();
        (r.info().color_type, r.info().bit_depth)
    }

    #[test]
    fn few_colours_are_indexed_at_the_fewest_bits_and_decode_exactly() {
        // Widths that do not fill the last byte of a row, for every depth.
        for (n, depth) in [
            (2, png::BitDepth::One),
            (3, png::BitDepth::Two),
            (9, png::BitDepth::Four),
            (200, png::BitDepth::Eight),
            (256, png::BitDepth::Eight),
        ] {
            let (w, h) = (37u32, 11u32);
            let rgb: Vec<u8> = (0..w * h)
                .flat_map(|i| {
                    let c = (i as usize * 7) % n;
                    [c as u8, 255 - c as u8, (c * 3) as u8]
                })
                .collect();
            let bytes = round_trip(&rgb, w, h);
            assert_eq!(
                color_type(&bytes),
                (png::ColorType::Indexed, depth),
                "{n} colours"
            );
        }
    }

    #[test]
    fn a_drawn_chart_decodes_to_its_raster_pixel_for_pixel() {
        // Flat fills and anti-aliased text and lines: a picture like every chart's.
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60">
            <rect width="120" height="60" fill="#fff"/>
            <rect x="10" y="20" width="40" height="30" fill="#0072B2"/>
            <line x1="0" y1="55" x2="120" y2="5" stroke="#C68900" stroke-width="1.5"/>
            <circle cx="90" cy="30" r="12" fill="none" stroke="#333" stroke-width="0.7"/>
        </svg>"##;
        let tree = usvg::Tree::from_str(svg, &usvg::Options::default()).unwrap();
        for dpi in [96, 300] {
            let (w, h, rgb) = super::super::raster(&tree, dpi).unwrap();
            round_trip(&rgb, w, h);
            // As the build encodes it: from the RGBA raster.
            let (w, h, rgba) = super::super::raster_rgba(&tree, dpi).unwrap();
            let (_, _, px) =
                super::super::decode(&encode_opaque(rgba, w, h, dpi).unwrap()).unwrap();
            assert_eq!(px, rgb);
        }
    }

    #[test]
    fn more_than_256_colours_are_rgb() {
        let (w, h) = (300u32, 2u32);
        let rgb: Vec<u8> = (0..w * h)
            .flat_map(|i| [(i % 256) as u8, (i / 256) as u8, 7])
            .collect();
        let bytes = round_trip(&rgb, w, h);
        assert_eq!(color_type(&bytes).0, png::ColorType::Rgb);
    }

    #[test]
    fn repeated_blocks_map_to_the_same_indices() {
        // Rows of 40 pixels: runs longer than a block, equal blocks in a row, a change inside
        // a block, and a last block shorter than the others.
        let (w, h) = (40u32, 9u32);
        let rgb: Vec<u8> = (0..w * h)
            .flat_map(|i| {
                let c = if i % 37 == 5 || (i / 40) % 3 == 1 {
                    200
                } else {
                    10
                };
                [c, c, 255 - c]
            })
            .collect();
        round_trip(&rgb, w, h);
    }

    #[test]
    fn the_palette_does_not_depend_on_where_colours_first_appear() {
        let a: Vec<u8> = [[1, 2, 3], [9, 9, 9]].iter().flatten().copied().collect();
        let b: Vec<u8> = [[9, 9, 9], [1, 2, 3]].iter().flatten().copied().collect();
        let pa = palette(&a, 3).unwrap();
        let pb = palette(&b, 3).unwrap();
        assert_eq!(pa.colors, pb.colors);
        assert_eq!(pa.indices, vec![0, 1]);
        assert_eq!(pb.indices, vec![1, 0]);
    }
}
