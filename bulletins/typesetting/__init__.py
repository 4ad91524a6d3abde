"""Typesetting: issue in, PDF bytes out. Apart from the web; reads models, writes nothing."""


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
    final only once published.
    """
    from ..models import IssueState

    if final is None:
        final = issue.state == IssueState.PUBLISHED
    if issue.publication.is_newspaper:
        from .newspaper import typeset_newspaper

        typeset = typeset_newspaper(issue, final=final)
        return RenderedPDF.with_notes(typeset.pdf, typeset.plan.notes, typeset.plan.problems)
    from .bulletin import render_bulletin

    return render_bulletin(issue, final=final)  # a RenderedPDF with the layout notes
