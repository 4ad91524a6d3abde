"""Typesetting: issue in, PDF bytes out. Apart from the web; reads models, writes nothing."""


class RenderError(Exception):
    """A render that failed, with a Chinese message naming the item it was laying out."""

    def __init__(self, message, item_id=None):
        super().__init__(message)
        self.item_id = item_id


class RenderedPDF(bytes):
    """PDF bytes that also carry the layout's remarks for the editor (Chinese,
    one per entry: a story moved to a later page, a page added). Plain bytes
    everywhere else, so callers that only want the file need not care."""

    notes = ()
    problems = ()  # the notes the editor must decide on (a story left out, an empty page, a photo not placed)

    @classmethod
    def with_notes(cls, data, notes, problems=()):
        pdf = cls(data)
        pdf.notes = tuple(notes)
        pdf.problems = tuple(problems)
        return pdf


def render_issue_pdf(issue, *, final=None):
    """Render an issue to PDF bytes (a ``RenderedPDF``) in its publication's house layout.

    ``final`` False adds the diagonal 样稿 watermark; by default an issue is
    final only once published. The notes name any character that printed as
    a box (``glyphs``). The render runs within ``limits``' time and memory
    limits; when it stops there, ``RenderError`` names the item being laid out.
    """
    from ..models import IssueState
    from . import fonts, glyphs, limits

    if final is None:
        final = issue.state == IssueState.PUBLISHED
    fonts.font_set()  # WeasyPrint loaded and the fonts found before the clock starts (once per process)
    try:
        with limits.limited(), glyphs.watch() as boxes:
            if issue.publication.is_newspaper:
                from .newspaper import typeset_newspaper

                typeset = typeset_newspaper(issue, final=final)
                pdf, notes, problems = typeset.pdf, list(typeset.plan.notes), list(typeset.plan.problems)
            else:
                from .bulletin import render_bulletin

                pdf = render_bulletin(issue, final=final)  # a RenderedPDF with the layout notes
                notes, problems = list(pdf.notes), list(pdf.problems)
    except limits.RenderLimitExceeded as exc:
        raise RenderError(failure_message(issue, str(exc), exc.item_id), exc.item_id) from exc
    from . import fetcher

    # A box in print, or an image left out, is a problem to fix before sign-off.
    found = glyphs.notes(issue, boxes) + fetcher.notes(issue)
    return RenderedPDF.with_notes(pdf, notes + found, problems + found)


def failure_message(issue, reason, item_id=None):
    """'稿件《…》排版超过时间上限（30秒）' — the reason, with the item it happened in when known."""
    from . import limits

    item_id = item_id or limits.current_item_id()
    item = issue.items.filter(pk=item_id).first() if item_id else None
    if item is None:
        return reason
    return f"稿件《{item.title}》{reason}，请检查该稿件（如过大的表格、过长的正文）"
