"""上报: an editor forwards an adopted item, exports it as .docx, and records the city's adoption."""

import io

import pytest
from django.urls import reverse

from bulletins.assessment.models import Forwarding, HigherPublication, Level
from bulletins.models import ItemState

from . import factories


@pytest.fixture
def forwarding(editor, unit, contributor):
    item = factories.make_item(unit, contributor, title="我区多措并举推动重点项目开复工", state=ItemState.ACCEPTED,
                               body="<p>入冬以来，我区坚持把项目建设作为稳增长的关键抓手。</p><p>强化要素保障。</p>")
    city = HigherPublication.objects.create(name="郑州信息", organ="中共郑州市委办公室", level=Level.objects.get(name="市级"))
    from bulletins.assessment.records import forward_item
    import datetime

    return forward_item(item, editor, city, datetime.date(2026, 3, 11))


def test_the_forwarded_text_exports_as_docx(client, editor, forwarding):
    import docx

    client.force_login(editor)
    response = client.get(reverse("assessment:forwarding_docx", args=[forwarding.pk]))
    document = docx.Document(io.BytesIO(response.content))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "报送：中共郑州市委办公室《郑州信息》"
    assert "我区多措并举推动重点项目开复工" in texts
    assert "入冬以来，我区坚持把项目建设作为稳增长的关键抓手。" in texts
    assert texts[-1] == "（区发改委）"


def test_the_editor_records_the_adoption_upward(client, editor, forwarding):
    client.force_login(editor)
    client.post(reverse("assessment:forwarding_outcome", args=[forwarding.pk]),
                {"outcome": "adopted", "adopted_issue": "2026年第8期", "adopted_on": "2026-03-25"})
    forwarding.refresh_from_db()
    assert forwarding.outcome == Forwarding.Outcome.ADOPTED
    assert forwarding.adopted_by == forwarding.target
    page = client.get(reverse("item_review", args=[forwarding.item.pk])).content.decode()
    assert "2026年第8期" in page


def test_an_adoption_before_the_forwarding_is_refused(client, editor, forwarding):
    client.force_login(editor)
    response = client.post(reverse("assessment:forwarding_outcome", args=[forwarding.pk]),
                           {"outcome": "adopted", "adopted_on": "2026-03-01"}, follow=True)
    assert "采用日期不能早于上报日期" in response.content.decode()
    forwarding.refresh_from_db()
    assert forwarding.outcome == Forwarding.Outcome.PENDING


def test_a_contributor_cannot_export_or_record_outcomes(client, contributor, forwarding):
    client.force_login(contributor)
    assert client.get(reverse("assessment:forwarding_docx", args=[forwarding.pk])).status_code == 403
    assert client.post(reverse("assessment:forwarding_outcome", args=[forwarding.pk]), {"outcome": "adopted"}).status_code == 403
