#!/usr/bin/env python3
"""Rerun the attacks of issue 18, one or more per class, against a vanban binary, and print
a Markdown table: attack, exit code, wall time, peak memory, the first line vanban printed,
and whether the expectation held (exit 0 or 1, within 20 s and 1 GB, nothing outside the
output folder read or written, no half-set of outputs).

    python3 scripts/attacks.py [BIN]      # BIN defaults to target/debug/vanban

Every input is generated in a temporary folder; nothing large is kept. Needs /usr/bin/time.
"""
import csv
import io
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = str(Path(sys.argv[1]).resolve()) if len(sys.argv) > 1 else str(ROOT / "target/debug/vanban")
LIMIT_S, LIMIT_KB = 20.0, 1024 * 1024

HEAD = """issuer:
  name: [ỦY BAN NHÂN DÂN, XÃ AN BÌNH]
  text: Ủy ban nhân dân xã An Bình
number: 12
symbol: UBND-VP
place: An Bình
date: 15/04/2025
subject: {subject}
recipients: [Các thôn]
"""
TAIL = """signature:
  authority: TM
  for: Ủy ban nhân dân
  title: Chủ tịch
  name: Lê Văn B
distribution: [Như trên]
archive: VT
"""


def doc(body="body:\n  - Ủy ban nhân dân xã đề nghị các thôn rà soát.\n", subject="rà soát tiêu chí", extra=""):
    return HEAD.format(subject=subject) + body + TAIL + extra


def xlsx(cells, shared=None):
    """A minimal XLSX: `cells` is a list of (ref, xml of <c> content, type)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
        sst = "".join(f"<si><t>{s}</t></si>" for s in (shared or []))
        z.writestr("xl/sharedStrings.xml", f'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{sst}</sst>')
        rows = {}
        for ref, value, typ in cells:
            r = int("".join(ch for ch in ref if ch.isdigit()))
            rows.setdefault(r, []).append(f'<c r="{ref}" t="{typ}">{value}</c>')
        data = "".join(f'<row r="{r}">{"".join(c)}</row>' for r, c in sorted(rows.items()))
        z.writestr("xl/worksheets/sheet1.xml", f'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{data}</sheetData></worksheet>')
    return buf.getvalue()


def run(args, cwd, stdin=None):
    cmd = ["/usr/bin/time", "-f", "%e %M", BIN] + args
    try:
        p = subprocess.run(cmd, cwd=cwd, capture_output=True, timeout=120, stdin=stdin)
    except subprocess.TimeoutExpired:
        return None, 120.0, 0, "timeout"
    err = p.stderr.decode("utf-8", "replace").rstrip().splitlines()
    wall, kb = err[-1].split() if err else ("0", "0")
    lines = err[:-1] + p.stdout.decode("utf-8", "replace").splitlines()
    text = [l for l in lines if l.strip() and not l.startswith("Command exited")]
    return p.returncode, float(wall), int(kb), (text[0] if text else "")


ROWS = []


def attack(cls, name, args, cwd, check=None, ok_exit=(0, 1)):
    code, wall, kb, first = run(args, cwd)
    held = code in ok_exit and wall <= LIMIT_S and kb <= LIMIT_KB and "panicked" not in first
    note = ""
    if check is not None:
        good, note = check()
        held = held and good
    ROWS.append((cls, name, code, wall, kb, first[:90].replace("|", "\\|"), held, note))


def main():
    tmp = Path(tempfile.mkdtemp(prefix="vanban-attacks-"))
    out = tmp / "out"
    def w(name, text):
        (tmp / name).write_text(text, encoding="utf-8")
        return str(tmp / name)

    def wb(name, data):
        (tmp / name).write_bytes(data)
        return str(tmp / name)

    secret = tmp.parent / f"{tmp.name}-secret.txt"
    secret.write_text("BÍ-MẬT-NGOÀI-THƯ-MỤC", encoding="utf-8")
    leaked = lambda: (not any("BÍ-MẬT" in p.read_text("utf-8", "replace") for p in out.rglob("*") if p.is_file() and p.suffix in (".json", ".csv")), "secret not in outputs")

    # 1. --templates symlinks out of the folder.
    tdir = tmp / "tpl"
    tdir.mkdir()
    (tdir / "cong-van.vb").symlink_to(secret)
    attack(1, "template file is a symlink out of --templates", ["render", w("a.yaml", doc()), "--templates", str(tdir), "-o", str(out)], tmp, leaked)
    kdir = tmp / "tplk"
    kdir.mkdir()
    (kdir / "kinds.toml").symlink_to("/proc/self/environ")
    attack(1, "kinds.toml is a symlink to /proc/self/environ", ["check", str(tmp / "a.yaml"), "--templates", str(kdir)], tmp)

    # 2. Spreadsheets that explode in memory (as a merge table).
    merge_tpl = w("mau.yaml", doc(subject="gửi {{ Tên }}"))
    attack(2, "XLSX 1.4 KB, cells at A1 and XFD1048576 (merge)", ["merge", merge_tpl, wb("xfd.xlsx", xlsx([("A1", "<v>0</v>", "s"), ("XFD1048576", "<v>0</v>", "s")], ["Tên"])), "-o", str(out)], tmp)
    attack(2, "XLSX, 20,000 cells → one 1 MB shared string (merge)", ["merge", merge_tpl, wb("sst.xlsx", xlsx([("A1", "<v>0</v>", "s")] + [(f"A{r}", "<v>1</v>", "s") for r in range(2, 20002)], ["Tên", "x" * 1_000_000])), "-o", str(out)], tmp)

    # 3. Template output that doubles itself.
    ddir = tmp / "tpld"
    ddir.mkdir()
    (ddir / "cong-van.vb").write_text('{% set s = "ab" %}{% for i in range(40) %}{% set s = s ~ s %}{% endfor %}{{ s }}', encoding="utf-8")
    attack(3, "template doubling a string 40 times (--templates)", ["render", str(tmp / "a.yaml"), "--templates", str(ddir), "-o", str(out)], tmp)

    # 4. Quadratic work: a 200,001-row CSV task table; 5,000 distinct units.
    rows = "\n".join(f"{i},Nhiệm vụ số {i},Phòng {i % 5000},30/6/2025" for i in range(1, 200002))
    wb("nv.csv", ("STT,Nội dung,Cơ quan chủ trì,Thời hạn\n" + rows + "\n").encode())
    tasks_doc = w("nv.yaml", doc(body="body:\n  - tasks: all\n", extra="tasks:\n  source: nv.csv\n"))
    attack(4, "task CSV of 200,001 rows, 5,000 units (check)", ["check", tasks_doc], tmp)
    rows = "\n".join(f"{i},Nhiệm vụ số {i},Phòng ban số {i},30/6/2025" for i in range(1, 5001))
    wb("nv5.csv", ("STT,Nội dung,Cơ quan chủ trì,Thời hạn\n" + rows + "\n").encode())
    attack(4, "task CSV, 5,000 distinct units (near-duplicate check)", ["check", w("nv5.yaml", doc(body="body:\n  - tasks: all\n", extra="tasks:\n  source: nv5.csv\n"))], tmp)

    # 5. Memory per input byte.
    attack(5, "one paragraph of 1.6 MB", ["render", w("big.yaml", doc(body="body:\n  - " + "chữ " * 400_000 + "\n")), "-o", str(out)], tmp)
    table = "appendices:\n  - title: Bảng\n    table:\n      columns: [{title: STT}, {title: Nội dung}]\n      rows:\n" + "".join(f'        - ["{i}", "Dòng {i}"]\n' for i in range(10_000))
    attack(5, "appendix table of 10,000 rows", ["render", w("tbl.yaml", doc(extra=table)), "-o", str(out)], tmp)

    # 6. Special files.
    os.symlink("/dev/zero", tmp / "zero.yaml")
    attack(6, "/dev/zero behind a .yaml name", ["check", str(tmp / "zero.yaml")], tmp)
    os.mkfifo(tmp / "fifo.yaml")
    attack(6, "a FIFO named .yaml", ["render", str(tmp / "fifo.yaml"), "-o", str(out)], tmp)

    # 7. A document's outputs are one unit: the DOCX path is a folder.
    unit = tmp / "unit"
    (unit / "a.docx").mkdir(parents=True)
    attack(7, "DOCX path is a folder: no PDF alone", ["render", str(tmp / "a.yaml"), "-o", str(unit)], tmp,
           lambda: (not (unit / "a.pdf").exists() and not list(unit.glob("*.part")), "no a.pdf, no .part"))

    # 8. Control characters in the subject and issuer.
    # Escaped in a YAML double-quoted string (raw ones are a YAML syntax error, exit 1).
    ctl = w("ctl.yaml", doc(subject='"rà\\x01 soát\\u000b tiêu\\x1f chí"'))
    def core_ok():
        if not (out / "ctl.docx").exists():
            return False, "no DOCX"
        with zipfile.ZipFile(out / "ctl.docx") as z:
            import xml.dom.minidom
            xml.dom.minidom.parseString(z.read("docProps/core.xml"))
        return True, "core.xml well-formed"
    attack(8, "control characters in the subject", ["render", ctl, "-o", str(out)], tmp, core_ok)

    # 9. Formula injection in every CSV vanban writes (ntm tong-hop.csv).
    src = (ROOT / "samples/ntm/kon-tum-2024.csv").read_text(encoding="utf-8").splitlines()
    rdr = list(csv.reader(src))
    rdr[1][0] = "=cmd|' /C calc'!A0"
    buf = io.StringIO()
    csv.writer(buf).writerows(rdr)
    ntm_out = tmp / "ntm"
    def neutralised():
        text = "".join(p.read_text("utf-8", "replace") for p in ntm_out.rglob("*.csv"))
        return ("\n=cmd" not in text and ",=cmd" not in text, "no cell starts with =")
    attack(9, "ntm: a commune named =cmd|' /C calc'!A0", ["ntm", w("ntm.csv", buf.getvalue()), "-o", str(ntm_out)], tmp, neutralised)

    # 10. What check accepts renders.
    span = "appendices:\n  - title: Bảng\n    table:\n      columns: [{title: A}, {title: B}]\n      rows:\n        - [{text: x, span: 18446744073709551615}, y]\n"
    attack(10, "span: 2^64-1", ["render", w("span.yaml", doc(extra=span)), "-o", str(out)], tmp)

    # 11. Unvalidated layout files.
    pdir = tmp / "tplp"
    pdir.mkdir()
    builtin = (ROOT / "templates/profiles.toml").read_text(encoding="utf-8")
    (pdir / "profiles.toml").write_text(builtin.replace("width = 210.0", "width = 0.0", 1), encoding="utf-8")
    attack(11, "profiles.toml page width 0", ["render", str(tmp / "a.yaml"), "--templates", str(pdir), "-o", str(out)], tmp)

    # 12. Messages: an unknown option (clap) is Vietnamese, without the English usage text.
    # A mistake on the command line exits 2, as for every command (clap's convention).
    attack(12, "unknown option", ["render", "--nope"], tmp, ok_exit=(2,))

    # 13. Smaller: a deadline year of 4294967295; check --templates MISSING.
    y = w("year.yaml", doc(body="body:\n  - tasks: all\n", extra="tasks:\n  items:\n    - content: Rà soát\n      lead: Phòng A\n      deadline: 30/9/4294967295\n"))
    attack(13, "deadline year 4294967295", ["check", y], tmp)
    attack(13, "check --templates MISSING", ["check", str(tmp / "a.yaml"), "--templates", str(tmp / "missing")], tmp, ok_exit=(2,))

    print("| class | attack | exit | wall time | peak memory | first line | holds |")
    print("|---|---|---|---|---|---|---|")
    for cls, name, code, wall, kb, first, held, note in ROWS:
        extra = f" ({note})" if note else ""
        print(f"| {cls} | {name} | {code} | {wall:.2f} s | {kb // 1024} MB | {first} | {'yes' if held else 'NO'}{extra} |")
    bad = [r for r in ROWS if not r[6]]
    print(f"\n{len(ROWS) - len(bad)}/{len(ROWS)} held")
    secret.unlink()
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
