//! `vanban check`: the rules on data files, as text or JSON, in Vietnamese or English.

use std::process::ExitCode;

use vanban::diag::rules::diagnostics;
use vanban::diag::{Lang, Severity};
use vanban::pipeline::{self, Resources, Source};

use super::args::{CheckArgs, ReportFormat};

/// Run `vanban check`.
pub fn run(args: &CheckArgs) -> ExitCode {
    if let Some(dir) = &args.templates
        && !dir.is_dir()
    {
        eprintln!("lỗi: thư mục mẫu {} không tồn tại", dir.display());
        return ExitCode::from(2);
    }
    let res = match Resources::load(args.templates.as_deref()) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("lỗi: {e}");
            return ExitCode::from(1);
        }
    };
    let lang = args.lang.lang();
    let mut all = Vec::new();
    for file in &args.files {
        let findings = pipeline::check(&Source::File(file.clone()), &res, args.stage());
        all.extend(diagnostics(&findings, lang, args.deny_warnings));
    }
    match args.format {
        ReportFormat::Json => {
            let items: Vec<serde_json::Value> = all
                .iter()
                .map(|d| {
                    serde_json::json!({
                        "severity": d.severity.key(),
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
        ReportFormat::Text => {
            for d in &all {
                println!("{}", d.to_text(lang == Lang::En));
            }
            let count = |s: Severity| all.iter().filter(|d| d.severity == s).count();
            let (errors, warnings, notes) = (
                count(Severity::Error),
                count(Severity::Warning),
                count(Severity::Info),
            );
            let files = args.files.len();
            println!(
                "{}",
                match lang {
                    Lang::Vi if notes > 0 =>
                        format!("{files} tệp: {errors} lỗi, {warnings} cảnh báo, {notes} ghi chú."),
                    Lang::Vi => format!("{files} tệp: {errors} lỗi, {warnings} cảnh báo."),
                    Lang::En if notes > 0 => format!(
                        "{files} file(s): {errors} error(s), {warnings} warning(s), {notes} note(s)."
                    ),
                    Lang::En => {
                        format!("{files} file(s): {errors} error(s), {warnings} warning(s).")
                    }
                }
            );
        }
    }
    super::exit(all.iter().any(|d| d.is_error()))
}
