"""Keep the index current: an entry is rewritten in the same transaction as the save."""
from django.db.models.signals import post_save
from django.dispatch import receiver

from bulletins.assessment.models import Commission, Instruction
from bulletins.models import Issue, Item

from . import indexing


@receiver(post_save, sender=Item, dispatch_uid="search_index_item")
def index_item(sender, instance, raw=False, **kwargs):
    if not raw:
        indexing.index_item(instance)


@receiver(post_save, sender=Issue, dispatch_uid="search_index_issue")
def index_issue(sender, instance, raw=False, **kwargs):
    if not raw:
        indexing.index_issue(instance)


@receiver(post_save, sender=Instruction, dispatch_uid="search_index_instruction")
def index_instruction(sender, instance, raw=False, **kwargs):
    if not raw:
        indexing.index_instruction(instance)


@receiver(post_save, sender=Commission, dispatch_uid="search_index_commission")
def index_commission(sender, instance, raw=False, **kwargs):
    if not raw:
        indexing.index_commission(instance)
