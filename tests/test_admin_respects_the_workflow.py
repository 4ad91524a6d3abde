"""In the Django admin, workflow state, placement and printed content are read-only;
published issues and their items are never deleted; the log is never edited.
Data is repaired by a command that records what it did."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from bulletins.management.commands.seed_demo import administrator_permissions
from bulletins.models import AppendOnlyError, AuditEntry, Issue, IssueState, Item, ItemState, WorkflowLog

from . import factories


@pytest.fixture
def admin_client(client, administrator):
    administrator.is_staff = True
    administrator.save()
    administrator.groups.get().permissions.set(administrator_permissions())
    client.force_login(administrator)
    return client


@pytest.fixture
def superuser_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def approved(composed_issue):
    Issue.objects.filter(pk=composed_issue.pk).update(state=IssueState.APPROVED)
    composed_issue.refresh_from_db()
    return composed_issue


@pytest.mark.parametrize("who", ["admin_client", "superuser_client"])
def test_an_items_title_in_an_approved_issue_cannot_be_changed_in_the_admin(request, who, approved):
    client = request.getfixturevalue(who)
    item = approved.ordered_items().first()
    response = client.post(reverse("admin:bulletins_item_change", args=[item.pk]), {"title": "后台偷改的标题", "state": "draft"})
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.title == "春耕备耕有序推进" and item.state == ItemState.ACCEPTED
    page = client.get(reverse("admin:bulletins_item_change", args=[item.pk])).content.decode()
    assert 'name="title"' not in page  # shown, not offered for editing


@pytest.mark.parametrize("who", ["admin_client", "superuser_client"])
def test_an_accepted_item_cannot_be_attached_to_a_published_issue_in_the_admin(request, who, bulletin, unit, contributor):
    client = request.getfixturevalue(who)
    published = factories.make_issue(bulletin, number=7, state=IssueState.PUBLISHED)
    item = factories.make_item(unit, contributor, state=ItemState.ACCEPTED)
    client.post(reverse("admin:bulletins_item_change", args=[item.pk]), {"issue": published.pk, "title": item.title})
    item.refresh_from_db()
    assert item.issue_id is None


def test_issue_header_and_state_cannot_be_changed_in_the_admin(superuser_client, approved):
    response = superuser_client.post(reverse("admin:bulletins_issue_change", args=[approved.pk]), {"series_title": "偷改", "state": "published"})
    assert response.status_code == 403
    approved.refresh_from_db()
    assert approved.series_title == "" and approved.state == IssueState.APPROVED


def test_a_published_issue_cannot_be_deleted(superuser_client, bulletin, unit, contributor, editor):
    published = factories.make_issue(bulletin, number=7, state=IssueState.PUBLISHED)
    item = factories.make_item(unit, contributor, state=ItemState.PUBLISHED)
    factories.place(published, [item])
    response = superuser_client.post(reverse("admin:bulletins_issue_delete", args=[published.pk]), {"post": "yes"})
    assert response.status_code == 403
    response = superuser_client.post(reverse("admin:bulletins_issue_changelist"), {
        "action": "delete_selected", "_selected_action": [published.pk], "post": "yes",
    })
    assert Issue.objects.filter(pk=published.pk).exists()
    assert superuser_client.post(reverse("admin:bulletins_item_delete", args=[item.pk]), {"post": "yes"}).status_code == 403
    with pytest.raises(AppendOnlyError):
        published.delete()
    assert Item.objects.get(pk=item.pk).issue_id == published.pk


def test_the_workflow_log_cannot_be_edited_or_deleted_in_the_admin(superuser_client, unit, contributor):
    item = factories.make_item(unit, contributor)
    log = WorkflowLog.objects.create(item=item, action="submit", from_state="draft", to_state="submitted")
    assert superuser_client.post(reverse("admin:bulletins_workflowlog_change", args=[log.pk]), {"comment": "x"}).status_code == 403
    assert superuser_client.post(reverse("admin:bulletins_workflowlog_delete", args=[log.pk]), {"post": "yes"}).status_code == 403
    assert WorkflowLog.objects.filter(pk=log.pk, comment="").exists()


def test_the_repair_command_changes_a_row_and_records_what_it_did(composed_issue, editor, capsys):
    item = composed_issue.ordered_items().last()
    call_command("repair_data", "--item", str(item.pk), "--set", "issue=", "--set", "position=0",
                 "--reason", "导入时编错了期", "--by", editor.username)
    item.refresh_from_db()
    assert item.issue_id is None
    log = item.logs.get(action="repair")
    assert log.actor == editor and "导入时编错了期" in log.comment
    entry = AuditEntry.objects.get(action=AuditEntry.Action.REPAIR)
    assert entry.actor == editor and "编入期" in entry.detail
    assert "已修复" in capsys.readouterr().out


def test_the_repair_command_refuses_bad_input_in_chinese(composed_issue):
    item = composed_issue.ordered_items().first()
    with pytest.raises(CommandError, match="没有字段"):
        call_command("repair_data", "--item", str(item.pk), "--set", "nonsense=1", "--reason", "试")
    with pytest.raises(CommandError, match="不在可选范围内"):
        call_command("repair_data", "--item", str(item.pk), "--set", "state=lost", "--reason", "试")
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.REPAIR).exists()
