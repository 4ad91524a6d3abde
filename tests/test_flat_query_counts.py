"""No page's query count grows with the data: each desk page and admin list is
opened with a small data set (30 items, 6 issues, every list non-empty) and
again after it grew by 2,000 items and 100 issues, and must make the same
number of queries both times."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bulletins import five_year_data
from bulletins.models import Item, ItemState

PAGES = {
    # name: (who, how to find the URL from the data set)
    "contributor home": ("contributor", lambda d: reverse("home")),
    "contributor items": ("contributor", lambda d: reverse("item_list")),
    "contributor search": ("contributor", lambda d: reverse("search") + "?q=项目"),
    "editor home": ("editor", lambda d: reverse("home")),
    "inbox": ("editor", lambda d: reverse("inbox")),
    "inbox, all states": ("editor", lambda d: reverse("inbox") + "?state="),
    "editor's items": ("editor", lambda d: reverse("item_list")),
    "issue list": ("editor", lambda d: reverse("issue_list")),
    "archive": ("editor", lambda d: reverse("archive")),
    "archive, second page": ("editor", lambda d: reverse("archive") + "?page=2"),
    "composer": ("editor", lambda d: reverse("issue_compose", args=[d.drafting_issue.pk])),
    "composer, pool filtered": ("editor", lambda d: reverse("issue_compose", args=[d.drafting_issue.pk])
                                + f"?pool_unit={d.pool_item.unit_id}&pool_q={d.pool_item.title[:4]}"),
    "reading edition": ("editor", lambda d: reverse("issue_read", args=[d.published_issue.pk])),
    "search": ("editor", lambda d: reverse("search") + "?q=项目建设"),
    "search suggestions": ("editor", lambda d: reverse("search_suggest") + "?q=项目"),
    "sign-off queue": ("signer", lambda d: reverse("signoff_queue")),
    "sign-off page": ("signer", lambda d: reverse("issue_review", args=[d.review_issue.pk])),
    "signer home": ("signer", lambda d: reverse("home")),
    "admin items": ("administrator", lambda d: reverse("admin:bulletins_item_changelist")),
    "admin issues": ("administrator", lambda d: reverse("admin:bulletins_issue_changelist")),
    "admin workflow log": ("administrator", lambda d: reverse("admin:bulletins_workflowlog_changelist")),
    "admin users": ("administrator", lambda d: reverse("admin:auth_user_changelist")),
    "admin units": ("administrator", lambda d: reverse("admin:bulletins_unit_changelist")),
    "admin render jobs": ("administrator", lambda d: reverse("admin:bulletins_renderjob_changelist")),
}


def _measure(data):
    users = {"contributor": data.contributor, "editor": data.editor, "signer": data.signer,
             "administrator": data.administrator}
    clients = {}
    counts = {}
    for name, (who, url) in PAGES.items():
        if who not in clients:
            clients[who] = Client()
            clients[who].force_login(users[who])
        target = url(data)
        clients[who].get(target)  # the first visit may fill per-process caches
        with CaptureQueriesContext(connection) as queries:
            response = clients[who].get(target)
        assert response.status_code == 200, (name, response.status_code)
        counts[name] = len(queries)
    return counts


def test_no_page_makes_more_queries_with_2000_items_than_with_30(db, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    data = five_year_data.people(units=2, prefix="flat")
    five_year_data.fill(data, issues=6, items=30, pool=3)
    # Pages whose lists are all non-empty already (an empty list costs no query):
    # a contributor with a returned item, a filter that finds a pool item.
    returned = Item.objects.filter(state=ItemState.RETURNED).select_related("unit").first()
    data.contributor = returned.unit.members.first()
    data.pool_item = Item.objects.filter(state=ItemState.ACCEPTED, issue=None).first()
    small = _measure(data)
    five_year_data.fill(data, issues=100, items=2000, pool=200)
    large = _measure(data)
    grown = {page: f"{small[page]} → {large[page]}" for page in PAGES if small[page] != large[page]}
    assert grown == {}, f"query counts that grew with the data (30 → 2,030 items): {grown}"
