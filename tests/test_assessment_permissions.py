"""Who may see and record what in the assessment: checked on the server."""

import datetime

import pytest
from django.urls import reverse

from bulletins.assessment.models import Forwarding, HigherPublication, Instruction, Level, RuleSet
from bulletins.models import ItemState

from . import factories


@pytest.fixture
def published_item(unit, contributor):
    return factories.make_item(unit, contributor, title="已刊发稿件", state=ItemState.PUBLISHED)


@pytest.fixture
def city(db):
    return HigherPublication.objects.create(name="郑州信息", organ="中共郑州市委办公室", level=Level.objects.get(name="市级"))


def test_a_contributor_sees_only_their_own_units_figures(client, contributor, unit, other_unit):
    client.force_login(contributor)
    own = client.get(reverse("assessment:unit"))
    assert own.status_code == 200 and unit.name in own.content.decode()
    other = client.get(reverse("assessment:unit"), {"unit": other_unit.pk})
    assert other.status_code == 403
    assert "只能查看本单位" in other.content.decode()


def test_a_contributor_cannot_open_the_office_report_or_its_exports(client, contributor):
    client.force_login(contributor)
    for url in (reverse("assessment:office"), reverse("assessment:export", args=["xlsx"]),
                reverse("assessment:export", args=["pdf"])):
        response = client.get(url)
        assert response.status_code == 403
        assert "没有权限" in response.content.decode()


def test_an_editor_opens_any_units_view(client, editor, other_unit):
    client.force_login(editor)
    assert client.get(reverse("assessment:unit"), {"unit": other_unit.pk}).status_code == 200


def test_only_editors_record_instructions(client, contributor, responsible_editor, editor, published_item):
    url = reverse("assessment:instruction_create", args=[published_item.pk])
    data = {"leader_name": "张明", "leader_title": "区委书记", "level": Level.objects.get(name="区级").pk,
            "date": "2026-03-15", "text": "请总结推广。"}
    for user in (contributor, responsible_editor):
        client.force_login(user)
        assert client.post(url, data).status_code == 403
    assert not Instruction.objects.exists()
    client.force_login(editor)
    assert client.post(url, data).status_code == 302
    assert Instruction.objects.get().item == published_item


def test_only_editors_forward_items_upward(client, contributor, editor, published_item, city):
    url = reverse("assessment:forward_create", args=[published_item.pk])
    data = {"target": city.pk, "forwarded_on": "2026-03-16"}
    client.force_login(contributor)
    assert client.post(url, data).status_code == 403
    assert not Forwarding.objects.exists()
    client.force_login(editor)
    assert client.post(url, data).status_code == 302
    assert Forwarding.objects.get().target == city


def test_an_item_not_yet_adopted_cannot_get_an_instruction(client, editor, unit, contributor):
    item = factories.make_item(unit, contributor, state=ItemState.SUBMITTED)
    client.force_login(editor)
    response = client.post(reverse("assessment:instruction_create", args=[item.pk]), {
        "leader_name": "张明", "leader_title": "区委书记", "level": Level.objects.get(name="区级").pk,
        "date": "2026-03-15", "text": "请总结推广。"})
    assert response.status_code == 200
    assert "只有已采用或已刊发的稿件" in response.content.decode()
    assert not Instruction.objects.exists()


def test_the_unit_writes_feedback_and_another_unit_cannot(client, contributor, other_contributor, editor, published_item):
    instruction = Instruction.objects.create(
        item=published_item, leader_name="张明", leader_title="区委书记", level=Level.objects.get(name="区级"),
        date=datetime.date(2026, 3, 15), text="请抓好落实。", feedback_state=Instruction.Feedback.PENDING)
    url = reverse("assessment:instruction_feedback", args=[instruction.pk])
    client.force_login(other_contributor)
    assert client.post(url, {"text": "冒名反馈"}).status_code == 404
    client.force_login(editor)
    client.post(url, {"text": "编辑代填"})
    instruction.refresh_from_db()
    assert instruction.feedback_state == Instruction.Feedback.PENDING
    client.force_login(contributor)
    home = client.get(reverse("home")).content.decode()
    assert "待反馈的领导批示" in home and "已刊发稿件" in home
    page = client.get(reverse("item_detail", args=[published_item.pk])).content.decode()
    assert "区委书记张明" in page and "提交落实反馈" in page
    client.post(url, {"text": "已制定工作方案，11月底前完成。"})
    instruction.refresh_from_db()
    assert instruction.feedback_state == Instruction.Feedback.SUBMITTED
    assert instruction.feedback_text == "已制定工作方案，11月底前完成。"


def test_only_the_administrator_edits_the_rules_in_the_admin(client, editor, administrator):
    from django.contrib.auth.models import Permission

    level = Level.objects.get(name="区级")
    RuleSet.objects.create(year=2026, district_level=level)
    for user in (editor, administrator):
        user.is_staff = True
        user.save()
        user.user_permissions.set(Permission.objects.filter(content_type__app_label="assessment"))
    url = reverse("admin:assessment_ruleset_changelist")
    client.force_login(editor)
    assert client.get(url).status_code == 403
    client.force_login(administrator)
    assert client.get(url).status_code == 200


def test_units_read_an_issued_report_only_when_the_office_publishes_it(client, contributor, editor):
    from bulletins.assessment.models import Report
    from django.core.files.base import ContentFile

    report = Report.objects.create(month=datetime.date(2026, 3, 1), number=1, figures={"rows": {}}, summary="",
                                   published_to_units=False, issued_by=editor)
    report.pdf.save("tongbao.pdf", ContentFile(b"%PDF-1.7 test"))
    client.force_login(contributor)
    url = reverse("assessment:report_pdf", args=[report.pk])
    assert client.get(url).status_code == 403
    report.published_to_units = True
    report.save()
    assert client.get(url).content == b"%PDF-1.7 test"
