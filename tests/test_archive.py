"""The archive of published issues, the reading edition and the stored PDF."""

import pytest
from django.urls import reverse

from bulletins import workflow
from bulletins.models import IssueState

from . import factories
from .issue_helpers import accepted_items, login


@pytest.fixture
def published(bulletin, editor, responsible_editor, unit, contributor, renderer):
    def make(number, year=2020, publication=None):
        publication = publication or bulletin
        issue = factories.make_issue(publication, number=number, year=year, editors=[responsible_editor],
                                     series_title=f"第{number}期总标题", editor_note="这是编者按。", state=IssueState.APPROVED)
        items = accepted_items(unit, contributor, f"{year}年第{number}期头条", f"{year}年第{number}期二条")
        factories.place(issue, items, lead=items[0])
        return workflow.apply_transition(issue, "publish", editor)
    return make


def test_the_archive_groups_published_issues_by_publication_and_year(client, contributor, published, newspaper, bulletin):
    published(1, 2020)
    published(2, 2021)
    published(7, 2020, publication=newspaper)
    factories.make_issue(bulletin, number=3, year=2021, series_title="没印发的那期")
    text = login(client, contributor).get(reverse("archive")).content.decode()
    assert "上街信息 · 2021年" in text and "上街信息 · 2020年" in text and "上街时讯 · 2020年" in text
    assert "没印发的那期" not in text


def test_the_archive_filters_by_publication_and_year(client, editor, published, newspaper):
    published(1, 2020)
    published(2, 2021)
    published(7, 2020, publication=newspaper)
    text = login(client, editor).get(reverse("archive"), {"publication": "xinxi", "year": "2021"}).content.decode()
    assert "上街信息 · 2021年" in text
    assert "上街信息 · 2020年" not in text and "上街时讯" not in text.split("往期存档", 2)[-1].split("</select>", 1)[1]


def test_the_archive_shows_the_checksum_and_links_the_pdf_and_reading_edition(client, contributor, published):
    issue = published(1)
    text = login(client, contributor).get(reverse("archive")).content.decode()
    assert issue.pdf_sha256 in text
    assert reverse("issue_pdf", args=[issue.pk]) in text
    assert reverse("issue_read", args=[issue.pk]) in text


def test_the_downloaded_pdf_is_the_stored_final_file_with_its_checksum(client, contributor, published, renderer):
    issue = published(1)
    calls = len(renderer.calls)
    response = login(client, contributor).get(reverse("issue_pdf", args=[issue.pk]), {"download": "1"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == issue.pdf.open("rb").read()
    assert response["X-Content-SHA256"] == issue.pdf_sha256
    assert len(renderer.calls) == calls  # served from storage, not rendered again


def test_the_reading_edition_shows_the_whole_issue(client, contributor, published):
    issue = published(1)
    text = login(client, contributor).get(reverse("issue_read", args=[issue.pk])).content.decode()
    for expected in ("上街信息", "2020年第1期", "第1期总标题", "这是编者按。", "2020年第1期头条", "2020年第1期二条的正文。",
                     "（区发改委）", "责任编辑：郝　婕", issue.pdf_sha256):
        assert expected in text


def test_an_unpublished_issue_has_no_reading_edition(client, editor, bulletin):
    issue = factories.make_issue(bulletin, number=5)
    assert login(client, editor).get(reverse("issue_read", args=[issue.pk])).status_code == 404


def test_an_unpublished_issues_pdf_is_for_the_desk_only(client, contributor, editor, bulletin, renderer):
    issue = factories.make_issue(bulletin, number=5)
    assert login(client, contributor).get(reverse("issue_pdf", args=[issue.pk])).status_code == 403
    response = login(client, editor).get(reverse("issue_pdf", args=[issue.pk]))
    assert response.status_code == 200
    assert renderer.calls == [(issue.pk, False)]


def test_people_without_a_role_cannot_read_the_archive(client, published):
    issue = published(1)
    nobody = factories.make_user("nobody")
    login(client, nobody)
    assert client.get(reverse("archive")).status_code == 403
    assert client.get(reverse("issue_read", args=[issue.pk])).status_code == 403
    assert client.get(reverse("issue_pdf", args=[issue.pk])).status_code == 403


def test_the_archive_needs_sign_in(client):
    assert client.get(reverse("archive")).status_code == 302
