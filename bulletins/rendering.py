"""PDF render jobs: what an issue's printed content is (its hash), asking for a
render, and running one. The Celery task in ``bulletins.tasks`` is a thin
wrapper around ``run_job``; the RenderJob row is the record the page polls.
"""

import datetime
import logging
import threading
from functools import partial

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from . import typesetting
from .models import Issue, IssueState, RenderJob
from .printed_content import describe_issue, fingerprint
from .typesetting import RenderError, render_issue_pdf  # noqa: F401  (RenderError: for the views)

log = logging.getLogger(__name__)

# Bump when the web desk's idea of "printed content" changes; the typesetting
# package may declare its own RENDERER_VERSION, which is mixed in as well.
RENDERER_VERSION = "desk-2"

def is_final_render(issue):
    """Previews carry the 样稿 watermark until the issue is published."""
    return issue.state == IssueState.PUBLISHED


def printed_content(issue):
    """Everything that ends up on paper (``printed_content.describe_issue``), plus
    the renderer's version and the watermark flag: the input of the job hash."""
    return {
        "renderer": [RENDERER_VERSION, getattr(typesetting, "RENDERER_VERSION", "")],
        "final": is_final_render(issue),
        "description": describe_issue(issue),
    }


def content_hash(issue):
    return fingerprint(printed_content(issue))


# ---------------------------------------------------------------- job state


def heartbeat_seconds():
    """How often a running render tells the database it is alive."""
    return float(getattr(settings, "NEWSROOM_RENDER_HEARTBEAT_SECONDS", 5))


def stale_after(state=RenderJob.State.RUNNING):
    """How long a job may go untouched before it counts as lost.

    A running job's worker refreshes it every ``heartbeat_seconds``: a few
    missed beats (NEWSROOM_RENDER_STALE_SECONDS, default 20 s) mean the worker
    died. A queued job may wait behind other renders: it is lost only once its
    message could have been delivered, run and redelivered (the broker's
    visibility timeout plus the task's hard time limit).
    """
    if state == RenderJob.State.RUNNING:
        return datetime.timedelta(seconds=getattr(settings, "NEWSROOM_RENDER_STALE_SECONDS", 20))
    visibility = (getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", None) or {}).get("visibility_timeout", 60)
    limit = getattr(settings, "CELERY_TASK_TIME_LIMIT", 50) or 50
    return datetime.timedelta(seconds=visibility + limit)


def is_stale(job, now=None):
    if job.state not in (RenderJob.State.QUEUED, RenderJob.State.RUNNING):
        return False
    return (now or timezone.now()) - job.updated_at > stale_after(job.state)


def has_pdf(job):
    return job.state == RenderJob.State.DONE and bool(job.pdf) and job.pdf.storage.exists(job.pdf.name)


def _enqueue(job_id):
    """Hand the job to Celery; called on commit (what delay_on_commit does, plus a
    readable failure when the broker cannot be reached)."""
    from .tasks import render_issue_job

    try:
        render_issue_job.delay(job_id)
    except Exception as exc:  # broker down: the row must not stay 'queued' forever
        log.exception("could not enqueue render job %s", job_id)
        RenderJob.objects.filter(pk=job_id).update(
            state=RenderJob.State.FAILED, error=f"无法提交排版任务（排版队列不可用）：{exc}", updated_at=timezone.now()
        )


def enqueue_on_commit(job):
    transaction.on_commit(partial(_enqueue, job.pk))


def _lock_issue(issue):
    """Serialise job creation per issue: two requests at once must not both find
    no job and both queue one (a row lock on PostgreSQL; SQLite's IMMEDIATE
    transactions already let one writer in at a time)."""
    Issue.objects.select_for_update().filter(pk=issue.pk).values_list("pk", flat=True).first()


def _create_job(issue, digest, user):
    job = RenderJob.objects.create(issue=issue, content_hash=digest, requested_by=user if getattr(user, "pk", None) else None)
    enqueue_on_commit(job)
    return job


def request_render(issue, user=None):
    """The render job for the issue's current content (the 生成样稿 button): a
    finished or running job with the same content hash is reused; otherwise a
    new job is queued (also after a failure: the user asked again).

    Returns (job, created).
    """
    with transaction.atomic():
        _lock_issue(issue)
        digest = content_hash(issue)
        candidates = RenderJob.objects.filter(issue=issue, content_hash=digest).exclude(state=RenderJob.State.FAILED)
        for job in candidates.order_by("-created_at", "-id"):
            if job.state == RenderJob.State.DONE:
                if has_pdf(job):
                    return job, False
                continue
            if is_stale(job):
                revive(job)
            return job, False
        return _create_job(issue, digest, user), True


def job_for_page(issue, user=None):
    """The job a page shows when it is opened (a GET): the latest job for the
    current content whatever its state — queued, running, done or failed — so
    opening a page never queues work already queued or done, nor retries a
    failure by itself; a job is queued only when the content has none yet."""
    digest = content_hash(issue)

    def shown():
        for job in RenderJob.objects.filter(issue=issue, content_hash=digest).order_by("-created_at", "-id"):
            if job.state != RenderJob.State.DONE or has_pdf(job):
                return job
        return None

    job = shown()  # the usual case: no lock, no write
    if job is not None:
        return job
    with transaction.atomic():
        _lock_issue(issue)
        return shown() or _create_job(issue, digest, user)


def revive(job):
    """Re-queue a job whose worker died or whose message was lost."""
    RenderJob.objects.filter(pk=job.pk).update(state=RenderJob.State.QUEUED, progress=0, updated_at=timezone.now())
    job.refresh_from_db()
    enqueue_on_commit(job)
    return job


def current_job(issue):
    """The latest job for the issue's current content (any state), or None."""
    digest = content_hash(issue)
    return RenderJob.objects.filter(issue=issue, content_hash=digest).order_by("-created_at", "-id").first()


# ---------------------------------------------------------------- running


def claim(job_id):
    """Take the job for this worker: the job's own lock.

    One conditional UPDATE, atomic in every database: a queued job, or a
    running one whose worker stopped beating, becomes running with one more
    attempt. Returns that attempt number (the claim's token), or None when the
    job is finished or another worker holds it — so a render never runs twice
    at once, whatever the broker redelivers.
    """
    now = timezone.now()
    lost = now - stale_after(RenderJob.State.RUNNING)
    claimable = Q(state=RenderJob.State.QUEUED) | Q(state=RenderJob.State.RUNNING, updated_at__lt=lost)
    with transaction.atomic():
        job = RenderJob.objects.filter(pk=job_id).filter(claimable).first()
        if job is None:
            return None
        attempt = job.attempts + 1
        taken = RenderJob.objects.filter(pk=job_id, attempts=job.attempts).filter(claimable).update(
            state=RenderJob.State.RUNNING, progress=10, error="", attempts=attempt, updated_at=now,
        )
    return attempt if taken else None


def release(job_id, attempt):
    """Give a claimed job back to the queue (a transient error: the retry claims it again)."""
    RenderJob.objects.filter(pk=job_id, attempts=attempt, state=RenderJob.State.RUNNING).update(
        state=RenderJob.State.QUEUED, updated_at=timezone.now()
    )


class _Heartbeat:
    """While a render runs, refresh the job's updated_at every few seconds from
    a thread of its own, so a dead worker is noticed in seconds (``sweep``)."""

    def __init__(self, job_id, attempt):
        self.job_id, self.attempt = job_id, attempt
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, name=f"render-heartbeat-{job_id}", daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join(timeout=heartbeat_seconds())

    def _run(self):
        from django.db import connection

        try:
            while not self.stop.wait(heartbeat_seconds()):
                try:
                    RenderJob.objects.filter(pk=self.job_id, attempts=self.attempt, state=RenderJob.State.RUNNING).update(
                        updated_at=timezone.now()
                    )
                except Exception:  # a missed beat is not worth failing the render for
                    log.warning("render job %s: heartbeat failed", self.job_id, exc_info=True)
        finally:
            connection.close()


def run_job(job_id):
    """Render one job, under its lock (``claim``): a finished job, or one another
    worker is rendering, is left alone; a job whose worker died is taken over.
    Exceptions propagate (the task decides between retry and failure)."""
    attempt = claim(job_id)
    job = RenderJob.objects.select_related("issue__publication").filter(pk=job_id).first()
    if attempt is None or job is None:
        return job
    _current.attempt = (job_id, attempt)
    mine = RenderJob.objects.filter(pk=job_id, attempts=attempt)
    issue = job.issue
    with _Heartbeat(job_id, attempt):
        # The issue may have changed since the job was queued: the PDF shows what
        # is there now, and the job is keyed by what it really printed.
        digest = content_hash(issue)
        mine.update(progress=30, content_hash=digest, updated_at=timezone.now())
        pdf_bytes = render_issue_pdf(issue, final=is_final_render(issue))
        mine.update(progress=90, updated_at=timezone.now())
        filename = f"{issue.publication.slug}-{issue.year}-{issue.number:03d}-{digest[:12]}.pdf"
        job.pdf.save(filename, ContentFile(pdf_bytes), save=False)
    notes = "\n".join(getattr(pdf_bytes, "notes", ()))  # the layout's remarks for the editor
    mine.update(pdf=job.pdf.name, state=RenderJob.State.DONE, progress=100, error="", notes=notes, updated_at=timezone.now())
    job.refresh_from_db()
    return job


_current = threading.local()


def current_attempt(job_id):
    """The attempt this thread claimed for ``job_id`` (None if it holds no claim)."""
    held = getattr(_current, "attempt", None)
    return held[1] if held and held[0] == job_id else None


def sweep(now=None):
    """Re-queue every job whose worker died (running, no heartbeat) or whose
    message was lost (queued too long). Celery beat runs it every few seconds;
    returns the ids re-queued."""
    now = now or timezone.now()
    revived = []
    for state in (RenderJob.State.RUNNING, RenderJob.State.QUEUED):
        lost = RenderJob.objects.filter(state=state, updated_at__lt=now - stale_after(state))
        for job in lost.order_by("id")[:100]:
            # Conditional: only if nobody touched it since it was read.
            if RenderJob.objects.filter(pk=job.pk, state=state, updated_at=job.updated_at).update(
                state=RenderJob.State.QUEUED, progress=0, updated_at=timezone.now()
            ):
                enqueue_on_commit(job)
                revived.append(job.pk)
    if revived:
        log.warning("render jobs re-queued after their worker or message was lost: %s", revived)
    return revived


def mark_failed(job_id, exc, attempts=None):
    reason = str(exc).strip() or exc.__class__.__name__
    tries = f"（已尝试{attempts}次）" if attempts else ""
    jobs = RenderJob.objects.filter(pk=job_id)
    attempt = current_attempt(job_id)
    if attempt is not None:
        jobs = jobs.filter(attempts=attempt)  # only the claim holder writes the outcome
    jobs.update(
        state=RenderJob.State.FAILED, error=f"排版失败{tries}：{reason}。请检查稿件内容后重试，或联系管理员。",
        updated_at=timezone.now(),
    )


def job_status(job, now=None):
    """The JSON the page polls."""
    from django.urls import reverse

    stale = is_stale(job, now)
    data = {
        "id": job.pk,
        "state": job.state,
        "state_label": job.get_state_display(),
        "progress": job.progress,
        "error": job.error,
        "notes": job.notes.splitlines(),
        "stale": stale,
        "done": job.state == RenderJob.State.DONE,
        "failed": job.state == RenderJob.State.FAILED,
        "download_url": None,
        "preview_url": None,
        "updated_at": job.updated_at.isoformat(),
    }
    if stale:
        data["message"] = "排版任务长时间没有进展，已重新排队。"
    if job.state == RenderJob.State.DONE:
        url = reverse("render_job_download", args=[job.pk])
        data["download_url"] = url + "?download=1"
        data["preview_url"] = url
    return data


def time_limit_failure(job_id):
    """The Chinese reason for a render stopped by the worker's time limit, naming
    the item it was laying out when known."""
    from .typesetting import failure_message

    job = RenderJob.objects.select_related("issue").filter(pk=job_id).first()
    seconds = getattr(settings, "CELERY_TASK_SOFT_TIME_LIMIT", None) or getattr(settings, "CELERY_TASK_TIME_LIMIT", 0)
    reason = f"排版超过时间上限（{seconds}秒）"
    return failure_message(job.issue, reason) if job else reason
