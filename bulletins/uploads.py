"""Checks on uploaded files: judged by their content, not by their name.

Images are opened and verified with Pillow, then re-encoded: the camera's
EXIF (location, device) is dropped, the picture is turned upright and its long
side capped. Attachments must really be what their extension says.
"""

import io
import os
import uuid
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

IMAGE_FORMATS = {"JPEG", "PNG", "GIF", "WEBP", "BMP", "TIFF", "MPO"}
MAX_IMAGE_SIDE = 3000  # px; plenty for print at the sizes a bulletin uses
MAX_IMAGE_PIXELS = 60_000_000  # refuse decompression bombs before decoding

ATTACHMENT_EXTENSIONS = (".docx", ".doc", ".pdf", ".wps", ".txt")
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc and .wps are OLE2 compound files


def _megabytes(n):
    return f"{n / (1024 * 1024):.0f}MB"


def clean_image(upload):
    """Return a re-encoded ContentFile of an uploaded image, or raise ValidationError."""
    limit = settings.NEWSROOM_MAX_IMAGE_BYTES
    if upload.size > limit:
        raise ValidationError(f"图片“{upload.name}”超过{_megabytes(limit)}，请压缩后再上传。")
    try:
        upload.seek(0)
        probe = Image.open(upload)
        if probe.format not in IMAGE_FORMATS:
            raise ValidationError(f"“{upload.name}”不是支持的图片格式（请用JPG或PNG）。")
        if probe.width * probe.height > MAX_IMAGE_PIXELS:
            raise ValidationError(f"图片“{upload.name}”像素过大，请缩小后再上传。")
        probe.verify()
        upload.seek(0)
        image = Image.open(upload)
        image.load()
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(f"“{upload.name}”不是有效的图片文件。")

    image = ImageOps.exif_transpose(image)
    image.thumbnail((MAX_IMAGE_SIDE, MAX_IMAGE_SIDE))
    keeps_transparency = image.mode in ("RGBA", "LA", "P") and (
        image.mode != "P" or "transparency" in image.info
    )
    out = io.BytesIO()
    if keeps_transparency:
        image.convert("RGBA").save(out, "PNG", optimize=True)
        ext = ".png"
    else:
        image.convert("RGB").save(out, "JPEG", quality=88, optimize=True)
        ext = ".jpg"
    # A fresh random name: the uploader's file name never reaches the disk.
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}{ext}")


def _looks_like_docx(upload):
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False
    finally:
        upload.seek(0)


def _looks_like_text(head):
    if b"\x00" in head:
        return False
    for encoding in ("utf-8", "gb18030"):
        try:
            head.decode(encoding)
            return True
        except UnicodeDecodeError:
            # the sample may end in the middle of a character
            try:
                head[:-3].decode(encoding)
                return True
            except UnicodeDecodeError:
                continue
    return False


def clean_attachment(upload):
    """Check an original file (.docx/.doc/.pdf/.wps/.txt) by size and content; return it renamed."""
    limit = settings.NEWSROOM_MAX_ATTACHMENT_BYTES
    name = os.path.basename(upload.name or "")
    ext = os.path.splitext(name)[1].lower()
    if ext not in ATTACHMENT_EXTENSIONS:
        raise ValidationError("原稿附件只能是 Word（.docx/.doc）、WPS（.wps）、PDF 或纯文本（.txt）文件。")
    if upload.size > limit:
        raise ValidationError(f"原稿附件超过{_megabytes(limit)}，请压缩后再上传。")
    upload.seek(0)
    head = upload.read(4096)
    upload.seek(0)
    ok = {
        ".docx": lambda: _looks_like_docx(upload),
        ".doc": lambda: head.startswith(OLE2_MAGIC),
        ".wps": lambda: head.startswith(OLE2_MAGIC),
        ".pdf": lambda: head.startswith(b"%PDF-"),
        ".txt": lambda: _looks_like_text(head),
    }[ext]()
    if not ok:
        raise ValidationError(f"“{name}”的内容与扩展名{ext}不符，文件可能已损坏或被改名。")
    stem = os.path.splitext(name)[0][:60] or "original"
    return ContentFile(upload.read(), name=f"{stem}-{uuid.uuid4().hex[:8]}{ext}")
