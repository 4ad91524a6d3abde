"""The search index: one entry per searchable thing (an item, an issue …).

The entry keeps the original text (for snippets), the segmented token strings
(``title_tokens``, ``body_tokens``: words then characters, see ``segment``) and
the fields results are filtered and counted by. The full-text structure itself
is made by this app's migrations for the database in use (on SQLite a
migration that rebuilds this table must create the FTS5 triggers again): on PostgreSQL a
generated ``tsvector`` column with a GIN index, on SQLite an FTS5 table kept in
step by triggers. ``backends`` is the one interface over both.
"""

from django.conf import settings
from django.db import models


class Kind(models.TextChoices):
    ITEM = "item", "稿件"
    ISSUE = "issue", "期刊"
    INSTRUCTION = "instruction", "领导批示"
    COMMISSION = "commission", "约稿通知"


class SearchEntry(models.Model):
    kind = models.CharField("类别", max_length=20, choices=Kind.choices)
    item = models.OneToOneField(
        "bulletins.Item", on_delete=models.CASCADE, null=True, blank=True, related_name="search_entry"
    )
    issue = models.OneToOneField(
        "bulletins.Issue", on_delete=models.CASCADE, null=True, blank=True, related_name="search_entry"
    )
    instruction = models.OneToOneField(
        "assessment.Instruction", on_delete=models.CASCADE, null=True, blank=True, related_name="search_entry"
    )
    commission = models.OneToOneField(
        "assessment.Commission", on_delete=models.CASCADE, null=True, blank=True, related_name="search_entry"
    )
    item_kind = models.ForeignKey(
        "bulletins.ItemKind", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="稿件类型"
    )
    publication = models.ForeignKey(
        "bulletins.Publication", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="刊物"
    )
    unit = models.ForeignKey(
        "bulletins.Unit", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="来稿单位"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="撰稿人"
    )
    state = models.CharField("状态", max_length=20, blank=True)
    year = models.PositiveSmallIntegerField("年度", null=True, blank=True)
    date = models.DateField("日期", null=True, blank=True)
    title = models.CharField("标题", max_length=300)
    text = models.TextField("正文（纯文本）", blank=True)
    title_tokens = models.TextField(blank=True)
    body_tokens = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "检索条目"
        verbose_name_plural = "检索条目"
        indexes = [
            models.Index(fields=["kind", "state"]),
            models.Index(fields=["publication", "year"]),
            models.Index(fields=["unit"]),
            models.Index(fields=["date"]),
        ]

    def __str__(self):
        return self.title
