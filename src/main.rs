//! The `chartbook` binary: parse arguments, call the library, print diagnostics, exit.

mod cli;

use std::process::ExitCode;

use clap::Parser;

use chartbook::{Diag, Severity};
use cli::{Cli, Command};

/// Colours on a terminal, unless NO_COLOR is set (no-color.org) or the terminal is dumb.
fn use_color() -> bool {
    use std::io::IsTerminal;
    std::io::stderr().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::env::var("TERM").map_or(true, |t| t != "dumb")
}

fn print_diags(diags: &[Diag]) {
    let color = use_color();
    for d in diags {
        eprint!("{}", d.render(color));
    }
    let errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = diags.len() - errors;
    if errors > 0 {
        eprintln!("chartbook: {errors} error(s), {warnings} warning(s)");
    }
}

/// `SOURCE_DATE_EPOCH` (reproducible-builds.org): whole seconds since 1970, UTC.
fn source_date_epoch() -> Result<Option<i64>, Vec<chartbook::Diag>> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Err(_) => Ok(None),
        Ok(v) if v.trim().is_empty() => Ok(None),
        Ok(v) => match v.trim().parse::<i64>() {
            Ok(n) if (0..=253_402_300_799).contains(&n) => Ok(Some(n)),
            _ => Err(vec![chartbook::Diag::error(
                "SOURCE_DATE_EPOCH",
                format!("`{v}` is not a time: expected whole seconds since 1970-01-01 UTC"),
            )
            .with_hint("unset it, or set it to e.g. `git log -1 --format=%ct`")]),
        },
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                    ExitCode::SUCCESS
                }
                _ => ExitCode::from(2),
            };
        }
    };
    match cli.command {
        Command::Build(args) => match source_date_epoch().and_then(|epoch| {
            let mut opts = args.options();
            opts.source_date_epoch = epoch;
            chartbook::build(&args.spec.spec, &opts)
        }) {
            Ok((report, warnings)) => {
                print_diags(&warnings);
                if !args.quiet {
                    println!(
                        "chartbook: wrote {} files to {}",
                        report.written.len(),
                        args.out.display()
                    );
                }
                ExitCode::SUCCESS
            }
            Err(diags) => {
                print_diags(&diags);
                ExitCode::from(2)
            }
        },
        Command::Validate(a) => match chartbook::spec::load(&a.spec) {
            Ok(loaded) => {
                print_diags(&loaded.warnings);
                println!(
                    "chartbook: {} is valid ({} charts)",
                    a.spec.display(),
                    loaded.spec.charts.len()
                );
                ExitCode::SUCCESS
            }
            Err(diags) => {
                print_diags(&diags);
                ExitCode::from(2)
            }
        },
        Command::List(a) => match chartbook::spec::load(&a.spec) {
            Ok(loaded) => {
                for c in &loaded.spec.charts {
                    println!("{}\t{}\t{}\t{}", c.id, c.kind.name(), c.title, c.data_path);
                }
                ExitCode::SUCCESS
            }
            Err(diags) => {
                print_diags(&diags);
                ExitCode::from(2)
            }
        },
    }
}
