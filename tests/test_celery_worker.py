"""PDF rendering runs as a Celery task: in-process by default, and through a
real worker over Redis in production.

The worker test starts a real Celery worker (in a thread of this process)
against the broker in CELERY_BROKER_URL; CI sets it to its Redis. Without a
Redis broker it is skipped, and the in-process test below covers the default
path (no broker, tasks run eagerly after commit).
"""

import io
import os
import threading

import pdfplumber
import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.db import connections

from bulletins import rendering
from bulletins.models import ItemState, RenderJob
from newsroom.celery import app

from . import factories

BROKER = os.environ.get("CELERY_BROKER_URL", "")
RENDER_TASK = "bulletins.render_issue_job"
WORKER_TIMEOUT = 180  # seconds; a render takes a few, this only bounds a hung worker


@pytest.fixture
def issue_to_render(bulletin, unit, contributor, editor, responsible_editor):
    issue = factories.make_issue(bulletin, number=12, year=2025, editors=[responsible_editor])
    item = factories.make_item(
        unit, contributor, title="我区启动老旧管网改造工程", body="<p>首批改造涉及六个小区，年内完工。</p>",
        state=ItemState.ACCEPTED,
    )
    factories.place(issue, [item], lead=item)
    return issue


def pdf_text(job):
    with job.pdf.open("rb") as fh, pdfplumber.open(io.BytesIO(fh.read())) as pdf:
        return "".join(page.extract_text() or "" for page in pdf.pages).replace("\n", "")


@pytest.fixture
def eager_tasks():
    """The embedded default: no broker, tasks run in-process."""
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


def test_without_a_broker_a_render_runs_in_process_after_commit(
    issue_to_render, editor, eager_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job, created = rendering.request_render(issue_to_render, editor)

    job.refresh_from_db()
    assert created
    assert job.state == RenderJob.State.DONE, job.error
    assert job.progress == 100
    assert "我区启动老旧管网改造工程" in pdf_text(job)


# ---------------------------------------------------------------- real worker


@pytest.fixture
def celery_worker(transactional_db):
    """A real worker consuming from the configured broker, in a thread.

    Yields a function that waits until the worker has finished a task whose
    first argument is the given id.
    """
    finished = {}
    lock = threading.Condition()

    def on_postrun(sender=None, args=(), state=None, **_):
        # A worker process would drop its connections at exit; this thread must
        # too, or the test database cannot be dropped afterwards.
        connections.close_all()
        with lock:
            finished[(sender.name, args[0] if args else None)] = state
            lock.notify_all()

    def wait_for(task_name, first_arg):
        with lock:
            lock.wait_for(lambda: (task_name, first_arg) in finished, timeout=WORKER_TIMEOUT)
            return finished.get((task_name, first_arg))

    task_postrun.connect(on_postrun, weak=False)
    app.control.purge()  # messages left by an earlier, interrupted run
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=30):
            yield wait_for
    finally:
        task_postrun.disconnect(on_postrun)


@pytest.mark.celery_worker
@pytest.mark.skipif(
    not BROKER.startswith(("redis://", "rediss://")),
    reason="needs CELERY_BROKER_URL=redis://… (CI sets it; the in-process path is tested above)",
)
def test_a_real_worker_renders_the_pdf_through_the_redis_broker(issue_to_render, editor, celery_worker):
    assert not app.conf.task_always_eager, "with a broker configured, tasks must go to the queue"

    job, created = rendering.request_render(issue_to_render, editor)  # autocommit: enqueued at once
    outcome = celery_worker(RENDER_TASK, job.pk)

    job.refresh_from_db()
    assert created
    assert outcome == "SUCCESS", f"the worker did not finish the render within {WORKER_TIMEOUT}s"
    assert job.state == RenderJob.State.DONE, job.error
    assert job.attempts == 1
    assert "我区启动老旧管网改造工程" in pdf_text(job)
