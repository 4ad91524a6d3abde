"""The office report page: periods, sorting, filtering, zero adoptions flagged, charts without a CDN."""

import pytest
from django.urls import reverse

from .assessment_fixtures import ExampleMonth


@pytest.fixture
def example(db):
    return ExampleMonth().build()


def unit_order(page):
    body = page.split("<tbody>")[1].split("</tbody>")[0]
    return [part.split(">")[1].split("<")[0] for part in body.split('<th scope="row"><a href=')[1:]]


def test_the_default_order_is_by_category_then_rank(client, editor, example):
    client.force_login(editor)
    page = client.get(reverse("assessment:office"), {"period": "2026-03"}).content.decode()
    assert unit_order(page)[:6] == ["峡窝镇", "矿山街道", "工业路街道", "新安路街道", "中心路街道", "济源路街道"]


def test_sorting_by_a_column_and_back(client, editor, example):
    client.force_login(editor)
    url = reverse("assessment:office")
    by_total = unit_order(client.get(url, {"period": "2026-03", "sort": "submitted"}).content.decode())
    assert by_total[0] == "峡窝镇" and by_total[-1] == "区卫健委"
    ascending = unit_order(client.get(url, {"period": "2026-03", "sort": "submitted", "dir": "asc"}).content.decode())
    assert ascending[0] == "区卫健委"


def test_filtering_zero_adoptions_shows_only_flagged_units(client, editor, example):
    client.force_login(editor)
    page = client.get(reverse("assessment:office"), {"period": "2026-03", "zero": "1"}).content.decode()
    assert unit_order(page) == ["新安路街道", "济源路街道", "区住建局", "区卫健委"]
    assert page.count('<tr class="zero">') == 4


def test_the_charts_are_inline_svg_with_no_external_asset(client, editor, example):
    client.force_login(editor)
    page = client.get(reverse("assessment:office"), {"period": "2026"}).content.decode()
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg" class="chart"') == 4  # three categories, one trend
    assert "<title>矿山街道 47.0分</title>" in page
    assert "cdn" not in page.lower() and "<script src=\"http" not in page


def test_an_unreadable_period_is_explained_on_the_page(client, editor):
    client.force_login(editor)
    response = client.get(reverse("assessment:office"), {"period": "2026-13"})
    assert response.status_code == 200
    assert "无法识别的考核期间“2026-13”" in response.content.decode()
