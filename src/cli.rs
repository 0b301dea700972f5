//! The command line: clap types, turned into library options in one step. Nothing else in
//! the crate imports this module.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Exit codes, as documented in `--help` and README.
pub const EXIT_CODES: &str = "Exit codes:\n  0  success\n  1  reserved for `check` (stale outputs) and failed data checks\n  2  invalid spec, data or arguments, or an I/O failure";

#[derive(Debug, Parser)]
#[command(
    name = "chartbook",
    version,
    about = "Turns chart specifications (charts.toml) and CSV data into publication figures: SVG and PNG.",
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
    /// Check the spec and every data file; render nothing, write nothing.
    #[command(after_help = EXIT_CODES)]
    Validate(SpecArg),
    /// One line per chart: id, kind, title, data file.
    #[command(after_help = EXIT_CODES)]
    List(SpecArg),
}

#[derive(Debug, clap::Args)]
pub struct SpecArg {
    /// The spec file; data paths are relative to its folder.
    #[arg(long, default_value = "charts.toml", value_name = "FILE")]
    pub spec: PathBuf,
}

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub spec: SpecArg,
    /// The output folder.
    #[arg(long, default_value = "output", value_name = "DIR")]
    pub out: PathBuf,
    /// Build only these chart ids.
    #[arg(long, num_args = 1.., value_name = "ID")]
    pub only: Vec<String>,
    /// Comma-separated formats to write: svg, png, pdf (the handout holds every chart, so
    /// it is not written with --only).
    #[arg(long, default_value = "svg,png,pdf", value_delimiter = ',', value_parser = ["svg", "png", "pdf"])]
    pub formats: Vec<String>,
    /// PNG resolution in dots per inch (written into the file).
    #[arg(long, default_value_t = 300, value_parser = clap::value_parser!(u32).range(36..=1200))]
    pub dpi: u32,
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
            formats: chartbook::Formats {
                svg: self.formats.iter().any(|f| f == "svg"),
                png: self.formats.iter().any(|f| f == "png"),
                pdf: self.formats.iter().any(|f| f == "pdf"),
            },
            dpi: self.dpi,
            source_date_epoch: None,
        }
    }
}
