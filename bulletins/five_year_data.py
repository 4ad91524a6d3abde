"""The five-year data set: what an office holds after years of use.

Built quickly with ``bulk_create`` (no workflow, no per-row signals) for the
load benchmark (``bench_web``) and the tests that check a page's query count
does not grow with the data. The shape follows real use: units and their
contributors, two publications, issues over several years (most published,
one being composed, one awaiting sign-off), items in every state with their
revisions and workflow records, a pool of accepted items, and the search index.

Everything is deterministic (a seeded random generator) so two runs compare.
"""

import datetime
import random
import re
from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission, User
from django.utils import timezone

from . import demo_content
from .models import (
    DistributionKind,
    Issue,
    IssueDistribution,
    IssueEditor,
    IssueState,
    Item,
    ItemRevision,
    ItemState,
    Publication,
    RecipientGroup,
    Role,
    Unit,
    WorkflowLog,
)

PASSWORD = "bench-2026"
FIRST_YEAR = 2021

_SENTENCES = [
    s + "。"
    for _, _, paragraphs in demo_content.ITEMS
    for paragraph in paragraphs
    for s in re.split(r"[。！？]", paragraph)
    if len(s) > 8
]
_TITLES = [title for _, title, _ in demo_content.ITEMS]
_NAMES = ["王晓", "赵磊", "李德昭", "郝婕", "孙悦", "陈静", "刘斐", "周俊英", "张明", "马丽", "杨帆", "吴涛"]


@dataclass
class FiveYears:
    units: list = field(default_factory=list)
    contributors: list = field(default_factory=list)
    editor: User = None
    signer: User = None
    administrator: User = None
    publications: list = field(default_factory=list)
    drafting_issue: Issue = None
    review_issue: Issue = None
    published_issue: Issue = None
    items: int = 0


def _body(rng, sentences):
    paragraphs = []
    for _ in range(rng.randint(3, 5)):
        paragraphs.append("<p>" + "".join(rng.choice(_SENTENCES) for _ in range(max(1, sentences // 4))) + "</p>")
    return "".join(paragraphs)


def _user(username, full_name, role, groups, is_staff=False, is_superuser=False):
    user = User(username=username, last_name=full_name[:1], first_name=full_name[1:], is_staff=is_staff,
                is_superuser=is_superuser)
    user.set_password(PASSWORD)
    user.save()
    user.groups.add(groups[role])
    return user


def build(units=16, issues=300, items=8000, pool=400, seed=20260101, index=True, sentences=12, prefix="bench"):
    """Create the data set in the current database; returns a ``FiveYears`` with the
    people and the issues a benchmark or a test opens."""
    data = people(units=units, seed=seed, prefix=prefix)
    fill(data, issues=issues, items=items, pool=pool, seed=seed, sentences=sentences, index=index)
    return data


def people(units=16, seed=20260101, prefix="bench"):
    """Units with a contributor each, an editor, a responsible editor, an
    administrator and the two publications."""
    rng = random.Random(seed)
    data = FiveYears()
    groups = {role: Group.objects.get_or_create(name=role.value)[0] for role in Role}
    groups[Role.ADMINISTRATOR].permissions.set(
        Permission.objects.filter(content_type__app_label__in=["bulletins", "auth", "assessment", "search"])
    )
    for n in range(units):
        name, short, category = demo_content.UNITS[n % len(demo_content.UNITS)]
        suffix = "" if n < len(demo_content.UNITS) else str(n)
        unit, _ = Unit.objects.get_or_create(name=f"{name}{suffix}", defaults=dict(
            short_name=f"{short}{suffix}", category=category, order=n))
        data.units.append(unit)
    for n, unit in enumerate(data.units):
        user = _user(f"{prefix}-tx{n:02d}", rng.choice(_NAMES), Role.CONTRIBUTOR, groups)
        unit.members.add(user)
        data.contributors.append(user)
    data.editor = _user(f"{prefix}-bianji", "李德昭", Role.EDITOR, groups)
    data.signer = _user(f"{prefix}-zeren", "郝婕", Role.RESPONSIBLE_EDITOR, groups)
    data.administrator = _user(f"{prefix}-guanli", "陈静", Role.ADMINISTRATOR, groups, is_staff=True)

    bulletin, _ = Publication.objects.get_or_create(
        slug=f"{prefix}-xinxi", defaults=dict(name=f"上街信息{prefix}", kind=Publication.Kind.BULLETIN,
                                             issuing_line="中共上街区委办公室"))
    newspaper, _ = Publication.objects.get_or_create(
        slug=f"{prefix}-shixun", defaults=dict(name=f"上街时讯{prefix}", kind=Publication.Kind.NEWSPAPER,
                                              issuing_line="中共上街区委宣传部传媒中心出版", columns=4,
                                              page_size=Publication.PageSize.TABLOID, total_number_offset=627))
    data.publications = [bulletin, newspaper]
    return data


def fill(data, issues=300, items=8000, pool=400, seed=20260101, sentences=12, index=True):
    """Add ``issues`` issues and ``items`` items to the data set (called again, it
    grows it: numbers continue, the newest issues become the ones being worked on)."""
    rng = random.Random(seed + Item.objects.count())
    bulletin, newspaper = data.publications
    recipients = [RecipientGroup.objects.get_or_create(name=name)[0] for name in demo_content.RECIPIENT_GROUPS]

    # Issues: spread over the years, two thirds bulletins; the newest ones are being worked on.
    years = max(1, (issues + 59) // 60)
    rows, per_year = [], {}
    totals = {p.pk: (p.issues.order_by("-total_number").values_list("total_number", flat=True).first()
                     or p.total_number_offset) - p.total_number_offset for p in data.publications}
    for publication_id, year, number in Issue.objects.filter(publication__in=data.publications).values_list(
            "publication_id", "year", "number"):
        per_year[(publication_id, year)] = max(number, per_year.get((publication_id, year), 0))
    for n in range(issues):
        publication = bulletin if n % 3 else newspaper
        year = FIRST_YEAR + min(years - 1, n * years // max(1, issues))
        number = per_year[(publication.pk, year)] = per_year.get((publication.pk, year), 0) + 1
        totals[publication.pk] += 1
        day = datetime.date(year, 1, 1) + datetime.timedelta(days=min(360, number * 6))
        rows.append(Issue(
            publication=publication, year=year, number=number, issue_date=day,
            total_number=publication.total_number_offset + totals[publication.pk],
            series_title=rng.choice(demo_content.SERIES_TITLES) if rng.random() < 0.4 else "",
            editor_note=demo_content.EDITOR_NOTE if rng.random() < 0.2 else "",
            state=IssueState.PUBLISHED, pdf_sha256="0" * 64,
            published_at=timezone.make_aware(datetime.datetime(day.year, day.month, day.day, 10)),
            created_by=data.editor,
        ))
    # The two newest bulletins are being worked on: one composed, one awaiting sign-off.
    newest = [row for row in rows if row.publication == bulletin][-2:]
    for row, state in zip(reversed(newest), (IssueState.DRAFTING, IssueState.IN_REVIEW)):
        row.state, row.pdf_sha256, row.published_at = state, "", None
    if newest:  # the earlier issues being worked on are now done
        Issue.objects.filter(publication__in=data.publications).exclude(state=IssueState.PUBLISHED).update(
            state=IssueState.PUBLISHED, pdf_sha256="0" * 64, published_at=timezone.now())
    Issue.objects.bulk_create(rows)
    all_issues = list(Issue.objects.filter(publication__in=data.publications, editor_links__isnull=True).order_by("id"))
    if newest:
        data.drafting_issue = next(i for i in all_issues if i.state == IssueState.DRAFTING)
        data.review_issue = next((i for i in all_issues if i.state == IssueState.IN_REVIEW), None)
    published = [i for i in all_issues if i.state == IssueState.PUBLISHED]
    data.published_issue = next((i for i in reversed(published) if i.publication_id == bulletin.pk), data.published_issue)
    IssueEditor.objects.bulk_create([IssueEditor(issue=i, user=data.signer) for i in all_issues])
    IssueDistribution.objects.bulk_create([
        IssueDistribution(issue=i, kind=kind, group=group, order=order)
        for i in all_issues
        for kind, chosen in ((DistributionKind.SEND, recipients[:3]), (DistributionKind.ISSUE, recipients[3:]))
        for order, group in enumerate(chosen)
    ])

    # Items: published ones fill the published issues; the newest issues get theirs;
    # the accepted pool waits; the rest are in the unit's and the editor's hands.
    working = [i for i in (data.drafting_issue, data.review_issue) if i is not None and i in all_issues]
    others = (ItemState.SUBMITTED, ItemState.RETURNED, ItemState.DECLINED, ItemState.DRAFT)
    in_hand = max(2 * len(others), items // 5)  # items still with the units or the inbox
    placed_per_issue = max(1, min(15, (items - pool - in_hand) // max(1, len(all_issues))))
    plan = []
    for issue in published:
        plan += [(ItemState.PUBLISHED, issue)] * placed_per_issue
    for issue in working:
        plan += [(ItemState.ACCEPTED, issue)] * min(8, placed_per_issue)
    plan = plan[: max(0, items - pool - in_hand)]
    plan += [(ItemState.ACCEPTED, None)] * min(pool, items)
    while len(plan) < items:
        plan.append((others[len(plan) % len(others)], None))
    plan = plan[:items]
    start = timezone.make_aware(datetime.datetime(FIRST_YEAR, 1, 4, 9))
    span = (timezone.now() - start).total_seconds()
    positions = {}
    item_rows = []
    for n, (state, issue) in enumerate(plan):
        unit_index = rng.randrange(len(data.units))
        unit, author = data.units[unit_index], data.contributors[unit_index]
        when = start + datetime.timedelta(seconds=span * n / max(1, len(plan)))
        if issue is not None:
            when = min(when, timezone.make_aware(datetime.datetime.combine(issue.issue_date, datetime.time(9))))
        position = 0
        if issue is not None:
            position = positions[issue.pk] = positions.get(issue.pk, -1) + 1
        item = Item(
            unit=unit, author=author, title=f"{rng.choice(_TITLES)}（{n + 1}）", body=_body(rng, sentences),
            attribution=unit.short_name, state=state, issue=issue, position=position,
            is_lead=bool(issue and position == 0),
            submitted_at=None if state == ItemState.DRAFT else when, created_at=when,
        )
        item_rows.append(item)
    Item.objects.bulk_create(item_rows, batch_size=1000)
    data.items += len(item_rows)
    created = list(Item.objects.filter(unit__in=data.units, revisions__isnull=True, logs__isnull=True)
                   .order_by("id").values_list("id", "state", "submitted_at", "author_id"))
    revisions, logs = [], []
    for item_id, state, submitted_at, author_id in created:
        if state == ItemState.DRAFT:
            continue
        revisions.append(ItemRevision(item_id=item_id, title="", body="", reason=ItemRevision.Reason.SUBMIT,
                                      author_id=author_id, created_at=submitted_at))
        logs.append(WorkflowLog(item_id=item_id, action="submit", from_state=ItemState.DRAFT,
                                to_state=ItemState.SUBMITTED, actor_id=author_id, created_at=submitted_at))
        if state in (ItemState.RETURNED, ItemState.DECLINED):
            logs.append(WorkflowLog(item_id=item_id, action="return" if state == ItemState.RETURNED else "decline",
                                    from_state=ItemState.SUBMITTED, to_state=state, actor=data.editor,
                                    comment=demo_content.RETURN_REASON, created_at=submitted_at))
        elif state in (ItemState.ACCEPTED, ItemState.PUBLISHED):
            logs.append(WorkflowLog(item_id=item_id, action="accept", from_state=ItemState.SUBMITTED,
                                    to_state=ItemState.ACCEPTED, actor=data.editor, created_at=submitted_at))
    ItemRevision.objects.bulk_create(revisions, batch_size=2000)
    WorkflowLog.objects.bulk_create(logs, batch_size=2000)
    WorkflowLog.objects.bulk_create([
        WorkflowLog(issue=i, action="submit_for_review", from_state=IssueState.DRAFTING, to_state=IssueState.IN_REVIEW,
                    actor=data.editor, created_at=i.published_at or timezone.now())
        for i in all_issues if i.state != IssueState.DRAFTING
    ], batch_size=2000)
    if index:
        from .search.indexing import rebuild

        rebuild()
    return data


def load(prefix="bench"):
    """The ``FiveYears`` of a data set built earlier (in another process)."""
    data = FiveYears()
    data.contributors = list(User.objects.filter(username__startswith=f"{prefix}-tx").order_by("username"))
    data.units = [user.units.order_by("order", "id").first() for user in data.contributors]
    data.editor = User.objects.get(username=f"{prefix}-bianji")
    data.signer = User.objects.get(username=f"{prefix}-zeren")
    data.administrator = User.objects.get(username=f"{prefix}-guanli")
    data.publications = [Publication.objects.get(slug=f"{prefix}-xinxi"), Publication.objects.get(slug=f"{prefix}-shixun")]
    issues = Issue.objects.filter(publication=data.publications[0])
    data.drafting_issue = issues.filter(state=IssueState.DRAFTING).order_by("-id").first()
    data.review_issue = issues.filter(state=IssueState.IN_REVIEW).order_by("-id").first()
    data.published_issue = issues.filter(state=IssueState.PUBLISHED).order_by("-id").first()
    data.items = Item.objects.filter(unit__in=data.units).count()
    return data
