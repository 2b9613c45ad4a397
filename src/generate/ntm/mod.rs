//! Recognition dossiers of new-rural communes (hồ sơ đề nghị xét, công nhận xã đạt chuẩn nông
//! thôn mới): criteria sets as data ([`criteria`]), targets and statuses ([`target`]), a
//! commune's assessment ([`commune`]), reading spreadsheets and commune files ([`input`]), the
//! dossier's documents ([`docs`]) and the batch run of `vanban ntm` ([`run`]).

pub mod commune;
pub mod criteria;
pub mod docs;
pub mod input;
pub mod target;

use std::path::{Path, PathBuf};

use commune::Commune;
use criteria::CriteriaSet;

use crate::diag::Diagnostic;
use crate::export::Formats;
use crate::output::report::Item;
use crate::output::{Namer, Naming, OutputDir, csv_cell};
use crate::pipeline::Source;

/// What `vanban ntm` reads.
#[derive(Debug, Clone)]
pub struct Options {
    /// A spreadsheet (XLSX, CSV) or a folder of commune files.
    pub data: PathBuf,
    /// Province criteria sets, tried before the bundled ones.
    pub criteria: Vec<PathBuf>,
}

/// The dossiers of a run, planned: what to make for each commune, nothing written yet.
#[derive(Debug, Default)]
pub struct Dossiers {
    /// Problems of the run as a whole: criteria sets that cannot be read (then there is no
    /// commune), rows that belong to no commune, warnings of the reading.
    pub notes: Vec<Diagnostic>,
    /// Whether a criteria set could not be read: no dossier is made.
    pub stopped: bool,
    /// One entry per commune, in input order.
    pub communes: Vec<Entry>,
}

/// One commune of a run.
#[derive(Debug)]
pub struct Entry {
    /// Commune, district and province as written, for messages and the summary.
    pub names: [String; 3],
    /// The label of the commune in messages.
    pub label: String,
    /// Its dossier, or why its data cannot make one.
    pub result: Result<Dossier, Vec<Diagnostic>>,
}

/// The dossier of one commune.
#[derive(Debug)]
pub struct Dossier {
    /// The assessment.
    pub commune: Commune,
    /// Its folder (created).
    pub dir: OutputDir,
    /// Its documents: the tờ trình and biên bản when it is eligible, the báo cáo always.
    pub jobs: Vec<(Item, Result<Source, Vec<Diagnostic>>)>,
    /// Files of an earlier run that no longer apply (a request when the commune is not
    /// eligible any more): to be removed.
    pub stale: Vec<PathBuf>,
}

/// Read the criteria sets and the communes, assess each commune and plan its documents in
/// `out/COMMUNE/`. Prints nothing and writes nothing but the communes' folders.
pub fn prepare(opts: &Options, out: &OutputDir, formats: Formats) -> Dossiers {
    let mut run = Dossiers::default();
    let mut sets = Vec::new();
    for p in &opts.criteria {
        match CriteriaSet::load(p) {
            Ok(s) => sets.push(s),
            Err(ds) => {
                run.notes.extend(ds);
                run.stopped = true;
            }
        }
    }
    if run.stopped {
        return run;
    }
    match CriteriaSet::builtin() {
        Ok(b) => sets.extend(b),
        Err(ds) => {
            run.notes.extend(ds);
            run.stopped = true;
            return run;
        }
    }
    let read = if opts.data.is_dir() {
        input::read_folder(&opts.data)
    } else {
        input::read_sheet(&opts.data)
    };
    run.notes.extend(read.warnings);
    run.notes.extend(read.errors);
    let mut namer = Namer::new(Naming::Slug);
    for raw in &read.communes {
        let names = [
            raw.name.text.clone(),
            raw.district.text.clone(),
            raw.province.text.clone(),
        ];
        let result = commune::assess(raw, &sets).and_then(|c| {
            let stem = namer
                .claim(&match &c.district {
                    Some(d) => format!("{} {d}", c.name),
                    None => format!("{} {}", c.name, c.province),
                })
                .unwrap_or_else(|s| s);
            plan_commune(c, &stem, out, formats)
        });
        run.communes.push(Entry {
            names,
            label: label(raw),
            result,
        });
    }
    run
}

fn label(raw: &commune::RawCommune) -> String {
    let name = if raw.name.is_empty() {
        raw.loc.path.display().to_string()
    } else {
        raw.name.text.clone()
    };
    if raw.district.is_empty() {
        name
    } else {
        format!("{name} ({})", raw.district.text)
    }
}

/// A commune's documents, to be written into OUT/STEM/.
fn plan_commune(
    c: Commune,
    stem: &str,
    out: &OutputDir,
    formats: Formats,
) -> Result<Dossier, Vec<Diagnostic>> {
    let dir = out.sub(stem).map_err(|e| {
        vec![Diagnostic::error(
            &out.path().join(stem),
            format!("không tạo được thư mục: {e}"),
        )]
    })?;
    let mut docs = vec![("bao-cao", docs::bao_cao(&c))];
    let mut stale = Vec::new();
    if c.eligible() {
        docs.insert(0, ("to-trinh", docs::to_trinh(&c)));
        docs.push(("bien-ban", docs::bien_ban(&c)));
    } else {
        // a re-run after the data changed must not leave an old request beside the report
        for name in ["to-trinh", "bien-ban"] {
            for &f in formats.list() {
                stale.push(dir.file(name, f));
            }
        }
    }
    let jobs = docs
        .into_iter()
        .map(|(name, value)| {
            let doc_name = Path::new(stem).join(name);
            let item = Item {
                input: doc_name.clone(),
                record: None,
                dir: dir.clone(),
                stem: name.to_string(),
            };
            let source = Source::Input {
                name: doc_name,
                input: Box::new(value),
            };
            (item, Ok(source))
        })
        .collect();
    Ok(Dossier {
        commune: c,
        dir,
        jobs,
        stale,
    })
}

/// One commune's line of the summary: its names and its dossier with the number of files
/// written, or the first error.
pub type SummaryRow<'a> = (&'a Entry, Result<usize, String>);

/// A row of cells as the CSV gets them: formula-looking text neutralised.
fn safe_row<const N: usize>(cells: [String; N]) -> [String; N] {
    cells.map(|c| csv_cell(&c))
}

/// The summary table of all communes, as CSV (UTF-8 with BOM so Excel shows Vietnamese).
pub fn summary_csv(rows: &[SummaryRow]) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(vec![0xEF, 0xBB, 0xBF]);
    w.write_record([
        "STT",
        "Xã",
        "Huyện",
        "Tỉnh",
        "Giai đoạn",
        "Mức đề nghị",
        "Vùng/nhóm xã",
        "Số tiêu chí đạt",
        "Tổng số tiêu chí",
        "Tiêu chí chưa đạt",
        "Điều kiện 1",
        "Điều kiện 2",
        "Điều kiện 3",
        "Điều kiện 4",
        "Đủ điều kiện công nhận",
        "Kết quả lập hồ sơ",
        "Thư mục",
    ])?;
    for (n, r) in rows.iter().enumerate() {
        let stt = (n + 1).to_string();
        let (entry, written) = r;
        let done = match (&entry.result, written) {
            (Ok(d), Ok(files)) => Ok((d, *files)),
            (Err(errs), _) => Err(errs.first().map(|e| e.message.clone()).unwrap_or_default()),
            (Ok(_), Err(e)) => Err(e.clone()),
        };
        match done {
            Ok((d, files)) => {
                let (c, dir) = (&d.commune, d.dir.path());
                let failing: Vec<String> = c
                    .failing()
                    .iter()
                    .map(|f| format!("{} ({})", f.number, f.name))
                    .collect();
                let cond = |i: usize| {
                    c.conditions
                        .get(i)
                        .map(|x| x.status.to_string())
                        .unwrap_or_default()
                };
                w.write_record(safe_row([
                    stt,
                    c.name.clone(),
                    c.district.clone().unwrap_or_default(),
                    c.province.clone(),
                    c.set.period.clone(),
                    c.level.phrase().to_string(),
                    c.key.as_ref().map(|k| k.name.clone()).unwrap_or_default(),
                    c.met().to_string(),
                    c.total().to_string(),
                    failing.join("; "),
                    cond(0),
                    cond(1),
                    cond(2),
                    cond(3),
                    if c.eligible() { "Có" } else { "Không" }.to_string(),
                    format!("Đã tạo {files} tệp"),
                    dir.file_name()
                        .map(|d| d.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                ]))?;
            }
            Err(e) => {
                w.write_record(safe_row([
                    stt,
                    entry.names[0].clone(),
                    entry.names[1].clone(),
                    entry.names[2].clone(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    format!("Lỗi: {e}"),
                    String::new(),
                ]))?;
            }
        }
    }
    w.into_inner().map_err(|e| e.into_error().into())
}
