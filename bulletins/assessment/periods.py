"""Assessment periods: a month (2026-03), a quarter (2026-Q1) or a year (2026)."""

import datetime
import re
from dataclasses import dataclass

QUARTER_NAMES = "一二三四"


class PeriodError(ValueError):
    """An unreadable period; the message is shown to the user."""


@dataclass(frozen=True)
class Period:
    kind: str  # "month", "quarter", "year"
    year: int
    index: int = 0  # month 1–12 or quarter 1–4

    @classmethod
    def parse(cls, text):
        text = (text or "").strip()
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})", text):
            year, month = int(m[1]), int(m[2])
            if 1 <= month <= 12:
                return cls("month", year, month)
        elif m := re.fullmatch(r"(\d{4})-[Qq]([1-4])", text):
            return cls("quarter", int(m[1]), int(m[2]))
        elif re.fullmatch(r"\d{4}", text):
            return cls("year", int(text))
        raise PeriodError(f"无法识别的考核期间“{text}”：请写成 2026-03（月）、2026-Q1（季度）或 2026（年度）。")

    @classmethod
    def month_of(cls, date):
        return cls("month", date.year, date.month)

    @property
    def key(self):
        if self.kind == "month":
            return f"{self.year}-{self.index:02d}"
        if self.kind == "quarter":
            return f"{self.year}-Q{self.index}"
        return str(self.year)

    @property
    def label(self):
        if self.kind == "month":
            return f"{self.year}年{self.index}月"
        if self.kind == "quarter":
            return f"{self.year}年第{QUARTER_NAMES[self.index - 1]}季度"
        return f"{self.year}年"

    @property
    def short_label(self):
        if self.kind == "month":
            return "本月"
        if self.kind == "quarter":
            return "本季度"
        return "本年度"

    def months(self):
        """First days of the period's months, in order."""
        if self.kind == "month":
            numbers = [self.index]
        elif self.kind == "quarter":
            numbers = range(3 * self.index - 2, 3 * self.index + 1)
        else:
            numbers = range(1, 13)
        return [datetime.date(self.year, n, 1) for n in numbers]

    @property
    def start(self):
        return self.months()[0]

    @property
    def end(self):
        """The first day after the period."""
        return next_month(self.months()[-1])

    def previous(self):
        if self.kind == "month":
            return Period("month", self.year - (self.index == 1), 12 if self.index == 1 else self.index - 1)
        if self.kind == "quarter":
            return Period("quarter", self.year - (self.index == 1), 4 if self.index == 1 else self.index - 1)
        return Period("year", self.year - 1)

    def next(self):
        if self.kind == "month":
            return Period("month", self.year + (self.index == 12), 1 if self.index == 12 else self.index + 1)
        if self.kind == "quarter":
            return Period("quarter", self.year + (self.index == 4), 1 if self.index == 4 else self.index + 1)
        return Period("year", self.year + 1)

    def __str__(self):
        return self.key


def next_month(date):
    return datetime.date(date.year + (date.month == 12), 1 if date.month == 12 else date.month + 1, 1)


def month_range(first, last):
    """First days of the months from ``first`` to ``last`` inclusive."""
    months, month = [], first
    while month <= last:
        months.append(month)
        month = next_month(month)
    return months
