//! `vanban register`: list or export the register of issued documents, start a series,
//! cancel a number.

use std::process::ExitCode;

use vanban::diag::Lang;
use vanban::output::write_atomic;
use vanban::register::Register;
use vanban::register::table::{self, Filter};

use super::args::{RegisterArgs, RegisterCommand, RegisterFormat, RegisterList};
use super::issue::{register_path, say};

/// Run `vanban register`.
pub fn run(args: &RegisterArgs) -> ExitCode {
    let lang = args.common.lang.lang();
    let path = match register_path(&args.common) {
        Ok(p) => p,
        Err(c) => return c,
    };
    let fail = |e: vanban::register::Error| {
        eprintln!("{}", e.text(lang));
        ExitCode::from(1)
    };
    match &args.command {
        Some(RegisterCommand::Start(s)) => {
            let series = s.series.series();
            let mut reg = match Register::open(&path) {
                Ok(r) => r,
                Err(e) => return fail(e),
            };
            match reg.start(&series, s.next) {
                Ok(()) => {
                    println!(
                        "{}",
                        say(
                            lang,
                            format!(
                                "Sổ {}: văn bản tiếp theo nhận số {:02}.",
                                series.describe().vi,
                                s.next
                            ),
                            format!(
                                "Series {}: the next document gets number {:02}.",
                                series.describe().en,
                                s.next
                            ),
                        )
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => fail(e),
            }
        }
        Some(RegisterCommand::Cancel(c)) => {
            let series = c.series.series();
            let mut reg = match Register::open(&path) {
                Ok(r) => r,
                Err(e) => return fail(e),
            };
            match reg.cancel(&series, c.number, &c.reason) {
                Ok(entry) => {
                    println!(
                        "{}",
                        say(
                            lang,
                            format!(
                                "Đã hủy số {} ({}); số này không được cấp lại.",
                                entry.number_symbol,
                                c.reason.trim()
                            ),
                            format!(
                                "Cancelled {} ({}); the number is never given again.",
                                entry.number_symbol,
                                c.reason.trim()
                            ),
                        )
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => fail(e),
            }
        }
        None => list(&args.list, &path, lang),
    }
}

fn list(args: &RegisterList, path: &std::path::Path, lang: Lang) -> ExitCode {
    if matches!(args.format, RegisterFormat::Xlsx | RegisterFormat::Pdf) && args.out.is_none() {
        eprintln!(
            "{}",
            say(
                lang,
                "lỗi: --format xlsx và pdf cần tệp kết quả\n  cách sửa: thêm -o TỆP, ví dụ -o so-di-2026.xlsx".into(),
                "error: --format xlsx and pdf need an output file\n  fix: add -o FILE, e.g. -o register-2026.xlsx".into(),
            )
        );
        return ExitCode::from(2);
    }
    let reg = match Register::open_to_read(path) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{}", e.text(lang));
            return ExitCode::from(1);
        }
    };
    let filter = Filter {
        issuer: args.issuer.as_ref().map(|s| s.trim().to_string()),
        year: args.year,
        secret: Some(args.secret),
    };
    let entries = match reg.list(&filter) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("{}", e.text(lang));
            return ExitCode::from(1);
        }
    };
    let bytes = match args.format {
        RegisterFormat::Text => {
            let (t, sub) = table::title(&filter);
            println!("{t}\n{sub}");
            for e in &entries {
                let c = e.cells();
                println!("{}\t{}\t{}\t{}\t{}", c[0], c[1], c[2], c[3], c[7]);
            }
            println!(
                "{}",
                say(
                    lang,
                    format!("{} văn bản.", entries.len()),
                    format!("{} document(s).", entries.len())
                )
            );
            return ExitCode::SUCCESS;
        }
        RegisterFormat::Csv => table::csv(&entries),
        RegisterFormat::Xlsx => table::xlsx(&entries, &filter),
        RegisterFormat::Pdf => table::pdf(&entries, &filter),
    };
    let bytes = match bytes {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{}", e.text(lang));
            return ExitCode::from(1);
        }
    };
    match &args.out {
        None => {
            use std::io::Write;
            let _ = std::io::stdout().write_all(&bytes);
            ExitCode::SUCCESS
        }
        Some(out) => match write_atomic(out, &bytes) {
            Ok(()) => {
                eprintln!(
                    "{}",
                    say(
                        lang,
                        format!("đã tạo {}", out.display()),
                        format!("written {}", out.display())
                    )
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!(
                    "{}",
                    say(
                        lang,
                        format!("lỗi: không ghi được {}: {e}", out.display()),
                        format!("error: cannot write {}: {e}", out.display()),
                    )
                );
                ExitCode::from(1)
            }
        },
    }
}
