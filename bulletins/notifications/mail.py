"""E-mail bodies for notifications: plain text and HTML, in Chinese, through
Django's e-mail framework (console backend by default, SMTP in production)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

SUBJECT_PREFIX = "【信息编辑系统】"


def absolute(url):
    if not url or url.startswith(("http://", "https://")):
        return url
    return settings.NEWSROOM_SITE_URL.rstrip("/") + url


def _message(address, subject, template, context):
    context = {**context, "site_url": settings.NEWSROOM_SITE_URL.rstrip("/"),
               "settings_url": absolute(reverse("notification_settings"))}
    text = render_to_string(f"notifications/{template}.txt", context)
    html = render_to_string(f"notifications/{template}.html", context)
    message = EmailMultiAlternatives(SUBJECT_PREFIX + subject, text, settings.DEFAULT_FROM_EMAIL, [address])
    message.attach_alternative(html, "text/html")
    return message


def _link(notification):
    """Through the notification, so that following the e-mail's link marks it read."""
    return absolute(reverse("notification_open", args=[notification.pk])) if notification.url else ""


def notification_message(delivery):
    notification = delivery.notification
    return _message(delivery.address, notification.title, "email", {
        "notification": notification, "link": _link(notification),
    })


def digest_message(address, user, notifications):
    rows = [(n, _link(n)) for n in notifications]
    return _message(address, f"今日通知汇总（{len(rows)}条）", "digest", {"user": user, "rows": rows})
