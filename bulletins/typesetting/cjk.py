"""Chinese text handling shared by the print layouts (bulletin, newspaper).

WeasyPrint justifies a line only by stretching spaces, and Debian 12's Pango
(1.50) refuses to break next to “ ” — so Chinese text is prepared before it
reaches WeasyPrint: a real space (``BREAK``) goes at every place where a line
may break, and the stylesheet cancels its width with ``word-spacing`` (see
``grid_spacing``). Justification then has something to stretch, and the break
rules are ours:

- no line starts with closing punctuation （，。、；：？！）」』”》 …）;
- no line ends with opening punctuation （（「『“《 …）;
- runs of digits and Latin letters stay whole (2月27日, 85.1%, 12315);
- a break is allowed before “ and after ” like anywhere else.

Public API:

``can_break(before, after)``
    May a line break between these two characters?
``mark_breaks(text, zero_width=False)``
    Plain text in, text out with ``BREAK`` at each allowed break point;
    whitespace from the source is normalised (dropped next to Chinese, kept as
    a narrow non-stretching space between Latin words).
``mark_breaks_html(html, zero_width=False)``
    The same on the text of (sanitised) HTML; tags and entities are kept and
    break points across tag boundaries (``<b>标题</b>正文``) are found too.
``grid_spacing(font_size_pt, pitch_pt, space_advance_em)``
    ``letter-spacing`` and ``word-spacing`` (in em) that put a face on a
    character grid and make ``BREAK`` zero-width.
``zero_width_letter_spacing(font_size_pt, pitch_pt)``
    The ``letter-spacing`` (in em) for text marked with ``zero_width=True``.

With ``zero_width=True`` the marks are zero-width characters instead of
spaces: ``ZW_BREAK`` (U+200B) where a line may break and ``ZW_KEEP`` (U+2060)
between every other pair of neighbours, so that every character but a
block's last is followed by exactly one mark. Pango adds letter-spacing to the
marks too, so half the grid's letter-spacing after the character and half
after its mark make one pitch — and no per-space adjustment is needed, which
lays out several times faster than word-spacing cancelling every space
(Pango splits its runs at each such adjustment). ``justify`` makes WeasyPrint
stretch lines at ``ZW_BREAK`` as it stretches spaces.
``balance_lines(text, capacity)``
    Split a title into balanced lines (headings, series titles).
``strip_breaks(text)``
    Undo ``mark_breaks`` (for comparisons and plain-text output).
"""

import math
from html import escape
from html.parser import HTMLParser

__all__ = [
    "BREAK",
    "ZW_BREAK",
    "ZW_KEEP",
    "balance_lines",
    "text_width",
    "CLOSING",
    "OPENING",
    "can_break",
    "grid_spacing",
    "mark_breaks",
    "mark_breaks_html",
    "strip_breaks",
    "zero_width_letter_spacing",
]

#: The break space. A real U+0020: the only character WeasyPrint stretches.
BREAK = " "

#: Zero-width marks (``zero_width=True``): a break opportunity (UAX #14 class
#: ZW) and a joiner that forbids one (class WJ). Neither prints anything.
ZW_BREAK = "\u200b"
ZW_KEEP = "\u2060"
_MARKS = (BREAK, ZW_BREAK, ZW_KEEP)
# Zero-width characters pasted into the source, dropped when marking with them.
_SOURCE_MARKS = frozenset((ZW_BREAK, ZW_KEEP, "\ufeff"))

#: Characters no line may start with.
CLOSING = frozenset(
    "，。、；：？！）」』”’》〉】〕〗〙〛｝］｠"
    ",.;:?!)]}%‰℃°′″"
    "…·・ー～〜"
    "\u3000"  # an ideographic space belongs to what precedes it
    "ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々〻"
)

#: Characters no line may end with.
OPENING = frozenset("（「『“‘《〈【〔〖〘〚｛［｟([{")

# Non-stretching space that replaces source whitespace between Latin words
# (U+0020 is reserved for BREAK, whose width the stylesheet cancels).
_LATIN_SPACE = "\u2005"

# Dashes and ellipses come in pairs (—— ……) that never split.
_PAIRED = frozenset("—…")


def _is_wide(ch):
    """True for characters set on the full-width grid (Han, kana, full-width forms)."""
    code = ord(ch)
    return (
        0x2E80 <= code <= 0x9FFF  # CJK radicals, punctuation, kana, unified ideographs
        or 0xF900 <= code <= 0xFAFF  # compatibility ideographs
        or 0xFE30 <= code <= 0xFE4F  # compatibility forms
        or 0xFF00 <= code <= 0xFFEF  # full-width forms
        or 0x20000 <= code <= 0x3FFFF  # extension B and later (堃 is in the BMP; 𠮷 is not)
        or ch in "“”‘’—…·"
    )


def can_break(before, after):
    """May a line break between ``before`` and ``after`` (two single characters)?"""
    if not before or not after:
        return False
    if after in CLOSING or before in OPENING:
        return False
    if before in _PAIRED and after == before:
        return False
    if before.isspace() or after.isspace():
        return False
    # Keep runs of digits and Latin (85.1%, 12315, COVID-19) together; a break
    # is allowed where such a run meets Chinese text.
    return _is_wide(before) or _is_wide(after)


def mark_breaks(text, zero_width=False):
    """Return ``text`` with ``BREAK`` at every allowed break point.

    Source whitespace is normalised first: dropped when it touches Chinese
    (an artefact of Word's spacing), kept as a narrow space between Latin
    words. Line breaks in the source count as whitespace. With
    ``zero_width``, ``ZW_BREAK`` marks the break points and ``ZW_KEEP`` goes
    between all other neighbours (see the module notes).
    """
    return "".join(_Marker(zero_width).feed(text))


def mark_breaks_html(html, zero_width=False):
    """``mark_breaks`` applied to the text of an HTML fragment; markup kept."""
    parser = _HtmlMarker(zero_width)
    parser.feed(html)
    parser.close()
    return "".join(parser.out)


def strip_breaks(text):
    """Undo ``mark_breaks``: drop the break marks (and narrow Latin spaces become plain)."""
    for mark in _MARKS:
        text = text.replace(mark, "")
    return text.replace(_LATIN_SPACE, " ")


def grid_spacing(font_size_pt, pitch_pt, space_advance_em):
    """Letter- and word-spacing (em) putting a face of ``font_size_pt`` on a ``pitch_pt`` grid.

    ``letter_spacing`` is added after every character, so each full-width
    character advances exactly ``pitch_pt``; ``word_spacing`` cancels the
    space's own advance plus its letter-spacing, so ``BREAK`` is zero-wide
    until justification stretches it. ``space_advance_em`` comes from the
    font file (see ``fonts.space_advance``), never a guess.
    """
    letter = (pitch_pt - font_size_pt) / font_size_pt
    return {"letter_spacing": letter, "word_spacing": -(space_advance_em + letter)}


# WeasyPrint hands Pango letter-spacing in whole units of 1/1024 CSS px,
# truncated towards zero.
_PANGO_UNITS_PER_PT = 1024 * 4 / 3


def zero_width_letter_spacing(font_size_pt, pitch_pt):
    """Letter-spacing (em) that puts text marked with ``zero_width=True`` on a ``pitch_pt`` grid.

    A character and its mark share the grid's letter-spacing, half each: half
    of the whole letter-spacing as Pango would get it, rounded down to a whole
    unit (never up), so that a line never comes out wider than the same
    characters set with ``grid_spacing``.
    """
    full_units = int((pitch_pt - font_size_pt) * _PANGO_UNITS_PER_PT)
    half_units = math.floor(full_units / 2)
    # Aim at the middle of the unit that WeasyPrint's truncation lands in.
    target = half_units + 0.5 if half_units >= 0 else half_units - 0.5
    return target / _PANGO_UNITS_PER_PT / font_size_pt


class _Marker:
    """Streaming break marker: remembers the last character across text chunks."""

    def __init__(self, zero_width=False):
        self.last = ""  # last visible character emitted
        self.pending_space = False  # source whitespace seen since ``last``
        self.zero_width = zero_width
        self.mark = ZW_BREAK if zero_width else BREAK
        self.keep = ZW_KEEP if zero_width else ""

    def feed(self, text):
        out = []
        keep = self.keep
        for ch in text:
            if ch.isspace() and ch != "\u3000":
                self.pending_space = True
                continue
            if keep and ch in _SOURCE_MARKS:
                continue  # the author's own zero-width marks would shift the grid
            if self.last:
                if self.pending_space and not _is_wide(self.last) and not _is_wide(ch):
                    out.append(keep + _LATIN_SPACE + keep)
                elif can_break(self.last, ch):
                    out.append(self.mark)
                elif keep:
                    out.append(keep)
            self.pending_space = False
            out.append(ch)
            self.last = ch
        return out


# Block-level tags reset the break context: nothing breaks across paragraphs.
_BLOCK_TAGS = frozenset(
    "p br h1 h2 h3 h4 h5 h6 li ul ol blockquote table thead tbody tfoot tr td th caption figure figcaption div".split()
)


class _HtmlMarker(HTMLParser):
    def __init__(self, zero_width=False):
        super().__init__(convert_charrefs=True)
        self.out = []
        self.zero_width = zero_width
        self.marker = _Marker(zero_width)
        self.pending = []  # inline tags not yet followed by text

    def _reset_context(self):
        self._flush_pending()
        self.marker = _Marker(self.zero_width)

    def _flush_pending(self):
        self.out.extend(self.pending)
        self.pending = []

    def handle_starttag(self, tag, attrs):
        if tag in _BLOCK_TAGS:
            self._reset_context()
            self.out.append(self.get_starttag_text())
        else:
            self.pending.append(self.get_starttag_text())

    def handle_startendtag(self, tag, attrs):
        if tag in _BLOCK_TAGS:
            self._reset_context()
        self._flush_pending()
        self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        if tag in _BLOCK_TAGS:
            self._reset_context()
        elif self.zero_width:
            # Held back too: WeasyPrint breaks between two elements only after
            # a mark that ends the first, not before one that starts the next.
            self.pending.append(f"</{tag}>")
            return
        self._flush_pending()
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        text = "".join(self.marker.feed(data))
        # A break point at the start of an element goes before its start tag,
        # so that a ``white-space: nowrap`` element can still be moved whole
        # (and, with zero-width marks, before the end tag of the element before).
        if text[:1] in _MARKS:
            self.out.append(text[0])
            text = text[1:]
        self._flush_pending()
        self.out.append(escape(text, quote=False))

    def close(self):
        super().close()
        self._flush_pending()


def text_width(text):
    """Width of plain text in em: full-width characters 1, others ½ (break marks 0)."""
    return sum(0 if ch in _MARKS else (1 if _is_wide(ch) else 0.5) for ch in text)


def balance_lines(text, capacity):
    """Split a title into lines of nearly equal width, none wider than ``capacity`` em.

    Breaks go only where ``can_break`` allows. A space the author typed between
    phrases (“主动出击 联防联控 坚决打赢…”) is the preferred place to break; where
    it stays inside a line it prints as an ideographic space. A break never cuts
    a word (``words``: 疫情防控, not 疫情防 | 控) when a break between words
    balances the lines about as well. Returns the lines as plain text (no break
    marks).
    """
    pieces, inside_word = _phrases(text)
    one_line = _join(pieces)
    if text_width(one_line) <= capacity:
        return [one_line]
    total = text_width(one_line)
    for count in range(int(-(-total // capacity)), len(pieces) + 1):
        lines = _split_balanced(pieces, count, capacity, inside_word)
        if lines:
            return lines
    return [one_line]


def _phrases(text):
    """([(segment, author_space_after)] cut at every allowed break point,
    [True where the break after that piece would cut a word])."""
    from .words import splits_word

    pieces, inside_word, current, last, pending = [], [], "", "", False
    for index, ch in enumerate(text):
        if ch.isspace() and ch != "\u3000":
            pending = bool(last)
            continue
        if current and (pending or can_break(last, ch)):
            if pending and not _is_wide(last) and not _is_wide(ch):
                current += " "  # a space between Latin words is not a phrase break
            else:
                pieces.append((current, pending))
                inside_word.append(not pending and splits_word(text, index))
                current = ""
        current += ch
        last, pending = ch, False
    if current:
        pieces.append((current, False))
        inside_word.append(False)
    return pieces, inside_word


def _join(pieces):
    out = ""
    for index, (segment, author_space) in enumerate(pieces):
        out += segment
        if author_space and index + 1 < len(pieces):
            out += "\u3000"
    return out


#: What cutting a word costs a title's balance: as much as lines 1½ characters
#: longer and shorter than even — a break between words is taken over one
#: inside a word unless it leaves the lines clearly more uneven.
WORD_CUT_COST = 2 * 1.5**2


def _split_balanced(pieces, count, capacity, inside_word=None):
    """Best split into ``count`` lines (dynamic programming), or None if none fits."""
    n = len(pieces)
    total = text_width(_join(pieces))
    target = total / count
    # best[(i, k)]: (cost, breaks) for pieces[i:] set in k lines
    best = {(n, 0): (0.0, [])}
    for k in range(1, count + 1):
        for i in range(n - 1, -1, -1):
            options = []
            for j in range(i + 1, n + 1):
                if (j, k - 1) not in best:
                    continue
                line = _join(pieces[i:j])
                width = text_width(line)
                if width > capacity:
                    break
                cost = (width - target) ** 2
                if j < n and pieces[j - 1][1]:
                    cost -= (0.5 * target) ** 2  # an author's phrase boundary is worth a little imbalance
                elif j < n and inside_word and inside_word[j - 1]:
                    cost += WORD_CUT_COST
                rest_cost, rest = best[(j, k - 1)]
                options.append((cost + rest_cost, [j] + rest))
            if options:
                best[(i, k)] = min(options, key=lambda o: (o[0], o[1]))
    if (0, count) not in best:
        return None
    starts = [0] + best[(0, count)][1]
    return [_join(pieces[a:b]) for a, b in zip(starts, starts[1:])]
