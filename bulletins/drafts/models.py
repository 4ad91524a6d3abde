"""Autosaved copies of what a user is typing into the item form, per user and
item (or per user for a new item), offered back when they return to the form.
A copy is never the item: saving the form is still the user's act."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

# The form fields a copy keeps (the text; photos and files are not autosaved).
FIELDS = (
    "unit", "title", "attribution", "body",
    "kicker", "subhead", "dateline", "byline", "byline_position", "column_label", "short_headline",
)


class DraftCopy(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name="用户")
    item = models.ForeignKey(
        "bulletins.Item", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name="稿件",
        help_text="空：尚未保存过的新稿件",
    )
    data = models.JSONField("内容", default=dict)
    saved_at = models.DateTimeField("自动保存时间", default=timezone.now)

    class Meta:
        verbose_name = "草稿副本"
        verbose_name_plural = "草稿副本"
        constraints = [
            models.UniqueConstraint(fields=["user", "item"], name="one_draft_copy_per_user_and_item"),
            models.UniqueConstraint(fields=["user"], condition=Q(item__isnull=True), name="one_new_item_copy_per_user"),
        ]

    def differs_from(self, item):
        """Whether the copy holds text the item does not (nothing to offer otherwise)."""
        if item is None:
            return any(str(self.data.get(name, "")).strip() for name in ("title", "body"))
        for name in FIELDS:
            current = item.unit_id if name == "unit" else getattr(item, name, "")
            if name in self.data and str(self.data[name] or "") != str(current or ""):
                return True
        return False
