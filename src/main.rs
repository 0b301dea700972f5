//! The `chartbook` binary: parse arguments, call the library, print diagnostics, exit.

mod cli;

use std::process::ExitCode;

use clap::Parser;

use chartbook::{Diag, Severity};
use cli::{Cli, Command};

fn print_diags(diags: &[Diag]) {
    for d in diags {
        eprint!("{d}");
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
        Command::Build(args) => match chartbook::build(&args.spec.spec, &args.options()) {
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
