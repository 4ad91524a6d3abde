"""PDF previews through Celery: the job record, its status, dedupe by content hash, failures."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from bulletins import rendering
from bulletins.models import RenderJob
from bulletins.tasks import render_issue_job

from .issue_helpers import login


@pytest.fixture(autouse=True)
def _eager(eager_celery):
    return eager_celery


def request_render(client, issue, json=True, capture=None):
    headers = {"HTTP_ACCEPT": "application/json"} if json else {}
    with capture(execute=True):
        return client.post(reverse("render_job_create", args=[issue.pk]), **headers)


def test_requesting_a_preview_runs_the_task_after_commit_and_records_the_job(client, editor, composed_issue, renderer, django_capture_on_commit_callbacks):
    login(client, editor)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(reverse("render_job_create", args=[composed_issue.pk]), HTTP_ACCEPT="application/json")
    assert response.status_code == 202
    assert response.json()["state"] == "queued" and renderer.calls == []  # nothing runs before commit
    for callback in callbacks:
        callback()
    job = RenderJob.objects.get()
    assert (job.state, job.progress, job.attempts) == ("done", 100, 1)
    assert job.pdf.read().startswith(b"%PDF")
    assert job.requested_by == editor


def test_the_status_json_gives_progress_and_then_the_download(client, editor, composed_issue, renderer, django_capture_on_commit_callbacks):
    login(client, editor)
    created = request_render(client, composed_issue, capture=django_capture_on_commit_callbacks).json()
    status = client.get(created["status_url"]).json()
    assert status["state"] == "done" and status["state_label"] == "已完成" and status["progress"] == 100
    pdf = client.get(status["preview_url"])
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert "attachment" in client.get(status["download_url"])["Content-Disposition"]


def test_identical_content_is_not_rendered_twice(client, editor, responsible_editor, composed_issue, renderer, django_capture_on_commit_callbacks):
    login(client, editor)
    first = request_render(client, composed_issue, capture=django_capture_on_commit_callbacks).json()
    login(client, responsible_editor)
    second = request_render(client, composed_issue, capture=django_capture_on_commit_callbacks)
    assert second.status_code == 200 and second.json()["reused"] is True
    assert second.json()["id"] == first["id"]
    assert len(renderer.calls) == 1 and RenderJob.objects.count() == 1


def test_changed_content_gets_a_new_render(client, editor, composed_issue, renderer, django_capture_on_commit_callbacks):
    login(client, editor)
    request_render(client, composed_issue, capture=django_capture_on_commit_callbacks)
    composed_issue.series_title = "换了总标题"
    composed_issue.save()
    request_render(client, composed_issue, capture=django_capture_on_commit_callbacks)
    assert len(renderer.calls) == 2 and RenderJob.objects.count() == 2


def test_without_javascript_the_request_redirects_back_with_a_message(client, editor, composed_issue, renderer, django_capture_on_commit_callbacks):
    login(client, editor)
    response = request_render(client, composed_issue, json=False, capture=django_capture_on_commit_callbacks)
    assert response.status_code == 302
    text = client.get(response["Location"]).content.decode()
    assert "已提交排版" in text or "样稿PDF已生成" in text
    assert "已完成" in text and reverse("render_job_download", args=[RenderJob.objects.get().pk]) in text


def test_a_failed_render_shows_its_error_to_the_editor(client, editor, composed_issue, renderer, django_capture_on_commit_callbacks):
    renderer.fail_with = ValueError("第2篇稿件的表格无法排版")
    login(client, editor)
    created = request_render(client, composed_issue, capture=django_capture_on_commit_callbacks).json()
    status = client.get(created["status_url"]).json()
    assert status["state"] == "failed" and status["failed"] is True
    assert "排版失败" in status["error"] and "第2篇稿件的表格无法排版" in status["error"]
    assert len(renderer.calls) == 1  # a layout error is not retried
    text = client.get(reverse("issue_compose", args=[composed_issue.pk])).content.decode()
    assert "第2篇稿件的表格无法排版" in text


def test_a_failed_job_is_not_reused_the_next_request_tries_again(client, editor, composed_issue, renderer, django_capture_on_commit_callbacks):
    renderer.fail_with = ValueError("坏了")
    login(client, editor)
    request_render(client, composed_issue, capture=django_capture_on_commit_callbacks)
    renderer.fail_with = None
    second = request_render(client, composed_issue, capture=django_capture_on_commit_callbacks).json()
    assert client.get(second["status_url"]).json()["state"] == "done"
    assert RenderJob.objects.filter(state="failed").count() == 1


def test_transient_errors_are_retried_until_the_render_succeeds(composed_issue, renderer, monkeypatch):
    attempts = []
    real = renderer.__call__

    def flaky(issue, *, final=None):
        attempts.append(1)
        if len(attempts) < 3:
            raise OSError("磁盘暂时不可用")
        return real(issue, final=final)

    monkeypatch.setattr("bulletins.rendering.render_issue_pdf", flaky)
    job = RenderJob.objects.create(issue=composed_issue, content_hash=rendering.content_hash(composed_issue))
    render_issue_job.delay(job.pk)
    job.refresh_from_db()
    assert job.state == "done" and job.attempts == 3


def test_after_the_last_retry_the_job_fails_with_a_readable_error(composed_issue, renderer):
    renderer.fail_with = OSError("磁盘已满")
    job = RenderJob.objects.create(issue=composed_issue, content_hash=rendering.content_hash(composed_issue))
    render_issue_job.delay(job.pk)
    job.refresh_from_db()
    assert job.state == "failed"
    assert "已尝试4次" in job.error and "磁盘已满" in job.error
    assert len(renderer.calls) == 4


def test_the_task_is_idempotent_a_done_job_is_not_rendered_again(composed_issue, renderer):
    job = RenderJob.objects.create(issue=composed_issue, content_hash=rendering.content_hash(composed_issue))
    render_issue_job.delay(job.pk)
    render_issue_job.delay(job.pk)  # a redelivered message
    assert len(renderer.calls) == 1


def test_a_job_left_running_by_a_dead_worker_is_run_again_when_redelivered(composed_issue, renderer):
    job = RenderJob.objects.create(issue=composed_issue, content_hash=rendering.content_hash(composed_issue))
    silent = timezone.now() - datetime.timedelta(seconds=60)  # no heartbeat for a minute
    RenderJob.objects.filter(pk=job.pk).update(state="running", progress=30, attempts=1, updated_at=silent)
    render_issue_job.delay(job.pk)
    job.refresh_from_db()
    assert job.state == "done" and job.attempts == 2


def test_a_job_another_worker_is_rendering_is_not_rendered_again_when_redelivered(composed_issue, renderer):
    job = RenderJob.objects.create(issue=composed_issue, content_hash=rendering.content_hash(composed_issue))
    RenderJob.objects.filter(pk=job.pk).update(state="running", progress=30, attempts=1, updated_at=timezone.now())
    render_issue_job.delay(job.pk)  # the broker's redelivery while the first worker still beats
    job.refresh_from_db()
    assert renderer.calls == []
    assert job.state == "running" and job.attempts == 1


def test_the_sweep_requeues_a_job_whose_worker_stopped_beating_and_leaves_a_beating_one(composed_issue, renderer, django_capture_on_commit_callbacks):
    digest = rendering.content_hash(composed_issue)
    dead = RenderJob.objects.create(issue=composed_issue, content_hash=digest)
    alive = RenderJob.objects.create(issue=composed_issue, content_hash=digest)
    RenderJob.objects.filter(pk=dead.pk).update(state="running", attempts=1, updated_at=timezone.now() - datetime.timedelta(seconds=25))
    RenderJob.objects.filter(pk=alive.pk).update(state="running", attempts=1, updated_at=timezone.now() - datetime.timedelta(seconds=3))
    with django_capture_on_commit_callbacks(execute=True):
        assert rendering.sweep() == [dead.pk]
    dead.refresh_from_db()
    alive.refresh_from_db()
    assert (dead.state, dead.attempts) == ("done", 2)
    assert (alive.state, alive.attempts) == ("running", 1)


def test_the_status_page_requeues_a_stale_running_job(client, editor, composed_issue, renderer, django_capture_on_commit_callbacks):
    job = RenderJob.objects.create(issue=composed_issue, content_hash=rendering.content_hash(composed_issue))
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    RenderJob.objects.filter(pk=job.pk).update(state="running", progress=30, updated_at=long_ago)
    login(client, editor)
    with django_capture_on_commit_callbacks(execute=True):
        status = client.get(reverse("render_job_status", args=[job.pk])).json()
    assert "已重新排队" in status["message"]
    job.refresh_from_db()
    assert job.state == "done"


def test_a_fresh_running_job_is_left_alone_and_reused(client, editor, composed_issue, renderer, django_capture_on_commit_callbacks):
    job = RenderJob.objects.create(issue=composed_issue, content_hash=rendering.content_hash(composed_issue))
    RenderJob.objects.filter(pk=job.pk).update(state="running", progress=30)
    login(client, editor)
    again = request_render(client, composed_issue, capture=django_capture_on_commit_callbacks).json()
    assert again["id"] == job.pk and again["state"] == "running" and again["stale"] is False
    assert renderer.calls == []


def test_an_unreachable_queue_fails_the_job_with_a_message(client, editor, composed_issue, renderer, monkeypatch, django_capture_on_commit_callbacks):
    def broker_down(*args, **kwargs):
        raise ConnectionError("Connection refused")

    monkeypatch.setattr(render_issue_job, "delay", broker_down)
    login(client, editor)
    created = request_render(client, composed_issue, capture=django_capture_on_commit_callbacks).json()
    status = client.get(created["status_url"]).json()
    assert status["state"] == "failed" and "排版队列不可用" in status["error"]


def test_contributors_cannot_request_poll_or_download_renders(client, contributor, editor, composed_issue, renderer, django_capture_on_commit_callbacks):
    login(client, editor)
    created = request_render(client, composed_issue, capture=django_capture_on_commit_callbacks).json()
    preview_url = client.get(created["status_url"]).json()["preview_url"]
    login(client, contributor)
    assert client.post(reverse("render_job_create", args=[composed_issue.pk])).status_code == 403
    assert client.get(created["status_url"]).status_code == 403
    assert client.get(preview_url).status_code == 403


def test_a_job_without_a_pdf_yet_has_nothing_to_download(client, editor, composed_issue):
    job = RenderJob.objects.create(issue=composed_issue, content_hash="x" * 64)
    assert login(client, editor).get(reverse("render_job_download", args=[job.pk])).status_code == 404


def test_render_requests_must_be_posted(client, editor, composed_issue):
    assert login(client, editor).get(reverse("render_job_create", args=[composed_issue.pk])).status_code == 405


def test_the_real_renderer_gives_pdf_bytes_through_the_task(composed_issue):
    job = RenderJob.objects.create(issue=composed_issue, content_hash=rendering.content_hash(composed_issue))
    render_issue_job.delay(job.pk)
    job.refresh_from_db()
    assert job.state == "done", job.error
    assert job.pdf.read().startswith(b"%PDF")
