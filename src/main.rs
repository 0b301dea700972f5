//! The `chartbook` binary: parse arguments, call the library, print diagnostics, exit.

mod cli;
mod report_out;

use std::process::ExitCode;

use clap::Parser;

use chartbook::Diag;
use cli::{Cli, Command, MessageFormat};

fn print_diags(diags: &[Diag]) {
    report_out::diags(MessageFormat::Human, diags);
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
        Command::Build(args) => {
            let fmt = args.message_format;
            let progress = report_out::Progress::new(fmt, args.quiet);
            let result = source_date_epoch().and_then(|epoch| {
                let mut opts = args.options();
                opts.source_date_epoch = epoch;
                chartbook::build(&args.spec.spec, &opts, &|e| progress.event(e))
            });
            match result {
                Ok((report, warnings)) => {
                    // Warnings first, so that the summary (or `finished`) is the last line.
                    if !args.quiet {
                        report_out::diags(fmt, &warnings);
                    }
                    progress.finish(&report, &args.out);
                    ExitCode::SUCCESS
                }
                Err(diags) => {
                    report_out::diags(fmt, &diags);
                    ExitCode::from(2)
                }
            }
        }
        Command::Check(args) => {
            let fmt = args.message_format;
            let result = source_date_epoch().and_then(|epoch| {
                let mut opts = args.options();
                opts.source_date_epoch = epoch;
                chartbook::check(&args.spec.spec, &opts)
            });
            match result {
                Ok((found, warnings)) => {
                    if !args.quiet {
                        report_out::diags(fmt, &warnings);
                    }
                    if report_out::findings(fmt, args.quiet, &found, &args.out) {
                        ExitCode::SUCCESS
                    } else {
                        ExitCode::from(1)
                    }
                }
                Err(diags) => {
                    report_out::diags(fmt, &diags);
                    ExitCode::from(2)
                }
            }
        }
        Command::Validate(a) => match chartbook::load(&a.spec.spec) {
            Ok(loaded) => {
                if !a.quiet {
                    report_out::diags(a.message_format, &loaded.warnings);
                }
                let mut quoted = String::new();
                if let Some(paper) = &a.paper {
                    match paper_slips(&loaded.spec, paper) {
                        Ok((n, slips)) if slips.is_empty() => {
                            quoted = format!("; {n} quotes found in {}", paper.display());
                        }
                        Ok((_, slips)) => {
                            report_out::diags(a.message_format, &slips);
                            return ExitCode::from(2);
                        }
                        Err(d) => {
                            report_out::diags(a.message_format, &[*d]);
                            return ExitCode::from(2);
                        }
                    }
                }
                let checks = &loaded.spec.checks;
                let failed = checks.iter().filter(|c| !c.passed).count();
                let summary = if checks.is_empty() {
                    String::new()
                } else {
                    format!("; {} of {} data checks failed", failed, checks.len())
                };
                if a.message_format == MessageFormat::Json {
                    let v = serde_json::json!({
                        "event": "valid",
                        "spec": a.spec.spec.display().to_string(),
                        "charts": loaded.spec.charts.len(),
                        "checks": checks.len(),
                        "checks_failed": failed,
                    });
                    println!("{v}");
                } else if !a.quiet {
                    println!(
                        "chartbook: {} is valid ({} charts{summary}{quoted})",
                        a.spec.spec.display(),
                        loaded.spec.charts.len()
                    );
                }
                if a.strict && failed > 0 {
                    eprintln!("chartbook: {failed} data check(s) failed (--strict)");
                    return ExitCode::from(1);
                }
                ExitCode::SUCCESS
            }
            Err(diags) => {
                report_out::diags(a.message_format, &diags);
                ExitCode::from(2)
            }
        },
        Command::Merge(a) => {
            let args = &a.build;
            let fmt = args.message_format;
            let progress = report_out::Progress::new(fmt, args.quiet);
            let result = source_date_epoch().and_then(|epoch| {
                let mut opts = args.options();
                opts.source_date_epoch = epoch;
                chartbook::merge(&args.spec.spec, &a.shards, &opts, &|e| progress.event(e))
            });
            match result {
                Ok((n, report, warnings)) => {
                    if !args.quiet {
                        report_out::diags(fmt, &warnings);
                        eprintln!(
                            "chartbook: merged {n} chart output(s) from {} shard folder(s)",
                            a.shards.len()
                        );
                    }
                    progress.finish(&report, &args.out);
                    ExitCode::SUCCESS
                }
                Err(diags) => {
                    report_out::diags(fmt, &diags);
                    ExitCode::from(2)
                }
            }
        }
        Command::Serve(a) => {
            let opts = chartbook::BuildOptions {
                out: a.out.clone(),
                dpi: a.dpi,
                ..chartbook::BuildOptions::default()
            };
            let result = chartbook::serve::serve(
                &a.spec.spec,
                &opts,
                a.port,
                &|addr| eprintln!("chartbook: serving http://{addr}/ (Ctrl-C to stop)"),
                &|diags, ok| {
                    report_out::diags(MessageFormat::Human, diags);
                    if ok {
                        eprintln!("chartbook: built");
                    }
                },
            );
            match result {
                Ok(()) => ExitCode::SUCCESS,
                Err(diags) => {
                    print_diags(&diags);
                    ExitCode::from(2)
                }
            }
        }
        Command::Schema(a) => {
            let which = match a.file.as_str() {
                "translation" => chartbook::spec::schema::Which::Translation,
                "theme" => chartbook::spec::schema::Which::Theme,
                _ => chartbook::spec::schema::Which::Spec,
            };
            print!("{}", chartbook::spec::schema::text(which));
            ExitCode::SUCCESS
        }
        Command::Init(a) => match chartbook::init::init(&a.dir) {
            Ok(files) => {
                let dir = a.dir.display();
                eprintln!("chartbook: wrote {} files into {dir}", files.len());
                let cd = if a.dir.as_os_str() == "." {
                    String::new()
                } else {
                    format!("cd {dir} && ")
                };
                eprintln!("next: {cd}chartbook build   (then open output/index.html)");
                ExitCode::SUCCESS
            }
            Err(diags) => {
                print_diags(&diags);
                ExitCode::from(2)
            }
        },
        Command::List(a) => match chartbook::load(&a.spec) {
            Ok(loaded) => {
                for c in &loaded.spec.charts {
                    println!(
                        "{}\t{}\t{}\t{}",
                        c.id,
                        c.kind().name(),
                        c.title,
                        c.data_path
                    );
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

/// The quotes and text cells of every data file that are not in `paper` word for word.
fn paper_slips(
    spec: &chartbook::spec::Spec,
    paper: &std::path::Path,
) -> Result<(usize, Vec<chartbook::error::Diag>), Box<chartbook::error::Diag>> {
    use chartbook::data::quote;
    let name = paper.display().to_string();
    let text = std::fs::read_to_string(paper).map_err(|e| {
        Box::new(
            chartbook::error::Diag::error(&name, format!("cannot read the source's text: {e}"))
                .with_hint("--paper takes the source's full text as a UTF-8 file"),
        )
    })?;
    let source = quote::normalise(&text);
    let mut seen = std::collections::BTreeSet::new();
    let (mut checked, mut slips) = (0, Vec::new());
    for c in spec
        .charts
        .iter()
        .filter(|c| seen.insert(c.data_path.clone()))
    {
        let (n, d) = quote::check_against(&c.data, &source, &name);
        checked += n;
        slips.extend(d);
    }
    Ok((checked, slips))
}
