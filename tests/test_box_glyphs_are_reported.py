"""Printing tells the truth about rare characters: CJK Extension B–G print in
a real face (the font stacks' last resort), and a character no face has is
reported as a layout note naming the item and the character before sign-off."""

import io

import pdfplumber
import pytest

from bulletins.models import ItemState
from bulletins.typesetting import render_issue_pdf

from . import factories

EXTENSION_CHARACTERS = "𠀀𪚥𫝀𬺰𰀀"  # Extension B, B, D, F, G


def _issue(publication, unit, contributor, title, body):
    issue = factories.make_issue(publication, number=5, year=2026)
    item = factories.make_item(unit, contributor, title=title, body=body, state=ItemState.ACCEPTED)
    factories.place(issue, [item], lead=item)
    return issue


@pytest.mark.parametrize("kind", ["bulletin", "newspaper"])
def test_extension_b_to_g_characters_print_in_a_real_face_without_a_note(kind, request, unit, contributor):
    issue = _issue(request.getfixturevalue(kind), unit, contributor, "生僻字", f"<p>张{EXTENSION_CHARACTERS}同志。</p>")

    pdf = render_issue_pdf(issue, final=False)

    assert pdf.notes == ()
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        text = "".join(page.extract_text() or "" for page in document.pages)
        fonts = {char["fontname"] for page in document.pages for char in page.chars if char["text"] in EXTENSION_CHARACTERS}
    assert all(char in text for char in EXTENSION_CHARACTERS)
    assert fonts and all("HanaMin" in name or "BabelStone" in name for name in fonts)


@pytest.mark.parametrize("kind", ["bulletin", "newspaper"])
def test_a_character_no_font_has_is_named_with_its_item_in_the_layout_notes(kind, request, unit, contributor):
    issue = _issue(request.getfixturevalue(kind), unit, contributor, "巨魔来了", "<p>文中有\U0001F9CC一个。</p>")

    pdf = render_issue_pdf(issue, final=False)

    assert any("稿件《巨魔来了》" in note and "U+1F9CC" in note and "方框" in note for note in pdf.notes), pdf.notes
