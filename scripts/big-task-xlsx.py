#!/usr/bin/env python3
"""Write a task table XLSX of N rows x 7 columns (inline strings) and a document that reads
it, for measuring the largest accepted sheet (docs/limits.md):

    scripts/big-task-xlsx.py 150000 /tmp/big
    /usr/bin/time -v target/debug/vanban check /tmp/big/doc.yaml
"""
import os, sys, zipfile

n = int(sys.argv[1]); out = sys.argv[2]
os.makedirs(out, exist_ok=True)
def c(ref, t):
    return f'<c r="{ref}" t="inlineStr"><is><t>{t}</t></is></c>'
head = ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành", "Sản phẩm", "Ghi chú"]
rows = ['<row r="1">' + "".join(c(f"{chr(65+i)}1", h) for i, h in enumerate(head)) + "</row>"]
for r in range(2, n + 2):
    vals = [str(r - 1), f"Nhiệm vụ số {r}", f"Phòng {r % 50}", "Phòng Tài chính", "31/12/2025", "Báo cáo", ""]
    rows.append(f'<row r="{r}">' + "".join(c(f"{chr(65+i)}{r}", v) for i, v in enumerate(vals) if v) + "</row>")
sheet = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
         + "".join(rows) + "</sheetData></worksheet>")
with zipfile.ZipFile(os.path.join(out, "t.xlsx"), "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
    z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    z.writestr("xl/workbook.xml", '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Trang1" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
    z.writestr("xl/worksheets/sheet1.xml", sheet)
here = os.path.dirname(os.path.abspath(__file__))
doc = open(os.path.join(here, "..", "samples", "cong-van-giao-nhiem-vu-huu-lung.yaml"), encoding="utf-8").read()
doc = doc.replace("source: tasks-huu-lung.xlsx\n  appendix: Phân công nhiệm vụ xây dựng nông thôn mới năm 2024", "source: t.xlsx\n  appendix: false")
doc = doc.replace("  - tasks: all\n", "")
open(os.path.join(out, "doc.yaml"), "w", encoding="utf-8").write(doc)
