"""Plain builders for test data (no factory library needed at this size)."""

import datetime
import itertools

from django.contrib.auth.models import Group, User

from bulletins.models import (
    Issue,
    IssueEditor,
    Item,
    ItemState,
    Publication,
    PublicationDistribution,
    PublicationEditor,
    RecipientGroup,
    Unit,
)

_seq = itertools.count(1)


def make_user(username=None, role=None, units=(), full_name="", password="pass-1234"):
    username = username or f"user{next(_seq)}"
    user = User.objects.create_user(username=username, password=password)
    if full_name:
        user.last_name, user.first_name = full_name[:1], full_name[1:]
        user.save()
    if role:
        group, _ = Group.objects.get_or_create(name=role)
        user.groups.add(group)
    for unit in units:
        unit.members.add(user)
    return user


def make_unit(name=None, short_name=None, category=Unit.Category.DEPARTMENT):
    n = next(_seq)
    return Unit.objects.create(name=name or f"测试单位{n}", short_name=short_name or f"测试{n}", category=category)


def make_bulletin(**kwargs):
    defaults = dict(
        name="上街信息", slug="xinxi", kind=Publication.Kind.BULLETIN, issuing_line="中共上街区委办公室",
        page_size=Publication.PageSize.A4, columns=1,
    )
    defaults.update(kwargs)
    pub, _ = Publication.objects.get_or_create(slug=defaults["slug"], defaults=defaults)
    return pub


def make_newspaper(**kwargs):
    defaults = dict(
        name="上街时讯", slug="shixun", kind=Publication.Kind.NEWSPAPER,
        issuing_line="中共上街区委宣传部传媒中心出版", english_name="SHANGJIE NEWSLETTER",
        registration_number="河南省连续性内资【审郑州连】00015号", notice="内部资料 免费交流",
        supervision_phone="67180000", page_size=Publication.PageSize.TABLOID, columns=4,
        total_number_offset=627,
    )
    defaults.update(kwargs)
    pub, _ = Publication.objects.get_or_create(slug=defaults["slug"], defaults=defaults)
    return pub


def add_default_distribution(publication, kind, *names):
    for order, name in enumerate(names):
        group, _ = RecipientGroup.objects.get_or_create(name=name)
        PublicationDistribution.objects.create(publication=publication, kind=kind, group=group, order=order)


def add_default_editor(publication, user, order=0):
    PublicationEditor.objects.create(publication=publication, user=user, order=order)


def make_item(unit, author, title="测试稿件", body="<p>测试正文。</p>", state=ItemState.DRAFT, **kwargs):
    """An item put directly into a state (test set-up only; the app uses the workflow)."""
    item = Item(unit=unit, author=author, title=title, body=body, **kwargs)
    item.state = state
    item.save()
    return item


def make_issue(publication, number=1, year=2020, total_number=None, issue_date=None, state="drafting", editors=(), **kwargs):
    issue = Issue.objects.create(
        publication=publication, year=year, number=number,
        total_number=total_number or publication.total_number_offset + number,
        issue_date=issue_date or datetime.date(year, 2, 28), **kwargs,
    )
    issue.state = state
    issue.save()
    for order, user in enumerate(editors):
        IssueEditor.objects.create(issue=issue, user=user, order=order)
    return issue


def place(issue, items, lead=None, page=None):
    for position, item in enumerate(items):
        item.issue = issue
        item.position = position
        item.is_lead = item == lead
        item.page = page
        item.save()
