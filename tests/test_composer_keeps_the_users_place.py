"""Reordering with ↑ ↓ (the keyboard alternative to dragging) or adding an item brings the
editor back to that item, and an irreversible 印发 asks first."""

from django.urls import reverse

from bulletins import workflow

from .issue_helpers import accepted_items, login


def _items_post(issue, order, op):
    return {"section": "items", "version": issue.version, "item": [i.pk for i in order], "op": op}


def test_moving_an_item_returns_to_that_item(client, editor, composed_issue):
    first, second = composed_issue.ordered_items()
    response = login(client, editor).post(
        reverse("issue_compose", args=[composed_issue.pk]), _items_post(composed_issue, [first, second], f"up:{second.pk}")
    )
    assert response["Location"].endswith(f"#placed-{second.pk}")
    assert [i.pk for i in composed_issue.ordered_items()] == [second.pk, first.pk]
    text = client.get(reverse("issue_compose", args=[composed_issue.pk])).content.decode()
    assert f'id="placed-{second.pk}"' in text


def test_adding_an_item_returns_to_it_and_saving_returns_to_the_list(client, editor, unit, contributor, composed_issue):
    placed = list(composed_issue.ordered_items())
    [new] = accepted_items(unit, contributor, "区民政局温暖过冬")
    url = reverse("issue_compose", args=[composed_issue.pk])
    response = login(client, editor).post(url, _items_post(composed_issue, placed, f"add:{new.pk}"))
    assert response["Location"].endswith(f"#placed-{new.pk}")
    composed_issue.refresh_from_db()
    response = client.post(url, _items_post(composed_issue, placed + [new], "save"))
    assert response["Location"].endswith("#items")


def test_publishing_asks_for_confirmation(client, editor, responsible_editor, composed_issue):
    workflow.apply_transition(composed_issue, "submit_for_review", editor)
    workflow.apply_transition(composed_issue, "approve", responsible_editor)
    text = login(client, editor).get(reverse("issue_review", args=[composed_issue.pk])).content.decode()
    form = text[text.index("transition-publish"):]
    assert 'data-confirm="印发后本期内容冻结，不能再修改。' in form[:400]


def test_unsaved_composer_sections_are_guarded(client, editor, composed_issue):
    text = login(client, editor).get(reverse("issue_compose", args=[composed_issue.pk])).content.decode()
    assert 'data-unsaved-guard="刊头与发送范围的修改"' in text
    assert 'data-unsaved-guard="稿件编排的修改"' in text
