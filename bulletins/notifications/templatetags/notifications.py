from django import template
from django.db.models import Count

from ..models import Kind

register = template.Library()

PANEL_LENGTH = 5


@register.inclusion_tag("notifications/_waiting_panel.html", takes_context=True)
def waiting_for_you(context):
    """The home page's 待您处理 panel: unread notifications by kind, the latest few (two queries)."""
    user = context["request"].user
    unread = user.notifications.filter(read_at__isnull=True)
    counts = unread.values_list("kind").annotate(n=Count("id")).order_by("-n")
    return {
        "counts": [(Kind(kind).label, n) for kind, n in counts],
        "latest": list(unread.order_by("-created_at", "-id")[:PANEL_LENGTH]),
        "total": sum(n for _, n in counts),
    }
