"""Stored bodies ask the typesetter for bounded work and print no invisible
tricks: spans are clamped, tables limited in size and nesting, empty
paragraphs dropped, bidi controls and other format characters removed."""

from bulletins import actions
from bulletins.models import Item, Issue
from bulletins.sanitize import MAX_SPAN, body_problems, clean_html

from . import factories


def _saved_body(unit, contributor, html):
    item = actions.create_item(contributor, unit, title="测试", body=html)
    return Item.objects.get(pk=item.pk).body


def test_a_huge_colspan_is_clamped_to_the_tables_real_column_count(unit, contributor):
    body = _saved_body(unit, contributor, '<table><tr><td colspan="100000">合计</td></tr><tr><td>1</td><td>2</td><td>3</td></tr></table>')
    assert 'colspan="3"' in body


def test_spans_never_exceed_twenty_even_in_a_wide_table(unit, contributor):
    row = "".join(f"<td>{n}</td>" for n in range(20))
    html = f'<table><tr><td colspan="1000000" rowspan="1000000">合计</td></tr>' + f"<tr>{row}</tr>" * 30 + "</table>"
    body = clean_html(html)
    assert f'colspan="{MAX_SPAN}"' in body and f'rowspan="{MAX_SPAN}"' in body


def test_a_span_that_is_not_a_number_is_dropped(unit, contributor):
    assert _saved_body(unit, contributor, '<table><tr><td colspan="x">a</td></tr></table>') == "<table><tbody><tr><td>a</td></tr></tbody></table>"


def test_tables_nested_deeper_than_two_levels_keep_their_text_as_paragraphs():
    html = "<table><tr><td><table><tr><td><table><tr><td>深</td><td>层</td></tr></table></td></tr></table></td></tr></table>"
    body = clean_html(html)
    assert body.count("<table>") == 2
    assert "<p>深 层</p>" in body


def test_the_form_refuses_an_oversized_table_in_chinese():
    html = "<table>" + "<tr><td>1</td></tr>" * 201 + "</table>"
    assert body_problems(html) == ["表格过大（201行、1列；最多200行、20列）。"]


def test_empty_paragraphs_left_after_deleting_text_are_dropped(unit, contributor):
    html = "<p>第一段。</p><p>&nbsp;</p><p><br></p><p>\u3000 </p><p>第二段。</p>"
    assert _saved_body(unit, contributor, html) == "<p>第一段。</p><p>第二段。</p>"


def test_a_paragraph_holding_only_an_image_is_kept(unit, contributor):
    html = '<p><img src="/media/inline/1/a.png"></p>'
    assert _saved_body(unit, contributor, html) == html


def test_bidi_controls_and_invisible_format_characters_are_stripped_from_every_text(unit, contributor, bulletin, editor):
    trick = "\u202e\u2066\u200f\u061c\ufeff\u00ad"
    item = actions.create_item(contributor, unit, title=f"标题{trick}反转", body=f"<p>正文{trick}反转</p>", attribution=f"区{trick}发改委")
    item.refresh_from_db()
    assert (item.title, item.body, item.attribution) == ("标题反转", "<p>正文反转</p>", "区发改委")
    issue = factories.make_issue(bulletin, series_title=f"总{trick}标题", editor_note=f"按{trick}语")
    issue = Issue.objects.get(pk=issue.pk)
    assert (issue.series_title, issue.editor_note) == ("总标题", "按语")


def test_the_zero_width_marks_typesetting_uses_are_kept(unit, contributor):
    assert _saved_body(unit, contributor, "<p>上\u200b街\u2060信息</p>") == "<p>上\u200b街\u2060信息</p>"
