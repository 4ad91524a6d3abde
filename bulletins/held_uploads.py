"""Uploads held across a save conflict: the photos (with captions and credits)
and the original file a user chose on a form that could not be saved are kept in
storage and in the user's session until they decide on the conflict page — saved
with their version, or dropped with it."""

import posixpath
import uuid

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.datastructures import MultiValueDict

SESSION_KEY = "held_uploads"
FIELD = "held_uploads"
FOLDER = "held"
KEPT_FIELDS = ("photos-", "original_file")


def _kept(name):
    return name.startswith(KEPT_FIELDS)


def hold(request, item):
    """Keep this request's photo rows and files for ``item``; return the token (None if nothing to keep)."""
    previous = restore(request, item)
    if previous is not None:
        return previous.token  # a second conflict: what was held is still held
    files = {name: upload for name, upload in request.FILES.items() if _kept(name)}
    post = {name: request.POST.getlist(name) for name in request.POST if _kept(name)}
    if not files and not _photo_rows_changed(post):
        return None
    token = uuid.uuid4().hex
    stored = {}
    for name, upload in files.items():
        path = default_storage.save(f"{FOLDER}/{request.user.pk}/{token}/{posixpath.basename(upload.name)}", upload)
        stored[name] = {"path": path, "name": upload.name, "content_type": upload.content_type}
    held = request.session.get(SESSION_KEY, {})
    held[token] = {"item": item.pk, "post": post, "files": stored}
    request.session[SESSION_KEY] = held
    return token


def _photo_rows_changed(post):
    """Captions, credits, order or deletions typed into the photo rows (not just the empty management form)."""
    return any(
        name.endswith(("-caption", "-credit", "-DELETE")) and any(v.strip() for v in values)
        for name, values in post.items()
    )


class Held:
    def __init__(self, token, entry):
        self.token = token
        self.post = entry["post"]
        self.files = entry["files"]

    def uploads(self):
        """The held files as uploads a form can validate again."""
        files = MultiValueDict()
        for name, meta in self.files.items():
            if default_storage.exists(meta["path"]):
                with default_storage.open(meta["path"], "rb") as stored:
                    files[name] = SimpleUploadedFile(meta["name"], stored.read(), meta["content_type"])
        return files

    def described(self):
        """What is held, for the conflict page: 图片 x.jpg（说明：…；摄影：…）, 原稿附件 y.docx."""
        lines = []
        for name, meta in sorted(self.files.items()):
            if name == "original_file":
                lines.append(f"原稿附件 {meta['name']}")
            else:
                prefix = name.rsplit("-", 1)[0]
                caption = (self.post.get(f"{prefix}-caption") or [""])[0]
                credit = (self.post.get(f"{prefix}-credit") or [""])[0]
                extra = "；".join(part for part in (caption and f"说明：{caption}", credit and f"摄影：{credit}") if part)
                lines.append(f"图片 {meta['name']}" + (f"（{extra}）" if extra else ""))
        if not self.files and _photo_rows_changed(self.post):
            lines.append("图片说明、摄影者或顺序的修改")
        return lines


def restore(request, item):
    """What the posted token holds for ``item`` and this user, or None."""
    token = request.POST.get(FIELD, "")
    entry = request.session.get(SESSION_KEY, {}).get(token)
    if not entry or entry["item"] != item.pk:
        return None
    return Held(token, entry)


def restore_token(request, item, token):
    """The Held entry for a token just returned by ``hold`` (None when nothing is held)."""
    entry = request.session.get(SESSION_KEY, {}).get(token or "")
    return Held(token, entry) if entry and entry["item"] == item.pk else None


def merged(request, held):
    """The request's data with the held photo rows and files put back."""
    data = request.POST.copy()
    files = request.FILES.copy()
    if held is not None:
        for name, values in held.post.items():
            data.setlist(name, values)
        for name, upload in held.uploads().lists():
            if name not in files:
                files.setlist(name, upload)
    return data, files


def release(request, held):
    """The user has decided: forget what was held and delete its files."""
    if held is None:
        return
    for meta in held.files.values():
        default_storage.delete(meta["path"])
    entries = request.session.get(SESSION_KEY, {})
    entries.pop(held.token, None)
    request.session[SESSION_KEY] = entries
