//! `vanban check`: the rules on data files, as text or JSON, in Vietnamese or English.

use std::process::ExitCode;

use vanban::diag::rules::diagnostics;
use vanban::diag::{Lang, Severity};
use vanban::docx_in;
use vanban::pipeline::{self, Resources, Source};

use super::args::{CheckArgs, ReportFormat};

/// The place of a finding in a Word file: page (and whether it is an estimate), paragraph,
/// the text around it.
type Place = Option<((Option<usize>, bool), Option<usize>, Option<String>)>;

/// Whether `file` is a Word document (by its extension).
fn is_docx(file: &std::path::Path) -> bool {
    file.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("docx"))
}

/// ", trang 2, đoạn 14 («Số: 5/UBND»)" — what is known of the place; an estimated page
/// says so: ", trang 2 (ước tính), …".
fn place_text(p: &((Option<usize>, bool), Option<usize>, Option<String>), en: bool) -> String {
    let ((page, estimated), para, context) = p;
    let mut s = String::new();
    if let Some(pg) = page {
        let est = match (estimated, en) {
            (false, _) => "",
            (true, false) => " (ước tính)",
            (true, true) => " (estimated)",
        };
        s.push_str(&if en {
            format!(", page {pg}{est}")
        } else {
            format!(", trang {pg}{est}")
        });
    }
    if let Some(n) = para {
        s.push_str(&if en {
            format!(", paragraph {n}")
        } else {
            format!(", đoạn {n}")
        });
    }
    if let Some(c) = context {
        s.push_str(&format!(" («{c}»)"));
    }
    s
}

/// Run `vanban check`.
pub fn run(args: &CheckArgs) -> ExitCode {
    if let Some(dir) = &args.templates
        && !dir.is_dir()
    {
        if args.lang.lang() == Lang::En {
            eprintln!(
                "error: the templates folder {} does not exist",
                dir.display()
            );
        } else {
            eprintln!("lỗi: thư mục mẫu {} không tồn tại", dir.display());
        }
        return ExitCode::from(2);
    }
    let lang = args.lang.lang();
    let res = match Resources::load_bi(args.templates.as_deref()) {
        Ok(r) => r,
        Err(e) if lang == Lang::En => {
            eprintln!("error: {}", e.en);
            return ExitCode::from(1);
        }
        Err(e) => {
            eprintln!("lỗi: {}", e.vi);
            return ExitCode::from(1);
        }
    };
    let mut all = Vec::new();
    // Where each finding of a Word file is: (page, paragraph, context); the unevaluated.
    let mut places: Vec<Place> = Vec::new();
    let mut infos: Vec<(String, Option<usize>, String)> = Vec::new();
    for file in &args.files {
        if is_docx(file) {
            match docx_in::check(file, res.catalogue(), args.stage()) {
                Ok(c) => {
                    for l in &c.findings {
                        all.extend(diagnostics(
                            std::slice::from_ref(&l.finding),
                            lang,
                            args.deny_warnings,
                        ));
                        places.push(Some((
                            (l.page, l.page_estimated),
                            l.para,
                            l.context.clone(),
                        )));
                    }
                    for u in &c.unevaluated {
                        infos.push((
                            file.display().to_string(),
                            u.para,
                            u.what.get(lang).to_string(),
                        ));
                    }
                }
                Err(d) => {
                    all.push(*d);
                    places.push(None);
                }
            }
            continue;
        }
        let findings = pipeline::check(&Source::File(file.clone()), &res, args.stage());
        let n = findings.len();
        all.extend(diagnostics(&findings, lang, args.deny_warnings));
        places.extend(std::iter::repeat_n(None, n));
    }
    match args.format {
        ReportFormat::Json => {
            let items: Vec<serde_json::Value> = all
                .iter()
                .zip(places.iter().chain(std::iter::repeat(&None)))
                .map(|(d, place)| {
                    let mut v = d.to_json();
                    if let Some(((page, estimated), para, context)) = place {
                        v["page"] = serde_json::json!(page);
                        if *estimated {
                            v["page_estimated"] = serde_json::json!(true);
                        }
                        v["paragraph"] = serde_json::json!(para);
                        v["context"] = serde_json::json!(context);
                    }
                    v
                })
                .chain(infos.iter().map(|(file, para, what)| {
                    serde_json::json!({
                        "severity": "info",
                        "file": file,
                        "paragraph": para,
                        "message": what,
                    })
                }))
                .collect();
            match serde_json::to_string_pretty(&items) {
                Ok(s) => println!("{s}"),
                Err(e) => eprintln!("lỗi nội bộ: {e}"),
            }
        }
        ReportFormat::Text => {
            let en = lang == Lang::En;
            for (d, place) in all
                .iter()
                .zip(places.iter().chain(std::iter::repeat(&None)))
            {
                let text = d.to_text(en);
                match place {
                    Some(p) => {
                        let file = d.file.display().to_string();
                        let at = place_text(p, en);
                        println!(
                            "{}",
                            text.replacen(&format!("{file}: "), &format!("{file}{at}: "), 1)
                        );
                    }
                    None => println!("{text}"),
                }
            }
            for (file, para, what) in &infos {
                let at = para
                    .map(|p| {
                        if en {
                            format!(", paragraph {p}")
                        } else {
                            format!(", đoạn {p}")
                        }
                    })
                    .unwrap_or_default();
                if en {
                    println!("not evaluated: {file}{at}: {what}");
                } else {
                    println!("không đánh giá được: {file}{at}: {what}");
                }
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
