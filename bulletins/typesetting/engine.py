"""WeasyPrint, loaded once per process the way the print layouts need it.

``prepare`` imports WeasyPrint without its slow library search and installs
the packed font embedding (``pdf_fonts``). ``fonts.font_set`` calls it, so
every render — bulletin or newspaper, first or hundredth — runs on the same
engine set-up.
"""

import ctypes.util
import functools
import sys
import threading

_lock = threading.Lock()


def prepare():
    """Import WeasyPrint (quickly) and install the packed font embedding; idempotent."""
    with _lock:
        if "weasyprint" not in sys.modules:
            _import_weasyprint()
    from . import pdf_fonts

    pdf_fonts.install()


def _import_weasyprint():
    # WeasyPrint tries each library under several names (libgobject-2.0-0,
    # gobject-2.0-0 … for every platform) and cffi hands each name that does
    # not load to ctypes.util.find_library, which on Linux runs gcc, ldconfig
    # and ld: some fifty processes and a quarter of a second per cold start.
    # The names that work on Linux are sonames the loader opens directly, so
    # the search is skipped — and done normally if that import fails.
    original = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        import weasyprint  # noqa: F401
    except OSError:
        for name in [m for m in sys.modules if m == "weasyprint" or m.startswith("weasyprint.")]:
            del sys.modules[name]
    finally:
        ctypes.util.find_library = original
    import weasyprint  # noqa: F401, F811  (a no-op when the quick import worked)


# One font configuration per process: fonts are loaded once, renders reuse them.
@functools.lru_cache(maxsize=1)
def font_config():
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def render_html(html):
    """Lay out print HTML (no base URL: print templates reference nothing external)."""
    prepare()
    from weasyprint import HTML

    return HTML(string=html, base_url=None).render(font_config=font_config())
