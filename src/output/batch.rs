//! Batches: many documents made in parallel, with a progress bar, written atomically.
//!
//! Each document is made in memory (by the closure given to [`run`], usually
//! [`crate::pipeline::make`]) on one of `jobs` plain worker threads (not a rayon pool: see
//! the note on `parallel`), hashed (SHA-256) and written atomically. What every document
//! shares is built once: the resources ([`crate::pipeline::Resources`]), the typst engine
//! with the parsed fonts (`export::pdf::Engine`, which evicts typst's memo cache after each
//! document, so memory stays bounded however long the batch). Outcomes are collected and
//! reported in input order, so the messages and the manifest do not depend on which thread
//! finished first; the outputs themselves are byte-identical whatever the number of threads.
//! The batch's files are made durable together when it ends ([`super::sync_batch`]): one
//! sync per batch, not one per file.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use super::report::{Done, Item, Outcome, Report};
use super::{Namer, Naming, OutputDir, write_error};
use crate::diag::Diagnostic;
use crate::pipeline::{self, Made, Resources, Source};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Stack of each worker thread. typst lays out recursively and overflows the 2 MB that
/// threads get by default (the main thread has 8 MB); this is address space, committed only
/// as used.
const WORKER_STACK: usize = 32 * 1024 * 1024;

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
        let item = &items[i];
        let result = make(i).and_then(|made| {
            let outputs = item
                .dir
                .write_document(&item.stem, &made)
                .map_err(|e| vec![write_error(&item.input, item.dir.path(), &e)])?;
            Ok(Done {
                outputs,
                pages: made.pages,
                warnings: made.warnings,
            })
        });
        bar.inc(1);
        result
    };
    let mut results = if jobs > 1 && items.len() > 1 {
        parallel(items.len(), jobs, &one)
    } else {
        (0..items.len()).map(one).collect()
    };
    bar.finish_and_clear();
    // One sync for the whole batch (src/output/mod.rs, `sync_batch`): if it fails, the
    // documents may not survive a crash, and are reported as not written.
    let dirs = items
        .iter()
        .zip(&results)
        .filter(|(_, r)| r.is_ok())
        .map(|(item, _)| item.dir.path());
    if let Err(e) = super::sync_batch(dirs) {
        for (item, r) in items.iter().zip(results.iter_mut()) {
            if r.is_ok() {
                *r = Err(vec![write_error(&item.input, item.dir.path(), &e)]);
            }
        }
    }
    let outcomes = items
        .into_iter()
        .zip(results)
        .map(|(item, result)| Outcome { item, result })
        .collect();
    Report {
        outcomes,
        elapsed: started.elapsed(),
        jobs,
        files: Vec::new(),
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

/// Render many data files into `out` (each as `STEM.pdf` / `STEM.docx`). Two inputs that
/// would write the same output (`a/x.yaml` and `b/x.yaml`) are not both written: the later
/// one is reported.
pub fn render_files(
    files: &[PathBuf],
    res: &Resources,
    opts: &pipeline::Options,
    out: &OutputDir,
    batch: BatchOptions,
) -> Report {
    let mut namer = Namer::new(Naming::InputStem);
    let mut first: HashMap<String, usize> = HashMap::new();
    let mut clash: Vec<Option<Diagnostic>> = Vec::with_capacity(files.len());
    let mut items = Vec::with_capacity(files.len());
    for (i, f) in files.iter().enumerate() {
        let wanted = super::input_stem(f);
        let found = match namer.claim(&wanted) {
            Ok(stem) => {
                first.insert(stem, i);
                None
            }
            Err(stem) => {
                let j = first.get(&stem).copied().unwrap_or(0);
                let p = opts
                    .formats
                    .list()
                    .first()
                    .map(|fmt| out.file(&stem, *fmt))
                    .unwrap_or_else(|| out.path().join(&stem));
                Some(
                    Diagnostic::error(
                        f,
                        format!(
                            "tệp kết quả {} trùng với tệp kết quả của {}",
                            p.display(),
                            files[j].display()
                        ),
                    )
                    .with_hint("đổi tên một trong hai tệp dữ liệu, hoặc tạo chúng vào hai thư mục -o khác nhau"),
                )
            }
        };
        clash.push(found);
        items.push(Item {
            input: f.clone(),
            record: None,
            dir: out.clone(),
            stem: wanted,
        });
    }
    run(items, batch, |i| match &clash[i] {
        Some(d) => Err(vec![d.clone()]),
        None => pipeline::make(&Source::File(files[i].clone()), res, opts),
    })
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
