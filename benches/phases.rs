//! Where the time of a briefing build goes (`cargo bench --bench phases`), chart by chart,
//! single-threaded, in process: layout and SVG drawing, parsing the SVG (usvg), rasterising
//! at 300 dpi (resvg), PNG encoding of the build's own RGBA raster (with several settings:
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
    let (mut t_svg, mut t_parse, mut t_raster, mut t_pdf, mut t_ours) = (
        Duration::ZERO,
        Duration::ZERO,
        Duration::ZERO,
        Duration::ZERO,
        Duration::ZERO,
    );
    use chartbook::output::png::{Indexed, Settings};
    use png::{DeflateCompression as C, Filter as F};
    let rgb_l3 = (C::Level(3), F::Adaptive);
    let ix = |level| Settings {
        palette: true,
        indexed: Indexed { level },
        rgb: rgb_l3,
    };
    let rgb = |rgb| Settings {
        palette: false,
        indexed: Indexed { level: 5 },
        rgb,
    };
    let settings = [
        ("before: RGB, zlib level 3, adaptive", rgb(rgb_l3)),
        (
            "RGB, fdeflate ultra-fast, adaptive",
            rgb((C::FdeflateUltraFast, F::Adaptive)),
        ),
        (
            "RGB, zlib level 1, no filter",
            rgb((C::Level(1), F::NoFilter)),
        ),
        ("palette: stored (level 0): the scan and the copies", ix(0)),
        ("palette: level 1", ix(1)),
        ("palette: level 2", ix(2)),
        ("palette: level 3", ix(3)),
        ("palette: level 4", ix(4)),
        ("palette: level 5", ix(5)),
        ("palette: level 6", ix(6)),
        ("palette: level 9", ix(9)),
        ("chartbook's setting", chartbook::output::png::ENCODING),
    ];
    let mut t_enc = vec![Duration::ZERO; settings.len()];
    let mut size = vec![0usize; settings.len()];
    let mut trees = Vec::new();
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
        let (dr, _) = best(reps, || {
            let mut pixmap = resvg::tiny_skia::Pixmap::new(w, h).expect("pixmap");
            pixmap.fill(resvg::tiny_skia::Color::WHITE);
            resvg::render(
                &tree,
                resvg::tiny_skia::Transform::from_scale(scale as f32, scale as f32),
                &mut pixmap.as_mut(),
            );
            pixmap.take()
        });
        t_raster += dr;
        // What the build rasterises and encodes (timed below, chart after chart).
        let (_, _, rgb) = chartbook::output::png::raster_rgba(&tree, 300).expect("rasterises");
        for (i, (_, setting)) in settings.iter().enumerate() {
            let (de, bytes) = best(reps, || {
                chartbook::output::png::encode_opaque_with(
                    std::borrow::Cow::Borrowed(&rgb),
                    w,
                    h,
                    300,
                    *setting,
                )
                .expect("encodes")
            });
            t_enc[i] += de;
            size[i] += bytes.len();
        }
        let (df, _) = best(reps, || {
            chartbook::output::pdf::convert(&tree).expect("converts")
        });
        t_pdf += df;
        trees.push(tree);
    }
    // chartbook's raster (resvg, with text drawn from glyph masks that a rendering thread keeps
    // from chart to chart): all the charts one after the other, on a new thread each time, so
    // that every run starts with no masks, as one thread of a build does.
    let (dc, _) = best(reps, || {
        std::thread::scope(|s| {
            s.spawn(|| {
                for tree in &trees {
                    chartbook::output::png::raster_rgba(tree, 300).expect("rasterises");
                }
            })
            .join()
            .expect("rasterises")
        })
    });
    t_ours += dc;
    println!("| phase (16 briefing charts, one thread) | time |");
    println!("|---|---|");
    println!("| layout + SVG drawing | {:.1} ms |", ms(t_svg));
    println!("| SVG parse (usvg, text check) | {:.1} ms |", ms(t_parse));
    println!(
        "| rasterise at 300 dpi (resvg alone) | {:.1} ms |",
        ms(t_raster)
    );
    println!(
        "| rasterise at 300 dpi (chartbook: resvg, text from glyph masks) | {:.1} ms |",
        ms(t_ours)
    );
    println!(
        "| PNG encode (chartbook's setting) | {:.1} ms |",
        ms(t_enc[settings.len() - 1])
    );
    println!("| PDF figure (svg2pdf) | {:.1} ms |", ms(t_pdf));
    let floor = ms(t_parse) + ms(t_raster);
    let step = ms(t_parse) + ms(t_ours) + ms(t_enc[settings.len() - 1]);
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
