"""Shared set-up for the notification tests: a desk with two of each role."""

import pytest

from bulletins.models import ItemState, Role
from bulletins.notifications.models import Notification

from . import factories


@pytest.fixture
def desk(unit, other_unit, contributor, other_contributor, editor, responsible_editor, bulletin):
    """Everyone who could hear of an event, with e-mail addresses."""
    people = {
        "contributor": contributor,
        "colleague": factories.make_user("tongshi", Role.CONTRIBUTOR, units=[unit], full_name="钱敏"),
        "other_contributor": other_contributor,
        "editor": editor,
        "editor2": factories.make_user("bianji2", Role.EDITOR, full_name="孙悦"),
        "signer": responsible_editor,
        "signer2": factories.make_user("zeren2", Role.RESPONSIBLE_EDITOR, full_name="王建国"),
        "administrator": factories.make_user("guanli", Role.ADMINISTRATOR, full_name="陈静"),
    }
    for name, user in people.items():
        user.email = f"{user.username}@example.org"
        user.save(update_fields=["email"])
    return people


def received(user, **filters):
    return list(Notification.objects.filter(recipient=user, **filters))


def recipients_of(kind):
    """{username: count} of the notifications of one kind."""
    counts = {}
    for n in Notification.objects.filter(kind=kind).select_related("recipient"):
        counts[n.recipient.username] = counts.get(n.recipient.username, 0) + 1
    return counts


def submitted_item(unit, author, title="我区启动老旧小区改造"):
    return factories.make_item(unit, author, title=title, body=f"<p>{title}，首批六个小区。</p>", state=ItemState.SUBMITTED)
