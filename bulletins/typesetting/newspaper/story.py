"""A newspaper article as the layout sees it: headline furniture, body blocks
made of styled runs (dateline, text, end byline), and photos.

Pure data from models; nothing here knows about WeasyPrint.
"""

import re
from dataclasses import dataclass, field
from html import escape, unescape
from html.parser import HTMLParser

from ..cjk import BREAK, mark_breaks_html

# Body block kinds.
PARAGRAPH = "p"
SUBHEAD = "subhead"  # a section subhead inside the body (### 提前谋划 帮扶企业)
TOP_BYLINE = "byline"  # □本报记者 周俊英, its own line under the headline
JUMP_FROM = "jump-from"  # （上接一版）
JUMP_TO = "jump-to"  # （下转二版）
TABLE = "table"  # a table in the body, printed as a table one column wide


@dataclass
class Block:
    kind: str
    runs: list  # [(css class, text with BREAK spaces)]
    rows: list = field(default_factory=list)  # a table: [(header row?, [cell texts])]

    @property
    def text(self):
        """The printed characters, without break spaces."""
        return "".join(text for _, text in self.runs).replace(BREAK, "")


@dataclass
class StoryPhoto:
    image: object  # the ImageField file
    caption: str
    aspect: float  # width / height
    credit: str = ""  # （杨帆 摄）, printed after the caption


@dataclass
class Story:
    key: int
    headline: str
    kicker: str = ""
    subhead: str = ""
    short_headline: str = ""
    column_label: str = ""
    is_lead: bool = False
    column_span: int = 0  # 0: automatic
    home_page: int = 1
    jump_to_page: int | None = None
    blocks: list = field(default_factory=list)
    photos: list = field(default_factory=list)
    dateline_text: str = ""  # as entered: where the names come from
    byline_text: str = ""

    @property
    def body_text(self):
        """Everything the body prints, in order: what the pieces must join back to."""
        return "".join(b.text for b in self.blocks if b.kind in (PARAGRAPH, SUBHEAD, TOP_BYLINE))


def story_from_item(item, page_number, photo_size=None):
    """Build a Story from an Item placed on ``page_number``.

    ``photo_size(image_field) -> (w, h)`` reads a photo's pixel size.
    """
    blocks = []
    if item.byline and item.byline_position == item.BylinePosition.TOP:
        blocks.append(Block(TOP_BYLINE, credit_runs("byline", "□" + _bare_byline(item.byline))))
    body = [list(runs) for runs in body_blocks(item.body)]
    blocks_runs = [(kind, runs if kind == TABLE else make_block(kind, runs).runs) for kind, runs in body]
    paragraphs = [runs for kind, runs in blocks_runs if kind == PARAGRAPH]
    if item.dateline:
        dateline = credit_runs("dateline", item.dateline)
        if paragraphs:
            paragraphs[0][:0] = dateline
        else:
            blocks_runs.append((PARAGRAPH, dateline))
            paragraphs = [blocks_runs[-1][1]]
    end_mark = ""
    if item.byline and item.byline_position == item.BylinePosition.END:
        end_mark = f"（{_bare_byline(item.byline)}）"
    elif not item.byline and not item.dateline and item.attribution:
        end_mark = f"（{item.attribution}）"
    if end_mark:
        if not paragraphs:
            blocks_runs.append((PARAGRAPH, []))
            paragraphs = [blocks_runs[-1][1]]
        paragraphs[-1].extend([("end-byline", "\u3000" + BREAK)] + credit_runs("end-byline", end_mark))
    blocks.extend(Block(kind, [], rows=runs) if kind == TABLE else Block(kind, runs) for kind, runs in blocks_runs)
    photos = []
    for image in item.images.all():
        width, height = photo_size(image.image) if photo_size else (3, 2)
        caption = image.caption.strip()
        credit = ""
        if image.credit:
            credit = f"（{_bare_byline(image.credit).removesuffix(' 摄').removesuffix('摄').strip()} 摄）"
        photos.append(StoryPhoto(image=image.image, caption=caption, aspect=width / height, credit=credit))
    for pasted in body_images(item.body):
        try:
            width, height = photo_size(pasted) if photo_size else (3, 2)
        except (OSError, ValueError, SyntaxError):
            continue  # not a readable image: nothing to print
        photos.append(StoryPhoto(image=pasted, caption="", aspect=width / height))
    return Story(
        key=item.pk,
        headline=item.title,
        kicker=item.kicker,
        subhead=item.subhead,
        short_headline=item.short_headline or item.title,
        column_label=item.column_label,
        is_lead=item.is_lead,
        column_span=item.column_span,
        home_page=page_number,
        jump_to_page=item.jump_to_page.number if item.jump_to_page_id else None,
        blocks=blocks,
        photos=photos,
        dateline_text=item.dateline,
        byline_text=item.byline,
    )


# Words around the names in datelines, bylines and credits, longest first.
_ROLES = sorted(
    ["本报讯", "本报记者", "特约记者", "见习记者", "首席记者", "记者", "特约通讯员", "通讯员", "实习生", "摄影", "文图", "文/图", "摄", "图", "文", "报道"],
    key=len,
    reverse=True,
)


def credited_names(text):
    """The people named in a dateline, byline or photo credit:
    '本报讯(记者 刘斐 通讯员 王卫锋)' → ['刘斐', '王卫锋']; '杜萌萌 摄' → ['杜萌萌']."""
    text = text or ""
    for ch in "()（）□■【】,，、:：":
        text = text.replace(ch, " ")
    names = []
    for token in text.split():
        changed = token not in _ROLES
        while changed:
            changed = False
            for role in _ROLES:
                if token.startswith(role) and len(token) > len(role):
                    token, changed = token[len(role):], True
                    break
                if token.endswith(role) and len(token) > len(role) + 1:
                    token, changed = token[: -len(role)], True
                    break
        if token not in _ROLES and 2 <= len(token) <= 5 and all("\u4e00" <= ch <= "\u9fff" for ch in token):
            names.append(token)
    return names


def make_block(kind, runs):
    """A block whose runs are marked for CJK line breaking across run boundaries.

    A section subhead keeps the author's inner space (提前谋划　帮扶企业), as an
    ideographic space a line may break after; a 《title》 of up to
    ``MAX_WHOLE_TITLE`` characters never breaks.
    """
    if kind == SUBHEAD:
        runs = [(cls, "\u3000".join(text.split())) for cls, text in runs if text.strip()]
    else:
        runs = [(cls, " ".join(text.split())) for cls, text in runs if text.strip()]
    html = "".join(f'<span class="{cls}">{escape(text, quote=False)}</span>' for cls, text in runs)
    marked = _parse_runs(mark_breaks_html(html))
    if kind == SUBHEAD:
        marked = [(cls, text.replace("\u3000", "\u3000" + BREAK).replace(BREAK + BREAK, BREAK)) for cls, text in marked]
    return Block(kind=kind, runs=_whole_titles(marked))


#: NOBR: the class of a run no line may break inside (see newspaper.css).
NOBR = "nobr"
MAX_WHOLE_TITLE = 12  # characters of a 《title》 kept on one line
_TITLE = re.compile("《[^《》]+》")


def _whole_titles(runs):
    """Split out each short 《title》 as an unbreakable run."""
    out = []
    for cls, text in runs:
        if NOBR in cls.split() or "《" not in text:
            out.append((cls, text))
            continue
        position = 0
        for match in _TITLE.finditer(text):
            title = match.group()  # its break spaces stretch, never break (nowrap)
            if len(title.replace(BREAK, "")) > MAX_WHOLE_TITLE:
                continue
            if match.start() > position:
                out.append((cls, text[position : match.start()]))
            out.append((f"{cls} {NOBR}", title))
            position = match.end()
        if position < len(text):
            out.append((cls, text[position:]))
    return out


_HALF_BRACKETS = str.maketrans({"(": "（", ")": "）"})


def credit_runs(cls, text):
    """Runs of a dateline, byline or credit as a newspaper sets it: full-width
    brackets, the author's spaces kept (as ideographic spaces), and every
    word between them — a name, 本报讯（记者, 通讯员 — unbreakable: a line
    breaks only at a space. ``本报讯(记者 刘洋 通讯员 陈晨)`` →
    本报讯（记者　刘洋　通讯员　陈晨）."""
    tokens = text.translate(_HALF_BRACKETS).split()
    runs = []
    for index, token in enumerate(tokens):
        if index:
            runs.append((cls, "\u3000" + BREAK))
        # Break spaces inside the word never break (nowrap) but stretch when the
        # line is justified, so a line ending inside a dateline spreads evenly.
        runs.append((f"{cls} {NOBR}", BREAK.join(token)))
    return runs


_SPAN = re.compile(r'<span class="([^"]*)">(.*?)</span>', re.S)


def _parse_runs(html):
    return [(cls, unescape(text)) for cls, text in _SPAN.findall(html)]


def _bare_byline(text):
    """'（记者 雷霄）' / '□本报记者 周俊英' → the words without the furniture."""
    return text.strip().strip("□■").strip().removeprefix("（").removeprefix("(").removesuffix("）").removesuffix(")").strip()


class _BodyParser(HTMLParser):
    """Sanitised body HTML → [(kind, [(class, text)])]: paragraphs and section
    subheads; bold and italic inside them become "strong" / "em" runs (printed
    in 黑体 and 楷体, the Chinese bold and italic)."""

    _SUBHEADS = {"h2", "h3", "h4"}
    _BLOCKS = {"p", "li", "blockquote", "figcaption", "caption", "tr", "h2", "h3", "h4", "td", "th"}
    _SKIP = {"figure"}
    _STYLES = {"strong": "strong", "b": "strong", "em": "em", "i": "em"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks = []
        self.kind = PARAGRAPH
        self.runs = []
        self.styles = {"strong": 0, "em": 0}
        self.skipping = 0  # inside <figure>: photos come from the item's images
        self.images = []  # src of every <img> pasted into the body, in order
        self.lists = []  # open lists: [ordered?, items so far]
        self.table = None  # inside <table>: [(header row?, [cell texts])]
        self.cell = None  # inside <td>/<th>: its text so far

    def _flush(self):
        runs = [(cls, text) for cls, text in self.runs if text]
        if runs and "".join(text for _, text in runs).strip():
            runs[0] = (runs[0][0], runs[0][1].lstrip())
            runs[-1] = (runs[-1][0], runs[-1][1].rstrip())
            self.blocks.append((self.kind, [run for run in runs if run[1]]))
        self.runs = []

    def _style(self):
        if self.kind == SUBHEAD:
            return "text"  # a subhead is bold already
        names = [name for name in ("strong", "em") if self.styles[name]]
        return " ".join(names) or "text"

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            src = dict(attrs).get("src")
            if src:
                self.images.append(src)
        if tag == "table" and self.table is None:
            self._flush()
            self.table = []
            return
        if self.table is not None:
            if tag == "tr":
                self.table.append([False, []])
            elif tag in ("td", "th") and self.table:
                self.cell = ""
                self.table[-1][0] = self.table[-1][0] or tag == "th"
            return
        if tag in self._SKIP:
            self.skipping += 1
        if tag in self._BLOCKS or tag == "br":
            self._flush()
        if tag in self._SUBHEADS:
            self.kind = SUBHEAD
        if tag in self._STYLES:
            self.styles[self._STYLES[tag]] += 1
        if tag in ("ul", "ol"):
            self.lists.append([tag == "ol", 0])
        if tag == "li" and not self.skipping:
            # A list item keeps its marker: ● for a bulleted list, 1． 2． for a numbered one.
            marker = "●"
            if self.lists:
                self.lists[-1][1] += 1
                if self.lists[-1][0]:
                    marker = f"{self.lists[-1][1]}．"
            self.runs.append(("text", marker))

    def handle_endtag(self, tag):
        if self.table is not None:
            if tag in ("td", "th") and self.cell is not None and self.table:
                self.table[-1][1].append(" ".join(self.cell.split()))
                self.cell = None
            elif tag == "table":
                rows = [(header, cells) for header, cells in self.table if cells]
                if rows:
                    self.blocks.append((TABLE, rows))
                self.table = None
            return
        if tag in self._BLOCKS:
            self._flush()
        if tag in self._SKIP:
            self.skipping = max(0, self.skipping - 1)
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        if tag in self._SUBHEADS:
            self.kind = PARAGRAPH
        if tag in self._STYLES:
            name = self._STYLES[tag]
            self.styles[name] = max(0, self.styles[name] - 1)

    def handle_data(self, data):
        if self.table is not None:
            if self.cell is not None:
                self.cell += data
            return
        if self.skipping:
            return
        style = self._style()
        if self.runs and self.runs[-1][0] == style:
            self.runs[-1] = (style, self.runs[-1][1] + data)
        else:
            self.runs.append((style, data))


def body_blocks(html):
    return _parsed(html).blocks


def body_images(html):
    """The project's own images pasted into a body (CKEditor uploads), as
    stored files: the newspaper prints them as the story's photos."""
    from django.core.files.storage import default_storage

    from ..fetcher import own_media_name

    names = dict.fromkeys(filter(None, (own_media_name(src) for src in _parsed(html).images)))
    return [_StoredImage(name, default_storage) for name in names if default_storage.exists(name)]


def _parsed(html):
    parser = _BodyParser()
    parser.feed(html or "")
    parser.close()
    parser._flush()
    return parser


@dataclass(frozen=True)
class _StoredImage:
    """A stored image file with what ``photos`` reads of an ImageField file."""

    name: str
    storage: object

    def open(self, mode="rb"):
        return self.storage.open(self.name, mode)
