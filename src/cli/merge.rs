//! `vanban merge`: one document per row of a table, in parallel, with a manifest.

use std::process::ExitCode;

use vanban::generate::merge::{Merge, MergeOptions};
use vanban::output::batch;
use vanban::pipeline;

use super::args::MergeArgs;
use super::report;

/// Run `vanban merge`.
pub fn run(args: &MergeArgs) -> ExitCode {
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
    let (res, out) = match super::prepare(&args.common, true) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let opts = args.common.options();
    let report = batch::run(plan.items(&out), args.common.batch(), |i| {
        plan.make(
            i,
            |source| pipeline::make(source, &res, &opts),
            |made| &mut made.warnings,
        )
    });
    super::exit(!report::finish(&report, &out, true))
}
