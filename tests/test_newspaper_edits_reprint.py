"""Layout measurements are reused between renders (keyed by content): a story
edited after a rendering prints as edited, never as it was measured before."""

import io
import re

import pdfplumber

from bulletins.models import Item

from .newspaper_builders import piece_text, render_test_newspaper, squeeze

NEW_HEADLINE = "春季植树活动圆满结束"
NEW_PARAGRAPH = "活动结束后，志愿者们还清理了湖畔步道上的垃圾，受到过往群众称赞。"


JUMP_MARKERS = re.compile(r"^（上接.版）|（下转.版）$")


def printed_story(typeset, key):
    """(headline as printed, body as printed across its pieces) of the story ``key``."""
    geometry = typeset.geometry
    pieces = [(page, p) for page in typeset.plan.pages for p in page.placements if p.story.key == key]
    with pdfplumber.open(io.BytesIO(typeset.pdf)) as pdf:
        page, first = pieces[0]
        top = geometry.body_top(page.number) + first.top * geometry.line
        left = geometry.column_x(first.first_column)
        box = (left - 1, top - 1, left + geometry.span_width(first.span) + 1, top + first.header_slots * geometry.line)
        headline = squeeze(pdf.pages[typeset.plan.pages.index(page)].within_bbox(box).extract_text())
        body = "".join(JUMP_MARKERS.sub("", piece_text(pdf, typeset, page, p)) for page, p in pieces)
    return headline, body


def test_a_story_edited_after_a_rendering_prints_its_new_headline_and_text(settings, tmp_path, newspaper, unit, contributor):
    issue, before = render_test_newspaper(settings, tmp_path, newspaper, unit, contributor)
    item = Item.objects.get(issue=issue, title="春季植树活动在太溪湖畔举行")
    _, body_before = printed_story(before, item.pk)
    item.title = NEW_HEADLINE
    item.body += f"<p>{NEW_PARAGRAPH}</p>"
    item.save()

    _, after = render_test_newspaper(settings, tmp_path, newspaper, unit, contributor, issue=issue)

    headline, body = printed_story(after, item.pk)
    assert NEW_HEADLINE in headline
    assert body == body_before + NEW_PARAGRAPH
