//! Printing a run's report: every document's messages in input order, the files written,
//! the summary, and the manifest.

use std::io::Write;

use vanban::output::OutputDir;
use vanban::output::report::{MANIFEST, Report, write_manifest};

/// Above this many documents the summary lists no "đã tạo" line per file (the manifest
/// lists them all).
const LIST_LIMIT: usize = 100;

/// Print the messages of a run in input order, then (when `with_summary`) the summary and
/// the failed inputs, to `out`.
pub fn print(report: &Report, with_summary: bool, out: &mut dyn Write) -> std::io::Result<()> {
    let list = report.outcomes.len() <= LIST_LIMIT;
    for o in &report.outcomes {
        match &o.result {
            Ok(done) => {
                for w in &done.warnings {
                    writeln!(out, "{w}")?;
                }
                if list {
                    for p in &done.outputs {
                        writeln!(out, "đã tạo {}", p.path.display())?;
                    }
                }
            }
            Err(diags) => {
                for d in diags {
                    writeln!(out, "{d}")?;
                }
            }
        }
    }
    if list {
        for f in &report.files {
            writeln!(out, "đã tạo {}", f.path.display())?;
        }
    }
    if !with_summary {
        return Ok(());
    }
    writeln!(out, "\n{}", summary(report))?;
    for o in report.outcomes.iter().filter(|o| o.result.is_err()) {
        match &o.item.record {
            Some(r) => {
                let place = match &r.sheet {
                    Some(s) => format!("trang `{s}`, dòng {}", r.row),
                    None => format!("dòng {}", r.row),
                };
                writeln!(out, "  lỗi: {}, {place}", r.table.display())?
            }
            None => writeln!(out, "  lỗi: {}", o.item.input.display())?,
        }
    }
    Ok(())
}

/// The one-line summary: documents, pages, failures, time.
pub fn summary(report: &Report) -> String {
    let secs = report.elapsed.as_secs_f64();
    let done = report.done();
    let per_doc = if done > 0 {
        format!(", {:.0} ms mỗi văn bản", secs * 1000.0 / done as f64)
    } else {
        String::new()
    };
    format!(
        "Tổng kết: {done} văn bản đã tạo, {} văn bản lỗi; {} trang; {secs:.1} giây với {} luồng{per_doc}.",
        report.failed(),
        report.pages(),
        report.jobs,
    )
}

/// Print the report (with the summary and the manifest for a batch); whether all went well.
pub fn finish(report: &Report, out: &OutputDir, is_batch: bool) -> bool {
    let mut err = std::io::stderr().lock();
    let _ = print(report, is_batch, &mut err);
    if is_batch && foreign_manifest(out) {
        let _ = writeln!(
            err,
            "cảnh báo: không ghi {}: thư mục đã có tệp manifest.json không phải do vanban tạo (giữ nguyên tệp đó)\n  cách sửa: chọn thư mục kết quả riêng bằng -o THƯ_MỤC",
            out.path().join(MANIFEST).display()
        );
    } else if is_batch {
        match write_manifest(report, out) {
            Ok(p) => {
                let _ = writeln!(err, "Danh sách tệp đã tạo và mã SHA-256: {}", p.display());
            }
            Err(e) => {
                let _ = writeln!(
                    err,
                    "lỗi: không ghi được {}: {e}",
                    out.path().join(MANIFEST).display()
                );
                return false;
            }
        }
    }
    report.failed() == 0
}

/// Whether the output folder holds a `manifest.json` that vanban did not write (its
/// `generator` is not "vanban …"): such a file is never overwritten.
fn foreign_manifest(out: &OutputDir) -> bool {
    let path = out.path().join(MANIFEST);
    if std::fs::symlink_metadata(&path).is_err() {
        return false;
    }
    let Ok(text) = vanban::data::source::read_text(&path, 64 * 1024 * 1024, "manifest.json") else {
        return true;
    };
    let ours = serde_json::from_str::<serde_json::Value>(&text.nfc)
        .ok()
        .and_then(|v| {
            v.get("generator")?
                .as_str()
                .map(|g| g.starts_with("vanban "))
        })
        .unwrap_or(false);
    !ours
}
