"""The composer's newspaper pages: pages, articles on pages, page leads, jumps."""

import pytest
from django.urls import reverse

from bulletins import actions

from .issue_helpers import accepted_items, login


@pytest.fixture
def paper_issue(newspaper, editor, responsible_editor, unit, contributor):
    import datetime

    issue = actions.create_issue(newspaper, editor, issue_date=datetime.date(2020, 2, 29))
    items = accepted_items(unit, contributor, "全区复工复产", "春风行动", "社区防控", "文化副刊")
    actions.set_issue_items(issue, editor, [{"item": i, "page": 1} for i in items[:2]])
    issue.refresh_from_db()
    return issue, items


def compose(client, issue, data):
    data = {"version": issue.version, **data}
    return client.post(reverse("issue_compose", args=[issue.pk]), data)


def placement(issue):
    return [(i.title, i.page.number, i.is_lead, i.jump_to_page.number if i.jump_to_page else None) for i in issue.ordered_items()]


def test_a_new_newspaper_issue_has_its_pages_in_the_composer(client, editor, paper_issue):
    issue, _ = paper_issue
    text = login(client, editor).get(reverse("issue_compose", args=[issue.pk])).content.decode()
    for label in ("一版 要闻", "二版 综合", "三版 民生", "四版 文化"):
        assert label in text
    assert "本版头条" in text and "转版" in text


def test_articles_are_assigned_to_pages_with_a_lead_per_page_and_a_jump(client, editor, paper_issue):
    issue, items = paper_issue
    a, b, c, d = items
    response = login(client, editor).post(reverse("issue_compose", args=[issue.pk]), {
        "section": "items", "version": issue.version, "op": "save",
        "item": [a.pk, b.pk],
        f"page_{a.pk}": "1", f"page_{b.pk}": "2", f"jump_{a.pk}": "3",
        "lead_p1": str(a.pk), "lead_p2": str(b.pk),
    })
    assert response.status_code == 302
    assert placement(issue) == [("全区复工复产", 1, True, 3), ("春风行动", 2, True, None)]


def test_adding_an_article_puts_it_on_the_chosen_page(client, editor, paper_issue):
    issue, (a, b, c, d) = paper_issue
    login(client, editor)
    compose(client, issue, {
        "section": "items", "op": f"add:{c.pk}", "item": [a.pk, b.pk],
        f"page_{a.pk}": "1", f"page_{b.pk}": "1", f"addpage_{c.pk}": "3",
    })
    assert placement(issue) == [("全区复工复产", 1, False, None), ("春风行动", 1, False, None), ("社区防控", 3, False, None)]


def test_up_and_down_move_within_a_page_only(client, editor, paper_issue):
    issue, (a, b, c, d) = paper_issue
    login(client, editor)
    compose(client, issue, {"section": "items", "op": f"add:{c.pk}", "item": [a.pk, b.pk],
                            f"page_{a.pk}": "1", f"page_{b.pk}": "1", f"addpage_{c.pk}": "2"})
    issue.refresh_from_db()
    # b is last on page 1: moving it down must not push it onto page 2
    compose(client, issue, {"section": "items", "op": f"down:{b.pk}", "item": [a.pk, b.pk, c.pk],
                            f"page_{a.pk}": "1", f"page_{b.pk}": "1", f"page_{c.pk}": "2"})
    assert [t for t, *_ in placement(issue)] == ["全区复工复产", "春风行动", "社区防控"]
    issue.refresh_from_db()
    compose(client, issue, {"section": "items", "op": f"up:{b.pk}", "item": [a.pk, b.pk, c.pk],
                            f"page_{a.pk}": "1", f"page_{b.pk}": "1", f"page_{c.pk}": "2"})
    assert [t for t, *_ in placement(issue)] == ["春风行动", "全区复工复产", "社区防控"]


def test_only_one_lead_per_page_is_kept(client, editor, paper_issue):
    issue, (a, b, c, d) = paper_issue
    login(client, editor)
    compose(client, issue, {"section": "items", "op": "save", "item": [a.pk, b.pk],
                            f"page_{a.pk}": "1", f"page_{b.pk}": "1", "lead_p1": [str(a.pk), str(b.pk)]})
    assert [lead for _, _, lead, _ in placement(issue)] == [True, False]


def test_a_page_that_does_not_exist_is_refused(client, editor, paper_issue):
    issue, (a, b, c, d) = paper_issue
    login(client, editor)
    response = compose(client, issue, {"section": "items", "op": "save", "item": [a.pk], f"page_{a.pk}": "9"})
    assert "所选版面不存在" in client.get(response["Location"]).content.decode()
    assert len(placement(issue)) == 2


def test_pages_can_be_renamed_added_and_removed(client, editor, paper_issue):
    issue, _ = paper_issue
    login(client, editor)
    response = compose(client, issue, {
        "section": "pages", "page_rows": "4",
        "pg_number_0": "1", "pg_name_0": "要闻", "pg_slogan_0": "",
        "pg_number_1": "2", "pg_name_1": "综合新闻", "pg_slogan_1": "文明上街 你我共建",
        "pg_number_2": "3", "pg_name_2": "民生", "pg_delete_2": "1",
        "pg_number_3": "4", "pg_name_3": "文化",
        "pg_number_new": "5", "pg_name_new": "副刊",
    })
    assert "版面已保存" in client.get(response["Location"]).content.decode()
    assert [(p.number, p.name, p.slogan) for p in issue.pages.order_by("number")] == [
        (1, "要闻", ""), (2, "综合新闻", "文明上街 你我共建"), (4, "文化", ""), (5, "副刊", ""),
    ]


def test_a_page_with_articles_cannot_be_removed(client, editor, paper_issue):
    issue, _ = paper_issue
    login(client, editor)
    response = compose(client, issue, {"section": "pages", "page_rows": "1", "pg_number_0": "1", "pg_delete_0": "1",
                                       "pg_number_new": "2", "pg_name_new": "综合"})
    assert "要删除的版面上还有稿件" in client.get(response["Location"]).content.decode()
    assert issue.pages.count() == 4


@pytest.mark.parametrize("rows, message", [
    ({"pg_number_0": "1", "pg_number_1": "1"}, "版次1重复了"),
    ({"pg_number_0": "一", "pg_number_1": "2"}, "不是数字"),
    ({"pg_number_0": "1", "pg_number_1": "99"}, "版次应在1到32之间"),
])
def test_bad_page_numbers_are_explained(client, editor, paper_issue, rows, message):
    issue, _ = paper_issue
    login(client, editor)
    response = compose(client, issue, {"section": "pages", "page_rows": "2", **rows})
    assert message in client.get(response["Location"]).content.decode()
    assert issue.pages.count() == 4


def test_a_bulletin_has_no_pages_to_manage(client, editor, bulletin):
    import datetime

    issue = actions.create_issue(bulletin, editor, issue_date=datetime.date(2020, 2, 28))
    login(client, editor)
    response = compose(client, issue, {"section": "pages", "page_rows": "0", "pg_number_new": "1"})
    assert "简报没有版面" in client.get(response["Location"]).content.decode()
    assert not issue.pages.exists()


def test_an_article_gets_the_column_span_the_editor_chose(client, editor, paper_issue):
    issue, (a, b, c, d) = paper_issue
    text = login(client, editor).get(reverse("issue_compose", args=[issue.pk])).content.decode()
    assert "占栏" in text and "二栏" in text and "四栏" in text
    compose(client, issue, {
        "section": "items", "op": "save", "item": [a.pk, b.pk],
        f"page_{a.pk}": "1", f"page_{b.pk}": "1", f"span_{a.pk}": "3", f"span_{b.pk}": "0",
    })
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.column_span, b.column_span) == (3, 0)


def test_a_column_span_wider_than_the_paper_is_refused(client, editor, paper_issue):
    issue, (a, b, c, d) = paper_issue
    login(client, editor)
    response = compose(client, issue, {"section": "items", "op": "save", "item": [a.pk], f"page_{a.pk}": "1", f"span_{a.pk}": "5"})
    assert "占栏数应在1到4之间" in client.get(response["Location"]).content.decode()
    a.refresh_from_db()
    assert a.column_span == 0
