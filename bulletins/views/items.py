from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from .. import roles


@login_required
def item_detail(request, pk):
    item = get_object_or_404(roles.visible_items(request.user), pk=pk)
    return render(request, "bulletins/item_detail.html", {"item": item})
