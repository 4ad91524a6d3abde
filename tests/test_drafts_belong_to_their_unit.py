"""A unit's draft is the unit's until it is submitted: the desk neither sees nor
edits it; every editor's change to an item is a revision the unit sees."""

from django.urls import reverse

from bulletins import actions, roles
from bulletins.models import ItemState
from bulletins.workflow import apply_transition

from . import factories
from .issue_helpers import login


def test_an_editor_cannot_open_or_save_a_units_unsubmitted_draft(client, unit, contributor, editor):
    draft = factories.make_item(unit, contributor, title="还没报送的草稿", body="<p>单位自己的稿子。</p>")
    login(client, editor)
    assert client.get(reverse("item_detail", args=[draft.pk])).status_code == 404
    response = client.post(reverse("item_edit", args=[draft.pk]), {
        "version": draft.version, "unit": unit.pk, "title": "编辑偷改", "body": "<p>改过</p>",
    })
    assert response.status_code == 404
    draft.refresh_from_db()
    assert draft.title == "还没报送的草稿"
    assert not roles.visible_items(editor).filter(pk=draft.pk).exists()


def test_a_draft_becomes_visible_to_the_desk_once_submitted(unit, contributor, editor):
    draft = factories.make_item(unit, contributor, title="报送后可见")
    apply_transition(draft, "submit", contributor)
    assert roles.visible_items(editor).filter(pk=draft.pk).exists()


def test_an_editors_own_draft_stays_visible_to_the_desk(unit, editor):
    own = factories.make_item(unit, editor, title="编辑部自采")
    assert roles.visible_items(editor).filter(pk=own.pk).exists()


def test_the_unit_still_sees_and_edits_its_draft(client, unit, contributor):
    draft = factories.make_item(unit, contributor, title="本单位草稿")
    assert login(client, contributor).get(reverse("item_detail", args=[draft.pk])).status_code == 200


def test_every_editor_change_is_a_revision_in_the_units_history(client, unit, contributor, editor):
    item = factories.make_item(unit, contributor, body="<p>原稿</p>")
    apply_transition(item, "submit", contributor)
    apply_transition(item, "withdraw", contributor)
    apply_transition(item, "submit", contributor)
    actions.save_item(item, editor, body="<p>编辑改稿</p>")
    revision = item.revisions.order_by("-id").first()
    assert (revision.reason, revision.author) == ("edit", editor)
    text = login(client, contributor).get(reverse("item_detail", args=[item.pk])).content.decode()
    assert "编辑修改" in text and "李德昭" in text


def test_an_editor_may_edit_a_withdrawn_draft_it_has_seen_and_it_is_recorded(unit, contributor, editor):
    item = factories.make_item(unit, contributor, body="<p>原稿</p>")
    apply_transition(item, "submit", contributor)
    apply_transition(item, "withdraw", contributor)
    item.refresh_from_db()
    assert item.state == ItemState.DRAFT
    actions.save_item(item, editor, body="<p>编辑看过的改稿</p>")
    assert item.revisions.filter(reason="edit", author=editor).exists()


def test_the_desk_does_not_find_a_units_unsubmitted_draft_in_search(unit, contributor, editor):
    from bulletins.search import service

    factories.make_item(unit, contributor, title="防汛草稿未报送")
    submitted = factories.make_item(unit, contributor, title="防汛稿件已报送")
    apply_transition(submitted, "submit", contributor)
    titles = [hit.title for hit in service.search(editor, {"q": "防汛"}).page.object_list]
    assert titles == ["防汛稿件已报送"]
    assert [hit.title for hit in service.search(contributor, {"q": "防汛"}).page.object_list] != []
