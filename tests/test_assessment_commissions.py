"""约稿: the editor sends a notice, units see it at home and answer, the editor sees who answered."""

import datetime
import io

import pdfplumber
import pytest
from django.urls import reverse
from django.utils import timezone

from bulletins.assessment.models import Commission, CommissionAnswer
from bulletins.models import ItemState, Unit

from . import factories


@pytest.fixture
def commission(editor, unit, other_unit):
    from bulletins.assessment.records import create_commission

    return create_commission(editor, topic="优化营商环境典型做法", requirements="突出做法和成效。\n1500字以内。",
                             deadline=timezone.localdate() + datetime.timedelta(days=7),
                             targets=Commission.Targets.LIST, target_units=[unit])


def test_an_editor_sends_a_notice_from_the_form(client, editor, unit):
    client.force_login(editor)
    response = client.post(reverse("assessment:commission_create"), {
        "topic": "防汛备汛工作", "requirements": "", "deadline": "2026-12-20", "issued_on": "2026-12-01",
        "targets": "category", "target_category": Unit.Category.DEPARTMENT,
    })
    assert response.status_code == 302
    assert Commission.objects.get().targets_label() == "全部区直部门"


def test_a_notice_without_its_target_units_is_refused_in_chinese(client, editor):
    client.force_login(editor)
    response = client.post(reverse("assessment:commission_create"), {
        "topic": "防汛备汛工作", "deadline": "2026-12-20", "issued_on": "2026-12-01", "targets": "list",
    })
    assert "请选择约稿单位。" in response.content.decode()
    assert not Commission.objects.exists()


def test_a_target_unit_sees_the_notice_on_its_home_page_and_another_does_not(client, commission, contributor, other_contributor):
    client.force_login(contributor)
    assert "优化营商环境典型做法" in client.get(reverse("home")).content.decode()
    client.force_login(other_contributor)
    assert "优化营商环境典型做法" not in client.get(reverse("home")).content.decode()
    assert client.get(reverse("assessment:commission_detail", args=[commission.pk])).status_code == 404


def test_a_unit_answers_with_a_submitted_item_and_the_editor_sees_it(client, commission, contributor, editor, unit):
    item = factories.make_item(unit, contributor, title="我区推行“一件事一次办”", state=ItemState.SUBMITTED)
    client.force_login(contributor)
    client.post(reverse("assessment:commission_answer", args=[commission.pk]), {"unit": unit.pk, "item": item.pk})
    answer = CommissionAnswer.objects.get()
    assert answer.item == item and not answer.declined
    client.force_login(editor)
    page = client.get(reverse("assessment:commission_detail", args=[commission.pk])).content.decode()
    assert "按时应约" in page and "我区推行“一件事一次办”" in page


def test_a_draft_cannot_answer_a_notice(client, commission, contributor, unit):
    draft = factories.make_item(unit, contributor, title="草稿", state=ItemState.DRAFT)
    client.force_login(contributor)
    response = client.post(reverse("assessment:commission_answer", args=[commission.pk]),
                           {"unit": unit.pk, "item": draft.pk}, follow=True)
    assert "请先报送这篇稿件" in response.content.decode()
    assert not CommissionAnswer.objects.exists()


def test_the_editor_sees_answered_late_declined_and_missed(client, editor, unit, other_unit):
    third = factories.make_unit(name="第三单位", short_name="第三单位")
    fourth = factories.make_unit(name="第四单位", short_name="第四单位")
    commission = Commission.objects.create(topic="过去的约稿", deadline=datetime.date(2026, 3, 20),
                                           targets=Commission.Targets.LIST)
    commission.target_units.set([unit, other_unit, third, fourth])
    CommissionAnswer.objects.create(commission=commission, unit=unit, answered_on=datetime.date(2026, 3, 19))
    CommissionAnswer.objects.create(commission=commission, unit=other_unit, answered_on=datetime.date(2026, 3, 23))
    CommissionAnswer.objects.create(commission=commission, unit=third, declined=True, reason="本月无相关工作",
                                    answered_on=datetime.date(2026, 3, 10))
    client.force_login(editor)
    page = client.get(reverse("assessment:commission_detail", args=[commission.pk])).content.decode()
    states = [part.split('"')[0] for part in page.split('data-state="')[1:]]
    assert states == ["answered", "late", "declined", "missed"]
    assert "本月无相关工作" in page


def test_the_notice_prints_as_a_pdf(client, commission, contributor):
    client.force_login(contributor)
    response = client.get(reverse("assessment:commission_pdf", args=[commission.pk]))
    assert response["Content-Type"] == "application/pdf"
    with pdfplumber.open(io.BytesIO(response.content)) as pdf:
        text = "".join(page.extract_text() for page in pdf.pages).replace(" ", "").replace("\n", "")
    assert "约稿通知" in text and "优化营商环境典型做法" in text and "1500字以内" in text


def test_a_tampered_answer_gets_a_chinese_message_not_an_error_page(client, commission, contributor, unit):
    client.force_login(contributor)
    url = reverse("assessment:commission_answer", args=[commission.pk])
    assert client.post(url, {"unit": "abc", "item": "1"}).status_code == 404
    response = client.post(url, {"unit": unit.pk, "item": "abc"}, follow=True)
    assert "请选择本单位的一篇稿件应约。" in response.content.decode()
    assert not CommissionAnswer.objects.exists()

