"""PDF render jobs: what an issue's printed content is (its hash), asking for a
render, and running one. The Celery task in ``bulletins.tasks`` is a thin
wrapper around ``run_job``; the RenderJob row is the record the page polls.
"""

import datetime
import hashlib
import json
import logging
from functools import partial

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from . import typesetting
from .models import Issue, IssueState, RenderJob
from .printed_content import describe_issue
from .typesetting import render_issue_pdf

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
    payload = json.dumps(printed_content(issue), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------- job state


def stale_after():
    """A queued/running job untouched this long has lost its worker (or its message)."""
    limit = getattr(settings, "CELERY_TASK_TIME_LIMIT", 300) or 300
    return datetime.timedelta(seconds=getattr(settings, "NEWSROOM_RENDER_STALE_SECONDS", limit + 60))


def is_stale(job, now=None):
    if job.state not in (RenderJob.State.QUEUED, RenderJob.State.RUNNING):
        return False
    return (now or timezone.now()) - job.updated_at > stale_after()


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


def _update(job_id, **fields):
    fields.setdefault("updated_at", timezone.now())
    RenderJob.objects.filter(pk=job_id).update(**fields)


def run_job(job_id):
    """Render one job. Idempotent: a finished job is left alone, a job left
    'running' by a dead worker is simply run again. Exceptions propagate (the
    task decides between retry and failure)."""
    job = RenderJob.objects.select_related("issue__publication").filter(pk=job_id).first()
    if job is None or job.state in (RenderJob.State.DONE, RenderJob.State.FAILED):
        return job
    _update(job.pk, state=RenderJob.State.RUNNING, progress=10, error="", attempts=job.attempts + 1)
    issue = job.issue
    # The issue may have changed since the job was queued: the PDF shows what
    # is there now, and the job is keyed by what it really printed.
    digest = content_hash(issue)
    _update(job.pk, progress=30, content_hash=digest)
    pdf_bytes = render_issue_pdf(issue, final=is_final_render(issue))
    _update(job.pk, progress=90)
    job.refresh_from_db()
    filename = f"{issue.publication.slug}-{issue.year}-{issue.number:03d}-{digest[:12]}.pdf"
    job.pdf.save(filename, ContentFile(pdf_bytes), save=False)
    notes = "\n".join(getattr(pdf_bytes, "notes", ()))  # the layout's remarks for the editor
    _update(job.pk, pdf=job.pdf.name, state=RenderJob.State.DONE, progress=100, error="", notes=notes)
    job.refresh_from_db()
    return job


def mark_failed(job_id, exc, attempts=None):
    reason = str(exc).strip() or exc.__class__.__name__
    tries = f"（已尝试{attempts}次）" if attempts else ""
    _update(job_id, state=RenderJob.State.FAILED, error=f"排版失败{tries}：{reason}。请检查稿件内容后重试，或联系管理员。")


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
