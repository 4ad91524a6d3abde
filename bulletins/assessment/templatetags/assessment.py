"""Assessment panels shown on the workflow's own pages (the item pages, a unit's home)."""

from django import template

from bulletins import roles

from ..models import Instruction
from ..records import ADOPTED_STATES

register = template.Library()


@register.inclusion_tag("assessment/_item_panel.html", takes_context=True)
def item_assessment(context, item):
    """批示 and 上报 of an item; editors may record them, the unit writes its 落实反馈."""
    user = context["request"].user
    instructions = list(item.instructions.select_related("level", "feedback_by").order_by("date", "id"))
    forwardings = list(item.forwardings.select_related("target", "adopted_by").order_by("forwarded_on", "id"))
    is_unit = roles.is_contributor(user) and item.unit_id in roles.user_unit_ids(user)
    return {
        "item": item,
        "instructions": instructions,
        "forwardings": forwardings,
        "can_record": roles.is_editor(user) and item.state in ADOPTED_STATES,
        "is_editor": roles.is_editor(user),
        "can_feedback": is_unit,
        "pending": Instruction.Feedback.PENDING,
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("assessment/_home_commissions.html", takes_context=True)
def open_commissions(context):
    """A unit's open 约稿 and the 批示 waiting for its 落实反馈, on its home page."""
    from ..views import open_commissions_for

    user = context["request"].user
    rows, feedback = [], []
    if roles.is_contributor(user):
        for unit in user.units.all():
            for commission in open_commissions_for(unit):
                rows.append((unit, commission))
        feedback = list(
            Instruction.objects.filter(item__unit__in=roles.user_unit_ids(user), feedback_state=Instruction.Feedback.PENDING)
            .select_related("item", "level").order_by("feedback_due", "id")
        )
    return {"rows": rows, "feedback": feedback}
