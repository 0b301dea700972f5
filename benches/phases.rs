//! Where the time of a briefing build goes (`cargo bench --bench phases`), chart by chart,
//! single-threaded, in process: layout and SVG drawing, parsing the SVG (usvg), rasterising
//! at 300 dpi (resvg), PNG encoding (with each compression setting the png crate offers:
//! time and total size), and the PDF figure (svg2pdf). Totals over the 16 charts, best of 5.

use std::time::{Duration, Instant};

fn best<T>(reps: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut last = None;
    for _ in 0..reps {
        let t = Instant::now();
        let v = f();
        best = best.min(t.elapsed());
        last = Some(v);
    }
    (best, last.expect("at least one run"))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn encode(
    rgb: &[u8],
    w: u32,
    h: u32,
    (c, filter): (png::DeflateCompression, png::Filter),
) -> Vec<u8> {
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, w, h);
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    enc.set_deflate_compression(c);
    enc.set_filter(filter);
    if let Ok(mut wr) = enc.write_header() {
        let _ = wr.write_image_data(rgb);
        let _ = wr.finish();
    }
    out
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let loaded = chartbook::spec::load(&root.join("charts.toml")).expect("the briefing loads");
    let cx = chartbook::model::Context::of(&loaded.spec);
    let reps = 5;
    let (mut t_svg, mut t_parse, mut t_raster, mut t_pdf) = (
        Duration::ZERO,
        Duration::ZERO,
        Duration::ZERO,
        Duration::ZERO,
    );
    use png::{DeflateCompression as C, Filter as F};
    let settings = [
        (
            "fdeflate ultra-fast, adaptive",
            (C::FdeflateUltraFast, F::Adaptive),
        ),
        ("zlib level 1, adaptive", (C::Level(1), F::Adaptive)),
        ("zlib level 2, adaptive", (C::Level(2), F::Adaptive)),
        (
            "zlib level 3, adaptive (chartbook)",
            (C::Level(3), F::Adaptive),
        ),
        ("zlib level 2, Sub", (C::Level(2), F::Sub)),
        ("zlib level 2, Paeth", (C::Level(2), F::Paeth)),
        (
            "zlib level 6, adaptive (the png crate's balanced default)",
            (C::Level(6), F::Adaptive),
        ),
        ("zlib level 9, adaptive", (C::Level(9), F::Adaptive)),
    ];
    let mut t_enc = vec![Duration::ZERO; settings.len()];
    let mut size = vec![0usize; settings.len()];
    for c in &loaded.spec.charts {
        let (d, r) = best(reps, || {
            chartbook::output::render_chart(c, &cx, None, false).expect("renders")
        });
        let (dp, tree) = best(reps, || {
            chartbook::output::png::parse_checked(&r.svg).expect("parses")
        });
        // render_chart includes one parse (the text check): count it under parsing.
        t_svg += d.saturating_sub(dp);
        t_parse += dp;
        let scale = 300.0 / 96.0;
        let w = (f64::from(tree.size().width()) * scale).ceil() as u32;
        let h = (f64::from(tree.size().height()) * scale).ceil() as u32;
        let (dr, rgb) = best(reps, || {
            let mut pixmap = resvg::tiny_skia::Pixmap::new(w, h).expect("pixmap");
            pixmap.fill(resvg::tiny_skia::Color::WHITE);
            resvg::render(
                &tree,
                resvg::tiny_skia::Transform::from_scale(scale as f32, scale as f32),
                &mut pixmap.as_mut(),
            );
            pixmap
                .data()
                .chunks_exact(4)
                .flat_map(|p| [p[0], p[1], p[2]])
                .collect::<Vec<u8>>()
        });
        t_raster += dr;
        for (i, (_, setting)) in settings.iter().enumerate() {
            let (de, bytes) = best(reps, || encode(&rgb, w, h, *setting));
            t_enc[i] += de;
            size[i] += bytes.len();
        }
        let (df, _) = best(reps, || {
            chartbook::output::pdf::convert(&tree).expect("converts")
        });
        t_pdf += df;
    }
    println!("| phase (16 briefing charts, one thread) | time |");
    println!("|---|---|");
    println!("| layout + SVG drawing | {:.1} ms |", ms(t_svg));
    println!("| SVG parse (usvg, text check) | {:.1} ms |", ms(t_parse));
    println!("| rasterise at 300 dpi (resvg) | {:.1} ms |", ms(t_raster));
    println!(
        "| PNG encode (chartbook's setting) | {:.1} ms |",
        ms(t_enc[3])
    );
    println!("| PDF figure (svg2pdf) | {:.1} ms |", ms(t_pdf));
    println!();
    println!("| PNG encoder setting | encode time | total size |");
    println!("|---|---|---|");
    for (i, (name, _)) in settings.iter().enumerate() {
        println!(
            "| {name} | {:.1} ms | {:.2} MB |",
            ms(t_enc[i]),
            size[i] as f64 / 1e6
        );
    }
}
