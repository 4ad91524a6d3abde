"""Photos print in whole columns inside their page, at print resolution, with caption and credit below."""

import io

import pdfplumber
import pytest

from .newspaper_builders import squeeze


@pytest.fixture(scope="module")
def rendered(rendered_newspaper):
    """The test issue rendered once; the tests below only read it."""
    return rendered_newspaper


@pytest.fixture(scope="module")
def result(rendered):
    return rendered.typeset


def planned_photos(plan):
    for index, page in enumerate(plan.pages):
        for placement in page.placements:
            for photo in placement.photos:
                yield index, page, placement, photo


def test_every_photo_is_printed_once(rendered, result):
    with pdfplumber.open(io.BytesIO(result.pdf)) as pdf:
        printed = sum(len(page.images) for page in pdf.pages)
    assert printed == rendered.photo_count == len(list(planned_photos(result.plan)))


def test_photos_span_whole_columns_inside_their_page(result):
    g = result.geometry
    with pdfplumber.open(io.BytesIO(result.pdf)) as pdf:
        for index, page, placement, photo in planned_photos(result.plan):
            pdf_page = pdf.pages[index]
            (image,) = [i for i in pdf_page.images if abs(i["x0"] - g.column_x(photo.column)) < 1 and i["top"] >= g.body_top(page.number) + placement.body_top * g.line - 1]
            assert image["x1"] == pytest.approx(g.column_x(photo.column) + g.span_width(photo.columns), abs=1)
            assert 0 <= image["top"] and image["bottom"] <= pdf_page.height
            photo_bottom = g.body_top(page.number) + (placement.body_top + photo.top + photo.slots) * g.line
            assert image["bottom"] <= photo_bottom


def test_captions_with_credits_print_below_their_photos(result):
    g = result.geometry
    with pdfplumber.open(io.BytesIO(result.pdf)) as pdf:
        for index, page, placement, photo in planned_photos(result.plan):
            pdf_page = pdf.pages[index]
            story_photo = placement.story.photos[photo.index]
            x0 = g.column_x(photo.column)
            top = g.body_top(page.number) + (placement.body_top + photo.top) * g.line
            bottom = top + photo.slots * g.line
            images = [i for i in pdf_page.images if abs(i["x0"] - x0) < 1 and top - 1 <= i["top"] < bottom]
            below = pdf_page.within_bbox((x0 - 1, images[0]["bottom"], x0 + g.span_width(photo.columns) + 1, bottom + 1))
            assert squeeze(story_photo.caption + story_photo.credit) == squeeze(below.extract_text())
            assert story_photo.credit.endswith(" 摄）")


def test_photos_are_downsampled_to_print_resolution(result):
    with pdfplumber.open(io.BytesIO(result.pdf)) as pdf:
        for page in pdf.pages:
            for image in page.images:
                printed_inches = (image["x1"] - image["x0"]) / 72
                assert image["srcsize"][0] / printed_inches <= 310
