"""Times on the desk read in Beijing time, in a Chinese format (2026年3月5日 09:30)."""

import datetime

from django.urls import reverse

from bulletins.models import WorkflowLog

from . import factories
from .issue_helpers import login


def test_history_times_are_beijing_time_in_chinese_format(client, unit, contributor):
    item = factories.make_item(unit, contributor, title="区发改委召开会议")
    # 01:30 UTC is 09:30 in Asia/Shanghai (logs are append-only: the row is written with its time)
    WorkflowLog.objects.create(item=item, action="submit", from_state="draft", to_state="submitted", actor=contributor,
                               created_at=datetime.datetime(2026, 3, 5, 1, 30, tzinfo=datetime.UTC))
    text = login(client, contributor).get(reverse("item_detail", args=[item.pk])).content.decode()
    assert "2026年3月5日 09:30" in text
    assert "2026-03-05" not in text


def test_the_composer_log_uses_the_chinese_format(client, editor, composed_issue):
    WorkflowLog.objects.create(issue=composed_issue, action="submit_for_review", from_state="drafting", to_state="in_review",
                               actor=editor, created_at=datetime.datetime(2026, 3, 5, 16, 5, tzinfo=datetime.UTC))
    text = login(client, editor).get(reverse("issue_compose", args=[composed_issue.pk])).content.decode()
    assert "2026年3月6日 00:05" in text
