"""One notification e-mail delivered end to end by a real Celery worker over the
Redis broker (CI sets CELERY_BROKER_URL; the in-process path is tested in
test_notification_email.py)."""

import os

import pytest
from django.core import mail

from bulletins import workflow
from bulletins.models import Role
from bulletins.notifications.models import EmailDelivery
from newsroom.celery import app

from . import factories
from .test_celery_worker import WORKER_TIMEOUT, celery_worker  # noqa: F401  (the real worker fixture)

BROKER = os.environ.get("CELERY_BROKER_URL", "")


@pytest.mark.celery_worker
@pytest.mark.skipif(
    not BROKER.startswith(("redis://", "rediss://")),
    reason="needs CELERY_BROKER_URL=redis://… (CI sets it; the in-process path is tested elsewhere)",
)
def test_a_real_worker_sends_the_submission_email_after_commit(celery_worker, settings):  # noqa: F811
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert not app.conf.task_always_eager, "with a broker configured, tasks must go to the queue"
    unit = factories.make_unit(name="上街区发展和改革委员会", short_name="区发改委")
    contributor = factories.make_user("tx07", Role.CONTRIBUTOR, units=[unit], full_name="王晓")
    editor = factories.make_user("bianji", Role.EDITOR, full_name="李德昭")
    editor.email = "bianji@example.org"
    editor.save()
    item = factories.make_item(unit, contributor, title="我区启动老旧管网改造工程", body="<p>首批六个小区。</p>")

    workflow.apply_transition(item, "submit", contributor)  # commits; the e-mail is queued on commit
    delivery = EmailDelivery.objects.get()
    outcome = celery_worker("notifications.send_email_delivery", delivery.pk)

    delivery.refresh_from_db()
    assert outcome == "SUCCESS", f"the worker did not send the e-mail within {WORKER_TIMEOUT}s"
    assert delivery.sent_at is not None and delivery.attempts == 1
    assert [m.to for m in mail.outbox] == [["bianji@example.org"]]
    assert "我区启动老旧管网改造工程" in mail.outbox[0].subject
