"""The 版记 prints the print run, and the PDF and the reading edition print the same 版记."""

import re

import pytest
from django.urls import reverse

from bulletins.models import IssueDistribution, IssueState, Publication, RecipientGroup
from bulletins.typesetting.bulletin import render_bulletin
from bulletins.typesetting.specimen import make_specimen_issue

from .bulletin_pdf_reading import TEXT_RIGHT, lines_of, open_pdf

FOOTER_SIZE = 14


@pytest.fixture
def issue(db):
    issue = make_specimen_issue(state=IssueState.PUBLISHED)
    issue.print_run = 80
    issue.save()
    group, _ = RecipientGroup.objects.get_or_create(name="市委办公厅")
    IssueDistribution.objects.create(issue=issue, kind="report", group=group, order=0)
    return issue


def _pdf_footer(issue):
    with open_pdf(render_bulletin(issue, final=True)) as pdf:
        last = len(pdf.pages)
        return [line for line in lines_of(pdf) if line.page == last and line.size == FOOTER_SIZE]


def _reading_footer(client, issue):
    page = client.get(reverse("issue_read", args=[issue.pk])).content.decode()
    foot = page[page.index('<footer class="reading-foot">'):]
    foot = foot[:foot.index("</footer>")]
    return [re.sub(r"<[^>]+>", "", p) for p in re.findall(r'<p class="footer-line">(.*?)</p>', foot)]


def test_the_print_run_closes_the_last_footer_line_at_the_right(issue):
    lines = _pdf_footer(issue)
    last = lines[-1]
    assert last.text.startswith("责任编辑：") and last.text.endswith("（共印80份）")
    assert abs(last.right - (TEXT_RIGHT - FOOTER_SIZE)) < 2


@pytest.mark.parametrize("setting, expected", [("send", "本期送："), ("first", "本期报：")])
def test_the_pdf_and_the_reading_edition_print_the_same_footer_lines(issue, client, editor, setting, expected):
    client.force_login(editor)  # a reader of the archive (a superuser holds no role)
    Publication.objects.filter(pk=issue.publication_id).update(this_issue_line=setting)
    issue.refresh_from_db()
    printed = [line.text for line in _pdf_footer(issue)]
    read = [text.replace(" ", "").replace("\u3000", "") for text in _reading_footer(client, issue)]
    assert printed == read
    assert sum(text.startswith("本期") for text in read) == 1
    assert any(text.startswith(expected) for text in read)
    assert "报：市委办公厅" in "".join(read) and "发：峡窝镇、各街道办事处、区直各单位负责同志" in read
