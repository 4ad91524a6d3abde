"""Stories that do not fit their page are cut at a line, marked （下转X版）, and
continue under （上接X版） elsewhere, with nothing lost or printed twice."""

import io
import re

import pdfplumber
import pytest

from bulletins.models import Page
from bulletins.typesetting.newspaper.layout import page_label

from .newspaper_builders import make_newspaper_issue, piece_text, render_test_newspaper, squeeze

JUMP_TO = re.compile(r"（下转(.)版）$")
JUMP_FROM = re.compile(r"^（上接(.)版）")


@pytest.fixture(scope="module")
def result(rendered_newspaper):
    """The test issue rendered once; the tests below only read it."""
    return rendered_newspaper.typeset


def pieces_by_story(plan):
    pieces = {}
    for page in plan.pages:
        for placement in page.placements:
            pieces.setdefault(placement.story.key, []).append((page, placement))
    return pieces


def test_an_overfull_front_page_makes_at_least_one_story_jump(result):
    jumped = [p for p in pieces_by_story(result.plan).values() if len(p) > 1]
    assert jumped, "page 1 holds more than fits: something must jump"
    assert all(pieces[0][0].number == 1 for pieces in jumped)


def test_every_story_prints_completely_once_across_its_jumps(result):
    with pdfplumber.open(io.BytesIO(result.pdf)) as pdf:
        for key, pieces in pieces_by_story(result.plan).items():
            story = pieces[0][1].story
            printed = []
            for page, placement in pieces:
                text = piece_text(pdf, result, page, placement)
                text = JUMP_FROM.sub("", JUMP_TO.sub("", text))
                printed.append(text)
            assert "".join(printed) == squeeze(story.body_text), story.headline


def test_jump_markers_name_the_pages_the_pieces_are_on(result):
    with pdfplumber.open(io.BytesIO(result.pdf)) as pdf:
        for pieces in pieces_by_story(result.plan).values():
            for (page, placement), (next_page, next_placement) in zip(pieces, pieces[1:]):
                here = piece_text(pdf, result, page, placement)
                there = piece_text(pdf, result, next_page, next_placement)
                assert here.endswith(f"（下转{page_label(next_page.number)}）")
                assert there.startswith(f"（上接{page_label(page.number)}）")
                assert next_page.number > page.number


def test_a_continuation_carries_the_short_headline(result):
    with pdfplumber.open(io.BytesIO(result.pdf)) as pdf:
        for pieces in pieces_by_story(result.plan).values():
            for page, placement in pieces[1:]:
                page_text = squeeze(pdf.pages[result.plan.pages.index(page)].extract_text())
                assert squeeze(placement.story.short_headline) in page_text


def test_a_story_continues_on_the_page_the_editor_chose(result, settings, tmp_path, newspaper, unit, contributor):
    jumped = next(p for p in pieces_by_story(result.plan).values() if len(p) > 1)
    assert jumped[1][0].number != 4  # left alone, it continues elsewhere
    settings.MEDIA_ROOT = tmp_path
    issue = make_newspaper_issue(newspaper, unit, contributor)
    item = issue.items.get(title=jumped[0][1].story.headline)
    item.jump_to_page = Page.objects.get(issue=issue, number=4)
    item.save()
    _, chosen = render_test_newspaper(settings, tmp_path, newspaper, unit, contributor, issue=issue)
    pieces = pieces_by_story(chosen.plan)[item.pk]
    assert [page.number for page, _ in pieces][:2] == [1, 4]
