//! `vanban serve` through the binary: its address, the API (render byte-identical to the
//! CLI, check as `vanban check --format json`), the guards (host, origin, token, size, no
//! file named by a request) and the drafts database (every saved version survives a kill).

mod common;

use std::path::Path;

use common::server::{Server, data_dir, request, try_request};

fn sample(name: &str) -> Vec<u8> {
    std::fs::read(common::root().join("samples").join(name)).expect("sample")
}

#[test]
fn prints_its_address_vietnamese_first() {
    let s = Server::start(&data_dir("address"), &[]);
    assert!(
        s.first_line
            .starts_with("vanban đang chạy tại http://127.0.0.1:"),
        "{}",
        s.first_line
    );
    let page = s.get("/");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("<script src=\"/app.js\""));
    assert!(
        page.header("content-security-policy").is_some(),
        "{:?}",
        page.headers
    );
    assert_eq!(s.get("/app.js").status, 200);
    let kinds = s.get("/api/kinds").json();
    let cv = kinds
        .as_array()
        .expect("list")
        .iter()
        .find(|k| k["id"] == "cong-van")
        .expect("cong-van");
    assert!(
        cv["example"]
            .as_str()
            .expect("example")
            .contains("kind: cong-van")
    );
    // Every kind's example is a document the server can lay out.
    for k in kinds.as_array().expect("list") {
        let r = s.post(
            "/api/preview",
            k["example"].as_str().expect("text").as_bytes(),
        );
        let v = r.json();
        assert!(
            !v["pages"].as_array().expect("pages").is_empty(),
            "{}: {}",
            k["id"],
            v["diagnostics"]
        );
    }
    let schema = s.get("/api/schema").json();
    assert!(schema["properties"]["subject"]["description"].is_string());
}

#[test]
fn render_is_byte_identical_to_the_cli() {
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("serve-cli-out");
    let _ = std::fs::remove_dir_all(&out);
    let s = Server::start(&data_dir("render"), &[]);
    for name in [
        "cong-van-ubnd-huu-lung.yaml",
        "quyet-dinh-ubnd-ha-tinh.yaml",
        "ket-luan-tinh-uy-ha-tinh.yaml",
    ] {
        let path = common::root().join("samples").join(name);
        let o = common::vanban(&[
            "render",
            path.to_str().expect("path"),
            "-o",
            out.to_str().expect("out"),
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let stem = name.trim_end_matches(".yaml");
        for (format, ext, mime) in [
            ("pdf", "pdf", "application/pdf"),
            (
                "docx",
                "docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ),
        ] {
            let r = s.post(&format!("/api/render?format={format}"), &sample(name));
            assert_eq!(r.status, 200, "{name} {format}: {}", r.text());
            assert_eq!(r.header("content-type"), Some(mime));
            let cli = std::fs::read(out.join(format!("{stem}.{ext}"))).expect("cli output");
            assert!(
                r.body == cli,
                "{name}: the server's {format} differs from the CLI's"
            );
        }
    }
    // PDF/A as `--pdf-standard a2b`.
    let path = common::root().join("samples/cong-van-ubnd-huu-lung.yaml");
    let out_a = out.join("a");
    let o = common::vanban(&[
        "render",
        path.to_str().expect("path"),
        "-o",
        out_a.to_str().expect("out"),
        "--format",
        "pdf",
        "--pdf-standard",
        "a-2b",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let r = s.post(
        "/api/render?format=pdfa",
        &sample("cong-van-ubnd-huu-lung.yaml"),
    );
    let cli = std::fs::read(out_a.join("cong-van-ubnd-huu-lung.pdf")).expect("cli pdf/a");
    assert!(r.body == cli, "the server's PDF/A differs from the CLI's");
    // The pages as SVG.
    let r = s.post(
        "/api/render?format=svg&page=1",
        &sample("cong-van-ubnd-huu-lung.yaml"),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("content-type"), Some("image/svg+xml"));
    assert_eq!(r.header("x-vanban-pages"), Some("3"));
    assert!(r.text().starts_with("<svg"));
    let r = s.post(
        "/api/render?format=svg&page=9",
        &sample("cong-van-ubnd-huu-lung.yaml"),
    );
    assert_eq!(r.status, 404);
    assert!(
        r.json()[0]["message"]
            .as_str()
            .expect("message")
            .contains("có 3 trang")
    );
    // A JSON document is read as JSON.
    let json = r#"{"kind": "cong-van", "issuer": {"name": ["ỦY BAN NHÂN DÂN", "XÃ AN BÌNH"]},
        "symbol": "UBND", "place": "An Bình", "date": "7/2024", "subject": "thử API",
        "recipients": ["UBND huyện"], "body": ["Nội dung."],
        "signature": {"authority": "TM", "for": "ỦY BAN NHÂN DÂN", "title": "CHỦ TỊCH", "name": "Nguyễn Văn B"},
        "distribution": ["Như trên"], "archive": "VT"}"#
        .as_bytes();
    let r = s.request(
        "POST",
        "/api/render?format=pdf",
        &[("Content-Type", "application/json")],
        json,
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(r.body.starts_with(b"%PDF"));
}

#[test]
fn check_answers_as_vanban_check_json() {
    let dir = data_dir("check");
    let s = Server::start(&dir, &[]);
    // A document with an error (no subject) and a warning (an impossible cited date).
    let text = String::from_utf8(sample("cong-van-ubnd-huu-lung.yaml"))
        .expect("utf-8")
        .replace("subject: đẩy nhanh", "# subject: đẩy nhanh");
    let file = dir.join("van-ban.yaml");
    std::fs::write(&file, &text).expect("write");
    let o = common::vanban(&["check", "--format", "json", file.to_str().expect("path")]);
    let mut cli: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    for d in cli.as_array_mut().expect("list") {
        d["file"] = "van-ban.yaml".into();
    }
    let r = s.post("/api/check", text.as_bytes());
    assert_eq!(r.status, 200);
    assert_eq!(r.json(), cli);
    assert!(
        cli.as_array()
            .expect("list")
            .iter()
            .any(|d| d["field"] == "subject")
    );
    // render refuses it with the same error.
    let r = s.post("/api/render?format=pdf", text.as_bytes());
    assert_eq!(r.status, 422);
    let errs = r.json();
    assert!(errs.as_array().expect("list").iter().any(|d| {
        d["field"] == "subject"
            && d["severity"] == "error"
            && d["message"]
                .as_str()
                .expect("message")
                .contains("trích yếu")
    }));
    // English on request.
    let r = s.post("/api/check?lang=en", text.as_bytes());
    assert!(r.text().contains("subject"), "{}", r.text());
    // A document that does not parse: the loader's message with its line.
    let r = s.post("/api/check", b"kind: cong-van\nsubject: [unclosed\n");
    let v = r.json();
    assert_eq!(v[0]["severity"], "error");
    assert!(v[0]["line"].is_number(), "{v}");
}

#[test]
fn guards_refuse_what_they_must() {
    let s = Server::start(&data_dir("guards"), &[]);
    let doc = sample("cong-van-ubnd-huu-lung.yaml");
    // DNS rebinding: a foreign Host.
    let r = s.request("GET", "/api/drafts", &[("Host", "evil.example:80")], b"");
    assert_eq!(r.status, 403);
    assert!(
        r.json()[0]["message"]
            .as_str()
            .expect("message")
            .contains("evil.example")
    );
    // Cross-site posts.
    let r = s.request(
        "POST",
        "/api/drafts",
        &[("Origin", "http://evil.example")],
        &doc,
    );
    assert_eq!(r.status, 403);
    let r = s.request(
        "POST",
        "/api/drafts",
        &[("Sec-Fetch-Site", "cross-site")],
        &doc,
    );
    assert_eq!(r.status, 403);
    assert!(
        s.get("/api/drafts")
            .json()
            .as_array()
            .expect("list")
            .is_empty()
    );
    let origin = format!("http://{}", s.addr);
    let r = s.request("POST", "/api/check", &[("Origin", &origin)], &doc);
    assert_eq!(r.status, 200);
    // Body size.
    let big = vec![b'a'; 6 * 1024 * 1024];
    let r = s.post("/api/render", &big);
    assert_eq!(r.status, 413);
    assert!(r.text().contains("quá lớn"), "{}", r.text());
    // No request names a file: a task table read from disk is refused.
    let with_file =
        String::from_utf8(sample("cong-van-giao-nhiem-vu-huu-lung.yaml")).expect("utf-8");
    for path in ["/api/render?format=pdf", "/api/check", "/api/preview"] {
        let r = s.post(path, with_file.as_bytes());
        let text = r.text();
        assert!(
            text.contains("tasks.source") && text.contains("máy chủ không đọc tệp"),
            "{path}: {text}"
        );
    }
    // Not UTF-8, unknown format, unknown path.
    assert_eq!(s.post("/api/check", b"kind: \xff\n").status, 400);
    assert_eq!(s.post("/api/render?format=odt", &doc).status, 400);
    let r = s.get("/etc/passwd");
    assert_eq!(r.status, 404);
    assert!(r.json()[0]["message"].is_string());
}

#[test]
fn another_address_needs_the_token() {
    let s = Server::start(&data_dir("token"), &["--listen", "0.0.0.0:0"]);
    let token = s
        .url
        .split("token=")
        .nth(1)
        .expect("a printed token")
        .to_string();
    assert_eq!(token.len(), 32, "{}", s.url);
    let port = s.addr.rsplit(':').next().expect("port").to_string();
    let local = format!("127.0.0.1:{port}");
    let get = |path: &str, headers: &[(&str, &str)]| request(&local, "GET", path, headers, b"");
    let r = get("/api/drafts", &[]);
    assert_eq!(r.status, 401);
    assert!(r.text().contains("mã truy cập"));
    let bearer = format!("Bearer {token}");
    assert_eq!(
        get("/api/drafts", &[("Authorization", &bearer)]).status,
        200
    );
    assert_eq!(
        get("/api/drafts", &[("Authorization", "Bearer wrong")]).status,
        401
    );
    // The page opened with ?token= sets the cookie the page's requests then carry.
    let r = get(&format!("/?token={token}"), &[]);
    assert_eq!(r.status, 200);
    let cookie = r.header("set-cookie").expect("a cookie").to_string();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"));
    let pair = cookie.split(';').next().expect("pair");
    assert_eq!(get("/api/drafts", &[("Cookie", pair)]).status, 200);
    // A given token is used as given.
    let s2 = Server::start(
        &data_dir("token2"),
        &["--listen", "0.0.0.0:0", "--token", "bi-mat"],
    );
    assert!(s2.url.ends_with("?token=bi-mat"), "{}", s2.url);
}

#[test]
fn drafts_keep_every_version() {
    let dir = data_dir("drafts");
    let s = Server::start(&dir, &[]);
    let v1 = sample("cong-van-ubnd-huu-lung.yaml");
    let r = s.post("/api/drafts", &v1);
    assert_eq!(r.status, 201, "{}", r.text());
    let d = r.json();
    let id = d["id"].as_i64().expect("id");
    assert_eq!(d["version"], 1);
    assert_eq!(d["kind"], "cong-van");
    let v2 = String::from_utf8(v1.clone())
        .expect("utf-8")
        .replace("subject: đẩy nhanh", "subject: khẩn trương");
    let r = s.request("PUT", &format!("/api/drafts/{id}"), &[], v2.as_bytes());
    assert_eq!(r.json()["version"], 2);
    let list = s.get("/api/drafts").json();
    assert_eq!(list[0]["id"], id);
    assert_eq!(list[0]["versions"], 2);
    assert!(
        list[0]["title"]
            .as_str()
            .expect("title")
            .starts_with("khẩn trương")
    );
    assert_eq!(list[0]["date"], "7/2024");
    let versions = s.get(&format!("/api/drafts/{id}/versions")).json();
    assert_eq!(versions.as_array().expect("list").len(), 2);
    let old = s.get(&format!("/api/drafts/{id}/versions/1")).json();
    assert_eq!(old["text"].as_str().expect("text").as_bytes(), &v1[..]);
    assert_eq!(
        s.get(&format!("/api/drafts/{id}")).json()["text"],
        v2.as_str()
    );
    assert_eq!(s.get(&format!("/api/drafts/{id}/versions/7")).status, 404);
    assert_eq!(
        s.request("PUT", "/api/drafts/999", &[], b"kind: cong-van\n")
            .status,
        404
    );
    assert_eq!(
        s.request("DELETE", &format!("/api/drafts/{id}"), &[], b"")
            .status,
        204
    );
    assert_eq!(s.get(&format!("/api/drafts/{id}")).status, 404);
    assert_eq!(s.get(&format!("/api/drafts/{id}/versions")).status, 404);
    assert!(
        s.get("/api/drafts")
            .json()
            .as_array()
            .expect("list")
            .is_empty()
    );
    // Undo the delete: the draft is back with its versions; a second undo finds nothing.
    let back = s.post(&format!("/api/drafts/{id}/restore"), b"");
    assert_eq!(back.status, 200, "{}", back.text());
    assert_eq!(back.json()["text"], v2.as_str());
    assert_eq!(
        s.get(&format!("/api/drafts/{id}/versions"))
            .json()
            .as_array()
            .expect("versions")
            .len(),
        2
    );
    let again = s.post(&format!("/api/drafts/{id}/restore"), b"");
    assert_eq!(again.status, 404);
    assert!(
        again.text().contains("không có bản nháp số"),
        "{}",
        again.text()
    );
    // Deleted, then vanban restarted: gone for good.
    assert_eq!(
        s.request("DELETE", &format!("/api/drafts/{id}"), &[], b"")
            .status,
        204
    );
    s.kill();
    let s = Server::start(&dir, &[]);
    assert_eq!(
        s.post(&format!("/api/drafts/{id}/restore"), b"").status,
        404
    );
    assert!(
        s.get("/api/drafts")
            .json()
            .as_array()
            .expect("list")
            .is_empty()
    );
}

/// Save versions as fast as the server answers while it is killed with SIGKILL: after a
/// restart every answered version is there, text for text.
#[test]
fn a_kill_while_saving_loses_no_saved_version() {
    let dir = data_dir("kill");
    let s = Server::start(&dir, &[]);
    let id = s
        .post("/api/drafts", b"kind: cong-van\nsubject: v1\n")
        .json()["id"]
        .as_i64()
        .expect("id");
    let addr = s.addr.clone();
    let saver = std::thread::spawn(move || {
        let mut answered = Vec::new();
        for n in 2..100_000 {
            let text = format!(
                "kind: cong-van\nsubject: v{n}\nbody:\n  - \"{}\"\n",
                "chữ ".repeat(n % 500)
            );
            let path = format!("/api/drafts/{id}");
            match try_request(&addr, "PUT", &path, &[], text.as_bytes()) {
                Some(a) if a.status == 200 => {
                    answered.push((a.json()["version"].as_i64().expect("v"), text))
                }
                _ => break,
            }
        }
        answered
    });
    std::thread::sleep(std::time::Duration::from_millis(700));
    s.kill();
    let answered = saver.join().expect("saver");
    assert!(
        answered.len() > 5,
        "only {} saves before the kill",
        answered.len()
    );
    let s = Server::start(&dir, &[]);
    let versions = s.get(&format!("/api/drafts/{id}/versions")).json();
    let kept = versions.as_array().expect("list").len();
    assert!(
        kept > answered.len(),
        "kept {kept}, answered {}",
        answered.len() + 1
    );
    for (v, text) in answered.iter().step_by(7).chain(answered.last()) {
        let got = s.get(&format!("/api/drafts/{id}/versions/{v}")).json();
        assert_eq!(got["text"].as_str(), Some(text.as_str()), "version {v}");
    }
    // The database is whole.
    let s2 = s.get("/api/drafts").json();
    assert_eq!(s2[0]["versions"].as_i64(), Some(kept as i64));
}

/// The huu-lung sample as JSON, its task table given as `tasks` (groups and items).
fn with_tasks(tasks: &serde_json::Value) -> Vec<u8> {
    let text = String::from_utf8(sample("cong-van-giao-nhiem-vu-huu-lung.yaml")).expect("utf-8");
    let mut doc: serde_json::Value = serde_saphyr::from_str(&text).expect("yaml");
    let t = doc["tasks"].as_object_mut().expect("tasks");
    t.remove("source");
    for (k, v) in tasks.as_object().expect("tasks object") {
        t.insert(k.clone(), v.clone());
    }
    serde_json::to_vec(&doc).expect("json")
}

#[test]
fn a_task_table_opened_from_disk_makes_the_clis_pdf() {
    let s = Server::start(&data_dir("open-tasks"), &[]);
    let xlsx = s.post(
        "/api/open?name=tasks-huu-lung.xlsx",
        &sample("tasks-huu-lung.xlsx"),
    );
    assert_eq!(xlsx.status, 200, "{}", xlsx.text());
    let v = xlsx.json();
    assert_eq!(v["type"], "tasks");
    assert_eq!(v["count"], 7, "{v}");
    let items = v["tasks"]["items"].as_array().expect("items");
    assert!(
        items[0]["content"]
            .as_str()
            .expect("content")
            .starts_with("Rà soát, đánh giá các tiêu chí"),
        "{v}"
    );
    assert_eq!(v["tasks"]["groups"].as_array().expect("groups").len(), 2);
    // The CSV the workbook was made from reads the same.
    let csv = s.post(
        "/api/open?name=tasks-huu-lung.csv",
        &sample("tasks-huu-lung.csv"),
    );
    assert_eq!(csv.json()["tasks"], v["tasks"]);

    // The document with the uploaded table renders byte for byte as the CLI renders the
    // sample, whose `tasks.source` names the workbook.
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("serve-open-tasks");
    let _ = std::fs::remove_dir_all(&out);
    let path = common::root().join("samples/cong-van-giao-nhiem-vu-huu-lung.yaml");
    let o = common::vanban(&[
        "render",
        path.to_str().expect("path"),
        "--split",
        "-o",
        out.to_str().expect("out"),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let doc = with_tasks(&v["tasks"]);
    let pdf = s.request(
        "POST",
        "/api/render?format=pdf",
        &[("Content-Type", "application/json")],
        &doc,
    );
    assert_eq!(pdf.status, 200, "{}", pdf.text());
    let cli = std::fs::read(out.join("cong-van-giao-nhiem-vu-huu-lung.pdf")).expect("cli pdf");
    assert!(pdf.body == cli, "the PDF differs from the CLI's");

    // The per-unit extracts and calendars as a zip: the files of `render --split`, each
    // byte for byte.
    let zip = s.request(
        "POST",
        "/api/extracts?name=cong-van-giao-nhiem-vu-huu-lung",
        &[("Content-Type", "application/json")],
        &doc,
    );
    assert_eq!(zip.status, 200, "{}", zip.text());
    assert_eq!(zip.header("content-type"), Some("application/zip"));
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip.body.clone())).expect("a zip");
    let mut names = Vec::new();
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).expect("entry");
        let name = f.name().to_string();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut f, &mut bytes).expect("read entry");
        let cli = std::fs::read(out.join(&name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(bytes == cli, "{name} differs from the CLI's");
        names.push(name);
    }
    let folder = out.join("cong-van-giao-nhiem-vu-huu-lung-theo-don-vi");
    let cli_files = std::fs::read_dir(&folder).expect("folder").count();
    assert_eq!(names.len(), cli_files + 1, "{names:?}");
    assert!(names.iter().any(|n| n.ends_with(".ics")));
    assert!(
        names.iter().any(
            |n| n == "cong-van-giao-nhiem-vu-huu-lung-theo-don-vi/phong-tai-chinh-ke-hoach.pdf"
        ),
        "{names:?}"
    );

    // A document without a task table has no extracts: the CLI's message.
    let none = s.post("/api/extracts", &sample("cong-van-ubnd-huu-lung.yaml"));
    assert_eq!(none.status, 422);
    assert!(
        none.text().contains("không có bảng phân công nhiệm vụ"),
        "{}",
        none.text()
    );
}

#[test]
fn a_bad_task_table_gets_the_clis_messages_with_the_cell() {
    let s = Server::start(&data_dir("open-bad"), &[]);
    let csv = "STT,Nội dung,Chủ trì,Thời hạn,Cột lạ\n1,Việc một,Phòng A,31/02/2024,x\n";
    let r = s.post("/api/open?name=bang.csv", csv.as_bytes());
    assert_eq!(r.status, 422, "{}", r.text());
    let got: Vec<String> = r
        .json()
        .as_array()
        .expect("list")
        .iter()
        .map(|d| d["message"].as_str().expect("message").to_string())
        .collect();
    assert!(got.iter().any(|m| m.contains("cột E")), "{got:?}");
    assert!(got.iter().any(|m| m.contains("cột D")), "{got:?}");
    // The CLI, given the same file as `tasks.source`, says the same.
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("serve-open-bad");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(dir.join("bang.csv"), csv).expect("csv");
    let doc = String::from_utf8(sample("cong-van-giao-nhiem-vu-huu-lung.yaml"))
        .expect("utf-8")
        .replace("source: tasks-huu-lung.xlsx", "source: bang.csv");
    std::fs::write(dir.join("van-ban.yaml"), doc).expect("doc");
    let o = common::vanban(&["check", dir.join("van-ban.yaml").to_str().expect("path")]);
    let cli = String::from_utf8_lossy(&o.stderr).into_owned() + &String::from_utf8_lossy(&o.stdout);
    for m in &got {
        assert!(cli.contains(m.as_str()), "CLI lacks `{m}`:\n{cli}");
    }
    // Not a table, not a document: named, with what to use instead.
    let r = s.post("/api/open?name=anh.png", b"\x89PNG");
    assert_eq!(r.status, 422);
    assert!(
        r.text().contains("không nhận ra loại bảng tính"),
        "{}",
        r.text()
    );
    // A file past the upload limit is refused with the limit.
    let big = vec![b'a'; 20 * 1024 * 1024 + 10];
    let r = s.post("/api/open?name=to.csv", &big);
    assert_eq!(r.status, 413);
    assert!(r.text().contains("tối đa 20971520 byte"), "{}", r.text());
}

#[test]
fn a_document_opened_from_disk_comes_back_as_data() {
    let s = Server::start(&data_dir("open-doc"), &[]);
    let text = String::from_utf8(sample("cong-van-ubnd-huu-lung.yaml")).expect("utf-8");
    let value: serde_json::Value = serde_saphyr::from_str(&text).expect("yaml");
    let json = serde_json::to_vec(&value).expect("json");
    let r = s.post("/api/open?name=cong-van.json", &json);
    assert_eq!(r.status, 200, "{}", r.text());
    let v = r.json();
    assert_eq!(v["type"], "document");
    assert_eq!(v["format"], "json");
    assert_eq!(v["data"]["subject"], value["subject"]);
    let y = s
        .post("/api/open?name=cong-van.yaml", text.as_bytes())
        .json();
    assert_eq!(y["text"].as_str(), Some(text.as_str()));
    // A broken file: the loader's message with its line, no draft.
    let r = s.post("/api/open?name=hong.yaml", b"kind: cong-van\nsubject: [\n");
    assert_eq!(r.status, 422);
    let d = &r.json()["diagnostics"][0];
    assert!(d["line"].is_number(), "{d}");
}

#[test]
fn an_edit_on_one_page_resends_only_that_page() {
    let s = Server::start(&data_dir("preview-pages"), &[]);
    let text = String::from_utf8(sample("cong-van-ubnd-ha-tinh.yaml")).expect("utf-8");
    let first = s.post("/api/preview", text.as_bytes()).json();
    let pages = first["pages"].as_array().expect("pages");
    assert_eq!(pages.len(), 9);
    assert!(
        pages
            .iter()
            .all(|p| p["svg"].as_str().is_some_and(|x| x.starts_with("<svg")))
    );
    let hashes: Vec<&str> = pages
        .iter()
        .map(|p| p["hash"].as_str().expect("hash"))
        .collect();
    let have = hashes.join(",");
    // The signer's name is on one page only.
    let on: Vec<usize> = (0..9)
        .filter(|&i| {
            pages[i]["text"]
                .as_str()
                .expect("text")
                .contains("Nguyễn Hồng Lĩnh")
        })
        .collect();
    assert_eq!(on.len(), 1, "{on:?}");
    let edited = text.replace("Nguyễn Hồng Lĩnh", "Nguyễn Hồng Lĩnh Anh");
    let next = s
        .request(
            "POST",
            "/api/preview",
            &[("X-Vanban-Have", &have)],
            edited.as_bytes(),
        )
        .json();
    let pages2 = next["pages"].as_array().expect("pages");
    assert_eq!(pages2.len(), 9);
    let sent: Vec<usize> = (0..9).filter(|&i| pages2[i]["svg"].is_string()).collect();
    assert_eq!(sent, on, "only the signature's page is re-sent");
    assert!(
        pages2[on[0]]["text"]
            .as_str()
            .expect("text")
            .contains("Nguyễn Hồng Lĩnh Anh")
    );
    assert_ne!(pages2[on[0]]["hash"], pages[on[0]]["hash"]);
    for i in (0..9).filter(|i| *i != on[0]) {
        assert_eq!(pages2[i]["hash"], pages[i]["hash"], "page {}", i + 1);
    }
    // Without the header every page comes whole.
    let all = s.post("/api/preview", edited.as_bytes()).json();
    assert!(
        all["pages"]
            .as_array()
            .expect("pages")
            .iter()
            .all(|p| p["svg"].is_string())
    );
}
