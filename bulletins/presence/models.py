"""Who is editing now: editing sessions kept alive by the page's pings, soft
locks ("我来编辑") and the log of locks an administrator broke.

An object is an item or an issue: exactly one of the two foreign keys is set.
None of this blocks a save; the conflict pages stay the last line of defence.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

ONE_SUBJECT = Q(item__isnull=False, issue__isnull=True) | Q(item__isnull=True, issue__isnull=False)


class EditingSession(models.Model):
    class Page(models.TextChoices):
        EDIT = "edit", "正在编辑"
        REVIEW = "review", "正在审稿"
        COMPOSE = "compose", "正在编排"
        SIGNOFF = "signoff", "正在审阅"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name="用户")
    client = models.CharField("页面标识", max_length=40, help_text="每个打开的页面一个，由页面生成")
    item = models.ForeignKey("bulletins.Item", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name="稿件")
    issue = models.ForeignKey("bulletins.Issue", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name="期")
    page = models.CharField("页面", max_length=10, choices=Page.choices, default=Page.EDIT)
    started_at = models.DateTimeField("打开时间", default=timezone.now)
    last_seen = models.DateTimeField("最近活动", default=timezone.now)

    class Meta:
        verbose_name = "编辑会话"
        verbose_name_plural = "编辑会话"
        constraints = [
            models.UniqueConstraint(fields=["user", "client"], name="unique_editing_session_per_page"),
            models.CheckConstraint(condition=ONE_SUBJECT, name="editing_session_has_one_subject"),
        ]
        indexes = [models.Index(fields=["item", "last_seen"]), models.Index(fields=["issue", "last_seen"])]


class SoftLock(models.Model):
    """"我来编辑": a claim others see and may ask for; it does not stop a save."""

    item = models.OneToOneField("bulletins.Item", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name="稿件")
    issue = models.OneToOneField("bulletins.Issue", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name="期")
    holder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name="锁定人")
    taken_at = models.DateTimeField("锁定时间", default=timezone.now)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="请求人"
    )
    requested_at = models.DateTimeField("请求时间", null=True, blank=True)

    class Meta:
        verbose_name = "编辑锁定"
        verbose_name_plural = "编辑锁定"
        constraints = [models.CheckConstraint(condition=ONE_SUBJECT, name="soft_lock_has_one_subject")]

    def __str__(self):
        return f"{self.item or self.issue}（{self.holder}）"


class LockBreak(models.Model):
    """An administrator broke someone's lock: who, whose, on what, when."""

    item = models.ForeignKey("bulletins.Item", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name="稿件")
    issue = models.ForeignKey("bulletins.Issue", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name="期")
    holder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="原锁定人")
    taken_at = models.DateTimeField("原锁定时间")
    broken_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="解除人")
    broken_at = models.DateTimeField("解除时间", default=timezone.now)

    class Meta:
        verbose_name = "解除锁定记录"
        verbose_name_plural = "解除锁定记录"
        ordering = ["-broken_at", "-id"]
