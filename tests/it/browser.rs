//! Every SVG of the briefing (both editions) and of `examples/`, the phone layouts of the HTML
//! page included, opened in headless Chromium on a machine without the bundled fonts
//! installed: no two text boxes overlap, no text leaves the picture, and the screenshot differs
//! from the PNG by under 2 % of pixels. And the HTML pages at 375 px and 1280 px: well-formed,
//! nothing loaded from elsewhere, no sideways scrolling, each figure in the layout made for
//! the width and shown at its own size (screenshots in `target/browser/page-*.png`). Without
//! Chromium the test says it was skipped; with `CHARTBOOK_BROWSER_TESTS=required` (as `.ci/run` sets) a
//! missing browser, or the bundled fonts installed system-wide, fail it.

use std::path::{Path, PathBuf};
use std::process::Command;

fn required() -> bool {
    std::env::var("CHARTBOOK_BROWSER_TESTS").is_ok_and(|v| v == "required")
}

use crate::common::chromium;

/// Whether a bundled family is installed system-wide (then the test proves nothing).
fn fonts_installed() -> Vec<String> {
    let Ok(o) = Command::new("fc-list").args([":", "family"]).output() else {
        return Vec::new();
    };
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .filter(|l| l.contains("Lato") || l.contains("BIZ UDPGothic"))
        .map(str::to_string)
        .collect()
}

fn build(spec: &Path, out: &Path) {
    let o = Command::new(env!("CARGO_BIN_EXE_chartbook"))
        .args([
            "build",
            "--quiet",
            "--formats",
            "svg,png,html",
            "--dpi",
            "96",
            "--spec",
        ])
        .arg(spec)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// A page showing one SVG inline, nothing around it.
fn page(svg: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>-</title><style>html,body{{margin:0;padding:0;background:#fff}}svg{{display:block}}</style></head><body>{svg}</body></html>"
    )
}

fn headless(chrome: &Path) -> Command {
    let mut c = Command::new(chrome);
    c.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
        "--virtual-time-budget=5000",
    ]);
    c
}

/// What a measuring script wrote into the title of the page a `--dump-dom` run printed.
fn measurement<T: serde::de::DeserializeOwned>(dom: &[u8]) -> Result<T, String> {
    let dom = String::from_utf8_lossy(dom);
    let json = dom
        .split("<title>")
        .nth(1)
        .and_then(|t| t.split("</title>").next())
        .ok_or("no measurement in the page")?
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    serde_json::from_str(&json).map_err(|e| format!("measurement unreadable ({e}): {json:.300}"))
}

/// The most picture one screenshot holds, in px down.
const BATCH_H: u32 = 6000;

/// The measuring script of a batch page: once every frame has loaded and its fonts are ready,
/// writes each frame's SVG size and text boxes (relative to that SVG) into the title.
const BATCH_SCRIPT: &str = r#"<script>
window.addEventListener('load', async () => {
  const out = [];
  for (const f of document.querySelectorAll('iframe')) {
    const d = f.contentDocument;
    await d.fonts.ready;
    const svg = d.querySelector('svg');
    const r = svg.getBoundingClientRect();
    const boxes = [...svg.querySelectorAll('text')].map(t => {
      const b = t.getBoundingClientRect();
      return [b.left - r.left, b.top - r.top, b.right - r.left, b.bottom - r.top, t.textContent];
    });
    out.push({ w: r.width, h: r.height, boxes });
  }
  document.title = JSON.stringify(out);
});
</script>"#;

/// Checks SVGs in batches: each SVG in a frame of its own (its own document, so no SVG lends
/// its fonts to another), the frames stacked in one page, measured and photographed in one
/// run of the browser: one run for up to `BATCH_H` px of pictures, rather than two per SVG.
fn check_all(chrome: &Path, items: &[(PathBuf, PathBuf)], work: &Path, tag: &str) -> Vec<String> {
    let mut batches: Vec<Vec<(&PathBuf, &PathBuf, (u32, u32, Vec<u8>))>> = vec![Vec::new()];
    let mut height = 0;
    for (svg, png) in items {
        let px = chartbook::output::png::decode(&std::fs::read(png).unwrap()).unwrap();
        if height + px.1 > BATCH_H && !batches.last().unwrap().is_empty() {
            batches.push(Vec::new());
            height = 0;
        }
        height += px.1;
        batches.last_mut().unwrap().push((svg, png, px));
    }
    batches
        .iter()
        .enumerate()
        .flat_map(|(n, b)| check_batch(chrome, b, work, &format!("{tag}-{n}")))
        .collect()
}

fn check_batch(
    chrome: &Path,
    batch: &[(&PathBuf, &PathBuf, (u32, u32, Vec<u8>))],
    work: &Path,
    tag: &str,
) -> Vec<String> {
    let mut frames = String::new();
    for (i, (svg, _, (pw, ph, _))) in batch.iter().enumerate() {
        let file = work.join(format!("{tag}-{i}.html"));
        std::fs::write(&file, page(&std::fs::read_to_string(svg).unwrap())).unwrap();
        frames.push_str(&format!(
            "<iframe src=\"{}\" scrolling=\"no\" style=\"display:block;border:0;width:{pw}px;height:{ph}px\"></iframe>",
            file.file_name().unwrap().to_string_lossy()
        ));
    }
    let frame_page = |script: &str| {
        format!(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>-</title><style>html,body{{margin:0;padding:0;background:#fff}}</style></head><body>{frames}{script}</body></html>"
        )
    };
    let measure = work.join(format!("{tag}.measure.html"));
    let shot = work.join(format!("{tag}.png"));
    std::fs::write(&measure, frame_page(BATCH_SCRIPT)).unwrap();
    // One run of the browser measures (the script writes into the title, which the dumped
    // DOM shows) and photographs the same page (the script draws nothing).
    let width = batch.iter().map(|b| b.2 .0).max().unwrap_or(1);
    let height: u32 = batch.iter().map(|b| b.2 .1).sum();
    let o = headless(chrome)
        .arg("--allow-file-access-from-files")
        .arg("--dump-dom")
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("--window-size={width},{height}"))
        .arg(format!("file://{}", measure.display()))
        .output()
        .unwrap();
    let names: Vec<String> = batch.iter().map(|b| b.0.display().to_string()).collect();
    let all: Vec<serde_json::Value> = match measurement(&o.stdout) {
        Ok(v) => v,
        Err(e) => return vec![format!("{names:?}: {e}")],
    };
    let Ok(shot_bytes) = std::fs::read(&shot) else {
        return vec![format!(
            "{names:?}: no screenshot: {}",
            String::from_utf8_lossy(&o.stderr)
        )];
    };
    let (sw, sh, s) = chartbook::output::png::decode(&shot_bytes).unwrap();
    if (sw, sh) != (width, height) {
        return vec![format!(
            "{names:?}: screenshot {sw}×{sh}, expected {width}×{height}"
        )];
    }
    let mut problems = Vec::new();
    let mut top = 0;
    for ((name, (_, _, (pw, ph, p))), v) in names.iter().zip(batch).zip(&all) {
        problems.extend(text_problems(name, v));
        // The frame's part of the screenshot against the PNG.
        let part: Vec<u8> = (top..top + ph)
            .flat_map(|y| {
                let start = (y * sw) as usize * 3;
                s[start..start + *pw as usize * 3].to_vec()
            })
            .collect();
        top += ph;
        let (w, h) = (*pw, *ph);
        // Two rasterisers smooth the edges of glyphs differently: a pixel differs when nothing
        // within a pixel of it in the other image is close in colour (a word in another font,
        // or moved, differs; an edge shaded a little lighter does not).
        let differ = unmatched(&part, p, w, h).max(unmatched(p, &part, w, h));
        let share = differ as f64 / f64::from(w * h);
        if share >= 0.02 {
            problems.push(format!(
                "{name}: {:.2} % of pixels differ from the PNG (screenshot {})",
                share * 100.0,
                shot.display()
            ));
        }
    }
    if all.len() != batch.len() {
        problems.push(format!(
            "{names:?}: {} measurements for {} SVGs",
            all.len(),
            batch.len()
        ));
    }
    problems
}

/// Text that leaves the picture or overlaps other text, from one SVG's measurement.
fn text_problems(name: &str, v: &serde_json::Value) -> Vec<String> {
    let (w, h) = (
        v["w"].as_f64().unwrap_or(0.0),
        v["h"].as_f64().unwrap_or(0.0),
    );
    let boxes: Vec<(f64, f64, f64, f64, String)> = v["boxes"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .map(|b| {
            (
                b[0].as_f64().unwrap_or(0.0),
                b[1].as_f64().unwrap_or(0.0),
                b[2].as_f64().unwrap_or(0.0),
                b[3].as_f64().unwrap_or(0.0),
                b[4].as_str().unwrap_or("").to_string(),
            )
        })
        .filter(|b| !b.4.trim().is_empty())
        .collect();
    let mut problems = Vec::new();
    for b in &boxes {
        if b.0 < -1.0 || b.1 < -1.0 || b.2 > w + 1.0 || b.3 > h + 1.0 {
            problems.push(format!(
                "{name}: “{}” leaves the picture ({:.1},{:.1})–({:.1},{:.1}) in {w}×{h}",
                b.4, b.0, b.1, b.2, b.3
            ));
        }
    }
    // A text box runs from the font's ascent to its descent, taller than the letters: two
    // boxes overlap when they share more than a pixel across and a third of the lower one's
    // height.
    for (i, a) in boxes.iter().enumerate() {
        for b in &boxes[i + 1..] {
            let ow = a.2.min(b.2) - a.0.max(b.0);
            let oh = a.3.min(b.3) - a.1.max(b.1);
            let lower = (a.3 - a.1).min(b.3 - b.1);
            if ow > 1.0 && oh > lower / 3.0 {
                problems.push(format!("{name}: “{}” overlaps “{}”", a.4, b.4));
            }
        }
    }
    problems
}

/// Pixels of `a` with no pixel of `b` within one pixel that is close in colour.
fn unmatched(a: &[u8], b: &[u8], w: u32, h: u32) -> usize {
    let (w, h) = (w as i64, h as i64);
    let px = |img: &[u8], x: i64, y: i64| {
        let i = ((y * w + x) * 3) as usize;
        [img[i], img[i + 1], img[i + 2]]
    };
    let close = |p: [u8; 3], q: [u8; 3]| p.iter().zip(q).all(|(x, y)| x.abs_diff(y) <= 48);
    let mut n = 0;
    for y in 0..h {
        for x in 0..w {
            let p = px(a, x, y);
            let found = (-1..=1).any(|dy| {
                (-1..=1).any(|dx| {
                    let (nx, ny) = (x + dx, y + dy);
                    nx >= 0 && ny >= 0 && nx < w && ny < h && close(p, px(b, nx, ny))
                })
            });
            if !found {
                n += 1;
            }
        }
    }
    n
}

/// Chromium, on a machine without the bundled fonts; `None` (the test is skipped) when either
/// is not so, unless the test is required.
fn browser() -> Option<PathBuf> {
    let Some(chrome) = chromium() else {
        assert!(
            !required(),
            "Chromium is required (CHARTBOOK_BROWSER_TESTS=required) but not found"
        );
        eprintln!("skipped: no Chromium found (set CHROMIUM=/path/to/chromium)");
        return None;
    };
    let installed = fonts_installed();
    if !installed.is_empty() {
        assert!(
            !required(),
            "the bundled fonts are installed system-wide ({installed:?}): this test must run without them"
        );
        eprintln!("skipped: the bundled fonts are installed system-wide: {installed:?}");
        return None;
    }
    Some(chrome)
}

/// The briefing and the examples, built once for every test here (SVG, PNG at 96 dpi, HTML).
struct Built {
    _tmp: tempfile::TempDir,
    brief: PathBuf,
    example: PathBuf,
    /// `examples/journal`: print sizes, a theme file and a font of the project's own.
    journal: PathBuf,
}

fn built() -> &'static Built {
    static BUILT: std::sync::OnceLock<Built> = std::sync::OnceLock::new();
    BUILT.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let tmp = tempfile::tempdir().unwrap();
        let brief = tmp.path().join("briefing");
        let example = tmp.path().join("example");
        build(&root.join("charts.toml"), &brief);
        build(&root.join("examples/public-data/charts.toml"), &example);
        let journal = tmp.path().join("journal");
        build(&root.join("examples/journal/charts.toml"), &journal);
        Built {
            _tmp: tmp,
            brief,
            example,
            journal,
        }
    })
}

fn work_dir() -> PathBuf {
    let work = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/browser");
    std::fs::create_dir_all(&work).unwrap();
    work
}

/// The PNG of a phone-width SVG, drawn as `build` draws PNGs (the page has none of its own).
fn phone_png(svg: &Path, work: &Path) -> PathBuf {
    let text = std::fs::read_to_string(svg).unwrap();
    let tree = chartbook::output::png::parse_checked(&text).unwrap();
    let png = chartbook::output::png::render_tree(&tree, 96).unwrap();
    let stem = svg.to_string_lossy().replace(['/', '\\'], "_");
    let out = work.join(format!("{stem}.reference.png"));
    std::fs::write(&out, png).unwrap();
    out
}

#[test]
fn every_svg_renders_in_a_browser_as_laid_out() {
    let Some(chrome) = browser() else {
        return;
    };
    let Built {
        brief,
        example,
        journal,
        ..
    } = built();
    let tmp = tempfile::tempdir().unwrap();
    let work = work_dir();
    let mut svgs: Vec<(PathBuf, PathBuf)> = Vec::new();
    for dir in [
        brief.clone(),
        brief.join("ja"),
        example.clone(),
        journal.clone(),
    ] {
        let mut names: Vec<PathBuf> = std::fs::read_dir(dir.join("svg"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        names.sort();
        for s in names {
            let png = dir
                .join("png")
                .join(s.file_name().unwrap())
                .with_extension("png");
            svgs.push((s, png));
        }
        // The HTML page's phone layouts too.
        let mut phones: Vec<PathBuf> = std::fs::read_dir(dir.join("phone"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        phones.sort();
        for s in phones {
            let png = phone_png(&s, &work);
            svgs.push((s, png));
        }
    }
    assert!(svgs.len() > 80, "{} SVGs", svgs.len());
    // The check can fail: the same Japanese chart without its embedded fonts is caught.
    let ja = brief.join("ja/svg/fig2-new-prisoners-2017.svg");
    let bare = tmp.path().join("bare.svg");
    std::fs::write(
        &bare,
        chartbook::output::svg::without_style(&std::fs::read_to_string(&ja).unwrap()).as_ref(),
    )
    .unwrap();
    let caught = check_all(
        &chrome,
        &[(bare, brief.join("ja/png/fig2-new-prisoners-2017.png"))],
        &work,
        "bare",
    );
    assert!(!caught.is_empty(), "an SVG without its fonts passed");
    // Two browsers at a time: the machine has two cores.
    let half = svgs.len().div_ceil(2);
    let problems: Vec<String> = std::thread::scope(|sc| {
        let handles: Vec<_> = svgs
            .chunks(half)
            .enumerate()
            .map(|(n, part)| {
                let (chrome, work) = (&chrome, &work);
                sc.spawn(move || check_all(chrome, part, work, &format!("part{n}")))
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    assert!(
        problems.is_empty(),
        "{} problem(s) in the browser:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// How much of the page a screenshot shows, in px.
const PAGE_SHOT_H: u32 = 2400;

/// The measuring page of the HTML page: the page in a frame exactly `width` px wide (a
/// headless window is never narrower than 500 px), and a script that, once the page, its
/// images and its fonts have loaded, writes the page's width against the frame's and each
/// figure's image (which file it shows, its natural width, the width it is shown at).
fn page_probe(page: &Path, width: u32) -> String {
    format!(
        r#"<!DOCTYPE html><html><head><meta charset="utf-8"><title>-</title></head><body style="margin:0">
<iframe id="f" src="file://{}" style="width:{width}px;height:{PAGE_SHOT_H}px;border:0;display:block"></iframe>
<script>
const f = document.getElementById('f');
f.addEventListener('load', () => {{
  const d = f.contentDocument, w = f.contentWindow;
  d.fonts.ready.then(() => {{
    const imgs = [...d.querySelectorAll('img')].map(i =>
      [i.currentSrc.split('/').slice(-2).join('/'), i.naturalWidth, i.getBoundingClientRect().width, i.alt.length]);
    document.title = JSON.stringify({{ sw: d.documentElement.scrollWidth, iw: w.innerWidth, imgs }});
  }});
}});
</script></body></html>"#,
        page.display()
    )
}

/// What the page fails at a window `width` px wide (empty: nothing).
fn check_page(chrome: &Path, dir: &Path, file: &str, width: u32, work: &Path) -> Vec<String> {
    let name = format!("{}/{file} at {width} px", dir.display());
    // Named after the edition: briefing, briefing-ja, example.
    let root = built()._tmp.path();
    let label = dir
        .strip_prefix(root)
        .unwrap_or(dir)
        .to_string_lossy()
        .replace(['/', '\\'], "-");
    let stem = format!("page-{label}-{}-{width}", file.trim_end_matches(".html"));
    let measure = work.join(format!("{stem}.measure.html"));
    std::fs::write(&measure, page_probe(&dir.join(file), width)).unwrap();
    // One run of the browser measures the page in its frame and photographs the frame (for
    // a person to look at: the page as it shows at exactly `width` px).
    let shot = work.join(format!("{stem}.png"));
    let dom = headless(chrome)
        .arg("--allow-file-access-from-files")
        .arg(format!("--window-size={},{PAGE_SHOT_H}", width.max(500)))
        .arg("--dump-dom")
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("file://{}", measure.display()))
        .output()
        .unwrap();
    let v: serde_json::Value = match measurement(&dom.stdout) {
        Ok(v) => v,
        Err(e) => return vec![format!("{name}: {e}")],
    };
    let mut problems = Vec::new();
    let (sw, iw) = (v["sw"].as_f64().unwrap(), v["iw"].as_f64().unwrap());
    if iw != f64::from(width) {
        problems.push(format!("{name}: measured in a {iw} px frame"));
    }
    if sw > iw {
        problems.push(format!("{name}: scrolls sideways ({sw} px wide in {iw})"));
    }
    let phone = width <= 600;
    let imgs = v["imgs"].as_array().unwrap();
    if imgs.is_empty() {
        problems.push(format!("{name}: no images"));
    }
    for i in imgs {
        let (src, natural, shown, alt) = (
            i[0].as_str().unwrap_or(""),
            i[1].as_f64().unwrap_or(0.0),
            i[2].as_f64().unwrap_or(0.0),
            i[3].as_u64().unwrap_or(0),
        );
        if natural == 0.0 {
            problems.push(format!("{name}: {src} did not load"));
        }
        if alt == 0 {
            problems.push(format!("{name}: {src} has no alt text"));
        }
        let want = if phone { "phone/" } else { "svg/" };
        if !src.starts_with(want) {
            problems.push(format!("{name}: shows {src}, not the {want} layout"));
        }
        // Shown at its own size, not scaled: on a phone across the 375 px window; on a
        // desktop a figure drawn wider than the column (640 px and its margins) fits it.
        let fits = !phone && natural > shown && shown >= 679.0;
        if (shown - natural).abs() > 1.0 && !fits {
            problems.push(format!(
                "{name}: {src} is {natural} px wide, shown at {shown}"
            ));
        }
    }
    if !shot.exists() {
        problems.push(format!("{name}: no screenshot"));
    }
    problems
}

/// The page is well-formed (parsed as XML, which is stricter than HTML), asks for nothing
/// outside its folder, runs no script, and every file it names exists.
fn check_page_file(dir: &Path) -> Vec<String> {
    let name = dir.join("index.html").display().to_string();
    let html = std::fs::read_to_string(dir.join("index.html")).unwrap();
    let doc = match roxmltree::Document::parse_with_options(
        &html,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..roxmltree::ParsingOptions::default()
        },
    ) {
        Ok(d) => d,
        Err(e) => return vec![format!("{name}: not well-formed: {e}")],
    };
    let mut problems = Vec::new();
    let mut ids = std::collections::BTreeSet::new();
    for n in doc.descendants().filter(|n| n.is_element()) {
        let tag = n.tag_name().name();
        if tag == "script" || tag == "iframe" || tag == "link" {
            problems.push(format!("{name}: has a <{tag}>"));
        }
        if let Some(id) = n.attribute("id") {
            if !ids.insert(id.to_string()) {
                problems.push(format!("{name}: id “{id}” twice"));
            }
        }
        for attr in ["src", "srcset", "href"] {
            let Some(v) = n.attribute(attr) else { continue };
            if v.starts_with('#') {
                continue;
            }
            if v.contains("://") {
                // Links out (the endnotes' addresses) are for the reader to follow; nothing is
                // loaded from elsewhere.
                if attr != "href" || tag != "a" {
                    problems.push(format!("{name}: loads {v}"));
                }
                continue;
            }
            if !dir.join(v).exists() {
                problems.push(format!("{name}: {attr}=“{v}” names no file"));
            }
        }
    }
    for n in doc.descendants().filter(|n| n.has_tag_name("a")) {
        if let Some(h) = n.attribute("href").and_then(|h| h.strip_prefix('#')) {
            if !ids.contains(h) {
                problems.push(format!("{name}: link to #{h}, no such id"));
            }
        }
    }
    if html.contains("url(http") || html.contains("@import") {
        problems.push(format!("{name}: its style loads from elsewhere"));
    }
    problems
}

#[test]
fn the_html_page_reads_on_a_phone_and_a_desktop() {
    let Some(chrome) = browser() else {
        return;
    };
    let Built {
        brief,
        example,
        journal,
        ..
    } = built();
    let work = work_dir();
    let dirs = [
        brief.clone(),
        brief.join("ja"),
        example.clone(),
        journal.clone(),
    ];
    let mut problems: Vec<String> = dirs.iter().flat_map(|d| check_page_file(d)).collect();
    // Two browsers at a time (the machine has two cores): each takes one width.
    let (chrome, work) = (&chrome, &work);
    problems.extend(std::thread::scope(|sc| {
        let handles: Vec<_> = [375, 1280]
            .into_iter()
            .map(|width| {
                let dirs = &dirs;
                sc.spawn(move || {
                    dirs.iter()
                        .flat_map(|d| check_page(chrome, d, "index.html", width, work))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect::<Vec<_>>()
    }));
    // The check can fail: a page with something wider than a phone scrolls sideways there.
    let wide = std::fs::read_to_string(example.join("index.html"))
        .unwrap()
        .replace("<main>", "<main><div style=\"width:420px\">wide</div>");
    std::fs::write(example.join("wide.html"), wide).unwrap();
    let caught = check_page(chrome, example, "wide.html", 375, work);
    assert!(
        caught.iter().any(|p| p.contains("scrolls sideways")),
        "a page wider than the phone passed: {caught:?}"
    );
    assert!(
        problems.is_empty(),
        "{} problem(s) with the HTML page:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
