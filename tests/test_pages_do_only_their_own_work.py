"""Opening a page does only that page's work: photos are hashed once when they
are saved, not on every load, and opening the sign-off page never queues a
render that is already queued, done or failed — not even when two people open
it at the same moment."""

import threading

import pytest
from django.db import connection, transaction
from django.urls import reverse

from bulletins import printed_content, rendering
from bulletins.models import IssueState, ItemImage, RenderJob

from . import factories, upload_files


@pytest.fixture
def in_review(composed_issue):
    composed_issue.state = IssueState.IN_REVIEW
    composed_issue.save()
    return composed_issue


@pytest.fixture
def queued(monkeypatch):
    """Jobs handed to the queue (instead of running them)."""
    handed = []
    monkeypatch.setattr(rendering, "_enqueue", handed.append)
    return handed


@pytest.fixture
def file_reads(monkeypatch):
    reads = []
    original = printed_content.file_sha256

    def counting(field_file):
        reads.append(field_file.name)
        return original(field_file)

    monkeypatch.setattr(printed_content, "file_sha256", counting)
    return reads


def test_a_photo_is_hashed_once_when_saved_and_never_when_a_page_is_opened(client, editor, responsible_editor, in_review, file_reads, queued, django_capture_on_commit_callbacks):
    item = in_review.items.first()
    photo = ItemImage.objects.create(item=item, image=upload_files.jpeg(), caption="图片")
    assert len(file_reads) == 1 and len(photo.sha256) == 64
    client.force_login(editor)
    client.get(reverse("issue_compose", args=[in_review.pk]))
    client.force_login(responsible_editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(reverse("issue_review", args=[in_review.pk]))
        client.get(reverse("issue_review", args=[in_review.pk]))
    assert len(file_reads) == 1


def test_a_photo_saved_before_hashes_were_stored_is_hashed_once_then_reused(in_review, file_reads):
    item = in_review.items.first()
    photo = ItemImage.objects.create(item=item, image=upload_files.jpeg())
    ItemImage.objects.filter(pk=photo.pk).update(sha256="")
    file_reads.clear()
    first = rendering.content_hash(in_review)
    assert rendering.content_hash(in_review) == first
    assert len(file_reads) == 1


def test_a_changed_photo_changes_the_issues_fingerprint(in_review):
    item = in_review.items.first()
    photo = ItemImage.objects.create(item=item, image=upload_files.jpeg(size=(800, 600)))
    before = rendering.content_hash(in_review)
    photo.image = upload_files.jpeg(name="other.jpg", size=(640, 480))
    photo.save()
    assert rendering.content_hash(in_review) != before


def test_opening_the_signoff_page_again_queues_nothing_more(client, responsible_editor, in_review, queued, django_capture_on_commit_callbacks):
    client.force_login(responsible_editor)
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            assert client.get(reverse("issue_review", args=[in_review.pk])).status_code == 200
    assert in_review.render_jobs.count() == 1
    assert len(queued) == 1


def test_opening_the_signoff_page_after_a_failed_render_does_not_retry_it(client, responsible_editor, in_review, queued, django_capture_on_commit_callbacks):
    job = rendering.job_for_page(in_review)
    RenderJob.objects.filter(pk=job.pk).update(state=RenderJob.State.FAILED, error="排版失败：测试")
    client.force_login(responsible_editor)
    with django_capture_on_commit_callbacks(execute=True):
        page = client.get(reverse("issue_review", args=[in_review.pk]))
    assert "排版失败：测试" in page.content.decode()
    assert in_review.render_jobs.count() == 1
    # The button (a POST) is how the user asks again.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("render_job_create", args=[in_review.pk]))
    assert in_review.render_jobs.count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_people_opening_the_signoff_page_at_once_queue_one_render(bulletin, unit, contributor, responsible_editor, monkeypatch):
    issue = factories.make_issue(bulletin, number=5, editors=[responsible_editor], state=IssueState.IN_REVIEW)
    factories.place(issue, [factories.make_item(unit, contributor, title="并发测试稿件", state="accepted")])
    monkeypatch.setattr(rendering, "_enqueue", lambda job_id: None)
    # Both requests compute the hash, then meet: without the lock both would find no job and create one.
    meet = threading.Barrier(2)
    original = rendering.content_hash

    def hash_then_meet(target):
        digest = original(target)
        try:
            meet.wait(timeout=2)
        except threading.BrokenBarrierError:
            pass  # the other request is waiting for the lock: the race cannot happen
        return digest

    monkeypatch.setattr(rendering, "content_hash", hash_then_meet)
    errors = []

    def open_page():
        try:
            rendering.job_for_page(issue)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=open_page) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert RenderJob.objects.filter(issue=issue).count() == 1
