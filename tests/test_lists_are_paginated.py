"""Long lists come a page at a time, say how many there are, and keep the user's
filters on the links to the other pages."""

import datetime

from django.contrib import admin
from django.urls import reverse

from bulletins.models import Issue, IssueState, ItemState

from . import factories


def _issues(publication, count, state):
    for n in range(1, count + 1):
        factories.make_issue(publication, number=n, year=2024, state=state, issue_date=datetime.date(2024, 1, 1) + datetime.timedelta(days=n))


def test_the_issue_list_shows_thirty_issues_a_page_with_the_filter_kept(client, editor, bulletin, newspaper):
    _issues(bulletin, 35, IssueState.DRAFTING)
    _issues(newspaper, 3, IssueState.DRAFTING)
    client.force_login(editor)
    first = client.get(reverse("issue_list"), {"publication": bulletin.slug})
    body = first.content.decode()
    assert "共 35 期，第 1 / 2 页" in body
    assert f"publication={bulletin.slug}&amp;page=2" in body
    second = client.get(reverse("issue_list"), {"publication": bulletin.slug, "page": 2})
    assert sum(len(rows) for _, rows in second.context["groups"]) == 5


def test_the_archive_pages_through_published_issues_keeping_publication_and_year(client, contributor, bulletin):
    _issues(bulletin, 40, IssueState.PUBLISHED)
    client.force_login(contributor)
    response = client.get(reverse("archive"), {"publication": bulletin.slug, "year": "2024"})
    body = response.content.decode()
    assert "共 40 期，第 1 / 2 页" in body and "year=2024" in body and "page=2" in body
    assert response.context["years"] == [2024]
    last = client.get(reverse("archive"), {"publication": bulletin.slug, "year": "2024", "page": 2})
    assert sum(len(rows) for _, _, rows in last.context["groups"]) == 10


def test_the_composers_pool_has_its_own_search_unit_filter_and_pages(client, editor, bulletin, unit, other_unit, contributor, other_contributor):
    issue = factories.make_issue(bulletin, number=1, year=2024)
    for n in range(25):
        factories.make_item(unit, contributor, title=f"防汛稿件{n}", state=ItemState.ACCEPTED)
    factories.make_item(other_unit, other_contributor, title="防汛街道稿件", state=ItemState.ACCEPTED)
    factories.make_item(unit, contributor, title="招商稿件", state=ItemState.ACCEPTED)
    client.force_login(editor)
    url = reverse("issue_compose", args=[issue.pk])
    page = client.get(url)
    assert len(page.context["pool"]) == 20 and "共 27 篇" in page.content.decode()
    found = client.get(url, {"pool_q": "防汛", "pool_unit": unit.pk})
    assert found.context["pool_page"].paginator.count == 25
    assert f"pool_q=%E9%98%B2%E6%B1%9B&amp;pool_unit={unit.pk}&amp;pool_page=2#pool" in found.content.decode()
    assert [i.title for i in client.get(url, {"pool_q": "街道"}).context["pool"]] == ["防汛街道稿件"]


def test_the_signed_off_list_is_paginated(client, responsible_editor, bulletin):
    _issues(bulletin, 25, IssueState.APPROVED)
    client.force_login(responsible_editor)
    response = client.get(reverse("signoff_queue"))
    assert len(response.context["approved"]) == 20
    assert "（25期）" in response.content.decode()


def test_every_admin_list_comes_in_pages_with_its_related_rows_joined():
    ours = [m for m in admin.site._registry if m._meta.app_label in ("bulletins", "assessment", "notifications") or m._meta.model_name == "user"]
    assert ours
    for model in ours:
        assert admin.site._registry[model].list_per_page == 50, model
    item_admin = admin.site._registry[factories.Item]
    assert "issue__publication" in item_admin.list_select_related
    assert admin.site._registry[Issue].list_select_related == ("publication",)
