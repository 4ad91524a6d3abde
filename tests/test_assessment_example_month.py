"""Scoring against the hand-worked example month (tests/assessment_fixtures.py)."""

from decimal import Decimal

import pytest

from bulletins.assessment.periods import Period
from bulletins.assessment.scoring import build_report

from .assessment_fixtures import EXPECTED_MARCH, ExampleMonth, level


def figures(line, example):
    city, district = level("市级"), level("区级")
    p = line.points
    return (
        line.unit.short_name, line.submitted,
        line.adopted.get(example.xinxi.pk, 0), line.adopted.get(example.shixun.pk, 0),
        line.instructions.get(district.pk, 0), line.instructions.get(city.pk, 0),
        line.forwarded, line.adopted_up_total,
        line.comm_answered, line.comm_late, line.comm_declined, line.comm_missed,
        p["adoption"], p["upward"], p["instruction"], p["commission"], p["base"],
        line.total, line.running_total, line.rank, line.zero_adoption,
    )


@pytest.mark.django_db
def test_the_example_month_scores_as_worked_out_by_hand():
    example = ExampleMonth().build()
    report = build_report(Period.parse("2026-03"))
    # Points are Decimals; Decimal(45) == 45, so the hand-written integers compare as they are.
    assert [figures(line, example) for line in report.lines] == EXPECTED_MARCH


@pytest.mark.django_db
def test_the_same_records_and_rules_give_the_same_figures_twice():
    ExampleMonth().build()
    first = [(l.unit.pk, l.total, l.rank) for l in build_report(Period.parse("2026-03")).lines]
    second = [(l.unit.pk, l.total, l.rank) for l in build_report(Period.parse("2026-03")).lines]
    assert first == second


@pytest.mark.django_db
def test_the_first_quarter_adds_february_and_march():
    ExampleMonth().build()
    quarter = {l.unit.short_name: l for l in build_report(Period.parse("2026-Q1")).lines}
    assert quarter["区卫健委"].submitted == 2 and quarter["区卫健委"].total == Decimal(10)
    assert quarter["区教体局"].submitted == 2 and quarter["区教体局"].total == Decimal(5)
    assert quarter["峡窝镇"].total == Decimal(45)


@pytest.mark.django_db
def test_a_rule_change_for_another_year_leaves_this_years_figures_alone():
    example = ExampleMonth().build()
    from .assessment_fixtures import make_rules

    rules_2027 = make_rules(2027)
    rules_2027.adoption_rules.filter(level=level("区级")).update(points=100)
    march = {l.unit.short_name: l.total for l in build_report(Period.parse("2026-03")).lines}
    assert march["峡窝镇"] == Decimal(45)
    example.rules.adoption_rules.filter(level=level("区级")).update(points=6)
    march = {l.unit.short_name: l.total for l in build_report(Period.parse("2026-03")).lines}
    assert march["峡窝镇"] == Decimal(48)


@pytest.mark.django_db
def test_a_kind_specific_rule_scores_that_kind_and_others_keep_the_general_rule():
    from bulletins.assessment.models import AdoptionRule
    from bulletins.models import ItemKind

    example = ExampleMonth().build()
    research = ItemKind.objects.get(name="调研")
    AdoptionRule.objects.create(rule_set=example.rules, level=level("区级"), kind=research, points=8)
    printed = [i for i in example.items if i.unit.short_name == "区市场监管局" and i.issue_id]
    printed[0].kind = research
    printed[0].save()
    march = {l.unit.short_name: l for l in build_report(Period.parse("2026-03")).lines}
    assert march["区市场监管局"].points["adoption"] == Decimal(13)  # 8 for the 调研, 5 for the other


@pytest.mark.django_db
def test_the_monthly_cap_limits_a_units_points_but_not_its_adjustments():
    from bulletins.assessment.models import Adjustment

    example = ExampleMonth().build()
    example.rules.monthly_cap = Decimal(30)
    example.rules.save()
    Adjustment.objects.create(unit=example.units["矿山街道"], month=example.xinxi_issue.issue_date.replace(day=1),
                              points=Decimal(-2), reason="信息失实")
    march = {l.unit.short_name: l for l in build_report(Period.parse("2026-03")).lines}
    assert march["矿山街道"].points["cap"] == Decimal(-17)  # 47 earned, capped at 30
    assert march["矿山街道"].total == Decimal(28)
    assert march["峡窝镇"].total == Decimal(30)
    assert march["工业路街道"].total == Decimal(27)  # under the cap
