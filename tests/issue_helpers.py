"""Shared set-up for the issue desk tests (composer, sign-off, archive, render jobs)."""

import pytest

from bulletins.models import DistributionKind, ItemState

from . import factories


class FakeRenderer:
    """Stands in for the typesetting package: returns PDF bytes and counts calls."""

    def __init__(self):
        self.calls = []
        self.fail_with = None

    def __call__(self, issue, *, final=None):
        self.calls.append((issue.pk, final))
        if self.fail_with is not None:
            raise self.fail_with
        titles = " / ".join(i.title for i in issue.ordered_items())
        body = f"{issue} final={final} {titles}".encode("utf-8")
        return b"%PDF-1.4\n% fake\n" + body + b"\n%%EOF\n"


@pytest.fixture
def renderer(monkeypatch):
    fake = FakeRenderer()
    monkeypatch.setattr("bulletins.rendering.render_issue_pdf", fake)
    monkeypatch.setattr("bulletins.publishing.render_issue_pdf", fake)
    return fake


def login(client, user):
    client.force_login(user)
    return client


def accepted_items(unit, author, *titles):
    return [factories.make_item(unit, author, title=t, body=f"<p>{t}的正文。</p>", state=ItemState.ACCEPTED) for t in titles]


@pytest.fixture
def composed_issue(bulletin, unit, contributor, responsible_editor):
    """A drafting bulletin issue with two placed items and a responsible editor."""
    issue = factories.make_issue(bulletin, number=3, editors=[responsible_editor])
    items = accepted_items(unit, contributor, "春耕备耕有序推进", "复工复产稳步开展")
    factories.place(issue, items, lead=items[0])
    return issue


def with_distribution(publication):
    factories.add_default_distribution(publication, DistributionKind.SEND, "区四大班子领导", "区委各部委")
    factories.add_default_distribution(publication, DistributionKind.ISSUE, "各镇街道")


@pytest.fixture
def eager_celery():
    """Run tasks in-process whatever the environment's broker says (the embedded default)."""
    from newsroom.celery import app

    saved = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield app
    app.conf.task_always_eager = saved


def action_post(issue, action, **extra):
    """The POST of a workflow button as the page sends it: 签发 and 印发 carry the
    fingerprint of the content the page showed (here: the issue's current content)."""
    from bulletins.printed_content import issue_fingerprint

    issue.refresh_from_db()
    return {"action": action, "fingerprint": issue_fingerprint(issue), "version": issue.version, **extra}
