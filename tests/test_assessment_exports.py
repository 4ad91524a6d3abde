"""The exports hold the page's figures: .xlsx read back, the .csv, the 通报 PDF's text, the command."""

import io
import re
from html.parser import HTMLParser

import openpyxl
import pdfplumber
import pytest
from django.core.management import call_command
from django.urls import reverse

from .assessment_fixtures import EXPECTED_MARCH, UNITS, ExampleMonth


class _TableText(HTMLParser):
    """The text of each cell of the table with id assessment-table: header row, body rows, footer."""

    def __init__(self):
        super().__init__()
        self.inside = False
        self.rows, self.row, self.cell = [], None, None

    def handle_starttag(self, tag, attrs):
        if tag == "table" and dict(attrs).get("id") == "assessment-table":
            self.inside = True
        elif self.inside and tag == "tr":
            self.row = []
        elif self.inside and tag in ("td", "th") and self.row is not None:
            self.cell = []

    def handle_endtag(self, tag):
        if tag == "table" and self.inside:
            self.inside = False
        elif self.inside and tag in ("td", "th") and self.cell is not None:
            self.row.append("".join(self.cell).strip())
            self.cell = None
        elif self.inside and tag == "tr" and self.row is not None:
            self.rows.append(self.row)
            self.row = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def page_rows(client, period):
    parser = _TableText()
    parser.feed(client.get(reverse("assessment:office"), {"period": period}).content.decode())
    # rows[0]: the group row, rows[1]: the headers; the last: the totals
    return parser.rows[1], parser.rows[2:-1], parser.rows[-1]


def xlsx_text(value, number_format):
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if number_format == "0.0%":
        return f"{value * 100:.1f}%"
    if number_format == "0.0":
        return f"{value:.1f}"
    return str(value)


@pytest.fixture
def example(db):
    return ExampleMonth().build()


def test_the_xlsx_read_back_equals_the_page(client, editor, example):
    client.force_login(editor)
    headers, body, total = page_rows(client, "2026-03")
    response = client.get(reverse("assessment:export", args=["xlsx"]), {"period": "2026-03"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "2026年3月信息工作考核情况表"
    assert [str(r) for r in sheet.merged_cells.ranges] == [f"A1:{sheet.cell(row=2, column=sheet.max_column).column_letter}1"]
    assert sheet.freeze_panes == "C3"
    assert [c.value.split("·")[-1] for c in sheet[2]] == [h.strip(" ▲▼") for h in headers]
    values = [[xlsx_text(c.value, c.number_format) for c in row] for row in sheet.iter_rows(min_row=3)]
    page = [[re.sub(r"※?▲?$", "", cell).replace("零采用", "是") for cell in row] for row in body]
    assert values[:-1] == page
    assert values[-1] == total
    assert len(page) == 12


def test_the_xlsx_uses_number_formats_for_points_and_rates(client, editor, example):
    client.force_login(editor)
    response = client.get(reverse("assessment:export", args=["xlsx"]), {"period": "2026-03"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    headers = [c.value for c in sheet[2]]
    first = sheet[3]
    assert first[headers.index("采用率")].number_format == "0.0%"
    assert first[headers.index("本月得分")].number_format == "0.0"
    assert first[headers.index("本月得分")].value == 45  # a number, not text


def test_a_sorted_and_filtered_export_holds_the_rows_the_page_shows(client, editor, example):
    client.force_login(editor)
    query = {"period": "2026-03", "category": "subdistrict", "sort": "total"}
    parser = _TableText()
    parser.feed(client.get(reverse("assessment:office"), query).content.decode())
    page_units = [row[1].rstrip("※▲") for row in parser.rows[2:-1]]
    assert page_units == ["矿山街道", "工业路街道", "新安路街道", "中心路街道", "济源路街道"]
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(reverse("assessment:export", args=["xlsx"]), query).content)).active
    assert [row[1].value for row in sheet.iter_rows(min_row=3)][:-1] == page_units


def test_the_report_pdf_holds_every_unit_and_the_totals(client, editor, example):
    client.force_login(editor)
    response = client.get(reverse("assessment:export", args=["pdf"]), {"period": "2026-03"})
    assert response["Content-Type"] == "application/pdf"
    with pdfplumber.open(io.BytesIO(response.content)) as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)
    compact = re.sub(r"\s+", "", text)
    assert "信息工作通报" in compact and "关于2026年3月全区信息工作情况的通报" in compact
    submitted = sum(row[1] for row in EXPECTED_MARCH)
    month_total = sum(row[17] for row in EXPECTED_MARCH)
    year_total = sum(row[18] for row in EXPECTED_MARCH)
    assert f"全区各单位共报送信息{submitted}条" in compact
    for short, *_ in UNITS:
        assert short in compact
    # The totals line ends with this month's points and the year's.
    assert re.search(rf"合计{submitted}.*{month_total}\.0{year_total}\.0", compact)


def test_the_command_writes_the_pages_figures(client, editor, example, tmp_path):
    client.force_login(editor)
    headers, body, total = page_rows(client, "2026-03")
    out = tmp_path / "march.csv"
    call_command("unit_report", "--period", "2026-03", "--format", "csv", "-o", str(out))
    import csv

    lines = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert [h.split("·")[-1] for h in lines[0]] == [h.strip(" ▲▼") for h in headers]
    assert lines[1:-1] == [[re.sub(r"※?▲?$", "", c).replace("零采用", "是") for c in row] for row in body]
    xlsx = tmp_path / "march.xlsx"
    call_command("unit_report", "--period", "2026-03", "--format", "xlsx", "-o", str(xlsx))
    sheet = openpyxl.load_workbook(xlsx).active
    assert [c.value for c in sheet[sheet.max_row]][2] == int(total[2])
    pdf = tmp_path / "march.pdf"
    call_command("unit_report", "--period", "2026-03", "--format", "pdf", "-o", str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF")


def test_the_command_explains_a_bad_period(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="无法识别的考核期间"):
        call_command("unit_report", "--period", "2026-13", "--format", "csv", "-o", "-")
