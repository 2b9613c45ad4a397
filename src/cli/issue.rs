//! `vanban issue`: give drafts their number from the register of issued documents, make the
//! final PDF and DOCX, record them. The work is `vanban::register`; this prints.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use vanban::data::date::DateSpec;
use vanban::diag::{Diagnostic, Lang};
use vanban::output::OutputDir;
use vanban::pipeline::{Resources, Source};
use vanban::register::issue::Failure;
use vanban::register::{IssueJob, Register};

use super::args::{IssueArgs, RegisterCommon};

/// A diagnostic as printed in `lang` (its own words in that language when it has them).
pub fn show(d: &Diagnostic, lang: Lang) -> String {
    let mut d = d.clone();
    d.message = d.message_in(lang).to_string();
    d.hint = d.hint_in(lang).map(str::to_string);
    d.to_text(lang == Lang::En)
}

/// Two words by language.
pub fn say(lang: Lang, vi: String, en: String) -> String {
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

/// The register's file: `--register`, else the user's data folder.
pub fn register_path(common: &RegisterCommon) -> Result<PathBuf, ExitCode> {
    if let Some(p) = &common.register {
        return Ok(p.clone());
    }
    vanban::register::default_path().ok_or_else(|| {
        let lang = common.lang.lang();
        eprintln!(
            "{}",
            say(
                lang,
                "lỗi: không tìm được thư mục dữ liệu của người dùng (không có HOME, XDG_DATA_HOME)\n  cách sửa: chỉ tệp sổ bằng --register TỆP".into(),
                "error: cannot find the user's data folder (no HOME, XDG_DATA_HOME)\n  fix: name the register with --register FILE".into(),
            )
        );
        ExitCode::from(2)
    })
}

/// The issue date: `--date` (a full date), else today.
fn issue_date(args: &IssueArgs, lang: Lang) -> Result<NaiveDate, ExitCode> {
    let Some(text) = &args.date else {
        return Ok(chrono::Local::now().date_naive());
    };
    match DateSpec::parse_bi(text) {
        Ok(d) => d.naive().ok_or_else(|| {
            eprintln!(
                "{}",
                say(
                    lang,
                    format!("lỗi: --date `{text}` phải có đủ ngày, tháng, năm\n  cách sửa: ví dụ --date 05/01/2026"),
                    format!("error: --date `{text}` must give day, month and year\n  fix: e.g. --date 05/01/2026"),
                )
            );
            ExitCode::from(2)
        }),
        Err(e) => {
            eprintln!(
                "{}",
                say(
                    lang,
                    format!("lỗi: --date: {}\n  cách sửa: ví dụ --date 05/01/2026", e.vi),
                    format!("error: --date: {}\n  fix: e.g. --date 05/01/2026", e.en),
                )
            );
            Err(ExitCode::from(2))
        }
    }
}

/// Run `vanban issue`.
pub fn run(args: &IssueArgs) -> ExitCode {
    let lang = args.common.lang.lang();
    if let Some(dir) = &args.templates
        && !dir.is_dir()
    {
        eprintln!("lỗi: thư mục mẫu {} không tồn tại", dir.display());
        return ExitCode::from(2);
    }
    let date = match issue_date(args, lang) {
        Ok(d) => d,
        Err(c) => return c,
    };
    let path = match register_path(&args.common) {
        Ok(p) => p,
        Err(c) => return c,
    };
    let res = match Resources::load(args.templates.as_deref()) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("lỗi: {e}");
            return ExitCode::from(1);
        }
    };
    let out = match OutputDir::create(&args.out).and_then(|_| std::fs::canonicalize(&args.out)) {
        Ok(p) => OutputDir::at(&p),
        Err(e) => {
            eprintln!(
                "{}",
                say(
                    lang,
                    format!("lỗi: không tạo được thư mục {}: {e}", args.out.display()),
                    format!(
                        "error: cannot create the folder {}: {e}",
                        args.out.display()
                    ),
                )
            );
            return ExitCode::from(1);
        }
    };
    let mut reg = match Register::open(&path) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{}", e.text(lang));
            return ExitCode::from(1);
        }
    };
    match reg.recover(&[out.path()]) {
        Ok(missing) => {
            for ns in missing {
                eprintln!(
                    "{}",
                    say(
                        lang,
                        format!(
                            "cảnh báo: văn bản số {ns} đã ghi sổ nhưng không tìm thấy tệp của nó (xem `vanban register`)"
                        ),
                        format!(
                            "warning: document {ns} is recorded but its files cannot be found (see `vanban register`)"
                        ),
                    )
                );
            }
        }
        Err(e) => {
            eprintln!("{}", e.text(lang));
            return ExitCode::from(1);
        }
    }
    let opts = args.options();
    let mut failed = 0usize;
    for (i, file) in args.files.iter().enumerate() {
        let job = IssueJob {
            source: Source::File(file.clone()),
            date,
            strict: args.strict,
            opts,
            out: &out,
        };
        match reg.issue(&job, &res) {
            Ok(done) => {
                for w in &done.warnings {
                    eprintln!("{}", show(w, lang));
                }
                let shown = DateSpec::from(done.date).short();
                println!(
                    "{}",
                    say(
                        lang,
                        format!("Số {} ngày {shown}: {}", done.number_symbol, file.display()),
                        format!("No. {} of {shown}: {}", done.number_symbol, file.display()),
                    )
                );
                for f in &done.files {
                    eprintln!(
                        "{}",
                        say(
                            lang,
                            format!("đã tạo {}", f.path.display()),
                            format!("written {}", f.path.display())
                        )
                    );
                }
                if done.warnings.iter().any(Diagnostic::is_error) {
                    failed += 1;
                }
            }
            Err(Failure::Document(diags)) => {
                failed += 1;
                for d in &diags {
                    eprintln!("{}", show(d, lang));
                }
                eprintln!(
                    "{}",
                    say(
                        lang,
                        format!("không cấp số cho {} (không số nào bị dùng)", file.display()),
                        format!("{} was not issued (no number was used)", file.display()),
                    )
                );
            }
            Err(Failure::Register(e)) => {
                eprintln!("{}", e.text(lang));
                let rest: Vec<String> = args.files[i..]
                    .iter()
                    .map(|f| f.display().to_string())
                    .collect();
                eprintln!(
                    "{}",
                    say(
                        lang,
                        format!(
                            "dừng: chưa cấp số cho {} (không số nào bị dùng)",
                            rest.join(", ")
                        ),
                        format!(
                            "stopped: not issued: {} (no number was used)",
                            rest.join(", ")
                        ),
                    )
                );
                return ExitCode::from(1);
            }
        }
    }
    super::exit(failed > 0)
}
