"""Photos for print: cropped to the frame the layout gives them and downsampled
to print resolution before WeasyPrint embeds them (a 3000×2000 camera JPEG
printed 11 cm wide needs ~1300 px, not 3000). The JPEG bytes made here are
embedded in the PDF as they are (WeasyPrint does not re-encode a JPEG)."""

import hashlib
import io
from collections import OrderedDict
from dataclasses import dataclass

from PIL import Image, ImageOps

PRINT_DPI = 300
JPEG_QUALITY = 85
_CACHE_SIZE = 64
_cache = OrderedDict()  # warm renders reuse the downsampled bytes


def image_size(field):
    """(width, height) of an ImageField's file, upright (EXIF orientation applied)."""
    with field.open("rb") as handle:
        with Image.open(handle) as image:
            width, height = image.size
            orientation = image.getexif().get(0x0112, 1)
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)


@dataclass(frozen=True)
class PrintImage:
    """A photo ready for print: JPEG bytes, and a name for them that changes
    whenever they do (the print layout fetches the bytes by that name)."""

    name: str
    data: bytes


def print_image(field, width_pt, height_pt):
    """The photo cropped to ``width_pt``×``height_pt`` at PRINT_DPI, as a ``PrintImage``."""
    target = (max(1, round(width_pt / 72 * PRINT_DPI)), max(1, round(height_pt / 72 * PRINT_DPI)))
    key = (field.name, _file_stamp(field), target)
    if key in _cache:
        _cache.move_to_end(key)
        return _cache[key]
    with field.open("rb") as handle:
        data = _downsample(handle.read(), target)
    image = PrintImage(hashlib.sha256(data).hexdigest(), data)
    _cache[key] = image
    while len(_cache) > _CACHE_SIZE:
        _cache.popitem(last=False)
    return image


def _file_stamp(field):
    storage = field.storage
    try:
        return (storage.size(field.name), storage.get_modified_time(field.name).timestamp())
    except (NotImplementedError, OSError):
        return None


def _downsample(data, target):
    with Image.open(io.BytesIO(data)) as image:
        if image.format == "JPEG":
            # Let the decoder scale down by 1/2, 1/4, 1/8 first: much faster.
            image.draft("RGB", (target[0], target[1]))
        image = ImageOps.exif_transpose(image).convert("RGB")
        # Never upsample: a photo smaller than the frame keeps its own pixels.
        size = target if image.width >= target[0] and image.height >= target[1] else _same_aspect_within(image.size, target)
        fitted = ImageOps.fit(image, size, method=Image.Resampling.LANCZOS)
        out = io.BytesIO()
        fitted.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
        return out.getvalue()


def _same_aspect_within(size, target):
    """The largest size with ``target``'s aspect ratio that fits inside ``size``."""
    width, height = size
    ratio = target[0] / target[1]
    if width / height > ratio:
        return (max(1, round(height * ratio)), height)
    return (width, max(1, round(width / ratio)))
