//! Reading the project's files: data tables, TOML side files, and the rules on which files
//! may be read (inside the project, regular, of bounded size).

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use toml::Spanned;

use super::*;
use crate::data::{parse_csv, Table};
use crate::error::{did_you_mean, Diag};

/// The largest input file chartbook reads (spec, data, translations, sources), in bytes.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Why an input file was not read.
#[derive(Debug)]
pub(super) enum Unreadable {
    /// Not a regular file: a FIFO or a device would block or never end; a folder has no text.
    NotAFile(&'static str),
    TooLarge(u64),
    Io(std::io::Error),
}

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unreadable::NotAFile(kind) => write!(f, "is {kind}, not a regular file"),
            Unreadable::TooLarge(n) => write!(
                f,
                "is {} MiB, over the limit of {} MiB",
                n / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
            Unreadable::Io(e) => write!(f, "{e}"),
        }
    }
}

impl Unreadable {
    pub(super) fn hint(&self) -> String {
        match self {
            Unreadable::TooLarge(_) => {
                "aggregate the data before charting it (no chart can show that many rows)".into()
            }
            _ => "name a file saved in the project folder".into(),
        }
    }
}

/// Reads a project file only when it is a regular file (following links inside the
/// project) of at most [`MAX_FILE_BYTES`]: a FIFO would block the build forever.
pub(super) fn read_regular(path: &Path) -> Result<Vec<u8>, Unreadable> {
    use std::io::Read;
    let meta = std::fs::metadata(path).map_err(Unreadable::Io)?;
    let ft = meta.file_type();
    if ft.is_dir() {
        return Err(Unreadable::NotAFile("a folder"));
    }
    if !ft.is_file() {
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if ft.is_fifo() {
                return Err(Unreadable::NotAFile("a named pipe (FIFO)"));
            }
            if ft.is_socket() {
                return Err(Unreadable::NotAFile("a socket"));
            }
            if ft.is_block_device() || ft.is_char_device() {
                return Err(Unreadable::NotAFile("a device"));
            }
        }
        return Err(Unreadable::NotAFile("a special file"));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(Unreadable::TooLarge(meta.len()));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(Unreadable::Io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Unreadable::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

impl Validator<'_> {
    /// Reads and parses a TOML file the spec names at `at` (`what`: "sources file"), inside the
    /// project; every problem is reported, located in the file where it has a place.
    pub(super) fn read_toml<T: serde::de::DeserializeOwned>(
        &mut self,
        at: &Spanned<String>,
        what: &str,
    ) -> Option<(String, T)> {
        let rel = at.get_ref().clone();
        let full = self.project_path(at, "", &rel)?;
        let text = match read_regular(&full).map(String::from_utf8) {
            Ok(Ok(t)) => t,
            Ok(Err(e)) => {
                let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
                let (line, col, _) =
                    crate::error::line_col(&String::from_utf8_lossy(valid), usize::MAX);
                self.diags.push(
                    Diag::error(&rel, format!("the {what} is not valid UTF-8"))
                        .at(line, col)
                        .with_hint("save the file as UTF-8"),
                );
                return None;
            }
            Err(Unreadable::Io(e)) => {
                self.err(at, "", format!("cannot read the {what} `{rel}`: {e}"), None);
                return None;
            }
            Err(why) => {
                self.err(
                    at,
                    "",
                    format!("the {what} `{rel}` {why}"),
                    Some(why.hint()),
                );
                return None;
            }
        };
        if let Some(d) = super::hygiene::scan_toml(&rel, &text) {
            self.diags.push(d);
        }
        match toml::from_str(&text) {
            Ok(r) => Some((text, r)),
            Err(e) => {
                let mut d = Diag::error(&rel, e.message().to_string());
                if let Some(span) = e.span() {
                    d = d.at_span(&text, span.start, span.end);
                }
                self.diags.push(hint_for_toml(d, e.message()));
                None
            }
        }
    }

    /// Loads (once) the CSV at `rel`, refusing paths that leave the project folder.
    pub(super) fn table(&mut self, at: &Spanned<String>, chart: &str) -> Option<Arc<Table>> {
        let rel = at.get_ref().clone();
        if let Some(t) = self.tables.get(&rel) {
            return t.clone();
        }
        let result = self.read_table(at, chart, &rel);
        self.tables.insert(rel, result.clone());
        result
    }

    /// The full path of a project file named in the spec, refusing paths that leave the
    /// project folder (`..`, absolute, or a symbolic link that leads out).
    pub(super) fn project_path(
        &mut self,
        at: &Spanned<String>,
        chart: &str,
        rel: &str,
    ) -> Option<PathBuf> {
        let p = Path::new(rel);
        if p.is_absolute()
            || p.components().any(|c| {
                matches!(
                    c,
                    Component::ParentDir | Component::Prefix(_) | Component::RootDir
                )
            })
        {
            self.err(at, chart, format!("the data path `{rel}` leaves the project folder"), Some("write data paths relative to charts.toml, inside the project, such as \"data/arrests.csv\"".into()));
            return None;
        }
        let full: PathBuf = self.root.join(p);
        if let (Ok(real), Ok(root)) = (
            full.canonicalize(),
            self.root
                .canonicalize()
                .or_else(|_| std::env::current_dir()),
        ) {
            if !real.starts_with(&root) {
                self.err(at, chart, format!("the data path `{rel}` leads out of the project folder (through a symbolic link)"), Some("copy the file into the project's data/ folder".into()));
                return None;
            }
        }
        Some(full)
    }

    pub(super) fn read_table(
        &mut self,
        at: &Spanned<String>,
        chart: &str,
        rel: &str,
    ) -> Option<Arc<Table>> {
        let p = Path::new(rel);
        let full = self.project_path(at, chart, rel)?;
        let bytes = match read_regular(&full) {
            Ok(b) => b,
            Err(Unreadable::Io(e)) => {
                let hint = self.similar_file(p);
                self.err(
                    at,
                    chart,
                    format!("cannot read the data file `{rel}`: {e}"),
                    Some(hint),
                );
                return None;
            }
            Err(why) => {
                self.err(
                    at,
                    chart,
                    format!("the data file `{rel}` {why}"),
                    Some(why.hint()),
                );
                return None;
            }
        };
        let shown = full.display().to_string();
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
                let (line, col, _) =
                    crate::error::line_col(&String::from_utf8_lossy(valid), usize::MAX);
                self.diags.push(
                    Diag::error(&shown, "the data file is not valid UTF-8")
                        .at(line, col)
                        .in_chart(chart)
                        .with_hint("save the CSV as UTF-8"),
                );
                return None;
            }
        };
        if let Some(d) = super::hygiene::scan_data(&shown, &text) {
            self.diags.push(d.in_chart(chart));
        }
        let parsed = if rel.to_ascii_lowercase().ends_with(".json") {
            crate::data::json::parse_json(&shown, &text)
        } else {
            parse_csv(&shown, &text)
        };
        match parsed {
            Ok(t) => {
                let slips = crate::data::quote::check_table(&t);
                self.diags
                    .extend(slips.into_iter().map(|d| d.in_chart(chart)));
                Some(Arc::new(t))
            }
            Err(ds) => {
                self.diags.extend(ds.into_iter().map(|d| d.in_chart(chart)));
                None
            }
        }
    }

    pub(super) fn similar_file(&self, p: &Path) -> String {
        let dir = self.root.join(p.parent().unwrap_or(Path::new("")));
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .map(|rd| {
                rd.filter_map(|e| e.ok())
                    .map(|e| e.file_name().to_string_lossy().to_string())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        match did_you_mean(&name, names.iter().map(String::as_str)) {
            Some(best) => format!("did you mean `{}`?", p.with_file_name(best).display()),
            None => "data paths are relative to the folder of charts.toml".into(),
        }
    }
}
