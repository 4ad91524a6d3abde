"""Autosave endpoints for the item form's script (static/js/autosave.js)."""

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from ..views.errors import parse_id
from . import service


@require_POST
def autosave(request):
    if not request.user.is_authenticated:
        return JsonResponse({"error": "登录已过期，草稿副本未能自动保存，请重新登录后再保存。"}, status=403)
    item_id = request.POST.get("item") or None
    try:
        copy = service.store(request.user, parse_id(item_id, "稿件编号") if item_id else None, request.POST)
    except service.NotAllowed as error:
        return JsonResponse({"error": str(error)}, status=403)
    return JsonResponse({"saved_at": timezone.localtime(copy.saved_at).strftime("%H:%M:%S")})


@login_required
@require_POST
def discard(request):
    item_id = request.POST.get("item") or None
    service.discard(request.user, parse_id(item_id, "稿件编号") if item_id else None)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        target = "/"
    return redirect(target)
