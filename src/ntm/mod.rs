//! Recognition dossiers of new-rural communes (hồ sơ đề nghị xét, công nhận xã đạt chuẩn nông
//! thôn mới): criteria sets as data ([`criteria`]), targets and statuses ([`target`]), a
//! commune's assessment ([`commune`]), reading spreadsheets and commune files ([`input`]), the
//! dossier's documents ([`docs`]) and the batch run of `vanban ntm` ([`run`]).

pub mod commune;
pub mod criteria;
pub mod docs;
pub mod input;
pub mod target;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use commune::Commune;
use criteria::CriteriaSet;

use crate::diag::Diagnostic;
use crate::render::{OutputFormat, RenderOptions, render_source, safe_stem, write_atomic};
use crate::template::Templates;

/// Options of `vanban ntm`.
#[derive(Debug, Clone)]
pub struct Options {
    /// A spreadsheet (XLSX, CSV) or a folder of commune files.
    pub data: PathBuf,
    /// Output folder: one sub-folder per commune, plus `tong-hop.csv`.
    pub out_dir: PathBuf,
    /// Province criteria sets, tried before the bundled ones.
    pub criteria: Vec<PathBuf>,
    /// Which formats.
    pub format: OutputFormat,
}

/// What a run did, for the exit code and the tests.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Communes whose documents were written.
    pub done: usize,
    /// Communes (or rows outside any commune) that failed.
    pub failed: usize,
}

/// One row of the summary table.
struct SummaryRow {
    commune: String,
    district: String,
    province: String,
    result: Result<(Commune, PathBuf, usize), String>,
}

/// Run a batch: read, assess each commune, write its documents and the summary; report on
/// stderr. A commune's bad data never stops the others.
pub fn run(opts: &Options) -> Outcome {
    let mut outcome = Outcome::default();
    let mut sets = Vec::new();
    for p in &opts.criteria {
        match CriteriaSet::load(p) {
            Ok(s) => sets.push(s),
            Err(ds) => {
                for d in ds {
                    eprintln!("{d}");
                }
                outcome.failed += 1;
            }
        }
    }
    if outcome.failed > 0 {
        eprintln!("\nBộ tiêu chí có lỗi: không lập hồ sơ nào. Sửa tệp --criteria rồi chạy lại.");
        return outcome;
    }
    match CriteriaSet::builtin() {
        Ok(b) => sets.extend(b),
        Err(ds) => {
            for d in ds {
                eprintln!("lỗi nội bộ (bộ tiêu chí có sẵn): {d}");
            }
            outcome.failed += 1;
            return outcome;
        }
    }
    let templates = match Templates::new(None) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("lỗi: {e}");
            outcome.failed += 1;
            return outcome;
        }
    };
    if let Err(e) = std::fs::create_dir_all(&opts.out_dir) {
        eprintln!(
            "lỗi: không tạo được thư mục {}: {e}",
            opts.out_dir.display()
        );
        outcome.failed += 1;
        return outcome;
    }
    let read = if opts.data.is_dir() {
        input::read_folder(&opts.data)
    } else {
        input::read_sheet(&opts.data)
    };
    for w in &read.warnings {
        eprintln!("{w}");
    }
    for e in &read.errors {
        eprintln!("{e}");
    }
    outcome.failed += read.errors.len();
    let mut used = BTreeSet::new();
    let mut summary = Vec::new();
    for raw in &read.communes {
        let mut row = SummaryRow {
            commune: raw.name.text.clone(),
            district: raw.district.text.clone(),
            province: raw.province.text.clone(),
            result: Err(String::new()),
        };
        let c = match commune::assess(raw, &sets) {
            Ok(c) => c,
            Err(errs) => {
                eprintln!("\n{}: dữ liệu có lỗi, không lập hồ sơ:", label(raw));
                for e in &errs {
                    eprintln!("{e}");
                }
                row.result = Err(errs.first().map(|e| e.message.clone()).unwrap_or_default());
                summary.push(row);
                outcome.failed += 1;
                continue;
            }
        };
        let mut stem = safe_stem(&match &c.district {
            Some(d) => format!("{} {d}", c.name),
            None => format!("{} {}", c.name, c.province),
        });
        let base = stem.clone();
        let mut n = 2;
        while !used.insert(stem.clone()) {
            stem = format!("{base}-{n}");
            n += 1;
        }
        eprintln!();
        for w in &c.warnings {
            eprintln!("{w}");
        }
        match write_commune(&c, &stem, opts, &templates) {
            Ok((dir, files)) => {
                eprintln!(
                    "{}: {}, {} — đã tạo {files} tệp trong {}",
                    c.full_name(),
                    c.summary(),
                    if c.eligible() {
                        "đủ điều kiện đề nghị công nhận (tờ trình, báo cáo, biên bản)".to_string()
                    } else {
                        "chưa đủ điều kiện: chỉ lập báo cáo kết quả".to_string()
                    },
                    dir.display()
                );
                row.result = Ok((c, dir, files));
                outcome.done += 1;
            }
            Err(errs) => {
                eprintln!("{}: không tạo được văn bản:", c.full_name());
                for e in &errs {
                    eprintln!("{e}");
                }
                row.result = Err(errs.first().map(|e| e.message.clone()).unwrap_or_default());
                outcome.failed += 1;
            }
        }
        summary.push(row);
    }
    let table = opts.out_dir.join("tong-hop.csv");
    match summary_csv(&summary) {
        Ok(bytes) => {
            if let Err(e) = write_atomic(&table, &bytes) {
                eprintln!("lỗi: không ghi được {}: {e}", table.display());
                outcome.failed += 1;
            }
        }
        Err(e) => {
            eprintln!("lỗi nội bộ: bảng tổng hợp: {e}");
            outcome.failed += 1;
        }
    }
    let eligible = summary
        .iter()
        .filter(|r| matches!(&r.result, Ok((c, _, _)) if c.eligible()))
        .count();
    eprintln!(
        "\nTổng kết: {} xã đã lập hồ sơ ({eligible} xã đủ điều kiện đề nghị công nhận), {} xã hoặc dòng lỗi. Bảng tổng hợp: {}",
        outcome.done,
        outcome.failed,
        table.display()
    );
    for r in &summary {
        if let Err(e) = &r.result {
            eprintln!("  lỗi: {} — {e}", r.commune);
        }
    }
    outcome
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

/// Write a commune's documents into OUT/STEM/; returns the folder and the number of files.
fn write_commune(
    c: &Commune,
    stem: &str,
    opts: &Options,
    templates: &Templates,
) -> Result<(PathBuf, usize), Vec<Diagnostic>> {
    let dir = opts.out_dir.join(stem);
    std::fs::create_dir_all(&dir).map_err(|e| {
        vec![Diagnostic::error(
            &dir,
            format!("không tạo được thư mục: {e}"),
        )]
    })?;
    let ropts = RenderOptions {
        out_dir: dir.clone(),
        format: opts.format,
        pdf_standard: crate::export::pdf::Standard::Plain,
        stage: crate::data::Stage::Draft,
        deny_warnings: false,
    };
    let mut docs = vec![("bao-cao", docs::bao_cao(c))];
    if c.eligible() {
        docs.insert(0, ("to-trinh", docs::to_trinh(c)));
        docs.push(("bien-ban", docs::bien_ban(c)));
    } else {
        // a re-run after the data changed must not leave an old request beside the report
        for name in ["to-trinh", "bien-ban"] {
            for ext in ["pdf", "docx"] {
                let _ = std::fs::remove_file(dir.join(format!("{name}.{ext}")));
            }
        }
    }
    let mut files = 0;
    for (name, value) in docs {
        let text = serde_json::to_string_pretty(&value)
            .map_err(|e| vec![Diagnostic::error(&dir, format!("lỗi nội bộ: {e}"))])?;
        let doc_name = Path::new(stem).join(format!("{name}.json"));
        let (written, warnings) = render_source(&doc_name, &text, name, templates, &ropts)?;
        for w in warnings {
            // drafts leave the number blank on purpose; other warnings are shown
            eprintln!("{w}");
        }
        files += written.len();
    }
    Ok((dir, files))
}

/// The summary table of all communes, as CSV (UTF-8 with BOM so Excel shows Vietnamese).
fn summary_csv(rows: &[SummaryRow]) -> Result<Vec<u8>, csv::Error> {
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
        match &r.result {
            Ok((c, dir, files)) => {
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
                w.write_record([
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
                ])?;
            }
            Err(e) => {
                w.write_record([
                    stt,
                    r.commune.clone(),
                    r.district.clone(),
                    r.province.clone(),
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
                ])?;
            }
        }
    }
    w.into_inner().map_err(|e| e.into_error().into())
}
