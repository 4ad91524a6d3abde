"""An item carries a kind (动态, 经验做法 …) chosen on the writing form; the list is configurable."""

from django.urls import reverse

from bulletins.models import Item, ItemKind

from .test_item_writing import _post_item


def test_the_writing_form_offers_the_kinds_and_saves_the_choice(client, contributor, unit):
    client.force_login(contributor)
    page = client.get(reverse("item_create")).content.decode()
    assert "稿件类型" in page
    for name in ("动态", "经验做法", "问题建议", "调研", "简讯"):
        assert f">{name}</option>" in page
    kind = ItemKind.objects.get(name="经验做法")
    _post_item(client, reverse("item_create"), unit=unit.pk, kind=kind.pk)
    assert Item.objects.get().kind == kind


def test_a_kind_switched_off_is_no_longer_offered_but_an_item_keeps_it(client, contributor, unit):
    kind = ItemKind.objects.get(name="简讯")
    client.force_login(contributor)
    _post_item(client, reverse("item_create"), unit=unit.pk, kind=kind.pk)
    item = Item.objects.get()
    kind.active = False
    kind.save()
    assert ">简讯</option>" not in client.get(reverse("item_create")).content.decode()
    assert ">简讯</option>" in client.get(reverse("item_edit", args=[item.pk])).content.decode()


def test_an_unknown_kind_is_refused_in_chinese(client, contributor, unit):
    client.force_login(contributor)
    response = _post_item(client, reverse("item_create"), unit=unit.pk, kind=99999)
    assert "请选择列表中的稿件类型。" in response.content.decode()
    assert not Item.objects.exists()
