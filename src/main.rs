//! The `vanban` binary: parse arguments, run, print diagnostics, exit.

mod batch_cmd;
mod cli;

use std::process::ExitCode;

use clap::Parser;
use vanban::render::build_tree;
use vanban::template::Templates;

fn main() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            use clap::error::ErrorKind;
            if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
                let _ = e.print();
                return ExitCode::SUCCESS;
            }
            if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                let _ = e.print();
                return ExitCode::from(2);
            }
            eprintln!("lỗi: gọi lệnh sai cách.\n{e}");
            eprintln!("Xem `vanban --help` hoặc `vanban render --help`.");
            return ExitCode::from(2);
        }
    };
    match cli.command {
        cli::Command::Render(args) => render(&args),
        cli::Command::Check(args) => check(&args),
        cli::Command::Merge(args) => batch_cmd::merge(&args),
        cli::Command::Schema => {
            print!("{}", vanban::schema::input_schema());
            ExitCode::SUCCESS
        }
        cli::Command::Ntm(args) => {
            if vanban::ntm::run(&args.options()).failed == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
    }
}

fn check(args: &cli::CheckArgs) -> ExitCode {
    let templates = match Templates::new(args.templates.as_deref()) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("lỗi: {e}");
            return ExitCode::from(1);
        }
    };
    let lang = match args.lang {
        cli::LangArg::Vi => vanban::check::Lang::Vi,
        cli::LangArg::En => vanban::check::Lang::En,
    };
    let stage = if args.final_ {
        vanban::data::Stage::Final
    } else {
        vanban::data::Stage::Draft
    };
    let mut all = Vec::new();
    for file in &args.files {
        let findings = vanban::check::check_file(file, &templates, stage);
        all.extend(vanban::check::diagnostics(
            &findings,
            lang,
            args.deny_warnings,
        ));
    }
    match args.format {
        cli::ReportFormat::Json => {
            let items: Vec<serde_json::Value> = all
                .iter()
                .map(|d| {
                    serde_json::json!({
                        "severity": if d.is_error() { "error" } else { "warning" },
                        "file": d.file.display().to_string(),
                        "line": d.line,
                        "field": d.field,
                        "rule": d.rule,
                        "source": d.source,
                        "message": d.message,
                        "hint": d.hint,
                    })
                })
                .collect();
            match serde_json::to_string_pretty(&items) {
                Ok(s) => println!("{s}"),
                Err(e) => eprintln!("lỗi nội bộ: {e}"),
            }
        }
        cli::ReportFormat::Text => {
            for d in &all {
                println!("{}", d.to_text(lang == vanban::check::Lang::En));
            }
            let errors = all.iter().filter(|d| d.is_error()).count();
            let ok = match lang {
                vanban::check::Lang::Vi => format!(
                    "{} tệp: {errors} lỗi, {} cảnh báo.",
                    args.files.len(),
                    all.len() - errors
                ),
                vanban::check::Lang::En => format!(
                    "{} file(s): {errors} error(s), {} warning(s).",
                    args.files.len(),
                    all.len() - errors
                ),
            };
            println!("{ok}");
        }
    }
    if all.iter().any(|d| d.is_error()) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn render(args: &cli::RenderArgs) -> ExitCode {
    let opts = args.options();
    let templates = match batch_cmd::prepare(&args.common, args.emit.is_none()) {
        Ok(t) => t,
        Err(code) => return code,
    };
    if args.emit.is_none() {
        return batch_cmd::render(&args.files, &templates, &opts, args.common.jobs, args.split);
    }
    let mut failed = Vec::new();
    for file in &args.files {
        if let Some(stage) = args.emit {
            match build_tree(file, &templates, opts.stage) {
                Ok((markup, tree)) => match stage {
                    cli::EmitArg::Markup => print!("{markup}"),
                    cli::EmitArg::Tree => match serde_json::to_string_pretty(&tree) {
                        Ok(s) => println!("{s}"),
                        Err(e) => {
                            eprintln!("lỗi nội bộ: {e}");
                            failed.push(file);
                        }
                    },
                },
                Err(diags) => {
                    for d in &diags {
                        eprintln!("{d}");
                    }
                    failed.push(file);
                }
            }
        }
    }
    if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// `render --split`: the per-unit extracts and calendars of one document. False if any
/// extract failed (the others are written).
pub(crate) fn split(
    file: &std::path::Path,
    templates: &Templates,
    opts: &vanban::RenderOptions,
) -> bool {
    match vanban::split::split_file(file, templates, opts) {
        Ok(report) => {
            for w in &report.warnings {
                eprintln!("{w}");
            }
            for p in &report.written {
                eprintln!("đã tạo {}", p.display());
            }
            for (unit, diags) in &report.failed {
                eprintln!("lỗi: không tạo được bản trích cho {unit}:");
                for d in diags {
                    eprintln!("{d}");
                }
            }
            report.failed.is_empty()
        }
        Err(diags) => {
            for d in &diags {
                eprintln!("{d}");
            }
            false
        }
    }
}
