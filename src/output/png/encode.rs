//! PNG encoding: an exact palette (indexed colour, at the fewest bits per pixel) when the
//! picture has at most 256 colours, else 8-bit RGB; filter and deflate settings chosen by
//! measurement. The pixels decoded are exactly the pixels given; the bytes depend on the
//! pixels only.

use std::collections::HashMap;

/// The deflate and filter settings of each colour type, chosen by measurement on the
/// briefing's 32 figures (`cargo bench --bench phases`, see BENCHMARKS.md).
pub const ENCODING: Settings = Settings {
    palette: true,
    indexed: (png::DeflateCompression::Level(6), png::Filter::NoFilter),
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
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, w, h);
        let ppm = (f64::from(dpi) / 0.0254).round() as u32;
        enc.set_pixel_dims(Some(png::PixelDimensions {
            xppu: ppm,
            yppu: ppm,
            unit: png::Unit::Meter,
        }));
        let data = match palette(rgb).filter(|_| settings.palette) {
            Some(p) => {
                let depth = depth_for(p.colors.len());
                enc.set_color(png::ColorType::Indexed);
                enc.set_depth(depth);
                enc.set_palette(p.colors.iter().flatten().copied().collect::<Vec<u8>>());
                enc.set_filter(settings.indexed.1);
                enc.set_deflate_compression(settings.indexed.0);
                pack(&p.indices, w as usize, depth)
            }
            None => {
                enc.set_color(png::ColorType::Rgb);
                enc.set_depth(png::BitDepth::Eight);
                enc.set_filter(settings.rgb.1);
                enc.set_deflate_compression(settings.rgb.0);
                rgb.to_vec()
            }
        };
        let mut writer = enc.write_header().map_err(|e| e.to_string())?;
        writer.write_image_data(&data).map_err(|e| e.to_string())?;
        writer.finish().map_err(|e| e.to_string())?;
    }
    Ok(out)
}

/// A picture's colours, in increasing order of their RGB value, and each pixel's index.
struct Palette {
    colors: Vec<[u8; 3]>,
    indices: Vec<u8>,
}

/// The exact palette of `rgb`, or `None` when it has more than 256 colours.
fn palette(rgb: &[u8]) -> Option<Palette> {
    let key = |p: &[u8]| (u32::from(p[0]) << 16) | (u32::from(p[1]) << 8) | u32::from(p[2]);
    // Neighbouring pixels are mostly the same colour: a one-entry cache saves most lookups.
    let mut seen: HashMap<u32, u8> = HashMap::with_capacity(512);
    let mut last = u32::MAX;
    for p in rgb.chunks_exact(3) {
        let k = key(p);
        if k != last {
            last = k;
            if !seen.contains_key(&k) {
                if seen.len() == 256 {
                    return None;
                }
                seen.insert(k, 0);
            }
        }
    }
    // Indices in colour order, so the palette does not depend on the hash map's order.
    let mut keys: Vec<u32> = seen.keys().copied().collect();
    keys.sort_unstable();
    for (i, k) in keys.iter().enumerate() {
        seen.insert(*k, i as u8);
    }
    let mut indices = Vec::with_capacity(rgb.len() / 3);
    let (mut last, mut idx) = (u32::MAX, 0u8);
    for p in rgb.chunks_exact(3) {
        let k = key(p);
        if k != last {
            last = k;
            idx = seen.get(&k).copied().unwrap_or(0);
        }
        indices.push(idx);
    }
    let colors = keys
        .iter()
        .map(|k| [(k >> 16) as u8, (k >> 8) as u8, *k as u8])
        .collect();
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
fn pack(indices: &[u8], w: usize, depth: png::BitDepth) -> Vec<u8> {
    let bits = depth as usize;
    if bits == 8 || w == 0 {
        return indices.to_vec();
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
    fn the_palette_does_not_depend_on_where_colours_first_appear() {
        let a: Vec<u8> = [[1, 2, 3], [9, 9, 9]].iter().flatten().copied().collect();
        let b: Vec<u8> = [[9, 9, 9], [1, 2, 3]].iter().flatten().copied().collect();
        let pa = palette(&a).unwrap();
        let pb = palette(&b).unwrap();
        assert_eq!(pa.colors, pb.colors);
        assert_eq!(pa.indices, vec![0, 1]);
        assert_eq!(pb.indices, vec![1, 0]);
    }
}
