//! Shared by the integration tests (and the build benchmark): a copy of the briefing project,
//! and where Chromium is.

use std::path::Path;

/// Copies the briefing project into `to`: charts.toml (with `edit` applied), data/ and
/// translations/.
pub fn copy_briefing(to: &Path, edit: impl Fn(&str) -> String) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let spec = std::fs::read_to_string(root.join("charts.toml")).unwrap();
    std::fs::create_dir_all(to).unwrap();
    std::fs::write(to.join("charts.toml"), edit(&spec)).unwrap();
    for sub in ["data", "translations"] {
        std::fs::create_dir_all(to.join(sub)).unwrap();
        for e in std::fs::read_dir(root.join(sub)).unwrap() {
            let p = e.unwrap().path();
            std::fs::copy(&p, to.join(sub).join(p.file_name().unwrap())).unwrap();
        }
    }
}

/// Chromium: `CHROMIUM` if set, else the first of the usual places that exists.
#[allow(dead_code)] // the build benchmark shares this module and opens no browser
pub fn chromium() -> Option<std::path::PathBuf> {
    if let Some(p) = std::env::var_os("CHROMIUM") {
        return Some(std::path::PathBuf::from(p));
    }
    [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
    ]
    .iter()
    .map(std::path::PathBuf::from)
    .find(|p| p.exists())
}
