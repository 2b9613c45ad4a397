//! Where typst's time goes (issue 17): vanban's PDF program against typst alone on the
//! hand-written benches/cong-van.typ, phase by phase, per document.
//!
//! ```text
//! cargo bench --bench phases                       # 100 documents, the built-in program
//! cargo bench --bench phases -- --docs 200
//! cargo bench --bench phases -- --program FILE.typ # another program over the same trees
//! cargo bench --bench phases -- --docs 20 --only    # only vanban's program, once per document
//! cargo bench --bench phases -- --docs 20 --only --floor   # only typst alone, the same way
//! cargo bench --bench phases -- --docs 1 --dump FILE.typ   # the first document's program
//! ```
//!
//! Phases: the tree to the program and its JSON (Rust, `export::pdf::program`: the blocks
//! written as typst code after `render.typ`), then typst's own timing scopes
//! (`typst-timing`): `eval` (the program parsed and evaluated into content), `iter (1)`,
//! `iter (2)`… (layout passes until introspection settles), `pdf` (export). The totals are
//! measured once more with timing off (the scopes cost a little). `--program` puts another
//! typst file in place of `src/export/pdf/render.typ` before the same documents' code (same
//! data, fonts and PDF options as vanban) and prints one SHA-256 over all the PDFs, to check
//! that a variant gives the same bytes. `--only` lays out each document once and prints
//! nothing else, for counting instructions:
//! `valgrind --tool=cachegrind --cache-sim=no target/release/deps/phases-<hash> --docs 30 --only`
//! minus the same with `--docs 10`, divided by 20, is one document's count.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};
use typst::foundations::{Bytes, Smart};
use typst::syntax::Source;
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt};
use typst_layout::PagedDocument;
use vanban::generate::merge::{Merge, MergeOptions};
use vanban::pipeline::{self, Resources};

#[path = "support/records.rs"]
mod records;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const FLOOR_TYP: &str = include_str!("cong-van.typ");

/// One document to lay out: its own program (vanban writes one per document), or the
/// program the run started with (the hand-written file), and its data file.
struct Job {
    program: Option<vanban::export::pdf::Program>,
    json: Vec<u8>,
}

impl Job {
    /// vanban's program and data for `tree`, with `start` in place of render.typ.
    fn vanban(start: &str, tree: &vanban::doc::Document) -> Job {
        let program =
            vanban::export::pdf::program_with(start, tree).expect("the program is written");
        Job {
            json: program.json.clone(),
            program: Some(program),
        }
    }

    fn floor(json: Vec<u8>) -> Job {
        Job {
            program: None,
            json,
        }
    }
}

thread_local! {
    /// The last document's sources, reused where unchanged, as vanban's engine keeps them.
    static KEPT: std::cell::RefCell<vanban::export::pdf::SourceCache> = Default::default();
}

// One typst program over one data file at a time, as vanban's engine runs it.
#[path = "support/world.rs"]
mod world;
use world::{BenchWorld as Run, id};

impl Run {
    /// The engine, and how long its parts took to build (ms): the fonts parsed, the font
    /// book, typst's standard library.
    fn new(program: &str) -> (Run, [f64; 3]) {
        let t0 = Instant::now();
        let fonts: Vec<Font> = vanban::fonts::FACES
            .iter()
            .flat_map(|b| Font::iter(Bytes::new(*b)))
            .collect();
        let t1 = Instant::now();
        let book = LazyHash::new(FontBook::from_fonts(&fonts));
        let t2 = Instant::now();
        let library = LazyHash::new(Library::builder().build());
        let t3 = Instant::now();
        let run = Run {
            library,
            book,
            sources: vec![Source::new(id("/main.typ"), program.to_string())],
            data_id: id("/data.json"),
            data: Bytes::new(Vec::new()),
            fonts,
        };
        (run, [ms(t1 - t0), ms(t2 - t1), ms(t3 - t2)])
    }

    /// Lay out and export one document: (layout time, export time, PDF). The time counts
    /// reading the document's program (typst parses the files that changed since the last
    /// document, as vanban's engine does) when it has one of its own.
    fn pdf(&mut self, job: &Job) -> (Duration, Duration, Vec<u8>) {
        self.data = Bytes::new(job.json.clone());
        let t0 = Instant::now();
        if let Some(program) = &job.program {
            self.sources = KEPT
                .with(|kept| kept.borrow_mut().sources(id("/main.typ"), program))
                .expect("the program's sources");
        }
        let doc = typst::compile::<PagedDocument>(self);
        comemo::evict(10);
        let mut doc = doc.output.unwrap_or_else(|e| {
            let msgs: Vec<_> = e.iter().map(|d| d.message.to_string()).collect();
            panic!("the program does not compile: {}", msgs.join("; "))
        });
        if let Some(program) = &job.program {
            // The title and author vanban's engine sets on the laid-out document.
            let info = doc.info_mut();
            info.title = Some(program.title.as_str().into());
            info.author = vec![program.author.as_str().into()];
        }
        let t1 = Instant::now();
        let opts = typst_pdf::PdfOptions {
            ident: Smart::Custom("vanban".into()),
            timestamp: None,
            ..Default::default()
        };
        let bytes = typst_pdf::pdf(&doc, &opts).expect("pdf");
        (t1 - t0, t1.elapsed(), bytes)
    }
}

/// The top-level typst timing scopes of the calling thread, summed by name (outermost
/// occurrence of each name only), in ms; clears the recorded events.
fn scopes() -> BTreeMap<String, f64> {
    let mut buf = Vec::new();
    typst_timing::export_json(&mut buf, |_| (String::new(), 0)).expect("timing export");
    let events: Vec<serde_json::Value> = serde_json::from_slice(&buf).expect("timing json");
    let main_tid = events.first().and_then(|e| e["tid"].as_u64());
    let mut open: BTreeMap<String, (usize, f64)> = BTreeMap::new();
    let mut sum: BTreeMap<String, f64> = BTreeMap::new();
    for e in &events {
        if e["tid"].as_u64() != main_tid {
            continue;
        }
        let name = e["name"].as_str().unwrap_or("").to_string();
        let ts = e["ts"].as_f64().unwrap_or(0.0);
        let slot = open.entry(name.clone()).or_insert((0, 0.0));
        if e["ph"] == "B" {
            if slot.0 == 0 {
                slot.1 = ts;
            }
            slot.0 += 1;
        } else if slot.0 > 0 {
            slot.0 -= 1;
            if slot.0 == 0 {
                *sum.entry(name).or_default() += (ts - slot.1) / 1000.0;
            }
        }
    }
    sum
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Measure one program over the documents' JSON: totals with timing off, then the phases.
fn measure(label: &str, program: &str, jsons: &[Job], json_ms: Option<f64>) {
    let (mut run, built) = Run::new(program);
    let (l, e, _) = run.pdf(&jsons[0]);
    let first = (ms(l), ms(e));
    for j in jsons.iter().take(5) {
        run.pdf(j);
    }
    let n = jsons.len() as f64;
    let (mut layout, mut export) = (Duration::ZERO, Duration::ZERO);
    let mut hash = Sha256::new();
    let start = Instant::now();
    for j in jsons {
        let (l, e, bytes) = run.pdf(j);
        layout += l;
        export += e;
        hash.update(Sha256::digest(&bytes));
    }
    let total = ms(start.elapsed()) / n;
    typst_timing::clear();
    typst_timing::enable();
    for j in jsons {
        run.pdf(j);
    }
    typst_timing::disable();
    let phases = scopes();
    let digest: String = hash.finalize().iter().map(|b| format!("{b:02x}")).collect();
    println!("\n{label}: {total:.2} ms per document (timing off)");
    if let Some(j) = json_ms {
        println!("  tree -> program + JSON     {j:6.2} ms");
    }
    println!("  compile (eval + layout)    {:6.2} ms", ms(layout) / n);
    println!("  PDF export                 {:6.2} ms", ms(export) / n);
    println!("  typst scopes, timing on (main thread, per document):");
    for name in [
        "eval",
        "iter (1)",
        "iter (2)",
        "iter (3)",
        "check stabilized",
        "introspect pages",
        "layout paragraph",
        "block",
        "box",
        "measure",
        "pdf",
    ] {
        if let Some(v) = phases.get(name) {
            println!("    {name:24} {:6.2} ms", v / n);
        }
    }
    println!("  all PDFs: sha256 {digest}");
    println!(
        "  set-up (first program of the process is cold): fonts parsed {:.2} ms, font book {:.2} ms, typst library {:.2} ms; first document: compile {:.2} ms, PDF {:.2} ms",
        built[0], built[1], built[2], first.0, first.1
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |k: &str| {
        args.iter()
            .position(|a| a == k)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let docs: usize = arg("--docs").and_then(|v| v.parse().ok()).unwrap_or(100);
    let tmp = tempfile::tempdir().expect("temp dir");
    let csv = tmp.path().join("records.csv");
    let recs = records::records(docs);
    records::write_csv(&csv, &recs);
    let res = Resources::builtin().expect("templates");
    let plan = Merge::new(&MergeOptions {
        template: PathBuf::from(ROOT).join("samples/merge/cong-van-xa.yaml"),
        table: csv,
        sheet: None,
        name_column: Some("Tên tệp".into()),
    })
    .expect("the merge template reads");
    let trees: Vec<_> = (0..docs)
        .map(|i| {
            let value = plan.filled(i).expect("record fills");
            let text = serde_saphyr::to_string(&value).expect("record as YAML");
            let source = pipeline::Source::Text {
                name: PathBuf::from("cong-van.yaml"),
                text,
            };
            pipeline::build_tree(&source, &res, vanban::data::Stage::Draft)
                .expect("tree")
                .1
        })
        .collect();
    let program = match arg("--program") {
        Some(p) => std::fs::read_to_string(&p).expect("read --program"),
        None => include_str!("../src/export/pdf/render.typ").to_string(),
    };
    let start = Instant::now();
    let jsons: Vec<Job> = trees.iter().map(|t| Job::vanban(&program, t)).collect();
    let json_ms = ms(start.elapsed()) / docs as f64;
    eprintln!("{}", String::from_utf8_lossy(&load()));

    if let Some(path) = arg("--dump") {
        // The first document's program, to read.
        let listing = jsons[0].program.as_ref().map(|p| p.listing());
        std::fs::write(&path, listing.unwrap_or_default()).expect("write --dump");
        return;
    }
    if args.iter().any(|a| a == "--only") {
        // Only the documents, once each, after one warm-up document: for an instruction
        // count (`valgrind --tool=cachegrind`), which a shared machine cannot disturb.
        // `--floor`: typst alone on the hand-written file instead.
        let (program, jsons) = if args.iter().any(|a| a == "--floor") {
            let floor = recs.iter().map(|r| Job::floor(records::floor_json(r)));
            (FLOOR_TYP.to_string(), floor.collect())
        } else {
            (program, jsons)
        };
        let (mut run, _) = Run::new(&program);
        run.pdf(&jsons[0]);
        let start = Instant::now();
        for j in &jsons {
            run.pdf(j);
        }
        println!("{:.2} ms per document", ms(start.elapsed()) / docs as f64);
        return;
    }
    measure("vanban's program", &program, &jsons, Some(json_ms));
    // The same program over every sample: one SHA-256 over their PDFs (a leaner program
    // must give the same bytes).
    let mut samples: Vec<_> = std::fs::read_dir(PathBuf::from(ROOT).join("samples"))
        .expect("samples")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    samples.sort();
    let (mut run, _) = Run::new(&program);
    let mut hash = Sha256::new();
    for path in &samples {
        let source = pipeline::Source::File(path.clone());
        if let Ok((_, tree)) = pipeline::build_tree(&source, &res, vanban::data::Stage::Draft) {
            let (_, _, bytes) = run.pdf(&Job::vanban(&program, &tree));
            hash.update(Sha256::digest(&bytes));
        }
    }
    let digest: String = hash.finalize().iter().map(|b| format!("{b:02x}")).collect();
    println!("samples ({}): sha256 of their PDFs {digest}", samples.len());
    drop(run);
    let floor: Vec<Job> = recs
        .iter()
        .map(|r| Job::floor(records::floor_json(r)))
        .collect();
    measure(
        "typst alone (benches/cong-van.typ)",
        FLOOR_TYP,
        &floor,
        None,
    );
    eprintln!("{}", String::from_utf8_lossy(&load()));
}

fn load() -> Vec<u8> {
    std::process::Command::new("uptime")
        .output()
        .map(|o| o.stdout)
        .unwrap_or_default()
}
