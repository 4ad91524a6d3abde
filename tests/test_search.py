"""Chinese full-text search: words, substrings, names, phrases, exclusions, issues by
number, filters with counts, snippets, and only what the user may see.

The suite runs on SQLite (FTS5) and on PostgreSQL (tsvector + GIN), so both
back-ends go through these tests.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from bulletins.models import IssueState, ItemState
from bulletins.search import service
from bulletins.search.models import SearchEntry
from bulletins.search.indexing import rebuild

from . import factories


def _when(day):
    return timezone.make_aware(datetime.datetime(2025, 3, day, 9))


@pytest.fixture
def corpus(unit, other_unit, contributor, other_contributor, bulletin):
    a = factories.make_item(unit, contributor, title="我区全力推进复工复产", state=ItemState.SUBMITTED, submitted_at=_when(2),
                            body="<p>区发改委牵头，帮助企业复工复产，重点项目建设全面提速。</p>")
    b = factories.make_item(other_unit, other_contributor, title="工业路街道招商引资再上台阶", state=ItemState.ACCEPTED,
                            submitted_at=_when(5), body="<p>街道书记郝婕带队赴外地招商，签约项目十二个。</p>")
    c = factories.make_item(unit, contributor, title="农村人居环境整治", state=ItemState.SUBMITTED, submitted_at=_when(9),
                            body="<p>各村开展环境卫生大扫除，项目建设与招商并举。</p>")
    issue = factories.make_issue(bulletin, year=2025, number=9, total_number=634, state=IssueState.PUBLISHED,
                                 series_title="优化营商环境（七）", editor_note="本期刊发各单位复工复产经验。")
    return a, b, c, issue


def _titles(user, **params):
    return [e.title for e in service.search(user, params).page.object_list]


def test_a_whole_word_a_part_of_a_word_and_a_name_are_all_found(editor, corpus):
    a, b, c, issue = corpus
    assert a.title in _titles(editor, q="复工复产")
    assert a.title in _titles(editor, q="复工")
    assert _titles(editor, q="郝婕") == [b.title]


def test_the_title_ranks_before_a_mention_in_the_body(editor, corpus):
    a, b, c, issue = corpus
    titles = _titles(editor, q="复工复产", kind="item")
    assert titles == [a.title]
    assert _titles(editor, q="招商")[0] == b.title  # in b's title, only in c's body


def test_all_terms_must_occur_and_a_minus_excludes(editor, corpus):
    a, b, c, issue = corpus
    assert set(_titles(editor, q="项目 招商")) == {b.title, c.title}
    assert _titles(editor, q="项目 招商 -书记") == [c.title]


def test_a_quoted_phrase_must_occur_as_written(editor, corpus):
    a, b, c, issue = corpus
    assert _titles(editor, q='"项目建设"', kind="item") == [a.title, c.title] or set(_titles(editor, q='"项目建设"', kind="item")) == {a.title, c.title}
    assert _titles(editor, q='"建设项目"') == []


def test_an_issue_is_found_by_its_number_its_total_number_and_its_series_title(editor, corpus):
    *_, issue = corpus
    label = "上街信息 2025年第9期（总第634期） 优化营商环境（七）"
    assert _titles(editor, q="2025年第9期") == [label]
    assert _titles(editor, q="总第634期") == [label]
    assert label in _titles(editor, q="营商环境")
    assert label in _titles(editor, q="复工复产")  # the editor's note


def test_a_contributor_finds_only_their_units_items_and_published_issues(contributor, corpus, bulletin):
    a, b, c, issue = corpus
    factories.make_issue(bulletin, year=2025, number=10, total_number=635, series_title="复工复产进行时")
    assert set(_titles(contributor, q="复工复产")) == {a.title, "上街信息 2025年第9期（总第634期） 优化营商环境（七）"}
    assert _titles(contributor, q="郝婕") == []  # another unit's item


def test_filters_narrow_the_results_and_each_facet_counts_the_matches(editor, corpus, unit, other_unit):
    a, b, c, issue = corpus
    assert _titles(editor, q="项目", unit=other_unit.pk) == [b.title]
    assert _titles(editor, q="项目", state="submitted", **{"from": "2025-03-03", "to": "2025-03-31"}) == [c.title]
    assert _titles(editor, q="项目", author=a.author_id, kind="item") == [a.title, c.title] or \
        set(_titles(editor, q="项目", author=a.author_id, kind="item")) == {a.title, c.title}
    facets = service.search(editor, {"q": "项目"}).facets
    assert {label: n for _, label, n in facets["unit"]} == {"区发改委": 2, "工业路街道": 1}
    assert {label: n for _, label, n in facets["state"]} == {"已报送": 2, "已采用": 1}
    assert facets["year"] == [(2025, "2025年", 3)]


def test_publication_and_year_filters_find_an_item_through_its_issue(editor, corpus, bulletin):
    a, b, c, issue = corpus
    factories.place(issue, [a])
    assert _titles(editor, q="复工", publication=bulletin.pk, kind="item") == [a.title]
    assert dict((label, n) for _, label, n in service.search(editor, {"q": "复工"}).facets["publication"]) == {"上街信息": 2}


def test_the_index_follows_every_save_and_the_rebuild_command_writes_it_again(editor, corpus):
    a, b, c, issue = corpus
    a.title = "我区服务企业发展"
    a.save()
    assert _titles(editor, q="服务企业") == [a.title]
    assert _titles(editor, q="全力推进") == []  # the old title is gone from the index
    SearchEntry.objects.all().delete()
    assert _titles(editor, q="招商") == []
    assert rebuild() == 4
    assert _titles(editor, q="招商")[0] == b.title


def test_the_snippet_shows_the_hit_in_the_original_text_marked(editor, corpus):
    a, *_ = corpus
    entry = service.search(editor, {"q": "复工复产", "kind": "item"}).page.object_list[0]
    assert "<mark>复工复产</mark>" in entry.snippet
    assert "帮助企业" in entry.snippet


def test_the_search_page_shows_counts_and_keeps_the_filters_across_pages(client, editor, unit, contributor):
    for n in range(45):
        factories.make_item(unit, contributor, title=f"防汛工作简报{n}", state=ItemState.SUBMITTED, submitted_at=_when(1))
    client.force_login(editor)
    response = client.get(reverse("search"), {"q": "防汛", "unit": unit.pk})
    body = response.content.decode()
    assert "共找到 45 条结果" in body
    assert f"unit={unit.pk}" in body and "page=2" in body
    second = client.get(reverse("search"), {"q": "防汛", "unit": unit.pk, "page": 3})
    assert len(second.context["page"].object_list) == 5


def test_suggestions_start_at_two_characters_and_respect_visibility(client, contributor, corpus):
    a, b, c, issue = corpus
    client.force_login(contributor)
    assert client.get(reverse("search_suggest"), {"q": "复"}).json() == {"suggestions": []}
    titles = [s["title"] for s in client.get(reverse("search_suggest"), {"q": "招商"}).json()["suggestions"]]
    assert titles == [c.title]


def test_every_page_has_the_search_box_and_its_script_for_every_role(client, contributor, editor):
    for user, url in ((contributor, reverse("item_list")), (editor, reverse("inbox")), (editor, reverse("archive"))):
        client.force_login(user)
        body = client.get(url).content.decode()
        assert 'role="search"' in body and reverse("search_suggest") in body and "js/search.js" in body


def test_an_empty_or_punctuation_only_query_asks_for_words(client, editor):
    client.force_login(editor)
    assert "请输入要检索的文字" in client.get(reverse("search"), {"q": "，。!"}).content.decode()
