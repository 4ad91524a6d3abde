"""An issued 通报 is frozen; a later correction appears as an adjustment in the next month."""

import datetime
import io
from decimal import Decimal

import pdfplumber
import pytest
from django.urls import reverse

from bulletins.assessment.models import Adjustment, Instruction, Report
from bulletins.assessment.periods import Period
from bulletins.assessment.records import RecordError, issue_report
from bulletins.assessment.scoring import build_report

from .assessment_fixtures import ExampleMonth, level

TODAY = datetime.date(2026, 5, 10)


@pytest.fixture
def example(db):
    return ExampleMonth().build()


def totals(period):
    return {l.unit.short_name: l.total for l in build_report(Period.parse(period), today=TODAY).lines}


def test_issuing_a_month_stores_its_figures_and_pdf(example, editor):
    report = issue_report(Period.parse("2026-03"), editor, today=TODAY)
    assert report.number == 1
    assert report.figures["rows"][str(example.units["峡窝镇"].pk)]["total"] == "45.0"
    assert len(report.pdf_sha256) == 64
    with pdfplumber.open(io.BytesIO(report.pdf.open("rb").read())) as pdf:
        text = "".join(page.extract_text() for page in pdf.pages).replace(" ", "").replace("\n", "")
    assert "第1期" in text and "峡窝镇" in text


def test_a_late_instruction_leaves_the_issued_month_alone_and_corrects_the_next(example, editor):
    issue_report(Period.parse("2026-03"), editor, today=TODAY)
    # A 区级 批示 dated in March is recorded after March's 通报 was issued.
    item = example.items[0]
    Instruction.objects.create(item=item, leader_name="张明", leader_title="区委书记", level=level("区级"),
                               date=datetime.date(2026, 3, 28), text="很好。")
    assert totals("2026-03")["峡窝镇"] == Decimal(45)
    april = build_report(Period.parse("2026-04"), today=TODAY).line_for(example.units["峡窝镇"])
    assert april.total == Decimal(10)
    assert april.points["adjustment"] == Decimal(10)
    assert april.notes == ["更正2026年3月通报 +10.0分"]
    # Issuing April stores the correction as an adjustment; May does not repeat it.
    issue_report(Period.parse("2026-04"), editor, today=TODAY)
    correction = Adjustment.objects.get()
    assert correction.corrects.month == datetime.date(2026, 3, 1)
    assert correction.points == Decimal(10)
    assert totals("2026-04")["峡窝镇"] == Decimal(10)
    may = build_report(Period.parse("2026-05"), today=datetime.date(2026, 6, 2)).line_for(example.units["峡窝镇"])
    assert may.total == Decimal(0)
    # The year adds it once: 45 in March, the 10 of April's correction.
    assert totals("2026")["峡窝镇"] == Decimal(55)


def test_a_month_is_issued_once_and_only_after_it_ends(example, editor):
    issue_report(Period.parse("2026-03"), editor, today=TODAY)
    with pytest.raises(RecordError, match="已经印发"):
        issue_report(Period.parse("2026-03"), editor, today=TODAY)
    with pytest.raises(RecordError, match="尚未结束"):
        issue_report(Period.parse("2026-05"), editor, today=TODAY)
    with pytest.raises(RecordError, match="按月印发"):
        issue_report(Period.parse("2026-Q1"), editor, today=TODAY)
    assert Report.objects.count() == 1


def test_only_an_editor_issues_a_report(example, client, contributor, responsible_editor):
    for user in (contributor, responsible_editor):
        client.force_login(user)
        response = client.post(reverse("assessment:report_issue"), {"period": "2026-03"})
        assert response.status_code == 403
    assert not Report.objects.exists()


def test_the_office_page_shows_an_issued_month_as_frozen(example, client, editor):
    client.force_login(editor)
    response = client.post(reverse("assessment:report_issue"), {"period": "2026-03", "publish": "1"}, follow=True)
    page = response.content.decode()
    assert "已印发，数据已冻结" in page
    assert "已印发通报（第1期" in page
    assert "印发2026年3月信息工作通报" not in page
    pdf = client.get(reverse("assessment:export", args=["pdf"]), {"period": "2026-03"})
    assert pdf.content == Report.objects.get().pdf.open("rb").read()
