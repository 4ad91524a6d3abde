"""Scores from the recorded events, month by month, deterministically.

Every month is scored on its own with the rule set of its year: 报送 (an
item's first submission), 采用 (an item printed in a published issue dated
in the month), 上报 and adoption upward, 批示, 约稿 (by deadline), the base
points for the category's monthly minimum, the monthly cap, adjustments.
A quarter or a year is the sum of its months. A month whose 通报 was issued
uses the figures stored in it; differences found later between those and the
recorded events are carried as corrections into the first month after it that
is not issued yet (and stored as adjustments when that month is issued).

The number of queries does not depend on the number of items.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Min, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from bulletins.models import IssueState, Item, Publication, Unit, WorkflowLog

from .models import Adjustment, Commission, Forwarding, Instruction, Level, Report, RuleSet
from .periods import Period, month_range, next_month

ZERO = Decimal("0.0")
POINT_SOURCES = [
    ("adoption", "采用分"),
    ("upward", "上报采用分"),
    ("instruction", "批示分"),
    ("commission", "约稿分"),
    ("base", "基础分"),
    ("cap", "封顶核减"),
    ("adjustment", "调整分"),
]
COUNT_FIELDS = ("submitted", "forwarded", "comm_answered", "comm_late", "comm_declined", "comm_missed")
DICT_FIELDS = ("adopted", "adopted_up", "instructions")


def dec(value):
    return Decimal(str(value)).quantize(Decimal("0.1"))


def empty_row():
    return {
        **{name: 0 for name in COUNT_FIELDS},
        **{name: {} for name in DICT_FIELDS},
        "points": {key: "0.0" for key, _ in POINT_SOURCES},
        "total": "0.0",
        "notes": [],
    }


def _month_of(value):
    """First day of the local month of a date or an aware datetime."""
    if hasattr(value, "hour"):
        value = timezone.localtime(value).date()
    return value.replace(day=1)


# ------------------------------------------------------------------ rules


class Rules:
    """A year's rule set as plain lookups (no rule set: every point is zero)."""

    def __init__(self, rule_set):
        self.rule_set = rule_set
        self.adoption = {}
        self.instruction = {}
        self.category = {}
        if rule_set is None:
            return
        for rule in rule_set.adoption_rules.all():
            self.adoption[(rule.level_id, rule.kind_id)] = rule.points
        for rule in rule_set.instruction_rules.all():
            self.instruction[rule.level_id] = rule.points
        for rule in rule_set.category_rules.all():
            self.category[rule.category] = (rule.monthly_minimum, rule.base_points)

    @property
    def district_level_id(self):
        return self.rule_set.district_level_id if self.rule_set else None

    def adoption_points(self, level_id, kind_id):
        if (level_id, kind_id) in self.adoption:
            return self.adoption[(level_id, kind_id)]
        return self.adoption.get((level_id, None), ZERO)

    def field(self, name):
        return getattr(self.rule_set, name) if self.rule_set else ZERO


def load_rules(years):
    years = set(years)
    sets = RuleSet.objects.filter(year__in=set(years)).prefetch_related(
        "adoption_rules", "instruction_rules", "category_rules"
    )
    found = {rs.year: rs for rs in sets}
    return {year: Rules(found.get(year)) for year in years}


# ------------------------------------------------------------------ live scoring


def score_months(first, last, units, today=None):
    """{month: {unit_id: row}} computed from the records, for the months first..last."""
    today = today or timezone.localdate()
    months = month_range(first, last)
    start, end = months[0], next_month(months[-1])
    rules = load_rules(m.year for m in months)
    rows = defaultdict(lambda: defaultdict(empty_row))
    # raw event counts: (month, unit) -> list of (what, key, kind, n)
    adoptions = defaultdict(list)
    upward = defaultdict(list)

    start_dt = timezone.make_aware(_midnight(start))
    end_dt = timezone.make_aware(_midnight(end))
    firsts = (
        WorkflowLog.objects.filter(action="submit", item__isnull=False, created_at__lt=end_dt)
        .values("item_id", "item__unit_id")
        .annotate(first=Min("created_at"))
        .filter(first__gte=start_dt)
        .values_list("item__unit_id", "first")
    )
    for unit_id, first_at in firsts:
        rows[_month_of(first_at)][unit_id]["submitted"] += 1

    printed = (
        Item.objects.filter(issue__state=IssueState.PUBLISHED, issue__issue_date__gte=start, issue__issue_date__lt=end)
        .values_list("unit_id", "issue__publication_id", "kind_id", "issue__issue_date")
        .annotate(n=Count("id"))
        .order_by()
    )
    for unit_id, publication_id, kind_id, date, n in printed:
        row = rows[_month_of(date)][unit_id]
        key = str(publication_id)
        row["adopted"][key] = row["adopted"].get(key, 0) + n
        adoptions[(_month_of(date), unit_id)].append((kind_id, n))

    instructions = (
        Instruction.objects.filter(date__gte=start, date__lt=end)
        .values_list("item__unit_id", "level_id", "date")
        .annotate(n=Count("id"))
        .order_by()
    )
    for unit_id, level_id, date, n in instructions:
        row = rows[_month_of(date)][unit_id]
        key = str(level_id)
        row["instructions"][key] = row["instructions"].get(key, 0) + n

    forwarded = (
        Forwarding.objects.filter(forwarded_on__gte=start, forwarded_on__lt=end)
        .values_list("item__unit_id", "forwarded_on")
        .annotate(n=Count("id"))
        .order_by()
    )
    for unit_id, date, n in forwarded:
        rows[_month_of(date)][unit_id]["forwarded"] += n

    adopted_up = (
        Forwarding.objects.filter(outcome=Forwarding.Outcome.ADOPTED, adopted_on__gte=start, adopted_on__lt=end)
        .annotate(level=Coalesce("adopted_by__level_id", "target__level_id"))
        .values_list("item__unit_id", "level", "item__kind_id", "adopted_on")
        .annotate(n=Count("id"))
        .order_by()
    )
    for unit_id, level_id, kind_id, date, n in adopted_up:
        row = rows[_month_of(date)][unit_id]
        key = str(level_id)
        row["adopted_up"][key] = row["adopted_up"].get(key, 0) + n
        upward[(_month_of(date), unit_id)].append((level_id, kind_id, n))

    commissions = Commission.objects.filter(deadline__gte=start, deadline__lt=end).prefetch_related(
        "target_units", "answers"
    )
    for commission in commissions:
        answers = {a.unit_id: a for a in commission.answers.all()}
        month = _month_of(commission.deadline)
        for unit in units:
            if not commission.targets_unit(unit):
                continue
            answer = answers.get(unit.pk)
            row = rows[month][unit.pk]
            if answer is None:
                if commission.deadline < today:
                    row["comm_missed"] += 1
            elif answer.declined:
                row["comm_declined"] += 1
            elif answer.answered_on > commission.deadline:
                row["comm_late"] += 1
            else:
                row["comm_answered"] += 1

    adjustments = (
        Adjustment.objects.filter(month__gte=start, month__lt=end)
        .values_list("unit_id", "month")
        .annotate(total=Sum("points"))
        .order_by()
    )
    for unit_id, month, total in adjustments:
        row = rows[_month_of(month)][unit_id]
        row["points"]["adjustment"] = str(dec(Decimal(row["points"]["adjustment"]) + total))

    result = {}
    for month in months:
        month_rules = rules[month.year]
        result[month] = {}
        for unit in units:
            row = rows[month][unit.pk] if unit.pk in rows[month] else empty_row()
            _score(row, unit, month_rules, adoptions[(month, unit.pk)], upward[(month, unit.pk)])
            result[month][unit.pk] = row
    return result


def _midnight(date):
    return datetime.datetime(date.year, date.month, date.day)


def _score(row, unit, rules, adoptions, upward):
    points = {key: ZERO for key, _ in POINT_SOURCES}
    level = rules.district_level_id
    for kind_id, n in adoptions:
        points["adoption"] += rules.adoption_points(level, kind_id) * n
    for level_id, kind_id, n in upward:
        points["upward"] += rules.adoption_points(level_id, kind_id) * n
    for level_id, n in row["instructions"].items():
        points["instruction"] += rules.instruction.get(int(level_id), ZERO) * n
    points["commission"] = (
        rules.field("commission_answered") * row["comm_answered"]
        + rules.field("commission_late") * row["comm_late"]
        + rules.field("commission_declined") * row["comm_declined"]
        + rules.field("commission_missed") * row["comm_missed"]
    )
    minimum, base = rules.category.get(unit.category, (None, ZERO))
    if minimum is not None and row["submitted"] >= minimum:
        points["base"] = base
    earned = sum(points[k] for k in ("adoption", "upward", "instruction", "commission", "base"))
    cap = rules.field("monthly_cap")
    if cap and earned > cap:
        points["cap"] = cap - earned
    points["adjustment"] = Decimal(row["points"]["adjustment"])
    row["points"] = {k: str(dec(v)) for k, v in points.items()}
    row["total"] = str(dec(sum(points.values())))


# ------------------------------------------------------------------ months, issued or live


def _rows_with_units(figures):
    return {int(unit_id): row for unit_id, row in figures.items()}


def monthly_rows(first, last, units, today=None):
    """{month: {unit_id: row}} for first..last: an issued month's stored figures,
    any other month live, with the corrections it carries."""
    issued_months = sorted(Report.objects.values_list("month", flat=True))
    issued = set(issued_months)
    # The issued months whose corrections land in this range: the run of issued
    # months just before each month of the range that is not issued.
    carried = defaultdict(list)  # unissued month -> issued months it corrects
    for month in month_range(first, last):
        if month in issued:
            continue
        previous = _previous_month(month)
        while previous in issued:
            carried[month].append(previous)
            previous = _previous_month(previous)
    corrected = sorted({m for months in carried.values() for m in months})
    live_first = min([first, *corrected])
    live = score_months(live_first, last, units, today=today)
    needed = issued & (set(month_range(first, last)) | set(corrected))
    reports = {r.month: r for r in Report.objects.filter(month__in=needed)}
    already = defaultdict(Decimal)
    if corrected:
        for report_month, unit_id, total in (
            Adjustment.objects.filter(corrects__month__in=corrected)
            .values_list("corrects__month", "unit_id")
            .annotate(total=Sum("points"))
            .order_by()
        ):
            already[(report_month, unit_id)] = total
    result = {}
    for month in month_range(first, last):
        if month in reports:
            stored = _rows_with_units(reports[month].figures["rows"])
            result[month] = {u.pk: stored.get(u.pk) or empty_row() for u in units}
            continue
        rows = live[month]
        for report_month in carried.get(month, []):
            stored = _rows_with_units(reports[report_month].figures["rows"])
            for unit in units:
                before = Decimal(stored[unit.pk]["total"]) if unit.pk in stored else ZERO
                now = Decimal(live[report_month][unit.pk]["total"])
                delta = dec(now - before - already[(report_month, unit.pk)])
                if delta:
                    row = rows[unit.pk]
                    row["points"]["adjustment"] = str(dec(Decimal(row["points"]["adjustment"]) + delta))
                    row["total"] = str(dec(Decimal(row["total"]) + delta))
                    row["notes"] = row.get("notes", []) + [
                        f"更正{report_month.year}年{report_month.month}月通报 {delta:+}分"
                    ]
                    row.setdefault("corrections", {})[report_month.isoformat()] = str(delta)
        result[month] = rows
    return result


def _previous_month(month):
    return datetime.date(month.year - (month.month == 1), 12 if month.month == 1 else month.month - 1, 1)


# ------------------------------------------------------------------ the report


@dataclass
class UnitLine:
    unit: Unit
    submitted: int = 0
    adopted: dict = field(default_factory=dict)  # publication id -> n
    adopted_up: dict = field(default_factory=dict)  # level id -> n
    instructions: dict = field(default_factory=dict)  # level id -> n
    forwarded: int = 0
    comm_answered: int = 0
    comm_late: int = 0
    comm_declined: int = 0
    comm_missed: int = 0
    points: dict = field(default_factory=lambda: {k: ZERO for k, _ in POINT_SOURCES})
    total: Decimal = ZERO
    running_total: Decimal = ZERO
    rank: int = 0
    notes: list = field(default_factory=list)

    def add(self, row):
        for name in COUNT_FIELDS:
            setattr(self, name, getattr(self, name) + row[name])
        for name in DICT_FIELDS:
            target = getattr(self, name)
            for key, n in row[name].items():
                target[int(key)] = target.get(int(key), 0) + n
        for key, _ in POINT_SOURCES:
            self.points[key] += Decimal(row["points"].get(key, "0"))
        self.total += Decimal(row["total"])
        self.notes.extend(row.get("notes", []))

    @property
    def adopted_total(self):
        return sum(self.adopted.values())

    @property
    def adopted_up_total(self):
        return sum(self.adopted_up.values())

    @property
    def instructions_total(self):
        return sum(self.instructions.values())

    @property
    def adoption_rate(self):
        """采用 / 报送 as a fraction (None when nothing was submitted)."""
        if not self.submitted:
            return None
        return Decimal(self.adopted_total) / Decimal(self.submitted)

    @property
    def zero_adoption(self):
        return self.adopted_total == 0 and self.adopted_up_total == 0

    @property
    def category_label(self):
        return self.unit.get_category_display()


@dataclass
class AssessmentReport:
    period: Period
    lines: list
    publications: list
    levels: list
    months: list  # [(month, {"submitted": n, "adopted": n, "total": Decimal})] of the period's year to its end
    issued: object  # the Report when this is an issued month
    missing_rules: list  # years with no rule set

    @property
    def totals(self):
        total = UnitLine(unit=None)
        for line in self.lines:
            for name in COUNT_FIELDS:
                setattr(total, name, getattr(total, name) + getattr(line, name))
            for name in DICT_FIELDS:
                target = getattr(total, name)
                for key, n in getattr(line, name).items():
                    target[key] = target.get(key, 0) + n
            for key, _ in POINT_SOURCES:
                total.points[key] += line.points[key]
            total.total += line.total
            total.running_total += line.running_total
        return total

    def line_for(self, unit):
        return next((line for line in self.lines if line.unit.pk == unit.pk), None)

    def by_category(self):
        groups = []
        for value, label in Unit.Category.choices:
            lines = sorted((l for l in self.lines if l.unit.category == value), key=lambda l: (l.rank, l.unit.order, l.unit.pk))
            if lines:
                groups.append((label, lines))
        return groups


def report_units():
    return list(Unit.objects.filter(active=True).order_by("order", "id"))


def build_report(period, today=None):
    """The figures of ``period`` for every active unit, with running totals and ranks."""
    units = report_units()
    year_start = period.start.replace(month=1)
    last = period.months()[-1]
    rows = monthly_rows(year_start, last, units, today=today)
    in_period = set(period.months())
    lines = {u.pk: UnitLine(unit=u) for u in units}
    trend = []
    for month in month_range(year_start, last):
        month_submitted = month_adopted = 0
        month_total = ZERO
        for unit in units:
            row = rows[month][unit.pk]
            lines[unit.pk].running_total += Decimal(row["total"])
            if month in in_period:
                lines[unit.pk].add(row)
            month_submitted += row["submitted"]
            month_adopted += sum(row["adopted"].values()) + sum(row["adopted_up"].values())
            month_total += Decimal(row["total"])
        trend.append((month, {"submitted": month_submitted, "adopted": month_adopted, "total": month_total}))
    ordered = [lines[u.pk] for u in units]
    _rank(ordered)
    issued = None
    if period.kind == "month":
        issued = Report.objects.filter(month=period.start).first()
    missing = sorted({m.year for m in period.months()} - set(RuleSet.objects.values_list("year", flat=True)))
    return AssessmentReport(
        period=period,
        lines=ordered,
        publications=list(Publication.objects.order_by("id")),
        levels=list(Level.objects.all()),
        months=trend,
        issued=issued,
        missing_rules=missing,
    )


def _rank(lines):
    """Rank within category by period total (equal totals share a rank: 1, 1, 3)."""
    by_category = defaultdict(list)
    for line in lines:
        by_category[line.unit.category].append(line)
    for group in by_category.values():
        group.sort(key=lambda l: -l.total)
        for position, line in enumerate(group):
            if position and line.total == group[position - 1].total:
                line.rank = group[position - 1].rank
            else:
                line.rank = position + 1
