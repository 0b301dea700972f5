//! The command line: clap types, turned into library options in one step. Nothing else in
//! the crate imports this module.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Exit codes, as documented in `--help` and README.
pub const EXIT_CODES: &str = "Exit codes:\n  0  success\n  1  `check` found outputs stale, missing, modified or extra; or, with\n     `validate --strict`, a data check failed\n  2  invalid spec, data or arguments, or an I/O failure";

#[derive(Debug, Parser)]
#[command(
    name = "chartbook",
    version,
    about = "Turns chart specifications (charts.toml) and CSV data into publication figures (SVG, PNG) and a PDF handout.",
    after_help = EXIT_CODES
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Render every chart to output/svg/<id>.svg and output/png/<id>.png, and the handout
    /// to output/report.pdf (dated by SOURCE_DATE_EPOCH when set, else by [report] date).
    #[command(after_help = EXIT_CODES)]
    Build(BuildArgs),
    /// Check the spec and every data file, and run the data checks ([[check]]); render
    /// nothing, write nothing. A failing data check is a warning, or exit 1 with --strict.
    #[command(after_help = EXIT_CODES)]
    Validate(ValidateArgs),
    /// Validate, then report whether the output folder is exactly what `build` would write
    /// now: one line per output that is missing, stale, modified or extra. Writes nothing.
    ///
    /// Fast because it renders nothing: output/manifest.json records, for every output, a
    /// hash of all it was made from (the chart's spec entry and data, the theme, the fonts,
    /// the chartbook version, the resolution). Rendering is a pure function of those inputs,
    /// so equal hashes mean equal bytes; each file's own hash is checked against the manifest
    /// too, so a hand-edited output is caught.
    #[command(after_help = EXIT_CODES)]
    Check(CheckArgs),
    /// One line per chart: id, kind, title, data file.
    #[command(after_help = EXIT_CODES)]
    List(SpecArg),
    /// Start a project: write into DIR (default: this folder) a charts.toml with an example
    /// of every chart kind, a CSV file for each, a .gitignore and a CI workflow that runs
    /// `chartbook check`. Replaces nothing: a folder that already holds one of these files is
    /// refused. `chartbook build` in it works at once.
    #[command(after_help = EXIT_CODES)]
    Init(InitArgs),
    /// Print the JSON Schema of charts.toml (or of a translation file), for editors: a first
    /// line `#:schema ./charts.schema.json` gives Taplo / Even Better TOML completion and
    /// hover docs.
    #[command(after_help = EXIT_CODES)]
    Schema(SchemaArgs),
    /// Live preview: build, serve the output folder on http://127.0.0.1:PORT/ and rebuild on
    /// every save of the spec, the data, a translation or any other file of the project; the
    /// page reloads itself after each build and shows a failed build's errors. Runs until
    /// stopped (Ctrl-C).
    #[command(after_help = EXIT_CODES)]
    Serve(ServeArgs),
    /// Join the output folders of shard builds (`build --shard K/N --out DIR` on N machines)
    /// into --out: each shard's chart outputs are checked against its manifest and the spec,
    /// put in place with their manifest entries, and a build then writes the handout, the page
    /// and the notes without drawing any chart again. `check` verifies the result.
    #[command(after_help = EXIT_CODES)]
    Merge(MergeArgs),
}

#[derive(Debug, clap::Args)]
pub struct MergeArgs {
    /// The shards' output folders.
    #[arg(required = true, value_name = "SHARD_DIR")]
    pub shards: Vec<PathBuf>,
    #[command(flatten)]
    pub build: BuildArgs,
}

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub spec: SpecArg,
    /// The output folder.
    #[arg(long, default_value = "output", value_name = "DIR")]
    pub out: PathBuf,
    /// The port on 127.0.0.1 (0: any free port).
    #[arg(long, default_value_t = 8000)]
    pub port: u16,
    /// PNG resolution (as for `build`; default: the spec's `[output] dpi`, else 300); lower
    /// is faster while editing.
    #[arg(long, value_parser = clap::value_parser!(u32).range(36..=1200))]
    pub dpi: Option<u32>,
}

#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    /// Which file: `spec` (charts.toml), `theme` or `translation`.
    #[arg(default_value = "spec", value_parser = ["spec", "theme", "translation"])]
    pub file: String,
}

#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// The project folder (made if missing).
    #[arg(default_value = ".", value_name = "DIR")]
    pub dir: PathBuf,
}

#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    #[command(flatten)]
    pub spec: SpecArg,
    /// Exit 1 when a data check fails.
    #[arg(long)]
    pub strict: bool,
    /// The source's full text (UTF-8). Every data row's `quote` must appear in it word for
    /// word (white space, emphasis and endnote marks aside), and every text cell of a table
    /// without quotes too; a quote that does not is an error.
    #[arg(long, value_name = "FILE")]
    pub paper: Option<PathBuf>,
    /// Print nothing but errors.
    #[arg(long, short)]
    pub quiet: bool,
    /// `human` or `json` (one object per line).
    #[arg(long, value_enum, default_value_t = MessageFormat::Human)]
    pub message_format: MessageFormat,
}

#[derive(Debug, clap::Args)]
pub struct SpecArg {
    /// The spec file; data paths are relative to its folder.
    #[arg(long, default_value = "charts.toml", value_name = "FILE")]
    pub spec: PathBuf,
}

/// How messages are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MessageFormat {
    /// Lines for people; a progress bar on a terminal.
    Human,
    /// One JSON object per line and event, for tools.
    Json,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub spec: SpecArg,
    /// The output folder.
    #[arg(long, default_value = "output", value_name = "DIR")]
    pub out: PathBuf,
    /// The formats the build writes (as for `build`).
    #[arg(long, default_value = "svg,png,pdf,html", value_delimiter = ',', value_parser = ["svg", "png", "pdf", "html"])]
    pub formats: Vec<String>,
    /// The PNG resolution the build uses (as for `build`).
    #[arg(long, value_parser = clap::value_parser!(u32).range(36..=1200))]
    pub dpi: Option<u32>,
    /// Print nothing but errors and findings.
    #[arg(long, short)]
    pub quiet: bool,
    /// `human` or `json` (one object per line).
    #[arg(long, value_enum, default_value_t = MessageFormat::Human)]
    pub message_format: MessageFormat,
}

impl CheckArgs {
    /// The library's options for these arguments.
    pub fn options(&self) -> chartbook::BuildOptions {
        chartbook::BuildOptions {
            out: self.out.clone(),
            formats: formats(&self.formats),
            dpi: self.dpi,
            ..chartbook::BuildOptions::default()
        }
    }
}

fn formats(list: &[String]) -> chartbook::Formats {
    let has = |name: &str| list.iter().any(|f| f == name);
    chartbook::Formats {
        // The HTML page shows the SVGs.
        svg: has("svg") || has("html"),
        png: has("png"),
        pdf: has("pdf"),
        html: has("html"),
    }
}

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub spec: SpecArg,
    /// The output folder.
    #[arg(long, default_value = "output", value_name = "DIR")]
    pub out: PathBuf,
    /// Build only these chart ids.
    #[arg(long, num_args = 1.., value_name = "ID", conflicts_with = "shard")]
    pub only: Vec<String>,
    /// Build shard K of N: the charts whose id hashes to it (each chart is in exactly one
    /// shard). N machines each build one shard; `chartbook merge` joins their folders.
    #[arg(long, value_name = "K/N", value_parser = chartbook::Shard::parse)]
    pub shard: Option<chartbook::Shard>,
    /// Render every chart, even those whose inputs are unchanged since the last build.
    #[arg(long)]
    pub force: bool,
    /// Render with N threads (default: one per core); the outputs are the same for any N.
    #[arg(long, short, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=256))]
    pub jobs: Option<u16>,
    /// `human` or `json` (one object per line and event: built, skipped, failed).
    #[arg(long, value_enum, default_value_t = MessageFormat::Human)]
    pub message_format: MessageFormat,
    /// Comma-separated formats to write: svg, png, pdf, html (the handout and the page hold
    /// every chart, so they are not written with --only; html writes the SVGs it shows).
    #[arg(long, default_value = "svg,png,pdf,html", value_delimiter = ',', value_parser = ["svg", "png", "pdf", "html"])]
    pub formats: Vec<String>,
    /// PNG resolution in dots per inch, written into the file (default: the spec's
    /// `[output] dpi`, else 300).
    #[arg(long, value_parser = clap::value_parser!(u32).range(36..=1200))]
    pub dpi: Option<u32>,
    /// Print nothing but errors.
    #[arg(long, short)]
    pub quiet: bool,
}

impl BuildArgs {
    /// The library's options for these arguments.
    pub fn options(&self) -> chartbook::BuildOptions {
        chartbook::BuildOptions {
            out: self.out.clone(),
            only: self.only.clone(),
            formats: formats(&self.formats),
            dpi: self.dpi,
            source_date_epoch: None,
            force: self.force,
            jobs: self.jobs.map(usize::from),
            editions: Vec::new(),
            shard: self.shard,
        }
    }
}
