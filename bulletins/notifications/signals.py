"""The notifications app listens to the workflow's records; it never changes them."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from ..models import ItemRevision, WorkflowLog
from . import events


@receiver(post_save, sender=WorkflowLog, dispatch_uid="notifications_workflow_log")
def workflow_log_written(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        events.on_workflow_log(instance)


@receiver(post_save, sender=ItemRevision, dispatch_uid="notifications_item_revision")
def item_revision_written(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        events.on_item_revision(instance)
