"""Notification e-mail: sent after commit through Django's mail framework
(locmem here), in Chinese plain text and HTML, as each user prefers."""

import pytest
from django.core import mail

from bulletins import workflow
from bulletins.notifications import delivery
from bulletins.notifications.models import EmailDelivery, Kind, Mode, Preference

from . import factories
from .notification_helpers import desk, submitted_item  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def locmem(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.NEWSROOM_SITE_URL = "https://xinxi.example.org"


def submit(unit, user, capture, title="春耕备耕"):
    item = factories.make_item(unit, user, title=title, body="<p>正文。</p>")
    with capture(execute=True):
        workflow.apply_transition(item, "submit", user)
    return item


def test_a_new_submission_is_emailed_to_the_editors_after_commit(desk, unit, eager_celery, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        item = factories.make_item(unit, desk["contributor"], title="春耕备耕", body="<p>正文。</p>")
        workflow.apply_transition(item, "submit", desk["contributor"])
        assert mail.outbox == []  # nothing leaves before the transaction commits
    for callback in callbacks:
        callback()
    assert sorted(m.to[0] for m in mail.outbox) == ["bianji2@example.org", "bianji@example.org"]
    message = mail.outbox[0]
    assert message.subject == "【信息编辑系统】新来稿：《春耕备耕》（区发改委）"
    notification = EmailDelivery.objects.get(address=message.to[0]).notification
    link = f"https://xinxi.example.org/notifications/{notification.pk}/open/"
    assert f"打开查看：{link}" in message.body
    assert notification.url == f"/items/{item.pk}/review/"  # where the link leads, marking it read
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="{link}"' in html
    assert EmailDelivery.objects.filter(sent_at__isnull=False).count() == 2


def test_a_return_is_emailed_to_the_unit_with_its_reason(desk, unit, eager_celery, django_capture_on_commit_callbacks):
    item = submitted_item(unit, desk["contributor"])
    with django_capture_on_commit_callbacks(execute=True):
        workflow.apply_transition(item, "return", desk["editor"], "请补充投资金额")
    assert sorted(m.to[0] for m in mail.outbox) == ["tongshi@example.org", "tongxunyuan@example.org"]
    assert "退回原因：请补充投资金额" in mail.outbox[0].body


def test_an_acceptance_stays_in_app_by_default(desk, unit, eager_celery, django_capture_on_commit_callbacks):
    item = submitted_item(unit, desk["contributor"])
    with django_capture_on_commit_callbacks(execute=True):
        workflow.apply_transition(item, "accept", desk["editor"])
    assert mail.outbox == []
    assert not EmailDelivery.objects.exists()


def test_a_user_who_chose_in_app_only_gets_no_email(desk, unit, eager_celery, django_capture_on_commit_callbacks):
    Preference.objects.create(user=desk["editor2"], kind=Kind.ITEM_SUBMITTED, mode=Mode.IN_APP)
    submit(unit, desk["contributor"], django_capture_on_commit_callbacks)
    assert [m.to[0] for m in mail.outbox] == ["bianji@example.org"]


def test_a_user_without_an_address_gets_the_notification_but_no_email(desk, unit, eager_celery, django_capture_on_commit_callbacks):
    desk["editor2"].email = ""
    desk["editor2"].save()
    submit(unit, desk["contributor"], django_capture_on_commit_callbacks)
    assert [m.to[0] for m in mail.outbox] == ["bianji@example.org"]
    assert desk["editor2"].notifications.count() == 1


def test_a_daily_digest_gathers_a_users_notifications_into_one_email_once(desk, unit, eager_celery, django_capture_on_commit_callbacks):
    Preference.objects.create(user=desk["editor"], kind=Kind.ITEM_SUBMITTED, mode=Mode.DIGEST)
    submit(unit, desk["contributor"], django_capture_on_commit_callbacks, title="春耕备耕")
    submit(unit, desk["contributor"], django_capture_on_commit_callbacks, title="复工复产")
    immediate = [m for m in mail.outbox if m.to == ["bianji@example.org"]]
    assert immediate == []  # bianji waits for the digest; bianji2 had two e-mails at once
    mail.outbox.clear()

    assert delivery.send_digests() == 1
    assert len(mail.outbox) == 1
    digest = mail.outbox[0]
    assert digest.to == ["bianji@example.org"]
    assert digest.subject == "【信息编辑系统】今日通知汇总（2条）"
    assert "《春耕备耕》" in digest.body and "《复工复产》" in digest.body
    assert "《复工复产》" in digest.alternatives[0][0]

    assert delivery.send_digests() == 0  # the next run finds nothing unsent
    assert len(mail.outbox) == 1
