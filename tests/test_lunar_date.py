"""The masthead's lunar date, checked against an independent calendar (borax)
day by day over 1901–2099 and against hand-verified dates."""

import datetime

import pytest
from borax.calendars.lunardate import LunarDate as BoraxDate

from bulletins.lunar import lunar_date, lunar_date_text, weekday_text

FIRST, LAST = datetime.date(1901, 1, 1), datetime.date(2099, 12, 31)

# Days on which the two calendars are known to disagree (DESIGN.md): borax in
# 2057/2089/2097, lunar-python in Sept–Oct 2057. Any other disagreement fails.
KNOWN_DISAGREEMENTS = [
    (datetime.date(2057, 9, 1), datetime.date(2057, 10, 31)),
    (datetime.date(2089, 9, 1), datetime.date(2089, 10, 31)),
    (datetime.date(2097, 8, 1), datetime.date(2097, 9, 30)),
]

# The reference spelling, written independently of bulletins.lunar.
REFERENCE_MONTHS = ["正", "二", "三", "四", "五", "六", "七", "八", "九", "十", "冬", "腊"]
REFERENCE_DAYS = (
    ["初一", "初二", "初三", "初四", "初五", "初六", "初七", "初八", "初九", "初十"]
    + ["十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十"]
    + ["廿一", "廿二", "廿三", "廿四", "廿五", "廿六", "廿七", "廿八", "廿九", "三十"]
)


def reference_text(date):
    ref = BoraxDate.from_solar(date)
    month = ("闰" if ref.leap else "") + REFERENCE_MONTHS[ref.month - 1] + "月"
    return f"{ref.gz_year}年{month}{REFERENCE_DAYS[ref.day - 1]}"


def all_days():
    day = FIRST
    while day <= LAST:
        yield day
        day += datetime.timedelta(days=1)


def is_known_disagreement(day):
    return any(start <= day <= end for start, end in KNOWN_DISAGREEMENTS)


def test_lunar_date_matches_an_independent_calendar_every_day_from_1901_to_2099():
    unexpected = [
        (day, lunar_date_text(day), reference_text(day))
        for day in all_days()
        if lunar_date_text(day) != reference_text(day) and not is_known_disagreement(day)
    ]
    assert unexpected == []


def test_every_leap_month_of_the_reference_is_printed_as_a_leap_month():
    ours, reference = set(), set()
    for day in all_days():
        if is_known_disagreement(day):
            continue
        ref = BoraxDate.from_solar(day)
        if ref.leap:
            reference.add((ref.year, ref.month))
        mine = lunar_date(day)
        if mine.leap:
            ours.add((ref.year, mine.month))
    assert len(reference) > 70  # about seven leap months every nineteen years
    assert ours == reference


@pytest.mark.parametrize(
    "day, expected",
    [
        # The seed issue: 上街时讯 第7期, 2020-02-29.
        (datetime.date(2020, 2, 29), "庚子年二月初七"),
        (datetime.date(2008, 8, 8), "戊子年七月初八"),
        (datetime.date(1949, 10, 1), "己丑年八月初十"),
        (datetime.date(2000, 1, 1), "己卯年冬月廿五"),
        # Leap months.
        (datetime.date(2020, 5, 23), "庚子年闰四月初一"),
        (datetime.date(2023, 3, 22), "癸卯年闰二月初一"),
        (datetime.date(2017, 7, 23), "丁酉年闰六月初一"),
        (datetime.date(2033, 12, 22), "癸丑年闰冬月初一"),
        # The ganzhi year turns at the Spring Festival, not at 立春 or 1 January.
        (datetime.date(2021, 2, 3), "庚子年腊月廿二"),
        (datetime.date(2021, 2, 11), "庚子年腊月三十"),
        (datetime.date(2021, 2, 12), "辛丑年正月初一"),
        (datetime.date(2020, 1, 24), "己亥年腊月三十"),
        (datetime.date(2020, 1, 25), "庚子年正月初一"),
        # The ends of the range.
        (datetime.date(1901, 1, 1), "庚子年冬月十一"),
        (datetime.date(2099, 12, 31), "己未年冬月二十"),
    ],
)
def test_hand_verified_dates_are_spelled_as_the_masthead_prints_them(day, expected):
    assert lunar_date_text(day) == expected


def test_weekday_is_printed_in_chinese():
    assert weekday_text(datetime.date(2020, 2, 29)) == "星期六"
    assert weekday_text(datetime.date(2020, 3, 1)) == "星期日"
    assert weekday_text(datetime.date(2020, 3, 2)) == "星期一"
