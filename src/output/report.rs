//! The report of a run: what happened to each document, in input order, and the manifest
//! that lists every file written with its SHA-256.

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::{OutputDir, sha256_hex};
use crate::diag::Diagnostic;

/// Name of the manifest written into the output folder.
pub const MANIFEST: &str = "manifest.json";

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

/// One document of a batch: where it comes from, as the messages and the manifest name it,
/// and where it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// The input file (the data file, or the merge's template document), or the name that
    /// stands for a generated document.
    pub input: PathBuf,
    /// The table row, for a mail merge.
    pub record: Option<Record>,
    /// The output folder.
    pub dir: OutputDir,
    /// The output files' stem (from a [`super::Namer`]).
    pub stem: String,
}

/// One file written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
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
    pub outputs: Vec<Written>,
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
    /// Files written beside the documents (calendars, summary tables), in order.
    pub files: Vec<Written>,
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

impl Written {
    /// The record of `bytes` written at `path`.
    pub fn of(path: PathBuf, format: &str, bytes: &[u8]) -> Written {
        Written {
            path,
            format: format.to_string(),
            bytes: bytes.len() as u64,
            sha256: sha256_hex(bytes),
        }
    }
}

impl Report {
    /// A report of no document yet.
    pub fn empty(jobs: usize) -> Report {
        Report {
            outcomes: Vec::new(),
            elapsed: Duration::ZERO,
            jobs,
            files: Vec::new(),
        }
    }

    /// Add the outcomes and files of `other` after this report's.
    pub fn append(&mut self, other: Report) {
        self.outcomes.extend(other.outcomes);
        self.files.extend(other.files);
        self.elapsed += other.elapsed;
        self.jobs = self.jobs.max(other.jobs);
    }
}

/// The manifest of a report as JSON text: for every output its input (and table row), path
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

/// Write `manifest.json` into `out` atomically.
pub fn write_manifest(report: &Report, out: &OutputDir) -> std::io::Result<PathBuf> {
    let w = out.write_file(MANIFEST, manifest_json(report, out.path()).as_bytes())?;
    Ok(w.path)
}
