"""The editor's inbox: items from every unit, filters, and bulk accept that reports each failure."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from bulletins.models import ItemState

from . import factories


@pytest.fixture
def items(unit, other_unit, contributor, other_contributor):
    a = factories.make_item(unit, contributor, title="发改委项目建设", body="<p>重点项目开工。</p>", state=ItemState.SUBMITTED,
                            submitted_at=timezone.make_aware(datetime.datetime(2020, 2, 20, 9)))
    b = factories.make_item(other_unit, other_contributor, title="街道疫情防控", body="<p>社区消杀全覆盖。</p>",
                            state=ItemState.SUBMITTED, submitted_at=timezone.make_aware(datetime.datetime(2020, 2, 27, 9)))
    c = factories.make_item(unit, contributor, title="已采用的稿件", state=ItemState.ACCEPTED,
                            submitted_at=timezone.make_aware(datetime.datetime(2020, 2, 25, 9)))
    d = factories.make_item(unit, contributor, title="还是草稿")
    return a, b, c, d


def _titles(response):
    return [item.title for item in response.context["page"].object_list]


def test_the_inbox_shows_submitted_items_from_every_unit_by_default(client, editor, items):
    client.force_login(editor)
    response = client.get(reverse("inbox"))
    assert sorted(_titles(response)) == ["发改委项目建设", "街道疫情防控"]


def test_the_inbox_filters_by_unit_state_dates_and_text(client, editor, items, unit):
    client.force_login(editor)
    assert _titles(client.get(reverse("inbox"), {"unit": unit.pk, "state": "submitted"})) == ["发改委项目建设"]
    assert _titles(client.get(reverse("inbox"), {"state": "accepted"})) == ["已采用的稿件"]
    assert _titles(client.get(reverse("inbox"), {"state": "", "date_from": "2020-02-24", "date_to": "2020-02-26"})) == ["已采用的稿件"]
    assert _titles(client.get(reverse("inbox"), {"state": "", "q": "消杀"})) == ["街道疫情防控"]


def test_a_reversed_date_range_is_explained(client, editor, items):
    client.force_login(editor)
    response = client.get(reverse("inbox"), {"date_from": "2020-03-01", "date_to": "2020-02-01"})
    text = response.content.decode()
    text = text[text.index('aria-label="筛选来稿"'):]  # the inbox's own filter form (the header has a search box)
    assert "开始日期不能晚于结束日期" in text
    # shown beside the end date, not as a loose line in the filter bar
    assert text.index('name="date_to"') < text.index("开始日期不能晚于结束日期") < text.index('name="q"')
    assert _titles(response) == []


@pytest.mark.parametrize("who", ["contributor", "responsible_editor", "administrator"])
def test_only_editors_may_open_the_inbox_or_bulk_accept(client, request, items, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("inbox")).status_code == 403
    response = client.post(reverse("inbox_bulk_accept"), {"items": [items[0].pk]})
    assert response.status_code == 403
    items[0].refresh_from_db()
    assert items[0].state == ItemState.SUBMITTED


def test_bulk_accept_accepts_each_item_and_reports_which_failed_and_why(client, editor, items):
    a, b, c, d = items
    client.force_login(editor)
    response = client.post(reverse("inbox_bulk_accept"), {"items": [a.pk, b.pk, c.pk, d.pk]}, follow=True)
    page = response.content.decode()
    for item in (a, b, c, d):
        item.refresh_from_db()
    assert a.state == b.state == ItemState.ACCEPTED
    assert d.state == ItemState.DRAFT
    assert "已采用 2 篇稿件" in page
    assert "《已采用的稿件》：当前状态为“已采用”，不能采用。" in page
    assert "《还是草稿》：稿件尚未报送，不能采用。" in page
    assert a.logs.filter(action="accept", actor=editor).exists()


def test_bulk_accept_with_nothing_ticked_asks_to_choose(client, editor, items):
    client.force_login(editor)
    response = client.post(reverse("inbox_bulk_accept"), {}, follow=True)
    assert "请先勾选要采用的稿件" in response.content.decode()


def test_bulk_accept_returns_to_the_filtered_inbox_but_never_off_site(client, editor, items):
    client.force_login(editor)
    back = reverse("inbox") + "?state=accepted"
    assert client.post(reverse("inbox_bulk_accept"), {"items": [items[0].pk], "next": back})["Location"] == back
    response = client.post(reverse("inbox_bulk_accept"), {"items": [items[1].pk], "next": "https://evil.example/"})
    assert response["Location"] == reverse("inbox")


def test_a_units_unsubmitted_drafts_stay_out_of_the_inbox(client, editor, items):
    client.force_login(editor)
    assert "还是草稿" not in _titles(client.get(reverse("inbox"), {"state": ""}))
    assert _titles(client.get(reverse("inbox"), {"state": "draft"})) == []


def test_the_inbox_query_count_does_not_grow_with_the_number_of_items(client, editor, unit, contributor, editor_returns_some, django_assert_max_num_queries):
    client.force_login(editor)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("inbox"), {"state": ""})
    assert len(response.context["page"].object_list) == 40


@pytest.fixture
def editor_returns_some(unit, contributor, editor):
    from bulletins import workflow
    for i in range(40):
        item = factories.make_item(unit, contributor, title=f"稿件{i}", state=ItemState.SUBMITTED)
        if i % 3 == 0:
            workflow.apply_transition(item, "return", editor, "请补充。")
