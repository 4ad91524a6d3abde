"""A unit with no items yet is told what to do first; an empty filter says which filter is empty."""

from django.urls import reverse

from . import factories


def test_a_new_contributors_home_explains_the_first_steps(client, contributor):
    client.force_login(contributor)
    text = client.get(reverse("home")).content.decode()
    assert "本单位还没有稿件" in text and "保存并报送" in text


def test_the_hint_goes_once_the_unit_has_an_item(client, contributor, unit):
    factories.make_item(unit, contributor)
    client.force_login(contributor)
    assert "本单位还没有稿件" not in client.get(reverse("home")).content.decode()


def test_an_empty_state_tab_names_the_state(client, contributor):
    client.force_login(contributor)
    text = client.get(reverse("item_list"), {"state": "returned"}).content.decode()
    assert "没有“已退回”的稿件" in text
