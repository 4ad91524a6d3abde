"""The report as one table: the columns the page shows, the .xlsx and .csv
exports and the command write — one definition, so they hold the same figures."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Callable


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    value: Callable  # UnitLine -> int | Decimal | str | bool | None
    kind: str = "int"  # int, points, rate, text, flag
    group: str = ""  # a header over several columns (采用, 批示, 约稿, 得分)


def columns(report):
    cols = [
        Column("category", "类别", lambda l: l.category_label, "text"),
        Column("unit", "单位", lambda l: l.unit.short_name, "text"),
        Column("submitted", "报送", lambda l: l.submitted),
    ]
    for publication in report.publications:
        cols.append(Column(f"adopted_{publication.pk}", publication.name,
                           lambda l, pk=publication.pk: l.adopted.get(pk, 0), group="采用"))
    cols += [
        Column("adopted", "采用合计", lambda l: l.adopted_total, group="采用"),
        Column("rate", "采用率", lambda l: l.adoption_rate, "rate"),
    ]
    for level in report.levels:
        cols.append(Column(f"instr_{level.pk}", level.name, lambda l, pk=level.pk: l.instructions.get(pk, 0), group="批示"))
    cols += [
        Column("forwarded", "上报", lambda l: l.forwarded, group="上报"),
        Column("adopted_up", "上级采用", lambda l: l.adopted_up_total, group="上报"),
        Column("comm_answered", "按时应约", lambda l: l.comm_answered, group="约稿"),
        Column("comm_late", "逾期应约", lambda l: l.comm_late, group="约稿"),
        Column("comm_declined", "说明未应约", lambda l: l.comm_declined, group="约稿"),
        Column("comm_missed", "未应约", lambda l: l.comm_missed, group="约稿"),
    ]
    from .scoring import POINT_SOURCES

    for key, label in POINT_SOURCES:
        cols.append(Column(f"pts_{key}", label, lambda l, key=key: l.points[key], "points", group="分项得分"))
    cols += [
        Column("total", report.period.short_label + "得分", lambda l: l.total, "points"),
        Column("running", "年度累计", lambda l: l.running_total, "points"),
        Column("rank", "类别排名", lambda l: l.rank),
        Column("zero", "零采用", lambda l: l.zero_adoption, "flag"),
    ]
    return cols


def display(column, value):
    """The text the page prints for a value (the csv writes the same)."""
    if column.kind == "rate":
        return "—" if value is None else f"{(value * 100).quantize(Decimal('0.1'))}%"
    if column.kind == "flag":
        return "是" if value else ""
    if column.kind == "points":
        return f"{value:.1f}"
    return str(value)


SORTABLE_DEFAULT = "rank"


def sorted_lines(report, sort="", descending=None, category="", zero_only=False):
    """Lines filtered and sorted as the page asks; the default is category, then rank."""
    from bulletins.models import Unit

    lines = list(report.lines)
    if category:
        lines = [l for l in lines if l.unit.category == category]
    if zero_only:
        lines = [l for l in lines if l.zero_adoption]
    order = {value: n for n, (value, _) in enumerate(Unit.Category.choices)}
    default_key = lambda l: (order.get(l.unit.category, 99), l.rank, l.unit.order, l.unit.pk)  # noqa: E731
    lines.sort(key=default_key)
    cols = {c.key: c for c in columns(report)}
    if sort in cols and sort not in ("category", "rank"):
        column = cols[sort]
        if descending is None:
            descending = column.kind != "text"

        def key(line):
            value = column.value(line)
            if value is None:
                value = Decimal(-1)
            return value

        lines.sort(key=key, reverse=descending)
    elif sort == "rank" and descending:
        lines.reverse()
    return lines


def rows(report, lines=None):
    """[[value per column]] for ``lines`` (default order when not given)."""
    cols = columns(report)
    return [[c.value(line) for c in cols] for line in (lines if lines is not None else sorted_lines(report))]


def total_row(report):
    cols = columns(report)
    totals = report.totals
    row = []
    for c in cols:
        if c.key == "category":
            row.append("合计")
        elif c.key == "unit":
            row.append(f"{len(report.lines)}个单位")
        elif c.key in ("rank", "zero"):
            row.append(None)
        elif c.key == "rate":
            row.append(totals.adoption_rate)
        else:
            row.append(c.value(totals))
    return row
