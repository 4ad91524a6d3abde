"""Demo records for the assessment pages: a rule set like the published
考核办法 examples, higher publications, 批示, 上报 and 约稿 on the demo items."""

import datetime
from decimal import Decimal

from django.utils import timezone

from bulletins.models import Item, ItemState, Unit

from . import records
from .models import (
    AdoptionRule,
    CategoryRule,
    Commission,
    CommissionAnswer,
    Forwarding,
    HigherPublication,
    InstructionRule,
    Level,
    RuleSet,
)


def default_rule_set(year):
    """区级刊物采用 5 分/条；市级 20、省级 50；批示 区级 10、市级 25、省级 45、国家级 60；
    每月报送达标基础分 10；约稿按时 2、逾期 1、未应约 -5。"""
    levels = {level.name: level for level in Level.objects.all()}
    rule_set, created = RuleSet.objects.get_or_create(year=year, defaults=dict(
        title=f"{year}年度信息工作考核办法", district_level=levels["区级"],
        commission_answered=Decimal(2), commission_late=Decimal(1), commission_declined=Decimal(0),
        commission_missed=Decimal(-5), monthly_cap=Decimal(0),
        notes="区级刊物采用每条5分；被市委《郑州信息》采用每条20分，被省委《河南信息》采用每条50分；"
              "领导批示区级10分、市级25分、省级45分、国家级60分；每月报送达到最低条数得基础分10分；未按要求报送约稿每次扣5分。",
    ))
    if not created:
        return rule_set
    for name, points in [("区级", 5), ("市级", 20), ("省级", 50), ("国家级", 80)]:
        AdoptionRule.objects.create(rule_set=rule_set, level=levels[name], points=points)
    for name, points in [("区级", 10), ("市级", 25), ("省级", 45), ("国家级", 60)]:
        InstructionRule.objects.create(rule_set=rule_set, level=levels[name], points=points)
    for category, minimum in [
        (Unit.Category.TOWN, 3), (Unit.Category.SUBDISTRICT, 3), (Unit.Category.DEPARTMENT, 2), (Unit.Category.OTHER, 2),
    ]:
        CategoryRule.objects.create(rule_set=rule_set, category=category, monthly_minimum=minimum, base_points=10)
    return rule_set


def seed_assessment_demo(editor):
    """Idempotent: does nothing when a rule set exists already."""
    if RuleSet.objects.exists():
        return False
    today = timezone.localdate()
    for year in sorted({2026, today.year}):
        default_rule_set(year)
    levels = {level.name: level for level in Level.objects.all()}
    city, _ = HigherPublication.objects.get_or_create(
        name="郑州信息", defaults={"organ": "中共郑州市委办公室", "level": levels["市级"], "order": 1})
    HigherPublication.objects.get_or_create(
        name="河南信息", defaults={"organ": "中共河南省委办公厅", "level": levels["省级"], "order": 2})
    printed = list(Item.objects.filter(state=ItemState.PUBLISHED).select_related("issue").order_by("issue__issue_date", "position", "id"))
    if printed:
        first = printed[0]
        date = first.issue.issue_date
        records.record_instruction(
            first, editor, leader_name="张明", leader_title="区委书记", level=levels["区级"],
            date=date + datetime.timedelta(days=3), text="这个做法很好，请区发改委持续跟踪，形成可复制的经验。",
        )
        forwarding = records.forward_item(first, editor, city, date + datetime.timedelta(days=4), note="经验做法")
        records.record_outcome(forwarding, editor, Forwarding.Outcome.ADOPTED, adopted_by=city,
                               adopted_issue=f"{date.year}年第45期", adopted_on=date + datetime.timedelta(days=14))
    if len(printed) > 1:
        second = printed[1]
        date = second.issue.issue_date
        records.record_instruction(
            second, editor, leader_name="王强", leader_title="市委副书记", level=levels["市级"],
            date=date + datetime.timedelta(days=6), text="请各区县借鉴工业路街道网格化做法，切实做好冬季安全工作。",
            feedback_due=today + datetime.timedelta(days=10),
        )
    if len(printed) > 2:
        records.forward_item(printed[2], editor, city, printed[2].issue.issue_date + datetime.timedelta(days=2))
    # A closed 约稿 (answered by one 街道, missed by the others) and an open one for every unit.
    closed = records.create_commission(
        editor, topic="基层治理创新做法", targets=Commission.Targets.CATEGORY,
        target_category=Unit.Category.SUBDISTRICT, deadline=datetime.date(2026, 11, 25),
        issued_on=datetime.date(2026, 11, 10),
        requirements="聚焦网格化管理、矛盾纠纷化解、为民服务等方面的新做法。\n每篇1500字以内，突出做法和成效。",
    )
    answering = Item.objects.filter(unit__short_name="工业路街道").exclude(state=ItemState.DRAFT).first()
    unit = Unit.objects.filter(short_name="工业路街道").first()
    if unit:
        CommissionAnswer.objects.create(commission=closed, unit=unit, item=answering,
                                        answered_on=datetime.date(2026, 11, 20), answered_by=editor)
    records.create_commission(
        editor, topic="岁末年初安全生产工作", targets=Commission.Targets.ALL,
        deadline=today + datetime.timedelta(days=14), issued_on=today,
        requirements="反映各单位开展安全隐患排查整治的举措和成效。\n请附具体数据。",
    )
    return True
