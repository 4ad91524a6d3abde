"""Compact font subsets in WeasyPrint's PDFs.

WeasyPrint 70 subsets every font keeping each glyph at its original id
(hb-subset's RETAIN_GIDS), because the page content addresses glyphs by id.
A CJK face holds up to 65 535 glyphs, so each subset drags along tens of
thousands of empty glyph slots: 130–210 KB per face, most of a bulletin's PDF
and of its subsetting time. It also copies the whole font file (a 27 MB .ttc)
into Python for each face in each render, to read four bytes of it.

The page content's glyph ids are, for the PDF, CIDs. In a CID-keyed CFF font
embedded as bare CFF (FontFile3 /CIDFontType0C, as Acrobat Distiller has
always done) a reader finds a glyph by its CID through the font's charset, not
by position (ISO 32000, 9.7.4.2) — and hb-subset keeps each kept glyph's CID.
So wherever a face's CID equals its glyph id (all of Noto CJK and Source Han,
most of Fandol), the subset can be packed and the page content still names the
right glyphs. (Inside an OpenType wrapper readers such as Poppler ignore the
charset, hence bare CFF.) Every packed subset's charset is checked; any font
that does not qualify (TrueType, name-keyed CFF, a used glyph whose CID
differs) is embedded by WeasyPrint's own code, unchanged.

``install`` is called once per process before any render (``fonts.font_set``
does it), so that output never depends on what a process rendered before.
"""

import bisect
import threading

from . import sfnt

_lock = threading.Lock()

#: Marks a WeasyPrint Font whose ``file_content`` is a packed bare CFF subset.
_BARE_CFF = "_newsroom_bare_cff"

#: The tables WeasyPrint drops from subsets, kept the same here.
_DROPPED_TABLES = (b"BASE", b"DSIG", b"EBDT", b"EBLC", b"EBSC", b"GPOS", b"GSUB", b"JSTF", b"LTSH", b"PCLT", b"SVG ")


def install():
    """Patch WeasyPrint's font embedding (once, by engine.prepare; a no-op if WeasyPrint changed shape)."""
    import pydyf
    import weasyprint.pdf as weasy_pdf
    from weasyprint.pdf import fonts as weasy_fonts
    from weasyprint.text.ffi import harfbuzz, harfbuzz_subset

    font_class = getattr(weasy_fonts, "Font", None)
    expected = (
        harfbuzz_subset is not None
        and callable(getattr(font_class, "subset", None))
        and isinstance(getattr(font_class, "type", None), property)
        and callable(getattr(weasy_fonts, "get_hb_object_data", None))
        and callable(getattr(weasy_pdf, "build_fonts_dictionary", None))
    )
    if not expected:
        return
    weasy_fonts.get_hb_object_data = _face_view(weasy_fonts.get_hb_object_data, harfbuzz)
    font_class.subset = _packing_subset(font_class.subset, harfbuzz, harfbuzz_subset)
    font_class.type = _font_type(font_class.type)
    weasy_pdf.build_fonts_dictionary = _bare_cff_streams(weasy_pdf.build_fonts_dictionary, pydyf)


def _face_view(original, harfbuzz):
    """``get_hb_object_data`` that returns a whole face's file as a view, not a copy."""
    from weasyprint.text.ffi import ffi

    def get_hb_object_data(hb_object, ot_color=None, glyph=None):
        if ot_color is not None:
            return original(hb_object, ot_color, glyph)
        blob = harfbuzz.hb_face_reference_blob(hb_object)
        length = ffi.new("unsigned int *")
        data = harfbuzz.hb_blob_get_data(blob, length)
        if data == ffi.NULL:
            harfbuzz.hb_blob_destroy(blob)
            return None
        # The view holds a reference to the blob, released with the view.
        owner = ffi.gc(ffi.cast("char *", data), lambda _: harfbuzz.hb_blob_destroy(blob))
        return memoryview(ffi.buffer(owner, int(length[0])))

    return get_hb_object_data


def _packing_subset(original, harfbuzz, harfbuzz_subset):
    def subset(font, to_unicode, hinting):
        if to_unicode and "CFF " in font.tables and "fvar" not in font.tables:
            packed = _packed_cff(font, to_unicode, hinting, harfbuzz, harfbuzz_subset)
            if packed is not None:
                font.file_content = packed
                setattr(font, _BARE_CFF, True)
                return
        # WeasyPrint's own code expects bytes, before and after.
        _materialise(font)
        original(font, to_unicode, hinting)
        _materialise(font)

    return subset


def _font_type(original):
    return property(lambda font: "otf" if getattr(font, _BARE_CFF, False) else original.fget(font))


def _bare_cff_streams(original, pydyf):
    """``build_fonts_dictionary`` that labels packed subsets' streams as bare CFF."""

    def build_fonts_dictionary(pdf, fonts, *args, **kwargs):
        result = original(pdf, fonts, *args, **kwargs)
        bare = {id(font.file_content) for font in fonts.values() if getattr(font, _BARE_CFF, False)}
        if bare:
            for obj in pdf.objects:
                if isinstance(obj, pydyf.Stream) and len(obj.stream) == 1 and id(obj.stream[0]) in bare:
                    obj.extra["Subtype"] = "/CIDFontType0C"
        return result

    return build_fonts_dictionary


def _materialise(font):
    if isinstance(font.file_content, memoryview):
        font.file_content = font.file_content.tobytes()


def _packed_cff(font, to_unicode, hinting, harfbuzz, harfbuzz_subset):
    """The font's subset as bare CFF without empty glyph slots, or None if it does not qualify."""
    from weasyprint.text.ffi import ffi

    glyphs = sorted({0} | {g for g in to_unicode if g < font.glyph_count})
    ranges = _identity_ranges(font.hb_face, harfbuzz)
    if not all(_within(glyph, ranges) for glyph in glyphs):
        return None
    hb_input = harfbuzz_subset.hb_subset_input_create_or_fail()
    if hb_input == ffi.NULL:
        return None
    hb_input = ffi.gc(hb_input, harfbuzz_subset.hb_subset_input_destroy)
    glyph_set = harfbuzz_subset.hb_subset_input_glyph_set(hb_input)
    harfbuzz.hb_set_add_sorted_array(glyph_set, ffi.new("hb_codepoint_t[]", glyphs), len(glyphs))
    flags = harfbuzz_subset.HB_SUBSET_FLAGS_PASSTHROUGH_UNRECOGNIZED | harfbuzz_subset.HB_SUBSET_FLAGS_DESUBROUTINIZE
    if not hinting:
        flags |= harfbuzz_subset.HB_SUBSET_FLAGS_NO_HINTING
    if font.missing:
        flags |= harfbuzz_subset.HB_SUBSET_FLAGS_NOTDEF_OUTLINE
    harfbuzz_subset.hb_subset_input_set_flags(hb_input, flags)
    # Only the subset's CFF table is embedded: subsetting the face's other
    # tables (cmap, metrics, names of a 65 535-glyph face) would be work thrown away.
    cff_tag = harfbuzz.hb_tag_from_string(b"CFF ", -1)
    drop = sorted(
        {harfbuzz.hb_tag_from_string(tag, -1) for tag in _DROPPED_TABLES}
        | {tag for tag in _table_tags(font.hb_face, harfbuzz) if tag != cff_tag}
    )
    drop_set = harfbuzz_subset.hb_subset_input_set(hb_input, harfbuzz_subset.HB_SUBSET_SETS_DROP_TABLE_TAG)
    harfbuzz.hb_set_add_sorted_array(drop_set, ffi.new("hb_codepoint_t[]", drop), len(drop))
    face = harfbuzz_subset.hb_subset_or_fail(font.hb_face, hb_input)
    if face == ffi.NULL:
        return None
    face = ffi.gc(face, harfbuzz.hb_face_destroy)
    with _table(face, b"CFF ", harfbuzz) as cff:
        packed = cff.tobytes() if cff is not None else None
    if not packed:
        return None
    # hb-subset may keep glyphs of its own (layout closure); what matters is
    # that every glyph the page uses is there under its own id as CID.
    cids = sfnt.cff_glyph_cids(packed)
    if not set(glyphs) <= set(cids) or cids != sorted(set(cids)):
        return None
    return packed


def _table_tags(hb_face, harfbuzz):
    from weasyprint.text.ffi import ffi

    count = ffi.new("unsigned int *", 0)
    total = harfbuzz.hb_face_get_table_tags(hb_face, 0, count, ffi.NULL)
    count[0] = total
    tags = ffi.new("hb_tag_t[]", max(total, 1))
    harfbuzz.hb_face_get_table_tags(hb_face, 0, count, tags)
    return [tags[i] for i in range(count[0])]


# Faces already read: (address and length of the CFF table, its first bytes) → ranges.
_identity_cache = {}


def _identity_ranges(hb_face, harfbuzz):
    """Glyph ranges of a CID-keyed CFF face whose CID equals the glyph id; read once per face."""
    from weasyprint.text.ffi import ffi

    with _table(hb_face, b"CFF ", harfbuzz) as cff:
        if cff is None or len(cff) < 64:
            return ()
        # The address is stable while the face is loaded; the leading bytes
        # (header and font name) guard against another face reusing it.
        key = (int(ffi.cast("uintptr_t", ffi.from_buffer(cff))), len(cff), cff[:64].tobytes())
        with _lock:
            if key not in _identity_cache:
                _identity_cache[key] = sfnt.cff_identity_ranges(cff)
            return _identity_cache[key]


def _within(glyph, ranges):
    index = bisect.bisect_right(ranges, (glyph, 0xFFFF)) - 1
    return index >= 0 and ranges[index][0] <= glyph <= ranges[index][1]


class _table:
    """A face's table as a memoryview for the ``with`` block (None if absent); released after."""

    def __init__(self, hb_face, tag, harfbuzz):
        self.harfbuzz = harfbuzz
        self.blob = harfbuzz.hb_face_reference_table(hb_face, harfbuzz.hb_tag_from_string(tag, -1))
        self.view = None

    def __enter__(self):
        from weasyprint.text.ffi import ffi

        length = ffi.new("unsigned int *")
        data = self.harfbuzz.hb_blob_get_data(self.blob, length)
        if data != ffi.NULL and length[0]:
            self.view = memoryview(ffi.buffer(data, int(length[0])))
        return self.view

    def __exit__(self, *exc):
        if self.view is not None:
            self.view.release()
        self.harfbuzz.hb_blob_destroy(self.blob)
