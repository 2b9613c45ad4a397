//! `vanban render` of many files and `vanban merge`: batches in parallel, messages in input
//! order, a summary and a manifest.

use std::path::PathBuf;
use std::process::ExitCode;

use vanban::batch::{self, BatchOptions, Report};
use vanban::merge::{Merge, MergeOptions};
use vanban::template::Templates;

use crate::cli;

/// Render `files` in parallel on `jobs` threads (0: one per core). A batch of more than one
/// file ends with a summary and writes `manifest.json` into the output folder.
pub fn render(
    files: &[PathBuf],
    templates: &Templates,
    opts: &vanban::RenderOptions,
    jobs: usize,
    split: bool,
) -> ExitCode {
    let batch_opts = BatchOptions {
        jobs,
        progress: true,
    };
    let report = batch::render_files(files, templates, opts, batch_opts);
    let code = finish(&report, opts, files.len() > 1);
    // `--split`: the per-unit extracts of each document that rendered (not in the manifest).
    let mut split_ok = true;
    if split {
        for o in report.outcomes.iter().filter(|o| o.result.is_ok()) {
            split_ok &= crate::split(&o.item.input, templates, opts);
        }
    }
    if split_ok { code } else { ExitCode::from(1) }
}

/// `vanban merge`.
pub fn merge(args: &cli::MergeArgs) -> ExitCode {
    let opts = args.common.options();
    let plan = match Merge::new(&MergeOptions {
        template: args.template.clone(),
        table: args.table.clone(),
        sheet: args.sheet.clone(),
        name_column: args.name_column.clone(),
    }) {
        Ok(p) => p,
        Err(diags) => {
            for d in &diags {
                eprintln!("{d}");
            }
            return ExitCode::from(1);
        }
    };
    if plan.is_empty() {
        eprintln!(
            "lỗi: bảng {} không có dòng dữ liệu nào (dòng đầu là tên cột)",
            args.table.display()
        );
        return ExitCode::from(1);
    }
    let templates = match prepare(&args.common, true) {
        Ok(t) => t,
        Err(code) => return code,
    };
    let batch_opts = BatchOptions {
        jobs: args.common.jobs,
        progress: true,
    };
    let report = vanban::merge::render_merge(&plan, &templates, &opts, batch_opts);
    finish(&report, &opts, true)
}

/// Print the messages, and for a batch the summary and the manifest; the exit code.
fn finish(report: &Report, opts: &vanban::RenderOptions, is_batch: bool) -> ExitCode {
    let mut err = std::io::stderr().lock();
    let _ = batch::print_report(report, is_batch, &mut err);
    if is_batch {
        match batch::write_manifest(report, &opts.out_dir) {
            Ok(p) => eprintln!("Danh sách tệp đã tạo và mã SHA-256: {}", p.display()),
            Err(e) => {
                eprintln!(
                    "lỗi: không ghi được {}: {e}",
                    opts.out_dir.join(batch::MANIFEST).display()
                );
                return ExitCode::from(1);
            }
        }
    }
    if report.failed() == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// What `render` and `merge` do before any document: the --templates folder must exist
/// (usage error, 2), the output folder is created when `make_out_dir`, the templates are
/// compiled once.
pub fn prepare(common: &cli::BatchCommon, make_out_dir: bool) -> Result<Templates, ExitCode> {
    if let Some(dir) = &common.templates
        && !dir.is_dir()
    {
        eprintln!("lỗi: thư mục mẫu {} không tồn tại", dir.display());
        return Err(ExitCode::from(2));
    }
    let out = &common.out;
    if make_out_dir
        && !out.is_dir()
        && let Err(e) = std::fs::create_dir_all(out)
    {
        eprintln!("lỗi: không tạo được thư mục {}: {e}", out.display());
        return Err(ExitCode::from(1));
    }
    Templates::new(common.templates.as_deref()).map_err(|e| {
        eprintln!("lỗi: {e}");
        ExitCode::from(1)
    })
}
