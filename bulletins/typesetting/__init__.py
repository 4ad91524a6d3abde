"""Typesetting: issue in, PDF bytes out. Apart from the web; reads models, writes nothing."""


def render_issue_pdf(issue, *, final=None):
    """Render an issue to PDF bytes in its publication's house layout.

    ``final`` False adds the diagonal 样稿 watermark; by default an issue is
    final only once published.
    """
    from ..models import IssueState

    if final is None:
        final = issue.state == IssueState.PUBLISHED
    if issue.publication.is_newspaper:
        from .newspaper import render_newspaper

        return render_newspaper(issue, final=final)
    from .bulletin import render_bulletin

    return render_bulletin(issue, final=final)
