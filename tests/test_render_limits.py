"""Every render runs within a time and memory limit, and a render stopped
there tells the editor which item caused it."""

import pytest
from django.urls import reverse

from bulletins import rendering
from bulletins.models import Item, ItemState, RenderJob
from bulletins.typesetting import RenderError, render_issue_pdf

from . import factories

# Written straight to the database: what the sanitiser would have clamped.
UNBOUNDED_TABLE = '<table><tr><td colspan="100000">合计</td></tr><tr><td>一</td><td>二</td></tr></table>'


@pytest.fixture
def issue_with_a_runaway_table(bulletin, unit, contributor):
    issue = factories.make_issue(bulletin, number=4, year=2026)
    good = factories.make_item(unit, contributor, title="正常的稿件", body="<p>正文。</p>", state=ItemState.ACCEPTED)
    bad = factories.make_item(unit, contributor, title="带超大表格的稿件", body="<p>表格如下。</p>", state=ItemState.ACCEPTED)
    factories.place(issue, [good, bad], lead=good)
    Item.objects.filter(pk=bad.pk).update(body="<p>表格如下。</p>" + UNBOUNDED_TABLE)
    return issue


def test_a_render_past_its_time_limit_stops_and_names_the_item(settings, issue_with_a_runaway_table):
    settings.NEWSROOM_RENDER_TIME_LIMIT = 1

    with pytest.raises(RenderError) as failure:
        render_issue_pdf(issue_with_a_runaway_table, final=False)

    assert "带超大表格的稿件" in str(failure.value)
    assert "时间上限（1秒）" in str(failure.value)


def test_a_render_past_its_memory_limit_stops_and_names_the_item(settings, issue_with_a_runaway_table):
    settings.NEWSROOM_RENDER_MEMORY_LIMIT_MB = 0

    with pytest.raises(RenderError) as failure:
        render_issue_pdf(issue_with_a_runaway_table, final=False)

    assert "内存超过上限（0MB）" in str(failure.value)


def test_a_failed_render_job_tells_the_editor_which_item(settings, issue_with_a_runaway_table, editor, eager_celery,
                                                         django_capture_on_commit_callbacks):
    settings.NEWSROOM_RENDER_TIME_LIMIT = 1
    with django_capture_on_commit_callbacks(execute=True):
        job, _ = rendering.request_render(issue_with_a_runaway_table, editor)

    job.refresh_from_db()
    assert job.state == RenderJob.State.FAILED
    assert "稿件《带超大表格的稿件》排版超过时间上限" in job.error


def test_a_preview_past_its_limit_returns_to_the_composer_naming_the_item(client, settings, editor, issue_with_a_runaway_table):
    settings.NEWSROOM_RENDER_TIME_LIMIT = 1
    client.force_login(editor)

    response = client.get(reverse("issue_pdf", args=[issue_with_a_runaway_table.pk]), follow=True)

    assert "稿件《带超大表格的稿件》排版超过时间上限" in response.content.decode()
