//! The pipeline benchmark (issue 7): per-document time cold and warm, batch throughput on one
//! thread and on all cores, peak memory, typst's own floor and LibreOffice's conversion, in
//! one run, ending with a table ready to paste into docs/PERFORMANCE.md.
//!
//! Run (the `bench` profile, which inherits `release`: the build users run; see
//! docs/PERFORMANCE.md):
//!
//! ```text
//! cargo bench --bench pipeline                 # 1,000 documents
//! cargo bench --bench pipeline -- --large      # and a 10,000-document batch
//! cargo bench --bench pipeline -- --docs 200   # a quicker run
//! cargo bench --profile dev --bench pipeline   # the tests' build (no release build needed)
//! ```
//!
//! The documents are the công văn of samples/merge/cong-van-xa.yaml (two pages) filled from
//! generated records with different data each (commune, numbers, texts of varying length).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use typst::foundations::Bytes;
use typst::syntax::Source;
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt};
use typst_layout::PagedDocument;
use vanban::export::Formats;
use vanban::generate::merge::{Merge, MergeOptions};
use vanban::output::OutputDir;
use vanban::pipeline::{self, Options, Resources as Templates};

#[path = "support/records.rs"]
mod records;
use records::{floor_json, records, write_csv};

// serve branch (issues 14, 17): preview latency, measured in benches/support/preview.rs.
#[path = "support/preview.rs"]
mod preview;

const BIN: &str = env!("CARGO_BIN_EXE_vanban");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const FLOOR_TYP: &str = include_str!("cong-van.typ");

#[path = "support/world.rs"]
mod world;
/// typst alone: the hand-written .typ, one fixed data file, evicting as vanban does.
use world::{BenchWorld as Floor, id};

impl Floor {
    fn new() -> Floor {
        let fonts: Vec<Font> = vanban::fonts::FACES
            .iter()
            .flat_map(|b| Font::iter(Bytes::new(*b)))
            .collect();
        Floor {
            library: LazyHash::new(Library::builder().build()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            sources: vec![Source::new(id("/main.typ"), FLOOR_TYP.to_string())],
            data_id: id("/data.json"),
            data: Bytes::new(Vec::new()),
            fonts,
        }
    }

    /// Compile and export one record; returns the number of pages.
    fn pdf(&mut self, json: Vec<u8>) -> usize {
        let (pages, bytes) = self.export(json);
        std::hint::black_box(bytes);
        pages
    }

    /// Compile and export one record: its number of pages and the PDF.
    fn export(&mut self, json: Vec<u8>) -> (usize, Vec<u8>) {
        self.data = Bytes::new(json);
        let doc = typst::compile::<PagedDocument>(self)
            .output
            .expect("the floor .typ compiles");
        comemo::evict(10);
        let opts = typst_pdf::PdfOptions {
            ident: typst::foundations::Smart::Custom("bench".into()),
            timestamp: None,
            ..Default::default()
        };
        let bytes = typst_pdf::pdf(&doc, &opts).expect("pdf");
        (doc.pages().len(), bytes)
    }
}

/// Run a child to completion; wall time and peak resident memory (VmHWM, polled every 5 ms:
/// it is a high-water mark, so the last reading before exit is the peak).
fn measure(cmd: &mut Command) -> (Duration, u64, bool) {
    let start = Instant::now();
    let mut child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the child starts");
    let mut peak_kb = 0;
    let ok = loop {
        peak_kb = peak_kb.max(tree_hwm(child.id()));
        match child.try_wait() {
            Ok(Some(st)) => break st.success(),
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(_) => break false,
        }
    };
    (start.elapsed(), peak_kb, ok)
}

/// VmHWM of a process plus its descendants (soffice is a script that starts soffice.bin).
fn tree_hwm(pid: u32) -> u64 {
    let own = std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        })
        .unwrap_or(0);
    // Children of every thread (oosplash starts soffice.bin from a second thread).
    let children: String = std::fs::read_dir(format!("/proc/{pid}/task"))
        .map(|tasks| {
            tasks
                .filter_map(Result::ok)
                .filter_map(|t| std::fs::read_to_string(t.path().join("children")).ok())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default();
    own + children
        .split_whitespace()
        .filter_map(|c| c.parse::<u32>().ok())
        .map(tree_hwm)
        .sum::<u64>()
}

/// Run a child to completion: its wall time (to the microsecond: no polling) and whether it
/// succeeded.
fn cold_run(cmd: &mut Command) -> (Duration, bool) {
    let start = Instant::now();
    let ok = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    (start.elapsed(), ok)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// The preview-latency row: `vanban serve`'s preview of the 9-page sample over 200 edits.
fn preview_row(templates: &Templates) -> String {
    let text =
        std::fs::read_to_string(PathBuf::from(ROOT).join("samples/cong-van-ubnd-ha-tinh.yaml"))
            .expect("sample");
    let anchors = [
        "tập trung thực hiện mục tiêu xây dựng tỉnh",
        "Đây là nhiệm vụ chính trị trọng tâm",
        "Giao Sở Nông nghiệp và PTNT chủ trì",
        "Nguyễn Hồng Lĩnh",
    ];
    let f = preview::run(templates, &text, &anchors, 200);
    format!(
        "| `vanban serve` preview, {}-page document, {} edits: p50 / p95 (first preview {:.0} ms); pages re-sent per edit: mean {:.2}, max {} | {:.0} / {:.0} ms | p95 < 100 ms | {} |",
        f.pages,
        f.edits,
        ms(f.cold),
        f.sent_mean,
        f.sent_max,
        ms(f.p50),
        ms(f.p95),
        if f.p95 < Duration::from_millis(100) {
            "yes"
        } else {
            "**no**"
        }
    )
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn sh(cmd: &str, args: &[&str]) -> String {
    Command::new(cmd)
        .args(args)
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default()
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("model name"))
                .map(|v| v.trim_start_matches([' ', '\t', ':']).to_string())
        })
        .unwrap_or_default();
    let ram = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("MemTotal:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        })
        .unwrap_or(0);
    format!(
        "{} cores ({}), {:.1} GB RAM",
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1),
        cpu,
        ram as f64 / 1024.0 / 1024.0
    )
}

fn merge_cmd(template: &Path, csv: &Path, out: &Path, jobs: usize) -> Command {
    let mut c = Command::new(BIN);
    c.arg("merge")
        .arg(template)
        .arg(csv)
        .arg("-o")
        .arg(out)
        .args(["--name-column", "Tên tệp", "-j", &jobs.to_string()]);
    c
}

fn manifest_pages(dir: &Path) -> (u64, u64) {
    let m: serde_json::Value = std::fs::read(dir.join("manifest.json"))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default();
    (
        m["documents"].as_u64().unwrap_or(0),
        m["pages"].as_u64().unwrap_or(0),
    )
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    // The cold floor's child: typst alone in a new process, one document (the hand-written
    // file over the first record), its PDF written to the path given.
    if let Some(out) = args
        .iter()
        .position(|a| a == "--floor-once")
        .and_then(|i| args.get(i + 1))
    {
        let rec = records(1);
        let (_, bytes) = Floor::new().export(floor_json(&rec[0]));
        std::fs::write(out, bytes).expect("write the floor's PDF");
        return;
    }
    let large = args.iter().any(|a| a == "--large");
    let docs: usize = args
        .iter()
        .position(|a| a == "--docs")
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let warm_n = docs.clamp(20, 200);
    let lo_n = docs.min(50);
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);

    let tmp = tempfile::tempdir().expect("temp dir");
    let t = tmp.path();
    let template = PathBuf::from(ROOT).join("samples/merge/cong-van-xa.yaml");
    let recs = records(docs);
    let csv = t.join("records.csv");
    write_csv(&csv, &recs);
    let load_before = sh("uptime", &[]);
    eprintln!("vanban pipeline bench: {docs} documents, {}", machine());
    eprintln!("load before: {load_before}");

    // The records filled into the template, in process (also used for the cold runs).
    let plan = Merge::new(&MergeOptions {
        template: template.clone(),
        table: csv.clone(),
        sheet: None,
        name_column: Some("Tên tệp".into()),
    })
    .expect("the merge template reads");
    let texts: Vec<String> = (0..warm_n.max(1))
        .map(|i| {
            let tree = plan.filled(i).expect("record fills");
            serde_saphyr::to_string(&tree).expect("record as YAML")
        })
        .collect();
    let one = t.join("cong-van.yaml");
    std::fs::write(&one, &texts[0]).expect("write one document");

    // 1. Cold: a new process for one document, PDF, DOCX and both, and the cold floor:
    // typst alone (this bench's own binary, which links typst as vanban does) in a new
    // process for one document: start, fonts, library, layout, PDF, written. The four are
    // run in turn, 21 times each after one warm-up round, so that they see the same load
    // (this machine's speed moves by a third from one minute to the next); medians.
    const COLD_RUNS: usize = 21;
    let formats = ["pdf", "docx", "both"];
    let me = std::env::current_exe().expect("the bench's own path");
    let mut times: Vec<Vec<Duration>> = vec![Vec::new(); formats.len() + 1];
    for run in 0..=COLD_RUNS {
        for (i, format) in formats.iter().enumerate() {
            let (d, ok) = cold_run(
                Command::new(BIN)
                    .arg("render")
                    .arg(&one)
                    .arg("-o")
                    .arg(t.join(format!("cold-{format}")))
                    .args(["--format", format]),
            );
            assert!(ok, "vanban render failed");
            if run > 0 {
                times[i].push(d);
            }
        }
        let floor_out = t.join("floor-once.pdf");
        let (d, ok) = cold_run(Command::new(&me).arg("--floor-once").arg(&floor_out));
        assert!(ok, "the cold floor failed");
        if run > 0 {
            times[formats.len()].push(d);
        }
    }
    let mut medians = times.into_iter().map(median);
    let cold: Vec<(&str, Duration)> = formats
        .iter()
        .map(|f| (*f, medians.next().expect("one per format")))
        .collect();
    let cold_floor = medians.next().expect("the floor's");
    for (format, d) in &cold {
        eprintln!("cold {format}: {:.1} ms", ms(*d));
    }
    eprintln!("cold floor (typst alone, PDF): {:.1} ms", ms(cold_floor));

    // `-- --cold`: only the cold runs above (a quick look at start-up).
    if args.iter().any(|a| a == "--cold") {
        for (format, d) in &cold {
            println!("cold {format}: {:.1} ms", ms(*d));
        }
        println!("cold floor (typst alone, PDF): {:.1} ms", ms(cold_floor));
        return;
    }

    // 2. Warm, in process, one thread: PDF and DOCX separately.
    let templates = Templates::builtin().expect("templates");
    // `-- --preview`: only the preview latency (quick; e.g. on the tests' build with
    // `cargo bench --profile dev --bench pipeline -- --preview`).
    if args.iter().any(|a| a == "--preview") {
        eprintln!("vanban pipeline bench, preview only: {}", machine());
        println!("{}", preview_row(&templates));
        return;
    }
    let opts = |formats| Options {
        formats,
        ..Options::default()
    };
    let name = template.clone();
    let mut warm = Vec::new();
    let mut pages_warm = 0;
    let source = |text: &String| pipeline::Source::Text {
        name: name.clone(),
        text: text.clone(),
    };
    for (label, format) in [("pdf", Formats::Pdf), ("docx", Formats::Docx)] {
        let o = opts(format);
        for text in texts.iter().take(5) {
            pipeline::make(&source(text), &templates, &o).expect("renders");
        }
        let start = Instant::now();
        for text in &texts {
            let made = pipeline::make(&source(text), &templates, &o).expect("renders");
            pages_warm = made.pages.unwrap_or(pages_warm);
            std::hint::black_box(made);
        }
        let per = start.elapsed() / texts.len() as u32;
        eprintln!("warm {label}: {:.1} ms per document", ms(per));
        warm.push((label, per));
    }

    // Where the PDF time goes, per document: reading + checks + template + tree, then
    // typst with vanban's program (written per document, then laid out and exported), then
    // the DOCX writer.
    let mut trees = Vec::with_capacity(texts.len());
    let (front, docx_only) = {
        let cat = templates.catalogue();
        let (mut f, mut d) = (Duration::ZERO, Duration::ZERO);
        for text in &texts {
            let t0 = Instant::now();
            let checked = vanban::data::parse_str(
                &name,
                vanban::data::Format::Yaml,
                text,
                vanban::data::Stage::Draft,
                cat,
            )
            .expect("parses");
            std::hint::black_box(vanban::rules::lint(&name, &checked, text, true, cat));
            let markup = templates.templates().fill(&checked).expect("fills");
            let tree = vanban::doc::build_with(&markup, templates.profiles()).expect("builds");
            let t1 = Instant::now();
            std::hint::black_box(vanban::export::docx::export(&tree).expect("docx"));
            f += t1 - t0;
            d += t1.elapsed();
            trees.push(tree);
        }
        let n = texts.len() as u32;
        (f / n, d / n)
    };
    // typst with vanban's program and typst alone on the hand-written file, each over all the
    // records in a loop of its own (as a batch runs), twice in turn (ours, the floor, ours,
    // the floor) so that both see about the same load; their ratio is a target of issue 17.
    // (Record by record in turn, each program's run of documents is broken up and the
    // caches typst keeps across documents serve neither: both slow down, ours more.)
    let mut floor = Floor::new();
    for (tree, r) in trees.iter().zip(&recs).take(5) {
        std::hint::black_box(
            vanban::export::pdf::export(tree, vanban::export::pdf::Standard::Plain).expect("pdf"),
        );
        floor.pdf(floor_json(r));
    }
    let mut floor_pages = 0;
    let (typst_ours, floor_per) = {
        let (mut p, mut fl) = (Duration::ZERO, Duration::ZERO);
        for _round in 0..2 {
            let t0 = Instant::now();
            for tree in &trees {
                std::hint::black_box(
                    vanban::export::pdf::export(tree, vanban::export::pdf::Standard::Plain)
                        .expect("pdf"),
                );
            }
            let t1 = Instant::now();
            for r in recs.iter().take(trees.len()) {
                floor_pages = floor.pdf(floor_json(r));
            }
            p += t1 - t0;
            fl += t1.elapsed();
        }
        let n = 2 * trees.len().min(recs.len()) as u32;
        (p / n, fl / n)
    };
    eprintln!(
        "breakdown: front end {:.1} ms, typst (our program) {:.1} ms, docx writer {:.1} ms",
        ms(front),
        ms(typst_ours),
        ms(docx_only)
    );

    // Writing: the same documents' PDF + DOCX written one `fsync` per file (`write_atomic`,
    // as batches did before issue 17) and as a batch writes them now (`write_document`,
    // one `sync_batch` at the end).
    let (write_each, write_batch) = {
        let o = opts(Formats::Both);
        let made: Vec<_> = texts
            .iter()
            .map(|text| pipeline::make(&source(text), &templates, &o).expect("renders"))
            .collect();
        let each = t.join("write-each");
        std::fs::create_dir_all(&each).expect("folder");
        let start = Instant::now();
        for (i, m) in made.iter().enumerate() {
            for (format, bytes) in &m.files {
                let path = each.join(format!("d{i}.{}", format.extension()));
                vanban::output::write_atomic(&path, bytes).expect("write");
            }
        }
        let per_each = start.elapsed() / made.len() as u32;
        let dir = OutputDir::create(&t.join("write-batch")).expect("folder");
        let start = Instant::now();
        for (i, m) in made.iter().enumerate() {
            dir.write_document(&format!("d{i}"), m).expect("write");
        }
        vanban::output::sync_batch([dir.path()]).expect("sync");
        (per_each, start.elapsed() / made.len() as u32)
    };
    eprintln!(
        "writing PDF + DOCX: {:.2} ms per document with an fsync per file, {:.2} ms with one sync per batch",
        ms(write_each),
        ms(write_batch)
    );

    // 3. The floor: typst compiling the hand-written .typ, same fonts, one thread (measured
    // above, record by record beside vanban's program).
    eprintln!(
        "typst floor: {:.1} ms per document ({floor_pages} pages)",
        ms(floor_per)
    );

    // 4. Throughput: the whole batch through the CLI, PDF + DOCX, 1 thread and all cores.
    let mut batches = Vec::new();
    for jobs in [1, cores] {
        let out = t.join(format!("batch-{jobs}"));
        let (d, kb, ok) = measure(&mut merge_cmd(&template, &csv, &out, jobs));
        let (n, pages) = manifest_pages(&out);
        eprintln!(
            "batch {docs} docs, {jobs} thread(s): {:.1} s, {} docs ok, {pages} pages, peak {} MB{}",
            d.as_secs_f64(),
            n,
            kb / 1024,
            if ok { "" } else { " (FAILED)" }
        );
        batches.push((jobs, d, kb, n, pages));
    }
    // Two runs of the same batch give the same bytes.
    let identical = {
        let a = std::fs::read(t.join("batch-1").join("manifest.json")).unwrap_or_default();
        let b = std::fs::read(t.join(format!("batch-{cores}")).join("manifest.json"))
            .unwrap_or_default();
        !a.is_empty() && a == b
    };

    // 5. LibreOffice: the same documents as DOCX, converted in one call.
    let lo = {
        let docx_dir = t.join("batch-1");
        let files: Vec<PathBuf> = (1..=lo_n)
            .map(|i| docx_dir.join(format!("cv-{i:05}.docx")))
            .collect();
        let profile = format!("-env:UserInstallation=file://{}/lo-profile", t.display());
        let warmup = Command::new("soffice")
            .args([
                profile.as_str(),
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
            ])
            .arg(t.join("lo-warmup"))
            .arg(&files[0])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        if warmup.is_ok_and(|s| s.success()) {
            let out = t.join("lo-out");
            let (d, kb, ok) = measure(
                Command::new("soffice")
                    .args([
                        profile.as_str(),
                        "--headless",
                        "--convert-to",
                        "pdf",
                        "--outdir",
                    ])
                    .arg(&out)
                    .args(&files),
            );
            let made = std::fs::read_dir(&out).map(|r| r.count()).unwrap_or(0);
            eprintln!(
                "LibreOffice: {lo_n} DOCX -> PDF in one call: {:.1} s ({made} PDFs, peak {} MB)",
                d.as_secs_f64(),
                kb / 1024
            );
            (ok && made == lo_n).then_some((d / lo_n as u32, kb))
        } else {
            eprintln!("LibreOffice: soffice not found, skipped");
            None
        }
    };

    // 6. Optional: 10,000 documents, memory must stay bounded.
    let big = if large {
        let n = 10_000;
        let csv10 = t.join("records-10000.csv");
        write_csv(&csv10, &records(n));
        let out = t.join("batch-10000");
        let (d, kb, ok) = measure(&mut merge_cmd(&template, &csv10, &out, cores));
        let (done, pages) = manifest_pages(&out);
        eprintln!(
            "batch 10,000 docs, {cores} threads: {:.1} s, {done} ok, {pages} pages, peak {} MB{}",
            d.as_secs_f64(),
            kb / 1024,
            if ok { "" } else { " (FAILED)" }
        );
        Some((d, kb, done, pages))
    } else {
        None
    };
    // Preview latency of `vanban serve` (issues 14, 17): a 9-page document, 200 edits
    // (benches/support/preview.rs).
    let preview_row = preview_row(&templates);

    let load_after = sh("uptime", &[]);

    // The table.
    let warm_pdf = warm[0].1;
    let warm_docx = warm[1].1;
    let both_cold = cold[2].1;
    let (_, all_d, all_kb, all_n, all_pages) = batches[batches.len() - 1];
    let (_, one_d, one_kb, _, _) = batches[0];
    let mut s = String::new();
    let _ = writeln!(
        s,
        "\n## Figures ({})",
        sh("date", &["-u", "+%Y-%m-%d %H:%M UTC"])
    );
    let _ = writeln!(s, "\nMachine: {}", machine());
    let _ = writeln!(s, "Load before: `{load_before}`  ");
    let _ = writeln!(s, "Load after: `{load_after}`");
    let _ = writeln!(
        s,
        "Documents: công văn of samples/merge/cong-van-xa.yaml, {} pages each, different data per record.\n",
        all_pages.checked_div(all_n).unwrap_or(0)
    );
    let _ = writeln!(s, "| Measure | Figure | Target | Met |");
    let _ = writeln!(s, "|---|---|---|---|");
    let yes = |b: bool| if b { "yes" } else { "**no**" };
    let _ = writeln!(
        s,
        "| Cold, one document PDF (new process) | {:.1} ms | | |",
        ms(cold[0].1)
    );
    let _ = writeln!(
        s,
        "| Cold, one document DOCX (new process) | {:.1} ms | | |",
        ms(cold[1].1)
    );
    let _ = writeln!(
        s,
        "| Cold, one document PDF + DOCX (new process) | {:.1} ms | < 30 ms | {} |",
        ms(both_cold),
        yes(ms(both_cold) < 30.0)
    );
    let _ = writeln!(
        s,
        "| Cold, typst alone: the hand-written .typ, one document PDF (new process of a binary linking typst) | {:.1} ms | | |",
        ms(cold_floor)
    );
    let _ = writeln!(
        s,
        "| Warm, per document PDF (1 thread, in a batch) | {:.1} ms | | |",
        ms(warm_pdf)
    );
    let _ = writeln!(
        s,
        "| Warm, per document DOCX (1 thread, in a batch) | {:.1} ms | | |",
        ms(warm_docx)
    );
    let _ = writeln!(
        s,
        "| {docs} documents PDF + DOCX, 1 thread | {:.1} s ({:.0} docs/s), peak {} MB | | |",
        one_d.as_secs_f64(),
        docs as f64 / one_d.as_secs_f64(),
        one_kb / 1024
    );
    let scaled = all_d.as_secs_f64() * 1000.0 / docs as f64;
    let _ = writeln!(
        s,
        "| {docs} documents PDF + DOCX, {cores} threads | {:.1} s ({:.0} docs/s), peak {} MB | 1,000 in < 15 s ({:.1} s per 1,000) | {} |",
        all_d.as_secs_f64(),
        docs as f64 / all_d.as_secs_f64(),
        all_kb / 1024,
        scaled,
        yes(scaled < 15.0)
    );
    let _ = writeln!(
        s,
        "| of which: read + check + template + tree | {:.1} ms | | |",
        ms(front)
    );
    let _ = writeln!(
        s,
        "| of which: typst with vanban's program (layout + PDF) | {:.1} ms | | |",
        ms(typst_ours)
    );
    let _ = writeln!(s, "| of which: DOCX writer | {:.1} ms | | |", ms(docx_only));
    let _ = writeln!(
        s,
        "| Writing PDF + DOCX, per document: an fsync per file / one sync per batch | {:.2} ms / {:.2} ms | | |",
        ms(write_each),
        ms(write_batch)
    );
    let ratio = typst_ours.as_secs_f64() / floor_per.as_secs_f64();
    let whole = warm_pdf.as_secs_f64() / floor_per.as_secs_f64();
    let _ = writeln!(
        s,
        "| typst alone, hand-written .typ, per document PDF (1 thread, loops in turn with ours) | {:.1} ms | | |",
        ms(floor_per)
    );
    let _ = writeln!(
        s,
        "| Our PDF (program written + typst: layout + PDF) / typst alone | {ratio:.2}x | <= 1.3x | {} |",
        yes(ratio <= 1.3)
    );
    let _ = writeln!(
        s,
        "| Our whole PDF (also reading, checking, template, tree) / typst alone | {whole:.2}x | | |"
    );
    match lo {
        Some((per, kb)) => {
            let r = per.as_secs_f64() / warm_pdf.as_secs_f64();
            let _ = writeln!(
                s,
                "| LibreOffice DOCX -> PDF, {lo_n} documents in one call, per document | {:.0} ms (peak {} MB) | | |",
                ms(per),
                kb / 1024
            );
            let _ = writeln!(
                s,
                "| LibreOffice per document / our warm PDF per document (1 thread) | {r:.1}x | | |"
            );
            let r2 = per.as_secs_f64() / (all_d.as_secs_f64() / docs as f64);
            let _ = writeln!(
                s,
                "| LibreOffice per document / our batch PDF + DOCX per document ({cores} threads) | {r2:.1}x | >= 20x | {} |",
                yes(r2 >= 20.0)
            );
        }
        None => {
            let _ = writeln!(
                s,
                "| LibreOffice | not measured (soffice missing) | >= 20x | |"
            );
        }
    }
    let _ = writeln!(s, "{preview_row}");
    if let Some((d, kb, done, pages)) = big {
        let _ = writeln!(
            s,
            "| 10,000 documents PDF + DOCX, {cores} threads | {:.0} s, {done} ok, {pages} pages, peak {} MB | < 300 MB | {} |",
            d.as_secs_f64(),
            kb / 1024,
            yes(kb / 1024 < 300)
        );
    } else {
        let _ = writeln!(
            s,
            "| 10,000 documents | not run (add `-- --large`) | < 300 MB | |"
        );
    }
    let _ = writeln!(
        s,
        "| Same batch twice (1 thread, {cores} threads): identical manifest (SHA-256 of every file) | {} | identical | {} |",
        if identical { "identical" } else { "DIFFERENT" },
        yes(identical)
    );
    println!("{s}");
}
