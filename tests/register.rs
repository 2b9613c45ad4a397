//! The register of issued documents, through the binary: `vanban issue` numbers drafts
//! once per series, concurrent processes never share a number, a killed run loses nothing,
//! `vanban register` starts, cancels and exports (XLSX, PDF, CSV).

mod common;

use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use sha2::{Digest, Sha256};

fn fixture(name: &str) -> String {
    common::root()
        .join("tests/fixtures/register")
        .join(name)
        .display()
        .to_string()
}

/// Run vanban with extra environment variables.
fn run_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(common::bin());
    c.args(args).env_remove("VANBAN_FAULT");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("vanban runs")
}

fn run(args: &[&str]) -> Output {
    run_env(args, &[])
}

fn text(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// A temporary folder with the register and the output folder.
struct Office {
    dir: tempfile::TempDir,
}

impl Office {
    fn new() -> Self {
        Office {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }
    fn reg(&self) -> String {
        self.dir.path().join("so-di.sqlite").display().to_string()
    }
    fn out(&self) -> PathBuf {
        self.dir.path().join("out")
    }

    /// `vanban issue FILES --date DATE` with this office's register and output folder.
    fn issue(&self, files: &[&str], date: &str, extra: &[&str]) -> Output {
        self.issue_env(files, date, extra, &[])
    }

    fn issue_env(
        &self,
        files: &[&str],
        date: &str,
        extra: &[&str],
        env: &[(&str, &str)],
    ) -> Output {
        let out = self.out().display().to_string();
        let reg = self.reg();
        let mut args = vec!["issue"];
        args.extend_from_slice(files);
        args.extend_from_slice(&["-o", &out, "--register", &reg, "--date", date]);
        args.extend_from_slice(extra);
        run_env(&args, env)
    }

    /// `vanban register ARGS` on this office's register.
    fn register(&self, args: &[&str]) -> Output {
        let reg = self.reg();
        let mut a = vec!["register"];
        a.extend_from_slice(args);
        a.extend_from_slice(&["--register", &reg]);
        run(&a)
    }

    /// The register as CSV records (header dropped).
    fn csv(&self, args: &[&str]) -> Vec<Vec<String>> {
        let mut a = vec!["--format", "csv"];
        a.extend_from_slice(args);
        let o = self.register(&a);
        assert!(o.status.success(), "{}", text(&o).1);
        let mut r = csv::Reader::from_reader(&o.stdout[..]);
        r.records()
            .map(|x| x.expect("csv record").iter().map(str::to_string).collect())
            .collect()
    }
}

/// The numbers `vanban issue` printed ("Số 07/UBND-VP ngày …").
fn numbers(stdout: &str) -> Vec<u32> {
    stdout
        .lines()
        .filter_map(|l| l.strip_prefix("Số ")?.split('/').next()?.parse().ok())
        .collect()
}

fn sha(path: &Path) -> String {
    let bytes = std::fs::read(path).expect("file exists");
    Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn parts_in(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|l| {
            l.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".part"))
                .collect()
        })
        .unwrap_or_default()
}

/// Every entry's files exist with the SHA-256 the register recorded (CSV columns 12, 13).
fn files_match(rows: &[Vec<String>]) {
    for r in rows {
        let paths: Vec<&str> = r[11].split("; ").collect();
        let shas: Vec<&str> = r[12].split("; ").collect();
        assert_eq!(paths.len(), shas.len(), "{r:?}");
        for (p, s) in paths.iter().zip(&shas) {
            assert_eq!(sha(Path::new(p)), *s, "{p}");
        }
    }
}

#[test]
fn issue_numbers_renders_and_records() {
    let o = Office::new();
    let cv = fixture("cong-van.yaml");
    let before = std::fs::read(&cv).unwrap();
    let r = o.issue(&[&cv, &cv], "05/01/2026", &[]);
    let (out, err) = text(&r);
    assert!(r.status.success(), "{err}");
    assert_eq!(numbers(&out), vec![1, 2], "{out}");
    // the draft is not touched; the final files carry the number and the date
    assert_eq!(std::fs::read(&cv).unwrap(), before);
    let pdf = o.out().join("02-ubnd-vp-2026.pdf");
    let t = common::run("pdftotext", &[&pdf.display().to_string(), "-"]);
    assert!(t.contains("Số: 02/UBND-VP"), "{t}");
    assert!(t.contains("ngày 05 tháng 01 năm 2026"), "{t}");
    assert!(!t.contains("DỰ THẢO"));
    let d = common::docx_text(&o.out().join("02-ubnd-vp-2026.docx"));
    assert!(d.contains("02/UBND-VP"), "{d}");
    // the register: number and symbol, date, kind and subject, signer, recipients
    // ("Như trên" expanded to the Kính gửi), archive, copies, and the files' SHA-256
    let rows = o.csv(&["--year", "2026"]);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0][0], "01/UBND-VP");
    assert_eq!(rows[0][1], "05/01/2026");
    assert_eq!(rows[0][2], "Công văn V/v báo cáo kết quả tháng");
    assert_eq!(rows[0][3], "Nguyễn Văn An");
    assert_eq!(rows[0][4], "Sở Nội vụ; Lãnh đạo Văn phòng");
    assert_eq!(rows[0][5], "VT, TH");
    assert_eq!(rows[0][6], "3");
    files_match(&rows);
    assert!(parts_in(&o.out()).is_empty());
}

#[test]
fn numbering_across_a_year_boundary() {
    let o = Office::new();
    let cv = fixture("cong-van.yaml");
    let a = o.issue(&[&cv, &cv], "30/12/2026", &[]);
    assert_eq!(numbers(&text(&a).0), vec![1, 2], "{}", text(&a).1);
    // the draft says 2026, the issue date is in 2027: refused with --strict, no number used
    let s = o.issue(&[&cv], "02/01/2027", &["--strict"]);
    assert_eq!(s.status.code(), Some(1));
    assert!(text(&s).1.contains("năm 2027"), "{}", text(&s).1);
    // without --strict a warning, and the 2027 series starts at 01
    let b = o.issue(&[&cv, &cv], "02/01/2027", &[]);
    let (out, err) = text(&b);
    assert!(b.status.success(), "{err}");
    assert_eq!(numbers(&out), vec![1, 2], "{out}");
    assert!(
        err.contains("cảnh báo") && err.contains("số bắt đầu lại từ 01"),
        "{err}"
    );
    // a late 2026 document after 2027 began: still 2026's next number, with a warning
    let c = o.issue(&[&cv], "31/12/2026", &[]);
    assert_eq!(numbers(&text(&c).0), vec![3]);
    assert!(
        text(&c).1.contains("đã có văn bản năm 2027"),
        "{}",
        text(&c).1
    );
    assert_eq!(o.csv(&["--year", "2026"]).len(), 3);
    let y27 = o.csv(&["--year", "2027"]);
    assert_eq!(
        y27.iter().map(|r| r[0].clone()).collect::<Vec<_>>(),
        ["01/UBND-VP", "02/UBND-VP"]
    );
    assert!(o.out().join("01-ubnd-vp-2027.pdf").is_file());
    assert!(o.out().join("01-ubnd-vp-2026.pdf").is_file());
}

#[test]
fn secret_documents_have_their_own_series() {
    let o = Office::new();
    let (cv, mat) = (fixture("cong-van.yaml"), fixture("mat.yaml"));
    let r = o.issue(&[&cv, &mat, &cv, &mat], "05/01/2026", &[]);
    let (out, err) = text(&r);
    assert!(r.status.success(), "{err}");
    assert_eq!(numbers(&out), vec![1, 1, 2, 2], "{out}");
    let secret = o.csv(&["--secret"]);
    assert_eq!(secret.len(), 2);
    assert!(secret[0][7].contains("MẬT"), "{:?}", secret[0]);
    assert_eq!(o.csv(&[]).len(), 2);
    assert!(o.out().join("02-ubnd-vp-2026-mat.pdf").is_file());
    let t = common::run(
        "pdftotext",
        &[
            &o.out()
                .join("01-ubnd-vp-2026-mat.pdf")
                .display()
                .to_string(),
            "-",
        ],
    );
    assert!(t.contains("MẬT") && t.contains("Số: 01/UBND-VP"), "{t}");
}

#[test]
fn cancel_and_restart() {
    let o = Office::new();
    let cv = fixture("cong-van.yaml");
    // an office that switches to vanban in the middle of the year
    let s = o.register(&[
        "start", "--issuer", "UBND", "--year", "2026", "--next", "145",
    ]);
    assert!(s.status.success(), "{}", text(&s).1);
    let r = o.issue(&[&cv, &cv, &cv], "05/03/2026", &[]);
    assert_eq!(numbers(&text(&r).0), vec![145, 146, 147]);
    let c = o.register(&[
        "cancel",
        "146",
        "--issuer",
        "UBND",
        "--year",
        "2026",
        "--reason",
        "Ban hành nhầm",
    ]);
    assert!(c.status.success(), "{}", text(&c).1);
    assert!(text(&c).0.contains("146/UBND-VP"));
    // cancelled: recorded, never given again
    let r = o.issue(&[&cv], "06/03/2026", &[]);
    assert_eq!(numbers(&text(&r).0), vec![148]);
    let rows = o.csv(&[]);
    let row = rows
        .iter()
        .find(|r| r[0] == "146/UBND-VP")
        .expect("146 listed");
    assert!(
        row[7].contains("Đã hủy") && row[7].contains("Ban hành nhầm"),
        "{row:?}"
    );
    // twice, or a number never issued: refused
    let again = o.register(&[
        "cancel", "146", "--issuer", "UBND", "--year", "2026", "--reason", "x",
    ]);
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again).1.contains("đã bị hủy"), "{}", text(&again).1);
    let none = o.register(&[
        "cancel", "99", "--issuer", "UBND", "--year", "2026", "--reason", "x",
    ]);
    assert_eq!(none.status.code(), Some(1));
    // a restart never goes back over used numbers
    let back = o.register(&[
        "start", "--issuer", "UBND", "--year", "2026", "--next", "146",
    ]);
    assert_eq!(back.status.code(), Some(1));
    assert!(
        text(&back).1.contains("không bắt đầu lại"),
        "{}",
        text(&back).1
    );
    let en = run(&[
        "register",
        "start",
        "--issuer",
        "UBND",
        "--year",
        "2026",
        "--next",
        "2",
        "--register",
        &o.reg(),
        "--lang",
        "en",
    ]);
    assert!(text(&en).1.contains("cannot restart"), "{}", text(&en).1);
    let fwd = o.register(&[
        "start", "--issuer", "UBND", "--year", "2026", "--next", "200",
    ]);
    assert!(fwd.status.success());
    let r = o.issue(&[&cv], "07/03/2026", &[]);
    assert_eq!(numbers(&text(&r).0), vec![200]);
}

#[test]
fn bad_input_uses_no_number() {
    let o = Office::new();
    let cv = fixture("cong-van.yaml");
    let dir = o.dir.path();
    let r = o.issue(&[&cv], "05/01/2026", &[]);
    assert_eq!(numbers(&text(&r).0), vec![1]);
    // a symbol of another body; an issuer name that does not match the code's
    let other = dir.join("so-khac.yaml");
    let src = std::fs::read_to_string(&cv).unwrap();
    std::fs::write(&other, src.replace("symbol: UBND-VP", "symbol: SNV-VP")).unwrap();
    let wrong = dir.join("ten-khac.yaml");
    std::fs::write(&wrong, src.replace("TỈNH HÀ TĨNH", "TỈNH NGHỆ AN")).unwrap();
    // a document with an error (no signer) between good ones
    let broken = dir.join("loi.yaml");
    std::fs::write(&broken, src.replace("  name: Nguyễn Văn An\n", "")).unwrap();
    let (o1, o2, o3) = (
        other.display().to_string(),
        wrong.display().to_string(),
        broken.display().to_string(),
    );
    let r = o.issue(&[&cv, &o1, &o2, &o3, &cv], "06/01/2026", &[]);
    let (out, err) = text(&r);
    assert_eq!(r.status.code(), Some(1));
    assert_eq!(numbers(&out), vec![2, 3], "{out}\n{err}");
    assert!(err.contains("sổ đăng ký chỉ có sổ của: UBND"), "{err}");
    assert!(err.contains("TỈNH NGHỆ AN"), "{err}");
    assert!(err.contains("không số nào bị dùng"), "{err}");
    // the same in English
    let en = o.issue(&[&o1], "06/01/2026", &["--lang", "en"]);
    assert!(
        text(&en)
            .1
            .contains("the register only has series of: UBND"),
        "{}",
        text(&en).1
    );
    // a date before the last one: a warning, or refused with --strict
    let s = o.issue(&[&cv], "04/01/2026", &["--strict"]);
    assert_eq!(s.status.code(), Some(1));
    assert!(
        text(&s)
            .1
            .contains("trước ngày của văn bản đã cấp số gần nhất")
    );
    let w = o.issue(&[&cv], "04/01/2026", &[]);
    assert!(w.status.success());
    assert_eq!(numbers(&text(&w).0), vec![4]);
    assert!(text(&w).1.contains("cảnh báo"));
    // a file already in place is never overwritten (a register reset): refused, no number
    let o2 = Office::new();
    std::fs::create_dir_all(o2.out()).unwrap();
    std::fs::write(o2.out().join("01-ubnd-vp-2026.pdf"), b"old").unwrap();
    let e = o2.issue(&[&cv], "05/01/2026", &[]);
    assert_eq!(e.status.code(), Some(1));
    assert!(
        text(&e).1.contains("không bao giờ bị ghi đè"),
        "{}",
        text(&e).1
    );
    assert_eq!(
        std::fs::read(o2.out().join("01-ubnd-vp-2026.pdf")).unwrap(),
        b"old"
    );
    assert!(o2.csv(&[]).is_empty());
    // a bad --date is a usage error
    let d = o.issue(&[&cv], "31/02/2026", &[]);
    assert_eq!(d.status.code(), Some(2));
}

#[test]
fn locked_corrupt_and_foreign_registers() {
    let o = Office::new();
    let cv = fixture("cong-van.yaml");
    assert!(o.issue(&[&cv], "05/01/2026", &[]).status.success());
    // another process holds the write lock: the issue waits, then says so; nothing is used
    {
        let conn = rusqlite::Connection::open(o.reg()).unwrap();
        conn.execute_batch("BEGIN EXCLUSIVE").unwrap();
        let r = o.issue_env(&[&cv], "06/01/2026", &[], &[("VANBAN_REGISTER_WAIT", "1")]);
        assert_eq!(r.status.code(), Some(1));
        assert!(
            text(&r).1.contains("đang bị một tiến trình khác giữ"),
            "{}",
            text(&r).1
        );
        let en = o.issue_env(
            &[&cv],
            "06/01/2026",
            &["--lang", "en"],
            &[("VANBAN_REGISTER_WAIT", "1")],
        );
        assert!(
            text(&en).1.contains("held (locked) by another process"),
            "{}",
            text(&en).1
        );
        conn.execute_batch("ROLLBACK").unwrap();
    }
    let r = o.issue(&[&cv], "06/01/2026", &[]);
    assert_eq!(numbers(&text(&r).0), vec![2], "{}", text(&r).1);
    // a damaged file: refused, left as it is
    let bad = o.dir.path().join("hong.sqlite");
    std::fs::write(
        &bad,
        b"this is not a database, it was overwritten by mistake",
    )
    .unwrap();
    let b = run(&[
        "issue",
        &cv,
        "-o",
        &o.out().display().to_string(),
        "--register",
        &bad.display().to_string(),
    ]);
    assert_eq!(b.status.code(), Some(1));
    assert!(text(&b).1.contains("bị hỏng"), "{}", text(&b).1);
    assert_eq!(
        std::fs::read(&bad).unwrap(),
        b"this is not a database, it was overwritten by mistake"
    );
    // a SQLite file of another program
    let foreign = o.dir.path().join("khac.sqlite");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE t(x)")
        .unwrap();
    let f = run(&["register", "--register", &foreign.display().to_string()]);
    assert_eq!(f.status.code(), Some(1));
    assert!(
        text(&f).1.contains("không phải sổ đăng ký của vanban"),
        "{}",
        text(&f).1
    );
    // a register that cannot be created (its folder's place is a file)
    let blocked = o.dir.path().join("tep").join("so.sqlite");
    std::fs::write(o.dir.path().join("tep"), b"x").unwrap();
    let c = run(&[
        "issue",
        &cv,
        "-o",
        &o.out().display().to_string(),
        "--register",
        &blocked.display().to_string(),
    ]);
    assert_eq!(c.status.code(), Some(1));
    assert!(
        text(&c).1.contains("không tạo được thư mục"),
        "{}",
        text(&c).1
    );
    // listing a register that does not exist creates nothing
    let missing = o.dir.path().join("chua-co.sqlite");
    let m = run(&["register", "--register", &missing.display().to_string()]);
    assert_eq!(m.status.code(), Some(1));
    assert!(!missing.exists());
}

/// A read-only register folder (only meaningful when not running as root).
#[cfg(unix)]
#[test]
fn read_only_register() {
    use std::os::unix::fs::PermissionsExt;
    let o = Office::new();
    let cv = fixture("cong-van.yaml");
    assert!(o.issue(&[&cv], "05/01/2026", &[]).status.success());
    let ro = o.dir.path().join("ro");
    std::fs::create_dir(&ro).unwrap();
    let reg = ro.join("so.sqlite");
    std::fs::copy(o.reg(), &reg).unwrap();
    std::fs::set_permissions(&reg, std::fs::Permissions::from_mode(0o444)).unwrap();
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
    if std::fs::write(ro.join("probe"), b"x").is_ok() {
        // root ignores permissions: nothing to test here
        let _ = std::fs::remove_file(ro.join("probe"));
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).unwrap();
        return;
    }
    let r = run(&[
        "issue",
        &cv,
        "-o",
        &o.out().display().to_string(),
        "--register",
        &reg.display().to_string(),
        "--date",
        "06/01/2026",
    ]);
    assert_eq!(r.status.code(), Some(1));
    assert!(
        text(&r).1.contains("không ghi được vào sổ đăng ký"),
        "{}",
        text(&r).1
    );
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn a_fault_before_or_after_the_commit_loses_nothing() {
    let o = Office::new();
    let cv = fixture("cong-van.yaml");
    // killed before the commit: no number used, the parts are removed by the next issue
    let k = o.issue_env(
        &[&cv],
        "05/01/2026",
        &[],
        &[("VANBAN_FAULT", "before-commit")],
    );
    assert!(!k.status.success());
    assert_eq!(parts_in(&o.out()).len(), 2, "the killed run left its parts");
    assert!(o.csv(&[]).is_empty());
    let r = o.issue(&[&cv], "05/01/2026", &[]);
    assert_eq!(numbers(&text(&r).0), vec![1]);
    assert!(parts_in(&o.out()).is_empty());
    // killed after the commit, before the rename: the number is kept, and the next opening
    // of the register puts the files in place from the parts
    let k = o.issue_env(
        &[&cv],
        "06/01/2026",
        &[],
        &[("VANBAN_FAULT", "after-commit")],
    );
    assert!(!k.status.success());
    assert!(!o.out().join("02-ubnd-vp-2026.pdf").exists());
    let rows = o.csv(&[]);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1][0], "02/UBND-VP");
    assert!(o.out().join("02-ubnd-vp-2026.pdf").is_file());
    files_match(&o.csv(&[]));
    assert!(!o.csv(&[])[1][7].contains("chưa đặt"));
    let r = o.issue(&[&cv], "07/01/2026", &[]);
    assert_eq!(numbers(&text(&r).0), vec![3]);
    assert!(parts_in(&o.out()).is_empty());
}

#[test]
fn a_kill_at_a_random_moment_loses_nothing() {
    let o = Office::new();
    let cv = fixture("cong-van.yaml");
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let mut total = 0;
    for round in 0..3u32 {
        let files: Vec<&str> = std::iter::repeat_n(cv.as_str(), 40).collect();
        let out = o.out().display().to_string();
        let reg = o.reg();
        let mut args = vec!["issue"];
        args.extend_from_slice(&files);
        args.extend_from_slice(&["-o", &out, "--register", &reg, "--date", "05/01/2026"]);
        let mut child = Command::new(common::bin())
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        let ms =
            150 + u64::from((seed.wrapping_mul(2_654_435_761).wrapping_add(round * 7919)) % 1500);
        std::thread::sleep(std::time::Duration::from_millis(ms));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let mut printed = String::new();
        if let Some(mut s) = child.stdout.take() {
            let _ = s.read_to_string(&mut printed);
        }
        // every printed number is registered; the register's numbers run 1..=n, no gap, no
        // duplicate; every entry's files are in place with their SHA-256
        let rows = o.csv(&[]);
        let nums: Vec<u32> = rows
            .iter()
            .map(|r| r[0].split('/').next().unwrap().parse().unwrap())
            .collect();
        assert_eq!(
            nums,
            (1..=rows.len() as u32).collect::<Vec<_>>(),
            "round {round}, {ms} ms"
        );
        for n in numbers(&printed) {
            assert!(nums.contains(&n), "printed {n} is registered");
        }
        files_match(&rows);
        total = rows.len();
    }
    // the next issue continues the series and leaves no part behind
    let r = o.issue(&[&cv], "05/01/2026", &[]);
    assert_eq!(numbers(&text(&r).0), vec![total as u32 + 1]);
    assert!(parts_in(&o.out()).is_empty(), "{:?}", parts_in(&o.out()));
}

#[test]
fn concurrent_issue_gives_distinct_consecutive_numbers() {
    let o = Office::new();
    let cv = fixture("cong-van.yaml");
    let out = o.out().display().to_string();
    let reg = o.reg();
    let files: Vec<&str> = std::iter::repeat_n(cv.as_str(), 50).collect();
    let children: Vec<_> = (0..4)
        .map(|_| {
            let mut args = vec!["issue"];
            args.extend_from_slice(&files);
            args.extend_from_slice(&["-o", &out, "--register", &reg, "--date", "05/01/2026"]);
            Command::new(common::bin())
                .args(&args)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    let mut all = Vec::new();
    for c in children {
        let o = c.wait_with_output().expect("wait");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let mine = numbers(&String::from_utf8_lossy(&o.stdout));
        assert_eq!(mine.len(), 50);
        // each process's numbers rise in the order of its files
        assert!(mine.windows(2).all(|w| w[0] < w[1]), "{mine:?}");
        all.extend(mine);
    }
    let set: BTreeSet<u32> = all.iter().copied().collect();
    assert_eq!(set.len(), 200, "no number twice");
    assert_eq!(set, (1..=200).collect::<BTreeSet<_>>(), "no gap");
    let rows = o.csv(&[]);
    assert_eq!(rows.len(), 200);
    files_match(&rows);

    // the register of 200 documents as XLSX and PDF
    let xlsx = o.dir.path().join("so.xlsx");
    let x = o.register(&[
        "--year",
        "2026",
        "--format",
        "xlsx",
        "-o",
        &xlsx.display().to_string(),
    ]);
    assert!(x.status.success(), "{}", text(&x).1);
    let f = std::fs::File::open(&xlsx).unwrap();
    let mut z = zip::ZipArchive::new(f).expect("xlsx is a zip");
    let mut parts = std::collections::BTreeMap::new();
    for i in 0..z.len() {
        let mut e = z.by_index(i).unwrap();
        let mut s = String::new();
        e.read_to_string(&mut s).unwrap();
        // every part is well-formed XML
        let mut r = quick_xml::Reader::from_str(&s);
        loop {
            match r.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(err) => panic!("{}: {err}", e.name()),
            }
        }
        parts.insert(e.name().to_string(), s);
    }
    let sheet = &parts["xl/worksheets/sheet1.xml"];
    for col in [
        "Số, ký hiệu văn bản",
        "Người ký",
        "Nơi nhận văn bản",
        "Số lượng bản",
        "Ghi chú",
    ] {
        assert!(sheet.contains(col), "{col}");
    }
    assert!(sheet.contains("SỔ ĐĂNG KÝ VĂN BẢN ĐI"));
    assert!(sheet.contains("200/UBND-VP") && sheet.contains("01/UBND-VP"));
    assert_eq!(sheet.matches("<row ").count(), 203);
    assert!(sheet.contains("orientation=\"landscape\""));
    assert!(parts["xl/workbook.xml"].contains("_xlnm.Print_Titles"));
    assert!(parts["[Content_Types].xml"].contains("spreadsheetml.sheet.main+xml"));
    // read back by a spreadsheet reader (calamine), cell by cell
    {
        use calamine::Reader;
        let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).expect("calamine opens it");
        let range = wb.worksheet_range("Sổ đăng ký").expect("the sheet");
        let cell = |r: u32, c: u32| {
            range
                .get_value((r, c))
                .map(|v| v.to_string())
                .unwrap_or_default()
        };
        assert_eq!(cell(0, 0), "SỔ ĐĂNG KÝ VĂN BẢN ĐI");
        assert_eq!(cell(2, 3), "Người ký");
        assert_eq!(cell(3, 0), "01/UBND-VP");
        assert_eq!(cell(202, 0), "200/UBND-VP");
        assert_eq!(cell(202, 6), "3");
    }

    let pdf = o.dir.path().join("so.pdf");
    let p = o.register(&[
        "--year",
        "2026",
        "--format",
        "pdf",
        "-o",
        &pdf.display().to_string(),
    ]);
    assert!(p.status.success(), "{}", text(&p).1);
    let words = common::pdf_words(&pdf);
    let pages = words.iter().map(|w| w.page).max().unwrap_or(0);
    assert!(pages >= 3, "{pages} pages");
    assert!(words.iter().all(|w| w.page_w > w.page_h), "landscape");
    // the header row on every page
    for page in 1..=pages {
        assert!(
            words.iter().any(|w| w.page == page && w.text == "Người"),
            "header on page {page}"
        );
    }
    let t = common::run("pdftotext", &[&pdf.display().to_string(), "-"]);
    assert!(t.contains("200/UBND-VP") && t.contains("Nguyễn Văn An"));
    let fonts = common::run("pdffonts", &[&pdf.display().to_string()]);
    assert!(
        fonts.lines().skip(2).all(|l| l.contains(" yes ")),
        "{fonts}"
    );
}

#[test]
fn csv_cells_cannot_be_formulas() {
    let o = Office::new();
    let src = std::fs::read_to_string(fixture("cong-van.yaml")).unwrap();
    let f = o.dir.path().join("f.yaml");
    std::fs::write(
        &f,
        src.replace("archive: VT, TH", "archive: \"=HYPERLINK(1), VT\""),
    )
    .unwrap();
    let r = o.issue(&[&f.display().to_string()], "05/01/2026", &[]);
    assert!(r.status.success(), "{}", text(&r).1);
    let rows = o.csv(&[]);
    assert_eq!(rows[0][5], "'=HYPERLINK(1), VT");
}
