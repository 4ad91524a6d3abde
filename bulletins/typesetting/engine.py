"""WeasyPrint, loaded once per process the way the print layouts need it.

``prepare`` imports WeasyPrint without its slow library search and installs
the packed font embedding (``pdf_fonts``), justification at zero-width
break marks (``justify``) and the render limits (``limits``). ``fonts.font_set`` calls it, so
every render — bulletin or newspaper, first or hundredth — runs on the same
engine set-up.

``stylesheet`` keeps parsed print stylesheets for the life of the process,
``render_html`` lays out HTML with them and ``write_pdf`` writes the PDF with
each stream compressed once.
"""

import atexit
import ctypes.util
import functools
import sys
import threading
import zlib

_lock = threading.Lock()
_prepared = False

#: zlib level for PDF streams: twice as fast as WeasyPrint's 9, for a PDF 2–3 % larger.
COMPRESSION_LEVEL = 3


def prepare():
    """Import WeasyPrint (quickly) and install the packed font embedding and the
    justification at break marks, once per process (the patches' only caller)."""
    global _prepared
    with _lock:
        if _prepared:
            return
        if "weasyprint" not in sys.modules:
            _import_weasyprint()
        from . import justify, limits, pdf_fonts

        pdf_fonts.install()
        justify.install()
        limits.install()
        _prepared = True


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


@functools.lru_cache(maxsize=16)
def stylesheet(css):
    """``css`` parsed once per process (tokenising and indexing it costs more than applying it).

    Its @font-face rules are registered with the shared ``font_config``, so the
    stylesheet is good for every render of the process. Passed to
    ``render_html`` it counts as a user stylesheet: it still overrides the
    user-agent defaults, and inline ``style`` attributes still override it.
    """
    prepare()
    from weasyprint import CSS

    from .fetcher import BASE_URL, make_fetcher

    return CSS(string=css, font_config=font_config(), base_url=BASE_URL, url_fetcher=make_fetcher())


@atexit.register
def _release():
    # Let the font configuration remove its temporary font folder while the
    # interpreter is whole (at shutdown its clean-up finds its helpers gone).
    stylesheet.cache_clear()
    font_config.cache_clear()


def render_html(html, stylesheets=(), resources=None, cache=None):
    """Lay out print HTML. Every URL in it goes through ``fetcher``: the
    project's own media and static files (relative URLs resolve against
    ``fetcher.BASE_URL``, never contacted), ``resources`` by name (``photo:…``
    → bytes), the chosen fonts — and nothing else, never the network."""
    prepare()
    from weasyprint import HTML

    from .fetcher import BASE_URL, make_fetcher

    fetcher = make_fetcher(resources)
    options = {"cache": cache} if cache is not None else {}
    return HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).render(
        font_config=font_config(), stylesheets=list(stylesheets), **options
    )


def write_pdf(document, identifier):
    """PDF bytes of a rendered ``document``, deterministic for the same input."""
    return document.write_pdf(pdf_identifier=identifier, finisher=_compress_streams_once)


def _compress_streams_once(document, pdf):
    # pydyf compresses a stream each time it serialises it, and with a file
    # identifier it serialises every object twice (once more to hash them):
    # the fonts and pages would be deflated twice at level 9. Deflated here
    # once, they are written as they are.
    import pydyf

    to_bytes = getattr(pydyf, "_to_bytes", None)
    if to_bytes is None:  # pydyf changed shape: leave its own compression alone
        return
    for obj in pdf.objects:
        if isinstance(obj, pydyf.Stream) and obj.compress and "Filter" not in obj.extra:
            raw = b"\n".join(to_bytes(item) for item in obj.stream)
            obj.stream = [zlib.compress(raw, COMPRESSION_LEVEL)]
            obj.extra["Filter"] = "/FlateDecode"
            obj.compress = False
