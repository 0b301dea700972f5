//! Bad input never panics: thousands of deterministic mutations of the real spec and of a
//! data file go through the parser, the validator and the layout. (A coverage-guided fuzz
//! target belongs in fuzz/; this is the always-on floor.)

use std::path::Path;

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const PIECES: [&str; 16] = [
    "\"", "[", "]", "{", "}", "=", ",", "\n", "<", "–", "~", "-1e308", "NaN", "覚", "\u{feff}",
    "\r\n",
];

fn mutate(rng: &mut Rng, text: &str) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(3) {
            0 if !bytes.is_empty() => {
                let len = rng.below(8).min(bytes.len() - at.min(bytes.len()));
                bytes.drain(at.min(bytes.len())..at.min(bytes.len()) + len);
            }
            1 => {
                let p = PIECES[rng.below(PIECES.len())];
                bytes.splice(at..at, p.bytes());
            }
            _ => {
                if at < bytes.len() {
                    bytes[at] = rng.next() as u8;
                }
            }
        }
    }
    String::from_utf8_lossy(&bytes).to_string()
}

fn exercise(spec: &str, root: &Path, draw: bool) {
    if let Ok(loaded) = chartbook::spec::validate::check("charts.toml", spec, root) {
        for chart in &loaded.spec.charts {
            let fig = chartbook::model::layout(chart, &chartbook::model::Context::of(&loaded.spec));
            if draw {
                let _ = chartbook::render::to_svg(&fig);
            }
        }
    }
}

#[test]
fn mutated_specs_never_panic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let spec = std::fs::read_to_string(root.join("charts.toml")).unwrap();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    // Each iteration lays out up to the 16 briefing charts, slow in a debug build: keep it lean.
    for i in 0..40 {
        exercise(&mutate(&mut rng, &spec), root, i % 10 == 0);
    }
}

#[test]
fn mutated_csvs_never_panic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("data")).unwrap();
    let spec = "[[chart]]\nid = \"a\"\nkind = \"line\"\ntitle = \"T\"\ndata = \"data/d.csv\"\nx = { field = \"year\", type = \"temporal\" }\ny = { field = \"arrests\" }\nannotations = [{ x = 1954, text = \"Peak\" }]\n\n[[chart]]\nid = \"b\"\nkind = \"stacked_bar\"\norientation = \"horizontal\"\ntitle = \"T\"\ndata = \"data/d.csv\"\nx = { field = \"year\" }\nseries = [{ field = \"arrests\" }, { field = \"endnote\" }]\n\n[[chart]]\nid = \"c\"\nkind = \"table\"\ntitle = \"T\"\ndata = \"data/d.csv\"\n";
    let csv = std::fs::read_to_string(root.join("data/meth_arrests.csv")).unwrap();
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    for i in 0..300 {
        std::fs::write(dir.path().join("data/d.csv"), mutate(&mut rng, &csv)).unwrap();
        exercise(spec, dir.path(), i % 10 == 0);
    }
}
