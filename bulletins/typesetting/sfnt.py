"""Just enough of the OpenType file format to read one glyph advance.

The CJK justification needs the space's advance in each chosen face. Parsing a
65 535-glyph CJK font with fontTools to learn one number costs a quarter of a
second per face (cmap, charset and hmtx are decoded whole); reading the few
bytes involved straight from the file costs microseconds.
"""

import mmap
import struct


class FontFormatError(ValueError):
    """The file is not an OpenType/TrueType font (or collection) this reader understands."""


def advance_em(path, codepoint, index=0):
    """Advance width of ``codepoint`` in em, or None if the face has no glyph for it."""
    with open(path, "rb") as file:
        try:
            with mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as data:
                return _advance_em(data, codepoint, index)
        except (struct.error, IndexError, ValueError) as error:  # ValueError: an empty file
            raise FontFormatError(str(error)) from error


def _advance_em(data, codepoint, index):
    offset = _face_offset(data, index)
    tables = _table_offsets(data, offset)
    for tag in (b"head", b"hhea", b"hmtx", b"cmap"):
        if tag not in tables:
            raise FontFormatError(f"no {tag.decode()} table")
    glyph = _cmap_glyph(data, tables[b"cmap"], codepoint)
    if not glyph:
        return None
    (units_per_em,) = struct.unpack_from(">H", data, tables[b"head"] + 18)
    (metrics_count,) = struct.unpack_from(">H", data, tables[b"hhea"] + 34)
    # Glyphs past the last full metric share its advance (monospaced tails).
    (advance,) = struct.unpack_from(">H", data, tables[b"hmtx"] + 4 * min(glyph, metrics_count - 1))
    return advance / units_per_em


def _face_offset(data, index):
    if data[:4] != b"ttcf":
        if index:
            raise FontFormatError("face index given for a single-face file")
        return 0
    (count,) = struct.unpack_from(">I", data, 8)
    if not 0 <= index < count:
        raise FontFormatError(f"no face {index} in a collection of {count}")
    (offset,) = struct.unpack_from(">I", data, 12 + 4 * index)
    return offset


def _table_offsets(data, offset):
    if data[offset:offset + 4] not in (b"\x00\x01\x00\x00", b"OTTO", b"true"):
        raise FontFormatError("not an OpenType font")
    (count,) = struct.unpack_from(">H", data, offset + 4)
    tables = {}
    for record in range(offset + 12, offset + 12 + 16 * count, 16):
        tag, _checksum, table_offset, _length = struct.unpack_from(">4sIII", data, record)
        tables[tag] = table_offset
    return tables


# Unicode subtables, best first: (platform, encoding).
_UNICODE_SUBTABLES = ((3, 10), (0, 6), (0, 4), (3, 1), (0, 3), (0, 2), (0, 1), (0, 0))


def _cmap_glyph(data, cmap, codepoint):
    (count,) = struct.unpack_from(">H", data, cmap + 2)
    subtables = {}
    for record in range(cmap + 4, cmap + 4 + 8 * count, 8):
        platform, encoding, offset = struct.unpack_from(">HHI", data, record)
        subtables.setdefault((platform, encoding), cmap + offset)
    for key in _UNICODE_SUBTABLES:
        if key not in subtables:
            continue
        subtable = subtables[key]
        (fmt,) = struct.unpack_from(">H", data, subtable)
        if fmt == 4:
            return _format4_glyph(data, subtable, codepoint)
        if fmt == 12:
            return _format12_glyph(data, subtable, codepoint)
    raise FontFormatError("no Unicode cmap subtable in format 4 or 12")


def _format4_glyph(data, subtable, codepoint):
    if codepoint > 0xFFFF:
        return 0
    (seg_count_x2,) = struct.unpack_from(">H", data, subtable + 6)
    ends = subtable + 14
    starts = ends + seg_count_x2 + 2
    deltas = starts + seg_count_x2
    range_offsets = deltas + seg_count_x2
    for segment in range(0, seg_count_x2, 2):
        (end,) = struct.unpack_from(">H", data, ends + segment)
        if end < codepoint:
            continue
        (start,) = struct.unpack_from(">H", data, starts + segment)
        if start > codepoint:
            return 0
        (delta,) = struct.unpack_from(">h", data, deltas + segment)
        range_offset_at = range_offsets + segment
        (range_offset,) = struct.unpack_from(">H", data, range_offset_at)
        if range_offset == 0:
            return (codepoint + delta) & 0xFFFF
        (glyph,) = struct.unpack_from(">H", data, range_offset_at + range_offset + 2 * (codepoint - start))
        return (glyph + delta) & 0xFFFF if glyph else 0
    return 0


def _format12_glyph(data, subtable, codepoint):
    (group_count,) = struct.unpack_from(">I", data, subtable + 12)
    for group in range(subtable + 16, subtable + 16 + 12 * group_count, 12):
        start, end, first_glyph = struct.unpack_from(">III", data, group)
        if start <= codepoint <= end:
            return first_glyph + codepoint - start
        if start > codepoint:
            return 0
    return 0


def cff_identity_ranges(cff):
    """Glyph ranges ((first, last), …) of a CID-keyed CFF table (bytes) whose CID equals the glyph id.

    Such glyphs can be subset without keeping empty glyph slots: a PDF reader
    finds them by CID through the charset, which subsetting keeps. Empty for a
    name-keyed font.
    """
    ranges = []
    for glyph, cid, count in _cff_charset_runs(cff):
        if glyph != cid:
            continue
        if ranges and ranges[-1][1] == glyph - 1:
            ranges[-1] = (ranges[-1][0], glyph + count - 1)
        else:
            ranges.append((glyph, glyph + count - 1))
    return tuple(ranges)


def cff_glyph_cids(cff):
    """The CID of each glyph of a CID-keyed CFF table, in glyph order (empty if name-keyed)."""
    return [cid + step for _glyph, cid, count in _cff_charset_runs(cff) for step in range(count)]


def _cff_charset_runs(cff):
    """(first glyph, its CID, count) runs of consecutive CIDs; nothing for a name-keyed font."""
    try:
        return list(_charset_runs(cff))
    except (struct.error, IndexError, ValueError):
        return []


def _charset_runs(cff):
    top_index = _cff_index_end(cff, cff[2])  # after the Name INDEX
    top = _cff_index_first(cff, top_index)
    if top is None:
        return
    operators = _cff_dict(cff, *top)
    if "ROS" not in operators or 15 not in operators or 17 not in operators:
        return
    (glyph_count,) = struct.unpack_from(">H", cff, operators[17])
    offset = operators[15]
    fmt = cff[offset]
    offset += 1
    if fmt not in (0, 1, 2):
        raise ValueError(f"unknown charset format {fmt}")
    yield 0, 0, 1  # .notdef is CID 0
    glyph = 1
    while glyph < glyph_count:
        if fmt == 0:
            (first,) = struct.unpack_from(">H", cff, offset)
            offset, left = offset + 2, 0
        elif fmt == 1:
            first, left = struct.unpack_from(">HB", cff, offset)
            offset += 3
        else:
            first, left = struct.unpack_from(">HH", cff, offset)
            offset += 4
        count = min(left + 1, glyph_count - glyph)
        yield glyph, first, count
        glyph += count


def _cff_index_end(cff, offset):
    (count,) = struct.unpack_from(">H", cff, offset)
    if count == 0:
        return offset + 2
    size = cff[offset + 2]
    last = int.from_bytes(cff[offset + 3 + count * size:offset + 3 + (count + 1) * size], "big")
    return offset + 3 + (count + 1) * size + last - 1


def _cff_index_first(cff, offset):
    """(start, end) of the first entry of the INDEX at ``offset``."""
    (count,) = struct.unpack_from(">H", cff, offset)
    if count == 0:
        return None
    size = cff[offset + 2]
    data = offset + 3 + (count + 1) * size - 1
    first = int.from_bytes(cff[offset + 3:offset + 3 + size], "big")
    second = int.from_bytes(cff[offset + 3 + size:offset + 3 + 2 * size], "big")
    return data + first, data + second


def _cff_dict(cff, start, end):
    """Integer-valued operators of a CFF DICT: {operator: last operand}; "ROS" when present."""
    found, operands, position = {}, [], start
    while position < end:
        byte = cff[position]
        if byte <= 21:
            if byte == 12:
                position += 1
                if cff[position] == 30:
                    found["ROS"] = True
            elif operands:
                found[byte] = operands[-1]
            operands = []
            position += 1
        elif byte == 28:
            operands.append(struct.unpack_from(">h", cff, position + 1)[0])
            position += 3
        elif byte == 29:
            operands.append(struct.unpack_from(">i", cff, position + 1)[0])
            position += 5
        elif byte == 30:  # a real number: skip its nibbles
            position += 1
            while cff[position] & 0x0F != 0x0F and cff[position] >> 4 != 0x0F:
                position += 1
            position += 1
            operands.append(0)
        elif byte <= 246:
            operands.append(byte - 139)
            position += 1
        elif byte <= 250:
            operands.append((byte - 247) * 256 + cff[position + 1] + 108)
            position += 2
        elif byte <= 254:
            operands.append(-(byte - 251) * 256 - cff[position + 1] - 108)
            position += 2
        else:
            raise IndexError("reserved byte in a CFF DICT")
    return found
