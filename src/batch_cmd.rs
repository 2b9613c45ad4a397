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
    if let Some(dir) = &args.common.templates
        && !dir.is_dir()
    {
        eprintln!("lỗi: thư mục mẫu {} không tồn tại", dir.display());
        return ExitCode::from(2);
    }
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
    if !opts.out_dir.is_dir()
        && let Err(e) = std::fs::create_dir_all(&opts.out_dir)
    {
        eprintln!(
            "lỗi: không tạo được thư mục {}: {e}",
            opts.out_dir.display()
        );
        return ExitCode::from(1);
    }
    let templates = match Templates::new(args.common.templates.as_deref()) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("lỗi: {e}");
            return ExitCode::from(1);
        }
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
