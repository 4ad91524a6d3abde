"""Celery tasks of the notifications app: e-mail (at once, retried on SMTP
failure), the daily digest and the deadline checks (both on the beat schedule)."""

import logging
import smtplib
import socket

from celery import shared_task

from . import deadlines, delivery

log = logging.getLogger(__name__)

# A mail server that refuses, drops or times out: worth another try later.
MAIL_ERRORS = (smtplib.SMTPException, socket.error, OSError)
EMAIL_MAX_RETRIES = 5


@shared_task(
    name="notifications.send_email_delivery",
    acks_late=True,
    autoretry_for=MAIL_ERRORS,
    retry_backoff=30,
    retry_backoff_max=1800,
    retry_jitter=True,
    max_retries=EMAIL_MAX_RETRIES,
)
def send_email_delivery(delivery_id):
    return delivery.send_delivery(delivery_id)


@shared_task(
    name="notifications.send_daily_digests",
    autoretry_for=MAIL_ERRORS,
    retry_backoff=60,
    max_retries=3,
)
def send_daily_digests():
    return delivery.send_digests()


@shared_task(name="notifications.sweep_unsent_emails")
def sweep_unsent_emails():
    """Queue again the immediate e-mails whose task was lost (broker down, retries spent)."""
    ids = list(delivery.stale_immediate_deliveries())
    for delivery_id in ids:
        send_email_delivery.delay(delivery_id)
    return len(ids)


@shared_task(name="notifications.check_deadlines")
def check_deadlines():
    return deadlines.run_checks()
