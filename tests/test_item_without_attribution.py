""""不署名" is a real choice: a lead item prints none by default, any item can be set to none."""

import json

from django.urls import reverse

from bulletins.interchange import export_issue, import_issue
from bulletins.models import Item
from bulletins.typesetting.bulletin import render_bulletin
from bulletins.typesetting.specimen import make_specimen_issue

from . import factories
from .bulletin_pdf_reading import all_text, open_pdf


def _printed(issue):
    with open_pdf(render_bulletin(issue, final=True)) as pdf:
        return all_text(pdf)


def test_a_lead_item_saved_with_a_blank_attribution_stays_blank_and_prints_none(db):
    issue = make_specimen_issue()
    lead = issue.ordered_items()[0]
    lead.attribution = ""
    lead.save()
    lead.refresh_from_db()
    assert lead.attribution == "" and lead.printed_attribution == ""
    text = _printed(issue)
    last_lead_paragraph = "坚决防范遏制各类生产安全事故发生。"
    assert last_lead_paragraph in text and last_lead_paragraph + "（区发改委）" not in text


def test_a_run_in_item_set_to_no_attribution_prints_none_and_others_keep_their_units(db):
    issue = make_specimen_issue()
    run_in = issue.ordered_items()[1]
    run_in.attribution_mode = Item.AttributionMode.NONE
    run_in.save()
    text = _printed(issue)
    assert "审批时限平均压缩40%以上。" in text and "（区发改委）" not in text
    assert "（工业路街道）" in text


def test_the_writing_form_offers_no_attribution_and_keeps_it(client, contributor, unit):
    client.force_login(contributor)
    page = client.get(reverse("item_create")).content.decode()
    assert "署名方式" in page and "不署名" in page
    client.post(reverse("item_create"), {
        "unit": unit.pk, "title": "区发改委部署复工复产", "body": "<p>区发改委召开会议。</p>",
        "attribution": "", "attribution_mode": "none",
        "photos-TOTAL_FORMS": "0", "photos-INITIAL_FORMS": "0", "photos-MIN_NUM_FORMS": "0", "photos-MAX_NUM_FORMS": "1000",
    })
    item = Item.objects.get()
    assert item.attribution_mode == Item.AttributionMode.NONE and item.printed_attribution == ""


def test_the_import_format_carries_no_attribution_both_ways(db, editor, unit):
    factories.make_bulletin()
    data = {
        "publication": "xinxi", "year": 2026, "number": 5, "issue_date": "2026-03-02",
        "items": [
            {"title": "头条稿件", "paragraphs": ["头条正文。"], "unit": "区发改委", "lead": True},
            {"title": "不署名的稿件", "paragraphs": ["正文。"], "unit": "区发改委", "no_attribution": True},
            {"title": "署单位的稿件", "paragraphs": ["正文。"], "unit": "区发改委"},
        ],
    }
    issue = import_issue(data, editor)
    printed = [item.printed_attribution for item in issue.ordered_items()]
    assert printed == ["", "", "（区发改委）"]
    exported = export_issue(issue)
    assert [entry["no_attribution"] for entry in exported["items"]] == [False, True, False]
    assert json.loads(json.dumps(exported))["items"][1]["attribution"] == ""


def test_an_import_giving_an_attribution_and_no_attribution_at_once_is_refused(db, editor, unit):
    import pytest

    from bulletins.interchange import IssueFormatError

    factories.make_bulletin()
    data = {
        "publication": "xinxi", "year": 2026, "number": 5, "issue_date": "2026-03-02",
        "items": [{"title": "稿件", "paragraphs": ["正文。"], "unit": "区发改委", "attribution": "区发改委", "no_attribution": True}],
    }
    with pytest.raises(IssueFormatError, match="no_attribution"):
        import_issue(data, editor)
    assert not Item.objects.exists()


def test_the_admin_item_page_offers_no_attribution(admin_client, unit, contributor):
    item = factories.make_item(unit, contributor, title="稿件")
    page = admin_client.get(reverse("admin:bulletins_item_change", args=[item.pk])).content.decode()
    assert "署名方式" in page and "不署名" in page
