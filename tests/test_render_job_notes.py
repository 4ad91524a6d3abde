"""The layout's remarks (a story moved whole to a later page, a page added) reach the editor with the preview."""

import pytest
from django.urls import reverse

from bulletins.models import RenderJob
from bulletins.typesetting import RenderedPDF
from bulletins.typesetting.newspaper.layout import Geometry, paginate
from bulletins.typesetting.newspaper.plan import Line, Measured, Unit
from bulletins.typesetting.newspaper.story import Story

from .issue_helpers import login

NOTES = ["《春风行动》在一版排不下，移至二版。", "《短讯》排不下：还差30行（未能排入任何版面）。"]


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


def test_the_layout_says_when_a_story_moves():
    geometry = Geometry(page_width=750, page_height=1100, columns=4)
    full = geometry.body_slots(1, False) - 3
    plan = paginate(geometry, [(1, "要闻", ""), (2, "综合", "")], {1: [story(1, full * 4, "头条"), story(2, 30, "短讯")]})
    assert "《短讯》在一版排不下，移至二版。" in plan.notes
    assert plan.problems == []


def test_overflow_adds_no_page_and_says_which_story_does_not_fit_by_how_many_lines():
    geometry = Geometry(page_width=750, page_height=1100, columns=4)
    full = geometry.body_slots(1, False) - 3
    plan = paginate(geometry, [(1, "要闻", "")], {1: [story(1, full * 4, "头条"), story(2, 30, "短讯")]})
    assert [page.number for page in plan.pages] == [1]
    assert len(plan.problems) == 1 and plan.problems[0].startswith("《短讯》排不下：还差30行（未能排入任何版面）。")
    assert "增加两个版面" in plan.problems[0]
    assert not any("自动增加" in note for note in plan.notes)


def test_notes_are_one_line_per_story_however_often_it_moves():
    geometry = Geometry(page_width=750, page_height=1100, columns=4)
    full = geometry.body_slots(1, False) - 3
    pages = [(n, "", "") for n in range(1, 5)]
    plan = paginate(geometry, pages, {1: [story(1, full * 4, "头条")] + [story(k, 40, f"短讯{k}") for k in range(2, 9)]})
    for k in range(2, 9):
        assert sum(1 for note in plan.notes if f"《短讯{k}》" in note) <= 1
