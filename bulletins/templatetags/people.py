"""How people are named on the desk: Chinese order, family name first (王晓, not “晓 王”)."""

from django import template

from ..models import person_name

register = template.Library()


@register.filter
def person(user, default="系统"):
    """{{ log.actor|person }} → 王晓; the username when no name is set; ``default`` for nobody."""
    if not user:
        return default
    return person_name(user)
