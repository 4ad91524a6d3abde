"""WeasyPrint as the newspaper's two passes call it, with what repeats between
renders kept: the parsed stylesheet (with its @font-face rules loaded into the
shared font configuration of ``engine``) and the decoded photos.

Photos reach WeasyPrint by name (``photo:<sha256 of the JPEG>``) through the
shared fetcher (``fetcher``, as every render does) instead of as data: URIs,
so the HTML stays small and a photo already decoded in an earlier render is
taken from the image cache.
"""

import functools
import threading

from .. import engine
from ..fetcher import PHOTO_SCHEME

_IMAGE_CACHE_LIMIT = 64  # WeasyPrint entries (two or so per photo, ~0.2 MB each)

_image_cache = {}
_image_cache_lock = threading.Lock()


def photo_url(image):
    """The URL a ``photos.PrintImage`` is drawn from in the final pass."""
    return PHOTO_SCHEME + image.name


def render(html, css, photos=()):
    """Lay out ``html`` styled by ``css`` (a stylesheet's text); ``photos`` are
    the ``photos.PrintImage`` the HTML refers to by ``photo_url``."""
    resources = {photo_url(image): image.data for image in photos}
    return engine.render_html(html, [_stylesheet(css)], resources=resources, cache=_images())


@functools.lru_cache(maxsize=4)
def _stylesheet(css):
    return engine.stylesheet(css)


def _images():
    # One dict for every render: WeasyPrint only adds to it, so it is emptied
    # now and then (photos are keyed by their bytes' hash: never stale).
    with _image_cache_lock:
        if len(_image_cache) > _IMAGE_CACHE_LIMIT:
            _image_cache.clear()
    return _image_cache
