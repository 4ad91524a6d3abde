"""A laid-out bulletin read back: its body lines, pages and what a typesetter would object to.

``read(document)`` walks WeasyPrint's boxes after layout (before the PDF is
written) and returns a ``Layout``: every line of body text with its page,
baseline, paragraph, stretch and kind, the non-text blocks (tables, figures)
with their heights, and which pages hold only the 版记. ``Layout.figures()``
gives the fidelity figures the ``check_bulletin`` command prints; the
renderer uses the same reading to decide its second pass (bulletin.py).

Paragraphs and blocks are found by the ``data-p`` / ``data-b`` numbers the
renderer puts on them; lengths are in pt, measured from the page's top.
"""

from dataclasses import dataclass, field

PX = 0.75  # pt per CSS px


@dataclass
class Line:
    page: int  # 1-based
    baseline: float
    left: float
    right: float
    paragraph: int
    kinds: frozenset  # the paragraph's classes: runin, heading, lead-first, attributed …
    first: bool  # first line of its paragraph
    last: bool  # last line of its paragraph
    stretch: float  # justification added per break point (pt)
    text: str


@dataclass
class Block:
    number: int
    page: int
    top: float
    height: float


@dataclass
class Layout:
    lines: list
    blocks: list
    pages: int
    footer_only_pages: list  # pages whose text block holds nothing but the 版记
    text_top: float
    line_pitch: float
    measure: float
    footer_page: int | None = None
    notes: list = field(default_factory=list)

    # -- what a typesetter checks --------------------------------------------------------

    def off_grid(self, tolerance=0.3):
        """Body lines whose baseline is not a whole number of line pitches from the page's first body line."""
        wrong, firsts = [], {}
        for line in self.lines:
            first = firsts.setdefault(line.page, line.baseline)
            steps = (line.baseline - first) / self.line_pitch
            if abs(steps - round(steps)) * self.line_pitch > tolerance:
                wrong.append(line)
        return wrong

    def loose(self, limit):
        """Justified lines stretched more than ``limit`` pt per break point."""
        return [line for line in self.lines if not line.last and line.stretch > limit]

    def widows(self):
        """Pages opening with a paragraph's last line shorter than a third of the measure."""
        found = []
        for before, line in zip(self.lines, self.lines[1:]):
            if line.page != before.page and line.last and not line.first and before.paragraph == line.paragraph:
                if line.right - line.left < self.measure / 3:
                    found.append(line)
        return found

    def stranded(self):
        """Headings, run-in titles and lead titles left at a page's foot, their text on the next page."""
        found = []
        for line, after in zip(self.lines, self.lines[1:]):
            if after.page == line.page:
                continue
            if "heading" in line.kinds and line.last:
                found.append(line)
            elif line.first and not line.last and ({"runin", "lead-first"} & line.kinds):
                found.append(line)
            elif "lead-first" in after.kinds and after.first:
                found.append(after)  # the lead title ends a page
        return found

    def figures(self, loose_limit):
        justified = [line.stretch for line in self.lines if not line.last]
        return {
            "pages": self.pages,
            "body_lines": len(self.lines),
            "lines_off_grid": len(self.off_grid()),
            "largest_stretch_pt": round(max(justified, default=0.0), 2),
            "loose_lines": len(self.loose(loose_limit)),
            "footer_only_pages": len(self.footer_only_pages),
            "widows": len(self.widows()),
            "stranded_headings": len(self.stranded()),
        }


def read(document, *, line_pitch, measure):
    """The ``Layout`` of a rendered WeasyPrint ``document`` on a grid of ``line_pitch`` × ``measure`` pt."""
    lines, blocks, footer_only = [], [], []
    footer_page = None
    text_top = None
    seen_paragraphs = {}
    for number, page in enumerate(document.pages, start=1):
        page_box = page._page_box
        body_found = False
        for box in _descendants(page_box):
            element = getattr(box, "element", None)
            if type(box).__name__ == "FootnoteAreaBox":
                if box.children:
                    footer_page = number
                continue
            if element is None or getattr(box, "element_tag", None) is None:
                continue
            if box.element_tag == "p" and element.get("data-p") is not None and type(box).__name__ == "BlockBox":
                body_found = True
                index = int(element.get("data-p"))
                kinds = frozenset((element.get("class") or "").split())
                for line_box in box.children:
                    if type(line_box).__name__ != "LineBox":
                        continue
                    texts = list(_text_boxes(line_box))
                    if not texts:
                        continue
                    first = index not in seen_paragraphs
                    seen_paragraphs[index] = len(lines)
                    lines.append(Line(
                        page=number,
                        baseline=(line_box.position_y + line_box.baseline) * PX,
                        left=min(t.position_x for t in texts) * PX,
                        right=max(t.position_x + t.width for t in texts) * PX,
                        paragraph=index, kinds=kinds, first=first, last=False,
                        stretch=max((getattr(t, "justification_spacing", 0) or 0) for t in texts) * PX,
                        text="".join(t.text for t in texts),
                    ))
            elif element.get("data-b") is not None and box.element_tag in ("div",) and type(box).__name__ == "BlockBox":
                body_found = True
                blocks.append(Block(int(element.get("data-b")), number, box.position_y * PX, box.margin_height() * PX))
        if text_top is None:
            text_top = page_box.margin_top * PX
        if not body_found and footer_page == number:
            footer_only.append(number)
    for index in seen_paragraphs.values():
        lines[index].last = True
    return Layout(
        lines=lines, blocks=blocks, pages=len(document.pages), footer_only_pages=footer_only,
        text_top=text_top or 0.0, line_pitch=line_pitch, measure=measure, footer_page=footer_page,
    )


def _descendants(box):
    stack = [box]
    while stack:
        current = stack.pop()
        yield current
        if type(current).__name__ in ("LineBox", "TextBox"):
            continue
        stack.extend(reversed(getattr(current, "children", ()) or ()))


def _text_boxes(box):
    for child in getattr(box, "children", ()):
        if type(child).__name__ == "TextBox":
            if child.text.strip("\u200b\u2060 "):
                yield child
        elif hasattr(child, "children") and type(child).__name__ == "InlineBox":
            yield from _text_boxes(child)
