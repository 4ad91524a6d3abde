"""上街信息 layout: GB/T 9704-2012 bulletin page, issue in, PDF bytes out.

The issue is turned into a plain description (``build_document``), rendered
to HTML with ``print/bulletin.html`` and ``print/bulletin.css`` and typeset
by WeasyPrint. Chinese text gets its break points from ``cjk`` (zero-width
marks, stretched by ``justify``) so that lines are justified on the
28-character grid.
"""

from html import escape
from html.parser import HTMLParser

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from .. import footer_block
from . import cjk, engine
from .fonts import font_set, outline_path

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


def render_bulletin(issue, *, final):
    """PDF bytes of ``issue`` in the 上街信息 layout; ``final`` False adds the 样稿 watermark."""
    css = build_css(issue)
    html = render_to_string("print/bulletin.html", {"doc": build_document(issue, final=final)})
    # The stylesheet is the same for every issue of a publication: parsed once.
    document = engine.render_html(html, stylesheets=[engine.stylesheet(css)])
    return engine.write_pdf(document, b"newsroom-bulletin")


def build_html(issue, *, final):
    """The print HTML with its stylesheet inlined (for other renderers, e.g. a browser)."""
    css = build_css(issue)
    html = render_to_string("print/bulletin.html", {"doc": build_document(issue, final=final)})
    return html.replace("</head>", f"<style>{css}</style></head>", 1)


def build_css(issue):
    """The print stylesheet for ``issue``'s publication (fonts and grid spacings filled in)."""
    fonts = font_set()
    return render_to_string("print/bulletin.css", _style_context(fonts, issue.publication.lead_title_face))


def build_document(issue, *, final):
    """A plain description of what is printed, in print order."""
    publication = issue.publication
    date = issue.issue_date
    series_capacity = TEXT_WIDTH_PT / SERIES_SIZE_PT
    body_capacity = CHARS_PER_LINE
    footer = footer_block.for_issue(issue)
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
        "items": [_item(item, publication, body_capacity) for item in issue.ordered_items()],
        "footer_lines": [_footer_line(line) for line in footer.lines],
        "print_run": footer.print_run,
    }


WATERMARK_TEXT = "样稿"
WATERMARK_SIZE_PT = 150


def _watermark():
    """The 样稿 mark as vector outlines (an inline SVG), so that it is never part of the page's text."""
    face = font_set().roles["title"]
    # Drawn in units of 1/10 pt: the SVG's user units and the page's agree.
    path, width = outline_path(face.path, face.index, WATERMARK_TEXT, 10 * WATERMARK_SIZE_PT)
    return {"path": path, "width": round(width), "height": 10 * WATERMARK_SIZE_PT}


def _item(item, publication, capacity):
    title = " ".join(item.title.split())
    blocks = _top_level_blocks(item.body)
    attribution = item.printed_attribution
    if attribution:
        attribution_html = f'<span class="attribution">{escape(attribution)}</span>'
        if blocks and blocks[-1][0] == "p":
            blocks[-1] = ("p", blocks[-1][1] + attribution_html)
        else:
            blocks.append(("p", attribution_html))
    if not item.is_lead:
        title_html = f'<span class="runin-title">{escape(title)}</span>{IDEOGRAPHIC_SPACE}'
        if blocks and blocks[0][0] == "p":
            blocks[0] = ("p", title_html + blocks[0][1])
        else:
            blocks.insert(0, ("p", title_html.rstrip(IDEOGRAPHIC_SPACE)))
    rendered = [_block_html(tag, inner) for tag, inner in blocks]
    return {
        "lead": item.is_lead,
        "title_lines": cjk.balance_lines(title, capacity) if item.is_lead else [],
        "blocks": [mark_safe(b) for b in rendered],
    }


def _block_html(tag, inner):
    if tag == "p":
        return f"<p>{_marked(inner)}</p>"
    # Lists, tables and figures keep their markup; their text still gets break points.
    return _marked(inner)


def _marked(html):
    return cjk.mark_breaks_html(html, zero_width=True)


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
                self.blocks.append(("p", f'<span class="hei">{inner.strip()}</span>'))
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
