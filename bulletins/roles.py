"""Who may do what: role membership and object-level visibility.

Every view and every workflow transition asks these functions; hiding a button
is never the check.
"""

from django.db.models import Q

from .models import Issue, IssueState, Item, ItemState, Role


def _groups(user):
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_newsroom_groups", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._newsroom_groups = cached
    return cached


def has_role(user, role):
    """Membership of the role's group. A superuser is not implicitly every role:
    duties stay apart, so signing off needs the 责任编辑 group like anyone else."""
    return user.is_authenticated and role in _groups(user)


def is_contributor(user):
    return user.is_authenticated and Role.CONTRIBUTOR in _groups(user)


def is_editor(user):
    return has_role(user, Role.EDITOR)


def is_responsible_editor(user):
    return has_role(user, Role.RESPONSIBLE_EDITOR)


def is_administrator(user):
    return has_role(user, Role.ADMINISTRATOR)


def is_desk_member(user):
    """Editors and responsible editors: may read every item and issue."""
    return is_editor(user) or is_responsible_editor(user)


def user_unit_ids(user):
    if not user.is_authenticated:
        return set()
    return set(user.units.values_list("id", flat=True))


def unsubmitted_unit_drafts():
    """Drafts a unit has never submitted and no editor wrote: they belong to the unit."""
    return Q(state=ItemState.DRAFT, submitted_at__isnull=True) & ~Q(author__groups__name=Role.EDITOR)


def visible_items(user):
    """Items this user may open: contributors their units' (and their own); the
    desk everything except a unit's drafts it never submitted."""
    if is_desk_member(user) or is_administrator(user):
        hidden = Item.objects.filter(unsubmitted_unit_drafts()).values("pk")
        own = Q(author=user) | Q(unit__in=user_unit_ids(user)) if is_contributor(user) else Q(pk__in=[])
        return Item.objects.exclude(Q(pk__in=hidden) & ~own)
    if is_contributor(user):
        return Item.objects.filter(Q(unit__in=user_unit_ids(user)) | Q(author=user))
    return Item.objects.none()


def visible_issues(user):
    """Issues this user may find: the desk and administrators every issue,
    contributors the published ones."""
    if is_desk_member(user) or is_administrator(user):
        return Issue.objects.all()
    if is_contributor(user):
        return Issue.objects.filter(state=IssueState.PUBLISHED)
    return Issue.objects.none()


def can_view_item(user, item):
    return visible_items(user).filter(pk=item.pk).exists()


def can_edit_item(user, item):
    """Contributors edit their units' items only while draft or returned;
    editors edit anything not yet printed."""
    if item.state == ItemState.PUBLISHED:
        return False
    if is_contributor(user) and item.unit_id in user_unit_ids(user) and item.state in (ItemState.DRAFT, ItemState.RETURNED):
        return True
    if is_editor(user):
        return can_view_item(user, item)
    if is_contributor(user):
        return item.unit_id in user_unit_ids(user) and item.state in (ItemState.DRAFT, ItemState.RETURNED)
    return False


def can_create_item(user):
    return is_contributor(user) or is_editor(user)
