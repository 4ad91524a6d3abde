"""The one HTML allowlist for stored rich text (nh3), and the clean-up every
stored text gets.

``clean_html`` runs on every save and import of a body: nh3's allowlist, then
bounded structure (``colspan``/``rowspan`` clamped to MAX_SPAN and to the
table's real size, tables nested at most MAX_TABLE_DEPTH deep, at most
MAX_TABLE_ROWS rows of MAX_TABLE_COLUMNS cells), no empty paragraphs, and no
invisible format characters. ``clean_text`` is the last part for plain text
fields. ``body_problems`` says in Chinese what a form must refuse before it
gets that far (too long, a table too big).
"""

import re
import unicodedata
from html import escape
from html.parser import HTMLParser

import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "s", "sub", "sup",
    "h2", "h3", "h4", "blockquote",
    "ul", "ol", "li",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "figure", "figcaption",
    "img",
}
ALLOWED_ATTRIBUTES = {
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start"},
}
# Content of these is dropped, not kept as text.
CLEAN_CONTENT_TAGS = {"script", "style", "template", "iframe", "object", "embed", "noscript"}

# Bounds on what a body may ask the typesetter to do.
MAX_SPAN = 20
MAX_TABLE_DEPTH = 2  # a table inside a table cell, no deeper
MAX_TABLE_ROWS = 200
MAX_TABLE_COLUMNS = 20
MAX_BODY_CHARS = 50_000  # visible characters of one item's text (a long report is ~10 000)
MAX_BODY_HTML = 500_000  # characters of its markup
MAX_LIST_START = 10_000

#: Format characters typesetting itself uses (cjk.py's break marks) and the
#: joiner inside emoji sequences; every other invisible format character
#: (bidi controls U+202A–U+202E, U+2066–U+2069, U+200E/F, U+061C, BOM, soft
#: hyphen …) is removed from stored text.
KEPT_FORMAT_CHARACTERS = {"\u200b", "\u2060", "\u200d"}
_KEPT_CONTROLS = {"\n", "\t"}

_VOID = {"br", "img"}
_BLANK = re.compile(r"[\s\u00a0\u3000\u200b\u2060\u200d\ufeff]+")


def strip_invisible(text):
    """``text`` without invisible format and control characters (see KEPT_FORMAT_CHARACTERS)."""
    if not text:
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(
        ch for ch in text
        if ch in _KEPT_CONTROLS or ch in KEPT_FORMAT_CHARACTERS or unicodedata.category(ch) not in ("Cf", "Cc", "Cs")
    )


def clean_text(text):
    """A plain text field as stored: no invisible format characters, trimmed."""
    if not isinstance(text, str):
        return text
    return strip_invisible(text).strip()


def clean_html(html: str) -> str:
    """Strip everything not on the allowlist; javascript: URLs, handlers, styles go;
    structure bounded and empty paragraphs dropped (see the module's doc)."""
    if not html:
        return ""
    cleaned = nh3.clean(
        strip_invisible(html),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        clean_content_tags=CLEAN_CONTENT_TAGS,
        url_schemes={"http", "https"},
        link_rel=None,
        strip_comments=True,
    )
    return _serialise(_bounded(_parse(cleaned))).strip()


def text_to_html(text: str) -> str:
    """Plain paragraphs (one per non-empty line) to safe HTML."""
    paragraphs = [line.strip() for line in strip_invisible(text).splitlines() if line.strip()]
    return "".join(f"<p>{escape(p, quote=False)}</p>" for p in paragraphs)


def visible_text(html):
    """The characters a reader would see in ``html`` (whitespace and marks removed)."""
    return _BLANK.sub("", _text_of(_parse(html or "")))


def has_visible_text(html):
    return bool(visible_text(html))


def body_problems(html):
    """Chinese reasons a body must be refused before it is stored, or []."""
    html = html or ""
    if len(html) > MAX_BODY_HTML:
        return [f"正文过长（{len(html)}个字符的排版代码，最多{MAX_BODY_HTML}个）。请分成几篇稿件。"]
    tree = _parse(nh3.clean(strip_invisible(html), tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                            clean_content_tags=CLEAN_CONTENT_TAGS))
    problems = []
    length = len(_BLANK.sub("", _text_of(tree)))
    if length > MAX_BODY_CHARS:
        problems.append(f"正文过长（{length}字，最多{MAX_BODY_CHARS}字）。请分成几篇稿件。")
    for table in _elements(tree, "table"):
        rows = _rows(table)
        columns = max((len(_cells(row)) for row in rows), default=0)
        if len(rows) > MAX_TABLE_ROWS or columns > MAX_TABLE_COLUMNS:
            problems.append(
                f"表格过大（{len(rows)}行、{columns}列；最多{MAX_TABLE_ROWS}行、{MAX_TABLE_COLUMNS}列）。"
            )
            break
    if _table_depth(tree) > MAX_TABLE_DEPTH:
        problems.append(f"表格嵌套过深（最多{MAX_TABLE_DEPTH}层）。")
    return problems


# ---------------------------------------------------------------- a small tree


class _Node:
    __slots__ = ("tag", "attrs", "children")

    def __init__(self, tag, attrs=()):
        self.tag = tag
        self.attrs = list(attrs)
        self.children = []

    def get(self, name):
        for key, value in self.attrs:
            if key == name:
                return value
        return None

    def set(self, name, value):
        self.attrs = [(k, v) for k, v in self.attrs if k != name]
        if value is not None:
            self.attrs.append((name, value))


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = _Node(None)
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = _Node(tag, attrs)
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(_Node(tag, attrs))

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def _parse(html):
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def _serialise(node):
    out = []
    _write(node, out)
    return "".join(out)


def _write(node, out):
    for child in node.children:
        if isinstance(child, str):
            out.append(escape(child, quote=False))
            continue
        attrs = "".join(f' {k}="{escape(v or "", quote=True)}"' for k, v in child.attrs)
        out.append(f"<{child.tag}{attrs}>")
        if child.tag in _VOID:
            continue
        _write(child, out)
        out.append(f"</{child.tag}>")


def _text_of(node):
    if isinstance(node, str):
        return node
    return "".join(_text_of(c) for c in node.children)


def _elements(node, tag):
    for child in node.children:
        if isinstance(child, _Node):
            if child.tag == tag:
                yield child
            yield from _elements(child, tag)


def _rows(table):
    """The rows of ``table`` itself (not of tables nested in its cells)."""
    rows = []

    def walk(node):
        for child in node.children:
            if isinstance(child, _Node):
                if child.tag == "tr":
                    rows.append(child)
                elif child.tag in ("thead", "tbody", "tfoot"):
                    walk(child)

    walk(table)
    return rows


def _cells(row):
    return [c for c in row.children if isinstance(c, _Node) and c.tag in ("td", "th")]


def _table_depth(node, depth=0):
    deepest = depth
    for child in node.children:
        if isinstance(child, _Node):
            deepest = max(deepest, _table_depth(child, depth + (child.tag == "table")))
    return deepest


# ---------------------------------------------------------------- bounding


def _bounded(root):
    _bound_node(root, table_depth=0)
    return root


def _bound_node(node, table_depth):
    kept = []
    for child in node.children:
        if isinstance(child, str):
            kept.append(child)
            continue
        if child.tag == "table":
            if table_depth >= MAX_TABLE_DEPTH:
                # Too deep: its text stays, as plain paragraphs.
                for row in _rows(child):
                    text = " ".join(_text_of(c).strip() for c in _cells(row) if _text_of(c).strip())
                    if text:
                        paragraph = _Node("p")
                        paragraph.children.append(text)
                        kept.append(paragraph)
                continue
            _bound_table(child)
            _bound_node(child, table_depth + 1)
            kept.append(child)
            continue
        _bound_node(child, table_depth)
        if child.tag in ("p", "h2", "h3", "h4", "blockquote", "li", "figure") and _is_empty(child):
            continue  # an empty paragraph would print as a blank line
        if child.tag == "ol":
            _bound_integer(child, "start", 1, MAX_LIST_START)
        if child.tag == "img":
            for name in ("width", "height"):
                _bound_integer(child, name, 1, 4000, drop_default=None)
        kept.append(child)
    node.children = kept


def _is_empty(node):
    if _BLANK.sub("", _text_of(node)):
        return False
    return not any(True for _ in _elements(node, "img"))


def _bound_table(table):
    rows = _rows(table)
    if len(rows) > MAX_TABLE_ROWS:
        for row in rows[MAX_TABLE_ROWS:]:
            _remove(table, row)
        rows = rows[:MAX_TABLE_ROWS]
    columns = 1
    for row in rows:
        cells = _cells(row)
        for cell in cells[MAX_TABLE_COLUMNS:]:
            row.children.remove(cell)
        columns = max(columns, min(len(cells), MAX_TABLE_COLUMNS))
    for index, row in enumerate(rows):
        for cell in _cells(row):
            _bound_integer(cell, "colspan", 1, min(MAX_SPAN, columns))
            _bound_integer(cell, "rowspan", 1, min(MAX_SPAN, len(rows) - index))


def _remove(table, row):
    def walk(node):
        if row in node.children:
            node.children.remove(row)
            return True
        return any(walk(c) for c in node.children if isinstance(c, _Node))

    walk(table)


def _bound_integer(node, name, low, high, drop_default=1):
    """Clamp an integer attribute into [low, high]; drop it when it is not a
    number or equals ``drop_default`` (the HTML default)."""
    value = node.get(name)
    if value is None:
        return
    try:
        number = int(value.strip())
    except ValueError:
        node.set(name, None)
        return
    number = max(low, min(high, number))
    node.set(name, None if number == drop_default else str(number))
