//! The command line: clap structures and their one conversion into the library's options.

use std::path::PathBuf;

use clap::{ArgAction, Args, Parser, Subcommand, ValueEnum};
use vanban::data::Stage;
use vanban::diag::Lang;
use vanban::export::{Formats, PdfStandard};
use vanban::generate::ntm;
use vanban::output::batch::BatchOptions;
use vanban::pipeline::Options;
use vanban::register::Series;

const HELP_TEMPLATE: &str = "\
{before-help}{about}

Cách dùng: {usage}

{all-args}{after-help}";

/// vanban: soạn văn bản hành chính (Nghị định 30/2020/NĐ-CP) từ dữ liệu, ra PDF và DOCX.
#[derive(Debug, Parser)]
#[command(
    name = "vanban",
    version,
    about = "vanban: soạn văn bản hành chính đúng thể thức Nghị định 30/2020/NĐ-CP từ tệp dữ liệu (YAML, JSON, TOML), xuất PDF và DOCX.",
    help_template = HELP_TEMPLATE,
    subcommand_help_heading = "Lệnh",
    subcommand_value_name = "LỆNH",
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    after_help = "Mã thoát: 0 = thành công; 1 = dữ liệu có lỗi (không tạo được văn bản); 2 = gọi lệnh sai cách.\nXem docs/format.md để biết cách viết tệp dữ liệu."
)]
pub struct Cli {
    /// Lệnh cần chạy.
    #[command(subcommand)]
    pub command: Command,
    /// In hướng dẫn này.
    #[arg(short = 'h', long = "help", action = ArgAction::Help, global = true, help_heading = "Tùy chọn chung")]
    help: Option<bool>,
    /// In phiên bản.
    #[arg(short = 'V', long = "version", action = ArgAction::Version, help_heading = "Tùy chọn chung")]
    version: Option<bool>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Tạo văn bản PDF và/hoặc DOCX từ các tệp dữ liệu.
    #[command(
        help_template = HELP_TEMPLATE,
        after_help = "Ví dụ:\n  vanban render samples/cong-van-ubnd-ha-tinh.yaml -o out\n  vanban render samples/*.yaml -o out --format pdf\n\nMỗi tệp DỮ_LIỆU cho ra THƯ_MỤC/TÊN.pdf và THƯ_MỤC/TÊN.docx (TÊN là tên tệp dữ liệu bỏ đuôi).\nTệp lỗi được báo rõ dòng và cách sửa; các tệp khác vẫn được tạo."
    )]
    Render(RenderArgs),
    /// Kiểm tra thể thức và nội dung các tệp dữ liệu, không tạo văn bản.
    #[command(
        help_template = HELP_TEMPLATE,
        after_help = "Ví dụ:\n  vanban check samples/*.yaml\n  vanban check van-ban.yaml --format json\n\nMỗi phát hiện nêu mức độ (lỗi / cảnh báo), tệp, dòng, trường, quy định làm căn cứ và cách sửa.\nMã thoát 1 khi có lỗi (hoặc có cảnh báo khi dùng --deny-warnings)."
    )]
    Check(CheckArgs),
    /// Trộn thư: một tệp văn bản mẫu + một bảng (CSV/XLSX), mỗi dòng của bảng thành một văn bản.
    #[command(
        help_template = HELP_TEMPLATE,
        after_help = "Ví dụ:\n  vanban merge samples/merge/cong-van-xa.yaml samples/merge/cac-xa.csv -o out --name-column \"Tên tệp\"\n  vanban merge mau.yaml danh-sach.xlsx --sheet \"Các xã\" -o out --format pdf\n\nTrong tệp mẫu, chỗ cần điền viết {{ ten_cot }}: tên cột bỏ dấu, chữ thường, nối bằng _\n(cột \"Tên xã\" thành {{ ten_xa }}), hoặc {{ cot[\"Tên xã\"] }} với đúng tên cột.\nGiá trị của ô luôn là chữ, không bao giờ làm thay đổi cấu trúc tệp mẫu.\nDòng lỗi được báo rõ dòng, cột và cách sửa; các dòng khác vẫn được tạo.\nTHƯ_MỤC/manifest.json liệt kê mọi tệp đã tạo, dòng nguồn và mã SHA-256. Xem docs/batch.md."
    )]
    Merge(MergeArgs),
    /// Đọc một văn bản Word (.docx) thành tệp dữ liệu YAML của vanban.
    #[command(
        help_template = HELP_TEMPLATE,
        after_help = "Ví dụ:\n  vanban import cong-van.docx -o cong-van.yaml\n  vanban import cong-van.docx            (in YAML ra màn hình)\n\nĐoạn nào không xếp được vào thành phần thể thức được giữ lại trong nội dung (body) và được báo là cảnh báo.\nXem docs/docx-in.md."
    )]
    Import(ImportArgs),
    /// In JSON Schema của định dạng tệp dữ liệu (để trình soạn thảo kiểm tra và gợi ý).
    #[command(
        help_template = HELP_TEMPLATE,
        after_help = "Ví dụ:\n  vanban schema > schemas/vanban.schema.json\n\nDòng đầu tệp YAML `# yaml-language-server: $schema=../schemas/vanban.schema.json` giúp VS Code (tiện ích YAML của Red Hat) báo lỗi và gợi ý tên trường khi gõ. Xem docs/format.md."
    )]
    Schema,
    /// Lập hồ sơ đề nghị xét, công nhận xã đạt chuẩn nông thôn mới cho nhiều xã.
    #[command(
        help_template = HELP_TEMPLATE,
        after_help = "Ví dụ:\n  vanban ntm samples/ntm/kon-tum-2024.xlsx -o ho-so\n  vanban ntm du-lieu-xa/ -o ho-so --criteria bo-tieu-chi-tinh.toml\n\nMỗi xã một thư mục THƯ_MỤC/TÊN-XÃ/ gồm báo cáo kết quả thực hiện các tiêu chí (kèm phụ lục), và khi xã đủ điều kiện: tờ trình, biên bản. THƯ_MỤC/tong-hop.csv tổng hợp mọi xã.\nXã có dữ liệu lỗi được báo rõ trang, dòng, cột; các xã khác vẫn được lập. Mã thoát 1 khi có xã lỗi.\nXem docs/ntm.md."
    )]
    Ntm(NtmArgs),
    /// Ban hành văn bản: cấp số tiếp theo trong sổ đăng ký văn bản đi, tạo bản chính thức (PDF, DOCX) và ghi sổ.
    #[command(
        help_template = HELP_TEMPLATE,
        after_help = "Ví dụ:\n  vanban issue cong-van.yaml -o da-ban-hanh\n  vanban issue a.yaml b.yaml --date 05/01/2026 --register so-di.sqlite\n\nMỗi văn bản được kiểm tra như bản chính thức (--final), nhận số tiếp theo của sổ (cơ quan + năm + mật hay không), được tạo với số và ngày đó (THƯ_MỤC/SỐ-KÝ-HIỆU-NĂM.pdf, .docx) và ghi vào sổ; số được in ra.\nNhiều tệp: cấp số theo thứ tự đã ghi, mỗi văn bản một giao dịch; văn bản lỗi không làm mất số, các văn bản khác vẫn được cấp.\nSổ mặc định: $XDG_DATA_HOME/vanban/register.sqlite (hoặc ~/.local/share/vanban/register.sqlite). Xem docs/register.md."
    )]
    Issue(IssueArgs),
    /// Sổ đăng ký văn bản đi: xem, xuất (CSV, XLSX, PDF), bắt đầu sổ từ một số, hủy số.
    #[command(
        help_template = HELP_TEMPLATE,
        args_conflicts_with_subcommands = true,
        subcommand_help_heading = "Lệnh con",
        subcommand_value_name = "LỆNH_CON",
        after_help = "Ví dụ:\n  vanban register --year 2026 --issuer UBND\n  vanban register --year 2026 --format xlsx -o so-di-2026.xlsx\n  vanban register start --issuer UBND --year 2026 --next 145\n  vanban register cancel 146 --issuer UBND --year 2026 --reason \"Ban hành nhầm\"\n\nXem docs/register.md."
    )]
    Register(RegisterArgs),
    /// Mở trình soạn thảo văn bản trên trình duyệt (máy chủ nội bộ) và API JSON/HTTP.
    #[command(
        help_template = HELP_TEMPLATE,
        after_help = "Ví dụ:\n  vanban serve\n  vanban serve --port 8090 --open\n  vanban serve --listen 0.0.0.0:8080 --token bi-mat\n\nMặc định chỉ nghe trên 127.0.0.1 (chỉ máy này mở được). Nghe trên địa chỉ khác cần --token (bỏ trống thì vanban tự tạo và in ra); mọi yêu cầu phải mang mã đó.\nBản nháp lưu trong THƯ_MỤC_DỮ_LIỆU/drafts.sqlite, giữ mọi phiên bản đã lưu. Xem docs/serve.md và docs/api.md."
    )]
    Serve(ServeArgs),
}

/// Options every register command shares.
#[derive(Debug, Args)]
pub struct RegisterCommon {
    /// Tệp sổ đăng ký (SQLite); mặc định trong thư mục dữ liệu của người dùng.
    #[arg(
        long = "register",
        value_name = "TỆP",
        global = true,
        help_heading = "Tùy chọn sổ"
    )]
    pub register: Option<PathBuf>,
    /// Ngôn ngữ thông báo: vi (mặc định) hoặc en.
    #[arg(long, value_enum, default_value_t = LangArg::Vi, value_name = "NGÔN_NGỮ", global = true, help_heading = "Tùy chọn sổ")]
    pub lang: LangArg,
}

/// Arguments of `vanban issue`.
#[derive(Debug, Args)]
pub struct IssueArgs {
    /// Tệp dữ liệu văn bản (bản dự thảo đã duyệt); nhiều tệp được cấp số theo thứ tự ghi.
    #[arg(value_name = "DỮ_LIỆU", required = true, help_heading = "Đối số")]
    pub files: Vec<PathBuf>,
    /// Thư mục ghi bản chính thức (mặc định: thư mục hiện tại).
    #[arg(
        short = 'o',
        long = "out",
        value_name = "THƯ_MỤC",
        default_value = ".",
        help_heading = "Tùy chọn"
    )]
    pub out: PathBuf,
    /// Ngày ban hành NGÀY/THÁNG/NĂM (mặc định: hôm nay).
    #[arg(long, value_name = "NGÀY", help_heading = "Tùy chọn")]
    pub date: Option<String>,
    /// Từ chối (thay vì cảnh báo) khi ngày ban hành trước văn bản đã cấp số gần nhất của sổ, hoặc năm không khớp.
    #[arg(long, help_heading = "Tùy chọn")]
    pub strict: bool,
    /// Định dạng xuất: pdf, docx hoặc both (cả hai, mặc định).
    #[arg(long, value_enum, default_value_t = FormatArg::Both, value_name = "ĐỊNH_DẠNG", help_heading = "Tùy chọn")]
    pub format: FormatArg,
    /// Chuẩn PDF: thường (mặc định) hoặc a-2b (PDF/A-2b để lưu trữ).
    #[arg(long = "pdf-standard", value_enum, default_value_t = PdfStandardArg::Plain, value_name = "CHUẨN", help_heading = "Tùy chọn")]
    pub pdf_standard: PdfStandardArg,
    /// Coi cảnh báo là lỗi: văn bản có cảnh báo không được cấp số.
    #[arg(long = "deny-warnings", help_heading = "Tùy chọn")]
    pub deny_warnings: bool,
    /// Thư mục chứa mẫu thay cho mẫu có sẵn.
    #[arg(long, value_name = "THƯ_MỤC", help_heading = "Tùy chọn")]
    pub templates: Option<PathBuf>,
    /// Sổ và ngôn ngữ.
    #[command(flatten)]
    pub common: RegisterCommon,
}

impl IssueArgs {
    /// The pipeline's options (the register makes them final).
    pub fn options(&self) -> Options {
        Options {
            formats: self.format.formats(),
            pdf_standard: match self.pdf_standard {
                PdfStandardArg::Plain => PdfStandard::Plain,
                PdfStandardArg::A2b => PdfStandard::A2b,
            },
            stage: Stage::Final,
            deny_warnings: self.deny_warnings,
        }
    }
}

/// Arguments of `vanban register`.
#[derive(Debug, Args)]
pub struct RegisterArgs {
    /// Lệnh con; không có: in hoặc xuất sổ.
    #[command(subcommand)]
    pub command: Option<RegisterCommand>,
    /// Xem, xuất sổ.
    #[command(flatten)]
    pub list: RegisterList,
    /// Sổ và ngôn ngữ.
    #[command(flatten)]
    pub common: RegisterCommon,
}

/// `vanban register` without a subcommand.
#[derive(Debug, Args)]
pub struct RegisterList {
    /// Chỉ năm này.
    #[arg(long, value_name = "NĂM", help_heading = "Tùy chọn")]
    pub year: Option<i32>,
    /// Chỉ cơ quan có mã này (như trong ký hiệu, ví dụ UBND).
    #[arg(long, value_name = "MÃ", help_heading = "Tùy chọn")]
    pub issuer: Option<String>,
    /// Sổ văn bản mật (đăng ký riêng) thay cho sổ văn bản thường.
    #[arg(long, help_heading = "Tùy chọn")]
    pub secret: bool,
    /// Định dạng: text (mặc định, in ra màn hình), csv, xlsx hoặc pdf (khổ A4 ngang).
    #[arg(long, value_enum, default_value_t = RegisterFormat::Text, value_name = "ĐỊNH_DẠNG", help_heading = "Tùy chọn")]
    pub format: RegisterFormat,
    /// Tệp ghi kết quả (bắt buộc với xlsx, pdf; csv mặc định in ra màn hình).
    #[arg(
        short = 'o',
        long = "out",
        value_name = "TỆP",
        help_heading = "Tùy chọn"
    )]
    pub out: Option<PathBuf>,
}

/// `vanban register --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RegisterFormat {
    /// Bảng chữ trên màn hình.
    Text,
    /// CSV (UTF-8).
    Csv,
    /// Bảng tính Excel.
    Xlsx,
    /// PDF khổ A4 ngang.
    Pdf,
}

/// The subcommands of `vanban register`.
#[derive(Debug, Subcommand)]
pub enum RegisterCommand {
    /// Bắt đầu (hoặc chuyển tiếp) một sổ: văn bản tiếp theo nhận số --next.
    #[command(help_template = HELP_TEMPLATE)]
    Start(SeriesArgs),
    /// Hủy một số đã cấp (ghi lý do; số không bao giờ được cấp lại).
    #[command(help_template = HELP_TEMPLATE)]
    Cancel(CancelArgs),
}

/// Which series.
#[derive(Debug, Args)]
pub struct SeriesKeyArgs {
    /// Mã cơ quan ban hành, như trong ký hiệu (ví dụ UBND).
    #[arg(long, value_name = "MÃ", required = true, help_heading = "Tùy chọn")]
    pub issuer: String,
    /// Năm của sổ.
    #[arg(long, value_name = "NĂM", required = true, help_heading = "Tùy chọn")]
    pub year: i32,
    /// Sổ văn bản mật.
    #[arg(long, help_heading = "Tùy chọn")]
    pub secret: bool,
}

/// `vanban register start`.
#[derive(Debug, Args)]
pub struct SeriesArgs {
    /// Sổ nào.
    #[command(flatten)]
    pub series: SeriesKeyArgs,
    /// Số sẽ cấp cho văn bản tiếp theo.
    #[arg(long, value_name = "SỐ", required = true, help_heading = "Tùy chọn")]
    pub next: u32,
}

/// `vanban register cancel`.
#[derive(Debug, Args)]
pub struct CancelArgs {
    /// Số cần hủy.
    #[arg(value_name = "SỐ", help_heading = "Đối số")]
    pub number: u32,
    /// Sổ nào.
    #[command(flatten)]
    pub series: SeriesKeyArgs,
    /// Lý do hủy (ghi vào sổ).
    #[arg(long, value_name = "LÝ_DO", required = true, help_heading = "Tùy chọn")]
    pub reason: String,
}

/// Arguments of `vanban ntm`.
#[derive(Debug, Args)]
pub struct NtmArgs {
    /// Bảng tính (.xlsx, .csv: mỗi dòng một chỉ tiêu của một xã) hoặc thư mục các tệp dữ liệu xã (.yaml).
    #[arg(value_name = "DỮ_LIỆU", help_heading = "Đối số")]
    pub data: PathBuf,
    /// Thư mục ghi hồ sơ (mặc định: thư mục hiện tại).
    #[arg(
        short = 'o',
        long = "out",
        value_name = "THƯ_MỤC",
        default_value = ".",
        help_heading = "Tùy chọn"
    )]
    pub out: PathBuf,
    /// Bộ tiêu chí của tỉnh (TOML, như templates/ntm/criteria-2021-2025.toml), dùng trước bộ có sẵn; có thể ghi nhiều lần.
    #[arg(long, value_name = "TỆP", help_heading = "Tùy chọn")]
    pub criteria: Vec<PathBuf>,
    /// Định dạng xuất: pdf, docx hoặc both (cả hai, mặc định).
    #[arg(long, value_enum, default_value_t = FormatArg::Both, value_name = "ĐỊNH_DẠNG", help_heading = "Tùy chọn")]
    pub format: FormatArg,
}

impl NtmArgs {
    /// The one conversion into the generator's options.
    pub fn options(&self) -> ntm::Options {
        ntm::Options {
            data: self.data.clone(),
            criteria: self.criteria.clone(),
        }
    }

    /// The pipeline's options: drafts in the formats asked.
    pub fn pipeline(&self) -> Options {
        Options {
            formats: self.format.formats(),
            ..Options::default()
        }
    }
}

/// Arguments of `vanban merge`.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// Tệp văn bản mẫu (.yaml, .json, .toml) có các chỗ điền {{ ... }}.
    #[arg(value_name = "MẪU", help_heading = "Đối số")]
    pub template: PathBuf,
    /// Bảng dữ liệu (.csv, .xlsx, .ods; tệp .xls cũ: lưu lại thành .xlsx): dòng đầu là tên cột, mỗi dòng sau là một văn bản.
    #[arg(value_name = "BẢNG", help_heading = "Đối số")]
    pub table: PathBuf,
    /// Tên trang tính (với tệp Excel); mặc định là trang đầu tiên.
    #[arg(long, value_name = "TRANG", help_heading = "Tùy chọn")]
    pub sheet: Option<String>,
    /// Cột dùng để đặt tên tệp kết quả (bỏ dấu, chỉ giữ chữ và số); mặc định MẪU-dong-SỐ_DÒNG.
    #[arg(
        long = "name-column",
        visible_alias = "cot-ten",
        value_name = "CỘT",
        help_heading = "Tùy chọn"
    )]
    pub name_column: Option<String>,
    /// Các tùy chọn chung với lệnh render.
    #[command(flatten)]
    pub common: BatchCommon,
}

/// Options `render` and `merge` share.
#[derive(Debug, Args)]
pub struct BatchCommon {
    /// Thư mục ghi kết quả (mặc định: thư mục hiện tại).
    #[arg(
        short = 'o',
        long = "out",
        value_name = "THƯ_MỤC",
        default_value = ".",
        help_heading = "Tùy chọn"
    )]
    pub out: PathBuf,
    /// Định dạng xuất: pdf, docx hoặc both (cả hai, mặc định).
    #[arg(long, value_enum, default_value_t = FormatArg::Both, value_name = "ĐỊNH_DẠNG", help_heading = "Tùy chọn")]
    pub format: FormatArg,
    /// Thư mục chứa mẫu thay cho mẫu có sẵn (tệp cùng tên, ví dụ cong-van.vb).
    #[arg(long, value_name = "THƯ_MỤC", help_heading = "Tùy chọn")]
    pub templates: Option<PathBuf>,
    /// Chuẩn PDF: thường (mặc định) hoặc a-2b (PDF/A-2b để lưu trữ).
    #[arg(long = "pdf-standard", value_enum, default_value_t = PdfStandardArg::Plain, value_name = "CHUẨN", help_heading = "Tùy chọn")]
    pub pdf_standard: PdfStandardArg,
    /// Coi cảnh báo là lỗi: văn bản có cảnh báo không được tạo.
    #[arg(long = "deny-warnings", help_heading = "Tùy chọn")]
    pub deny_warnings: bool,
    /// Bản chính thức: bắt buộc có số và đủ ngày tháng năm; không in dấu "DỰ THẢO".
    #[arg(long = "final", help_heading = "Tùy chọn")]
    pub final_: bool,
    /// Số văn bản tạo song song (mặc định: bằng số nhân CPU; 1 = lần lượt từng văn bản).
    #[arg(
        short = 'j',
        long = "jobs",
        value_name = "SỐ",
        default_value_t = 0,
        hide_default_value = true,
        help_heading = "Tùy chọn"
    )]
    pub jobs: usize,
}

impl BatchCommon {
    /// The one conversion into the pipeline's options.
    pub fn options(&self) -> Options {
        Options {
            formats: self.format.formats(),
            pdf_standard: match self.pdf_standard {
                PdfStandardArg::Plain => PdfStandard::Plain,
                PdfStandardArg::A2b => PdfStandard::A2b,
            },
            stage: stage(self.final_),
            deny_warnings: self.deny_warnings,
        }
    }

    /// The batch runner's options.
    pub fn batch(&self) -> BatchOptions {
        BatchOptions {
            jobs: self.jobs,
            progress: true,
        }
    }
}

/// Arguments of `vanban import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Văn bản Word (.docx).
    #[arg(value_name = "TỆP_DOCX", help_heading = "Đối số")]
    pub file: PathBuf,
    /// Tệp YAML ghi kết quả (mặc định: in ra màn hình).
    #[arg(
        short = 'o',
        long = "out",
        value_name = "TỆP_YAML",
        help_heading = "Tùy chọn"
    )]
    pub out: Option<PathBuf>,
    /// Ngôn ngữ thông báo: vi (mặc định) hoặc en.
    #[arg(long, value_enum, default_value_t = LangArg::Vi, value_name = "NGÔN_NGỮ", help_heading = "Tùy chọn")]
    pub lang: LangArg,
}

/// Arguments of `vanban check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Tệp dữ liệu văn bản; có thể nhiều tệp.
    #[arg(value_name = "DỮ_LIỆU", required = true, help_heading = "Đối số")]
    pub files: Vec<PathBuf>,
    /// Ngôn ngữ thông báo: vi (mặc định) hoặc en.
    #[arg(long, value_enum, default_value_t = LangArg::Vi, value_name = "NGÔN_NGỮ", help_heading = "Tùy chọn")]
    pub lang: LangArg,
    /// Định dạng kết quả: text (mặc định) hoặc json.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text, value_name = "ĐỊNH_DẠNG", help_heading = "Tùy chọn")]
    pub format: ReportFormat,
    /// Coi cảnh báo là lỗi.
    #[arg(long = "deny-warnings", help_heading = "Tùy chọn")]
    pub deny_warnings: bool,
    /// Kiểm tra như bản chính thức (bắt buộc số và đủ ngày tháng).
    #[arg(long = "final", help_heading = "Tùy chọn")]
    pub final_: bool,
    /// Thư mục mẫu (kinds.toml, profiles.toml, *.vb) thay cho mẫu có sẵn.
    #[arg(long, value_name = "THƯ_MỤC", help_heading = "Tùy chọn")]
    pub templates: Option<PathBuf>,
}

/// `--lang`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LangArg {
    /// Tiếng Việt.
    Vi,
    /// English.
    En,
}

/// `check --format`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ReportFormat {
    /// Văn bản đọc được (mặc định).
    Text,
    /// Mảng JSON (cho máy đọc).
    Json,
}

/// Arguments of `vanban render`.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// Tệp dữ liệu văn bản (.yaml, .yml, .json, .toml); có thể nhiều tệp.
    #[arg(value_name = "DỮ_LIỆU", required = true, help_heading = "Đối số")]
    pub files: Vec<PathBuf>,
    /// Các tùy chọn chung với lệnh merge.
    #[command(flatten)]
    pub common: BatchCommon,
    /// In ra bước trung gian thay vì tạo tệp: markup (kết quả của mẫu) hoặc tree (cây văn bản, JSON). Dành cho người viết mẫu.
    #[arg(long, value_enum, value_name = "BƯỚC", help_heading = "Tùy chọn")]
    pub emit: Option<EmitArg>,
    /// Với văn bản có bảng phân công nhiệm vụ: tạo thêm cho mỗi cơ quan một công văn trích các nhiệm vụ của cơ quan đó (thư mục TÊN-theo-don-vi/), và lịch thời hạn .ics (cho từng cơ quan và cho cả bảng).
    #[arg(long, help_heading = "Tùy chọn")]
    pub split: bool,
}

/// `--format`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormatArg {
    /// Chỉ PDF.
    Pdf,
    /// Chỉ DOCX.
    Docx,
    /// Cả PDF và DOCX.
    Both,
}

/// `--pdf-standard`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum PdfStandardArg {
    /// PDF thường.
    #[value(name = "thuong", alias = "plain")]
    Plain,
    /// PDF/A-2b, để lưu trữ.
    #[value(name = "a-2b")]
    A2b,
}

/// `--emit`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum EmitArg {
    /// Kết quả của mẫu (block markup).
    Markup,
    /// Cây văn bản, dạng JSON.
    Tree,
}

impl FormatArg {
    fn formats(self) -> Formats {
        match self {
            FormatArg::Pdf => Formats::Pdf,
            FormatArg::Docx => Formats::Docx,
            FormatArg::Both => Formats::Both,
        }
    }
}

/// Draft or final, from `--final`.
fn stage(final_: bool) -> Stage {
    if final_ { Stage::Final } else { Stage::Draft }
}

impl LangArg {
    /// The message language.
    pub fn lang(self) -> Lang {
        match self {
            LangArg::Vi => Lang::Vi,
            LangArg::En => Lang::En,
        }
    }
}

impl CheckArgs {
    /// Draft or final.
    pub fn stage(&self) -> Stage {
        stage(self.final_)
    }
}

impl SeriesKeyArgs {
    /// The series.
    pub fn series(&self) -> Series {
        Series {
            issuer: self.issuer.trim().to_string(),
            year: self.year,
            secret: self.secret,
        }
    }
}

/// `vanban serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Cổng nghe trên 127.0.0.1.
    #[arg(long, default_value_t = 8080, value_name = "CỔNG")]
    pub port: u16,
    /// Mở trình duyệt tới trang soạn thảo.
    #[arg(long)]
    pub open: bool,
    /// Thư mục lưu bản nháp (mặc định $XDG_DATA_HOME/vanban hoặc ~/.local/share/vanban).
    #[arg(long, value_name = "THƯ_MỤC")]
    pub data: Option<PathBuf>,
    /// Thư mục mẫu riêng (*.vb, kinds.toml, profiles.toml), đọc một lần khi khởi động.
    #[arg(long, value_name = "THƯ_MỤC")]
    pub templates: Option<PathBuf>,
    /// Nghe trên địa chỉ khác (ví dụ 0.0.0.0:8080); cần --token. Thay cho --port.
    #[arg(long, value_name = "ĐỊA_CHỈ:CỔNG")]
    pub listen: Option<std::net::SocketAddr>,
    /// Mã truy cập mọi yêu cầu phải mang; với --listen mà bỏ trống thì vanban tự tạo.
    #[arg(long, value_name = "MÃ")]
    pub token: Option<String>,
}
