"""Storing the final PDF of a published issue."""

import hashlib

from django.core.files.base import ContentFile

from .typesetting import RenderError, render_issue_pdf


class LayoutProblems(Exception):
    """The final layout has problems (a story left out, an empty page, a photo
    not placed) that the 责任编辑 has not accepted."""


def store_final_pdf(issue, problems_accepted=False):
    """Render the issue without the 样稿 watermark and keep it with its SHA-256.

    Called inside the publish transition's transaction: if rendering fails,
    or the layout has problems not ``problems_accepted``, nothing is stored
    and the issue is not published.
    """
    try:
        pdf_bytes = render_issue_pdf(issue, final=True)
    except RenderError as failure:  # past the render's limits: the issue stays unpublished
        from .workflow import WorkflowError

        raise WorkflowError(f"印发失败：{failure}。") from failure
    problems = getattr(pdf_bytes, "problems", ())
    if problems and not problems_accepted:
        raise LayoutProblems(
            "版面有待决定的问题，责任编辑“接受版面提示”后才能印发：" + "；".join(problems)
        )
    issue.pdf_sha256 = hashlib.sha256(pdf_bytes).hexdigest()
    filename = f"{issue.publication.slug}-{issue.year}-{issue.number:03d}.pdf"
    issue.pdf.save(filename, ContentFile(pdf_bytes), save=False)
