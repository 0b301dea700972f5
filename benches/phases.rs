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
    use chartbook::output::png::Settings;
    use png::{DeflateCompression as C, Filter as F};
    let both = |palette: bool, indexed: (C, F), rgb: (C, F)| Settings {
        palette,
        indexed,
        rgb,
    };
    let rgb_l3 = (C::Level(3), F::Adaptive);
    let settings = [
        (
            "before: RGB, zlib level 3, adaptive",
            both(false, rgb_l3, rgb_l3),
        ),
        (
            "RGB, fdeflate ultra-fast, adaptive",
            both(false, rgb_l3, (C::FdeflateUltraFast, F::Adaptive)),
        ),
        (
            "RGB, zlib level 1, no filter",
            both(false, rgb_l3, (C::Level(1), F::NoFilter)),
        ),
        (
            "RGB, zlib level 2, Up",
            both(false, rgb_l3, (C::Level(2), F::Up)),
        ),
        (
            "palette: level 1, no filter",
            both(true, (C::Level(1), F::NoFilter), rgb_l3),
        ),
        (
            "palette: level 3, no filter",
            both(true, (C::Level(3), F::NoFilter), rgb_l3),
        ),
        (
            "palette: level 6, no filter",
            both(true, (C::Level(6), F::NoFilter), rgb_l3),
        ),
        (
            "palette: level 4, no filter",
            both(true, (C::Level(4), F::NoFilter), rgb_l3),
        ),
        (
            "palette: level 5, no filter",
            both(true, (C::Level(5), F::NoFilter), rgb_l3),
        ),
        (
            "palette: level 9, no filter",
            both(true, (C::Level(9), F::NoFilter), rgb_l3),
        ),
        (
            "palette 6; RGB level 1, adaptive",
            both(true, (C::Level(6), F::NoFilter), (C::Level(1), F::Adaptive)),
        ),
        (
            "palette: level 6, adaptive",
            both(true, (C::Level(6), F::Adaptive), rgb_l3),
        ),
        (
            "palette: level 6, Up",
            both(true, (C::Level(6), F::Up), rgb_l3),
        ),
        (
            "palette: fdeflate, no filter",
            both(true, (C::FdeflateUltraFast, F::NoFilter), rgb_l3),
        ),
        ("chartbook's setting", chartbook::output::png::ENCODING),
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
            let (de, bytes) = best(reps, || {
                chartbook::output::png::encode_with(&rgb, w, h, 300, *setting).expect("encodes")
            });
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
        ms(t_enc[settings.len() - 1])
    );
    println!("| PDF figure (svg2pdf) | {:.1} ms |", ms(t_pdf));
    let floor = ms(t_parse) + ms(t_raster);
    let step = floor + ms(t_enc[settings.len() - 1]);
    println!("| resvg floor: parse + rasterise | {floor:.1} ms |");
    println!(
        "| PNG step: parse + rasterise + encode | {step:.1} ms ({:.2}× the floor) |",
        step / floor
    );
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
