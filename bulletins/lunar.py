"""The lunar date printed in the newspaper masthead: 庚子年二月初七, 星期六.

The calendar itself comes from lunar-python; this module only looks dates up
(through a per-year month table, so a masthead or a century of test dates is
cheap) and spells them the way the masthead prints them.
"""

import datetime
from dataclasses import dataclass
from functools import lru_cache

from lunar_python import LunarYear, Solar

_NUMERALS = "〇一二三四五六七八九十"
_MONTH_NAMES = {1: "正", 11: "冬", 12: "腊"}  # the eleventh month prints 冬月 in newspapers, the twelfth 腊月
_WEEKDAYS = "一二三四五六日"


@dataclass(frozen=True)
class LunarDate:
    ganzhi_year: str  # 庚子, changing at the Spring Festival (正月初一)
    month: int  # 1..12
    leap: bool
    day: int  # 1..30

    @property
    def month_text(self):
        name = _MONTH_NAMES.get(self.month) or _NUMERALS[self.month]
        return ("闰" if self.leap else "") + name + "月"

    @property
    def day_text(self):
        return lunar_day_text(self.day)

    def __str__(self):
        return f"{self.ganzhi_year}年{self.month_text}{self.day_text}"


def lunar_day_text(day):
    """初一…初十, 十一…二十, 廿一…廿九, 三十."""
    if day <= 10:
        return "初" + _NUMERALS[day]
    if day < 20:
        return "十" + _NUMERALS[day - 10]
    if day == 20:
        return "二十"
    if day < 30:
        return "廿" + _NUMERALS[day - 20]
    return "三十"


@lru_cache(maxsize=256)
def _months_of(lunar_year):
    """[(first julian day, day count, month, leap)] of the lunar year's months."""
    year = LunarYear.fromYear(lunar_year)
    return tuple(
        (m.getFirstJulianDay(), m.getDayCount(), abs(m.getMonth()), m.getMonth() < 0)
        for m in year.getMonths()
        if m.getYear() == lunar_year
    ), year.getGanZhi()


def lunar_date(date: datetime.date) -> LunarDate:
    # lunar-python counts month starts in whole Julian days (noon to noon).
    julian_day = round(Solar.fromYmdHms(date.year, date.month, date.day, 12, 0, 0).getJulianDay())
    # A Gregorian date lies in the lunar year of its own number or the one before.
    for lunar_year in (date.year, date.year - 1):
        months, ganzhi = _months_of(lunar_year)
        for first, count, month, leap in months:
            if first <= julian_day < first + count:
                return LunarDate(ganzhi, month, leap, int(julian_day - first) + 1)
    raise ValueError(f"no lunar date for {date}")


def lunar_date_text(date: datetime.date) -> str:
    """2020-02-29 → 庚子年二月初七."""
    return str(lunar_date(date))


def weekday_text(date: datetime.date) -> str:
    """2020-02-29 → 星期六."""
    return "星期" + _WEEKDAYS[date.weekday()]
