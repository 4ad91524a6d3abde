"""Turning an attached .docx into the item's body: mammoth, then the nh3 allowlist."""

import re
import zipfile

import mammoth

from .sanitize import clean_html

MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024  # a zip bomb is refused before mammoth reads it


class ImportFailed(Exception):
    """The file cannot be imported; the message is shown to the user."""


def docx_to_html(fileobj):
    """Return sanitised HTML of a .docx file's text (images and styles left out)."""
    try:
        with zipfile.ZipFile(fileobj) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNCOMPRESSED_BYTES:
                raise ImportFailed("附件解压后过大，无法导入。")
        fileobj.seek(0)
        result = mammoth.convert_to_html(fileobj)
    except ImportFailed:
        raise
    except Exception:
        raise ImportFailed("附件无法读取，请确认是 Word 2007 及以上的 .docx 文件。")
    # Photos are attached separately with caption and credit; inline copies are left out.
    html = clean_html(re.sub(r"<img[^>]*>", "", result.value))
    if not html:
        raise ImportFailed("附件中没有可导入的正文。")
    return html

