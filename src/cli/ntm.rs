//! `vanban ntm`: recognition dossiers of new-rural communes, one folder per commune, and
//! the summary table `tong-hop.csv`.

use std::process::ExitCode;

use vanban::generate::ntm::{self, Dossier};
use vanban::output::OutputDir;
use vanban::output::batch::{self, BatchOptions};
use vanban::pipeline::{self, Resources};

use super::args::NtmArgs;

/// Name of the summary table in the output folder.
const SUMMARY: &str = "tong-hop.csv";

/// Run `vanban ntm`: a commune's bad data never stops the others.
pub fn run(args: &NtmArgs) -> ExitCode {
    let res = match Resources::builtin() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("lỗi: {e}");
            return ExitCode::from(1);
        }
    };
    let out = match OutputDir::create(&args.out) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("lỗi: không tạo được thư mục {}: {e}", args.out.display());
            return ExitCode::from(1);
        }
    };
    let opts = args.pipeline();
    let dossiers = ntm::prepare(&args.options(), &out, opts.formats);
    for n in &dossiers.notes {
        eprintln!("{n}");
    }
    if dossiers.stopped {
        eprintln!("\nBộ tiêu chí có lỗi: không lập hồ sơ nào. Sửa tệp --criteria rồi chạy lại.");
        return ExitCode::from(1);
    }
    let mut failed = dossiers.notes.iter().filter(|d| d.is_error()).count();
    let mut done = 0;
    let mut written = Vec::new();
    for entry in &dossiers.communes {
        match &entry.result {
            Err(errs) => {
                eprintln!("\n{}: dữ liệu có lỗi, không lập hồ sơ:", entry.label);
                for e in errs {
                    eprintln!("{e}");
                }
                failed += 1;
                written.push((entry, Err(String::new())));
            }
            Ok(d) => {
                eprintln!();
                for w in &d.commune.warnings {
                    eprintln!("{w}");
                }
                let result = write_dossier(d, &res, &opts);
                match &result {
                    Ok(files) => {
                        done += 1;
                        let c = &d.commune;
                        eprintln!(
                            "{}: {}, {} — đã tạo {files} tệp trong {}",
                            c.full_name(),
                            c.summary(),
                            if c.eligible() {
                                "đủ điều kiện đề nghị công nhận (tờ trình, báo cáo, biên bản)"
                            } else {
                                "chưa đủ điều kiện: chỉ lập báo cáo kết quả"
                            },
                            d.dir.path().display()
                        );
                    }
                    Err(_) => failed += 1,
                }
                written.push((entry, result));
            }
        }
    }
    let table = out.path().join(SUMMARY);
    // No commune read (a mistyped input): leave a previous summary as it was.
    let summary = if written.is_empty() {
        Ok(None)
    } else {
        ntm::summary_csv(&written).map(Some)
    };
    match summary {
        Ok(None) => {}
        Ok(Some(bytes)) => {
            if let Err(e) = out.write_file(SUMMARY, &bytes) {
                eprintln!("lỗi: không ghi được {}: {e}", table.display());
                failed += 1;
            }
        }
        Err(e) => {
            eprintln!("lỗi nội bộ: bảng tổng hợp: {e}");
            failed += 1;
        }
    }
    let eligible = dossiers
        .communes
        .iter()
        .filter(|e| matches!(&e.result, Ok(d) if d.commune.eligible()))
        .count();
    eprintln!(
        "\nTổng kết: {done} xã đã lập hồ sơ ({eligible} xã đủ điều kiện đề nghị công nhận), {failed} xã hoặc dòng lỗi. Bảng tổng hợp: {}",
        table.display()
    );
    for (entry, result) in &written {
        if let Err(e) = result {
            let e = match &entry.result {
                Err(errs) => errs.first().map(|d| d.message.clone()).unwrap_or_default(),
                Ok(_) => e.clone(),
            };
            eprintln!("  lỗi: {} — {e}", entry.names[0]);
        }
    }
    super::exit(failed > 0)
}

/// Write one commune's documents; the number of files, or the first error.
fn write_dossier(d: &Dossier, res: &Resources, opts: &pipeline::Options) -> Result<usize, String> {
    for p in &d.stale {
        let _ = std::fs::remove_file(p);
    }
    let (items, sources): (Vec<_>, Vec<_>) = d.jobs.iter().cloned().unzip();
    let report = batch::run(
        items,
        BatchOptions {
            jobs: 1,
            progress: false,
        },
        |i| match &sources[i] {
            Ok(s) => pipeline::make(s, res, opts),
            Err(diags) => Err(diags.clone()),
        },
    );
    let mut files = 0;
    for o in &report.outcomes {
        match &o.result {
            Ok(done) => {
                // drafts leave the number blank on purpose; other warnings are shown
                for w in &done.warnings {
                    eprintln!("{w}");
                }
                files += done.outputs.len();
            }
            Err(diags) => {
                eprintln!("{}: không tạo được văn bản:", d.commune.full_name());
                for e in diags {
                    eprintln!("{e}");
                }
                return Err(diags.first().map(|e| e.message.clone()).unwrap_or_default());
            }
        }
    }
    Ok(files)
}
