from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from .. import roles
from ..models import Issue
from ..typesetting import render_issue_pdf


@login_required
def issue_pdf(request, pk):
    if not (roles.is_desk_member(request.user) or roles.is_administrator(request.user)):
        raise PermissionDenied
    issue = get_object_or_404(Issue, pk=pk)
    if issue.pdf:
        data = issue.pdf.read()
    else:
        data = render_issue_pdf(issue)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="issue-{issue.pk}.pdf"'
    return response
