//! A house style of the project's own, through the real binary: `examples/journal` (print
//! sizes in mm, type in pt, a theme file, Source Serif 4 from the project's fonts/ folder).
//! A print figure has its stated size in the SVG, the PNG and the PDF, with its text at the
//! stated pt size; the SVG embeds the project's font; a changed font file or theme file makes
//! the charts stale.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn journal() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/journal")
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chartbook"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// The journal project (spec, theme, fonts, data) copied into a fresh folder, no outputs.
fn copy() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for sub in ["", "themes", "fonts", "data"] {
        let from = journal().join(sub);
        let to = tmp.path().join(sub);
        std::fs::create_dir_all(&to).unwrap();
        for e in std::fs::read_dir(&from).unwrap().flatten() {
            if e.file_type().unwrap().is_file() {
                std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
            }
        }
    }
    tmp
}

/// Width, height and pixels per metre of a PNG.
fn png_size(bytes: &[u8]) -> (u32, u32, u32) {
    let be = |i: usize| u32::from_be_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
    let phys = bytes
        .windows(4)
        .position(|w| w == b"pHYs")
        .expect("pHYs chunk");
    (be(16), be(20), be(phys + 4))
}

#[test]
fn a_print_figure_has_its_stated_size_in_svg_png_and_pdf() {
    let p = copy();
    let o = run(p.path(), &["build", "--quiet"]);
    assert!(o.status.success(), "{}", text(&o));
    let out = p.path().join("output");
    for (id, mm) in [
        ("co2-double-column", 183.0),
        ("inflation-single-column", 89.0),
        ("iowa-single-column", 89.0),
    ] {
        let svg = std::fs::read_to_string(out.join(format!("svg/{id}.svg"))).unwrap();
        assert!(
            svg.starts_with(&format!(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{mm}mm\""
            )),
            "{id}: {}",
            &svg[..200]
        );
        // `[output] dpi = 600`: the PNG is the stated width at 600 dpi.
        let (w, _, ppm) = png_size(&std::fs::read(out.join(format!("png/{id}.png"))).unwrap());
        let want = mm / 25.4 * 600.0;
        assert!(
            (f64::from(w) - want).abs() <= 1.0,
            "{id}: {w} px, want {want:.1}"
        );
        assert_eq!(ppm, 23622, "{id}: 600 dpi is 23,622 px per metre");
    }
    // `--dpi` overrides the spec's.
    let o = run(
        p.path(),
        &["build", "--quiet", "--dpi", "150", "--out", "o150"],
    );
    assert!(o.status.success(), "{}", text(&o));
    let (w, _, ppm) =
        png_size(&std::fs::read(p.path().join("o150/png/iowa-single-column.png")).unwrap());
    assert!((f64::from(w) - 89.0 / 25.4 * 150.0).abs() <= 1.0, "{w}");
    assert_eq!(ppm, 5906);

    // In the PDF the figure is placed at its size: a word's box is its type size times the
    // font's ascent plus descent (Source Serif 4: 1.371 em).
    let pdftotext = Command::new("pdftotext")
        .args(["-bbox", "-f", "3", "-l", "3"])
        .arg(out.join("report.pdf"))
        .arg("-")
        .output();
    let Ok(pdf) = pdftotext else {
        assert!(
            std::env::var_os("CHARTBOOK_REQUIRE_PDF_TOOLS").is_none(),
            "pdftotext is required"
        );
        eprintln!("skipped the PDF part: no pdftotext");
        return;
    };
    let page = String::from_utf8_lossy(&pdf.stdout).to_string();
    let font = std::fs::read(journal().join("fonts/SourceSerif4-Bold.ttf")).unwrap();
    let face = ttf_parser::Face::parse(&font, 0).unwrap();
    let em = f64::from(face.ascender() - face.descender()) / f64::from(face.units_per_em());
    let size_of = |word: &str| -> f64 {
        let line = page
            .lines()
            .find(|l| l.contains(&format!(">{word}</word>")))
            .unwrap_or_else(|| panic!("no word {word} on page 3:\n{page}"));
        let attr = |name: &str| -> f64 {
            let at = line.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
            line[at..].split('"').next().unwrap().parse().unwrap()
        };
        (attr("yMax") - attr("yMin")) / em
    };
    // The theme: title 9 pt, subtitle 7.5 pt, ticks 6.5 pt.
    for (word, pt) in [("Carbon", 9.0), ("Weekly", 7.5), ("1960", 6.5)] {
        let got = size_of(word);
        assert!((got - pt).abs() < 0.1, "{word}: {got:.2} pt, want {pt}");
    }
}

#[test]
fn the_svg_embeds_the_project_font_and_names_a_serif_fallback() {
    let p = copy();
    let o = run(p.path(), &["build", "--quiet", "--formats", "svg"]);
    assert!(o.status.success(), "{}", text(&o));
    let svg = std::fs::read_to_string(p.path().join("output/svg/iowa-single-column.svg")).unwrap();
    assert!(svg.contains("font-family=\"'Source Serif 4', serif\""));
    for (weight, style) in [(400, "normal"), (700, "normal")] {
        assert!(
            svg.contains(&format!(
                "@font-face{{font-family:\"Source Serif 4\";font-weight:{weight};font-style:{style};src:url(data:font/ttf;base64,"
            )),
            "{weight} {style}"
        );
    }
    assert!(
        !svg.contains("Lato"),
        "the journal's SVGs use only its own font"
    );
}

#[test]
fn a_changed_font_file_or_theme_file_makes_the_charts_stale() {
    let p = copy();
    let o = run(
        p.path(),
        &["build", "--quiet", "--formats", "svg", "--dpi", "72"],
    );
    assert!(o.status.success(), "{}", text(&o));
    let check = || run(p.path(), &["check", "--formats", "svg", "--dpi", "72"]);
    assert_eq!(check().status.code(), Some(0), "{}", text(&check()));

    // The same font with one byte of its `head` table's checksum adjustment changed: it still
    // parses and draws the same, but it is another file.
    let bold = p.path().join("fonts/SourceSerif4-Bold.ttf");
    let mut bytes = std::fs::read(&bold).unwrap();
    let n = usize::from(u16::from_be_bytes([bytes[4], bytes[5]]));
    let head = (0..n)
        .map(|i| 12 + 16 * i)
        .find(|&r| &bytes[r..r + 4] == b"head")
        .unwrap();
    let off = u32::from_be_bytes(bytes[head + 8..head + 12].try_into().unwrap()) as usize;
    bytes[off + 8] ^= 0xff;
    std::fs::write(&bold, &bytes).unwrap();
    let o = check();
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(
        text(&o).contains("stale    svg/iowa-single-column.svg"),
        "{}",
        text(&o)
    );
    let o = run(
        p.path(),
        &["build", "--quiet", "--formats", "svg", "--dpi", "72"],
    );
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(check().status.code(), Some(0));

    // A colour changed in the theme file.
    let theme = p.path().join("themes/journal.toml");
    let t = std::fs::read_to_string(&theme).unwrap();
    std::fs::write(
        &theme,
        t.replace("grid = \"#d9d9d9\"", "grid = \"#cccccc\""),
    )
    .unwrap();
    let o = check();
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(
        text(&o).contains("stale    svg/co2-double-column.svg"),
        "{}",
        text(&o)
    );
}

#[test]
fn a_family_without_its_bold_is_refused_not_faked() {
    let p = copy();
    let theme = p.path().join("themes/journal.toml");
    let t = std::fs::read_to_string(&theme).unwrap();
    std::fs::write(
        &theme,
        t.replace("  \"fonts/SourceSerif4-Bold.ttf\",\n", ""),
    )
    .unwrap();
    let o = run(p.path(), &["validate"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    let t = text(&o);
    assert!(
        t.contains("error: the family `Source Serif 4` has no bold file, and chartbook sets labels, legends and table cells"),
        "{t}"
    );
    assert!(t.contains("--> themes/journal.toml:5:9"), "{t}");
}
