"""Saving an item's photos (with caption and credit), under the item's edit permission."""

from django.db import transaction

from . import roles
from .actions import issue_content_changed
from .models import Item
from .workflow import PermissionDenied


def save_photos(item, actor, formset):
    """Save a validated ItemImage formset for ``item``; refused unless ``actor`` may edit it."""
    if not formset.has_changed():
        return
    with transaction.atomic():
        locked = Item.objects.select_for_update().get(pk=item.pk)
        if not roles.can_edit_item(actor, locked):
            raise PermissionDenied("您不能修改这篇稿件的图片。")
        formset.instance = locked
        formset.save()
        # The photos are part of the content: a concurrent editor must notice.
        Item.objects.filter(pk=locked.pk).update(version=locked.version + 1)
        if locked.issue_id:  # a photo prints: an issue in review goes back to 编排中
            issue_content_changed(locked.issue, actor)
