"""One way to cut a list into pages: the page, and the query string that keeps
the user's filters on the links to the other pages."""

from django.core.paginator import Paginator


def paginate(request, queryset, per_page, param="page"):
    page = Paginator(queryset, per_page).get_page(request.GET.get(param))
    keep = request.GET.copy()
    keep.pop(param, None)
    return page, keep.urlencode()
