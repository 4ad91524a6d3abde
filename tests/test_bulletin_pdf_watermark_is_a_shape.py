"""The 样稿 watermark is drawn as a shape: a draft's text copies and searches as the published issue's."""

from bulletins.models import IssueState
from bulletins.typesetting import render_issue_pdf
from bulletins.typesetting.specimen import make_specimen_issue

from .bulletin_pdf_reading import open_pdf

MM = 72 / 25.4


def _watermark_shapes(page):
    """Filled outlines in the middle of the page, larger than any rule or table border."""
    return [
        c for c in page.curves
        if c["fill"] and c["x1"] - c["x0"] > 10 * MM and c["bottom"] - c["top"] > 10 * MM
    ]


def test_a_drafts_extracted_text_is_the_published_issues_text(db):
    issue = make_specimen_issue()
    with open_pdf(render_issue_pdf(issue)) as pdf:
        draft = [page.extract_text() for page in pdf.pages]
    issue.state = IssueState.PUBLISHED
    with open_pdf(render_issue_pdf(issue)) as pdf:
        published = [page.extract_text() for page in pdf.pages]
    assert draft == published
    assert not any("样" in text or "稿" in text for text in draft)


def test_every_page_of_a_draft_carries_the_watermark_shape_and_a_published_issue_none(db):
    issue = make_specimen_issue()
    with open_pdf(render_issue_pdf(issue)) as pdf:
        assert len(pdf.pages) >= 2
        assert all(_watermark_shapes(page) for page in pdf.pages)
    issue.state = IssueState.PUBLISHED
    with open_pdf(render_issue_pdf(issue)) as pdf:
        assert not any(_watermark_shapes(page) for page in pdf.pages)


def test_the_stored_watermark_outlines_are_the_title_faces_glyphs():
    from bulletins.typesetting import watermark
    from bulletins.typesetting.fonts import _fontconfig_face, outline_path

    path, index = _fontconfig_face("Noto Serif CJK SC", "Bold")
    outline, width = outline_path(path, index, watermark.WATERMARK_TEXT, watermark.WATERMARK_UNITS)
    assert outline == watermark.WATERMARK_PATH and round(width) == watermark.WATERMARK_WIDTH
