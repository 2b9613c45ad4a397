"""Build samples/tasks-huu-lung.xlsx from tasks-huu-lung.csv (the CSV is the source).

Run with a Python that has openpyxl:  python3 samples/make-tasks-xlsx.py
One sheet, "Nhiệm vụ": the header row, then the rows; group rows (I, II) in bold, widths and
wrapping so it reads well in Excel.
"""
import csv
import pathlib

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

here = pathlib.Path(__file__).parent
rows = list(csv.reader(open(here / "tasks-huu-lung.csv", encoding="utf-8")))
wb = Workbook()
ws = wb.active
ws.title = "Nhiệm vụ"
for r in rows:
    ws.append(r)
for cell in ws[1]:
    cell.font = Font(bold=True)
for row in ws.iter_rows(min_row=2):
    if row[0].value and row[0].value.strip("IVX") == "":
        for cell in row:
            cell.font = Font(bold=True)
for col, width in zip("ABCDEFG", [6, 60, 30, 30, 22, 22, 14]):
    ws.column_dimensions[col].width = width
for row in ws.iter_rows():
    for cell in row:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
# A fixed timestamp keeps the file the same on every run.
import datetime
wb.properties.created = wb.properties.modified = datetime.datetime(2024, 7, 15)
wb.save(here / "tasks-huu-lung.xlsx")
