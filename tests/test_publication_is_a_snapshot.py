"""At 印发 what was printed is stored as data; the reading edition and the archive
are drawn from it, so later renames never alter a published issue."""

import hashlib

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.urls import reverse

from bulletins import workflow
from bulletins.models import DistributionKind, IssueState, RecipientGroup

from .issue_helpers import login


@pytest.fixture
def published(composed_issue, editor, responsible_editor, renderer):
    group = RecipientGroup.objects.create(name="区四大班子领导")
    composed_issue.distribution.create(kind=DistributionKind.SEND, group=group, order=0)
    composed_issue.series_title = "春季农业生产（一）"
    composed_issue.save()
    workflow.apply_transition(composed_issue, "submit_for_review", editor)
    workflow.apply_transition(composed_issue, "approve", responsible_editor)
    workflow.apply_transition(composed_issue, "publish", editor)
    composed_issue.refresh_from_db()
    assert composed_issue.state == IssueState.PUBLISHED
    return composed_issue


def test_the_snapshot_holds_what_was_printed_with_the_pdf_checksum(published):
    snapshot = published.revisions.get(reason="publish")
    assert snapshot.pdf_sha256 == published.pdf_sha256 == hashlib.sha256(published.pdf.read()).hexdigest()
    assert snapshot.description["editors"] == ["郝婕"]
    assert snapshot.description["distribution"] == [{"label": "送", "names": ["区四大班子领导"]}]
    assert [i["title"] for i in snapshot.description["items"]] == ["春耕备耕有序推进", "复工复产稳步开展"]


def test_the_reading_edition_is_byte_for_byte_the_same_after_renaming_everyone(client, published, editor, contributor):
    login(client, contributor)
    url = reverse("issue_read", args=[published.pk])
    before = client.get(url).content
    assert "郝　婕" in before.decode() and "区四大班子领导" in before.decode()
    for user in User.objects.all():
        user.last_name, user.first_name = "改", f"名{user.pk}"
        user.save()
    RecipientGroup.objects.update(name="改过名的发送对象")
    published.publication.name = "改名后的刊物"
    published.publication.save()
    contributor.refresh_from_db()
    login(client, contributor)  # the page's own header names the reader; keep the reader's session
    after = client.get(url).content
    def edition(html):  # the page's title and the issue itself (the site's header names the reader)
        return html[html.index(b"<title>"):html.index(b"</title>")], html[html.index(b'<article class="reading">'):html.index(b"</article>")]

    assert edition(after) == edition(before)


def test_the_archive_lists_the_issue_as_printed(client, published, contributor):
    published.publication.name = "改名后的刊物"
    published.publication.save()
    text = login(client, contributor).get(reverse("archive")).content.decode()
    assert "春季农业生产（一）" in text


def test_the_check_command_reports_every_pdf_in_order(published, capsys):
    call_command("check_published_pdfs")
    assert "共核对1期，全部一致" in capsys.readouterr().out


def test_the_check_command_reports_a_changed_or_missing_pdf(published, capsys):
    path = published.pdf.path
    with open(path, "ab") as fh:
        fh.write(b"tampered")
    with pytest.raises(CommandError):
        call_command("check_published_pdfs")
    assert "定稿PDF与校验值不符" in capsys.readouterr().out
    published.pdf.storage.delete(published.pdf.name)
    with pytest.raises(CommandError):
        call_command("check_published_pdfs")
    assert "定稿PDF文件缺失" in capsys.readouterr().out
