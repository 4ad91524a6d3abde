"""上街信息 layout: GB/T 9704-2012 bulletin page, issue in, PDF bytes out.

The issue is turned into a plain description (``build_document``), rendered
to HTML with ``print/bulletin.html`` and ``print/bulletin.css`` and typeset
by WeasyPrint. Chinese text gets its break points from ``cjk`` (zero-width
marks, stretched by ``justify``) so that lines are justified on the
28-character grid.
"""

import functools
import itertools
import re
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from .. import footer_block
from . import bulletin_fidelity, cjk, engine, watermark, words
from . import fonts as fonts_module
from .fonts import font_set

MM = 72 / 25.4  # pt per mm

#: GB/T 9704-2012: text block 156 × 225 mm, 28 characters × 22 lines of 3号 (16 pt).
TEXT_WIDTH_PT = 156 * MM
TEXT_HEIGHT_PT = 225 * MM
CHARS_PER_LINE = 28
LINES_PER_PAGE = 22
BODY_SIZE_PT = 16
FOOTER_SIZE_PT = 14  # 4号
SERIES_SIZE_PT = 22  # 2号
# A hair under the exact pitch so that 28 characters always fit one line.
PITCH_PT = TEXT_WIDTH_PT / CHARS_PER_LINE - 0.002
LINE_PT = round(TEXT_HEIGHT_PT / LINES_PER_PAGE - 0.0005, 3)

IDEOGRAPHIC_SPACE = "\u3000"


#: A justified line may stretch at most about ⅛ em per break point (3号: 2 pt).
LOOSE_LIMIT_PT = BODY_SIZE_PT / 8


def render_bulletin(issue, *, final):
    """PDF bytes of ``issue`` in the 上街信息 layout (a ``RenderedPDF`` carrying the layout notes);
    ``final`` False adds the 样稿 watermark."""
    return typeset_bulletin(issue, final=final).pdf


@dataclass
class Typeset:
    pdf: bytes
    layout: object  # bulletin_fidelity.Layout of the pages as printed
    passes: int


def typeset_bulletin(issue, *, final):
    """Lay the issue out, read the pages back, correct what a typesetter would (second pass), write the PDF.

    The first layout is read back (``bulletin_fidelity``); if it has a line
    stretched beyond ``LOOSE_LIMIT_PT`` before an attribution, a short last
    line opening a page, a table or figure off the line grid, or a page holding
    only the 版记, the description is adjusted and laid out again: the
    attribution may break inside its brackets, the paragraph keeps two lines
    together, the block is padded to whole lines, the 版记 is set tighter. A
    版记 that still stands alone goes on an even page of its own, unnumbered
    with the blank page before it (GB/T 9704 §7.5), and the editor is told.
    """
    from . import RenderedPDF

    sheet = engine.stylesheet(build_css(issue))
    photos = {}  # photo URL -> JPEG bytes, filled while the items are described
    doc = build_document(issue, final=final, photos=photos)
    _foresee(doc)  # most corrections are known before any layout: usually one pass is enough
    document, layout = _lay_out(doc, sheet, photos)
    passes = 1
    if _adjust(doc, layout):
        document = None  # one laid-out document in memory at a time
        document, layout = _lay_out(doc, sheet, photos)
        passes += 1
    if layout.footer_only_pages and not doc["footer_tight"]:
        doc["footer_tight"] = True
        document = None  # one laid-out document in memory at a time
        document, layout = _lay_out(doc, sheet, photos)
        passes += 1
    if layout.footer_only_pages and layout.footer_page % 2:
        # An odd page for the 版记 alone: it goes to the even page after, the blank between unnumbered.
        doc["footer_own_page"] = True
        doc["footer_tight"] = False  # on a page of its own it keeps its usual spacing
        document = None  # one laid-out document in memory at a time
        document, layout = _lay_out(doc, sheet, photos)
        passes += 1
    pdf = engine.write_pdf(document, b"newsroom-bulletin")
    return Typeset(RenderedPDF.with_notes(pdf, _notes(doc, layout)), layout, passes)


def _lay_out(doc, sheet, photos):
    html = render_to_string("print/bulletin.html", {"doc": doc})
    document = engine.render_html(html, stylesheets=[sheet], resources=photos)
    return document, bulletin_fidelity.read(document, line_pitch=LINE_PT, measure=TEXT_WIDTH_PT)


def _adjust(doc, layout):
    """Mark what the second pass corrects; True if anything was marked."""
    paragraphs = {p["number"]: p for item in doc["items"] for p in item["blocks"] if p["kind"] == "p"}
    blocks = {b["number"]: b for item in doc["items"] for b in item["blocks"] if b["kind"] == "block"}
    changed = False
    for line in layout.loose(LOOSE_LIMIT_PT):
        paragraph = paragraphs.get(line.paragraph)
        if paragraph and "attributed" in paragraph["classes"] and "attribution-breaks" not in paragraph["classes"]:
            paragraph["classes"].append("attribution-breaks")
            changed = True
    for line in layout.widows():
        paragraph = paragraphs.get(line.paragraph)
        if paragraph and "keep-widow" not in paragraph["classes"]:
            paragraph["classes"].append("keep-widow")
            changed = True
    for measured in layout.blocks:
        block = blocks.get(measured.number)
        if block is None:
            continue
        lines = -(-round(measured.height, 2) // LINE_PT)
        pad = lines * LINE_PT - measured.height
        if pad > 0.05:
            block["pad_pt"] = f"{pad:.3f}"
            changed = True
    if layout.footer_only_pages:
        doc["footer_tight"] = True
        changed = True
    return changed


def _foresee(doc):
    """Mark, before the first layout, what the lines of each paragraph will need.

    A paragraph's lines do not depend on where it falls on the page: its breaks
    are simulated on the grid (greedy, as Pango breaks), and an attribution
    that would leave its line stretched beyond ``LOOSE_LIMIT_PT`` may break
    inside its brackets; a paragraph whose last line is shorter than a third of
    the measure keeps two lines together should it cross a page. What the
    simulation gets wrong the second pass still corrects.
    """
    fonts = font_set()
    for item in doc["items"]:
        for block in item["blocks"]:
            if block["kind"] != "p":
                continue
            lines = _simulated_lines(str(block["html"]), fonts)
            if len(lines) > 1 and lines[-1][0] < CHARS_PER_LINE / 3:
                block["classes"].append("keep-widow")
            for (width, gaps, attribution_next), _ in zip(lines, lines[1:]):
                slack = (CHARS_PER_LINE - width) * PITCH_PT
                if attribution_next and gaps and slack / gaps > LOOSE_LIMIT_PT:
                    block["classes"].append("attribution-breaks")
                    break


_TOKEN = re.compile(r"<(/?)([a-z0-9]+)([^>]*)>|(.)", re.S)


def _simulated_lines(html, fonts):
    """[(width in pitches, break points, the next line opens inside the attribution)] of a paragraph."""
    atoms = []  # (width, break allowed after, inside the attribution)
    stack = []
    for closing, tag, attrs, ch in _TOKEN.findall(html):
        if tag:
            if closing:
                if stack:
                    stack.pop()
            else:
                stack.append(attrs)
            continue
        classes = " ".join(stack)
        if ch in (cjk.ZW_BREAK, cjk.ZW_KEEP):
            if atoms and ch == cjk.ZW_BREAK and not ("attribution" in classes and "attribution-breaks" not in classes):
                atoms[-1] = (atoms[-1][0], True, atoms[-1][2])
            continue
        if ch == " ":  # the space after a run-in title: one pitch, a break after it
            atoms.append((1.0, True, False))
            continue
        if "half" in classes:
            width = 0.5
        elif cjk.text_width(ch) == 1:
            width = 1.0
        else:
            width = _narrow_width(fonts, ch)
        atoms.append((width, False, "attribution" in classes))
    lines, start, capacity = [], 0, CHARS_PER_LINE - 2
    while start < len(atoms):
        width, end, last_break = 0.0, start, None
        while end < len(atoms) and width + atoms[end][0] <= capacity + 0.01:
            width += atoms[end][0]
            if atoms[end][1]:
                last_break = end
            end += 1
        if end < len(atoms) and last_break is not None:
            end = last_break + 1
        width = sum(a[0] for a in atoms[start:end])
        gaps = sum(1 for a in atoms[start:end - 1] if a[1])
        lines.append((width, gaps, end < len(atoms) and atoms[end][2]))
        start, capacity = end, CHARS_PER_LINE
    return lines


@functools.lru_cache(maxsize=512)
def _narrow_width_cached(path, index, ch):
    advance = fonts_module.space_advance_of(path, index, ch)
    return max(0.0, (advance * BODY_SIZE_PT - (BODY_SIZE_PT - PITCH_PT)) / PITCH_PT)


def _narrow_width(fonts, ch):
    face = fonts.roles["fang"]
    return _narrow_width_cached(str(face.path), face.index, ch)


def _notes(doc, layout):
    """排版提示 for the editor (Chinese, one a line)."""
    notes = []
    if layout.footer_only_pages:
        page = layout.footer_only_pages[-1]
        if doc["footer_own_page"]:
            notes.append(
                f"正文排到第{page - 2}页末，版记放不下：版记单独排在第{page}页（双页），"
                f"第{page - 1}页为空白页；按 GB/T 9704 第7.5条，空白页和版记页不编页码。可删减文字使版记回到正文末页。"
            )
        else:
            notes.append(f"正文排到第{page - 1}页末，版记放不下，单独排在第{page}页。可删减文字使版记回到正文末页。")
    elif doc["footer_tight"]:
        notes.append("正文末页余地不多，版记行距已收紧，仍排在正文末页。")
    loose = layout.loose(LOOSE_LIMIT_PT)
    if loose:
        pages = "、".join(str(p) for p in sorted({line.page for line in loose}))
        notes.append(f"第{pages}页有{len(loose)}行字距偏松（超过⅛字）：可调整该段文字。")
    widows = layout.widows()
    if widows:
        pages = "、".join(str(line.page) for line in widows)
        notes.append(f"第{pages}页页首是上页段落的很短的末行。")
    stranded = layout.stranded()
    if stranded:
        pages = "、".join(str(line.page) for line in stranded)
        notes.append(f"第{pages}页页末有标题与正文分开。")
    return notes


def build_html(issue, *, final):
    """The print HTML with its stylesheet inlined (for other renderers, e.g. a browser)."""
    css = build_css(issue)
    html = render_to_string("print/bulletin.html", {"doc": build_document(issue, final=final)})
    return html.replace("</head>", f"<style>{css}</style></head>", 1)


def build_css(issue):
    """The print stylesheet for ``issue``'s publication (fonts and grid spacings filled in)."""
    fonts = font_set()
    return render_to_string("print/bulletin.css", _style_context(fonts, issue.publication.lead_title_face))


def build_document(issue, *, final, photos=None):
    """A plain description of what is printed, in print order (``photos``, a
    dict, receives the print bytes of the items' photos by URL)."""
    publication = issue.publication
    date = issue.issue_date
    series_capacity = TEXT_WIDTH_PT / SERIES_SIZE_PT
    body_capacity = CHARS_PER_LINE
    footer = footer_block.for_issue(issue)
    numbers = itertools.count()
    return {
        "final": final,
        "watermark": None if final else _watermark(),
        "title": f"{publication.name} {issue.year}年第{issue.number}期",
        "name": publication.name,
        "number": issue.number,
        "issuer": publication.issuing_line,
        "date_label": f"{date.year}年{date.month}月{date.day}日",
        "date_iso": date.isoformat(),
        "series_lines": cjk.balance_lines(issue.series_title, series_capacity) if issue.series_title.strip() else [],
        "note": _note(issue.editor_note),
        "items": [
            _item(item, body_capacity, numbers, photos)
            for item in issue.ordered_items().select_related("unit").prefetch_related("images")
        ],
        "footer_lines": [_footer_line(line) for line in footer.lines],
        "print_run": footer.print_run,
        "footer_tight": False,  # the second pass sets the 版记 tighter to keep it on the last text page
        "footer_own_page": False,  # …or puts it on an even page of its own
    }


def _watermark():
    """The 样稿 mark as vector outlines (an inline SVG), so that it is never part of the page's text."""
    return {"path": watermark.WATERMARK_PATH, "width": watermark.WATERMARK_WIDTH, "height": watermark.WATERMARK_UNITS}


def _item(item, capacity, numbers, photos=None):
    """An item as blocks: paragraphs (numbered ``data-p``, with their kinds as classes) and other blocks.

    A run-in item's title opens its first paragraph whatever the body starts
    with (a list becomes numbered paragraphs; before a table the title stands
    as a paragraph of its own); the attribution closes the item's last
    paragraph, even when a table or figure follows it.
    """
    title = " ".join(item.title.split())
    blocks = [
        _Block("p", inner, ["heading"]) if tag == "h" else _Block(tag, inner)
        for tag, inner in _lists_as_paragraphs(_top_level_blocks(item.body))
    ]
    attribution = item.printed_attribution
    if not item.is_lead:
        if not blocks or blocks[0].tag != "p" or "heading" in blocks[0].classes:
            blocks.insert(0, _Block("p", ""))
        blocks[0].title = title
        blocks[0].classes.append("runin")
    elif blocks and blocks[0].tag == "p":
        blocks[0].classes.append("lead-first")
    if attribution:
        paragraphs = [b for b in blocks if b.tag == "p" and "heading" not in b.classes]
        if not paragraphs:
            blocks.append(_Block("p", ""))
            paragraphs = blocks[-1:]
        paragraphs[-1].attribution = attribution
        paragraphs[-1].classes.append("attributed")
    # The item's photos follow its text, as the reading edition shows them
    # (blocks: padded to whole lines after the first layout).
    blocks += [_Block("figure", _photo_html(image, photos)) for image in item.images.all()]
    return {
        "id": item.pk,
        "lead": item.is_lead,
        "title_lines": cjk.balance_lines(title, capacity) if item.is_lead else [],
        "blocks": [block.describe(next(numbers)) for block in blocks],
    }


class _Block:
    def __init__(self, tag, inner, classes=()):
        self.tag, self.inner = tag, inner
        self.classes = list(classes)
        self.title = None  # a run-in title opening the paragraph
        self.attribution = None  # （区发改委） closing it

    def describe(self, number):
        if self.tag != "p":
            # Tables and figures keep their markup (their text still gets break points),
            # in a box padded to whole lines after the first layout.
            return {"kind": "block", "number": number, "html": mark_safe(_marked(self.inner)), "pad_pt": None}
        inner = self.inner
        if self.attribution:
            # Marked with the text before it: the break before the bracket is found.
            inner += f'<span class="attribution">{escape(self.attribution)}</span>'
        html = _closed(_marked(inner)) if inner else ""
        if self.title is not None:
            html = _runin_title(self.title) + (RUNIN_GAP + html if html else "")
        return {"kind": "p", "number": number, "classes": self.classes, "html": mark_safe(html)}


#: The space after a run-in title: one grid pitch wide inside a line, dropped at a line's end
#: (a real space, which WeasyPrint removes where a line breaks; ``.runin-gap`` sets its width).
RUNIN_GAP = ""


def _runin_title(title):
    """The title in 黑体, breakable only between words (words.boundaries) should it not fit one line."""
    marked = cjk.mark_breaks(title, zero_width=True)
    plain = cjk.strip_breaks(marked)
    cuts = words.boundaries(plain)
    out, index = [], 0
    for ch in marked:
        if ch in (cjk.ZW_BREAK, cjk.ZW_KEEP):
            out.append(cjk.ZW_BREAK if ch == cjk.ZW_BREAK and index in cuts else cjk.ZW_KEEP)
            continue
        out.append(ch)
        index += 1
    # Closed with a break mark: the title's last character advances a whole pitch too, and the
    # line may end there, the gap after it then opening the next line, where a space is dropped.
    return f'<span class="runin-title">{escape("".join(out), quote=False)}{cjk.ZW_KEEP} </span>'


#: 公文 numbering of list levels (GB/T 9704 §7.3.3): 一、 （一） 1. （1）.
_NUMBERING = (
    lambda n: f"{_chinese_number(n)}、",
    lambda n: f"（{_chinese_number(n)}）",
    lambda n: f"{n}.",
    lambda n: f"（{n}）",
)


def _chinese_number(n):
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def _lists_as_paragraphs(blocks):
    """Lists become paragraphs numbered in the 公文 levels; other blocks pass through."""
    out = []
    for tag, inner in blocks:
        if tag not in ("ul", "ol"):
            out.append((tag, inner))
            continue
        parser = _ListReader()
        parser.feed(inner)
        parser.close()
        for level, text in parser.items:
            number = _NUMBERING[min(level, len(_NUMBERING) - 1)]
            out.append(("p", f"{number(text[0])}{text[1]}"))
    return out


class _ListReader(HTMLParser):
    """(level, (number, inner HTML)) for every list item, nested lists numbered by depth."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.items = []
        self.counters = []
        self.open = []  # indexes into items of the open <li>s
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("ul", "ol"):
            self.counters.append(0)
            return
        if tag == "li":
            self.counters[-1] += 1
            self.items.append([len(self.counters) - 1, self.counters[-1], ""])
            self.open.append(len(self.items) - 1)
            return
        self._text(self.get_starttag_text())

    def handle_startendtag(self, tag, attrs):
        self._text(self.get_starttag_text())

    def handle_endtag(self, tag):
        if tag in ("ul", "ol"):
            if self.counters:
                self.counters.pop()
            return
        if tag == "li":
            if self.open:
                self.open.pop()
            return
        if tag == "p":
            return  # a paragraph inside an item is the item's text
        self._text(f"</{tag}>")

    def _text(self, text):
        if self.open and not (text.startswith("<p") and text[2:3] in (">", " ")):
            self.items[self.open[-1]][2] += text

    def handle_data(self, data):
        self._text(data)

    def handle_entityref(self, name):
        self._text(f"&{name};")

    def handle_charref(self, name):
        self._text(f"&#{name};")

    def close(self):
        super().close()
        self.items = [(level, (number, inner.strip())) for level, number, inner in self.items if inner.strip()]


#: Item photos print after the item's text, centred, at most two thirds of the
#: text width and PHOTO_MAX_LINES tall, their height a whole number of lines,
#: the caption （… 摄） in 楷体 below.
PHOTO_WIDTH_PT = TEXT_WIDTH_PT * 2 / 3
PHOTO_MAX_LINES = 9


def photo_frame(size):
    """(width, height) in pt of a photo of pixel ``size`` in the bulletin."""
    width_px, height_px = size
    lines = max(3, min(PHOTO_MAX_LINES, round(PHOTO_WIDTH_PT * height_px / width_px / LINE_PT)))
    height = lines * LINE_PT
    width = min(PHOTO_WIDTH_PT, height * width_px / height_px)
    return width, height


def _photo_html(image, photos):
    """A photo as a figure (its caption unmarked: the block's marking adds the break points)."""
    from .fetcher import PHOTO_SCHEME
    from .photos import image_size, print_image

    try:
        width, height = photo_frame(image_size(image.image))
        printed = print_image(image.image, width, height)
    except (OSError, ValueError, SyntaxError):  # a missing or unreadable file: the caption still prints
        printed = None
    caption = image.caption.strip()
    if image.credit.strip():
        caption += f"（{image.credit.strip()} 摄）"
    img = ""
    if printed is not None:
        url = PHOTO_SCHEME + printed.name
        if photos is not None:
            photos[url] = printed.data
        img = f'<img src="{url}" alt="" style="width: {width:.3f}pt; height: {height:.3f}pt">'
    figcaption = f"<figcaption>{escape(caption)}</figcaption>" if caption else ""
    return f'<figure class="photo">{img}{figcaption}</figure>'


def _marked(html):
    return _fallbacks_marked(_punctuation_compressed(cjk.mark_breaks_html(html, zero_width=True)))


#: 标点挤压 (W3C clreq §3.1.6): of two adjacent punctuation marks the first gives up its blank half.
#: These set their ink in the left half of the em (GB style), or — opening marks — the right half
#: before another opening mark.
_CLOSING_HALF_BLANK = "，。、；：）」』”’》〉】〕"
_OPENING = "（「『“‘《〈【〔"
_MARK_THEN_TAGS = f"[{cjk.ZW_BREAK}{cjk.ZW_KEEP}](?:<[^>]*>)*"  # the next mark may open an element
_PAIR = re.compile(
    f"([{_CLOSING_HALF_BLANK}])(?={_MARK_THEN_TAGS}[{_CLOSING_HALF_BLANK}{_OPENING}])"
    f"|([{_OPENING}])(?={_MARK_THEN_TAGS}[{_OPENING}])"
)


def _punctuation_compressed(html):
    """The first of two adjacent punctuation marks (。（ ”， ”（ ）、 …) in ``<span class="half">``:
    set half an em narrower, so the pair takes one and a half ems."""
    # Markup holds no Chinese punctuation (class names are ASCII): the whole HTML can be searched.
    return _PAIR.sub(lambda m: f'<span class="half">{m.group(0)}</span>', html)


def _closed(html):
    """A joiner after the paragraph's last character: it too advances one whole pitch
    (its letter-spacing half and the mark's half), so a last line of 28 characters fits."""
    end = len(html)
    while end and html[end - 1] == ">":
        end = html.rfind("<", 0, end)
    if end <= 0 or html[end - 1] in (cjk.ZW_BREAK, cjk.ZW_KEEP):
        return html
    return html[:end] + cjk.ZW_KEEP + html[end:]


_TEXT_RUN = re.compile(r">([^<]+)|^([^<]+)")


def _fallbacks_marked(html):
    """Characters the 仿宋 face lacks in ``<span class="fallback">``: drawn from another face,
    their line keeps the grid's pitch (the span's line-height is 1, inside the body's strut)."""
    fonts = font_set()

    def wrap(text):
        return "".join(
            f'<span class="fallback">{ch}</span>' if ord(ch) >= 0x3400 and not fonts.covers("fang", ch) else ch
            for ch in text
        )

    def replace(match):
        if match.group(1) is not None:
            return ">" + wrap(match.group(1))
        return wrap(match.group(2))

    return _TEXT_RUN.sub(replace, html)


def _note(note):
    """编者按： in 黑体, then the note."""
    note = " ".join(note.split())
    if not note:
        return ""
    return mark_safe(_marked(f'<span class="note-label">编者按：</span>{escape(note)}'))


def _footer_line(line):
    """本期送：… / 发：… / 责任编辑：… — one character in, wrapped lines hanging after the colon.

    Labels are marked with their lines: every printed character sits on the grid.
    """
    return {
        "text": mark_safe(_marked(escape(line.full))),
        "label_width": len(line.label),
        "indent": 1 + len(line.label),
    }


def _style_context(fonts, lead_face):
    lead_role = "title" if lead_face == "song" else "hei"

    def spacing(role, size, pitch):
        # Marked text (zero-width marks): half the letter-spacing, no word-spacing.
        return {"letter_spacing": f"{cjk.zero_width_letter_spacing(size, pitch):.7f}", "word_spacing": "0"}

    stack = {role: fonts.stack(role) for role in fonts.roles}
    weight = {role: fonts.weight(role) for role in fonts.roles}
    stack["lead"], weight["lead"] = stack[lead_role], weight[lead_role]
    footer_pitch = PITCH_PT * FOOTER_SIZE_PT / BODY_SIZE_PT
    grid = {
        "line_pt": f"{LINE_PT:.3f}",
        "indent_pt": f"{2 * PITCH_PT:.4f}",
        "fang": spacing("fang", BODY_SIZE_PT, PITCH_PT),
        "hei": spacing("hei", BODY_SIZE_PT, PITCH_PT),
        "kai": spacing("kai", BODY_SIZE_PT, PITCH_PT),
        "lead": spacing(lead_role, BODY_SIZE_PT, PITCH_PT),
        # Lead titles are set unmarked (balanced lines): the whole letter-spacing.
        "lead_title_letter_spacing": f"{cjk.grid_spacing(BODY_SIZE_PT, PITCH_PT, 0)['letter_spacing']:.5f}",
        "footer": spacing("fang", FOOTER_SIZE_PT, footer_pitch),
        # A compressed punctuation mark (bulletin._punctuation_compressed) gives up half an em.
        "half_letter_spacing": f"{cjk.zero_width_letter_spacing(BODY_SIZE_PT, PITCH_PT) - 0.5:.5f}",
        # The space after a run-in title (the only U+0020 of a paragraph: Latin words are
        # spaced with U+2005) advances one pitch, its half letter-spacing included.
        "runin_gap_word_spacing": (
            # (a hair under, as PITCH_PT: Pango rounds word-spacing to its units)
            f"{(PITCH_PT - 0.03) / BODY_SIZE_PT - fonts.space_advance('hei') - cjk.zero_width_letter_spacing(BODY_SIZE_PT, PITCH_PT):.5f}"
        ),
    }
    return {"fonts_css": fonts.css(), "stack": stack, "weight": weight, "grid": grid}


_BLOCK = {"p", "h2", "h3", "h4", "blockquote", "ul", "ol", "table", "figure"}


class _BlockSplitter(HTMLParser):
    """Top-level blocks of sanitised HTML as (tag, inner HTML); loose text becomes a paragraph."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.blocks = []
        self.stack = []
        self.buffer = []
        self.outer = None

    def _flush_loose(self):
        text = "".join(self.buffer).strip()
        if text:
            self.blocks.append(("p", text))
        self.buffer = []

    def handle_starttag(self, tag, attrs):
        raw = self.get_starttag_text()
        if not self.stack and tag in _BLOCK:
            self._flush_loose()
            self.outer = (tag, raw)
            self.stack.append(tag)
            return
        if not self.stack and tag == "br":
            self._flush_loose()
            return
        if self.stack and tag not in ("br", "img"):
            self.stack.append(tag)
        self.buffer.append(raw)

    def handle_startendtag(self, tag, attrs):
        self.buffer.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        if self.stack and len(self.stack) == 1 and tag == self.stack[0]:
            self.stack.pop()
            outer_tag, raw = self.outer
            inner = "".join(self.buffer)
            self.buffer = []
            if outer_tag == "p":
                if inner.strip():
                    self.blocks.append(("p", inner.strip()))
            elif outer_tag in ("h2", "h3", "h4"):
                self.blocks.append(("h", f'<span class="hei">{inner.strip()}</span>'))
            else:
                self.blocks.append((outer_tag, f"{raw}{inner}</{outer_tag}>"))
            return
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()
        self.buffer.append(f"</{tag}>")

    def handle_data(self, data):
        self.buffer.append(data)

    def handle_entityref(self, name):
        self.buffer.append(f"&{name};")

    def handle_charref(self, name):
        self.buffer.append(f"&#{name};")


def _top_level_blocks(html):
    splitter = _BlockSplitter()
    splitter.feed(html or "")
    splitter.close()
    splitter._flush_loose()
    return splitter.blocks
