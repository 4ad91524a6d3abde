"""Searching: what a user may find, filters, facet counts, snippets.

Views call ``search(user, params)``; it returns a ``Results`` with the page of
entries (each with ``url`` and ``snippet``), the facet counts and the total.
Visibility comes from ``bulletins.roles``: an entry is returned only when its
item or issue is among what ``roles`` lets the user see.
"""

import datetime
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe

from bulletins import roles
from bulletins.assessment.models import Commission, Instruction
from bulletins.models import IssueState, Item, ItemKind, ItemState, Publication, Unit

from . import query as query_language
from .backends import backend
from .models import Kind, SearchEntry

PAGE_SIZE = 20
SNIPPET_CHARS = 90

STATE_LABELS = {
    Kind.ITEM: dict(ItemState.choices),
    Kind.ISSUE: dict(IssueState.choices),
    Kind.INSTRUCTION: dict(Instruction.Feedback.choices),
}


def visible_commissions(user):
    """约稿 notices: the office sees all; a unit's members those addressed to their units."""
    if roles.is_desk_member(user) or roles.is_administrator(user):
        return Commission.objects.all()
    units = Unit.objects.filter(pk__in=roles.user_unit_ids(user), active=True)
    if not roles.is_contributor(user) or not units:
        return Commission.objects.none()
    return Commission.objects.filter(
        Q(targets=Commission.Targets.ALL)
        | Q(targets=Commission.Targets.CATEGORY, target_category__in=units.values("category"))
        | Q(targets=Commission.Targets.LIST, target_units__in=units)
    )


def visible_entries(user):
    """Entries whose subject ``roles`` lets the user open (批示 follow their item)."""
    if roles.is_desk_member(user) or roles.is_administrator(user):
        # the office reads everything (roles.visible_items/visible_issues) but a
        # unit's drafts it never submitted (a small set: one NOT IN over drafts)
        hidden = Item.objects.filter(roles.unsubmitted_unit_drafts()).exclude(author=user).values("id")
        return SearchEntry.objects.exclude(kind=Kind.ITEM, item__in=hidden)
    items = roles.visible_items(user).values("id")
    return SearchEntry.objects.filter(
        Q(kind=Kind.ITEM, item__in=items)
        | Q(kind=Kind.ISSUE, issue__in=roles.visible_issues(user).values("id"))
        | Q(kind=Kind.INSTRUCTION, instruction__item__in=items)
        | Q(kind=Kind.COMMISSION, commission__in=visible_commissions(user).values("id"))
    )


def _date(value):
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _int(value):
    return int(value) if value and str(value).isdigit() else None


@dataclass
class Filters:
    kind: str = ""
    item_kind: int = None
    publication: int = None
    year: int = None
    unit: int = None
    state: str = ""
    author: int = None
    date_from: datetime.date = None
    date_to: datetime.date = None

    @classmethod
    def from_params(cls, params):
        kind = params.get("kind", "")
        return cls(
            kind=kind if kind in Kind.values else "",
            item_kind=_int(params.get("item_kind")),
            publication=_int(params.get("publication")),
            year=_int(params.get("year")),
            unit=_int(params.get("unit")),
            state=params.get("state", "")[:20],
            author=_int(params.get("author")),
            date_from=_date(params.get("from")),
            date_to=_date(params.get("to")),
        )

    def apply(self, entries):
        if self.kind:
            entries = entries.filter(kind=self.kind)
        if self.item_kind:
            entries = entries.filter(item_kind=self.item_kind)
        if self.publication:
            entries = entries.filter(Q(publication=self.publication) | Q(item__issue__publication=self.publication))
        if self.year:
            entries = entries.filter(year=self.year)
        if self.unit:
            entries = entries.filter(unit=self.unit)
        if self.state:
            entries = entries.filter(state=self.state)
        if self.author:
            entries = entries.filter(author=self.author)
        if self.date_from:
            entries = entries.filter(date__gte=self.date_from)
        if self.date_to:
            entries = entries.filter(date__lte=self.date_to)
        return entries


@dataclass
class Results:
    query: object
    page: object
    facets: dict
    total: int


FACET_FIELDS = ("kind", "state", "year", "unit", "item_kind", "publication", "item__issue__publication")


def _facets(rows):
    """Counts per kind, publication, year, unit, item kind and state among the
    results (rows of ``FACET_FIELDS`` after the id, rank and date)."""
    tally = {name: {} for name in ("kind", "state", "year", "unit", "item_kind", "publication")}
    state_labels = {}
    for _, _, _, kind, state, year, unit, item_kind, publication, placed_in in rows:
        for name, key in (("kind", kind), ("year", year), ("unit", unit), ("item_kind", item_kind),
                          ("publication", publication or placed_in), ("state", state)):
            if key is not None and key != "":
                tally[name][key] = tally[name].get(key, 0) + 1
        if state:
            state_labels.setdefault(state, STATE_LABELS.get(kind, {}).get(state, state))
    pub_names = dict(Publication.objects.filter(pk__in=tally["publication"]).values_list("pk", "name")) if tally["publication"] else {}
    unit_names = dict(Unit.objects.filter(pk__in=tally["unit"]).values_list("pk", "short_name")) if tally["unit"] else {}
    kind_names = dict(ItemKind.objects.filter(pk__in=tally["item_kind"]).values_list("pk", "name")) if tally["item_kind"] else {}

    def by_count(name, labels):
        return sorted(((k, labels.get(k, ""), n) for k, n in tally[name].items()), key=lambda r: (-r[2], str(r[1])))

    return {
        "kind": [(k, Kind(k).label, n) for k, n in sorted(tally["kind"].items())],
        "publication": by_count("publication", pub_names),
        "year": sorted(((y, f"{y}年", n) for y, n in tally["year"].items()), reverse=True),
        "unit": by_count("unit", unit_names)[:20],
        "state": by_count("state", state_labels),
        "item_kind": by_count("item_kind", kind_names),
    }


def entry_url(entry, user):
    if entry.kind in (Kind.ITEM, Kind.INSTRUCTION):  # a 批示 is shown on its item's page
        item_id = entry.item_id if entry.kind == Kind.ITEM else entry.instruction_item_id
        name = "item_review" if roles.is_editor(user) else "item_detail"
        return reverse(name, args=[item_id])
    if entry.kind == Kind.COMMISSION:
        return reverse("assessment:commission_detail", args=[entry.commission_id])
    if entry.state == IssueState.PUBLISHED:
        return reverse("issue_read", args=[entry.issue_id])
    name = "issue_compose" if roles.is_editor(user) and entry.state == IssueState.DRAFTING else "issue_review"
    return reverse(name, args=[entry.issue_id])


def snippet(text, terms, width=SNIPPET_CHARS):
    """A window of the original text around the first hit, the hits in <mark>."""
    text = " ".join((text or "").split())
    lowered = text.lower()
    hits = sorted((lowered.find(t.lower()), t) for t in terms if t and lowered.find(t.lower()) >= 0)
    start = max(0, hits[0][0] - width // 3) if hits else 0
    window = text[start:start + width]
    pieces, i = [], 0
    low_window = window.lower()
    needles = sorted({t.lower() for _, t in hits}, key=len, reverse=True)
    while i < len(window):
        found = next((n for n in needles if low_window.startswith(n, i)), None)
        if found:
            pieces.append(f"<mark>{escape(window[i:i + len(found)])}</mark>")
            i += len(found)
        else:
            pieces.append(escape(window[i]))
            i += 1
    return mark_safe(("…" if start else "") + "".join(pieces) + ("…" if start + width < len(text) else ""))


def search(user, params, page_size=PAGE_SIZE):
    parsed = query_language.parse(params.get("q", ""))
    filters = Filters.from_params(params)
    if not parsed:
        return Results(query=parsed, page=None, facets={}, total=0)
    matched = filters.apply(backend().match(visible_entries(user), parsed))
    # One pass over the matches: ids, rank and the facet fields; ordered, counted
    # and tallied here, then only the page's rows are read in full.
    rows = list(matched.values_list("id", "rank", "date", *FACET_FIELDS))
    rows.sort(key=lambda r: (-(r[1] or 0), -(r[2].toordinal() if r[2] else 0), -r[0]))
    page = Paginator([r[0] for r in rows], page_size).get_page(params.get("page"))
    entries = SearchEntry.objects.in_bulk(list(page.object_list))
    page.object_list = [entries[pk] for pk in page.object_list if pk in entries]
    terms = parsed.highlight_terms()
    unit_names = dict(Unit.objects.filter(pk__in={e.unit_id for e in page.object_list if e.unit_id}).values_list("pk", "short_name"))
    instruction_items = dict(Instruction.objects.filter(
        pk__in=[e.instruction_id for e in page.object_list if e.instruction_id]).values_list("pk", "item_id"))
    for entry in page.object_list:
        entry.instruction_item_id = instruction_items.get(entry.instruction_id)
        entry.url = entry_url(entry, user)
        entry.snippet = snippet(entry.text, terms)
        entry.title_html = snippet(entry.title, terms, width=300)
        entry.state_label = STATE_LABELS.get(entry.kind, {}).get(entry.state, entry.state)
        entry.unit_name = unit_names.get(entry.unit_id, "")
    return Results(query=parsed, page=page, facets=_facets(rows), total=len(rows))


def suggestions(user, raw, limit=8):
    """Titles for search-as-you-type (two characters or more)."""
    parsed = query_language.parse(raw)
    if not parsed or len("".join(t.text for t in parsed.include)) < 2:
        return []
    entries = list(backend().match(visible_entries(user), parsed).order_by("-rank", "-date", "-id").annotate(
        instruction_item_id=F("instruction__item_id")
    ).only("kind", "item_id", "issue_id", "commission_id", "instruction_id", "state", "title")[:limit])
    return [{"title": e.title, "url": entry_url(e, user), "kind": Kind(e.kind).label} for e in entries]
