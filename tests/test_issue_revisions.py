"""Each workflow step of an issue stores what it printed then (description + fingerprint)."""

import json

from bulletins import printed_content, workflow
from bulletins.models import DistributionKind, IssueRevision, IssueState, RecipientGroup

from . import factories


def test_sending_for_review_approving_and_returning_each_store_a_revision(composed_issue, editor, responsible_editor):
    workflow.apply_transition(composed_issue, "submit_for_review", editor)
    workflow.apply_transition(composed_issue, "approve", responsible_editor)
    workflow.apply_transition(composed_issue, "reject", responsible_editor, "请改标题")
    revisions = list(IssueRevision.objects.filter(issue=composed_issue))
    assert [r.reason for r in revisions] == ["submit_for_review", "approve", "reject"]
    assert [r.actor for r in revisions] == [editor, responsible_editor, responsible_editor]
    assert revisions[0].version < revisions[1].version < revisions[2].version
    assert revisions[0].fingerprint == printed_content.fingerprint(revisions[0].description)
    assert revisions[0].log.action == "submit_for_review"


def test_publishing_stores_the_printed_revision(composed_issue, editor, responsible_editor, renderer):
    for action, actor in (("submit_for_review", editor), ("approve", responsible_editor), ("publish", editor)):
        workflow.apply_transition(composed_issue, action, actor)
    composed_issue.refresh_from_db()
    published = composed_issue.revisions.get(reason="publish")
    assert composed_issue.state == IssueState.PUBLISHED
    assert [i["title"] for i in published.description["items"]] == ["春耕备耕有序推进", "复工复产稳步开展"]


def test_the_description_names_editors_and_recipients_as_printed_and_is_json(composed_issue):
    group = RecipientGroup.objects.create(name="区委各部委")
    composed_issue.distribution.create(kind=DistributionKind.SEND, group=group, order=0)
    description = printed_content.describe_issue(composed_issue)
    assert description["editors"] == ["郝婕"]
    assert description["distribution"] == [{"label": "送", "names": ["区委各部委"]}]
    assert description["items"][0]["is_lead"] is True
    assert json.loads(json.dumps(description)) == description


def test_the_fingerprint_changes_with_any_printed_field(composed_issue):
    before = printed_content.issue_fingerprint(composed_issue)
    assert printed_content.issue_fingerprint(composed_issue) == before
    item = composed_issue.ordered_items().last()
    item.body = "<p>改过的正文。</p>"
    item.save()
    assert printed_content.issue_fingerprint(composed_issue) != before


def test_what_changed_is_said_in_chinese(composed_issue, unit, contributor):
    old = printed_content.describe_issue(composed_issue)
    composed_issue.editor_note = "新的编者按"
    composed_issue.save()
    first = composed_issue.ordered_items().first()
    first.issue = None
    first.save()
    extra = factories.make_item(unit, contributor, title="新编入的稿件", state="accepted")
    factories.place(composed_issue, [composed_issue.ordered_items().get(), extra])
    changes = printed_content.describe_changes(old, printed_content.describe_issue(composed_issue))
    assert "编者按已修改" in changes
    assert "移出稿件《春耕备耕有序推进》" in changes
    assert "编入稿件《新编入的稿件》" in changes
