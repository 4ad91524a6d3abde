"""The office's assessment records and rules.

Records: 批示 (``Instruction``) with the unit's 落实反馈, 上报 (``Forwarding``) to
higher publications and their outcome, 约稿 (``Commission``) and the units'
answers. Rules: one ``RuleSet`` per year. Results: an issued monthly 通报
(``Report``) stores its figures and PDF and is never recomputed; later
corrections are ``Adjustment`` rows in a later month.

Workflow records (item states, logs, issues) are read, never written.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone

from bulletins.models import Item, ItemKind, Publication, Unit


class Level(models.Model):
    """A level of leader or publication: 区级, 市级, 省级, 国家级 (configurable)."""

    name = models.CharField("级别", max_length=20, unique=True)
    rank = models.PositiveSmallIntegerField("层级", default=0, help_text="数字越大级别越高")

    class Meta:
        verbose_name = "级别"
        verbose_name_plural = "级别"
        ordering = ["rank", "id"]

    def __str__(self):
        return self.name


class HigherPublication(models.Model):
    """A publication above the district that items are forwarded to (上报)."""

    name = models.CharField("刊物名称", max_length=50, unique=True, help_text="如：郑州信息")
    organ = models.CharField("主办单位", max_length=100, blank=True, help_text="如：中共郑州市委办公室")
    level = models.ForeignKey(Level, on_delete=models.PROTECT, verbose_name="级别")
    order = models.PositiveIntegerField("排序", default=0)
    active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "上级刊物"
        verbose_name_plural = "上级刊物"
        ordering = ["order", "id"]

    def __str__(self):
        return f"{self.organ}《{self.name}》" if self.organ else f"《{self.name}》"


class Instruction(models.Model):
    """A leader's 批示 on an adopted or published item, recorded by an editor."""

    class Feedback(models.TextChoices):
        NOT_REQUIRED = "none", "无需反馈"
        PENDING = "pending", "待反馈"
        SUBMITTED = "submitted", "已反馈"

    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="instructions", verbose_name="稿件")
    leader_name = models.CharField("批示领导", max_length=50)
    leader_title = models.CharField("领导职务", max_length=100)
    level = models.ForeignKey(Level, on_delete=models.PROTECT, verbose_name="批示级别")
    date = models.DateField("批示日期")
    text = models.TextField("批示内容")
    feedback_state = models.CharField(
        "落实反馈", max_length=10, choices=Feedback.choices, default=Feedback.NOT_REQUIRED
    )
    feedback_due = models.DateField("反馈期限", null=True, blank=True)
    feedback_text = models.TextField("落实情况", blank=True)
    feedback_at = models.DateTimeField("反馈时间", null=True, blank=True)
    feedback_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="反馈人"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="登记人"
    )
    created_at = models.DateTimeField("登记时间", default=timezone.now)

    class Meta:
        verbose_name = "领导批示"
        verbose_name_plural = "领导批示"
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["date"])]

    def __str__(self):
        return f"{self.leader_title}{self.leader_name}批示：{self.item.title}"

    @property
    def feedback_late(self):
        return (
            self.feedback_state == self.Feedback.PENDING
            and self.feedback_due is not None
            and self.feedback_due < timezone.localdate()
        )


class Forwarding(models.Model):
    """An adopted item forwarded upward (上报), and later whether it was adopted there."""

    class Outcome(models.TextChoices):
        PENDING = "pending", "待采用"
        ADOPTED = "adopted", "已采用"
        NOT_ADOPTED = "not_adopted", "未采用"

    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="forwardings", verbose_name="稿件")
    target = models.ForeignKey(HigherPublication, on_delete=models.PROTECT, related_name="+", verbose_name="报送刊物")
    forwarded_on = models.DateField("上报日期")
    note = models.CharField("备注", max_length=200, blank=True)
    outcome = models.CharField("结果", max_length=12, choices=Outcome.choices, default=Outcome.PENDING)
    adopted_by = models.ForeignKey(
        HigherPublication, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="采用刊物"
    )
    adopted_issue = models.CharField("采用期号", max_length=50, blank=True, help_text="如：2026年第12期")
    adopted_on = models.DateField("采用日期", null=True, blank=True)
    forwarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="上报人"
    )
    created_at = models.DateTimeField("登记时间", default=timezone.now)

    class Meta:
        verbose_name = "上报记录"
        verbose_name_plural = "上报记录"
        ordering = ["-forwarded_on", "-id"]
        indexes = [models.Index(fields=["forwarded_on"]), models.Index(fields=["adopted_on"])]

    def __str__(self):
        return f"{self.item.title} → {self.target}"


class Commission(models.Model):
    """A 约稿 notice: a topic the office asks units to write on, by a deadline."""

    class Targets(models.TextChoices):
        ALL = "all", "全部单位"
        CATEGORY = "category", "某类单位"
        LIST = "list", "指定单位"

    topic = models.CharField("约稿主题", max_length=200)
    requirements = models.TextField("约稿要求", blank=True)
    deadline = models.DateField("截止日期")
    targets = models.CharField("约稿对象", max_length=10, choices=Targets.choices, default=Targets.ALL)
    target_category = models.CharField("单位类别", max_length=20, choices=Unit.Category.choices, blank=True)
    target_units = models.ManyToManyField(Unit, blank=True, related_name="+", verbose_name="指定单位")
    issued_on = models.DateField("发出日期", default=timezone.localdate)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="发出人"
    )
    created_at = models.DateTimeField("创建时间", default=timezone.now)

    class Meta:
        verbose_name = "约稿通知"
        verbose_name_plural = "约稿通知"
        ordering = ["-deadline", "-id"]
        indexes = [models.Index(fields=["deadline"])]

    def __str__(self):
        return self.topic

    def targets_unit(self, unit):
        """Whether ``unit`` is asked (target units must be prefetched for list notices)."""
        if self.targets == self.Targets.ALL:
            return unit.active
        if self.targets == self.Targets.CATEGORY:
            return unit.active and unit.category == self.target_category
        return any(u.pk == unit.pk for u in self.target_units.all())

    def target_queryset(self):
        if self.targets == self.Targets.ALL:
            return Unit.objects.filter(active=True)
        if self.targets == self.Targets.CATEGORY:
            return Unit.objects.filter(active=True, category=self.target_category)
        return self.target_units.all()

    @property
    def is_open(self):
        return self.deadline >= timezone.localdate()

    def targets_label(self):
        if self.targets == self.Targets.CATEGORY:
            return f"全部{Unit.Category(self.target_category).label}" if self.target_category else "某类单位"
        if self.targets == self.Targets.LIST:
            return "、".join(u.short_name for u in self.target_units.all())
        return "全部单位"


class CommissionAnswer(models.Model):
    """A unit's answer to a 约稿: an item it submitted on the topic, or a declined notice."""

    commission = models.ForeignKey(Commission, on_delete=models.CASCADE, related_name="answers", verbose_name="约稿")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+", verbose_name="单位")
    item = models.ForeignKey(
        Item, on_delete=models.SET_NULL, null=True, blank=True, related_name="commission_answers", verbose_name="应约稿件"
    )
    declined = models.BooleanField("无法应约", default=False)
    reason = models.CharField("说明", max_length=200, blank=True)
    answered_on = models.DateField("应约日期", default=timezone.localdate)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="填报人"
    )

    class Meta:
        verbose_name = "约稿应答"
        verbose_name_plural = "约稿应答"
        ordering = ["answered_on", "id"]
        constraints = [models.UniqueConstraint(fields=["commission", "unit"], name="one_answer_per_unit")]

    def __str__(self):
        return f"{self.unit.short_name}：{'无法应约' if self.declined else '已应约'}"

    @property
    def late(self):
        return not self.declined and self.answered_on > self.commission.deadline


def _points(name, default="0", **kwargs):
    return models.DecimalField(name, max_digits=7, decimal_places=1, default=Decimal(default), **kwargs)


class RuleSet(models.Model):
    """The 考核办法 for one year; it scores every month of that year."""

    year = models.PositiveSmallIntegerField("年度", unique=True)
    title = models.CharField("名称", max_length=100, blank=True, help_text="如：2026年度信息工作考核办法")
    district_level = models.ForeignKey(
        Level, on_delete=models.PROTECT, related_name="+", verbose_name="本区刊物级别",
        help_text="本区刊物（上街信息、上街时讯）采用按此级别计分",
    )
    commission_answered = _points("约稿按时应约（分/次）")
    commission_late = _points("约稿逾期应约（分/次）")
    commission_declined = _points("约稿说明无法应约（分/次）", help_text="可为负数")
    commission_missed = _points("约稿未应约（分/次）", help_text="扣分填负数，如 -5")
    monthly_cap = _points("每月得分上限", help_text="0 为不封顶；调整分不受上限限制")
    notes = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = "考核规则"
        verbose_name_plural = "考核规则"
        ordering = ["-year"]

    def __str__(self):
        return self.title or f"{self.year}年度考核规则"


class AdoptionRule(models.Model):
    """Points for one adoption by a publication of a level (and optionally an item kind)."""

    rule_set = models.ForeignKey(RuleSet, on_delete=models.CASCADE, related_name="adoption_rules")
    level = models.ForeignKey(Level, on_delete=models.PROTECT, verbose_name="刊物级别")
    kind = models.ForeignKey(
        ItemKind, on_delete=models.PROTECT, null=True, blank=True, verbose_name="稿件类型", help_text="留空适用于所有类型"
    )
    points = _points("分/条")

    class Meta:
        verbose_name = "采用计分"
        verbose_name_plural = "采用计分"
        constraints = [models.UniqueConstraint(fields=["rule_set", "level", "kind"], name="one_adoption_rule")]


class InstructionRule(models.Model):
    rule_set = models.ForeignKey(RuleSet, on_delete=models.CASCADE, related_name="instruction_rules")
    level = models.ForeignKey(Level, on_delete=models.PROTECT, verbose_name="批示级别")
    points = _points("分/次")

    class Meta:
        verbose_name = "批示计分"
        verbose_name_plural = "批示计分"
        constraints = [models.UniqueConstraint(fields=["rule_set", "level"], name="one_instruction_rule")]


class CategoryRule(models.Model):
    """The monthly minimum of submissions and the base points for meeting it, per unit category."""

    rule_set = models.ForeignKey(RuleSet, on_delete=models.CASCADE, related_name="category_rules")
    category = models.CharField("单位类别", max_length=20, choices=Unit.Category.choices)
    monthly_minimum = models.PositiveSmallIntegerField("每月最少报送（条）", default=0)
    base_points = _points("完成报送基础分")

    class Meta:
        verbose_name = "单位类别基础分"
        verbose_name_plural = "单位类别基础分"
        constraints = [models.UniqueConstraint(fields=["rule_set", "category"], name="one_category_rule")]


class Report(models.Model):
    """An issued monthly 信息工作通报: its figures and PDF, frozen."""

    month = models.DateField("月份", unique=True, help_text="该月第一天")
    number = models.PositiveSmallIntegerField("期号", validators=[MinValueValidator(1)])
    figures = models.JSONField("数据", help_text="印发时的各单位数据，之后不再重算")
    summary = models.TextField("综述")
    pdf = models.FileField("通报PDF", upload_to="assessment/%Y/", blank=True)
    pdf_sha256 = models.CharField("PDF校验值(SHA-256)", max_length=64, blank=True)
    published_to_units = models.BooleanField("向各单位公布排名", default=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="印发人"
    )
    issued_at = models.DateTimeField("印发时间", default=timezone.now)

    class Meta:
        verbose_name = "信息工作通报"
        verbose_name_plural = "信息工作通报"
        ordering = ["-month"]

    def __str__(self):
        return f"{self.month.year}年{self.month.month}月信息工作通报"


class Adjustment(models.Model):
    """Points added to or taken from a unit in a month: a correction of an issued
    通报 (``corrects``) or an office decision."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="单位")
    month = models.DateField("计入月份", help_text="该月第一天")
    points = _points("分值")
    reason = models.CharField("原因", max_length=200)
    corrects = models.ForeignKey(
        Report, on_delete=models.PROTECT, null=True, blank=True, related_name="corrections", verbose_name="更正的通报"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="登记人"
    )
    created_at = models.DateTimeField("登记时间", default=timezone.now)

    class Meta:
        verbose_name = "分值调整"
        verbose_name_plural = "分值调整"
        ordering = ["month", "id"]
        indexes = [models.Index(fields=["month"])]

    def __str__(self):
        return f"{self.unit.short_name} {self.points:+}：{self.reason}"
