"""Sending e-mail deliveries exactly once.

The delivery row is locked while its message is handed to the mail server and
``sent_at`` is set in the same transaction, so a retried or redelivered task
(or the sweep) finds it sent and does nothing. A failure leaves the row unsent,
counts the attempt and raises, so Celery retries it.
"""

import logging
from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .mail import digest_message, notification_message
from .models import EmailDelivery, Mode

log = logging.getLogger(__name__)

# An immediate e-mail still unsent after this long is queued again by the sweep.
SWEEP_AFTER = timedelta(minutes=10)
SWEEP_MAX_ATTEMPTS = 12


def _record_failure(ids, error):
    EmailDelivery.objects.filter(pk__in=ids, sent_at__isnull=True).update(
        attempts=F("attempts") + 1, last_error=f"{type(error).__name__}: {error}"[:1000]
    )


def send_delivery(delivery_id):
    """Send one immediate delivery. Returns "sent", "already sent" or "missing"."""
    failure = None
    with transaction.atomic():
        delivery = (
            EmailDelivery.objects.select_for_update()
            .select_related("notification__recipient")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None:
            return "missing"
        if delivery.sent_at:
            return "already sent"
        try:
            notification_message(delivery).send()
        except Exception as exc:  # the server refused or dropped us: nothing was sent
            failure = exc
        else:
            delivery.sent_at = timezone.now()
            delivery.attempts += 1
            delivery.last_error = ""
            delivery.save(update_fields=["sent_at", "attempts", "last_error"])
            return "sent"
    _record_failure([delivery_id], failure)
    raise failure


def send_digests(now=None):
    """One e-mail per user gathering their unsent digest deliveries. Returns the
    number of e-mails sent; raises the last failure after trying everyone."""
    user_ids = (
        EmailDelivery.objects.filter(mode=Mode.DIGEST, sent_at__isnull=True)
        .values_list("notification__recipient_id", flat=True)
        .distinct()
    )
    sent, failure = 0, None
    for user_id in list(user_ids):
        try:
            sent += _send_digest(user_id, now or timezone.now())
        except Exception as exc:
            log.warning("digest for user %s failed: %s", user_id, exc)
            failure = exc
    if failure is not None:
        raise failure
    return sent


def _send_digest(user_id, now):
    problem = None
    with transaction.atomic():
        rows = list(
            EmailDelivery.objects.select_for_update()
            .filter(mode=Mode.DIGEST, sent_at__isnull=True, notification__recipient_id=user_id)
            .select_related("notification__recipient")
            .order_by("created_at", "id")
        )
        if not rows:
            return 0
        user = rows[0].notification.recipient
        try:
            digest_message(rows[-1].address, user, [r.notification for r in rows]).send()
        except Exception as exc:
            problem = exc
        else:
            EmailDelivery.objects.filter(pk__in=[r.pk for r in rows]).update(
                sent_at=now, attempts=F("attempts") + 1, last_error=""
            )
            return 1
    _record_failure([r.pk for r in rows], problem)
    raise problem


def stale_immediate_deliveries(now=None):
    cutoff = (now or timezone.now()) - SWEEP_AFTER
    return EmailDelivery.objects.filter(
        mode=Mode.IMMEDIATE, sent_at__isnull=True, created_at__lt=cutoff, attempts__lt=SWEEP_MAX_ATTEMPTS
    ).values_list("pk", flat=True)
