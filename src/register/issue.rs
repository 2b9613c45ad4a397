//! Issuing one document: check it as a final version, take the next number of its series,
//! render it with that number and date, write its files and record it — one transaction.
//!
//! The order of the steps, and what a crash (kill -9, power cut) at each point leaves:
//!
//! 1. Load and check the document as `--final` would, with a stand-in number. An error
//!    stops here: no lock was taken, no number used.
//! 2. `BEGIN IMMEDIATE` (waiting for another process that holds the register), read the
//!    series' next number N, check the issuer and the date order.
//! 3. Render PDF and DOCX with N and the issue date; write them to
//!    `.vanban-issue-<file>.part` in the output folder, synced.
//! 4. Insert the entry (not yet "placed") with its files' paths and SHA-256, set the
//!    series' next number to N+1, `COMMIT` (synchronous=FULL: durable).
//! 5. Rename the `.part` files over their final names (`NN-symbol-year.pdf`), sync the
//!    folder, mark the entry placed.
//!
//! - Killed before 4 commits: the transaction is rolled back by SQLite; N was never used
//!   and the next document gets it. The `.part` files carry no registered number; the next
//!   issue into that folder (under the write lock, so no live process is between 3 and 4)
//!   removes them.
//! - Killed after 4, before or during 5: N is registered with the files' SHA-256, never
//!   given again. The next `vanban issue` or `vanban register` on the register finishes
//!   the rename from the `.part` files whose SHA-256 matches ([`recover`]); a process still
//!   alive doing the same is harmless (the rename is atomic, and a missing `.part` whose
//!   final file has the right SHA-256 counts as placed).
//! - Renaming before the commit (the other order) would leave, after a kill between the
//!   two, a numbered file that the register does not know, and N given again to the next
//!   document: two documents with one number. That is why the commit comes first.
//!
//! Final names hold the number, the symbol and the year, so no issue ever overwrites the
//! file of another; an existing file of that name is refused (before any number is used).

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use rusqlite::{OptionalExtension, params};

use super::{Error, Register, Series, issuer_code, now, valid_code};
use crate::data::Stage;
use crate::data::catalogue::System;
use crate::data::date::DateSpec;
use crate::data::model::Scalar;
use crate::diag::{Bi, Diagnostic, Severity};
use crate::output::{OutputDir, Written, sha256_hex};
use crate::pipeline::{self, Options, Resources, Source};
use crate::text;

use super::recover::{PART_PREFIX, PART_SUFFIX, place, sync_dir, write_part};

/// One document to issue.
pub struct IssueJob<'a> {
    /// The draft.
    pub source: Source,
    /// The issue date.
    pub date: NaiveDate,
    /// Refuse, instead of warning, a date before the series' last one or a year that does
    /// not match.
    pub strict: bool,
    /// Formats, PDF standard, warnings as errors (the stage is always final).
    pub opts: Options,
    /// Where the files go.
    pub out: &'a OutputDir,
}

/// An issued document.
#[derive(Debug, Clone)]
pub struct Issued {
    /// Its series.
    pub series: Series,
    /// Its number.
    pub number: u32,
    /// Number and symbol as printed (`145/UBND-VP`, `01-CV/TU`).
    pub number_symbol: String,
    /// The issue date.
    pub date: NaiveDate,
    /// The files written.
    pub files: Vec<Written>,
    /// Warnings (the document was issued).
    pub warnings: Vec<Diagnostic>,
}

/// Why a document was not issued. Either way no number was used.
#[derive(Debug, Clone)]
pub enum Failure {
    /// The document (or its place in the register) is wrong: the others of a batch go on.
    Document(Vec<Diagnostic>),
    /// The register cannot be used (locked, damaged, read-only): a batch stops.
    Register(Error),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Register(e)
    }
}

/// A test-only fault: `VANBAN_FAULT=<point>` aborts the process at that point of an issue
/// (`before-commit`, `after-commit`, `after-rename`), like a kill -9.
fn fault(point: &str) {
    if std::env::var("VANBAN_FAULT").is_ok_and(|v| v == point) {
        std::process::abort();
    }
}

fn bi_diag(name: &Path, severity: Severity, msg: Bi, hint: Bi, field: &str) -> Diagnostic {
    let mut d = Diagnostic::error_bi(name, msg)
        .with_hint_bi(hint)
        .at_field(field);
    d.severity = severity;
    d
}

impl Register {
    /// Issue one document (see the module's description for the steps and crash cases).
    pub fn issue(&mut self, job: &IssueJob<'_>, res: &Resources) -> Result<Issued, Failure> {
        let name = job.source.name().to_path_buf();
        let date = DateSpec::from(job.date);
        let date_text = date.short();
        let opts = Options {
            stage: Stage::Final,
            ..job.opts
        };
        // 1. The checks of --final, with a stand-in number.
        let mut original: (Option<String>, Option<String>) = (None, None);
        let pre = pipeline::load_patched(&job.source, res, Stage::Final, &mut |i| {
            original = (
                i.number.as_ref().map(Scalar::as_text),
                i.date.as_ref().map(Scalar::as_text),
            );
            i.number = Some(Scalar::Int(1));
            i.date = Some(Scalar::Text(date_text.clone()));
        })
        .map_err(Failure::Document)?;
        let lint = pipeline::lint(&name, &pre, res, opts.deny_warnings);
        if lint.iter().any(Diagnostic::is_error) {
            return Err(Failure::Document(lint));
        }
        let doc = &pre.doc;
        let party = doc.kind.system == System::Party;
        let code = issuer_code(&doc.kind.code, party, &doc.symbol);
        if !valid_code(&code) {
            return Err(Failure::Document(vec![bi_diag(
                &name,
                Severity::Error,
                Bi::new(
                    format!(
                        "không đọc được mã cơ quan ban hành trong ký hiệu `{}`",
                        doc.symbol
                    ),
                    format!(
                        "the issuing body's code cannot be read from the symbol `{}`",
                        doc.symbol
                    ),
                ),
                Bi::new(
                    "ký hiệu bắt đầu bằng mã cơ quan, ví dụ `symbol: UBND-VP` (công văn) hoặc `symbol: UBND`",
                    "the symbol starts with the body's code, e.g. `symbol: UBND-VP` (an official letter, \"công văn\") or `symbol: UBND`",
                ),
                "symbol",
            )]));
        }
        let series = Series {
            issuer: code,
            year: job.date.year(),
            secret: doc.secrecy.is_some(),
        };
        let strict_sev = if job.strict {
            Severity::Error
        } else {
            Severity::Warning
        };
        let mut notes = Vec::new();
        if let Some(n) = original.0.as_deref().filter(|n| !n.is_empty()) {
            notes.push(bi_diag(
                &name,
                Severity::Warning,
                Bi::new(
                    format!("tệp đã ghi số `{n}`: số do sổ đăng ký cấp được dùng thay"),
                    format!(
                        "the file gives the number `{n}`: the register's number is used instead"
                    ),
                ),
                Bi::new(
                    "để trống `number` trong bản dự thảo; vanban issue cấp số",
                    "leave `number` blank in the draft; vanban issue gives it",
                ),
                "number",
            ));
        }
        if let Some(Ok(written)) = original.1.as_deref().map(DateSpec::parse) {
            if written.year != series.year {
                notes.push(bi_diag(
                    &name,
                    strict_sev,
                    Bi::new(
                        format!(
                            "văn bản ghi năm {} nhưng ngày ban hành {date_text} thuộc năm {}: số lấy theo sổ năm {} (số bắt đầu lại từ 01 ngày 01/01)",
                            written.year, series.year, series.year
                        ),
                        format!(
                            "the document gives the year {} but the issue date {date_text} is in {}: the number comes from the {} series (numbers restart at 01 on 1 January)",
                            written.year, series.year, series.year
                        ),
                    ),
                    Bi::new(
                        "kiểm tra --date và `date` trong tệp",
                        "check --date and the file's `date`",
                    ),
                    "date",
                ));
            } else if written.is_full() && written != date {
                notes.push(bi_diag(
                    &name,
                    Severity::Warning,
                    Bi::new(
                        format!("tệp ghi ngày {}: ngày ban hành {date_text} được dùng thay", written.short()),
                        format!("the file gives the date {}: the issue date {date_text} is used instead", written.short()),
                    ),
                    Bi::new(
                        "chọn ngày ban hành bằng --date NGÀY/THÁNG/NĂM (mặc định: hôm nay)",
                        "choose the issue date with --date DD/MM/YYYY (default: today)",
                    ),
                    "date",
                ));
            }
        }

        // 2. The write lock, the series, the checks against the register.
        let path = self.path.clone();
        let db = |e: rusqlite::Error| Failure::Register(Error::db(&path, &e));
        let doc_name = doc.issuer.name.join(" ");
        let tx = self.immediate()?;
        let known: Option<String> = tx
            .query_row(
                "SELECT name FROM issuers WHERE code=?1",
                params![series.issuer],
                |r| r.get(0),
            )
            .optional()
            .map_err(db)?;
        match known {
            None => {
                let codes: Vec<String> = tx
                    .prepare("SELECT code FROM issuers ORDER BY code")
                    .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
                    .map_err(db)?;
                if !codes.is_empty() {
                    return Err(Failure::Document(vec![bi_diag(
                        &name,
                        Severity::Error,
                        Bi::new(
                            format!(
                                "ký hiệu `{}` cho mã cơ quan `{}`, nhưng sổ đăng ký chỉ có sổ của: {}",
                                doc.symbol,
                                series.issuer,
                                codes.join(", ")
                            ),
                            format!(
                                "the symbol `{}` gives the issuer code `{}`, but the register only has series of: {}",
                                doc.symbol,
                                series.issuer,
                                codes.join(", ")
                            ),
                        ),
                        Bi::new(
                            format!(
                                "sửa `symbol` cho đúng mã cơ quan; nếu đúng là cơ quan mới dùng chung sổ này, mở sổ: vanban register start --issuer {} --year {} --next 1",
                                series.issuer, series.year
                            ),
                            format!(
                                "fix `symbol`; if it really is another body sharing this register, open its series: vanban register start --issuer {} --year {} --next 1",
                                series.issuer, series.year
                            ),
                        ),
                        "symbol",
                    )]));
                }
                tx.execute(
                    "INSERT INTO issuers(code, name) VALUES (?1, ?2)",
                    params![series.issuer, doc_name],
                )
                .map_err(db)?;
            }
            Some(n) if n.is_empty() => {
                tx.execute(
                    "UPDATE issuers SET name=?2 WHERE code=?1",
                    params![series.issuer, doc_name],
                )
                .map_err(db)?;
            }
            Some(n) if text::loose_key(&n) != text::loose_key(&doc_name) => {
                return Err(Failure::Document(vec![bi_diag(
                    &name,
                    Severity::Error,
                    Bi::new(
                        format!(
                            "mã cơ quan `{}` trong sổ đăng ký là của \"{n}\", nhưng văn bản ghi cơ quan ban hành \"{doc_name}\"",
                            series.issuer
                        ),
                        format!(
                            "the issuer code `{}` belongs in the register to \"{n}\", but the document's issuing body is \"{doc_name}\"",
                            series.issuer
                        ),
                    ),
                    Bi::new(
                        "sửa `issuer.name` hoặc `symbol` cho khớp; mỗi cơ quan ban hành có một sổ (một mã) riêng",
                        "make `issuer.name` and `symbol` agree; each issuing body has its own series (its own code)",
                    ),
                    "issuer.name",
                )]));
            }
            Some(_) => {}
        }
        let next: Option<u32> = tx
            .query_row(
                "SELECT next FROM series WHERE issuer=?1 AND year=?2 AND secret=?3",
                params![series.issuer, series.year, series.secret],
                |r| r.get(0),
            )
            .optional()
            .map_err(db)?;
        let number = next.unwrap_or(1);
        let later: Option<i32> = tx
            .query_row(
                "SELECT max(year) FROM entries WHERE issuer=?1 AND secret=?2",
                params![series.issuer, series.secret],
                |r| r.get(0),
            )
            .map_err(db)?;
        if let Some(later) = later.filter(|y| *y > series.year) {
            notes.push(bi_diag(
                &name,
                strict_sev,
                Bi::new(
                    format!(
                        "sổ {} đã có văn bản năm {later}: ngày ban hành {date_text} cấp số vào năm {} đã qua",
                        series.issuer, series.year
                    ),
                    format!(
                        "the series {} already has documents of {later}: the issue date {date_text} numbers it in the past year {}",
                        series.issuer, series.year
                    ),
                ),
                Bi::new("kiểm tra --date", "check --date"),
                "date",
            ));
        }
        let last: Option<String> = tx
            .query_row(
                "SELECT max(date) FROM entries WHERE issuer=?1 AND year=?2 AND secret=?3",
                params![series.issuer, series.year, series.secret],
                |r| r.get(0),
            )
            .map_err(db)?;
        let iso = job.date.format("%Y-%m-%d").to_string();
        if let Some(last) = last.filter(|l| *l > iso) {
            let shown = NaiveDate::parse_from_str(&last, "%Y-%m-%d")
                .map(|d| DateSpec::from(d).short())
                .unwrap_or(last);
            notes.push(bi_diag(
                &name,
                strict_sev,
                Bi::new(
                    format!(
                        "ngày ban hành {date_text} trước ngày của văn bản đã cấp số gần nhất trong sổ {} ({shown}): số văn bản đi theo thứ tự ban hành (NĐ 30/2020, Điều 15)",
                        series.describe().vi
                    ),
                    format!(
                        "the issue date {date_text} is before that of the last document issued in the series {} ({shown}): numbers follow the order of issue (Decree 30/2020, art. 15)",
                        series.describe().en
                    ),
                ),
                if job.strict {
                    Bi::new(
                        "kiểm tra --date; nếu đúng là như vậy, bỏ --strict để vẫn cấp số (có cảnh báo)",
                        "check --date; if it is right, drop --strict to issue anyway (with a warning)",
                    )
                } else {
                    Bi::new(
                        "kiểm tra --date; --strict từ chối cấp số trong trường hợp này",
                        "check --date; --strict refuses to issue in this case",
                    )
                },
                "date",
            ));
        }
        if notes.iter().any(Diagnostic::is_error) {
            return Err(Failure::Document(notes));
        }

        // 3. Render with the number, write the temporaries.
        let loaded = pipeline::load_patched(&job.source, res, Stage::Final, &mut |i| {
            i.number = Some(Scalar::Int(i64::from(number)));
            i.date = Some(Scalar::Text(date_text.clone()));
        })
        .map_err(Failure::Document)?;
        let made = pipeline::make_loaded(&name, &loaded, res, &opts).map_err(Failure::Document)?;
        let doc = &loaded.doc;
        let number_symbol = if party {
            format!("{}-{}", doc.number, doc.symbol)
        } else {
            format!("{}/{}", doc.number, doc.symbol)
        };
        let stem = format!(
            "{number:02}-{}-{}{}",
            text::slug(&doc.symbol),
            series.year,
            if series.secret { "-mat" } else { "" }
        );
        let mut staged: Vec<(PathBuf, PathBuf, &'static str, &[u8])> = Vec::new();
        for (format, bytes) in &made.files {
            let target = job.out.file(&stem, *format);
            let file_name = target
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let taken: bool = tx
                .query_row(
                    "SELECT count(*) FROM files WHERE path=?1",
                    params![target.to_string_lossy()],
                    |r| r.get::<_, i64>(0),
                )
                .map_err(db)?
                > 0;
            if taken || std::fs::symlink_metadata(&target).is_ok() {
                return Err(Failure::Document(vec![bi_diag(
                    &name,
                    Severity::Error,
                    Bi::new(
                        format!(
                            "đã có tệp {}: văn bản đã cấp không bao giờ bị ghi đè",
                            target.display()
                        ),
                        format!(
                            "{} already exists: an issued document is never overwritten",
                            target.display()
                        ),
                    ),
                    Bi::new(
                        "chọn thư mục kết quả khác bằng -o THƯ_MỤC (số chưa bị dùng)",
                        "choose another output folder with -o DIR (no number was used)",
                    ),
                    "number",
                )]));
            }
            let part = job
                .out
                .path()
                .join(format!("{PART_PREFIX}{file_name}{PART_SUFFIX}"));
            staged.push((target, part, format.extension(), bytes));
        }
        for (target, part, _, bytes) in &staged {
            if let Err(e) = write_part(part, bytes) {
                for (_, p, _, _) in &staged {
                    let _ = std::fs::remove_file(p);
                }
                return Err(Failure::Document(vec![crate::output::write_error(
                    &name, target, &e,
                )]));
            }
        }

        // 4. Record and commit.
        let signer = doc
            .signatures
            .iter()
            .map(|s| s.name.clone())
            .filter(|n| !n.is_empty())
            .collect::<Vec<_>>()
            .join("; ");
        let mut recipients = Vec::new();
        for line in &doc.distribution {
            if text::loose_key(&line.text) == text::loose_key("Như trên")
                && !doc.recipients.is_empty()
            {
                recipients.extend(doc.recipients.iter().cloned());
            } else {
                recipients.push(line.text.clone());
            }
        }
        let recipients = serde_json::to_string(&recipients).unwrap_or_else(|_| "[]".into());
        let kind_name = if doc.kind.name.is_empty() {
            "Công văn".to_string()
        } else {
            text::capitalise(&doc.kind.name.to_lowercase())
        };
        let record = (|| -> rusqlite::Result<()> {
            tx.execute(
                "INSERT INTO entries(issuer, year, secret, number, number_symbol, symbol, date, kind, kind_name,
                    subject, signer, recipients, archive, copies, secrecy, input_name, input_data, recorded_at, placed)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, 0)",
                params![
                    series.issuer,
                    series.year,
                    series.secret,
                    number,
                    number_symbol,
                    doc.symbol,
                    iso,
                    doc.kind.id,
                    kind_name,
                    doc.subject,
                    signer,
                    recipients,
                    doc.archive,
                    doc.copies,
                    doc.secrecy.as_ref().map(|s| s.text.clone()),
                    name.to_string_lossy(),
                    loaded.text,
                    now(),
                ],
            )?;
            let id = tx.last_insert_rowid();
            for (target, part, ext, bytes) in &staged {
                tx.execute(
                    "INSERT INTO files(entry, format, path, part, sha256, bytes) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![
                        id,
                        ext,
                        target.to_string_lossy(),
                        part.to_string_lossy(),
                        sha256_hex(bytes),
                        bytes.len() as i64
                    ],
                )?;
            }
            tx.execute(
                "INSERT INTO series(issuer, year, secret, next) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT(issuer, year, secret) DO UPDATE SET next=excluded.next",
                params![series.issuer, series.year, series.secret, number + 1],
            )?;
            Ok(())
        })();
        let committed = record.and_then(|()| {
            fault("before-commit");
            tx.commit()
        });
        if let Err(e) = committed {
            for (_, p, _, _) in &staged {
                let _ = std::fs::remove_file(p);
            }
            return Err(Failure::Register(Error::db(&self.path, &e)));
        }
        fault("after-commit");

        // 5. Into place.
        let mut files = Vec::new();
        let mut all_placed = true;
        for (target, part, ext, bytes) in &staged {
            let sha = sha256_hex(bytes);
            match place(part, target, &sha) {
                Ok(true) => files.push(Written::of(target.clone(), ext, bytes)),
                _ => all_placed = false,
            }
        }
        sync_dir(job.out.path());
        fault("after-rename");
        let mut warnings = notes;
        warnings.extend(made.warnings);
        if all_placed {
            // Not fatal: the next opening of the register marks it.
            let _ = self.conn.execute(
                "UPDATE entries SET placed=1 WHERE issuer=?1 AND year=?2 AND secret=?3 AND number=?4",
                params![series.issuer, series.year, series.secret, number],
            );
        } else {
            warnings.push(bi_diag(
                &name,
                Severity::Error,
                Bi::new(
                    format!("số {number_symbol} đã được cấp và ghi sổ, nhưng chưa đặt được tệp vào {}", job.out.path().display()),
                    format!("number {number_symbol} was issued and recorded, but its files could not be put in {}", job.out.path().display()),
                ),
                Bi::new(
                    "kiểm tra thư mục -o rồi chạy `vanban register`: vanban sẽ đặt lại tệp từ các tệp .part",
                    "check the -o folder, then run `vanban register`: vanban puts the files in place from the .part files",
                ),
                "number",
            ));
        }
        Ok(Issued {
            series,
            number,
            number_symbol,
            date: job.date,
            files,
            warnings,
        })
    }
}
