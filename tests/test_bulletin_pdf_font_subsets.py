"""Fonts go into the PDF as small subsets that still draw every character with its own glyph.

The CJK faces are embedded packed (bare CID-keyed CFF, glyphs found by CID
through the charset; see bulletins.typesetting.pdf_fonts). These tests read
the embedded font programs back and compare each printed glyph's outline
with the same glyph in the installed font file.
"""

import io
import re

import pytest
from fontTools.cffLib import CFFFontSet
from fontTools.pens.recordingPen import RecordingPen
from fontTools.ttLib import TTFont
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1

from bulletins.typesetting.bulletin import render_bulletin
from bulletins.typesetting.fonts import font_set
from bulletins.typesetting.specimen import make_specimen_issue


def _embedded_cff_fonts(data):
    """{font name: (CFF bytes, {CID: text})} for every bare CFF font in the PDF."""
    document = PDFDocument(PDFParser(io.BytesIO(data)))
    found = {}
    for xref in document.xrefs:
        for objid in xref.get_objids():
            obj = resolve1(document.getobj(objid))
            if not isinstance(obj, dict) or str(obj.get("Subtype")) != "/'Type0'":
                continue
            descendant = resolve1(resolve1(obj["DescendantFonts"])[0])
            descriptor = resolve1(descendant["FontDescriptor"])
            if "FontFile3" not in descriptor:
                continue
            stream = resolve1(descriptor["FontFile3"])
            if str(stream.attrs.get("Subtype")) != "/'CIDFontType0C'":
                continue
            to_unicode = resolve1(obj["ToUnicode"]).get_data().decode("latin-1")
            cids = {
                int(cid, 16): bytes.fromhex(text).decode("utf-16-be")
                for cid, text in re.findall(r"<([0-9a-f]{4})> <([0-9a-f]+)>", to_unicode)
            }
            found[str(obj["BaseFont"])] = (stream.get_data(), cids)
    return found


def _outlines_by_cid(cff_bytes):
    cff = CFFFontSet()
    cff.decompile(io.BytesIO(cff_bytes), None)
    top = cff[cff.fontNames[0]]
    assert hasattr(top, "ROS"), "the packed subset stays CID-keyed"
    outlines = {}
    for name in top.charset:
        cid = 0 if name == ".notdef" else int(name[3:])
        outlines[cid] = _outline(top.CharStrings[name])
    return outlines


def _outline(charstring):
    pen = RecordingPen()
    charstring.draw(pen)
    return pen.value


def _installed_faces():
    fonts = font_set()
    faces = {(face.path, face.index) for face in list(fonts.roles.values()) + list(fonts.fallback)}
    return sorted(faces)


def _face_drawing(cids, faces):
    """The installed face whose glyph ids (= the printed CIDs) draw ``cids`` exactly, or None."""
    for path, index in faces:
        font = TTFont(str(path), fontNumber=index, lazy=True)
        if "CFF " not in font:
            continue
        order = font.getGlyphOrder()
        charstrings = font["CFF "].cff.topDictIndex[0].CharStrings
        if all(cid < len(order) and _outline(charstrings[order[cid]]) == outline for cid, outline in cids.items()):
            return path
    return None


@pytest.fixture
def dash_and_yen_issue(db):
    """The specimen plus an en dash and a yen sign: glyphs FandolFang keeps under other CIDs."""
    issue = make_specimen_issue()
    item = issue.ordered_items()[0]
    item.body += "<p>3月1日–3月5日，共计¥1200元。</p>"
    item.save()
    return issue


@pytest.mark.parametrize("issue_fixture", ["specimen", "dash_and_yen_issue"])
def test_each_printed_character_is_drawn_with_its_own_glyph_of_the_chosen_face(db, request, issue_fixture):
    issue = make_specimen_issue() if issue_fixture == "specimen" else request.getfixturevalue(issue_fixture)
    fonts = _embedded_cff_fonts(render_bulletin(issue, final=False))
    assert fonts, "the CJK faces are embedded as CFF"
    faces = _installed_faces()
    for name, (cff_bytes, cid_text) in fonts.items():
        outlines = _outlines_by_cid(cff_bytes)
        printed = {cid: outlines[cid] for cid in cid_text if cid in outlines}
        assert set(cid_text) <= set(outlines), f"{name}: every printed CID has a glyph"
        blank = [text for cid, text in cid_text.items() if not text.isspace() and not printed[cid]]
        assert not blank, f"{name}: no ink for {blank}"
        assert _face_drawing(printed, faces), f"{name}: glyphs match no installed face"


def test_cjk_subsets_hold_only_the_glyphs_the_issue_prints(db):
    fonts = _embedded_cff_fonts(render_bulletin(make_specimen_issue(repeat=2), final=False))
    for name, (cff_bytes, cid_text) in fonts.items():
        glyphs = len(_outlines_by_cid(cff_bytes))
        # .notdef and the odd glyph HarfBuzz keeps for its own reasons; never the whole font.
        assert glyphs <= len(cid_text) + 8, f"{name}: {glyphs} glyphs for {len(cid_text)} printed"
