"""The layout's remarks (a story moved whole to a later page, a page added) reach the editor with the preview."""

import pytest
from django.urls import reverse

from bulletins.models import RenderJob
from bulletins.typesetting import RenderedPDF
from bulletins.typesetting.newspaper.layout import Geometry, paginate
from bulletins.typesetting.newspaper.plan import Line, Measured, Unit
from bulletins.typesetting.newspaper.story import Story

from .issue_helpers import login

NOTES = ["《春风行动》在一版排不下，移至二版。", "内容超出版面，已自动增加五版。"]


@pytest.fixture(autouse=True)
def _eager(eager_celery):
    return eager_celery


@pytest.fixture
def noting_renderer(monkeypatch):
    def render(issue, *, final=None):
        return RenderedPDF.with_notes(b"%PDF-1.4\n% fake\n%%EOF\n", NOTES)

    monkeypatch.setattr("bulletins.rendering.render_issue_pdf", render)


def test_the_preview_lists_the_layout_notes_in_chinese(client, editor, composed_issue, noting_renderer, django_capture_on_commit_callbacks):
    login(client, editor)
    with django_capture_on_commit_callbacks(execute=True):
        created = client.post(reverse("render_job_create", args=[composed_issue.pk]), HTTP_ACCEPT="application/json").json()
    assert RenderJob.objects.get().notes.splitlines() == NOTES
    assert client.get(created["status_url"]).json()["notes"] == NOTES
    page = client.get(reverse("issue_compose", args=[composed_issue.pk])).content.decode()
    assert "排版提示" in page and all(note in page for note in NOTES)


def story(key, lines, headline):
    units = [Unit("line", 0, [Line([("text", str(n))], n == 0, n == lines - 1)]) for n in range(lines)]
    spans = range(1, 5)
    return Measured(Story(key=key, headline=headline, is_lead=key == 1), {s: 3 for s in spans}, {s: 2 for s in spans}, units, {1: [], 2: []})


def test_the_layout_says_when_a_story_moves_and_when_a_page_is_added():
    geometry = Geometry(page_width=750, page_height=1100, columns=4)
    full = geometry.body_slots(1, False) - 3
    plan = paginate(geometry, [(1, "要闻", "")], {1: [story(1, full * 4, "头条"), story(2, 30, "短讯")]})
    assert "《短讯》在一版排不下，移至二版。" in plan.notes
    assert "内容超出版面，已自动增加二版。" in plan.notes
