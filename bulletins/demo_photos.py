"""Stand-in news photos for demo data and benchmarks: large, noisy camera-like
JPEGs (so that downsampling to print resolution matters), drawn with Pillow."""

import io
import random

from PIL import Image, ImageDraw, ImageFilter


def make_photo_jpeg(seed, size=(3000, 2000), quality=92):
    """JPEG bytes of a soft landscape-like picture with sensor noise; same seed, same bytes."""
    rng = random.Random(seed)
    width, height = size
    # A few coloured blobs blown up from a tiny image: sky, ground, shapes.
    small = Image.new("RGB", (12, 8))
    sky = (rng.randint(90, 160), rng.randint(140, 200), rng.randint(200, 250))
    ground = (rng.randint(60, 140), rng.randint(90, 160), rng.randint(40, 90))
    for y in range(8):
        for x in range(12):
            base = sky if y < 3 + rng.random() * 2 else ground
            small.putpixel((x, y), tuple(max(0, min(255, c + rng.randint(-40, 40))) for c in base))
    picture = small.resize(size, Image.Resampling.BICUBIC)
    draw = ImageDraw.Draw(picture)
    for _ in range(6):  # buildings, people, trees: blocks of colour
        x0, y0 = rng.randint(0, width - 200), rng.randint(height // 3, height - 200)
        x1, y1 = x0 + rng.randint(100, width // 4), y0 + rng.randint(100, height // 2)
        draw.rectangle((x0, y0, x1, y1), fill=tuple(rng.randint(30, 230) for _ in range(3)))
    picture = picture.filter(ImageFilter.GaussianBlur(6))
    noise = Image.frombytes("L", size, rng.randbytes(width * height)).convert("RGB")
    picture = Image.blend(picture, noise, 0.18)
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=quality)
    return out.getvalue()
