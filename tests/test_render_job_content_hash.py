"""The content hash covers everything printed, and nothing else."""

import io

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from bulletins import rendering
from bulletins.models import DistributionKind, IssueDistribution, IssueEditor, ItemImage, Page, RecipientGroup

from . import factories


def png(color):
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), color).save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), name="photo.png")


def changed(issue, change):
    before = rendering.content_hash(issue)
    change()
    issue.refresh_from_db()
    return rendering.content_hash(issue) != before


def test_the_hash_is_stable_for_unchanged_content(composed_issue):
    assert rendering.content_hash(composed_issue) == rendering.content_hash(composed_issue)


@pytest.mark.parametrize("field, value", [
    ("series_title", "新的总标题"), ("editor_note", "新的编者按"), ("print_run", 200), ("number", 33),
])
def test_issue_header_fields_change_the_hash(composed_issue, field, value):
    def change():
        setattr(composed_issue, field, value)
        composed_issue.save()
    assert changed(composed_issue, change)


def test_the_order_of_items_changes_the_hash(composed_issue):
    first, second = composed_issue.ordered_items()
    assert changed(composed_issue, lambda: factories.place(composed_issue, [second, first], lead=first))


def test_the_lead_changes_the_hash(composed_issue):
    first, second = composed_issue.ordered_items()
    assert changed(composed_issue, lambda: factories.place(composed_issue, [first, second], lead=second))


def test_an_items_text_changes_the_hash(composed_issue):
    item = composed_issue.ordered_items().first()

    def change():
        item.body = "<p>改过的正文。</p>"
        item.save()
    assert changed(composed_issue, change)


def test_responsible_editors_change_the_hash(composed_issue):
    other = factories.make_user("zeren9", "责任编辑", full_name="李德昭")
    assert changed(composed_issue, lambda: IssueEditor.objects.create(issue=composed_issue, user=other, order=1))


def test_distribution_changes_the_hash(composed_issue):
    group = RecipientGroup.objects.create(name="各镇街道")
    assert changed(composed_issue, lambda: IssueDistribution.objects.create(
        issue=composed_issue, kind=DistributionKind.ISSUE, group=group, order=0))


def test_publication_settings_change_the_hash(composed_issue):
    publication = composed_issue.publication

    def change():
        publication.issuing_line = "中共上街区委宣传部"
        publication.save()
    assert changed(composed_issue, change)


def test_the_bytes_of_a_photo_change_the_hash(composed_issue):
    item = composed_issue.ordered_items().first()
    image = ItemImage.objects.create(item=item, image=png("red"), caption="春耕")
    before = rendering.content_hash(composed_issue)
    image.image.save("photo.png", png("blue"))
    assert rendering.content_hash(composed_issue) != before


def test_newspaper_placement_and_jumps_change_the_hash(newspaper, unit, contributor):
    issue = factories.make_issue(newspaper, number=7)
    one, two = Page.objects.create(issue=issue, number=1), Page.objects.create(issue=issue, number=2)
    item = factories.make_item(unit, contributor, title="头版文章", state="accepted")
    factories.place(issue, [item], page=one)

    def jump():
        item.jump_to_page = two
        item.save()
    assert changed(issue, jump)


def test_the_renderer_version_changes_the_hash(composed_issue, monkeypatch):
    before = rendering.content_hash(composed_issue)
    monkeypatch.setattr(rendering, "RENDERER_VERSION", "desk-999")
    assert rendering.content_hash(composed_issue) != before


def test_a_save_that_changes_nothing_printed_keeps_the_hash(composed_issue):
    def touch():
        composed_issue.version += 1
        composed_issue.save()
    assert not changed(composed_issue, touch)
