"""The one URL fetcher of every WeasyPrint call: rendering reads only what the
project owns, and never the network.

It serves
- resources the layout hands over by name (``photo:<sha256>``: photos already
  cropped and downsampled for print);
- the project's own media and static files, read from storage: stored HTML
  refers to them by path (``/media/inline/…`` pasted into the editor) and is
  laid out against ``BASE_URL``, a base that is never contacted;
- the font files the font set chose (``file:`` URLs in @font-face rules);

and refuses everything else — any other host, scheme, file or folder — with
an error WeasyPrint logs and skips (the image simply does not print; the
desk's layout notes say which one, see ``notes``).
"""

import functools
import mimetypes
import posixpath
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings

#: Relative URLs in stored HTML resolve against this; ``.invalid`` can never resolve (RFC 6761).
BASE_URL = "https://newsroom.invalid/"
PHOTO_SCHEME = "photo:"

#: Media folders whose files may print: photos of items and images pasted into bodies.
PRINTABLE_MEDIA_FOLDERS = ("photos", "inline")
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp")
STATIC_SUFFIXES = IMAGE_SUFFIXES + (".svg", ".css", ".otf", ".ttf", ".woff", ".woff2")
FONT_SUFFIXES = (".otf", ".ttf", ".ttc", ".otc", ".woff", ".woff2")
MAX_BYTES = 25 * 1024 * 1024  # no single resource bigger than this is read


class RefusedURL(ValueError):
    """A URL rendering does not read (WeasyPrint logs it and leaves the image out)."""


_allowed_font_files = set()
_font_lock = threading.Lock()


def allow_font_files(paths):
    """Let @font-face rules load these font files (``fonts`` registers its choices)."""
    with _font_lock:
        _allowed_font_files.update(str(Path(p).resolve()) for p in paths)


def own_media_name(url):
    """The storage name of a printable media file ``url`` points to, or None.

    Accepts a path (``/media/inline/3/a.png``), the same under ``BASE_URL``, or
    under a host this site answers to (``ALLOWED_HOSTS``: an editor pasting a
    full address from the desk) — all read from storage, none fetched.
    """
    path = _own_path(url)
    if path is None:
        return None
    media = settings.MEDIA_URL
    if not path.startswith(media):
        return None
    name = _safe_name(path[len(media):])
    if name is None or name.split("/", 1)[0] not in PRINTABLE_MEDIA_FOLDERS:
        return None
    if not name.lower().endswith(IMAGE_SUFFIXES):
        return None
    return name


def own_static_name(url):
    path = _own_path(url)
    if path is None or not path.startswith(settings.STATIC_URL):
        return None
    name = _safe_name(path[len(settings.STATIC_URL):])
    if name is None or not name.lower().endswith(STATIC_SUFFIXES):
        return None
    return name


def is_printable(url):
    """True when rendering would read ``url`` (a photo by name, own media or static file)."""
    return url.startswith(PHOTO_SCHEME) or bool(own_media_name(url) or own_static_name(url))


def _own_path(url):
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme or parts.netloc:
        if parts.scheme not in ("http", "https") or not _own_host(parts.hostname or ""):
            return None
    if parts.query or parts.fragment:
        return None
    return unquote(parts.path)


def _own_host(host):
    if host == urlsplit(BASE_URL).hostname:
        return True
    # Only names the site is configured to answer to; never a wildcard.
    return host in {h.strip("[]").lower() for h in settings.ALLOWED_HOSTS if h and "*" not in h and not h.startswith(".")}


def _safe_name(name):
    if not name or "\\" in name or "\x00" in name:
        return None
    clean = posixpath.normpath(name)
    if clean != name or clean.startswith((".", "/")):
        return None
    return clean


def _read_media(name):
    from django.core.files.storage import default_storage

    if not default_storage.exists(name) or default_storage.size(name) > MAX_BYTES:
        raise RefusedURL(f"媒体文件不存在或过大：{name}")
    with default_storage.open(name, "rb") as handle:
        return handle.read()


def _read_static(name):
    from django.contrib.staticfiles import finders
    from django.contrib.staticfiles.storage import staticfiles_storage

    found = finders.find(name)
    if found:
        path = Path(found)
        if path.stat().st_size > MAX_BYTES:
            raise RefusedURL(f"静态文件过大：{name}")
        return path.read_bytes()
    if staticfiles_storage.exists(name):
        with staticfiles_storage.open(name, "rb") as handle:
            return handle.read(MAX_BYTES + 1)[:MAX_BYTES]
    raise RefusedURL(f"静态文件不存在：{name}")


def _font_file(url):
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return None
    path = str(Path(unquote(parts.path)).resolve())
    with _font_lock:
        allowed = path in _allowed_font_files
    if allowed and path.lower().endswith(FONT_SUFFIXES):
        return path
    return None


@functools.lru_cache(maxsize=1)
def fetcher_class():
    """The fetcher class (built lazily: WeasyPrint is imported by ``engine.prepare``)."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class OwnFilesFetcher(URLFetcher):
        """Serves named resources, own media/static files and chosen fonts; refuses the rest."""

        def __init__(self, resources=None):
            # No handlers are used: ``fetch`` never calls the opener.
            super().__init__(allowed_protocols=())
            self.resources = dict(resources or {})
            self.refused = []

        def fetch(self, url, headers=None):
            if url in self.resources:
                return URLFetcherResponse(url, self.resources[url], {"Content-Type": "image/jpeg"})
            media = own_media_name(url)
            if media:
                return URLFetcherResponse(url, _read_media(media), {"Content-Type": _type(media)})
            static = own_static_name(url)
            if static:
                return URLFetcherResponse(url, _read_static(static), {"Content-Type": _type(static)})
            font = _font_file(url)
            if font:
                return URLFetcherResponse(url, Path(font).read_bytes(), {"Content-Type": "font/otf"})
            self.refused.append(url)
            raise RefusedURL(f"排版不读取本系统以外的地址：{url}")

        def open(self, url, data=None, timeout=None):
            return self.fetch(getattr(url, "full_url", url))

    return OwnFilesFetcher


def make_fetcher(resources=None):
    """A fetcher for one render; ``resources`` maps names (``photo:…``) to bytes."""
    return fetcher_class()(resources)


def _type(name):
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


def notes(issue):
    """A layout note (Chinese) for every image in an item's body that rendering
    will not read — an outside address, or a file that is not the project's."""
    from html.parser import HTMLParser

    class Sources(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.sources = []

        def handle_starttag(self, tag, attrs):
            if tag == "img":
                self.sources.append(dict(attrs).get("src") or "")

    result = []
    for item in issue.ordered_items():
        parser = Sources()
        parser.feed(item.body or "")
        for src in dict.fromkeys(parser.sources):
            if not is_printable(src):
                shown = src if len(src) <= 80 else src[:77] + "…"
                result.append(f"稿件《{item.title}》中的图片“{shown}”不是本系统保存的文件，排版不读取，不会印出：请上传图片本身。")
    return result
