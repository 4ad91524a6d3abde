"""Characters that print as boxes, told to the editor before sign-off.

WeasyPrint draws a .notdef box for a character no installed face has (after
the font stacks' last resort, HanaMinB and BabelStone Han, and fontconfig's
own fallback) and says so in a warning while it writes the PDF. ``watch``
collects those characters for the render running in this thread, and
``notes`` names, in Chinese, the item (or issue field) each one is in.
"""

import contextlib
import logging
import re
import threading

_NOTDEF = ".notdef glyph rendered"


class _Collector(logging.Handler):
    def __init__(self, thread_id):
        super().__init__(logging.WARNING)
        self.thread_id = thread_id
        self.codepoints = []

    def emit(self, record):
        if record.thread != self.thread_id or not str(record.msg).startswith(_NOTDEF):
            return
        args = record.args if isinstance(record.args, tuple) else ()
        codepoint = next((a for a in args if isinstance(a, int)), None)
        if codepoint is not None and codepoint not in self.codepoints:
            self.codepoints.append(codepoint)


@contextlib.contextmanager
def watch():
    """Yields the list of code points drawn as boxes by renders in this thread."""
    collector = _Collector(threading.get_ident())
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collector)
    try:
        yield collector.codepoints
    finally:
        logger.removeHandler(collector)


def notes(issue, codepoints):
    """One Chinese layout note per box, naming where the character is."""
    if not codepoints:
        return []
    places = _places(issue)
    result = []
    for codepoint in codepoints:
        char = chr(codepoint)
        where = [name for name, text in places if char in text] or ["本期"]
        result.append(
            f"{'、'.join(where)}中的字符“{char}”（U+{codepoint:04X}）没有可用的字体，会印成方框：请改用常用字或图片，或请管理员安装含该字的字体。"
        )
    return result


def _places(issue):
    places = [("总标题", issue.series_title), ("编者按", issue.editor_note)]
    for item in issue.ordered_items().prefetch_related("images"):
        captions = " ".join(f"{image.caption} {image.credit}" for image in item.images.all())
        text = " ".join([
            item.title, _strip_tags(item.body), item.attribution, item.kicker, item.subhead, item.dateline,
            item.byline, item.column_label, item.short_headline, captions,
        ])
        places.append((f"稿件《{item.title}》", text))
    return places


def _strip_tags(html):
    from html import unescape

    return unescape(re.sub(r"<[^>]+>", " ", html or ""))
