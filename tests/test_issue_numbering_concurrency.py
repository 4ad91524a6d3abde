"""Issue numbers stay unique and consecutive when editors create issues at the same moment,
on PostgreSQL (row locks) and on the embedded SQLite file (immediate transactions:
writers wait their turn instead of failing with "database is locked")."""

import datetime
import threading

import pytest
from django.db import connection

from bulletins import actions
from bulletins.models import Issue

from . import factories

EDITORS_AT_ONCE = 8


def test_issues_created_one_after_another_get_the_next_numbers(bulletin, editor):
    day = datetime.date(2025, 3, 1)
    numbers = [actions.create_issue(bulletin, editor, issue_date=day).number for _ in range(3)]

    assert numbers == [1, 2, 3]


@pytest.mark.django_db(transaction=True)
def test_editors_creating_issues_at_the_same_moment_get_distinct_consecutive_numbers():
    bulletin = factories.make_bulletin()
    newspaper = factories.make_newspaper()
    editors = [factories.make_user(f"editor{i}", "编辑") for i in range(EDITORS_AT_ONCE)]
    day = datetime.date(2025, 4, 1)
    start = threading.Barrier(EDITORS_AT_ONCE)
    errors = []

    def create(editor, publication):
        try:
            start.wait()
            actions.create_issue(publication, editor, issue_date=day)
        except Exception as exc:  # reported below; a thread's exception is otherwise lost
            errors.append(exc)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=create, args=(editor, bulletin if i % 4 else newspaper))
        for i, editor in enumerate(editors)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    for publication in (bulletin, newspaper):
        issues = Issue.objects.filter(publication=publication)
        count = issues.count()
        assert sorted(issues.values_list("number", flat=True)) == list(range(1, count + 1))
        first_total = publication.total_number_offset + 1
        assert sorted(issues.values_list("total_number", flat=True)) == list(range(first_total, first_total + count))
    assert Issue.objects.count() == EDITORS_AT_ONCE
