//! `vanban import FILE.docx [-o FILE.yaml]`: a Word document's data as vanban's YAML.

use std::process::ExitCode;

use vanban::diag::Lang;
use vanban::docx_in;
use vanban::pipeline::Resources;

use super::args::ImportArgs;

/// Run `vanban import`.
pub fn run(args: &ImportArgs) -> ExitCode {
    let lang = args.lang.lang();
    let en = lang == Lang::En;
    let res = match Resources::load_bi(None) {
        Ok(r) => r,
        Err(e) => {
            eprintln!(
                "{}",
                if en {
                    format!("error: {}", e.en)
                } else {
                    format!("lỗi: {}", e.vi)
                }
            );
            return ExitCode::from(1);
        }
    };
    let d = match docx_in::read_file(&args.file) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{}", e.to_text(en));
            return ExitCode::from(1);
        }
    };
    let rec = docx_in::import(&d, res.catalogue());
    let name = args.file.display();
    let mut yaml = format!(
        "# {}\n",
        if en {
            format!("Imported from {name} by vanban import; check it, then vanban render.")
        } else {
            format!("Đọc từ {name} bằng vanban import; kiểm tra lại rồi chạy vanban render.")
        }
    );
    yaml.push_str(&docx_in::to_yaml(&rec.value));
    for (para, text) in &rec.unplaced {
        let short: String = text.chars().take(60).collect();
        if en {
            eprintln!(
                "warning: {name}, paragraph {para}: \"{short}\" was not recognised as a part of the layout; kept as body text"
            );
        } else {
            eprintln!(
                "cảnh báo: {name}, đoạn {para}: \"{short}\" không xếp được vào thành phần thể thức nào; giữ lại trong nội dung (body)"
            );
        }
    }
    match &args.out {
        Some(out) => {
            if let Err(e) = vanban::output::write_atomic(out, yaml.as_bytes()) {
                eprintln!(
                    "{}",
                    if en {
                        format!("error: cannot write {}: {e}", out.display())
                    } else {
                        format!("lỗi: không ghi được {}: {e}", out.display())
                    }
                );
                return ExitCode::from(1);
            }
            if en {
                eprintln!("wrote {}", out.display());
            } else {
                eprintln!("đã tạo {}", out.display());
            }
        }
        None => print!("{yaml}"),
    }
    ExitCode::SUCCESS
}
