"""Storing the final PDF of a published issue."""

import hashlib

from django.core.files.base import ContentFile

from .typesetting import render_issue_pdf


def store_final_pdf(issue):
    """Render the issue without the 样稿 watermark and keep it with its SHA-256.

    Called inside the publish transition's transaction: if rendering fails,
    the issue is not published.
    """
    pdf_bytes = render_issue_pdf(issue, final=True)
    issue.pdf_sha256 = hashlib.sha256(pdf_bytes).hexdigest()
    filename = f"{issue.publication.slug}-{issue.year}-{issue.number:03d}.pdf"
    issue.pdf.save(filename, ContentFile(pdf_bytes), save=False)
