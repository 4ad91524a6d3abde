"""What a responsible editor last saw of an issue, so the next look can show
what changed since (the other baselines are the stored IssueRevisions)."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class IssueVisit(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name="用户")
    issue = models.ForeignKey("bulletins.Issue", on_delete=models.CASCADE, related_name="+", verbose_name="期")
    description = models.JSONField("当时的印刷内容", help_text="printed_content.describe_issue 的结果")
    fingerprint = models.CharField("内容指纹", max_length=64)
    seen_at = models.DateTimeField("查看时间", default=timezone.now)

    class Meta:
        verbose_name = "期刊查看记录"
        verbose_name_plural = "期刊查看记录"
        constraints = [models.UniqueConstraint(fields=["user", "issue"], name="unique_issue_visit")]
