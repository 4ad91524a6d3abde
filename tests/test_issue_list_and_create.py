import datetime

from django.urls import reverse

from bulletins.models import Issue, IssueState

from . import factories
from .issue_helpers import login, with_distribution


def test_issue_list_shows_each_publications_issues_with_their_states(client, editor, bulletin, newspaper):
    factories.make_issue(bulletin, number=1, state=IssueState.IN_REVIEW)
    factories.make_issue(newspaper, number=7)
    response = login(client, editor).get(reverse("issue_list"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "上街信息" in text and "上街时讯" in text
    assert "待签发" in text and "编排中" in text


def test_issue_list_filters_by_publication_and_state(client, editor, bulletin, newspaper):
    factories.make_issue(bulletin, number=1, state=IssueState.IN_REVIEW, series_title="只在简报")
    factories.make_issue(newspaper, number=7, series_title="只在报纸")
    response = login(client, editor).get(reverse("issue_list"), {"publication": "shixun"})
    assert "只在报纸" in response.content.decode() and "只在简报" not in response.content.decode()
    response = client.get(reverse("issue_list"), {"state": "in_review"})
    assert "只在简报" in response.content.decode() and "只在报纸" not in response.content.decode()


def test_contributors_may_not_see_the_issue_list(client, contributor):
    assert login(client, contributor).get(reverse("issue_list")).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("issue_list"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_the_create_page_shows_the_number_the_new_issue_will_get(client, editor, bulletin):
    year = datetime.date.today().year
    factories.make_issue(bulletin, number=4, year=year, total_number=40)
    response = login(client, editor).get(reverse("issue_create"))
    assert f"{year}年第5期（总第41期）" in response.content.decode()


def test_creating_an_issue_numbers_it_and_takes_the_publication_defaults(client, editor, bulletin, responsible_editor):
    with_distribution(bulletin)
    factories.add_default_editor(bulletin, responsible_editor)
    response = login(client, editor).post(
        reverse("issue_create"), {"publication": bulletin.pk, "issue_date": "2026-03-02"}
    )
    issue = Issue.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("issue_compose", args=[issue.pk])
    assert (issue.year, issue.number, issue.total_number) == (2026, 1, 1)
    assert issue.ordered_editors() == [responsible_editor]
    assert issue.distribution_lines() == [("送", ["区四大班子领导", "区委各部委"]), ("发", ["各镇街道"])]
    followed = client.get(response["Location"])
    assert "已新建上街信息 2026年第1期" in followed.content.decode()


def test_creating_an_issue_with_a_bad_date_explains_and_creates_nothing(client, editor, bulletin):
    response = login(client, editor).post(reverse("issue_create"), {"publication": bulletin.pk, "issue_date": "明天"})
    assert response.status_code == 200
    assert "出刊日期格式不正确" in response.content.decode()
    assert not Issue.objects.exists()


def test_creating_an_issue_for_a_missing_publication_is_refused(client, editor, bulletin):
    response = login(client, editor).post(reverse("issue_create"), {"publication": 999, "issue_date": "2026-03-02"})
    assert "所选刊物不存在" in response.content.decode()
    assert not Issue.objects.exists()


def test_responsible_editors_and_contributors_may_not_create_issues(client, responsible_editor, contributor, bulletin):
    for user in (responsible_editor, contributor):
        response = login(client, user).post(reverse("issue_create"), {"publication": bulletin.pk, "issue_date": "2026-03-02"})
        assert response.status_code == 403
    assert not Issue.objects.exists()
