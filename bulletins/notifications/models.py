"""Notifications: one row per recipient per event, e-mail deliveries with a
sent-marker, each user's preference per kind, and deadline reminders sent.

Rows are written by ``events`` inside the transaction of the workflow record
that caused them; e-mail goes out after commit (``tasks``).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from ..models import Role


class Kind(models.TextChoices):
    # to a unit's contributors
    ITEM_ACCEPTED = "item_accepted", "稿件已采用"
    ITEM_RETURNED = "item_returned", "稿件已退回"
    ITEM_DECLINED = "item_declined", "稿件未采用"
    ITEM_PUBLISHED = "item_published", "稿件已刊发"
    ITEM_EDITED = "item_edited", "编辑修改了稿件"
    DEADLINE_REMINDER = "deadline_reminder", "截稿提醒"
    # to editors
    ITEM_SUBMITTED = "item_submitted", "新来稿"
    ITEM_RESUBMITTED = "item_resubmitted", "退回后重新报送"
    ISSUE_REJECTED = "issue_rejected", "期刊退回修改"
    ISSUE_APPROVED = "issue_approved", "期刊已签发"
    DEADLINE_MISSING = "deadline_missing", "截稿时未报送的单位"
    # to the issue's responsible editors
    ISSUE_FOR_SIGNOFF = "issue_for_signoff", "期刊待您签发"
    ISSUE_CHANGED = "issue_changed", "签发后期刊有修改"
    # to everyone on the desk
    ISSUE_PUBLISHED = "issue_published", "期刊已印发"
    # presence: somebody asks for a soft lock you hold
    LOCK_REQUESTED = "lock_requested", "有人请求编辑"
    LOCK_BROKEN = "lock_broken", "您的编辑锁定被解除"


class Mode(models.TextChoices):
    IN_APP = "in_app", "仅站内通知"
    IMMEDIATE = "immediate", "立即发邮件"
    DIGEST = "digest", "每日汇总邮件"


# The events that ask a person to act are e-mailed at once; everything else stays in-app.
DEFAULT_MODES = {
    Kind.ITEM_SUBMITTED: Mode.IMMEDIATE,
    Kind.ITEM_RETURNED: Mode.IMMEDIATE,
    Kind.ISSUE_FOR_SIGNOFF: Mode.IMMEDIATE,
}


def default_mode(kind):
    return DEFAULT_MODES.get(kind, Mode.IN_APP)


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", verbose_name="接收人"
    )
    kind = models.CharField("类别", max_length=30, choices=Kind.choices)
    title = models.CharField("标题", max_length=300)
    body = models.TextField("内容", blank=True)
    url = models.CharField("链接", max_length=300, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="操作人"
    )
    item = models.ForeignKey(
        "bulletins.Item", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name="稿件"
    )
    issue = models.ForeignKey(
        "bulletins.Issue", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name="期"
    )
    created_at = models.DateTimeField("时间", default=timezone.now)
    read_at = models.DateTimeField("已读时间", null=True, blank=True)

    class Meta:
        verbose_name = "通知"
        verbose_name_plural = "通知"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at", "-created_at"], name="notification_inbox")]

    def __str__(self):
        return self.title

    @property
    def is_unread(self):
        return self.read_at is None


class EmailDelivery(models.Model):
    """One notification to be e-mailed. ``sent_at`` is the marker that stops a
    retried or redelivered task from sending it twice."""

    notification = models.OneToOneField(Notification, on_delete=models.CASCADE, related_name="email", verbose_name="通知")
    mode = models.CharField("方式", max_length=10, choices=[(Mode.IMMEDIATE, Mode.IMMEDIATE.label), (Mode.DIGEST, Mode.DIGEST.label)])
    address = models.EmailField("邮箱")
    attempts = models.PositiveSmallIntegerField("尝试次数", default=0)
    last_error = models.TextField("最近错误", blank=True)
    sent_at = models.DateTimeField("发送时间", null=True, blank=True)
    created_at = models.DateTimeField("创建时间", default=timezone.now)

    class Meta:
        verbose_name = "邮件发送"
        verbose_name_plural = "邮件发送"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["mode", "sent_at"], name="email_delivery_pending")]


class Preference(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name="用户")
    kind = models.CharField("类别", max_length=30, choices=Kind.choices)
    mode = models.CharField("接收方式", max_length=10, choices=Mode.choices)

    class Meta:
        verbose_name = "通知设置"
        verbose_name_plural = "通知设置"
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="unique_notification_preference")]


class DeadlineNotice(models.Model):
    """Which deadline messages an issue has had, so the beat schedule sends each once."""

    class Stage(models.TextChoices):
        REMINDER = "reminder", "截稿前提醒"
        MISSING = "missing", "截稿后未报送单位"

    issue = models.ForeignKey("bulletins.Issue", on_delete=models.CASCADE, related_name="+", verbose_name="期")
    stage = models.CharField("阶段", max_length=10, choices=Stage.choices)
    deadline = models.DateTimeField("截稿时间")
    sent_at = models.DateTimeField("发送时间", default=timezone.now)

    class Meta:
        verbose_name = "截稿提醒记录"
        verbose_name_plural = "截稿提醒记录"
        constraints = [
            models.UniqueConstraint(fields=["issue", "stage", "deadline"], name="unique_deadline_notice")
        ]


# Which kinds each role can receive (what the settings page offers).
KINDS_BY_ROLE = {
    Role.CONTRIBUTOR: [Kind.ITEM_RETURNED, Kind.ITEM_ACCEPTED, Kind.ITEM_DECLINED, Kind.ITEM_PUBLISHED, Kind.ITEM_EDITED,
        Kind.DEADLINE_REMINDER],
    Role.EDITOR: [Kind.ITEM_SUBMITTED, Kind.ITEM_RESUBMITTED, Kind.ISSUE_REJECTED, Kind.ISSUE_APPROVED,
        Kind.DEADLINE_MISSING, Kind.ISSUE_PUBLISHED, Kind.LOCK_REQUESTED, Kind.LOCK_BROKEN],
    Role.RESPONSIBLE_EDITOR: [Kind.ISSUE_FOR_SIGNOFF, Kind.ISSUE_CHANGED, Kind.ISSUE_PUBLISHED],
}
