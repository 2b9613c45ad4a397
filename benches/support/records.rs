//! The bench's documents: generated records for the công văn of
//! samples/merge/cong-van-xa.yaml (the columns of samples/merge/cac-xa.csv), different data
//! each, and the same data as the hand-written benches/cong-van.typ reads it. Shared by
//! benches/pipeline.rs and benches/phases.rs.

use std::fmt::Write as _;
use std::path::Path;

const COMMUNES: [(&str, &str); 24] = [
    ("Cẩm Bình", "Cẩm Xuyên"),
    ("Cẩm Thịnh", "Cẩm Xuyên"),
    ("Thạch Đài", "Thạch Hà"),
    ("Thạch Khê", "Thạch Hà"),
    ("Tùng Lộc", "Can Lộc"),
    ("Đồng Lộc", "Can Lộc"),
    ("Xuân Viên", "Nghi Xuân"),
    ("Xuân Hội", "Nghi Xuân"),
    ("Sơn Kim 1", "Hương Sơn"),
    ("Sơn Tây", "Hương Sơn"),
    ("Kỳ Xuân", "Kỳ Anh"),
    ("Kỳ Đồng", "Kỳ Anh"),
    ("Đức Đồng", "Đức Thọ"),
    ("Tùng Ảnh", "Đức Thọ"),
    ("Hương Trà", "Hương Khê"),
    ("Phúc Trạch", "Hương Khê"),
    ("Thiên Lộc", "Can Lộc"),
    ("Hồng Lộc", "Lộc Hà"),
    ("Thạch Kim", "Lộc Hà"),
    ("Vũ Quang", "Vũ Quang"),
    ("Đức Hương", "Vũ Quang"),
    ("Kỳ Hoa", "Kỳ Anh"),
    ("Cẩm Duệ", "Cẩm Xuyên"),
    ("Thạch Lạc", "Thạch Hà"),
];
const CRITERIA: [&str; 8] = [
    "Thu nhập",
    "Môi trường và an toàn thực phẩm",
    "Chất lượng môi trường sống",
    "Giao thông: đường trục thôn",
    "Y tế - Văn hóa - Giáo dục",
    "Nghèo đa chiều",
    "An ninh, trật tự xã hội",
    "Hệ thống chính trị và tiếp cận pháp luật",
];
const OFFICERS: [&str; 4] = [
    "Nguyễn Thị Hằng",
    "Phan Văn Đức",
    "Lê Thị Thu",
    "Trần Quốc Việt",
];

/// One generated record: the CSV columns of samples/merge/cac-xa.csv.
pub struct Rec {
    name: String,
    commune: String,
    district: &'static str,
    number: u32,
    day: u32,
    villages: u32,
    villages_ok: u32,
    criteria_ok: u32,
    missing: String,
    due: String,
    money: String,
    officer: &'static str,
    phone: String,
}

pub fn records(n: usize) -> Vec<Rec> {
    let mut seed: u64 = 0x2025_0605;
    let mut next = move || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as u32
    };
    (0..n)
        .map(|i| {
            let (c, d) = COMMUNES[i % COMMUNES.len()];
            let commune = if i < COMMUNES.len() {
                c.to_string()
            } else {
                format!("{c} {}", i / COMMUNES.len() + 1)
            };
            let villages = 5 + next() % 12;
            let k = 1 + (next() % 4) as usize;
            let start = (next() % 8) as usize;
            let missing = (0..k)
                .map(|j| CRITERIA[(start + j) % 8])
                .collect::<Vec<_>>()
                .join("; ");
            Rec {
                name: format!("cv-{:05}", i + 1),
                commune,
                district: d,
                number: 1000 + i as u32,
                day: 1 + next() % 28,
                villages,
                villages_ok: next() % (villages + 1),
                criteria_ok: 19 - k as u32,
                missing,
                due: format!("{}/7/2025", 1 + next() % 30),
                money: format!("{}.{:03}.000.000", 1 + next() % 3, next() % 1000),
                officer: OFFICERS[next() as usize % 4],
                phone: format!("0239 3855 {:03}", next() % 1000),
            }
        })
        .collect()
}

pub fn write_csv(path: &Path, recs: &[Rec]) {
    let mut s = String::from(
        "Tên tệp,Tên xã,Huyện,Số,Ngày,Số thôn,Số thôn đạt,Số tiêu chí đạt,Tiêu chí chưa đạt,Hạn nộp,Kinh phí,Cán bộ,Điện thoại\n",
    );
    for r in recs {
        let _ = writeln!(
            s,
            "{},{},{},{},{:02}/6/2025,{},{},{},\"{}\",{},\"{}\",{},{}",
            r.name,
            r.commune,
            r.district,
            r.number,
            r.day,
            r.villages,
            r.villages_ok,
            r.criteria_ok,
            r.missing,
            r.due,
            r.money,
            r.officer,
            r.phone
        );
    }
    std::fs::write(path, s).expect("write the records");
}

pub fn floor_json(r: &Rec) -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({
        "ten_xa": r.commune, "huyen": r.district, "so": r.number.to_string(),
        "ngay": format!("{:02}", r.day), "thang": "6", "nam": "2025",
        "so_thon": r.villages.to_string(), "so_thon_dat": r.villages_ok.to_string(),
        "so_tieu_chi_dat": r.criteria_ok.to_string(), "tieu_chi_chua_dat": r.missing,
        "han_nop": r.due, "kinh_phi": r.money, "can_bo": r.officer, "dien_thoai": r.phone,
    }))
    .unwrap_or_default()
}
