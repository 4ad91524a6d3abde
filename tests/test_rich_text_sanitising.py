"""Stored rich text never carries script: whatever path the HTML came by, the
saved body is cleaned by the nh3 allowlist."""

import pytest

from bulletins import actions
from bulletins.models import Item

from . import factories

PAYLOADS = [
    '<p>正文</p><script>alert("xss")</script>',
    '<p onclick="alert(1)">正文</p>',
    '<img src="x" onerror="alert(1)">',
    '<a href="javascript:alert(1)">点击</a>',
    '<p style="background:url(javascript:alert(1))">正文</p>',
    '<iframe src="https://example.com"></iframe><p>正文</p>',
    '<svg><script>alert(1)</script></svg>',
    '<p>正文<!-- <script>alert(1)</script> --></p>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '<img src="javascript:alert(1)">',
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_script_payloads_are_stripped_when_an_item_is_saved(payload, unit, contributor):
    item = actions.create_item(contributor, unit, title="测试", body=payload)
    stored = Item.objects.get(pk=item.pk).body.lower()
    for dangerous in ("<script", "onerror", "onclick", "javascript:", "<iframe", "style=", "<svg", "<math", "<!--"):
        assert dangerous not in stored


def test_the_text_and_the_structure_editors_need_survive_cleaning(unit, contributor):
    html = (
        "<h3>一、主要做法</h3><p><strong>强化保障。</strong>完成投资46.8亿元。</p>"
        "<ul><li>第一条</li></ul><table><tbody><tr><td colspan=\"2\">合计</td></tr><tr><td>1</td><td>2</td></tr></tbody></table>"
    )
    item = actions.create_item(contributor, unit, title="测试", body=html)
    assert Item.objects.get(pk=item.pk).body == html


def test_an_editors_save_is_cleaned_too(unit, contributor, editor):
    item = factories.make_item(unit, contributor, state="submitted")
    saved = actions.save_item(item, editor, title="测试", body='<p>改后</p><script>x()</script>')
    assert saved.body == "<p>改后</p>"
