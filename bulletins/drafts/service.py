"""Storing, offering and dropping a user's autosaved copy of the item form."""

from django.db import transaction
from django.utils import timezone

from .. import roles
from ..sanitize import clean_html
from .models import FIELDS, DraftCopy


class NotAllowed(Exception):
    pass


def store(user, item_id, post):
    """Keep the form's text as the user's copy for the item (or for a new item)."""
    item = None
    if item_id is not None:
        item = roles.visible_items(user).filter(pk=item_id).first()
        if item is None or not roles.can_edit_item(user, item):
            raise NotAllowed("这篇稿件当前不能修改，草稿副本没有保存。")
    elif not roles.can_create_item(user):
        raise NotAllowed("您没有权限撰写稿件。")
    data = {name: post.get(name, "") for name in FIELDS if name in post}
    if "body" in data:
        data["body"] = clean_html(data["body"])
    with transaction.atomic():
        copy, _ = DraftCopy.objects.update_or_create(
            user=user, item=item, defaults={"data": data, "saved_at": timezone.now()},
        )
    return copy


def offered(user, item=None):
    """The user's copy for this item (None for a new item) when it holds something the item does not."""
    if not user.is_authenticated:
        return None
    copy = DraftCopy.objects.filter(user=user, item=item).first()
    return copy if copy and copy.differs_from(item) else None


def discard(user, item=None):
    DraftCopy.objects.filter(user=user, item=item).delete()
