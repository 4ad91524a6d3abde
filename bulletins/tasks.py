"""Celery tasks. Enqueued after commit; the RenderJob row is the record.

A worker killed mid-render costs seconds: the render's heartbeat stops, and
``sweep_render_jobs`` (Celery beat, every NEWSROOM_RENDER_SWEEP_SECONDS)
re-queues the job; its lock (``rendering.claim``) makes sure the broker's own
redelivery (after the visibility timeout, above the task's hard time limit)
never runs it a second time at once.
"""

import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.db import InterfaceError, OperationalError

from . import rendering

log = logging.getLogger(__name__)

# Errors worth another try: the database or the file system hiccuped.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, OSError)
RENDER_MAX_RETRIES = 3


@shared_task(
    bind=True,
    name="bulletins.render_issue_job",
    acks_late=True,  # a worker killed mid-render leaves the message for another worker
    reject_on_worker_lost=True,
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=2,
    retry_backoff_max=60,
    retry_jitter=True,
    max_retries=RENDER_MAX_RETRIES,
)
def render_issue_job(self, job_id):
    """Render a RenderJob's issue to PDF. Safe to deliver twice: the job's lock
    lets one worker render it; a finished job is skipped."""
    try:
        job = rendering.run_job(job_id)
    except TRANSIENT_ERRORS as exc:
        if self.request.retries >= RENDER_MAX_RETRIES:
            log.exception("render job %s failed after retries", job_id)
            rendering.mark_failed(job_id, exc, attempts=self.request.retries + 1)
            return "failed"
        attempt = rendering.current_attempt(job_id)
        if attempt is not None:
            rendering.release(job_id, attempt)  # the retry claims it again
        raise  # autoretry_for schedules the next try with backoff
    except SoftTimeLimitExceeded:
        log.warning("render job %s ran past the task's soft time limit", job_id)
        rendering.mark_failed(job_id, rendering.time_limit_failure(job_id))
        return "failed"
    except Exception as exc:  # a layout error will not go away by retrying
        log.exception("render job %s failed", job_id)
        rendering.mark_failed(job_id, exc)
        return "failed"
    return job.state if job else "missing"


@shared_task(name="bulletins.sweep_render_jobs", ignore_result=True)
def sweep_render_jobs():
    """Re-queue renders whose worker died or whose message was lost (Celery beat)."""
    return rendering.sweep()

