"""A mail server that refuses is retried, and a message is never sent twice:
the delivery row's sent-marker stops retries, redeliveries and the sweep."""

import socket
from datetime import timedelta

import pytest

from bulletins import workflow
from bulletins.notifications import tasks
from bulletins.notifications.models import EmailDelivery

from . import factories
from .notification_helpers import desk  # noqa: F401
from .smtp_server import LocalSMTPServer

pytestmark = pytest.mark.django_db


@pytest.fixture
def smtp(settings):
    def use(port):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = port
        settings.EMAIL_TIMEOUT = 5
    return use


@pytest.fixture
def only_one_editor(desk):
    desk["editor2"].email = ""
    desk["editor2"].save()


def submit_one(unit, contributor, capture):
    item = factories.make_item(unit, contributor, title="春耕备耕", body="<p>正文。</p>")
    with capture(execute=True):
        workflow.apply_transition(item, "submit", contributor)
    return EmailDelivery.objects.get()


def test_a_refusing_server_is_retried_until_it_accepts_and_the_mail_goes_once(
    desk, only_one_editor, unit, smtp, eager_celery, django_capture_on_commit_callbacks
):
    with LocalSMTPServer(refuse=2) as server:
        smtp(server.port)
        row = submit_one(unit, desk["contributor"], django_capture_on_commit_callbacks)
        row.refresh_from_db()
        assert server.connections == 3  # refused, refused, accepted
        assert len(server.messages) == 1
        assert row.sent_at is not None and row.attempts == 3  # two refusals counted, one send

        # The same task delivered again (a redelivery, the sweep): nothing more is sent.
        assert tasks.send_email_delivery.apply(args=[row.pk]).get() == "already sent"
        assert len(server.messages) == 1
    assert "春耕备耕".encode("utf-8") in server.messages[0] or b"=?utf-8?" in server.messages[0]


def test_a_server_that_never_answers_leaves_the_mail_unsent_for_the_sweep(
    desk, only_one_editor, unit, smtp, eager_celery, django_capture_on_commit_callbacks
):
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))  # bound, never listening: every connection is refused
    smtp(closed.getsockname()[1])
    try:
        row = submit_one(unit, desk["contributor"], django_capture_on_commit_callbacks)
    finally:
        closed.close()
    row.refresh_from_db()
    assert row.sent_at is None
    assert row.attempts == tasks.EMAIL_MAX_RETRIES + 1
    assert "ConnectionRefusedError" in row.last_error

    # Later the server is back; the beat schedule's sweep queues the unsent mail once more.
    EmailDelivery.objects.filter(pk=row.pk).update(created_at=row.created_at - timedelta(hours=1))
    with LocalSMTPServer() as server:
        smtp(server.port)
        assert tasks.sweep_unsent_emails.apply().get() == 1
        assert tasks.sweep_unsent_emails.apply().get() == 0
        assert len(server.messages) == 1
    row.refresh_from_db()
    assert row.sent_at is not None
