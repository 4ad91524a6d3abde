"""The report pages ask the database the same number of questions for 10 items as for many."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bulletins.assessment.models import Forwarding, Instruction
from bulletins.models import WorkflowLog

from .assessment_fixtures import ExampleMonth, level


def add_items(example, n):
    """n more items spread over the units and March, a third printed, some with 批示 and 上报."""
    units = list(example.units.values())
    for i in range(n):
        unit = units[i % len(units)]
        printed = i % 3 == 0
        item = example.submitted(unit.short_name, 1 + i % 28, printed_in=example.xinxi_issue if printed else None)
        if printed and i % 6 == 0:
            Instruction.objects.create(item=item, leader_name="张明", leader_title="区委书记", level=level("区级"),
                                       date=datetime.date(2026, 3, 1 + i % 28), text="阅。")
            Forwarding.objects.create(item=item, target=example.city, forwarded_on=datetime.date(2026, 3, 2),
                                      outcome=Forwarding.Outcome.ADOPTED, adopted_on=datetime.date(2026, 3, 3 + i % 20))


def count(client, url, params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries)


PAGES = [
    ("assessment:office", [], {"period": "2026-03"}),
    ("assessment:office", [], {"period": "2026"}),
    ("assessment:export", ["xlsx"], {"period": "2026-Q1"}),
    ("assessment:unit", [], {"period": "2026-03"}),
]


@pytest.mark.parametrize("name,args,params", PAGES)
def test_report_pages_hold_a_constant_query_count(client, db, editor, name, args, params):
    example = ExampleMonth().build()
    add_items(example, 10)
    client.force_login(editor)
    url = reverse(name, args=args)
    if name == "assessment:unit":
        params = {**params, "unit": example.units["峡窝镇"].pk}
    client.get(url, params)  # the session's first save is not the page's cost
    few = count(client, url, params)
    add_items(example, 300)
    assert WorkflowLog.objects.filter(action="submit").count() > 300
    assert count(client, url, params) == few
