"""What is indexed for each kind of thing, and writing it.

``index_item`` / ``index_issue`` run on every save (see ``signals``), inside the
saving transaction, so the index never disagrees with what was committed.
``rebuild`` writes the whole index again (the ``rebuild_search_index`` command).
"""

from django.db import connection, transaction
from django.utils import timezone

from bulletins.diffing import html_to_text
from bulletins.assessment.models import Commission, Instruction
from bulletins.models import Issue, Item, person_name

from .models import Kind, SearchEntry
from .segment import index_text


def issue_label(issue):
    """How people name an issue: 上街信息 2025年第9期（总第634期）."""
    return f"{issue.publication.name} {issue.year}年第{issue.number}期（总第{issue.total_number}期）"


def _local_date(moment):
    return timezone.localtime(moment).date() if moment else None


def item_entry(item):
    text = html_to_text(item.body)
    unit, author = item.unit, item.author
    headline = " ".join(p for p in (item.kicker, item.title, item.subhead) if p)
    extra = " ".join(p for p in (
        item.kind.name if item.kind_id else "", item.attribution, unit.name, unit.short_name, person_name(author), item.dateline, item.byline,
    ) if p)
    when = item.submitted_at or item.created_at
    return dict(
        kind=Kind.ITEM, issue=None, publication=None, unit_id=item.unit_id, author_id=item.author_id,
        item_kind_id=item.kind_id,
        state=item.state, year=_local_date(when).year if when else None, date=_local_date(when),
        title=item.title[:300], text=text,
        title_tokens=index_text(headline), body_tokens=index_text(text + "\n" + extra),
    )


def issue_entry(issue):
    label = issue_label(issue)
    title = f"{label} {issue.series_title}".strip()
    return dict(
        kind=Kind.ISSUE, item=None, publication_id=issue.publication_id, unit=None, author=None,
        state=issue.state, year=issue.year, date=issue.issue_date,
        title=title[:300], text=issue.editor_note,
        title_tokens=index_text(f"{label} 总第{issue.total_number}期 {issue.series_title}"),
        body_tokens=index_text(issue.editor_note),
    )


def instruction_entry(instruction):
    item = instruction.item
    title = f"{instruction.leader_title}{instruction.leader_name}批示：{item.title}"
    text = "\n".join(p for p in (instruction.text, instruction.feedback_text) if p)
    return dict(
        kind=Kind.INSTRUCTION, unit_id=item.unit_id, author=None, state=instruction.feedback_state,
        year=instruction.date.year, date=instruction.date, title=title[:300], text=text,
        title_tokens=index_text(f"{instruction.leader_title}{instruction.leader_name} 批示 {item.title}"),
        body_tokens=index_text(text),
    )


def commission_entry(commission):
    return dict(
        kind=Kind.COMMISSION, unit=None, author_id=commission.created_by_id, state="",
        year=commission.issued_on.year, date=commission.issued_on, title=f"约稿：{commission.topic}"[:300],
        text=commission.requirements,
        title_tokens=index_text(f"约稿 {commission.topic}"), body_tokens=index_text(commission.requirements),
    )


def index_instruction(instruction):
    SearchEntry.objects.update_or_create(instruction_id=instruction.pk, defaults=instruction_entry(instruction))


def index_commission(commission):
    SearchEntry.objects.update_or_create(commission_id=commission.pk, defaults=commission_entry(commission))


def index_item(item):
    SearchEntry.objects.update_or_create(item_id=item.pk, defaults=item_entry(item))


def index_issue(issue):
    SearchEntry.objects.update_or_create(issue_id=issue.pk, defaults=issue_entry(issue))


def rebuild(batch=500, progress=None):
    """Write every entry again; returns the number of entries."""
    count = 0
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        sources = (
            (Item.objects.select_related("unit", "author", "kind").order_by("id"), item_entry, "item_id"),
            (Issue.objects.select_related("publication").order_by("id"), issue_entry, "issue_id"),
            (Instruction.objects.select_related("item").order_by("id"), instruction_entry, "instruction_id"),
            (Commission.objects.order_by("id"), commission_entry, "commission_id"),
        )
        for queryset, build, key in sources:
            rows = []
            for obj in queryset.iterator(chunk_size=batch):
                rows.append(SearchEntry(**{key: obj.pk}, **build(obj)))
                if len(rows) >= batch:
                    SearchEntry.objects.bulk_create(rows)
                    count += len(rows)
                    rows = []
                    if progress:
                        progress(count)
            SearchEntry.objects.bulk_create(rows)
            count += len(rows)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {SearchEntry._meta.db_table}")  # the planner then picks the GIN index
    return count
