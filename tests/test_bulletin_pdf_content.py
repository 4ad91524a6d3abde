"""Everything an issue holds is printed, in order, with the furniture a reader expects."""

import re

import pytest

from bulletins.typesetting.bulletin import render_bulletin
from bulletins.typesetting.specimen import (
    EDITOR_NOTE,
    LEAD_PARAGRAPHS,
    LEAD_TITLE,
    RUN_IN_ITEMS,
    SERIES_TITLE,
    make_specimen_issue,
)

from .bulletin_pdf_reading import lines_of, open_pdf


def _plain(text):
    return re.sub(r"\s", "", text)


def _text_of(data):
    with open_pdf(data) as pdf:
        return "".join(line.text for line in lines_of(pdf))


def test_all_text_is_printed_in_reading_order(db):
    issue = make_specimen_issue()
    text = _text_of(render_bulletin(issue, final=True))
    expected = ["上街信息", "第9期", "中共上街区委办公室", "2024年3月15日", SERIES_TITLE, "编者按：", EDITOR_NOTE, LEAD_TITLE]
    expected += LEAD_PARAGRAPHS
    for title, unit, paragraphs in RUN_IN_ITEMS:
        expected += [title, *paragraphs[:-1], paragraphs[-1] + f"（{unit}）"]
    expected += ["本期送：区县处级领导", "发：峡窝镇、各街道办事处、区直各单位负责同志", "责任编辑：郝　婕　李德昭"]
    position = 0
    for piece in expected:
        found = text.find(_plain(piece), position)
        assert found >= 0, piece
        position = found + len(_plain(piece))


def test_rare_name_characters_print_from_a_fallback_face_of_the_same_brush_style(db):
    """堃 and 喆 are missing from the 仿宋 face: the body takes them from the 楷 face, not a 宋."""
    from bulletins.typesetting.fonts import font_set

    fonts = font_set()
    assert not fonts.covers("fang", "堃") and fonts.covers("kai", "堃")
    issue = make_specimen_issue()
    with open_pdf(render_bulletin(issue, final=True)) as pdf:
        chars = [c for page in pdf.pages for c in page.chars if c["text"] in "堃喆" and round(c["size"]) == 16]
    body = [c for c in chars if "Sans" not in c["fontname"]]  # the lead title's 黑体 aside
    assert {c["text"] for c in body} == {"堃", "喆"}
    assert all("Kai" in c["fontname"] for c in body), [c["fontname"] for c in body]


def test_rendering_the_same_issue_twice_gives_identical_bytes(db):
    issue = make_specimen_issue()
    assert render_bulletin(issue, final=False) == render_bulletin(issue, final=False)


def _fonts(data):
    """(BaseFont, Subtype, embedded) for every font any page uses."""
    from pdfminer.pdftypes import resolve1

    found = {}
    with open_pdf(data) as pdf:
        for page in pdf.pages:
            fonts = resolve1(resolve1(page.page_obj.resources).get("Font", {}))
            for ref in fonts.values():
                font = resolve1(ref)
                name = resolve1(font["BaseFont"]).name
                subtype = resolve1(font["Subtype"]).name
                descriptor_owner = resolve1(resolve1(font["DescendantFonts"])[0]) if "DescendantFonts" in font else font
                descriptor = resolve1(descriptor_owner.get("FontDescriptor", {}))
                embedded = any(key in descriptor for key in ("FontFile", "FontFile2", "FontFile3"))
                found[name] = (subtype, embedded)
    return found


@pytest.mark.parametrize("final", [True, False])
def test_every_font_is_embedded_as_a_subset_and_none_is_type3(db, final):
    fonts = _fonts(render_bulletin(make_specimen_issue(), final=final))
    assert len(fonts) >= 3
    for name, (subtype, embedded) in fonts.items():
        assert subtype != "Type3", name
        assert embedded, name
        assert re.match(r"^[A-Z]{6}\+", name), name
