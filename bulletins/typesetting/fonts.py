"""Font discovery for the print layouts.

Each typographic role (标宋 title, 仿宋 body, 楷体, 黑体, 宋体) resolves to one
concrete font file, chosen in this order:

1. a licensed face an office installed (方正小标宋简体, 仿宋_GB2312 …), found in
   ``settings.NEWSROOM_FONT_DIRS`` or among the fonts fontconfig knows;
2. a free face from Debian packages: Noto Serif/Sans CJK SC (fonts-noto-cjk),
   Fandol (texlive-lang-chinese, in texlive's own tree that fontconfig does
   not scan, located with ``kpsewhich``), LXGW WenKai / AR PL UKai.

Every role's CSS stack ends in Noto CJK, any extra files an office added, and
last HanaMinB and BabelStone Han (CJK Extension B–G), so that a character
missing from the chosen face (堃, 喆, 𠀀 in names) falls back instead of
printing as a box; ``glyphs`` reports any character no face of the stack has.
The space advance of each chosen face is read from the font file, because the
CJK justification (see ``cjk``) cancels it.
"""

import functools
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from . import engine, fetcher, sfnt

FONT_SUFFIXES = (".otf", ".ttf", ".ttc", ".otc")

# Licensed faces (as their family names appear in the files), best first.
LICENSED = {
    "title": ["方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "FZXiaoBiaoSong-B05", "小标宋"],
    "fang": ["仿宋_GB2312", "FangSong_GB2312", "方正仿宋_GBK", "方正仿宋简体", "仿宋", "FangSong", "STFangsong"],
    "kai": ["楷体_GB2312", "KaiTi_GB2312", "方正楷体_GBK", "方正楷体简体", "楷体", "KaiTi", "STKaiti"],
    "hei": ["黑体", "SimHei", "方正黑体_GBK", "方正黑体简体", "STHeiti"],
    "song": ["宋体", "SimSun", "方正书宋_GBK", "方正书宋简体", "STSong"],
}

# Free stand-ins: ("fc", family, style) via fontconfig, ("tex", file name) via kpsewhich.
FREE = {
    "title": [("fc", "Noto Serif CJK SC", "Bold"), ("tex", "FandolSong-Bold.otf")],
    "fang": [("tex", "FandolFang-Regular.otf"), ("fc", "Noto Serif CJK SC", "Regular")],
    "kai": [("fc", "LXGW WenKai", "Regular"), ("fc", "AR PL UKai CN", "Book"), ("tex", "FandolKai-Regular.otf")],
    "hei": [("fc", "Noto Sans CJK SC", "Medium"), ("tex", "FandolHei-Regular.otf"), ("fc", "Noto Sans CJK SC", "Regular")],
    "song": [("fc", "Noto Serif CJK SC", "Regular"), ("tex", "FandolSong-Regular.otf")],
}

# Faces that cover far more than GB2312 (rare name characters), tried in order.
# The last resort covers the CJK extensions Noto lacks: HanaMinB (Extension B–F,
# Debian fonts-hanazono), then BabelStone Han (Extension G, fonts-babelstone-han).
FALLBACK = [("fc", "Noto Serif CJK SC", "Regular"), ("fc", "Noto Sans CJK SC", "Regular")]
LAST_RESORT = [("fc", "HanaMinB", "Regular"), ("fc", "BabelStone Han", "Regular")]

ROLES = tuple(LICENSED)


@dataclass(frozen=True)
class Face:
    """One font file (and face index inside a collection) under the CSS family ``css_family``."""

    css_family: str
    path: Path
    index: int = 0
    space_advance: float = 0.25  # em; always measured, see ``space_advance``
    weight: int = 400  # CSS font-weight that selects this face within its family
    # Found through fontconfig, so Pango reaches it by family name; an
    # @font-face rule would copy the whole file and rescan it in every process.
    system: bool = False

    @property
    def font_face_rule(self):
        # Collections (.ttc) hold several faces; only a face of its own file can
        # be addressed by url(), so collection faces are used by family name.
        if self.system or self.path.suffix.lower() in (".ttc", ".otc"):
            return ""
        return f'@font-face {{ font-family: "{self.css_family}"; src: url("{self.path.as_uri()}"); }}'


@dataclass(frozen=True)
class FontSet:
    """The resolved faces: one per role plus the fallback chain."""

    roles: dict
    fallback: tuple

    def stack(self, role):
        """CSS font-family value for a role: its face, then the fallbacks.

        仿宋 falls back on the 楷 face first (a character the 仿宋 lacks, often a
        rare one in a name, keeps a brush style), then on the wide-coverage faces.
        """
        names = [self.roles[role].css_family]
        if role == "fang" and "kai" in self.roles:
            names.append(self.roles["kai"].css_family)
        names += [f.css_family for f in self.fallback]
        unique = list(dict.fromkeys(names))
        return ", ".join(f'"{n}"' for n in unique) + ", serif"

    def space_advance(self, role):
        return self.roles[role].space_advance

    def weight(self, role):
        return self.roles[role].weight

    def css(self):
        """@font-face rules for every face loaded from a file (deterministic order)."""
        faces = list(self.roles.values()) + list(self.fallback)
        rules = dict.fromkeys(f.font_face_rule for f in faces if f.font_face_rule)
        return "\n".join(rules)

    def covers(self, role, char):
        """Has the role's own face a glyph for ``char``? (A character it lacks comes from a fallback.)"""
        face = self.roles[role]
        return _has_glyph(str(face.path), face.index, ord(char))

    def describe(self):
        return {role: f"{face.css_family} ({face.path.name})" for role, face in self.roles.items()}


@functools.lru_cache(maxsize=65536)
def _has_glyph(path, index, codepoint):
    try:
        return sfnt.advance_em(path, codepoint, index) is not None
    except sfnt.FontFormatError:
        return True  # a face we cannot read: assume it covers, as before


def space_advance_of(path, index, char):
    """The advance of ``char`` in em (0.5 when the face lacks it or cannot be read)."""
    try:
        advance = sfnt.advance_em(str(path), ord(char), index)
    except sfnt.FontFormatError:
        return 0.5
    return 0.5 if advance is None else advance


def space_advance(path, index=0):
    """The space's advance width in em, read from the font file."""
    return _space_advance(str(path), index)


@functools.lru_cache(maxsize=None)
def _space_advance(path, index):
    # Read straight from the file: fontTools would decode a whole CJK font's
    # cmap and metrics (a quarter of a second per face) for this one number.
    try:
        advance = sfnt.advance_em(path, 0x20, index)
    except sfnt.FontFormatError:
        return _space_advance_fonttools(path, index)
    return 0.25 if advance is None else advance


def _space_advance_fonttools(path, index):
    from fontTools.ttLib import TTFont

    font = TTFont(path, fontNumber=index, lazy=True)
    try:
        glyph = font.getBestCmap().get(0x20)
        if glyph is None:
            return 0.25
        return font["hmtx"][glyph][0] / font["head"].unitsPerEm
    finally:
        font.close()


@functools.lru_cache(maxsize=None)
def _family_names(path, index):
    """All family names (any language) a font file declares."""
    from fontTools.ttLib import TTFont

    try:
        font = TTFont(path, fontNumber=index, lazy=True)
    except Exception:  # not a font we can read: ignore it
        return ()
    try:
        names = {
            record.toUnicode().strip()
            for record in font["name"].names
            if record.nameID in (1, 4, 16) and _decodable(record)
        }
    finally:
        font.close()
    return tuple(sorted(n for n in names if n))


def _decodable(record):
    try:
        record.toUnicode()
        return True
    except UnicodeDecodeError:
        return False


def _collection_size(path):
    if path.suffix.lower() not in (".ttc", ".otc"):
        return 1
    from fontTools.ttLib import TTCollection

    try:
        collection = TTCollection(str(path), lazy=True)
    except Exception:
        return 0
    count = len(collection.fonts)
    collection.close()
    return count


@functools.lru_cache(maxsize=None)
def _extra_files(dirs):
    """(path, index, family names) for every font file in the configured folders, sorted."""
    found = []
    for folder in dirs:
        folder = Path(folder)
        if not folder.is_dir():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.suffix.lower() in FONT_SUFFIXES):
            for index in range(_collection_size(path)):
                names = _family_names(str(path), index)
                if names:
                    found.append((path, index, names))
    return tuple(found)


@functools.lru_cache(maxsize=1)
def _fontconfig_faces():
    """(family names, style, file, index) for every face fontconfig knows."""
    if not shutil.which("fc-list"):
        return ()
    result = subprocess.run(
        ["fc-list", "--format", "%{family}\t%{style}\t%{file}\t%{index}\n"],
        capture_output=True, text=True, check=False,
    )
    faces = []
    for line in sorted(result.stdout.splitlines()):
        parts = line.split("\t")
        if len(parts) != 4:
            continue
        families, styles, file, index = parts
        faces.append((tuple(f.strip() for f in families.split(",")), tuple(styles.split(",")), Path(file), int(index or 0)))
    return tuple(faces)


def _fontconfig_face(family, style=None):
    for families, styles, path, index in _fontconfig_faces():
        if family in families and (style is None or style in styles):
            return path, index
    return None


@functools.lru_cache(maxsize=None)
def texlive_font(filename):
    """Path of a font file inside texlive's tree (not scanned by fontconfig), or None."""
    if shutil.which("kpsewhich"):
        result = subprocess.run(["kpsewhich", filename], capture_output=True, text=True, check=False)
        hit = result.stdout.strip()
        if hit and Path(hit).is_file():
            return Path(hit)
        # kpsewhich knows where the tree is even when its file database is stale.
        result = subprocess.run(["kpsewhich", "-var-value", "TEXMFDIST"], capture_output=True, text=True, check=False)
        roots = [Path(result.stdout.strip())] if result.stdout.strip() else []
    else:
        roots = []
    roots += [Path("/usr/share/texlive/texmf-dist"), Path("/usr/share/texmf"), Path("/usr/local/texlive")]
    for root in roots:
        fonts = root / "fonts" / "opentype" if (root / "fonts" / "opentype").is_dir() else root
        if not fonts.is_dir():
            continue
        for hit in sorted(fonts.rglob(filename)):
            return hit
    return None


def _licensed_face(role, extra):
    for wanted in LICENSED[role]:
        for path, index, names in extra:
            if wanted in names:
                return _face(f"{role}:{wanted}", path, index)
        hit = _fontconfig_face(wanted)
        if hit:
            # Installed system-wide: addressed by its own family name.
            return Face(wanted, hit[0], hit[1], space_advance(*hit), system=True)
    return None


def _free_face(spec, role):
    if spec[0] == "tex":
        path = texlive_font(spec[1])
        return _face(Path(spec[1]).stem, path, 0) if path else None
    _, family, style = spec
    hit = _fontconfig_face(family, style)
    if not hit:
        return None
    # A weight of a collection is reachable by family name only when it is the
    # family's regular; other weights get a family name of their own in fontconfig
    # ("Noto Sans CJK SC Medium").
    css_family = family if style in ("Regular", "Book") else f"{family} {style}"
    weight = 400
    if style == "Bold":
        css_family, weight = family, 700  # selected with font-weight: bold
    return Face(css_family, hit[0], hit[1], space_advance(*hit), weight, system=True)


def _face(css_family, path, index):
    return Face(css_family, Path(path), index, space_advance(path, index))


@functools.lru_cache(maxsize=None)
def _resolve(dirs):
    extra = _extra_files(dirs)
    roles = {}
    for role in ROLES:
        face = _licensed_face(role, extra)
        if face is None:
            face = next(filter(None, (_free_face(spec, role) for spec in FREE[role])), None)
        if face is None:
            face = next(filter(None, (_free_face(spec, role) for spec in FALLBACK)), None)
        if face is None:
            raise RuntimeError("找不到可用的中文字体：请安装 fonts-noto-cjk 与 texlive-lang-chinese。")
        roles[role] = face
    fallback = [f for f in (_free_face(spec, "fallback") for spec in FALLBACK) if f]
    # Any other file an office added also serves as a fallback (rare characters).
    chosen = {(f.path, f.index) for f in roles.values()}
    for path, index, names in extra:
        if (path, index) not in chosen:
            fallback.append(_face(f"extra:{path.name}:{index}", path, index))
    fallback += [f for f in (_free_face(spec, "fallback") for spec in LAST_RESORT) if f]
    fonts = FontSet(roles=roles, fallback=tuple(fallback))
    # The print fetcher loads only the font files chosen here (see ``fetcher``).
    fetcher.allow_font_files(f.path for f in (*roles.values(), *fallback))
    return fonts


def font_set():
    """The faces for this installation (cached per configured font folders)."""
    # Every render asks for its fonts first: the place to set WeasyPrint up
    # (packed font embedding) the same way for every render of the process.
    engine.prepare()
    dirs = tuple(str(d) for d in getattr(settings, "NEWSROOM_FONT_DIRS", ()))
    return _resolve(dirs)


def clear_cache():
    """Forget resolved fonts (after an administrator adds font files)."""
    for cached in (_resolve, _extra_files, _fontconfig_faces, texlive_font):
        cached.cache_clear()


@functools.lru_cache(maxsize=8)
def outline_path(path, index, text, size=1000):
    """SVG path data of ``text`` set solid in one face at ``size`` units per em (y downwards), and its width.

    For marks that must print as shapes, not text (the 样稿 watermark): a
    reader's copy or search of the page never meets them.
    """
    from fontTools.pens.svgPathPen import SVGPathPen
    from fontTools.pens.transformPen import TransformPen
    from fontTools.ttLib import TTFont

    font = TTFont(str(path), fontNumber=index, lazy=True)
    try:
        glyph_set = font.getGlyphSet()
        cmap = font.getBestCmap()
        scale = size / font["head"].unitsPerEm
        # The em box's top: a CJK face's typographic ascender (0.88 em), so the glyphs fill 0…size.
        ascent = (font["OS/2"].sTypoAscender if "OS/2" in font else font["hhea"].ascent) * scale
        svg = SVGPathPen(glyph_set, ntos=lambda v: f"{v:.1f}".rstrip("0").rstrip("."))
        x = 0.0
        for ch in text:
            name = cmap.get(ord(ch))
            if name is None:
                continue
            glyph_set[name].draw(TransformPen(svg, (scale, 0, 0, -scale, x, ascent)))
            x += glyph_set[name].width * scale
        return svg.getCommands(), x
    finally:
        font.close()
