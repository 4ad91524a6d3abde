"""Justification at zero-width break marks in WeasyPrint.

WeasyPrint justifies a line by stretching its spaces only. Text marked with
``cjk.mark_breaks(..., zero_width=True)`` has no spaces: its break points are
``cjk.ZW_BREAK`` characters (see ``cjk``). ``install`` teaches WeasyPrint to
stretch those too, exactly as it stretches spaces:

- they count as expandable, except the one a line ends on (the break itself,
  which WeasyPrint would have trimmed were it a space);
- when a justified line is drawn, each gets the line's extra spacing on top
  of its letter-spacing, as Pango is told for spaces;
- a text that ends on a mark (an inline element's last words, followed on
  the same line by more text) measures what it would inside the paragraph,
  as WeasyPrint makes sure for a text ending on a space.

Text without the mark (the newspaper) is laid out as before.
``install`` is called once per process by ``engine.prepare``; it is a no-op if WeasyPrint changed shape.
"""

import re

from .cjk import ZW_BREAK, ZW_KEEP


_MARK_BYTES = re.compile(re.escape(ZW_BREAK.encode()))

#: Corrects WeasyPrint's advance for empty glyphs (see ``set_text`` below).
_EMPTY_GLYPH_SCALE = 1000 / 1024


def install():
    from weasyprint.formatting_structure import boxes
    from weasyprint.layout import inline
    from weasyprint.text import ffi, line_break

    expected = (
        callable(getattr(inline, "count_expandable_spaces", None))
        and callable(getattr(inline, "justify_line", None))
        and callable(getattr(inline, "add_word_spacing", None))
        and callable(getattr(line_break.Layout, "set_text", None))
        and hasattr(ffi, "TO_UNITS")
    )
    if not expected:
        return
    inline.count_expandable_spaces = _counting_marks(inline.count_expandable_spaces, boxes)
    inline.justify_line = _justify_line(inline, boxes)
    line_break.Layout.set_text = _stretching_marks(line_break.Layout.set_text, ffi)


def _counting_marks(original, boxes):
    # The original recurses through the module attribute, i.e. through this
    # function: each text box is counted once.
    def count_expandable_spaces(box):
        count = original(box)
        if isinstance(box, boxes.TextBox):
            count += box.text.count(ZW_BREAK)
        return count

    return count_expandable_spaces


def _justify_line(inline, boxes):
    def justify_line(context, line, extra_width):
        count = inline.count_expandable_spaces(line) - _ends_on_mark(line, boxes)
        if count > 0:
            inline.add_word_spacing(context, line, extra_width / count, 0)

    return justify_line


def _ends_on_mark(box, boxes):
    """1 if the line's last text ends with the break mark it was broken at, else 0."""
    while isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        children = [child for child in box.children if child.is_in_normal_flow()]
        if not children:
            return 0
        box = children[-1]
    return int(isinstance(box, boxes.TextBox) and box.text.endswith(ZW_BREAK))


def _stretching_marks(original, ffi):
    pango = ffi.pango
    to_units = ffi.TO_UNITS
    mark = ZW_BREAK.encode()
    marks = (mark, ZW_KEEP.encode())  # both three bytes long

    def set_text(self, text, justify=False):
        original(self, text, justify)
        if ZW_BREAK not in self.text and ZW_KEEP not in self.text:
            return
        letter_spacing = self.style["letter_spacing"]
        letter_units = 0 if letter_spacing == "normal" else int(letter_spacing * to_units)
        spacing = self.justification_spacing if justify else 0
        bytestring = self.text.encode()
        changes = []  # (start, end, letter-spacing in Pango units)
        if spacing:
            # A justified line being drawn: every mark gets its letter-spacing
            # plus the stretch, twice as much at an edge (where Pango applies
            # half), as WeasyPrint does for spaces. The mark draws as an empty
            # glyph, whose advance WeasyPrint 70 writes to the PDF in Pango
            # units where thousandths of an em are due (1024 for 1000): scaled
            # down here, the characters after it land where the layout put them.
            value = (spacing * to_units + letter_units) * _EMPTY_GLYPH_SCALE
            edges = (0, len(bytestring) - len(mark))
            for match in _MARK_BYTES.finditer(bytestring):
                factor = 1 + (match.start() in edges)
                changes.append((match.start(), match.end(), int(factor * value)))
        if letter_units and bytestring.endswith(marks) and len(bytestring) > len(mark):
            # Pango gives the last character of a text half its letter-spacing
            # (WeasyPrint makes up for it at a space only): a text box ending
            # on a mark, before the next box of its line, would measure half a
            # mark's spacing too wide. The character before the mark takes the
            # other half, so that the boxes of a line add up.
            end = len(bytestring) - len(mark)
            start = end - 1
            while start > 0 and (bytestring[start] & 0xC0) == 0x80:  # back to the character's first byte
                start -= 1
            changes.append((start, end, int(1.5 * letter_units)))
        if not changes:
            return
        attr_list = pango.pango_layout_get_attributes(self.layout)
        if attr_list == ffi.ffi.NULL:  # the original sets one whenever there is spacing
            return
        for start, end, value in changes:
            attr = pango.pango_attr_letter_spacing_new(value)
            attr.start_index, attr.end_index = start, end
            pango.pango_attr_list_change(attr_list, attr)
        # Not laid out yet: Pango reads these when it is.
        pango.pango_layout_set_attributes(self.layout, attr_list)

    return set_text
