"""Log rows are only ever appended: the ORM's normal paths refuse to change or
delete them (on PostgreSQL a trigger refuses any SQL that tries); an issue's page
shows its whole history in order."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from bulletins import workflow
from bulletins.models import AppendOnlyError, AuditEntry, IssueRevision, ItemRevision, SignOff, WorkflowLog

from . import factories
from .issue_helpers import action_post, login


@pytest.fixture
def signed(composed_issue, editor, responsible_editor):
    workflow.apply_transition(composed_issue, "submit_for_review", editor)
    workflow.apply_transition(composed_issue, "approve", responsible_editor)
    return composed_issue


@pytest.mark.parametrize("model", [WorkflowLog, IssueRevision, SignOff])
def test_a_log_row_cannot_be_saved_again_or_deleted(signed, model):
    row = model.objects.filter(issue=signed).first()
    with pytest.raises(AppendOnlyError):
        row.save()
    with pytest.raises(AppendOnlyError):
        row.delete()
    with pytest.raises(AppendOnlyError):
        model.objects.filter(pk=row.pk).update(created_at=row.created_at)
    with pytest.raises(AppendOnlyError):
        model.objects.filter(pk=row.pk).delete()
    assert model.objects.filter(pk=row.pk).exists()


def test_item_revisions_and_audit_entries_are_append_only_too(unit, contributor):
    item = factories.make_item(unit, contributor)
    workflow.apply_transition(item, "submit", contributor)
    with pytest.raises(AppendOnlyError):
        ItemRevision.objects.filter(item=item).update(body="")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()


def test_an_issue_with_a_history_cannot_take_its_log_with_it(signed):
    from django.db.models import ProtectedError

    with pytest.raises((ProtectedError, AppendOnlyError)):
        signed.delete()
    assert WorkflowLog.objects.filter(issue=signed).exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL (CI's PostgreSQL pass)")
def test_on_postgresql_a_trigger_refuses_raw_sql_changes(signed):
    row = WorkflowLog.objects.filter(issue=signed).first()
    for sql in ("UPDATE bulletins_workflowlog SET comment = 'x' WHERE id = %s", "DELETE FROM bulletins_workflowlog WHERE id = %s"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(sql, [row.pk])
    assert WorkflowLog.objects.get(pk=row.pk).comment == row.comment


def test_the_issue_page_shows_its_whole_history_in_order(client, signed, editor, responsible_editor, renderer):
    login(client, editor).post(reverse("issue_action", args=[signed.pk]), action_post(signed, "publish"))
    text = client.get(reverse("issue_review", args=[signed.pk])).content.decode()
    history = text[text.index('id="history"'):]
    positions = [history.index(label) for label in ("送签", "签发", "印发")]
    assert positions == sorted(positions)
    assert history.count("<li") >= WorkflowLog.objects.filter(issue=signed).count()
