"""When a 责任编辑 sends an issue back, the editor meets the comment on their home page
and at the top of the composer, until the issue is sent for sign-off again."""

import pytest
from django.urls import reverse

from bulletins import workflow

from .issue_helpers import login

COMMENT = "编者按第二句表述不准确，请修改。"


@pytest.fixture
def sent_back(composed_issue, editor, responsible_editor):
    workflow.apply_transition(composed_issue, "submit_for_review", editor)
    workflow.apply_transition(composed_issue, "reject", responsible_editor, COMMENT)
    return composed_issue


def test_the_editors_home_shows_the_comment_beside_the_issue(client, editor, sent_back):
    text = login(client, editor).get(reverse("home")).content.decode()
    assert "责任编辑退回" in text
    assert COMMENT in text and "郝婕" in text


def test_the_composer_opens_with_the_comment(client, editor, sent_back):
    text = login(client, editor).get(reverse("issue_compose", args=[sent_back.pk])).content.decode()
    notice = text[text.index("责任编辑退回修改："):]
    assert notice.index(COMMENT) < notice.index("刊头与发送范围")


def test_the_notice_goes_once_the_issue_is_sent_again(client, editor, sent_back):
    workflow.apply_transition(sent_back, "submit_for_review", editor)
    assert "责任编辑退回" not in login(client, editor).get(reverse("home")).content.decode()
    assert "责任编辑退回修改：" not in client.get(reverse("issue_compose", args=[sent_back.pk])).content.decode()


def test_the_responsible_editors_home_links_each_waiting_issue_to_its_signoff_page(client, editor, responsible_editor, composed_issue):
    workflow.apply_transition(composed_issue, "submit_for_review", editor)
    text = login(client, responsible_editor).get(reverse("home")).content.decode()
    assert f'href="{reverse("issue_review", args=[composed_issue.pk])}"' in text
