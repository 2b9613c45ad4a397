//! Batches: many documents rendered in parallel, with a progress bar, a summary and a
//! manifest.
//!
//! Each document is made in memory ([`render::make_file`], [`render::make_source`]) on one of
//! `jobs` plain worker threads (not a rayon pool: see the note on `parallel`), hashed
//! (SHA-256) and written atomically. What every document shares is built once: the
//! templates ([`Templates`]), the typst engine with the parsed fonts (`export::pdf::Engine`,
//! which evicts typst's memo cache after each document, so memory stays bounded however long
//! the batch). Outcomes are collected and reported in input order, so the messages and the
//! manifest do not depend on which thread finished first; the outputs themselves are
//! byte-identical whatever the number of threads.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use sha2::{Digest, Sha256};

use crate::diag::Diagnostic;
use crate::render::{self, Made, RenderOptions};
use crate::template::Templates;

/// Name of the manifest written into the output folder.
pub const MANIFEST: &str = "manifest.json";

/// Stack of each worker thread. typst lays out recursively and overflows the 2 MB that
/// threads get by default (the main thread has 8 MB); this is address space, committed only
/// as used.
const WORKER_STACK: usize = 32 * 1024 * 1024;

/// Above this many documents the summary lists no "đã tạo" line per file (the manifest
/// lists them all).
const LIST_LIMIT: usize = 100;

/// Where a document of a mail merge came from: one row of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The table file.
    pub table: PathBuf,
    /// The sheet's name (workbooks).
    pub sheet: Option<String>,
    /// The row's number as the spreadsheet shows it.
    pub row: usize,
}

/// One document of a batch, as the messages and the manifest name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// The input file (the data file, or the merge's template document).
    pub input: PathBuf,
    /// The table row, for a mail merge.
    pub record: Option<Record>,
}

/// One file written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// Where it was written.
    pub path: PathBuf,
    /// `pdf` or `docx`.
    pub format: String,
    /// Size in bytes.
    pub bytes: u64,
    /// SHA-256 of the content, lowercase hex.
    pub sha256: String,
}

/// A document that was made.
#[derive(Debug, Clone)]
pub struct Done {
    /// The files written.
    pub outputs: Vec<Output>,
    /// Pages of the laid-out document (known when a PDF was made).
    pub pages: Option<usize>,
    /// Warnings about it.
    pub warnings: Vec<Diagnostic>,
}

/// What happened to one document.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The document.
    pub item: Item,
    /// Made, or why not.
    pub result: Result<Done, Vec<Diagnostic>>,
}

/// A whole batch, in input order.
#[derive(Debug, Clone)]
pub struct Report {
    /// One outcome per document, in input order.
    pub outcomes: Vec<Outcome>,
    /// Wall time of the batch.
    pub elapsed: Duration,
    /// Threads used.
    pub jobs: usize,
}

impl Report {
    /// Documents made.
    pub fn done(&self) -> usize {
        self.outcomes.iter().filter(|o| o.result.is_ok()).count()
    }

    /// Documents that failed.
    pub fn failed(&self) -> usize {
        self.outcomes.len() - self.done()
    }

    /// Pages of all PDF outputs.
    pub fn pages(&self) -> usize {
        self.outcomes
            .iter()
            .filter_map(|o| o.result.as_ref().ok().and_then(|d| d.pages))
            .sum()
    }
}

/// How to run a batch.
#[derive(Debug, Clone, Copy)]
pub struct BatchOptions {
    /// Threads; 0 means one per core.
    pub jobs: usize,
    /// Show a progress bar (only ever drawn when standard error is a terminal).
    pub progress: bool,
}

impl BatchOptions {
    /// The number of threads `jobs` stands for.
    pub fn threads(&self) -> usize {
        if self.jobs > 0 {
            self.jobs
        } else {
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1)
        }
    }
}

/// Make `items.len()` documents with `make(i)` on `batch.threads()` worker threads, write each one's
/// outputs atomically and return the outcomes in input order. A document that fails does
/// not stop the others.
pub fn run<F>(items: Vec<Item>, batch: BatchOptions, make: F) -> Report
where
    F: Fn(usize) -> Result<Made, Vec<Diagnostic>> + Sync,
{
    let started = Instant::now();
    let jobs = batch.threads();
    let bar = progress_bar(items.len(), batch.progress);
    let one = |i: usize| -> Result<Done, Vec<Diagnostic>> {
        let result = make(i).and_then(|made| write(&items[i].input, made));
        bar.inc(1);
        result
    };
    let results = if jobs > 1 && items.len() > 1 {
        parallel(items.len(), jobs, &one)
    } else {
        (0..items.len()).map(one).collect()
    };
    bar.finish_and_clear();
    let outcomes = items
        .into_iter()
        .zip(results)
        .map(|(item, result)| Outcome { item, result })
        .collect();
    Report {
        outcomes,
        elapsed: started.elapsed(),
        jobs,
    }
}

/// Run `one(i)` for every index on `jobs` worker threads that each take the next index
/// when done, and return the results in index order.
///
/// The workers are plain threads, not a rayon pool: typst uses rayon inside a document, and
/// a rayon worker waiting on that inner work steals the next *document* onto the same stack.
/// Measured on 1,000 documents: stack overflow in a worker, and memory growing with the
/// number of documents nested in flight (800 MB for 2,100 documents). Here each worker holds
/// one document at a time; typst's own parallel work goes to rayon's global pool.
fn parallel<T, F>(count: usize, jobs: usize, one: &F) -> Vec<T>
where
    T: Send,
    F: Fn(usize) -> T + Sync,
{
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, T)> = Vec::with_capacity(count);
    let spawned = std::thread::scope(|scope| {
        let mut handles = Vec::new();
        for _ in 0..jobs.min(count) {
            let worker = || {
                let mut mine = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= count {
                        break;
                    }
                    mine.push((i, one(i)));
                }
                mine
            };
            match std::thread::Builder::new()
                .stack_size(WORKER_STACK)
                .spawn_scoped(scope, worker)
            {
                Ok(h) => handles.push(h),
                Err(_) => break,
            }
        }
        let spawned = !handles.is_empty();
        for h in handles {
            match h.join() {
                Ok(mine) => done.extend(mine),
                // A worker that panicked is a bug; its panic is re-raised below with the
                // others' results lost, as a sequential run would.
                Err(p) => std::panic::resume_unwind(p),
            }
        }
        spawned
    });
    // No thread could be started: run what is left here.
    if !spawned {
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            if i >= count {
                break;
            }
            done.push((i, one(i)));
        }
    }
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

/// Render many data files into `opts.out_dir`. Two inputs that would write the same output
/// (`a/x.yaml` and `b/x.yaml`) are not both written: the later one is reported.
pub fn render_files(
    files: &[PathBuf],
    templates: &Templates,
    opts: &RenderOptions,
    batch: BatchOptions,
) -> Report {
    let mut first: HashMap<PathBuf, usize> = HashMap::new();
    let mut clash: Vec<Option<Diagnostic>> = Vec::with_capacity(files.len());
    for (i, f) in files.iter().enumerate() {
        let mut found = None;
        for p in render::output_paths(f, opts) {
            match first.get(&p) {
                Some(&j) if j != i => {
                    found = Some(
                        Diagnostic::error(
                            f,
                            format!(
                                "tệp kết quả {} trùng với tệp kết quả của {}",
                                p.display(),
                                files[j].display()
                            ),
                        )
                        .with_hint("đổi tên một trong hai tệp dữ liệu, hoặc tạo chúng vào hai thư mục -o khác nhau"),
                    );
                }
                _ => {
                    first.insert(p, i);
                }
            }
        }
        clash.push(found);
    }
    let items = files
        .iter()
        .map(|f| Item {
            input: f.clone(),
            record: None,
        })
        .collect();
    run(items, batch, |i| match &clash[i] {
        Some(d) => Err(vec![d.clone()]),
        None => render::make_file(&files[i], templates, opts),
    })
}

/// Hash and write one document's outputs.
fn write(input: &Path, made: Made) -> Result<Done, Vec<Diagnostic>> {
    let mut outputs = Vec::new();
    for (path, bytes) in made.files {
        render::write_atomic(&path, &bytes)
            .map_err(|e| vec![render::write_error(input, &path, &e)])?;
        outputs.push(Output {
            format: path
                .extension()
                .map(|e| e.to_string_lossy().into_owned())
                .unwrap_or_default(),
            bytes: bytes.len() as u64,
            sha256: sha256_hex(&bytes),
            path,
        });
    }
    Ok(Done {
        outputs,
        pages: made.pages,
        warnings: made.warnings,
    })
}

/// SHA-256 of `bytes`, lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn progress_bar(len: usize, wanted: bool) -> ProgressBar {
    if !wanted || len < 2 || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("{wide_bar} {pos}/{len} văn bản, còn khoảng {eta}")
    {
        bar.set_style(style);
    }
    bar
}

/// Print the messages of a batch in input order, then (when `with_summary`) the summary and
/// the failed inputs, to `out`.
pub fn print_report(
    report: &Report,
    with_summary: bool,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
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
    if !with_summary {
        return Ok(());
    }
    writeln!(out, "\n{}", summary(report))?;
    for o in report.outcomes.iter().filter(|o| o.result.is_err()) {
        match &o.item.record {
            Some(r) => writeln!(
                out,
                "  lỗi: {}, {}",
                r.table.display(),
                row_place(r.sheet.as_deref(), r.row)
            )?,
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

fn row_place(sheet: Option<&str>, row: usize) -> String {
    match sheet {
        Some(s) => format!("trang `{s}`, dòng {row}"),
        None => format!("dòng {row}"),
    }
}

/// The manifest of a batch as JSON text: for every output its input (and table row), path
/// (relative to `out_dir` when inside it), format, pages, size and SHA-256, then the failed
/// inputs. Contains no time or other varying value: the same batch gives the same bytes.
pub fn manifest_json(report: &Report, out_dir: &Path) -> String {
    use serde_json::{Value, json};
    let rel = |p: &Path| -> String {
        p.strip_prefix(out_dir)
            .unwrap_or(p)
            .to_string_lossy()
            .replace('\\', "/")
    };
    let record = |r: &Option<Record>| -> Value {
        match r {
            Some(r) => json!({
                "table": r.table.to_string_lossy(),
                "sheet": r.sheet,
                "row": r.row,
            }),
            None => Value::Null,
        }
    };
    let mut outputs = Vec::new();
    let mut failures = Vec::new();
    for o in &report.outcomes {
        match &o.result {
            Ok(done) => {
                for out in &done.outputs {
                    outputs.push(json!({
                        "input": o.item.input.to_string_lossy(),
                        "record": record(&o.item.record),
                        "output": rel(&out.path),
                        "format": out.format,
                        "pages": done.pages,
                        "bytes": out.bytes,
                        "sha256": out.sha256,
                    }));
                }
            }
            Err(diags) => failures.push(json!({
                "input": o.item.input.to_string_lossy(),
                "record": record(&o.item.record),
                "errors": diags
                    .iter()
                    .filter(|d| d.is_error())
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>(),
            })),
        }
    }
    let doc = json!({
        "generator": format!("vanban {}", env!("CARGO_PKG_VERSION")),
        "documents": report.done(),
        "failed": report.failed(),
        "pages": report.pages(),
        "outputs": outputs,
        "failures": failures,
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "{}".into());
    text.push('\n');
    text
}

/// Write `out_dir/manifest.json` atomically.
pub fn write_manifest(report: &Report, out_dir: &Path) -> std::io::Result<PathBuf> {
    let path = out_dir.join(MANIFEST);
    render::write_atomic(&path, manifest_json(report, out_dir).as_bytes())?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::sha256_hex;

    #[test]
    fn sha256_of_known_input() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
