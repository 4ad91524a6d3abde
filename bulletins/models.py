"""The newsroom's domain: units, publications, issues, items, pages, distribution.

State fields are changed only by ``bulletins.workflow``; content changes go
through ``bulletins.actions``. Models hold data, constraints and small
read-only helpers.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .sanitize import clean_html


class Role(models.TextChoices):
    """Django group names for the four roles."""

    CONTRIBUTOR = "通讯员", "通讯员"
    EDITOR = "编辑", "编辑"
    RESPONSIBLE_EDITOR = "责任编辑", "责任编辑"
    ADMINISTRATOR = "管理员", "管理员"


class AppendOnlyError(Exception):
    """An attempt to change or delete a row of an append-only log."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError(f"{self.model._meta.verbose_name}只能追加，不能修改。")

    def delete(self):
        raise AppendOnlyError(f"{self.model._meta.verbose_name}只能追加，不能删除。")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError(f"{self.model._meta.verbose_name}只能追加，不能修改。")


class AppendOnlyModel(models.Model):
    """Rows are inserted, never changed or deleted through the ORM's normal paths
    (on PostgreSQL a trigger refuses it as well, see migration 0005)."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError(f"{self._meta.verbose_name}只能追加，不能修改。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{self._meta.verbose_name}只能追加，不能删除。")


class Unit(models.Model):
    class Category(models.TextChoices):
        TOWN = "town", "镇"
        SUBDISTRICT = "subdistrict", "街道"
        DEPARTMENT = "department", "区直部门"
        OTHER = "other", "其他"

    name = models.CharField("单位名称", max_length=100, unique=True)
    short_name = models.CharField(
        "署名简称", max_length=50, help_text="刊发时印在稿件末尾，如：区发改委"
    )
    category = models.CharField("类别", max_length=20, choices=Category.choices, default=Category.DEPARTMENT)
    order = models.PositiveIntegerField("排序", default=0)
    active = models.BooleanField("启用", default=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name="成员", related_name="units", blank=True
    )

    class Meta:
        verbose_name = "来稿单位"
        verbose_name_plural = "来稿单位"
        ordering = ["order", "id"]

    def __str__(self):
        return self.name


class RecipientGroup(models.Model):
    """A reusable recipient on a distribution line: 区县处级领导, 各街道办事处 …"""

    name = models.CharField("名称", max_length=100, unique=True)
    order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = "发送对象"
        verbose_name_plural = "发送对象"
        ordering = ["order", "id"]

    def __str__(self):
        return self.name


class DistributionKind(models.TextChoices):
    """The distribution lines in the order they are printed."""

    REPORT = "report", "报"
    SEND = "send", "送"
    ISSUE = "issue", "发"
    COPY = "copy", "抄送"


class Publication(models.Model):
    class Kind(models.TextChoices):
        BULLETIN = "bulletin", "简报"
        NEWSPAPER = "newspaper", "报纸"

    class PageSize(models.TextChoices):
        A4 = "A4", "A4（210×297毫米）"
        A3 = "A3", "A3（297×420毫米）"
        TABLOID = "tabloid", "四开小报（265×390毫米）"

    name = models.CharField("刊物名称", max_length=50, unique=True)
    slug = models.SlugField("代号", max_length=30, unique=True)
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    issuing_line = models.CharField("编印单位", max_length=100, help_text="如：中共上街区委办公室")
    english_name = models.CharField("英文名", max_length=100, blank=True)
    registration_number = models.CharField("准印证号", max_length=100, blank=True)
    notice = models.CharField("刊物说明", max_length=100, blank=True, help_text="如：内部资料 免费交流")
    supervision_phone = models.CharField("监督电话", max_length=30, blank=True)
    page_size = models.CharField("版面尺寸", max_length=20, choices=PageSize.choices, default=PageSize.A4)
    columns = models.PositiveSmallIntegerField("栏数", default=1, help_text="报纸正文分栏数")
    total_number_offset = models.PositiveIntegerField(
        "总期号起点", default=0, help_text="总期号从此数之后连续编号；例如填 627，则下一期为总第628期"
    )
    lead_title_face = models.CharField(
        "头条标题字体",
        max_length=10,
        choices=[("hei", "黑体"), ("song", "标宋")],
        default="hei",
    )

    class ThisIssueLine(models.TextChoices):
        SEND = "send", "“送”行（本期送：…）；没有“送”行时印在第一行"
        FIRST = "first", "第一行（有“报”行时：本期报：…）"

    this_issue_line = models.CharField(
        "“本期”印在",
        max_length=10,
        choices=ThisIssueLine.choices,
        default=ThisIssueLine.SEND,
        help_text="简报版记中“本期”二字所在的行",
    )

    class SignoffRule(models.TextChoices):
        ANY = "any", "任一位责任编辑签发即可"
        ALL = "all", "本期全部责任编辑都须签发"

    signoff_rule = models.CharField(
        "签发规则", max_length=10, choices=SignoffRule.choices, default=SignoffRule.ANY,
        help_text="本期所列责任编辑中，几位签发后本期才算签发",
    )
    default_responsible_editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name="默认责任编辑",
        through="PublicationEditor",
        related_name="+",
        blank=True,
    )

    class Meta:
        verbose_name = "刊物"
        verbose_name_plural = "刊物"
        ordering = ["id"]

    def __str__(self):
        return self.name

    @property
    def is_newspaper(self):
        return self.kind == self.Kind.NEWSPAPER

    def ordered_default_editors(self):
        return [link.user for link in self.editor_links.select_related("user").order_by("order", "id")]


class PublicationEditor(models.Model):
    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="editor_links")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, verbose_name="责任编辑")
    order = models.PositiveSmallIntegerField("顺序", default=0)

    class Meta:
        verbose_name = "默认责任编辑"
        verbose_name_plural = "默认责任编辑"
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["publication", "user"], name="unique_publication_editor")]


class DistributionEntry(models.Model):
    """One recipient group on one distribution line, in print order."""

    kind = models.CharField("类别", max_length=10, choices=DistributionKind.choices)
    group = models.ForeignKey(RecipientGroup, on_delete=models.PROTECT, verbose_name="发送对象")
    order = models.PositiveSmallIntegerField("顺序", default=0)

    class Meta:
        abstract = True
        ordering = ["kind", "order", "id"]


class PublicationDistribution(DistributionEntry):
    """The distribution lines a new issue of this publication starts with."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="default_distribution")

    class Meta(DistributionEntry.Meta):
        verbose_name = "默认发送范围"
        verbose_name_plural = "默认发送范围"


class IssueState(models.TextChoices):
    DRAFTING = "drafting", "编排中"
    IN_REVIEW = "in_review", "待签发"
    APPROVED = "approved", "已签发"
    PUBLISHED = "published", "已印发"


class Issue(models.Model):
    publication = models.ForeignKey(Publication, on_delete=models.PROTECT, related_name="issues", verbose_name="刊物")
    year = models.PositiveSmallIntegerField("年度")
    number = models.PositiveIntegerField("期号", help_text="每年从第1期重新编号")
    total_number = models.PositiveIntegerField("总期号")
    issue_date = models.DateField("出刊日期")
    series_title = models.CharField("总标题", max_length=200, blank=True)
    editor_note = models.TextField("编者按", blank=True)
    state = models.CharField("状态", max_length=20, choices=IssueState.choices, default=IssueState.DRAFTING)
    print_run = models.PositiveIntegerField("印数", null=True, blank=True)
    submission_deadline = models.DateTimeField(
        "截稿时间", null=True, blank=True, help_text="来稿单位报送本期稿件的截止时间；截稿前提醒各单位"
    )
    responsible_editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name="责任编辑",
        through="IssueEditor",
        related_name="+",
        blank=True,
    )
    version = models.PositiveIntegerField("版本", default=1, help_text="每次保存加一，用于发现同时编辑")
    pdf = models.FileField("定稿PDF", upload_to="issues/%Y/", blank=True)
    pdf_sha256 = models.CharField("PDF校验值(SHA-256)", max_length=64, blank=True)
    published_at = models.DateTimeField("印发时间", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="创建人"
    )
    created_at = models.DateTimeField("创建时间", default=timezone.now)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = "期"
        verbose_name_plural = "期"
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["publication", "year", "number"], name="unique_issue_number_per_year"),
            models.UniqueConstraint(fields=["publication", "total_number"], name="unique_issue_total_number"),
        ]

    def __str__(self):
        return f"{self.publication.name} {self.year}年第{self.number}期"

    @property
    def is_frozen(self):
        return self.state == IssueState.PUBLISHED

    def delete(self, *args, **kwargs):
        if self.state == IssueState.PUBLISHED:
            raise AppendOnlyError("已印发的期刊不能删除。")
        return super().delete(*args, **kwargs)

    def ordered_editors(self):
        return [link.user for link in self.editor_links.select_related("user").order_by("order", "id")]

    def ordered_items(self):
        return self.items.order_by("page__number", "position", "id")

    def distribution_lines(self):
        """[(label, [group names])] in print order, only lines that have recipients."""
        entries = self.distribution.select_related("group").order_by("order", "id")
        lines = []
        for kind in DistributionKind:
            names = [e.group.name for e in entries if e.kind == kind.value]
            if names:
                lines.append((kind.label, names))
        return lines


EARLIEST_ISSUE_YEAR, LATEST_ISSUE_YEAR = 2000, 2100
#: An issue dated further ahead than this is most likely a typo (2062 for 2026).
CONFIRM_ISSUE_DATE_AHEAD_DAYS = 365


def issue_date_problem(value, confirmed=False, today=None):
    """Why ``value`` cannot be an issue date (Chinese), or None.

    Outside 2000–2100 it is refused; more than a year ahead of today it needs
    ``confirmed`` (the forms show a box to tick).
    """
    if not EARLIEST_ISSUE_YEAR <= value.year <= LATEST_ISSUE_YEAR:
        return (
            f"出刊日期“{value.year}年{value.month}月{value.day}日”不在{EARLIEST_ISSUE_YEAR}年至"
            f"{LATEST_ISSUE_YEAR}年之间，请核对。"
        )
    today = today or timezone.localdate()
    if not confirmed and (value - today).days > CONFIRM_ISSUE_DATE_AHEAD_DAYS:
        return (
            f"出刊日期“{value.year}年{value.month}月{value.day}日”距今超过一年，请核对；"
            "如确实无误，请勾选“确认出刊日期无误”后再保存。"
        )
    return None


class IssueEditor(models.Model):
    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="editor_links")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name="责任编辑")
    order = models.PositiveSmallIntegerField("顺序", default=0)

    class Meta:
        verbose_name = "责任编辑"
        verbose_name_plural = "责任编辑"
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["issue", "user"], name="unique_issue_editor")]


class IssueDistribution(DistributionEntry):
    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="distribution")

    class Meta(DistributionEntry.Meta):
        verbose_name = "发送范围"
        verbose_name_plural = "发送范围"


class Page(models.Model):
    """A newspaper page (版): 一版 要闻, 二版 综合 …"""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="pages", verbose_name="期")
    number = models.PositiveSmallIntegerField("版次")
    name = models.CharField("版名", max_length=30, blank=True, help_text="如：要闻、综合、副刊")
    slogan = models.CharField("版底标语", max_length=100, blank=True)

    class Meta:
        verbose_name = "版面"
        verbose_name_plural = "版面"
        ordering = ["issue", "number"]
        constraints = [models.UniqueConstraint(fields=["issue", "number"], name="unique_page_number")]

    def __str__(self):
        return f"{self.label}{(' ' + self.name) if self.name else ''}"

    @property
    def label(self):
        return f"{chinese_numeral(self.number)}版"


class ItemKind(models.Model):
    """The kind of an item (动态, 经验做法, 问题建议, 调研, 简讯 …), configured by the
    administrator; the assessment rules may score kinds differently."""

    name = models.CharField("类型名称", max_length=20, unique=True)
    order = models.PositiveIntegerField("排序", default=0)
    active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "稿件类型"
        verbose_name_plural = "稿件类型"
        ordering = ["order", "id"]

    def __str__(self):
        return self.name


class ItemState(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已报送"
    ACCEPTED = "accepted", "已采用"
    RETURNED = "returned", "已退回"
    DECLINED = "declined", "未采用"
    PUBLISHED = "published", "已刊发"


class Item(models.Model):
    class BylinePosition(models.TextChoices):
        NONE = "", "不署名"
        TOP = "top", "文首（□本报记者 …）"
        END = "end", "文末（（记者 …））"

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="items", verbose_name="来稿单位")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="items", verbose_name="撰稿人"
    )
    title = models.CharField("标题", max_length=200)
    body = models.TextField("正文", blank=True, help_text="保存时按白名单清理HTML")
    class AttributionMode(models.TextChoices):
        DEFAULT = "", "默认（头条不署名，其他稿件署单位简称）"
        NONE = "none", "不署名"

    attribution = models.CharField(
        "署名", max_length=50, blank=True, help_text="印在稿件末尾；留空时头条不署名，其他稿件署单位简称"
    )
    attribution_mode = models.CharField(
        "署名方式", max_length=10, choices=AttributionMode.choices, default=AttributionMode.DEFAULT, blank=True
    )
    # Newspaper article furniture
    kicker = models.CharField("引题", max_length=200, blank=True)
    subhead = models.CharField("副题", max_length=200, blank=True)
    dateline = models.CharField("电头", max_length=100, blank=True, help_text="如：本报讯(记者 刘斐 通讯员 王卫锋)")
    byline = models.CharField("署名（报纸）", max_length=100, blank=True, help_text="如：本报记者 周俊英")
    byline_position = models.CharField(
        "署名位置", max_length=10, choices=BylinePosition.choices, default=BylinePosition.NONE, blank=True
    )
    column_label = models.CharField("栏目", max_length=30, blank=True, help_text="如：部门动态")
    short_headline = models.CharField("转版短标题", max_length=50, blank=True, help_text="转版时在“上接”处使用，默认取主题")
    column_span = models.PositiveSmallIntegerField(
        "占栏数", default=0, help_text="报纸：稿件占几栏宽；0 为自动（本版头条通栏，短稿一至两栏）"
    )
    original_file = models.FileField("原稿附件", upload_to="originals/%Y/%m/", blank=True)
    kind = models.ForeignKey(
        ItemKind, on_delete=models.PROTECT, null=True, blank=True, related_name="items", verbose_name="稿件类型"
    )
    state = models.CharField("状态", max_length=20, choices=ItemState.choices, default=ItemState.DRAFT)
    # Placement in an issue
    issue = models.ForeignKey(
        Issue, on_delete=models.SET_NULL, null=True, blank=True, related_name="items", verbose_name="编入期"
    )
    page = models.ForeignKey(Page, on_delete=models.SET_NULL, null=True, blank=True, related_name="items", verbose_name="版面")
    position = models.PositiveIntegerField("顺序", default=0)
    is_lead = models.BooleanField("头条", default=False, help_text="简报：标题单独成行；报纸：本版头条")
    jump_to_page = models.ForeignKey(
        Page,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="转至版面",
        help_text="本版排不下时续排到该版，默认为下一个有空位的版",
    )
    version = models.PositiveIntegerField("版本", default=1)
    submitted_at = models.DateTimeField("报送时间", null=True, blank=True)
    created_at = models.DateTimeField("创建时间", default=timezone.now)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = "稿件"
        verbose_name_plural = "稿件"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "unit"]), models.Index(fields=["issue", "position"])]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # Every save is sanitised, whatever path the HTML came by.
        self.body = clean_html(self.body)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.state == ItemState.PUBLISHED:
            raise AppendOnlyError("已刊发的稿件不能删除。")
        return super().delete(*args, **kwargs)

    @property
    def attribution_text(self):
        """The unit name printed at the item's end, or "" for none.

        "不署名" prints none; otherwise the attribution typed, or — left blank —
        the unit's short name for a run-in item and nothing for a lead item.
        """
        if self.attribution_mode == self.AttributionMode.NONE:
            return ""
        if self.attribution:
            return self.attribution
        if self.is_lead or not self.unit_id:
            return ""
        return self.unit.short_name

    @property
    def printed_attribution(self):
        text = self.attribution_text
        return f"（{text}）" if text else ""

    def last_log(self, *actions):
        logs = self.logs.order_by("-created_at", "-id")
        if actions:
            logs = logs.filter(action__in=actions)
        return logs.first()


class ItemImage(models.Model):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="images", verbose_name="稿件")
    image = models.ImageField("图片", upload_to="photos/%Y/%m/")
    caption = models.CharField("图片说明", max_length=300, blank=True)
    credit = models.CharField("摄影", max_length=50, blank=True, help_text="印作（某某 摄）")
    order = models.PositiveSmallIntegerField("顺序", default=0)
    sha256 = models.CharField(
        "图片校验值(SHA-256)", max_length=64, blank=True, editable=False,
        help_text="上传时计算一次；期刊的内容指纹直接使用，不再每次读取图片文件",
    )

    class Meta:
        verbose_name = "图片"
        verbose_name_plural = "图片"
        ordering = ["order", "id"]

    def __str__(self):
        return self.caption or self.image.name

    def save(self, *args, **kwargs):
        # A new file (an upload not yet stored) gets its hash computed once, here.
        if self.image and not getattr(self.image, "_committed", True):
            self.sha256 = ""
        super().save(*args, **kwargs)
        if self.image and not self.sha256:
            from .printed_content import photo_sha256

            photo_sha256(self)


class ItemRevision(AppendOnlyModel):
    """The item's content at each submit and each editor's save."""

    class Reason(models.TextChoices):
        SUBMIT = "submit", "报送"
        EDIT = "edit", "编辑修改"
        IMPORT = "import", "导入"
        PREVIOUS = "previous", "被替换前的文本"

    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="revisions", verbose_name="稿件")
    title = models.CharField("标题", max_length=200)
    body = models.TextField("正文")
    attribution = models.CharField("署名", max_length=50, blank=True)
    reason = models.CharField("原因", max_length=10, choices=Reason.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="修改人"
    )
    created_at = models.DateTimeField("时间", default=timezone.now)

    class Meta:
        verbose_name = "稿件修订"
        verbose_name_plural = "稿件修订"
        ordering = ["created_at", "id"]


class WorkflowLog(AppendOnlyModel):
    """One row per transition of an item or an issue."""

    item = models.ForeignKey(Item, on_delete=models.PROTECT, null=True, blank=True, related_name="logs", verbose_name="稿件")
    issue = models.ForeignKey(Issue, on_delete=models.PROTECT, null=True, blank=True, related_name="logs", verbose_name="期")
    action = models.CharField("操作", max_length=30)
    from_state = models.CharField("原状态", max_length=20)
    to_state = models.CharField("新状态", max_length=20)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="操作人"
    )
    comment = models.TextField("说明", blank=True)
    created_at = models.DateTimeField("时间", default=timezone.now)

    class Meta:
        verbose_name = "流转记录"
        verbose_name_plural = "流转记录"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(item__isnull=False, issue__isnull=True) | Q(item__isnull=True, issue__isnull=False),
                name="log_has_exactly_one_subject",
            )
        ]

    def __str__(self):
        return f"{self.get_action_display()}：{self.from_state} → {self.to_state}"

    def get_action_display(self):
        from .workflow import ACTION_LABELS

        return ACTION_LABELS.get(self.action, self.action)


class IssueRevision(AppendOnlyModel):
    """What an issue printed at one step of its workflow (送签, 签发, 退回, 印发 …):
    the description from ``bulletins.printed_content.describe_issue`` and its fingerprint."""

    issue = models.ForeignKey(Issue, on_delete=models.PROTECT, related_name="revisions", verbose_name="期")
    version = models.PositiveIntegerField("版本")
    reason = models.CharField("原因", max_length=30, help_text="产生该修订的流转操作")
    description = models.JSONField("印刷内容")
    fingerprint = models.CharField("内容指纹", max_length=64, db_index=True)
    pdf_sha256 = models.CharField("定稿PDF校验值(SHA-256)", max_length=64, blank=True, help_text="印发时存档的PDF")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="操作人"
    )
    log = models.ForeignKey(
        "WorkflowLog", on_delete=models.PROTECT, null=True, blank=True, related_name="revisions", verbose_name="流转记录"
    )
    created_at = models.DateTimeField("时间", default=timezone.now)

    class Meta:
        verbose_name = "期修订"
        verbose_name_plural = "期修订"
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.issue} 第{self.version}版 {self.get_reason_display()}"

    def get_reason_display(self):
        from .workflow import ACTION_LABELS

        return ACTION_LABELS.get(self.reason, self.reason)

    @property
    def short_fingerprint(self):
        return self.fingerprint[:8]


class SignOff(AppendOnlyModel):
    """One responsible editor's 签发 of one review round: the content they saw
    (fingerprint, version) and the hash of the PDF beside it."""

    issue = models.ForeignKey(Issue, on_delete=models.PROTECT, related_name="signoffs", verbose_name="期")
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="责任编辑")
    review = models.ForeignKey(
        IssueRevision, on_delete=models.PROTECT, related_name="signoffs", verbose_name="送签修订",
        help_text="本轮送签时存下的内容",
    )
    version = models.PositiveIntegerField("版本")
    fingerprint = models.CharField("内容指纹", max_length=64)
    pdf_sha256 = models.CharField("所见样稿PDF校验值", max_length=64, blank=True)
    created_at = models.DateTimeField("时间", default=timezone.now)

    class Meta:
        verbose_name = "签发记录"
        verbose_name_plural = "签发记录"
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["review", "editor"], name="one_signoff_per_editor_per_round")]

    def __str__(self):
        return f"{self.issue} · {person_name(self.editor)} 签发"


class AuditEntry(AppendOnlyModel):
    """Who did what outside the editorial workflow: role and superuser changes,
    data repairs. Append-only, like the workflow log."""

    class Action(models.TextChoices):
        ROLE_GRANTED = "role_granted", "授予角色"
        ROLE_REVOKED = "role_revoked", "撤销角色"
        SUPERUSER_GRANTED = "superuser_granted", "设为超级用户"
        SUPERUSER_REVOKED = "superuser_revoked", "取消超级用户"
        REPAIR = "repair", "数据修复"

    action = models.CharField("操作", max_length=30, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="操作人", help_text="空：命令行或系统",
    )
    target_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="对象用户"
    )
    subject = models.CharField("对象", max_length=200, blank=True, help_text="角色名，或被修复的数据")
    detail = models.TextField("说明", blank=True)
    created_at = models.DateTimeField("时间", default=timezone.now)

    class Meta:
        verbose_name = "审计记录"
        verbose_name_plural = "审计记录"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.get_action_display()} {self.subject}"


class RenderJob(models.Model):
    """A PDF rendering of an issue, done by a Celery task and polled by the page."""

    class State(models.TextChoices):
        QUEUED = "queued", "排队中"
        RUNNING = "running", "排版中"
        DONE = "done", "已完成"
        FAILED = "failed", "失败"

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="render_jobs", verbose_name="期")
    content_hash = models.CharField("内容指纹", max_length=64, db_index=True)
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField("进度", default=0)
    error = models.TextField("错误", blank=True)
    notes = models.TextField("排版提示", blank=True, help_text="排版时的提示，每行一条，如稿件移版、自动加版")
    pdf = models.FileField("PDF", upload_to="renders/%Y/%m/", blank=True)
    attempts = models.PositiveSmallIntegerField("尝试次数", default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="请求人"
    )
    created_at = models.DateTimeField("创建时间", default=timezone.now)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "排版任务"
        verbose_name_plural = "排版任务"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.issue} · {self.get_state_display()}"


class SubmittedForm(models.Model):
    """A form's one-time token, recorded in the transaction of the action it asked
    for: a double-click or a retry of the same form is sent to the first result
    instead of doing the action twice (see ``bulletins.idempotency``)."""

    token = models.UUIDField("表单标识", unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name="用户")
    result_url = models.CharField("结果页面", max_length=300, blank=True)
    created_at = models.DateTimeField("提交时间", default=timezone.now)

    class Meta:
        verbose_name = "已提交的表单"
        verbose_name_plural = "已提交的表单"


def person_name(user):
    """A user's name in Chinese order, family name first (王晓, not Django's “晓 王”);
    the username when no name is set."""
    return f"{user.last_name}{user.first_name}".strip() or user.get_username()


_DIGITS = "〇一二三四五六七八九"


def chinese_numeral(n):
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十 (enough for page and series numbers)."""
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n - 10] if n > 10 else "")
    if n < 100:
        tens, ones = divmod(n, 10)
        return _DIGITS[tens] + "十" + (_DIGITS[ones] if ones else "")
    return str(n)
