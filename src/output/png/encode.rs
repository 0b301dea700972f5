//! PNG encoding: an exact palette (indexed colour, at the fewest bits per pixel) when the
//! picture has at most 256 colours, else 8-bit RGB; filter and deflate settings chosen by
//! measurement. The pixels decoded are exactly the pixels given; the bytes depend on the
//! pixels only.

/// The deflate and filter settings of each colour type, chosen by measurement on the
/// briefing's 32 figures (`cargo bench --bench phases`, see BENCHMARKS.md).
pub const ENCODING: Settings = Settings {
    palette: true,
    indexed: Indexed { level: 5 },
    rgb: (png::DeflateCompression::Level(3), png::Filter::Adaptive),
};

/// Deflate level and row filter for indexed and for RGB pictures.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// Write pictures of at most 256 colours with a palette.
    pub palette: bool,
    pub indexed: Indexed,
    pub rgb: (png::DeflateCompression, png::Filter),
}

/// How the rows of an indexed picture are deflated (zlib-rs, called directly; rows are not
/// filtered: on charts no filter makes the smallest files, BENCHMARKS.md).
#[derive(Debug, Clone, Copy)]
pub struct Indexed {
    /// zlib's level, 0 (stored) to 9.
    pub level: i32,
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
    match palette::<3>(rgb, w as usize).filter(|_| settings.palette) {
        Some(p) => write(w, h, dpi, settings, Body::Indexed(p)),
        None => write(w, h, dpi, settings, Body::Rgb(rgb)),
    }
}

/// Encodes opaque RGBA pixels (a raster on a white background: every alpha 255), taking
/// them: a picture of more colours than a palette holds is packed to RGB in place, so that
/// the raster is never held twice.
pub fn encode_opaque(rgba: Vec<u8>, w: u32, h: u32, dpi: u32) -> Result<Vec<u8>, String> {
    encode_opaque_with(std::borrow::Cow::Owned(rgba), w, h, dpi, ENCODING)
}

/// [`encode_opaque`] with given settings, of owned or borrowed pixels (the benchmark
/// times the encoder on the build's own input).
pub fn encode_opaque_with(
    rgba: std::borrow::Cow<'_, [u8]>,
    w: u32,
    h: u32,
    dpi: u32,
    settings: Settings,
) -> Result<Vec<u8>, String> {
    if rgba.len() as u64 != u64::from(w) * u64::from(h) * 4 {
        return Err(format!("{} bytes are not {w}×{h} RGBA pixels", rgba.len()));
    }
    match palette::<4>(&rgba, w as usize).filter(|_| settings.palette) {
        Some(p) => write(w, h, dpi, settings, Body::Indexed(p)),
        None => write(w, h, dpi, settings, Body::Rgb(&pack_rgb(rgba.into_owned()))),
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
    let rgb = match body {
        Body::Indexed(p) => return indexed(w, h, ppm, p, settings.indexed),
        Body::Rgb(rgb) => rgb,
    };
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    enc.set_filter(settings.rgb.1);
    enc.set_deflate_compression(settings.rgb.0);
    let mut writer = enc.write_header().map_err(|e| e.to_string())?;
    writer.write_image_data(rgb).map_err(|e| e.to_string())?;
    writer.finish().map_err(|e| e.to_string())?;
    Ok(out)
}

/// An indexed PNG, written chunk by chunk from scanlines made in the palette's one pass
/// (through the png crate, the rows would be copied and filtered once more).
fn indexed(w: u32, h: u32, ppm: u32, p: Palette, how: Indexed) -> Result<Vec<u8>, String> {
    let depth = depth_for(p.colors.len());
    let raw = pack(p.lines, w as usize, depth);
    let config = zlib_rs::DeflateConfig {
        level: how.level,
        ..zlib_rs::DeflateConfig::default()
    };

    let mut idat = vec![0u8; zlib_rs::compress_bound(raw.len())];
    let (z, code) = zlib_rs::compress_slice(&mut idat, &raw, config);
    if code != zlib_rs::ReturnCode::Ok {
        return Err(format!("deflate failed: {code:?}"));
    }
    let z_len = z.len();
    idat.truncate(z_len);

    let mut out = Vec::with_capacity(idat.len() + 3 * 256 + 64);
    out.extend_from_slice(b"\x89PNG\r\n\x1a\n");
    let mut ihdr = Vec::with_capacity(13);
    ihdr.extend_from_slice(&w.to_be_bytes());
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[depth as u8, 3, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    let mut phys = Vec::with_capacity(9);
    phys.extend_from_slice(&ppm.to_be_bytes());
    phys.extend_from_slice(&ppm.to_be_bytes());
    phys.push(1);
    chunk(&mut out, b"pHYs", &phys);
    let plte: Vec<u8> = p.colors.iter().flatten().copied().collect();
    chunk(&mut out, b"PLTE", &plte);
    chunk(&mut out, b"IDAT", &idat);
    chunk(&mut out, b"IEND", &[]);
    Ok(out)
}

/// Appends one PNG chunk: length, type, data, CRC of type and data.
fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = zlib_rs::crc32::crc32(zlib_rs::crc32::crc32(0, kind), data);
    out.extend_from_slice(&crc.to_be_bytes());
}

/// A picture's colours, in the order they first appear (row by row), and its rows of
/// indices as PNG scanlines: each row a filter byte (0, none) and one index per pixel. The
/// order depends on the pixels alone, so the bytes do too.
struct Palette {
    colors: Vec<[u8; 3]>,
    lines: Vec<u8>,
}

/// An open-addressing map of at most 256 colours (24-bit keys) to their index: a quarter
/// full at most, so a lookup is one or two probes.
struct Colors {
    keys: Vec<u32>,
    index: Vec<u8>,
    colors: Vec<[u8; 3]>,
}

const EMPTY: u32 = u32::MAX;
const SLOTS: usize = 1024;

impl Colors {
    fn new() -> Colors {
        Colors {
            keys: vec![EMPTY; SLOTS],
            index: vec![0; SLOTS],
            colors: Vec::with_capacity(256),
        }
    }

    /// The index of `k`, added if new; `None` when that would make more than 256 colours.
    fn index_of(&mut self, k: u32) -> Option<u8> {
        let mut i = (k.wrapping_mul(0x9E37_79B1) >> 22) as usize;
        while self.keys[i] != EMPTY {
            if self.keys[i] == k {
                return Some(self.index[i]);
            }
            i = (i + 1) % SLOTS;
        }
        let n = self.colors.len();
        if n == 256 {
            return None;
        }
        self.keys[i] = k;
        self.index[i] = n as u8;
        self.colors.push([k as u8, (k >> 8) as u8, (k >> 16) as u8]);
        Some(n as u8)
    }
}

/// The exact palette of `px` (rows of `w` pixels of `BPP` bytes, RGB first), or `None` when
/// there are more than 256 colours. One pass: a row equal to the row above (most of a
/// chart: the paper, the bars) takes the indices of that row; within a row, a pixel the
/// colour of the one before takes its index.
fn palette<const BPP: usize>(px: &[u8], w: usize) -> Option<Palette> {
    let row = w * BPP;
    let stride = w + 1;
    let h = if row == 0 { 0 } else { px.len() / row };
    let mut set = Colors::new();
    let mut lines = vec![0u8; h * stride];
    let (mut last, mut idx) = (EMPTY, 0u8);
    for y in 0..h {
        let r = &px[y * row..(y + 1) * row];
        let at = y * stride + 1;
        if y > 0 && *r == px[(y - 1) * row..y * row] {
            lines.copy_within(at - stride..at - 1, at);
            continue;
        }
        let out = &mut lines[at..at + w];
        // Eight pixels at a time while they are all the colour of the last: one comparison
        // (a chart's rows are mostly runs of one colour).
        let mut x = 0;
        while x < w {
            if BPP == 4 && x + 8 <= w {
                let run = &r[x * 4..x * 4 + 32];
                let same = run
                    .chunks_exact(4)
                    .all(|p| u32::from_le_bytes([p[0], p[1], p[2], p[3]]) & 0x00FF_FFFF == last);
                if same {
                    out[x..x + 8].fill(idx);
                    x += 8;
                    continue;
                }
            }
            let p = &r[x * BPP..x * BPP + 3];
            let k = u32::from_le_bytes([p[0], p[1], p[2], 0]);
            if k != last {
                last = k;
                idx = set.index_of(k)?;
            }
            out[x] = idx;
            x += 1;
        }
    }
    Some(Palette {
        colors: set.colors,
        lines,
    })
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

/// Scanlines of one index per byte (a filter byte, then `w` indices) packed at `depth` bits
/// per pixel, most significant bits first, each row padded to a whole byte.
fn pack(lines: Vec<u8>, w: usize, depth: png::BitDepth) -> Vec<u8> {
    let bits = depth as usize;
    if bits == 8 || w == 0 {
        return lines;
    }
    let per = 8 / bits;
    let row_bytes = w.div_ceil(per);
    let mut out = Vec::with_capacity((row_bytes + 1) * (lines.len() / (w + 1)));
    for line in lines.chunks_exact(w + 1) {
        out.push(line[0]);
        for group in line[1..].chunks(per) {
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

    /// RGB pixels as bytes.
    fn flat(px: &[[u8; 3]]) -> Vec<u8> {
        px.iter().flatten().copied().collect()
    }

    #[test]
    fn the_palette_is_the_colours_in_the_order_they_appear_and_rows_repeat() {
        let px = flat(&[
            [9, 9, 9],
            [1, 2, 3],
            [9, 9, 9],
            [9, 9, 9],
            [1, 2, 3],
            [9, 9, 9],
        ]);
        let p = palette::<3>(&px, 3).unwrap();
        assert_eq!(p.colors, vec![[9, 9, 9], [1, 2, 3]]);
        assert_eq!(p.lines, vec![0, 0, 1, 0, 0, 0, 1, 0]);
        // A repeated row after a different one: copied from the row above, not the first.
        let px = flat(&[
            [1, 1, 1],
            [2, 2, 2],
            [3, 3, 3],
            [3, 3, 3],
            [1, 1, 1],
            [1, 1, 1],
        ]);
        let p = palette::<3>(&px, 1).unwrap();
        assert_eq!(p.lines, vec![0, 0, 0, 1, 0, 2, 0, 2, 0, 0, 0, 0]);
    }
}
