//! `vanban render`: documents from data files, in parallel; `--emit` prints a stage instead;
//! `--split` adds each document's per-unit extracts and calendars.

use std::process::ExitCode;

use vanban::data::Stage;
use vanban::generate::split;
use vanban::output::batch::{self, BatchOptions};
use vanban::output::report::{Outcome, Report};
use vanban::output::{OutputDir, write_error};
use vanban::pipeline::{self, Options, Resources, Source};

use super::args::{EmitArg, RenderArgs};
use super::report;

/// Run `vanban render`.
pub fn run(args: &RenderArgs) -> ExitCode {
    let (res, out) = match super::prepare(&args.common, args.emit.is_none()) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let opts = args.common.options();
    if let Some(stage) = args.emit {
        return emit(args, stage, &res, opts.stage);
    }
    let report = batch::render_files(&args.files, &res, &opts, &out, args.common.batch());
    let mut ok = report::finish(&report, &out, args.files.len() > 1);
    // `--split`: the per-unit extracts of each document that rendered (not in the manifest).
    if args.split {
        for o in report.outcomes.iter().filter(|o| o.result.is_ok()) {
            ok &= split_one(&o.item.input, &res, &opts, &out, args.common.batch());
        }
    }
    super::exit(!ok)
}

/// `--emit`: print the markup or the tree of each file instead of writing files.
fn emit(args: &RenderArgs, what: EmitArg, res: &Resources, stage: Stage) -> ExitCode {
    let mut failed = false;
    for file in &args.files {
        match pipeline::build_tree(&Source::File(file.clone()), res, stage) {
            Ok((markup, tree)) => match what {
                EmitArg::Markup => print!("{markup}"),
                EmitArg::Tree => match serde_json::to_string_pretty(&tree) {
                    Ok(s) => println!("{s}"),
                    Err(e) => {
                        eprintln!("lỗi nội bộ: {e}");
                        failed = true;
                    }
                },
            },
            Err(diags) => {
                for d in &diags {
                    eprintln!("{d}");
                }
                failed = true;
            }
        }
    }
    super::exit(failed)
}

/// The extracts and calendars of one document. False if any failed (the others are
/// written).
fn split_one(
    input: &std::path::Path,
    res: &Resources,
    opts: &Options,
    out: &OutputDir,
    batch_opts: BatchOptions,
) -> bool {
    let plan = pipeline::load(&Source::File(input.to_path_buf()), res, opts.stage)
        .and_then(|loaded| split::extracts(input, &loaded.doc, out));
    let plan = match plan {
        Ok(p) => p,
        Err(diags) => {
            for d in &diags {
                eprintln!("{d}");
            }
            return false;
        }
    };
    // Extracts are drafts: each is numbered when it is issued.
    let sub = Options {
        stage: Stage::Draft,
        ..*opts
    };
    let (items, sources): (Vec<_>, Vec<_>) = plan.jobs.into_iter().unzip();
    let mut report: Report = batch::run(items, batch_opts, |i| match &sources[i] {
        Ok(source) => pipeline::make(source, res, &sub),
        Err(diags) => Err(diags.clone()),
    });
    let mut ok = true;
    for (dir, name, text) in &plan.calendars {
        match dir.write_file(name, text.as_bytes()) {
            Ok(w) => report.files.push(w),
            Err(e) => {
                let path = dir.path().join(name);
                report.outcomes.push(Outcome {
                    item: vanban::output::report::Item {
                        input: input.to_path_buf(),
                        record: None,
                        dir: dir.clone(),
                        stem: name.clone(),
                    },
                    result: Err(vec![write_error(input, &path, &e)]),
                });
                ok = false;
            }
        }
    }
    ok &= report::finish(&report, out, false);
    ok
}
