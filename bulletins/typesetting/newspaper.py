"""上街时讯 layout (placeholder: replaced by the full GB/T 9704 layout)."""

from django.template.loader import render_to_string
from weasyprint import HTML


def render_newspaper(issue, *, final):
    html = render_to_string("print/placeholder.html", {"issue": issue, "final": final})
    return HTML(string=html).write_pdf()
