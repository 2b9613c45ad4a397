//! Tests of the DOCX exporter on a hand-built công văn.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use super::export;
use super::xml::{self, Element};
use crate::doc::profile::{Profile, Profiles};
use crate::doc::{
    Align, Block, Cell, Columns, Document, Inline, Meta, Mm, PageNumber, PageSetup, Para,
    ParaStyle, Pt, Script, SectionBreak, Stamp, StyleName, Table,
};

/// The built-in state profile: the hand-built documents draw with its values.
fn nd30() -> Profile {
    Profiles::builtin().unwrap().get("nd30").unwrap().clone()
}

fn run(text: &str) -> Inline {
    Inline::Text {
        text: text.into(),
        bold: false,
        italic: false,
        script: Script::Baseline,
    }
}

fn sub(text: &str) -> Inline {
    Inline::Text {
        text: text.into(),
        bold: false,
        italic: false,
        script: Script::Sub,
    }
}

fn style(name: StyleName, size: f32, bold: bool, italic: bool, align: Align) -> ParaStyle {
    ParaStyle {
        name,
        size: Pt(size),
        bold,
        italic,
        align,
        first_line_indent: Mm(0.0),
        left_indent: Mm(0.0),
        hanging: Mm(0.0),
        space_before: Pt(0.0),
        space_after: Pt(0.0),
        line_spacing: 1.0,
    }
}

fn para(inlines: Vec<Inline>, style: ParaStyle) -> Block {
    Block::Para(Para {
        inlines,
        style,
        rule_below: None,
        keep_with_next: false,
    })
}

fn ruled(text: &str, style: ParaStyle, share: f32) -> Block {
    Block::Para(Para {
        inlines: vec![run(text)],
        style,
        rule_below: Some(share),
        keep_with_next: false,
    })
}

fn header(size: f32, bold: bool) -> ParaStyle {
    style(StyleName::Header, size, bold, false, Align::Center)
}

fn body_style() -> ParaStyle {
    ParaStyle {
        first_line_indent: Mm(10.0),
        space_before: Pt(0.0),
        space_after: Pt(6.0),
        ..style(StyleName::Body, 14.0, false, false, Align::Justify)
    }
}

const FILLER: &str = "Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh về chuyển đổi số trong hoạt động của \
    các cơ quan hành chính nhà nước, các sở, ban, ngành cấp tỉnh và Ủy ban nhân dân các huyện, \
    thành phố, thị xã rà soát, cập nhật kế hoạch, bố trí nguồn lực và báo cáo kết quả thực hiện \
    định kỳ hằng quý về Sở Thông tin và Truyền thông để tổng hợp.";

/// A công văn of two pages and more: header, Kính gửi, body with a footnote and a subscript,
/// a stamp, the signature area.
fn cong_van() -> Document {
    let header_columns = Block::Columns(Columns {
        widths: vec![Mm(70.0), Mm(95.0)],
        rows: vec![
            vec![
                vec![
                    para(vec![run("ỦY BAN NHÂN DÂN")], header(12.0, false)),
                    ruled("TỈNH HÀ TĨNH", header(12.0, true), 0.4),
                ],
                vec![
                    para(
                        vec![run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")],
                        header(12.0, true),
                    ),
                    ruled("Độc lập - Tự do - Hạnh phúc", header(13.0, true), 1.0),
                ],
            ],
            vec![
                vec![
                    para(
                        vec![run("Số: /UBND-NL"), sub("5")],
                        ParaStyle {
                            space_before: Pt(6.0),
                            ..style(StyleName::HeaderLine, 13.0, false, false, Align::Center)
                        },
                    ),
                    para(
                        vec![
                            run("V/v tăng cường ứng dụng chữ ký số"),
                            Inline::LineBreak,
                            run("trong hoạt động của cơ quan nhà nước"),
                        ],
                        ParaStyle {
                            space_before: Pt(6.0),
                            ..style(StyleName::HeaderLine, 12.0, false, false, Align::Center)
                        },
                    ),
                    Block::Stamp(Stamp {
                        text: "HỎA TỐC".into(),
                        width: Mm(30.0),
                        height: Mm(8.0),
                        size: Pt(13.0),
                        align: Align::Center,
                        space_before: Pt(6.0),
                        frame: nd30().stamp.frame,
                    }),
                ],
                vec![para(
                    vec![run("Hà Tĩnh, ngày     tháng     năm 2024")],
                    ParaStyle {
                        space_before: Pt(6.0),
                        ..style(StyleName::HeaderLine, 13.0, false, true, Align::Center)
                    },
                )],
            ],
        ],
        keep_with_previous: false,
        space_before: Pt(0.0),
    });
    let recipients = Block::Columns(Columns {
        widths: vec![Mm(45.0), Mm(120.0)],
        rows: vec![vec![
            vec![para(
                vec![run("Kính gửi:")],
                style(StyleName::Recipients, 14.0, false, false, Align::Right),
            )],
            vec![
                para(
                    vec![run(" - Sở Nông nghiệp và Phát triển nông thôn;")],
                    style(StyleName::Recipients, 14.0, false, false, Align::Left),
                ),
                para(
                    vec![run(" - Ủy ban nhân dân các huyện, thành phố, thị xã.")],
                    style(StyleName::Recipients, 14.0, false, false, Align::Left),
                ),
            ],
        ]],
        keep_with_previous: false,
        space_before: Pt(12.0),
    });
    let mut blocks = vec![header_columns, recipients];
    blocks.push(Block::Para(Para {
        inlines: vec![
            run("Thực hiện Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư"),
            Inline::Footnote {
                inlines: vec![run("Nghị định số 30/2020/NĐ-CP quy định về thể thức và kỹ thuật trình bày văn bản hành chính.")],
            },
            run(", Ủy ban nhân dân tỉnh yêu cầu các cơ quan, đơn vị triển khai một số nội dung sau:"),
        ],
        style: ParaStyle { space_before: Pt(12.0), ..body_style() },
        rule_below: None,
        keep_with_next: false,
    }));
    blocks.push(para(
        vec![Inline::Text {
            text: "1. Về công tác chỉ đạo, điều hành".into(),
            bold: true,
            italic: false,
            script: Script::Baseline,
        }],
        ParaStyle {
            name: StyleName::Heading,
            ..body_style()
        },
    ));
    for i in 0..9 {
        blocks.push(para(
            vec![run(&format!("{FILLER} ({})", i + 1))],
            body_style(),
        ));
    }
    blocks.push(para(
        vec![
            run("Phòng Nông nghiệp (bộ phận NL"),
            sub("5"),
            run(") chủ trì, phối hợp & theo dõi <đôn đốc> việc thực hiện."),
            Inline::Footnote {
                inlines: vec![
                    run("Bộ phận "),
                    Inline::Text {
                        text: "Nông lâm".into(),
                        bold: false,
                        italic: true,
                        script: Script::Baseline,
                    },
                    run(" của Văn phòng."),
                ],
            },
        ],
        body_style(),
    ));
    blocks.push(Block::Para(Para {
        inlines: vec![run("Đề nghị các cơ quan, đơn vị nghiêm túc thực hiện./.")],
        style: body_style(),
        rule_below: None,
        keep_with_next: true,
    }));
    // List lines hang after their dash, so the style (most lines) declares a hanging indent.
    let dist = |t: &str, size: f32, bold: bool, italic: bool| {
        let hang = if bold { 0.0 } else { 2.5 };
        para(
            vec![run(t)],
            ParaStyle {
                left_indent: Mm(hang),
                hanging: Mm(hang),
                ..style(StyleName::Distribution, size, bold, italic, Align::Left)
            },
        )
    };
    let sign = |t: &str, before: f32| {
        para(
            vec![run(t)],
            ParaStyle {
                space_before: Pt(before),
                ..style(StyleName::Signature, 14.0, true, false, Align::Center)
            },
        )
    };
    blocks.push(Block::Columns(Columns {
        widths: vec![Mm(80.0), Mm(85.0)],
        rows: vec![vec![
            vec![
                dist("Nơi nhận:", 12.0, true, true),
                dist("- Như trên;", 11.0, false, false),
                dist("- Chủ tịch, các PCT UBND tỉnh;", 11.0, false, false),
                para(
                    vec![run("- Lưu: VT, NL"), sub("5"), run(".")],
                    ParaStyle {
                        left_indent: Mm(2.5),
                        hanging: Mm(2.5),
                        ..style(StyleName::Distribution, 11.0, false, false, Align::Left)
                    },
                ),
            ],
            vec![
                sign("KT. CHỦ TỊCH", 0.0),
                sign("PHÓ CHỦ TỊCH", 0.0),
                sign("Nguyễn Văn A", 72.0),
            ],
        ]],
        keep_with_previous: true,
        space_before: Pt(6.0),
    }));
    Document {
        page: PageSetup {
            width: Mm(210.0),
            height: Mm(297.0),
            margin_top: Mm(20.0),
            margin_bottom: Mm(20.0),
            margin_left: Mm(30.0),
            margin_right: Mm(15.0),
            page_number: Some(PageNumber {
                size: Pt(14.0),
                skip_first: true,
            }),
            base_size: Pt(14.0),
            ..nd30().page
        },
        blocks,
        meta: Meta {
            title: "Công văn về việc tăng cường ứng dụng chữ ký số".into(),
            author: "Ủy ban nhân dân tỉnh Hà Tĩnh & <VP>".into(),
            date: Some("2024-05-06".into()),
            ..Meta::default()
        },
        rule: nd30().rule,
        footnotes: nd30().footnotes,
        docx: nd30().docx,
    }
}

/// The package's parts: name -> (text, deflated?), in zip order.
fn unzip(bytes: &[u8]) -> Vec<(String, String, bool)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut f = archive.by_index(i).unwrap();
            let deflated = f.compression() == zip::CompressionMethod::Deflated;
            let mut text = String::new();
            f.read_to_string(&mut text).unwrap();
            (f.name().to_string(), text, deflated)
        })
        .collect()
}

fn parts(bytes: &[u8]) -> BTreeMap<String, String> {
    unzip(bytes).into_iter().map(|(n, t, _)| (n, t)).collect()
}

fn tree(parts: &BTreeMap<String, String>, name: &str) -> Element {
    xml::parse(name, parts[name].as_bytes()).unwrap()
}

/// Every element named `name` below `e`, in document order.
fn find<'a>(e: &'a Element, name: &str, out: &mut Vec<&'a Element>) {
    if e.name == name {
        out.push(e);
    }
    for c in e.elements() {
        find(c, name, out);
    }
}

fn all<'a>(e: &'a Element, name: &str) -> Vec<&'a Element> {
    let mut out = Vec::new();
    find(e, name, &mut out);
    out
}

fn child<'a>(e: &'a Element, name: &str) -> Option<&'a Element> {
    e.elements().find(|c| c.name == name)
}

/// The text of the w:t elements in document order; a `w:noBreakHyphen` reads as "-".
fn text_of(e: &Element) -> String {
    fn walk(e: &Element, s: &mut String) {
        if e.name == "w:noBreakHyphen" {
            s.push('-');
        } else if e.name == "w:t" {
            for n in &e.children {
                if let xml::Node::Text(x) = n {
                    s.push_str(x);
                }
            }
        }
        for c in e.elements() {
            walk(c, s);
        }
    }
    let mut s = String::new();
    walk(e, &mut s);
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn page_setup_and_page_number_header() {
    let doc = cong_van();
    let p = parts(&export(&doc).unwrap());
    let document = tree(&p, "word/document.xml");
    let sect = all(&document, "w:sectPr");
    assert_eq!(sect.len(), 1);
    let sect = sect[0];
    let size = child(sect, "w:pgSz").unwrap();
    assert_eq!(size.get_attr("w:w"), Some("11906"));
    assert_eq!(size.get_attr("w:h"), Some("16838"));
    let mar = child(sect, "w:pgMar").unwrap();
    for (k, v) in [
        ("w:top", "1134"),
        ("w:bottom", "1134"),
        ("w:left", "1701"),
        ("w:right", "850"),
    ] {
        assert_eq!(mar.get_attr(k), Some(v), "{k}");
    }
    assert!(child(sect, "w:titlePg").is_some());
    let refs: Vec<_> = all(sect, "w:headerReference")
        .iter()
        .map(|r| r.get_attr("w:type").unwrap_or(""))
        .collect();
    assert_eq!(refs, ["default", "first"]);
    // One header shows the PAGE field at the tree's size; the first-page one is empty.
    let headers: Vec<_> = p
        .keys()
        .filter(|k| k.starts_with("word/header"))
        .cloned()
        .collect();
    assert_eq!(headers.len(), 2);
    let with_page: Vec<_> = headers.iter().filter(|h| p[*h].contains("PAGE")).collect();
    assert_eq!(with_page.len(), 1);
    assert!(p[with_page[0]].contains(r#"<w:sz w:val="28"/>"#));
    assert!(p[with_page[0]].contains(r#"<w:jc w:val="center"/>"#));
    // Without a page number: no header, no title page.
    let mut plain = cong_van();
    plain.page.page_number = None;
    let p = parts(&export(&plain).unwrap());
    assert!(!p.keys().any(|k| k.starts_with("word/header")));
    assert!(!p["word/document.xml"].contains("titlePg"));
}

#[test]
fn styles_fonts_and_paragraph_formatting() {
    let doc = cong_van();
    let p = parts(&export(&doc).unwrap());
    let styles = tree(&p, "word/styles.xml");
    let declared: Vec<_> = all(&styles, "w:style")
        .iter()
        .filter_map(|s| s.get_attr("w:styleId"))
        .collect();
    for name in super::build::STYLE_NAMES {
        let (id, display) = name.docx_name();
        assert!(declared.contains(&id), "{id} not declared");
        assert!(p["word/styles.xml"].contains(&format!(r#"<w:name w:val="{display}"/>"#)));
    }
    assert!(p["word/styles.xml"].contains(r#"w:ascii="Times New Roman""#));
    assert!(p["word/styles.xml"].contains(r#"w:eastAsia="Times New Roman""#));
    // The footnote style at its constant size, the reference style superscript.
    let footnote = all(&styles, "w:style")
        .into_iter()
        .find(|s| s.get_attr("w:styleId") == Some("VBFootnote"))
        .unwrap();
    assert_eq!(all(footnote, "w:sz")[0].get_attr("w:val"), Some("22"));
    let reference = all(&styles, "w:style")
        .into_iter()
        .find(|s| s.get_attr("w:styleId") == Some("FootnoteReference"))
        .unwrap();
    assert_eq!(
        all(reference, "w:vertAlign")[0].get_attr("w:val"),
        Some("superscript")
    );

    // Every paragraph references a declared style.
    let document = tree(&p, "word/document.xml");
    for para in all(&document, "w:p") {
        let ppr = child(para, "w:pPr").expect("pPr");
        let id = child(ppr, "w:pStyle")
            .and_then(|s| s.get_attr("w:val"))
            .expect("pStyle");
        assert!(declared.contains(&id), "{id}");
    }
    // A body paragraph: justified, 1 cm first line, 6 pt after, single spacing, 14 pt (its
    // style's size, so not repeated on the runs).
    let body = all(&document, "w:p")
        .into_iter()
        .find(|p| text_of(p).starts_with("Thực hiện chỉ đạo"))
        .unwrap();
    let ppr = child(body, "w:pPr").unwrap();
    assert_eq!(child(ppr, "w:jc").unwrap().get_attr("w:val"), Some("both"));
    assert_eq!(
        child(ppr, "w:ind").unwrap().get_attr("w:firstLine"),
        Some("567")
    );
    let spacing = child(ppr, "w:spacing").unwrap();
    assert_eq!(spacing.get_attr("w:after"), Some("120"));
    assert_eq!(spacing.get_attr("w:line"), Some("240"));
    assert_eq!(spacing.get_attr("w:lineRule"), Some("auto"));
    let body_style = all(&styles, "w:style")
        .into_iter()
        .find(|s| s.get_attr("w:styleId") == Some("VBBody"))
        .unwrap();
    assert_eq!(all(body_style, "w:sz")[0].get_attr("w:val"), Some("28"));
    // The header's regular line under a style most of whose lines are bold says so.
    let ubnd = all(&document, "w:p")
        .into_iter()
        .find(|p| text_of(p) == "ỦY BAN NHÂN DÂN")
        .unwrap();
    let r = all(ubnd, "w:r")[0];
    assert!(
        child(child(r, "w:rPr").unwrap(), "w:b")
            .is_some_and(|b| b.get_attr("w:val") == Some("false"))
    );
    // "Nơi nhận:" says its first line is not indented: the style's lines hang.
    let dist = all(&styles, "w:style")
        .into_iter()
        .find(|s| s.get_attr("w:styleId") == Some("VBDistribution"))
        .unwrap();
    assert_eq!(all(dist, "w:ind")[0].get_attr("w:hanging"), Some("142"));
    let noi_nhan = all(&document, "w:p")
        .into_iter()
        .find(|p| text_of(p) == "Nơi nhận:")
        .unwrap();
    let ind = all(noi_nhan, "w:ind")[0];
    assert_eq!(
        (ind.get_attr("w:left"), ind.get_attr("w:firstLine")),
        (Some("0"), Some("0"))
    );
    // Subscripts and multiple spaces survive.
    assert!(p["word/document.xml"].contains(r#"<w:vertAlign w:val="subscript"/>"#));
    assert!(
        p["word/document.xml"]
            .contains(r#"<w:t xml:space="preserve">Hà Tĩnh, ngày     tháng     năm 2024</w:t>"#)
    );
    assert!(p["word/document.xml"].contains(r#"<w:br w:type="textWrapping"/>"#));
}

#[test]
fn columns_are_borderless_fixed_tables_kept_together() {
    let doc = cong_van();
    let p = parts(&export(&doc).unwrap());
    let document = tree(&p, "word/document.xml");
    let body = child(&document, "w:body").unwrap();
    let tables: Vec<_> = body.elements().filter(|e| e.name == "w:tbl").collect();
    assert_eq!(tables.len(), 3);
    for t in &tables {
        let pr = child(t, "w:tblPr").unwrap();
        assert_eq!(
            child(pr, "w:tblLayout").unwrap().get_attr("w:type"),
            Some("fixed")
        );
        assert_eq!(child(pr, "w:tblW").unwrap().get_attr("w:w"), Some("9354"));
        for b in child(pr, "w:tblBorders").unwrap().elements() {
            assert!(matches!(b.get_attr("w:val"), Some("none" | "nil")), "{b:?}");
        }
        for row in all(t, "w:tr").into_iter().filter(|r| !std::ptr::eq(*r, *t)) {
            if all(row, "w:tbl").is_empty() {
                assert!(!all(row, "w:cantSplit").is_empty());
            }
        }
        assert!(
            all(t, "w:gridCol")
                .iter()
                .all(|g| g.get_attr("w:type").is_none())
        );
    }
    // The stamp: a framed one-cell table of 30 x 8 mm inside the header.
    let stamp = all(tables[0], "w:tbl").into_iter().nth(1).unwrap();
    assert_eq!(text_of(stamp), "HỎA TỐC");
    let pr = child(stamp, "w:tblPr").unwrap();
    assert_eq!(child(pr, "w:jc").unwrap().get_attr("w:val"), Some("center"));
    assert_eq!(child(pr, "w:tblW").unwrap().get_attr("w:w"), Some("1701"));
    for side in ["w:top", "w:left", "w:bottom", "w:right"] {
        assert_eq!(
            child(child(pr, "w:tblBorders").unwrap(), side)
                .unwrap()
                .get_attr("w:val"),
            Some("single")
        );
    }
    let height = all(stamp, "w:trHeight")[0];
    assert_eq!(height.get_attr("w:val"), Some("454"));
    assert_eq!(height.get_attr("w:hRule"), Some("exact"));
    // Signature: every paragraph keeps with the next, and so does the body's last paragraph.
    for para in all(tables[2], "w:p") {
        assert!(!all(para, "w:keepNext").is_empty(), "{}", text_of(para));
    }
    let last_body = body
        .elements()
        .filter(|e| e.name == "w:p")
        .find(|p| text_of(p).ends_with("./."))
        .unwrap();
    assert!(!all(last_body, "w:keepNext").is_empty());
    // The signer's name keeps its space before (72 pt) and the first row its block's 6 pt.
    let name = all(tables[2], "w:p")
        .into_iter()
        .find(|p| text_of(p) == "Nguyễn Văn A")
        .unwrap();
    assert_eq!(all(name, "w:spacing")[0].get_attr("w:before"), Some("1440"));
    let first = all(tables[2], "w:p")
        .into_iter()
        .find(|p| text_of(p) == "KT. CHỦ TỊCH")
        .unwrap();
    assert_eq!(all(first, "w:spacing")[0].get_attr("w:before"), Some("120"));
}

#[test]
fn rules_are_bottom_borders_of_the_measured_length() {
    let doc = cong_van();
    let p = parts(&export(&doc).unwrap());
    let document = tree(&p, "word/document.xml");
    let paras = all(&document, "w:p");
    let cases = [
        ("TỈNH HÀ TĨNH", 12.0, 0.4, 70.0),
        ("Độc lập - Tự do - Hạnh phúc", 13.0, 1.0, 95.0),
    ];
    for (text, size, share, column) in cases {
        let i = paras.iter().position(|p| text_of(p) == text).unwrap();
        let rule = paras[i + 1];
        assert_eq!(text_of(rule), "");
        let bottom = all(rule, "w:bottom")[0];
        assert_eq!(bottom.get_attr("w:val"), Some("single"));
        assert_eq!(bottom.get_attr("w:sz"), Some("4"));
        let ind = all(rule, "w:ind")[0];
        let left: f32 = ind.get_attr("w:left").unwrap().parse().unwrap();
        let right: f32 = ind.get_attr("w:right").unwrap().parse().unwrap();
        let width = crate::fonts::text_width(text, size, true, false) * 20.0;
        let column = Mm(column).pt().0 * 20.0;
        let length = column - left - right;
        assert!(
            (length - share * width).abs() < 2.0,
            "{text}: {length} vs {}",
            share * width
        );
        assert!((left - right).abs() < 2.0, "{text}: not centred");
        // The text keeps with its rule.
        assert!(!all(paras[i], "w:keepNext").is_empty());
    }
}

#[test]
fn footnotes_are_real_and_numbered_from_one() {
    let doc = cong_van();
    // Whatever was exported before, the note is number 1.
    for _ in 0..2 {
        let p = parts(&export(&doc).unwrap());
        let document = tree(&p, "word/document.xml");
        let refs = all(&document, "w:footnoteReference");
        let ref_ids: Vec<_> = refs.iter().filter_map(|r| r.get_attr("w:id")).collect();
        assert_eq!(ref_ids, ["1", "2"]);
        let notes = tree(&p, "word/footnotes.xml");
        let ids: Vec<_> = all(&notes, "w:footnote")
            .iter()
            .filter_map(|n| n.get_attr("w:id"))
            .collect();
        assert_eq!(ids, ["-1", "0", "1", "2"]);
        let note = all(&notes, "w:footnote")[2];
        let para = child(note, "w:p").unwrap();
        let ppr = child(para, "w:pPr").unwrap();
        assert_eq!(
            child(ppr, "w:pStyle").unwrap().get_attr("w:val"),
            Some("VBFootnote")
        );
        let first_run = para.elements().find(|e| e.name == "w:r").unwrap();
        assert!(child(first_run, "w:footnoteRef").is_some());
        assert!(p["[Content_Types].xml"].contains("footnotes+xml"));
        assert!(p["word/_rels/document.xml.rels"].contains("footnotes.xml"));
        assert!(p["word/settings.xml"].contains(
            r#"<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>"#
        ));
    }
    // A document without notes has no footnote part.
    let mut none = cong_van();
    for block in &mut none.blocks {
        if let Block::Para(p) = block {
            p.inlines.retain(|i| !matches!(i, Inline::Footnote { .. }));
        }
    }
    let p = parts(&export(&none).unwrap());
    assert!(!p.contains_key("word/footnotes.xml"));
    assert!(!p["word/_rels/document.xml.rels"].contains("footnotes"));
    assert!(!p["[Content_Types].xml"].contains("footnotes"));
    assert!(!p["word/settings.xml"].contains("footnotePr"));
}

#[test]
fn text_equals_the_trees_plain_text() {
    let doc = cong_van();
    let p = parts(&export(&doc).unwrap());
    let mut text = text_of(&tree(&p, "word/document.xml"));
    text.push_str(&text_of(&tree(&p, "word/footnotes.xml")));
    assert_eq!(squeeze(&text), squeeze(&doc.plain_text()));
}

#[test]
fn hyphens_stay_plain_and_a_typed_u2011_is_words_non_breaking_hyphen() {
    let mut doc = cong_van();
    doc.blocks.push(para(
        vec![run(
            "Nghị quyết số 04-NQ/TU, giai đoạn 2021-2025, mã 12\u{2011}A.",
        )],
        body_style(),
    ));
    let p = parts(&export(&doc).unwrap());
    let xml = &p["word/document.xml"];
    // Typed hyphens are text, where Word and LibreOffice may break a line (docs/parity.md).
    assert!(
        xml.contains("04-NQ/TU, giai đoạn 2021-2025, mã 12"),
        "{xml}"
    );
    // A U+2011 the user typed is Word's own non-breaking hyphen, not the character.
    assert_eq!(
        all(&tree(&p, "word/document.xml"), "w:noBreakHyphen").len(),
        1
    );
    assert!(!xml.contains('\u{2011}'));
    assert!(text_of(&tree(&p, "word/document.xml")).contains("mã 12-A."));
}

#[test]
fn package_is_deflated_ordered_dated_and_deterministic() {
    let doc = cong_van();
    let a = export(&doc).unwrap();
    let files = unzip(&a);
    assert_eq!(files[0].0, "[Content_Types].xml");
    assert!(files.iter().all(|(_, _, deflated)| *deflated));
    assert!(a.len() < 40_000, "{} bytes", a.len());
    let mut archive = zip::ZipArchive::new(Cursor::new(&a)).unwrap();
    for i in 0..archive.len() {
        let f = archive.by_index(i).unwrap();
        assert_eq!(f.last_modified(), Some(zip::DateTime::default()));
    }
    let p = parts(&a);
    let core = &p["docProps/core.xml"];
    assert!(core.contains("<dc:title>Công văn về việc tăng cường ứng dụng chữ ký số</dc:title>"));
    assert!(
        core.contains("<dc:creator>Ủy ban nhân dân tỉnh Hà Tĩnh &amp; &lt;VP&gt;</dc:creator>")
    );
    assert!(core.contains(">2024-05-06T00:00:00Z</dcterms:created>"));
    // Same bytes again, and after exporting another document in between.
    assert_eq!(a, export(&doc).unwrap());
    let mut other = cong_van();
    other.blocks.truncate(3);
    other.meta.date = None;
    let b = export(&other).unwrap();
    assert!(parts(&b)["docProps/core.xml"].contains(">1980-01-01T00:00:00Z</dcterms:created>"));
    assert_eq!(a, export(&doc).unwrap());
    // And on another thread (docx-rs numbers paragraphs per thread).
    let copy = doc.clone();
    let elsewhere = std::thread::spawn(move || export(&copy).unwrap())
        .join()
        .unwrap();
    assert_eq!(a, elsewhere);
    // Paragraph ids are numbered from 1 in each document.
    assert!(p["word/document.xml"].contains(r#"w14:paraId="00000001""#));
}

#[test]
fn a_mismatched_columns_block_is_an_error_not_a_panic() {
    let mut doc = cong_van();
    if let Block::Columns(c) = &mut doc.blocks[0] {
        c.widths.truncate(1);
    }
    let err = export(&doc).unwrap_err();
    assert!(err.to_string().contains("widths"), "{err}");
}

/// Less common shapes: a title with a short rule at the top level, a top-level stamp, a
/// hanging-indent list item, a footnote in a table cell and a note inside a note, an empty
/// cell and an empty paragraph, stray tabs, newlines and control characters, no page number.
fn odd_document() -> Document {
    let mut doc = cong_van();
    doc.page.page_number = None;
    let title = || style(StyleName::Title, 14.0, true, false, Align::Center);
    doc.blocks = vec![
        Block::Stamp(Stamp {
            text: "LƯU HÀNH NỘI BỘ".into(),
            width: Mm(55.0),
            height: Mm(8.0),
            size: Pt(13.0),
            align: Align::Right,
            space_before: Pt(0.0),
            frame: nd30().stamp.frame,
        }),
        para(vec![run("KẾ HOẠCH")], title()),
        ruled("Triển khai chuyển đổi số năm 2024", title(), 0.5),
        Block::Columns(Columns {
            widths: vec![Mm(80.0), Mm(85.0)],
            rows: vec![vec![
                vec![],
                vec![para(
                    vec![
                        run("Ô có chú thích"),
                        Inline::Footnote {
                            inlines: vec![
                                run("Chú thích trong bảng"),
                                Inline::Footnote {
                                    inlines: vec![run("Chú thích lồng")],
                                },
                            ],
                        },
                    ],
                    style(StyleName::Body, 14.0, false, false, Align::Left),
                )],
            ]],
            keep_with_previous: false,
            space_before: Pt(0.0),
        }),
        para(
            vec![run(
                "- Mục gạch đầu dòng\tcó tab,\ncó xuống dòng và ký tự\u{b}lạ, dài để xuống hàng với thụt treo.",
            )],
            ParaStyle {
                left_indent: Mm(10.0),
                hanging: Mm(5.0),
                ..style(StyleName::ListItem, 14.0, false, false, Align::Justify)
            },
        ),
        para(vec![], body_style()),
    ];
    doc
}

#[test]
fn odd_shapes_export_cleanly() {
    let doc = odd_document();
    let bytes = export(&doc).unwrap();
    let p = parts(&bytes);
    let document = tree(&p, "word/document.xml");
    let mut text = text_of(&document);
    text.push_str(&text_of(&tree(&p, "word/footnotes.xml")));
    assert_eq!(squeeze(&text), squeeze(&doc.plain_text()));
    assert!(!p.keys().any(|k| k.starts_with("word/header")));
    let stamp = child(&document, "w:body")
        .unwrap()
        .elements()
        .find(|e| e.name == "w:tbl")
        .unwrap();
    assert_eq!(all(stamp, "w:jc")[0].get_attr("w:val"), Some("right"));
    let item = all(&document, "w:p")
        .into_iter()
        .find(|p| text_of(p).starts_with("- Mục"))
        .unwrap();
    let ind = all(item, "w:ind")[0];
    assert_eq!(
        (ind.get_attr("w:left"), ind.get_attr("w:hanging")),
        (Some("567"), Some("283"))
    );
    assert_eq!(all(item, "w:tab").len(), 1);
    assert_eq!(all(item, "w:br").len(), 1);
    // Both notes of the cell: the nested one is a second paragraph of the first note.
    let notes = tree(&p, "word/footnotes.xml");
    let note = all(&notes, "w:footnote")
        .into_iter()
        .find(|n| n.get_attr("w:id") == Some("1"))
        .unwrap();
    assert_eq!(all(note, "w:p").len(), 2);
    assert_eq!(all(&document, "w:footnoteReference").len(), 1);
    // The title's rule: half the measured width, centred on the text width.
    let paras = all(&document, "w:p");
    let i = paras
        .iter()
        .position(|p| text_of(p).starts_with("Triển khai"))
        .unwrap();
    let ind = all(paras[i + 1], "w:ind")[0];
    let left: f32 = ind.get_attr("w:left").unwrap().parse().unwrap();
    let right: f32 = ind.get_attr("w:right").unwrap().parse().unwrap();
    let width =
        crate::fonts::text_width("Triển khai chuyển đổi số năm 2024", 14.0, true, false) * 20.0;
    let text_width = doc.page.text_width().pt().0 * 20.0;
    assert!((text_width - left - right - 0.5 * width).abs() < 2.0);
    assert!((left - right).abs() < 2.0);
}

/// The công văn with a landscape appendix holding a long ruled table: two header rows (the
/// first with a cell spanning two columns, another spanning both rows), a cell spanning three
/// rows in the body.
fn with_appendix() -> Document {
    let mut doc = cong_van();
    let cell = |t: &str, colspan: usize, rowspan: usize| Cell {
        blocks: vec![para(
            vec![run(t)],
            style(StyleName::Table, 13.0, false, false, Align::Left),
        )],
        colspan,
        rowspan,
        keep_with_next: false,
    };
    let head = |t: &str, colspan: usize, rowspan: usize| Cell {
        blocks: vec![para(
            vec![run(t)],
            style(StyleName::Table, 13.0, true, false, Align::Center),
        )],
        colspan,
        rowspan,
        keep_with_next: false,
    };
    let mut rows = vec![
        vec![
            head("TT", 1, 2),
            head("Nhiệm vụ", 1, 2),
            head("Thời gian", 2, 1),
        ],
        vec![head("Bắt đầu", 1, 1), head("Kết thúc", 1, 1)],
    ];
    for i in 0..30 {
        let mut row = vec![
            cell(&format!("{}", i + 1), 1, 1),
            cell(&format!("Nhiệm vụ số {} của kế hoạch", i + 1), 1, 1),
        ];
        if i % 3 == 0 {
            row.push(cell("Quý I", 1, 3));
        }
        row.push(cell("Quý IV", 1, 1));
        rows.push(row);
    }
    doc.blocks.push(Block::SectionBreak(SectionBreak {
        landscape: true,
        restart_page_numbers: true,
    }));
    doc.blocks.push(para(
        vec![run("Phụ lục")],
        style(StyleName::Title, 14.0, true, false, Align::Center),
    ));
    doc.blocks.push(Block::Table(Table {
        widths: vec![Mm(15.0), Mm(157.0), Mm(40.0), Mm(40.0)],
        header_rows: 2,
        rows,
        space_before: Pt(6.0),
        rule: nd30().table.rule,
        padding: nd30().table.padding,
    }));
    doc
}

#[test]
fn appendix_sections_and_ruled_tables() {
    let doc = with_appendix();
    let p = parts(&export(&doc).unwrap());
    let document = tree(&p, "word/document.xml");
    let body = child(&document, "w:body").unwrap();
    // The main part ends with a paragraph carrying its portrait section; the body's own
    // section is the landscape appendix, numbered from 1 with no number on its first page.
    let sections = all(body, "w:sectPr");
    assert_eq!(sections.len(), 2);
    let (main, appendix) = (sections[0], sections[1]);
    assert_eq!(
        child(main, "w:pgSz").unwrap().get_attr("w:w"),
        Some("11906")
    );
    assert!(child(main, "w:titlePg").is_some());
    assert!(child(main, "w:pgNumType").is_none());
    let size = child(appendix, "w:pgSz").unwrap();
    assert_eq!(
        (size.get_attr("w:w"), size.get_attr("w:h")),
        (Some("16838"), Some("11906"))
    );
    assert_eq!(size.get_attr("w:orient"), Some("landscape"));
    assert_eq!(
        child(appendix, "w:pgNumType").unwrap().get_attr("w:start"),
        Some("1")
    );
    assert!(child(appendix, "w:titlePg").is_some());
    for s in [main, appendix] {
        let refs: Vec<_> = all(s, "w:headerReference")
            .iter()
            .map(|r| r.get_attr("w:type").unwrap_or(""))
            .collect();
        assert_eq!(refs, ["default", "first"]);
        assert_eq!(
            child(s, "w:pgMar").unwrap().get_attr("w:left"),
            Some("1701")
        );
    }
    // The ruled table: 0.5 pt lines everywhere, two repeated header rows, merged cells.
    let table = body
        .elements()
        .filter(|e| e.name == "w:tbl")
        .last()
        .unwrap();
    let pr = child(table, "w:tblPr").unwrap();
    let borders = child(pr, "w:tblBorders").unwrap();
    assert_eq!(borders.elements().count(), 6);
    assert!(
        borders
            .elements()
            .all(|b| b.get_attr("w:val") == Some("single") && b.get_attr("w:sz") == Some("4"))
    );
    let rows: Vec<_> = table.elements().filter(|e| e.name == "w:tr").collect();
    assert_eq!(rows.len(), 32);
    let header: Vec<bool> = rows
        .iter()
        .map(|r| !all(r, "w:tblHeader").is_empty())
        .collect();
    assert_eq!(&header[..3], [true, true, false]);
    assert!(rows.iter().all(|r| !all(r, "w:cantSplit").is_empty()));
    let cells = |r: &Element| r.elements().filter(|e| e.name == "w:tc").count();
    assert_eq!(cells(rows[0]), 3);
    assert_eq!(all(rows[0], "w:gridSpan")[0].get_attr("w:val"), Some("2"));
    assert_eq!(cells(rows[1]), 4);
    let merges = |r: &Element| {
        all(r, "w:vMerge")
            .iter()
            .map(|m| m.get_attr("w:val").unwrap_or("continue").to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(merges(rows[0]), ["restart", "restart"]);
    assert_eq!(merges(rows[1]), ["continue", "continue"]);
    assert_eq!(merges(rows[2]), ["restart"]);
    assert_eq!(merges(rows[3]), ["continue"]);
    assert_eq!(merges(rows[4]), ["continue"]);
    assert!(rows[2..].iter().all(|r| cells(r) == 4));
    // The grid fills the landscape text width: 297 - 30 - 15 = 252 mm.
    assert_eq!(
        child(pr, "w:tblW").unwrap().get_attr("w:w"),
        Some(&*Mm(252.0).twips().to_string())
    );
    let mut text = text_of(&document);
    text.push_str(&text_of(&tree(&p, "word/footnotes.xml")));
    assert_eq!(squeeze(&text), squeeze(&doc.plain_text()));
}

/// Writes the công văn to /tmp/vanban-docx/cong-van.docx and validates it with openxml-audit
/// (skipped when the tool is missing). Run with `cargo test docx -- --ignored`, then look at
/// the file with LibreOffice and `layout-check`.
#[test]
#[ignore = "writes to /tmp and runs openxml-audit"]
fn write_sample_and_validate() {
    let dir = std::path::Path::new("/tmp/vanban-docx");
    std::fs::create_dir_all(dir).unwrap();
    let docs = [
        ("cong-van.docx", cong_van()),
        ("odd.docx", odd_document()),
        ("appendix.docx", with_appendix()),
    ];
    for (name, doc) in docs {
        let path = dir.join(name);
        std::fs::write(&path, export(&doc).unwrap()).unwrap();
        let audit = std::process::Command::new("openxml-audit")
            .args(["-o", "json", "-m", "0"])
            .arg(&path)
            .output();
        let Ok(out) = audit else {
            eprintln!(
                "openxml-audit not installed: {} written, not validated",
                path.display()
            );
            continue;
        };
        let report = String::from_utf8_lossy(&out.stdout);
        assert!(
            report.contains(r#""valid": true"#) && report.contains(r#""error_count": 0"#),
            "{name}: {report}"
        );
    }
}
