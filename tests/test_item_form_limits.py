"""Over-long or empty writing is refused on the form in Chinese, and what was
typed stays on the form."""

from django.urls import reverse

from bulletins.models import Item, ItemState


def _form_data(unit, **fields):
    data = {
        "unit": unit.pk, "title": "区发改委部署复工复产", "body": "<p>区发改委召开会议。</p>", "attribution": "",
        "photos-TOTAL_FORMS": "0", "photos-INITIAL_FORMS": "0", "photos-MIN_NUM_FORMS": "0", "photos-MAX_NUM_FORMS": "1000",
    }
    data.update(fields)
    return data


def test_a_two_million_character_body_is_refused_in_chinese_and_kept_on_the_form(client, contributor, unit):
    client.force_login(contributor)
    body = "<p>" + "长" * 2_000_000 + "</p>"
    # Multipart, as the writing form sends it: 6 MB, within what a request may carry.
    response = client.post(reverse("item_create"), _form_data(unit, body=body))
    page = response.content.decode()
    assert response.status_code == 200
    assert "正文过长" in page
    assert "长" * 2_000_000 in page
    assert not Item.objects.exists()


def test_an_over_long_title_is_refused_in_chinese_and_kept(client, contributor, unit):
    client.force_login(contributor)
    title = "标" * 201
    response = client.post(reverse("item_create"), _form_data(unit, title=title))
    page = response.content.decode()
    assert response.status_code == 200
    assert "200" in page and "确保" in page
    assert title in page
    assert not Item.objects.exists()


def test_a_body_of_only_a_non_breaking_space_cannot_be_submitted(client, contributor, unit):
    client.force_login(contributor)
    client.post(reverse("item_create"), _form_data(unit, body="<p>&nbsp;</p><p>\u3000</p>", then="submit"))
    item = Item.objects.get()
    assert item.state == ItemState.DRAFT
    page = client.get(reverse("item_edit", args=[item.pk])).content.decode()
    assert "稿件没有正文，不能报送。" in page
