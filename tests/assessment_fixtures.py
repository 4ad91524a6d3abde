"""A hand-worked example month for the assessment tests: March 2026, twelve units.

Rules (2026): 区级刊物采用 5 分/条, adoption by a city publication 20, by a
province's 50; 批示 区级 10, 市级 25, 省级 45; 约稿 answered 2, late 1, declined
0, missed -5; monthly minimum 3 (镇, 街道) or 2 (区直部门) submissions for a
base of 10.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from bulletins.assessment.models import (
    AdoptionRule,
    CategoryRule,
    Commission,
    CommissionAnswer,
    Forwarding,
    HigherPublication,
    Instruction,
    InstructionRule,
    Level,
    RuleSet,
)
from bulletins.models import ItemState, Role, Unit, WorkflowLog

from . import factories

TOWN, SUB, DEPT = Unit.Category.TOWN, Unit.Category.SUBDISTRICT, Unit.Category.DEPARTMENT

UNITS = [
    ("峡窝镇", TOWN), ("工业路街道", SUB), ("中心路街道", SUB), ("新安路街道", SUB), ("济源路街道", SUB),
    ("矿山街道", SUB), ("区发改委", DEPT), ("区工信局", DEPT), ("区教体局", DEPT), ("区卫健委", DEPT),
    ("区市场监管局", DEPT), ("区住建局", DEPT),
]


def at(day, month=3, hour=10):
    return timezone.make_aware(datetime.datetime(2026, month, day, hour, 0))


def level(name):
    return Level.objects.get(name=name)


def make_rules(year=2026):
    rules = RuleSet.objects.create(
        year=year, title=f"{year}年度信息工作考核办法", district_level=level("区级"),
        commission_answered=Decimal(2), commission_late=Decimal(1), commission_declined=Decimal(0),
        commission_missed=Decimal(-5),
    )
    for name, points in [("区级", 5), ("市级", 20), ("省级", 50)]:
        AdoptionRule.objects.create(rule_set=rules, level=level(name), points=points)
    for name, points in [("区级", 10), ("市级", 25), ("省级", 45)]:
        InstructionRule.objects.create(rule_set=rules, level=level(name), points=points)
    for category, minimum in [(TOWN, 3), (SUB, 3), (DEPT, 2), (Unit.Category.OTHER, 2)]:
        CategoryRule.objects.create(rule_set=rules, category=category, monthly_minimum=minimum, base_points=10)
    return rules


class ExampleMonth:
    """Builds the example's records; ``self.units[short_name]``."""

    def __init__(self):
        self.units = {}
        for order, (short, category) in enumerate(UNITS):
            unit = factories.make_unit(name=f"上街区{short}", short_name=short, category=category)
            unit.order = order
            unit.save()
            self.units[short] = unit
        self.writer = factories.make_user("example_writer", Role.CONTRIBUTOR, units=self.units.values())
        self.editor = factories.make_user("example_editor", Role.EDITOR, full_name="李德昭")
        self.xinxi = factories.make_bulletin()
        self.shixun = factories.make_newspaper()
        self.xinxi_issue = factories.make_issue(self.xinxi, number=5, year=2026, issue_date=datetime.date(2026, 3, 10), state="published")
        self.shixun_issue = factories.make_issue(self.shixun, number=9, year=2026, issue_date=datetime.date(2026, 3, 20), state="published")
        self.city = HigherPublication.objects.create(name="郑州信息", organ="中共郑州市委办公室", level=level("市级"))
        self.province = HigherPublication.objects.create(name="河南信息", organ="中共河南省委办公厅", level=level("省级"))
        self.rules = make_rules()
        self.items = []

    def submitted(self, short, day, month=3, state=ItemState.SUBMITTED, printed_in=None, resubmitted=None):
        """An item of unit ``short`` first submitted on ``day``; ``printed_in`` an issue."""
        item = factories.make_item(self.units[short], self.writer, title=f"{short}稿件{len(self.items) + 1}",
                                   state=ItemState.PUBLISHED if printed_in else state)
        WorkflowLog.objects.create(item=item, action="submit", from_state="draft", to_state="submitted",
                                   actor=self.writer, created_at=at(day, month))
        if resubmitted:
            WorkflowLog.objects.create(item=item, action="submit", from_state="returned", to_state="submitted",
                                       actor=self.writer, created_at=at(resubmitted, month))
        if printed_in:
            item.issue = printed_in
            item.save()
        self.items.append(item)
        return item

    def build(self):
        x, s = self.xinxi_issue, self.shixun_issue
        # 峡窝镇: four submitted, two printed in 上街信息 (one forwarded and adopted by the city), one in 上街时讯.
        forwarded = self.submitted("峡窝镇", 2, printed_in=x)
        self.submitted("峡窝镇", 3, printed_in=x)
        self.submitted("峡窝镇", 4, printed_in=s)
        self.submitted("峡窝镇", 5)
        Forwarding.objects.create(item=forwarded, target=self.city, forwarded_on=datetime.date(2026, 3, 11),
                                  outcome=Forwarding.Outcome.ADOPTED, adopted_by=self.city,
                                  adopted_issue="2026年第8期", adopted_on=datetime.date(2026, 3, 25))
        # 工业路街道: three submitted, one printed with a 区级 批示.
        instructed = self.submitted("工业路街道", 2, printed_in=x)
        self.submitted("工业路街道", 6)
        self.submitted("工业路街道", 7)
        Instruction.objects.create(item=instructed, leader_name="张明", leader_title="区委书记", level=level("区级"),
                                   date=datetime.date(2026, 3, 15), text="经验很好，请区委办总结推广。")
        # 中心路街道: two submitted, one in 上街时讯.
        self.submitted("中心路街道", 3, printed_in=s)
        self.submitted("中心路街道", 9)
        # 新安路街道: three submitted (one returned and resubmitted: still one), nothing printed.
        self.submitted("新安路街道", 4, resubmitted=8)
        self.submitted("新安路街道", 5)
        self.submitted("新安路街道", 6)
        # 济源路街道: one submitted.
        self.submitted("济源路街道", 12)
        # 矿山街道: three submitted, two in 上街信息, one with a 市级 批示.
        city_instructed = self.submitted("矿山街道", 1, printed_in=x)
        self.submitted("矿山街道", 2, printed_in=x)
        self.submitted("矿山街道", 3)
        Instruction.objects.create(item=city_instructed, leader_name="王强", leader_title="市委副书记", level=level("市级"),
                                   date=datetime.date(2026, 3, 18), text="请市委办转各区县学习借鉴。")
        # 区发改委: two submitted, one printed.  区工信局: the same in 上街时讯.
        self.submitted("区发改委", 2, printed_in=x)
        self.submitted("区发改委", 16)
        self.submitted("区工信局", 2, printed_in=s)
        self.submitted("区工信局", 17)
        # 区教体局: one submitted in March, and a February item printed in March.
        self.submitted("区教体局", 25, month=2, printed_in=x)
        self.submitted("区教体局", 20)
        # 区卫健委: nothing in March, two in February (February's base points).
        self.submitted("区卫健委", 10, month=2)
        self.submitted("区卫健委", 11, month=2)
        # 区市场监管局: three submitted, two printed.
        self.submitted("区市场监管局", 2, printed_in=x)
        self.submitted("区市场监管局", 3, printed_in=x)
        self.submitted("区市场监管局", 4)
        # 区住建局: two submitted, none printed.
        self.submitted("区住建局", 5)
        self.submitted("区住建局", 6)
        # The 约稿 to all 街道, due 20 March: 工业路 and 矿山 on time, 中心路 late, 新安路 declined, 济源路 missed.
        commission = Commission.objects.create(topic="基层治理创新做法", deadline=datetime.date(2026, 3, 20),
                                               targets=Commission.Targets.CATEGORY, target_category=SUB,
                                               issued_on=datetime.date(2026, 3, 1))
        for short, day, declined in [("工业路街道", 18, False), ("矿山街道", 20, False), ("中心路街道", 22, False),
                                     ("新安路街道", 15, True)]:
            CommissionAnswer.objects.create(commission=commission, unit=self.units[short],
                                            answered_on=datetime.date(2026, 3, day), declined=declined)
        self.commission = commission
        return self


# The expected table, worked by hand from the rules above. Columns:
# unit, 报送, 采用 上街信息, 采用 上街时讯, 批示 区级, 批示 市级, 上报, 上报被采用,
# 约稿 按时/逾期/说明/未应约, points 采用/上报采用/批示/约稿/基础, 本期得分, 累计得分, 类别排名, 零采用
EXPECTED_MARCH = [
    ("峡窝镇",       4, 2, 1, 0, 0, 1, 1, 0, 0, 0, 0, 15, 20,  0,  0, 10, 45, 45, 1, False),
    ("工业路街道",   3, 1, 0, 1, 0, 0, 0, 1, 0, 0, 0,  5,  0, 10,  2, 10, 27, 27, 2, False),
    ("中心路街道",   2, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0,  5,  0,  0,  1,  0,  6,  6, 4, False),
    ("新安路街道",   3, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0,  0,  0,  0,  0, 10, 10, 10, 3, True),
    ("济源路街道",   1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,  0,  0,  0, -5,  0, -5, -5, 5, True),
    ("矿山街道",     3, 2, 0, 0, 1, 0, 0, 1, 0, 0, 0, 10,  0, 25,  2, 10, 47, 47, 1, False),
    ("区发改委",     2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0,  5,  0,  0,  0, 10, 15, 15, 2, False),
    ("区工信局",     2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0,  5,  0,  0,  0, 10, 15, 15, 2, False),
    ("区教体局",     1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0,  5,  0,  0,  0,  0,  5,  5, 5, False),
    ("区卫健委",     0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  0,  0,  0,  0,  0,  0, 10, 6, True),
    ("区市场监管局", 3, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10,  0,  0,  0, 10, 20, 20, 1, False),
    ("区住建局",     2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  0,  0,  0,  0, 10, 10, 10, 4, True),
]
