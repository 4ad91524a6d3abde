"""A crashed worker costs seconds, not minutes: a Celery worker killed with
kill -9 in the middle of a render is noticed by its missing heartbeat, Celery
beat's sweep re-queues the job, another worker renders it — in well under a
minute — and the broker's own redelivery of the interrupted message later
finds the job done and renders nothing (the job's lock).

Real worker processes over the Redis broker and a database both processes
share (PostgreSQL); CI's step 4 runs it.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import redis
from django.db import connection

from bulletins import rendering
from bulletins.models import ItemState, RenderJob
from newsroom.celery import app

from . import factories

BROKER = os.environ.get("CELERY_BROKER_URL", "")
ROOT = Path(__file__).resolve().parent.parent
RECOVERY_LIMIT = 60  # seconds from the kill to the finished PDF

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.skipif(
        not BROKER.startswith(("redis://", "rediss://")),
        reason="needs CELERY_BROKER_URL=redis://… (CI sets it)",
    ),
]


def _wait_until(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)  # polling the database; not a timing assumption
    pytest.fail(f"{what} did not happen within {timeout} s")


def _state(job_id):
    return RenderJob.objects.filter(pk=job_id).values_list("state", "attempts").get()


@pytest.fixture
def worker_environment(transactional_db, settings, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("the worker processes need a database they share with the test (PostgreSQL; CI's step 4)")
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    if db.get("PASSWORD"):
        url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {
        **os.environ, "DATABASE_URL": url, "CELERY_BROKER_URL": BROKER, "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "DEBUG": "1", "DATABASE_CONN_MAX_AGE": "0",
    }
    app.control.purge()
    workers = []

    def start(*extra):
        log = open(tmp_path / f"worker-{len(workers)}.log", "wb")
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "newsroom", "worker", "--pool=solo", "--loglevel=WARNING",
             "-n", f"crash-test-{uuid.uuid4().hex[:8]}@%h", "--without-mingle", "--without-gossip", *extra],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        workers.append(process)
        return process

    yield start
    for process in workers:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
    app.control.purge()


@pytest.fixture
def long_issue(bulletin, unit, contributor, responsible_editor):
    issue = factories.make_issue(bulletin, number=9, year=2026, editors=[responsible_editor])
    paragraph = "<p>" + "全区上下认真贯彻落实会议精神，扎实推进各项重点工作。" * 12 + "</p>"
    items = [
        factories.make_item(unit, contributor, title=f"第{n}篇稿件", body=paragraph * 6, state=ItemState.ACCEPTED)
        for n in range(1, 13)
    ]
    factories.place(issue, items, lead=items[0])
    return issue


def test_a_worker_killed_mid_render_is_replaced_within_a_minute_and_the_render_never_runs_twice(
    worker_environment, long_issue, editor, tmp_path
):
    first = worker_environment()
    job, created = rendering.request_render(long_issue, editor)  # autocommit: on the queue at once
    assert created
    _wait_until(lambda: _state(job.pk)[0] == RenderJob.State.RUNNING, 120, "the first worker starting the render")

    os.kill(first.pid, signal.SIGKILL)
    killed_at = time.monotonic()
    first.wait(timeout=10)
    assert _state(job.pk) == (RenderJob.State.RUNNING, 1), "the worker must die mid-render for this test to mean anything"

    worker_environment("--beat", "--schedule", str(tmp_path / "beat-schedule"))  # the next worker, with beat
    _wait_until(lambda: _state(job.pk)[0] == RenderJob.State.DONE, 180, "the recovered render")
    recovered = time.monotonic() - killed_at
    print(f"\nkill -9 mid-render → PDF done by the next worker in {recovered:.1f} s")

    assert recovered < RECOVERY_LIMIT
    assert _state(job.pk) == (RenderJob.State.DONE, 2)

    # The interrupted message comes back once its visibility timeout passes;
    # the job's lock turns it into a no-op.
    broker = redis.Redis.from_url(BROKER)
    _wait_until(lambda: broker.hlen("unacked") == 0, 180, "the broker redelivering the interrupted message")
    assert _state(job.pk) == (RenderJob.State.DONE, 2)
