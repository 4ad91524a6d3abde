"""Many people writing at the same moment on the embedded default (a SQLite file):
writers wait for each other instead of failing, and each action is whole.

Every request goes through the test client, each thread with its own database
connection, against the file database the suite runs on (see conftest).
"""

import datetime
import threading
import uuid

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from bulletins.models import Issue, Item, ItemState, Role

from . import factories

THREADS = 8
REQUESTS_EACH = 5


def _item_form(unit, title, token=None):
    return {
        "unit": unit.pk, "title": title, "body": "<p>区发改委召开会议，部署重点项目建设。</p>",
        "attribution": "", "then": "submit", "form_token": str(token or uuid.uuid4()),
        "photos-TOTAL_FORMS": "0", "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0", "photos-MAX_NUM_FORMS": "1000",
    }


def _run_at_once(jobs):
    """Run each job in its own thread, released together; return what each raised or answered."""
    start = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def run(index, job):
        try:
            start.wait()
            results[index] = job()
        except Exception as exc:  # a thread's exception is otherwise lost
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def _signed_in(user):
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


@pytest.mark.django_db(transaction=True)
def test_eight_contributors_pressing_save_and_submit_at_once_all_get_their_items_submitted():
    unit = factories.make_unit(short_name="区发改委")
    clients = [_signed_in(factories.make_user(f"tx{i}", Role.CONTRIBUTOR, units=[unit])) for i in range(THREADS)]

    def contributor_submits(index):
        def job():
            statuses = []
            for n in range(REQUESTS_EACH):
                response = clients[index].post(reverse("item_create"), _item_form(unit, f"稿件{index}-{n}"))
                statuses.append(response.status_code)
            return statuses
        return job

    results = _run_at_once([contributor_submits(i) for i in range(THREADS)])

    assert results == [[302] * REQUESTS_EACH] * THREADS
    assert Item.objects.filter(state=ItemState.SUBMITTED).count() == THREADS * REQUESTS_EACH
    assert Item.objects.filter(state=ItemState.DRAFT).count() == 0


@pytest.mark.django_db(transaction=True)
def test_a_double_click_on_save_and_submit_makes_one_item():
    unit = factories.make_unit(short_name="区发改委")
    contributor = factories.make_user("tx1", Role.CONTRIBUTOR, units=[unit])
    form = _item_form(unit, "区发改委部署复工复产")
    clients = [_signed_in(contributor), _signed_in(contributor)]

    results = _run_at_once([lambda c=c: c.post(reverse("item_create"), form) for c in clients])

    item = Item.objects.get()
    assert item.state == ItemState.SUBMITTED
    assert [r.status_code for r in results] == [302, 302]
    assert {r["Location"] for r in results} == {reverse("item_detail", args=[item.pk])}


@pytest.mark.django_db(transaction=True)
def test_two_editors_creating_issues_of_one_publication_at_once_get_consecutive_numbers():
    bulletin = factories.make_bulletin()
    clients = [_signed_in(factories.make_user(f"editor{i}", Role.EDITOR)) for i in range(2)]
    day = datetime.date(2026, 3, 2)

    def create(client):
        # No form token: the numbering reads before it writes, and must wait its turn by itself.
        return client.post(reverse("issue_create"), {"publication": bulletin.pk, "issue_date": day.isoformat()})

    results = _run_at_once([lambda c=c: create(c) for c in clients])

    assert [r.status_code for r in results] == [302, 302]
    issues = Issue.objects.filter(publication=bulletin).order_by("number")
    assert [(i.number, i.total_number) for i in issues] == [(1, 1), (2, 2)]
