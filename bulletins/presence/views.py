"""The page's pings and lock buttons: small JSON endpoints (POST, CSRF-checked)."""

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from . import sessions
from .models import EditingSession

PAGES = set(EditingSession.Page.values)


def _target(request):
    obj = sessions.resolve(request.user, request.POST.get("kind"), request.POST.get("id"))
    client = (request.POST.get("client") or "")[:40]
    return obj, client


def _refused(message, status):
    return JsonResponse({"error": message}, status=status)


@login_required
@require_POST
def ping(request):
    obj, client = _target(request)
    if obj is None:
        return _refused("找不到该内容，或您没有权限查看。", 404)
    if not client:
        return _refused("请求不完整，请刷新页面。", 400)
    page = request.POST.get("page")
    sessions.ping(request.user, obj, client, page if page in PAGES else EditingSession.Page.EDIT)
    return JsonResponse(sessions.state(request.user, obj))


@login_required
@require_POST
def leave(request):
    client = (request.POST.get("client") or "")[:40]
    sessions.leave(request.user, client)
    return JsonResponse({"ok": True})


LOCK_STEPS = {"take": sessions.take, "release": sessions.release, "ask": sessions.ask, "break": sessions.break_lock}
LOCK_DONE = {"take": "您已声明“我来编辑”。", "release": "已解除锁定。", "ask": "已请锁定人让出编辑。", "break": "已解除锁定，并已记录。"}


@login_required
@require_POST
def lock(request):
    obj, _ = _target(request)
    if obj is None:
        return _refused("找不到该内容，或您没有权限查看。", 404)
    step = LOCK_STEPS.get(request.POST.get("action"))
    if step is None:
        return _refused("未知的操作。", 400)
    try:
        step(request.user, obj)
    except sessions.LockError as error:
        return JsonResponse({**sessions.state(request.user, obj), "error": str(error)}, status=409)
    return JsonResponse({**sessions.state(request.user, obj), "message": LOCK_DONE[request.POST["action"]]})
