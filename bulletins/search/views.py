"""The search page and its suggestions (thin: parsing and visibility live in ``service``)."""

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from bulletins.models import IssueState, ItemKind, ItemState, Publication, Unit

from . import service
from .models import Kind


@login_required
@require_GET
def search(request):
    results = service.search(request.user, request.GET)
    keep = request.GET.copy()
    keep.pop("page", None)
    return render(request, "search/results.html", {
        "q": request.GET.get("q", ""),
        "results": results,
        "page": results.page,
        "query": keep.urlencode(),
        "params": request.GET,
        "kinds": Kind.choices,
        "publications": Publication.objects.order_by("id"),
        "units": Unit.objects.order_by("order", "id"),
        "item_kinds": ItemKind.objects.filter(active=True),
        "states": [*ItemState.choices, *[(v, l) for v, l in IssueState.choices]],
    })


@login_required
@require_GET
def suggest(request):
    return JsonResponse({"suggestions": service.suggestions(request.user, request.GET.get("q", ""))})
