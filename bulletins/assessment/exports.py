"""The report's table as .xlsx (openpyxl) and .csv: the page's columns and figures."""

import csv
import io
from decimal import Decimal

from . import table


def _title(report):
    return f"{report.period.label}信息工作考核情况表"


def xlsx_bytes(report, lines=None):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    cols = table.columns(report)
    values = table.rows(report, lines)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = report.period.label
    # Row 1: the merged title; row 2: the column headers (frozen below them).
    sheet.cell(row=1, column=1, value=_title(report))
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(cols))
    sheet["A1"].font = Font(name="黑体", size=16, bold=True)
    sheet["A1"].alignment = Alignment(horizontal="center", vertical="center")
    sheet.row_dimensions[1].height = 30
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for n, column in enumerate(cols, start=1):
        label = f"{column.group}·{column.label}" if column.group else column.label
        cell = sheet.cell(row=2, column=n, value=label)
        cell.font = Font(name="黑体", bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.fill = PatternFill("solid", fgColor="EEEEEE")
        cell.border = border
        width = 14 if column.key == "unit" else (8 if column.kind != "text" else 10)
        sheet.column_dimensions[get_column_letter(n)].width = width
    sheet.row_dimensions[2].height = 36
    formats = {"int": "0", "points": "0.0", "rate": "0.0%"}
    total = table.total_row(report)
    for r, row in enumerate([*values, total], start=3):
        for n, (column, value) in enumerate(zip(cols, row), start=1):
            if column.kind == "flag":
                value = "是" if value else None
            elif column.kind == "rate" and value is None and column.key == "rate":
                value = "—" if r < 3 + len(values) or total[n - 1] is None else None
            elif isinstance(value, Decimal):
                value = float(value)
            cell = sheet.cell(row=r, column=n, value=value)
            cell.border = border
            if column.kind in formats:
                cell.number_format = formats[column.kind]
            if r == 2 + len(values) + 1:
                cell.font = Font(bold=True)
    sheet.freeze_panes = "C3"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def csv_text(report, lines=None):
    cols = table.columns(report)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([f"{c.group}·{c.label}" if c.group else c.label for c in cols])
    for row in table.rows(report, lines):
        writer.writerow([table.display(c, v) for c, v in zip(cols, row)])
    writer.writerow(["" if v is None else table.display(c, v) for c, v in zip(cols, table.total_row(report))])
    return out.getvalue()


def csv_bytes(report, lines=None):
    # A byte-order mark so that Excel opens the Chinese text as UTF-8.
    return ("\ufeff" + csv_text(report, lines)).encode("utf-8")
