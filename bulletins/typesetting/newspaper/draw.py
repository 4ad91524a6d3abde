"""上街时讯 layout: a newspaper issue in, PDF bytes out.

Two WeasyPrint passes. The measuring pass typesets every body block,
headline and caption at its real width and reads the lines back from the
boxes (``measure``, which keeps results between renders); the
packer (``layout``) places the stories on the pages in whole lines,
cutting and jumping stories that do not fit; the final pass draws that plan
with every box at a fixed position and every line on its slot
(``lines``), so what was measured is what prints.
"""

import functools
from dataclasses import dataclass
from html import escape

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from ...lunar import lunar_date_text, weekday_text
from .. import cjk
from . import weasy
from ..fonts import font_set
from .layout import Geometry, page_label, paginate
from .lines import column_html, lines_as_planned
from .measure import (
    avoid_lonely_characters,
    CAPTION_GAP_PT,
    header_class,
    measure_probes,
    measure_stories,
    measuring_probes,
)
from .story import NOBR, credit_runs, story_from_item
from ..photos import image_size, print_image

RED = "device-cmyk(0 0.8 0.8 0)"
SUBHEAD_SIZE_PT = 11
CAPTION_SIZE_PT = 9


@dataclass
class Typeset:
    pdf: bytes
    plan: object  # layout.Plan
    geometry: Geometry
    frames: dict  # (story key, photo index, width) -> PhotoFrame
    stories: list = ()  # every Measured story of the issue, in print order
    declared_pages: int = 0  # pages the editor set up


def render_newspaper(issue, *, final):
    """PDF bytes of a newspaper ``issue``; ``final`` False adds the 样稿 watermark."""
    return typeset_newspaper(issue, final=final).pdf


def typeset_newspaper(issue, *, final):
    """The PDF and the layout plan it was drawn from (tests read both)."""
    geometry = Geometry.for_publication(issue.publication)
    css = render_to_string("print/newspaper.css", _style_context(geometry, issue.publication))
    pages, stories_by_page = _stories(issue)
    stories = [s for page_stories in stories_by_page.values() for s in page_stories]
    probes = measuring_probes(geometry, stories, functools.partial(header_html, geometry=geometry), caption_html)
    layout = measure_probes(css, probes, geometry.page_width, weasy.render)
    lonely = avoid_lonely_characters(stories, layout)  # 孤字: a looser line above takes one more
    if lonely:
        layout = {**layout, **measure_probes(css, lonely, geometry.page_width, weasy.render)}
    measured, frames = measure_stories(geometry, stories, layout)
    by_key = {m.story.key: m for m in measured}
    plan = paginate(geometry, pages, {n: [by_key[s.key] for s in page_stories] for n, page_stories in stories_by_page.items()})
    frames["headers"] = {
        (s.key, span, continued): layout[f"{'c' if continued else 'h'}-{s.key}-{span}"][0]
        for s in stories for span in range(1, geometry.columns + 1) for continued in (False, True)
    }
    document = _draw(issue, geometry, plan, frames, css, final, merge=True)
    if not lines_as_planned(document, geometry.line):
        document = _draw(issue, geometry, plan, frames, css, final, merge=False)  # one box per line, as measured
    frames.pop("headers")
    pdf = document.write_pdf(pdf_identifier=b"newsroom-newspaper")
    return Typeset(pdf=pdf, plan=plan, geometry=geometry, frames=frames, stories=measured, declared_pages=len(pages))


def _draw(issue, geometry, plan, frames, css, final, merge):
    """The final pass: the plan laid out by WeasyPrint (see ``lines`` for ``merge``)."""
    photos = {}  # name -> photos.PrintImage, filled by _sheet
    html = render_to_string(
        "print/newspaper.html",
        {
            "title": f"{issue.publication.name} {issue.year}年第{issue.number}期",
            "sheets": [_sheet(geometry, issue, page, frames, photos, merge) for page in plan.pages],
            "final": final,
        },
    )
    return weasy.render(html, css, photos.values())


def _stories(issue):
    pages = [(p.number, p.name, p.slogan) for p in issue.pages.order_by("number")]
    if not pages:
        pages = [(1, "要闻", "")]
    numbers = [n for n, _, _ in pages]
    by_page = {n: [] for n in numbers}
    items = issue.items.select_related("page", "jump_to_page", "unit").prefetch_related("images")
    items = sorted(items, key=lambda i: (i.page.number if i.page_id else numbers[0], not i.is_lead, i.position, i.pk))
    previous_label = {}
    for item in items:
        number = item.page.number if item.page_id else numbers[0]
        story = story_from_item(item, number, photo_size=image_size)
        label = story.column_label
        if label and previous_label.get(number) == label:
            story.column_label = ""  # a run of short news under one label prints the label once
        previous_label[number] = label
        by_page[number].append(story)
    return pages, by_page


# ------------------------------------------------------------------ fragments


# Headline sizes (pt) by span (3: three columns or more) as newspaper.css sets them.
HEADLINE_PT = {(1, False): 14, (2, False): 17, (3, False): 20, (1, True): 17, (2, True): 22, (3, True): 30}
SHORT_HEADLINE_PT = {1: 12, 2: 14, 3: 14}


def headline_lines(text, width_pt, size_pt):
    """A headline broken as an editor breaks it: balanced lines, at the
    author's space or between words (jieba), never a line of one character."""
    capacity = width_pt / size_pt - 0.25
    lines = cjk.balance_lines(text, capacity)
    while len(lines) > 1 and any(len(_letters(line)) <= 1 for line in lines) and capacity > 2:
        capacity -= 1  # a narrower measure moves a character down to the lonely one
        lines = cjk.balance_lines(text, capacity)
    return lines


def _letters(text):
    return [ch for ch in text if not ch.isspace() and ch not in cjk.CLOSING and ch not in cjk.OPENING]


def _headline(cls, text, width_pt, size_pt):
    lines = headline_lines(text, width_pt, size_pt)
    return f'<div class="{cls}">{"<br>".join(escape(line) for line in lines)}</div>'


def header_html(story, continued, span, geometry=None):
    """Kicker, headline and subhead (or the short headline of a continuation);
    a page lead gets the large headline when it spans three columns or more."""
    width = geometry.span_width(span) if geometry else None
    step = min(span, 3)
    if continued:
        if width is None:
            return f'<div class="headline short">{escape(story.short_headline)}</div>'
        return _headline("headline short", story.short_headline, width, SHORT_HEADLINE_PT[step])
    parts = []
    if story.column_label:
        parts.append(f'<div class="label-row"><span class="column-label">{escape(story.column_label)}</span></div>')
    if story.kicker:
        parts.append(f'<div class="kicker">{escape(story.kicker)}</div>')
    lead = " lead" if story.is_lead and not continued else ""
    if width is None:
        parts.append(f'<div class="headline{lead}">{escape(story.headline)}</div>')
    else:
        parts.append(_headline(f"headline{lead}", story.headline, width, HEADLINE_PT[(step, bool(lead))]))
    if story.subhead:
        parts.append(f'<div class="deck">{escape(story.subhead)}</div>')
    return "".join(parts)


def caption_html(photo):
    """The caption, then its credit as one unbreakable run: （杨帆　摄）."""
    if not photo.caption and not photo.credit:
        return ""
    credit = "".join(
        f'<span class="{cls}">{escape(text)}</span>' if NOBR in cls else escape(text)
        for cls, text in credit_runs("credit", photo.credit)
    )
    credit = f'<span class="{NOBR}">{credit}</span>' if credit else ""
    return f'<div class="caption">{escape(cjk.mark_breaks(photo.caption))}{cjk.BREAK if photo.caption else ""}{credit}</div>'


def _sheet(geometry, issue, page, frames, photos, merge):
    boxes = []
    top = geometry.body_top(page.number)
    line = geometry.line
    for rule in page.rules:
        if rule.vertical:
            x = geometry.gutter_x(rule.column)
            boxes.append(_box(x, top + rule.top * line + 2, 0, rule.height * line - 4, "", "vrule"))
        elif rule.span:
            x, width = geometry.column_x(rule.column), geometry.span_width(rule.span)
            boxes.append(_box(x, top + (rule.top + 0.5) * line, width, 0, "", "rule"))
        else:
            boxes.append(_box(geometry.margin_side, top + (rule.top + 0.5) * line, geometry.text_width, 0, "", "rule"))
    for placement in page.placements:
        y = top + placement.top * line
        x = geometry.column_x(placement.first_column)
        continued = placement.continued_from is not None
        header = header_html(placement.story, continued, placement.span, geometry)
        # What rounding the headline up to whole lines left over goes mostly above
        # it, so that the headline stands close to its text.
        height = frames["headers"][(placement.story.key, placement.span, continued)]
        slack = max(0.0, placement.header_slots * line - height - (4 if continued else 6))
        header = f'<div style="height:{slack * 2 / 3:.3f}pt"></div>{header}'
        boxes.append(_box(x, y, geometry.span_width(placement.span), placement.header_slots * line, header, header_class(placement.span)))
        body_y = y + placement.header_slots * line
        for photo in placement.photos:
            frame = frames[(placement.story.key, photo.index, photo.columns)]
            story_photo = placement.story.photos[photo.index]
            image_height = frame.image_height + (photo.slots - frame.slots) * line  # grown to close a hole
            image = print_image(story_photo.image, frame.width, image_height)
            photos[image.name] = image
            inner = (
                f'<img src="{weasy.photo_url(image)}" style="width:{frame.width:.3f}pt;height:{image_height:.3f}pt" alt="">'
                f'<div style="height:{CAPTION_GAP_PT}pt"></div>{caption_html(story_photo)}'
            )
            boxes.append(_box(geometry.column_x(photo.column), body_y + photo.top * line, frame.width, photo.slots * line, inner, "photo"))
        for column, units in enumerate(placement.columns):
            if not units:
                continue
            lines = column_html(units, merge)
            column_y = body_y + placement.column_tops[column] * line
            boxes.append(_box(geometry.column_x(placement.page_column(column)), column_y, geometry.column_width, None, lines, "column"))
    return {
        "page": page,
        "label": page_label(page.number),
        "front": page.number == 1,
        "odd": page.number % 2 == 1,
        "boxes": mark_safe("".join(boxes)),
        "masthead": _masthead(issue) if page.number == 1 else None,
        "running_head": _running_head(issue, page),
        "g": geometry,
        "slogan_top": geometry.page_height - geometry.margin_bottom - geometry.slogan_height + 4,
        "head_top": geometry.margin_top,
        "head_height": geometry.running_head_height - 8,
    }


def _box(x, y, width, height, inner, cls=""):
    size = f"width:{width:.3f}pt;" + (f"height:{height:.3f}pt;" if height is not None else "")
    return f'<div class="box {cls}" style="left:{x:.3f}pt;top:{y:.3f}pt;{size}">{inner}</div>'


def _date_label(date):
    return f"{date.year}年{date.month}月{date.day}日"


def _masthead(issue):
    publication = issue.publication
    date = issue.issue_date
    return {
        "name": publication.name,
        "english": publication.english_name,
        "issuer": publication.issuing_line,
        "year_month": f"{date.year}年{date.month}月",
        "day": date.day,
        "weekday": weekday_text(date),
        "lunar": lunar_date_text(date),
        "registration": publication.registration_number,
        "registration_lines": registration_lines(publication.registration_number),
        "number": f"第{issue.number}期(总第{issue.total_number}期)",
        "notice": publication.notice,
        "phone": f"监督电话 {publication.supervision_phone}" if publication.supervision_phone else "",
    }


def registration_lines(number):
    """The registration number as the masthead breaks it: before its 【…】 part
    (河南省连续性内资 / 【审郑州连】00015号), never inside the bracket or the number."""
    number = (number or "").strip()
    if "【" in number and not number.startswith("【"):
        head, _, tail = number.partition("【")
        return [head.strip(), "【" + tail.strip()]
    return [number] if number else []


def _running_head(issue, page):
    date = issue.issue_date
    return {
        "name": issue.publication.name,
        "date": f"{_date_label(date)} {weekday_text(date)}",
        "page": f"{page_label(page.number)}{(' · ' + page.name) if page.name else ''}",
    }


# ------------------------------------------------------------------ style and rendering


def _style_context(geometry, publication):
    fonts = font_set()
    lead_role = "title" if publication.lead_title_face == "song" else "hei"

    def spacing(role, size):
        # Only word-spacing (in pt) cancels the break spaces: characters are set
        # solid at the pitch. WeasyPrint 70 mis-breaks lines (one character per
        # line) when letter-spacing and a cancelled word-spacing are combined.
        values = cjk.grid_spacing(size, size, fonts.space_advance(role))
        return {"letter_spacing": "0", "word_spacing": f"{values['word_spacing'] * size:.4f}"}

    return {
        "fonts_css": fonts.css(),
        "stack": {role: fonts.stack(role) for role in fonts.roles},
        "weight": {role: fonts.weight(role) for role in fonts.roles},
        "grid": {role: spacing(role, geometry.font_size) for role in ("song", "hei", "kai")},
        "subhead_grid": spacing("hei", SUBHEAD_SIZE_PT),
        "caption_grid": spacing("kai", CAPTION_SIZE_PT),
        "lead_stack": fonts.stack(lead_role),
        "lead_weight": fonts.weight(lead_role),
        "g": geometry,
        "indent": f"{2 * geometry.font_size:.4f}",
        "subhead_size": SUBHEAD_SIZE_PT,
        "caption_size": CAPTION_SIZE_PT,
        "red": RED,
        "watermark_top": geometry.page_height / 2 - 100,
    }
