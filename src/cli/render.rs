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
    let mut report = batch::render_files(&args.files, &res, &opts, &out, args.common.batch());
    // `--split`: the per-unit extracts of each document that rendered, made before anything
    // is printed, so that the summary counts them (a document whose extracts fail is an
    // error of the run) and no message comes after it.
    if args.split {
        let inputs: Vec<std::path::PathBuf> = report
            .outcomes
            .iter()
            .filter(|o| o.result.is_ok())
            .map(|o| o.item.input.clone())
            .collect();
        for input in &inputs {
            report.append(split_one(input, &res, &opts, &out, args.common.batch()));
        }
    }
    let ok = report::finish(&report, &out, args.files.len() > 1);
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

/// The extracts and calendars of one document, as a report: one outcome per extract, or
/// one failed outcome for the document when its extracts cannot be planned.
fn split_one(
    input: &std::path::Path,
    res: &Resources,
    opts: &Options,
    out: &OutputDir,
    batch_opts: BatchOptions,
) -> Report {
    let failed = |dir: &OutputDir, stem: String, diags: Vec<vanban::diag::Diagnostic>| Outcome {
        item: vanban::output::report::Item {
            input: input.to_path_buf(),
            record: None,
            dir: dir.clone(),
            stem,
        },
        result: Err(diags),
    };
    let plan = pipeline::load(&Source::File(input.to_path_buf()), res, opts.stage)
        .and_then(|loaded| split::extracts(input, &loaded.doc, out));
    let plan = match plan {
        Ok(p) => p,
        Err(diags) => {
            let mut report = Report::empty(1);
            let stem = input
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            report.outcomes.push(failed(out, stem, diags));
            return report;
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
    for (dir, name, text) in &plan.calendars {
        match dir.write_file(name, text.as_bytes()) {
            Ok(w) => report.files.push(w),
            Err(e) => {
                let path = dir.path().join(name);
                report.outcomes.push(failed(
                    dir,
                    name.clone(),
                    vec![write_error(input, &path, &e)],
                ));
            }
        }
    }
    report
}
