"""The audit trail outside the editorial workflow: role and superuser changes.

Signal receivers record every change of a user's groups and of their
superuser status as an ``AuditEntry``, whatever path made it (the admin, the
shell, ``createsuperuser``). The admin names the person doing it with
``acting_as``; other paths are recorded with no actor (命令行或系统).
"""

import contextlib
import contextvars

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_save, pre_save

from .models import AuditEntry, person_name

_actor = contextvars.ContextVar("newsroom_audit_actor", default=None)


@contextlib.contextmanager
def acting_as(user):
    token = _actor.set(user if getattr(user, "pk", None) else None)
    try:
        yield
    finally:
        _actor.reset(token)


def current_actor():
    return _actor.get()


def record(action, subject="", detail="", target_user=None, actor=None):
    return AuditEntry.objects.create(
        action=action, subject=subject, detail=detail, target_user=target_user,
        actor=actor if actor is not None else current_actor(),
    )


def _groups_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    User = get_user_model()
    if action == "pre_clear":
        pk_set = set(
            instance.groups.values_list("pk", flat=True) if not reverse
            else instance.user_set.values_list("pk", flat=True)
        )
    if not pk_set:
        return
    kind = AuditEntry.Action.ROLE_GRANTED if action == "post_add" else AuditEntry.Action.ROLE_REVOKED
    verb = "授予" if kind == AuditEntry.Action.ROLE_GRANTED else "撤销"
    if not reverse:  # user.groups.add(group …)
        pairs = [(instance, group) for group in Group.objects.filter(pk__in=pk_set)]
    else:  # group.user_set.add(user …)
        pairs = [(user, instance) for user in User.objects.filter(pk__in=pk_set)]
    for user, group in pairs:
        record(kind, subject=group.name, target_user=user, detail=f"{verb}{person_name(user)}“{group.name}”角色")


def _remember_superuser(sender, instance, **kwargs):
    previous = sender.objects.filter(pk=instance.pk).values_list("is_superuser", flat=True).first() if instance.pk else False
    instance._audit_was_superuser = bool(previous)


def _superuser_changed(sender, instance, created, **kwargs):
    before = getattr(instance, "_audit_was_superuser", False)
    if bool(instance.is_superuser) == before:
        return
    if instance.is_superuser:
        record(AuditEntry.Action.SUPERUSER_GRANTED, subject="超级用户", target_user=instance,
               detail=f"{person_name(instance)}成为超级用户" + ("（新建账号）" if created else ""))
    else:
        record(AuditEntry.Action.SUPERUSER_REVOKED, subject="超级用户", target_user=instance,
               detail=f"{person_name(instance)}不再是超级用户")


def connect():
    User = get_user_model()
    m2m_changed.connect(_groups_changed, sender=User.groups.through, dispatch_uid="newsroom_audit_groups")
    pre_save.connect(_remember_superuser, sender=User, dispatch_uid="newsroom_audit_superuser_pre")
    post_save.connect(_superuser_changed, sender=User, dispatch_uid="newsroom_audit_superuser_post")
