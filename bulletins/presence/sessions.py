"""Editing sessions and soft locks: what the pings and the lock buttons do.

Each function is atomic. A session goes idle after IDLE_AFTER without a ping
and is no longer shown after GONE_AFTER (and then deleted).
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from .. import roles
from ..models import Issue, Item, person_name
from ..notifications import events
from ..notifications.models import Kind
from .models import EditingSession, LockBreak, SoftLock

IDLE_AFTER = timedelta(minutes=10)
GONE_AFTER = timedelta(hours=1)


class LockError(Exception):
    """A lock step that cannot be done; the message is shown to the user."""


def subject(obj):
    return {"item": obj} if isinstance(obj, Item) else {"issue": obj}


def may_lock(user, obj):
    return roles.is_editor(user)


def _minutes(delta):
    return max(0, int(delta.total_seconds() // 60))


def ping(user, obj, client, page, now=None):
    now = now or timezone.now()
    with transaction.atomic():
        updated = EditingSession.objects.filter(user=user, client=client, **subject(obj)).update(last_seen=now, page=page)
        if not updated:
            EditingSession.objects.filter(user=user, client=client).delete()  # the page moved to another object
            try:
                with transaction.atomic():
                    EditingSession.objects.create(user=user, client=client, page=page, started_at=now, last_seen=now, **subject(obj))
            except IntegrityError:  # two pings of one page crossed
                pass
        EditingSession.objects.filter(last_seen__lt=now - GONE_AFTER, **subject(obj)).delete()


def leave(user, client):
    EditingSession.objects.filter(user=user, client=client).delete()


def others(user, obj, now=None):
    now = now or timezone.now()
    sessions = (
        EditingSession.objects.filter(last_seen__gte=now - GONE_AFTER, **subject(obj))
        .exclude(user=user)
        .select_related("user")
        .order_by("started_at", "id")
    )
    people = {}
    for s in sessions:
        seen = people.get(s.user_id)
        if seen is None or s.last_seen > seen.last_seen:
            people[s.user_id] = s
    rows = []
    for s in people.values():
        idle = now - s.last_seen > IDLE_AFTER
        rows.append({
            "name": person_name(s.user),
            "doing": s.get_page_display(),
            "since_minutes": _minutes(now - s.started_at),
            "seen_minutes": _minutes(now - s.last_seen),
            "idle": idle,
        })
    return rows


def lock_of(obj):
    return SoftLock.objects.filter(**subject(obj)).select_related("holder", "requested_by").first()


def state(user, obj, now=None):
    """What the page shows: the others with it open, the lock, the current version."""
    now = now or timezone.now()
    lock = lock_of(obj)
    fresh = type(obj).objects.only("version").get(pk=obj.pk)
    data = {
        "others": others(user, obj, now),
        "version": fresh.version,
        "can_lock": may_lock(user, obj),
        "can_break": roles.is_administrator(user),
        "lock": None,
    }
    if lock:
        data["lock"] = {
            "holder": person_name(lock.holder),
            "mine": lock.holder_id == user.pk,
            "minutes": _minutes(now - lock.taken_at),
            "requested_by": person_name(lock.requested_by) if lock.requested_by else "",
        }
    return data


def _link(obj):
    if isinstance(obj, Item):
        return reverse("item_review", args=[obj.pk])
    return reverse("issue_compose", args=[obj.pk])


def _name(obj):
    return f"《{obj.title}》" if isinstance(obj, Item) else str(obj)


def take(user, obj):
    if not may_lock(user, obj):
        raise LockError("只有编辑可以声明“我来编辑”。")
    with transaction.atomic():
        lock = SoftLock.objects.select_for_update().filter(**subject(obj)).first()
        if lock and lock.holder_id != user.pk:
            raise LockError(f"{person_name(lock.holder)}已声明正在编辑，可以请他让出。")
        if not lock:
            try:
                with transaction.atomic():
                    SoftLock.objects.create(holder=user, **subject(obj))
            except IntegrityError:
                raise LockError("刚刚有人声明了正在编辑，请刷新后查看。")


def release(user, obj):
    with transaction.atomic():
        deleted, _ = SoftLock.objects.filter(holder=user, **subject(obj)).delete()
    if not deleted:
        raise LockError("您没有锁定这项内容。")


def ask(user, obj):
    with transaction.atomic():
        lock = SoftLock.objects.select_for_update(of=("self",)).filter(**subject(obj)).select_related("holder").first()
        if lock is None:
            raise LockError("现在没有人锁定，您可以直接声明“我来编辑”。")
        if lock.holder_id == user.pk:
            raise LockError("锁定人就是您自己。")
        lock.requested_by, lock.requested_at = user, timezone.now()
        lock.save(update_fields=["requested_by", "requested_at"])
        events.notify([lock.holder], Kind.LOCK_REQUESTED, f"{person_name(user)}请求编辑{_name(obj)}", actor=user,
                      url=_link(obj), body="您已声明“我来编辑”；如已编辑完毕，请解除锁定。", **subject(obj))


def break_lock(user, obj):
    """An administrator breaks the lock; the break is logged and the holder told."""
    if not roles.is_administrator(user):
        raise LockError("只有管理员可以解除他人的锁定。")
    with transaction.atomic():
        lock = SoftLock.objects.select_for_update(of=("self",)).filter(**subject(obj)).select_related("holder").first()
        if lock is None:
            raise LockError("这项内容现在没有锁定。")
        break_locked(lock, user)


def break_locked(lock, user):
    """Log and delete one lock (inside the caller's transaction); also used by the admin action."""
    obj = lock.item or lock.issue
    LockBreak.objects.create(holder=lock.holder, taken_at=lock.taken_at, broken_by=user, **subject(obj))
    lock.delete()
    events.notify([lock.holder], Kind.LOCK_BROKEN, f"{person_name(user)}解除了您对{_name(obj)}的锁定", actor=user,
                  url=_link(obj), **subject(obj))


def resolve(user, kind, pk):
    """The item or issue a ping names, if this user may open it; else None."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    if kind == "item":
        return roles.visible_items(user).filter(pk=pk).first()
    if kind == "issue" and (roles.is_desk_member(user) or roles.is_administrator(user)):
        return Issue.objects.filter(pk=pk).first()
    return None
