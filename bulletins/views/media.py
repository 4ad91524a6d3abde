"""Uploaded files: served only through a permission check, and the rich-text editor's image upload.

Nothing under MEDIA_ROOT is public. Each top folder belongs to one kind of
object, and a file is served only if the user may see that object.
"""

import mimetypes
import posixpath

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, JsonResponse
from django.views.decorators.http import require_POST

from .. import roles
from ..models import Issue, IssueState, ItemImage, RenderJob
from ..uploads import clean_image

INLINE_FOLDER = "inline"  # images pasted or uploaded into the rich-text editor: inline/<user id>/<random>.jpg


def _normalised(path):
    clean = posixpath.normpath(path).lstrip("/")
    if clean.startswith("..") or clean != path or "\\" in clean or "\x00" in clean:
        raise Http404
    return clean


def _may_read(user, name):
    folder = name.split("/", 1)[0]
    if folder == "photos":
        item_ids = ItemImage.objects.filter(image=name).values_list("item_id", flat=True)
        return roles.visible_items(user).filter(pk__in=item_ids).exists()
    if folder == "originals":
        return roles.visible_items(user).filter(original_file=name).exists()
    if folder == INLINE_FOLDER:
        parts = name.split("/")
        if len(parts) == 3 and parts[1] == str(user.pk):
            return True  # the uploader, before the item is even saved
        if roles.is_desk_member(user) or roles.is_administrator(user):
            return True
        return roles.visible_items(user).filter(body__contains=name).exists()
    if folder == "issues":
        issue = Issue.objects.filter(pdf=name).first()
        if issue is None:
            return False
        return roles.is_desk_member(user) or roles.is_administrator(user) or issue.state == IssueState.PUBLISHED
    if folder == "renders":
        return (roles.is_desk_member(user) or roles.is_administrator(user)) and RenderJob.objects.filter(pdf=name).exists()
    return False


@login_required
def protected_media(request, path):
    name = _normalised(path)
    if not _may_read(request.user, name) or not default_storage.exists(name):
        raise Http404
    content_type, _ = mimetypes.guess_type(name)
    inline = (content_type or "").startswith("image/") or content_type == "application/pdf"
    response = FileResponse(
        default_storage.open(name, "rb"),
        content_type=content_type or "application/octet-stream",
        as_attachment=not inline,
        filename=posixpath.basename(name),
    )
    response["Cache-Control"] = "private, max-age=600"
    if content_type != "application/pdf":  # the browser's PDF viewer does not run in a sandbox
        response["Content-Security-Policy"] = "sandbox; default-src 'none'; img-src 'self'"
    return response


def _json_error(message, status):
    return JsonResponse({"error": {"message": message}}, status=status)


@require_POST
def editor_image_upload(request):
    """CKEditor 5's simple-upload endpoint: only for users who may write items; the image is re-encoded."""
    user = request.user
    if not user.is_authenticated:
        return _json_error("请先登录。", 403)
    if not roles.can_create_item(user):
        return _json_error("您没有权限上传图片。", 403)
    upload = request.FILES.get("upload")
    if upload is None:
        return _json_error("没有收到图片文件。", 400)
    try:
        image = clean_image(upload)
    except ValidationError as error:
        return _json_error(error.messages[0], 400)
    name = default_storage.save(f"{INLINE_FOLDER}/{user.pk}/{image.name}", image)
    return JsonResponse({"url": default_storage.url(name)})
