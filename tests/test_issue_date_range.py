"""Issue dates are sensible: outside 2000–2100 they are refused (and consume no
总期号); more than a year ahead they need a tick to confirm."""

import datetime
import json

import pytest
from django.urls import reverse

from bulletins.interchange import IssueFormatError, import_issue
from bulletins.models import Issue


def _create(client, bulletin, date, **extra):
    return client.post(reverse("issue_create"), {"publication": bulletin.pk, "issue_date": date, **extra})


@pytest.mark.parametrize("date", ["0001-01-01", "1899-12-31", "9999-12-31"])
def test_an_issue_date_outside_2000_to_2100_is_refused_and_numbers_nothing(client, editor, bulletin, date):
    client.force_login(editor)
    response = _create(client, bulletin, date)
    assert response.status_code == 200
    assert "不在2000年至2100年之间" in response.content.decode()
    assert not Issue.objects.exists()


def test_a_date_more_than_a_year_ahead_needs_confirmation(client, editor, bulletin):
    client.force_login(editor)
    ahead = (datetime.date.today() + datetime.timedelta(days=400)).isoformat()

    first = _create(client, bulletin, ahead)
    assert "距今超过一年" in first.content.decode()
    assert 'name="confirm_date"' in first.content.decode()
    assert not Issue.objects.exists()

    confirmed = _create(client, bulletin, ahead, confirm_date="1")
    assert confirmed.status_code == 302
    assert Issue.objects.get().issue_date.isoformat() == ahead


def test_the_composer_refuses_a_far_date_too(client, editor, composed_issue):
    from .test_issue_composer import compose_url, header_post

    client.force_login(editor)
    response = client.post(compose_url(composed_issue), header_post(composed_issue, issue_date="1899-02-28"))
    composed_issue.refresh_from_db()
    assert "不在2000年至2100年之间" in response.content.decode()
    assert str(composed_issue.issue_date) == "2020-02-28"


def test_import_refuses_an_issue_date_outside_the_range(editor, bulletin):
    data = {"publication": bulletin.slug, "year": 1899, "number": 1, "issue_date": "1899-03-01", "items": []}
    with pytest.raises(IssueFormatError, match="不在2000年至2100年之间"):
        import_issue(json.loads(json.dumps(data)), editor)
    assert not Issue.objects.exists()
