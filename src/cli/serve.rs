//! `vanban serve`: start the editor's server, print its address (Vietnamese first), open a
//! browser when asked, stop on Ctrl-C.

use std::net::{Ipv4Addr, SocketAddr};
use std::process::ExitCode;

use vanban::serve::{Config, Server, default_data_dir, new_token};

use super::args::ServeArgs;

/// Run `vanban serve`.
pub fn run(args: &ServeArgs) -> ExitCode {
    if let Some(dir) = &args.templates
        && !dir.is_dir()
    {
        eprintln!("lỗi: thư mục mẫu {} không tồn tại", dir.display());
        return ExitCode::from(2);
    }
    let addr = args
        .listen
        .unwrap_or(SocketAddr::from((Ipv4Addr::LOCALHOST, args.port)));
    let mut token = args.token.clone().filter(|t| !t.is_empty());
    if token.is_none() && !addr.ip().is_loopback() {
        match new_token() {
            Ok(t) => token = Some(t),
            Err(e) => {
                eprintln!("lỗi: {e}");
                return ExitCode::from(1);
            }
        }
    }
    let Some(data_dir) = args.data.clone().or_else(default_data_dir) else {
        eprintln!(
            "lỗi: không biết lưu bản nháp ở đâu (không có HOME hay XDG_DATA_HOME); dùng --data THƯ_MỤC"
        );
        return ExitCode::from(2);
    };
    let cfg = Config {
        addr,
        token,
        data_dir,
        templates: args.templates.clone(),
    };
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("lỗi: không khởi động được máy chủ: {e}");
            return ExitCode::from(1);
        }
    };
    rt.block_on(async move {
        let server = match Server::bind(cfg).await {
            Ok(s) => s,
            Err(e) => {
                eprintln!("lỗi: {e}");
                return ExitCode::from(1);
            }
        };
        let url = server.url();
        println!("vanban đang chạy tại {url}");
        println!("  (vanban is running at {url})");
        println!("Bản nháp lưu trong {}", server.database().display());
        println!("Nhấn Ctrl-C để dừng.");
        if args.open {
            open_browser(&url);
        }
        let stop = async {
            let _ = tokio::signal::ctrl_c().await;
        };
        match server.run(stop).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("lỗi: {e}");
                ExitCode::from(1)
            }
        }
    })
}

/// Ask the desktop to open `url` (xdg-open, open or start); a failure is only reported.
fn open_browser(url: &str) {
    let tries: &[(&str, &[&str])] = &[
        ("xdg-open", &[]),
        ("open", &[]),
        ("cmd", &["/C", "start", ""]),
    ];
    for (cmd, pre) in tries {
        if std::process::Command::new(cmd)
            .args(*pre)
            .arg(url)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .is_ok()
        {
            return;
        }
    }
    eprintln!("không mở được trình duyệt: hãy tự mở {url}");
}
