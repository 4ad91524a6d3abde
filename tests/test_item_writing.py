"""A contributor writes, submits, withdraws and follows an item through the web pages."""

import pytest
from django.urls import reverse

from bulletins.models import Item, ItemRevision, ItemState

from . import factories


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _post_item(client, url, photos_total=0, **fields):
    data = {
        "title": "区发改委部署复工复产", "body": "<p>区发改委召开会议。</p>", "attribution": "",
        "photos-TOTAL_FORMS": str(photos_total), "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0", "photos-MAX_NUM_FORMS": "1000",
    }
    data.update(fields)
    return client.post(url, data)


def test_contributor_creates_a_draft_for_their_unit(client, contributor, unit):
    client.force_login(contributor)
    response = _post_item(client, reverse("item_create"), unit=unit.pk)
    item = Item.objects.get()
    assert response.status_code == 302
    assert item.state == ItemState.DRAFT
    assert item.unit == unit and item.author == contributor
    assert item.attribution == "" and item.printed_attribution == "（区发改委）"


def test_save_and_submit_sends_the_item_to_the_editors(client, contributor, unit):
    client.force_login(contributor)
    response = _post_item(client, reverse("item_create"), unit=unit.pk, then="submit")
    item = Item.objects.get()
    assert item.state == ItemState.SUBMITTED
    assert item.revisions.filter(reason=ItemRevision.Reason.SUBMIT).count() == 1
    page = client.get(response["Location"])
    assert "稿件已报送，等待编辑处理。" in page.content.decode()


def test_submitting_an_item_without_a_body_is_refused_with_a_reason(client, contributor, unit):
    client.force_login(contributor)
    _post_item(client, reverse("item_create"), unit=unit.pk, body="", then="submit")
    item = Item.objects.get()
    assert item.state == ItemState.DRAFT
    page = client.get(reverse("item_edit", args=[item.pk]))
    assert "稿件没有正文，不能报送。" in page.content.decode()


def test_a_contributor_cannot_write_for_another_unit(client, contributor, other_unit):
    client.force_login(contributor)
    response = _post_item(client, reverse("item_create"), unit=other_unit.pk)
    assert response.status_code == 200
    assert not Item.objects.exists()
    assert "请选择您所在的来稿单位" in response.content.decode()


def test_the_writing_page_shows_the_ckeditor_and_the_attribution_preview(client, contributor, unit):
    client.force_login(contributor)
    page = client.get(reverse("item_create")).content.decode()
    assert "django_ckeditor_5/dist/bundle.js" in page
    assert 'class="django_ckeditor_5"' in page
    assert "data-attribution-preview" in page
    assert f"{unit.pk}=区发改委" in page


def test_a_contributor_edits_a_returned_item_and_sees_the_reason(client, contributor, unit, editor):
    item = factories.make_item(unit, contributor, state=ItemState.SUBMITTED)
    client.force_login(editor)
    client.post(reverse("item_action", args=[item.pk]), {"action": "return", "comment": "请补充具体数字。"})
    client.force_login(contributor)
    page = client.get(reverse("item_edit", args=[item.pk])).content.decode()
    assert "请补充具体数字。" in page
    home = client.get(reverse("home")).content.decode()
    assert "请补充具体数字。" in home
    listing = client.get(reverse("item_list")).content.decode()
    assert "请补充具体数字。" in listing
    item.refresh_from_db()
    response = _post_item(client, reverse("item_edit", args=[item.pk]), unit=unit.pk,
                          body="<p>新增投资三千万元。</p>", version=item.version, then="submit")
    item.refresh_from_db()
    assert response.status_code == 302
    assert item.state == ItemState.SUBMITTED
    assert "三千万" in item.body


def test_a_submitted_item_is_not_editable_by_its_contributor_until_withdrawn(client, contributor, unit):
    item = factories.make_item(unit, contributor, state=ItemState.SUBMITTED)
    client.force_login(contributor)
    response = _post_item(client, reverse("item_edit", args=[item.pk]), unit=unit.pk, title="偷偷改标题")
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "测试稿件"
    client.post(reverse("item_action", args=[item.pk]), {"action": "withdraw"})
    item.refresh_from_db()
    assert item.state == ItemState.DRAFT


def test_the_item_page_shows_history_of_transitions_and_revisions(client, contributor, unit, editor):
    client.force_login(contributor)
    _post_item(client, reverse("item_create"), unit=unit.pk, then="submit")
    item = Item.objects.get()
    client.force_login(editor)
    client.post(reverse("item_review", args=[item.pk]), {
        "unit": unit.pk, "title": item.title, "body": "<p>区发改委召开专题会议。</p>",
        "attribution": item.attribution, "version": item.version,
    })
    client.force_login(contributor)
    page = client.get(reverse("item_detail", args=[item.pk])).content.decode()
    assert "报送" in page and "编辑修改" in page
    assert '<ins class="diff-ins">专题</ins>' in page


def test_my_items_lists_only_my_units_items_with_state_badges(client, contributor, other_contributor, unit, other_unit):
    factories.make_item(unit, contributor, title="本单位稿件", state=ItemState.ACCEPTED)
    factories.make_item(other_unit, other_contributor, title="别的单位稿件")
    client.force_login(contributor)
    page = client.get(reverse("item_list")).content.decode()
    assert "本单位稿件" in page and "badge-accepted" in page
    assert "别的单位稿件" not in page
