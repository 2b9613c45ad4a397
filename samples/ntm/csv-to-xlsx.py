#!/usr/bin/env python3
"""Write kon-tum-2024.xlsx from kon-tum-2024.csv (standard library only).

LibreOffice's CSV import would do the same (`soffice --headless --convert-to xlsx
--infilter=CSV:44,34,76,1 kon-tum-2024.csv`); this script exists because it did not run on the
build machine. Integer cells of the year and meeting columns are written as numbers, everything
else as text, as a clerk's workbook would have them.
"""
import csv
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

NUMERIC_COLUMNS = {"Năm", "Số thành viên dự họp", "Số thành viên nhất trí"}


def col(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def main(src, dst, sheet_name="Chỉ tiêu"):
    rows = list(csv.reader(open(src, encoding="utf-8")))
    numeric = {i for i, h in enumerate(rows[0]) if h in NUMERIC_COLUMNS}
    out = []
    for r, row in enumerate(rows, 1):
        cells = []
        for c, v in enumerate(row):
            if v == "":
                continue
            ref = f"{col(c)}{r}"
            if r > 1 and c in numeric and v.isdigit():
                cells.append(f'<c r="{ref}"><v>{v}</v></c>')
            else:
                cells.append(
                    f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(v)}</t></is></c>'
                )
        out.append(f'<row r="{r}">{"".join(cells)}</row>')
    head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    main_ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel_ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg_ns = "http://schemas.openxmlformats.org/package/2006/relationships"
    files = {
        "[Content_Types].xml": head
        + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        "</Types>",
        "_rels/.rels": head
        + f'<Relationships xmlns="{pkg_ns}"><Relationship Id="rId1" '
        f'Type="{rel_ns}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": head
        + f'<workbook xmlns="{main_ns}" xmlns:r="{rel_ns}"><sheets>'
        f'<sheet name="{escape(sheet_name)}" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": head
        + f'<Relationships xmlns="{pkg_ns}"><Relationship Id="rId1" '
        f'Type="{rel_ns}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": head
        + f'<worksheet xmlns="{main_ns}"><sheetData>{"".join(out)}</sheetData></worksheet>',
    }
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files.items():
            z.writestr(name, text)


if __name__ == "__main__":
    here = Path(__file__).parent
    src = sys.argv[1] if len(sys.argv) > 1 else here / "kon-tum-2024.csv"
    dst = sys.argv[2] if len(sys.argv) > 2 else here / "kon-tum-2024.xlsx"
    main(src, dst)
