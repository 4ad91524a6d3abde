"""The responsible editor reviewing a resubmitted issue sees, at the top, what
changed since they sent it back: header, distribution, editors, items added,
removed and moved, and a character diff of each changed item — from stored
revisions. Also since they signed it off, and since they last opened it."""

import pytest

from bulletins import actions, workflow
from bulletins.models import DistributionKind, RecipientGroup, Role

from . import factories
from .issue_helpers import accepted_items, login

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent_back(bulletin, unit, contributor, editor, responsible_editor, renderer):
    """An issue of four items, sent for sign-off and returned by the responsible editor."""
    issue = factories.make_issue(bulletin, number=9, series_title="春季农业生产（一）", editors=[responsible_editor])
    items = accepted_items(unit, contributor, "甲：春耕备耕有序推进", "乙：复工复产稳步开展", "丙：农技服务下乡", "丁：水利设施检修")
    items[2].body = "<p>区农业农村局组织农技人员深入田间地头，开展技术指导。</p>"
    items[2].save()
    factories.place(issue, items, lead=items[0])
    send = RecipientGroup.objects.create(name="区四大班子领导")
    actions.update_issue(issue, editor, distribution={DistributionKind.SEND: [send]})
    workflow.apply_transition(issue, "submit_for_review", editor)
    workflow.apply_transition(issue, "reject", responsible_editor, "请补充水利内容，调整顺序")
    return issue, items


def resubmit_with_changes(issue, items, unit, contributor, editor, responsible_editor):
    new_item, = accepted_items(unit, contributor, "戊：高标准农田建设")
    a, b, c, d = items
    c.refresh_from_db()
    actions.save_item(c, editor, body="<p>区农业农村局组织六十名农技人员深入田间地头，开展春耕技术指导。</p>")
    issue.refresh_from_db()
    actions.set_issue_items(issue, editor, [
        {"item": d, "is_lead": True}, {"item": a}, {"item": c}, {"item": new_item},
    ])
    second_signer = factories.make_user("zeren2", Role.RESPONSIBLE_EDITOR, full_name="王建国")
    groups = [RecipientGroup.objects.get(name="区四大班子领导"), RecipientGroup.objects.create(name="区委各部委")]
    actions.update_issue(
        issue, editor, series_title="春季农业生产（二）", editors=[responsible_editor, second_signer],
        distribution={DistributionKind.SEND: groups},
    )
    workflow.apply_transition(issue, "submit_for_review", editor)
    return new_item


def test_the_responsible_editor_sees_everything_that_changed_since_the_return(
    client, sent_back, unit, contributor, editor, responsible_editor
):
    issue, items = sent_back
    resubmit_with_changes(issue, items, unit, contributor, editor, responsible_editor)

    response = login(client, responsible_editor).get(f"/issues/{issue.pk}/review/")
    changes = response.context["changes"]
    assert changes["key"] == "reject" and changes["label"].startswith("自您退回修改")
    diff = changes["diff"]
    assert diff["added"] == ["戊：高标准农田建设"]
    assert diff["removed"] == ["乙：复工复产稳步开展"]
    assert [(m["title"], m["old"], m["new"]) for m in diff["moved"]] == [("丁：水利设施检修", 4, 1)]
    assert [c["title"] for c in diff["changed"]] == ["丁：水利设施检修", "甲：春耕备耕有序推进", "丙：农技服务下乡"]
    lead_changes = {c["title"]: [f["label"] for f in c["fields"]] for c in diff["changed"]}
    assert lead_changes["丁：水利设施检修"] == ["头条"] and lead_changes["甲：春耕备耕有序推进"] == ["头条"]
    edited = diff["changed"][2]
    assert edited["stats"] == {"inserted": 5, "deleted": 0, "changed": True}  # 六十名 + 春耕
    assert '<ins class="diff-ins">六十名</ins>' in edited["body_diff"]
    assert [(r["label"], r["old"], r["new"]) for r in diff["header"]] == [("总标题", "春季农业生产（一）", "春季农业生产（二）")]
    assert [(r["label"], r["added"], r["removed"]) for r in diff["distribution"]] == [("送", ["区委各部委"], [])]
    assert diff["editors"] == {"old": "郝婕", "new": "郝婕、王建国"}

    html = response.content.decode()
    top = html.index('id="changes"')
    assert top < html.index('class="review"')  # at the top, above the issue's text
    for text in ("新编入", "《戊：高标准农田建设》", "已移出", "第4篇 → 第1篇", "六十名", "区委各部委", "郝婕、王建国"):
        assert text in html[top:], text


def test_reloading_keeps_the_comparison_with_the_return_and_offers_the_last_look(
    client, sent_back, unit, contributor, editor, responsible_editor
):
    issue, items = sent_back
    resubmit_with_changes(issue, items, unit, contributor, editor, responsible_editor)
    login(client, responsible_editor)
    client.get(f"/issues/{issue.pk}/review/")
    again = client.get(f"/issues/{issue.pk}/review/").context["changes"]
    assert again["key"] == "reject" and not again["diff"]["empty"]
    assert [key for key, _ in again["choices"]] == ["reject", "visit"]
    since_visit = client.get(f"/issues/{issue.pk}/review/?since=visit").context["changes"]
    assert since_visit["diff"]["empty"]
    assert "没有修改：印刷内容与当时一致。" in client.get(f"/issues/{issue.pk}/review/?since=visit").content.decode()


def test_a_change_after_sign_off_is_shown_against_the_signed_version(
    client, bulletin, unit, contributor, editor, responsible_editor, renderer
):
    issue = factories.make_issue(bulletin, number=10, editors=[responsible_editor])
    items = accepted_items(unit, contributor, "春耕备耕有序推进")
    factories.place(issue, items, lead=items[0])
    workflow.apply_transition(issue, "submit_for_review", editor)
    workflow.apply_transition(issue, "approve", responsible_editor)
    actions.update_issue(issue, editor, editor_note="今年春耕工作提前部署。")
    changes = login(client, responsible_editor).get(f"/issues/{issue.pk}/review/").context["changes"]
    assert changes["key"] == "approve"
    (row,) = changes["diff"]["header"]
    assert row["label"] == "编者按" and '<ins class="diff-ins">今年春耕工作提前部署。</ins>' in row["diff"]


def test_editors_and_first_looks_get_no_panel(client, bulletin, unit, contributor, editor, responsible_editor, renderer):
    issue = factories.make_issue(bulletin, number=11, editors=[responsible_editor])
    factories.place(issue, accepted_items(unit, contributor, "春耕"))
    workflow.apply_transition(issue, "submit_for_review", editor)
    assert login(client, responsible_editor).get(f"/issues/{issue.pk}/review/").context["changes"] is None
    assert login(client, editor).get(f"/issues/{issue.pk}/review/").context["changes"] is None
