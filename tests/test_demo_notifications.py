"""The demo data: every demo user has an e-mail address, the bell has something
to show, and loading it e-mails nobody."""

from importlib import import_module

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.management import call_command

from bulletins.notifications.models import EmailDelivery, Notification


@pytest.fixture
def data_migrations(transactional_db):
    """Rows written by data migrations, which an earlier transactional test's flush removed."""
    from django.apps import apps

    import_module("bulletins.assessment.migrations.0002_default_levels").add_default_levels(apps, None)


@pytest.mark.django_db(transaction=True)
def test_loading_the_demo_writes_notifications_but_sends_no_email(settings, data_migrations, eager_celery, renderer):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("seed_demo", "--quiet-logins")
    assert mail.outbox == []
    assert not EmailDelivery.objects.exists()
    assert Notification.objects.filter(recipient__username="bianji").exists()
    assert not User.objects.filter(email="").exists()
    assert User.objects.get(username="tx07").email == "tx07@example.org"
