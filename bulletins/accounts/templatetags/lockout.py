from django import template

register = template.Library()


@register.filter
def cooloff_chinese(delta):
    """timedelta(hours=1, minutes=30) → “1小时30分钟”."""
    minutes = max(1, round(delta.total_seconds() / 60))
    hours, minutes = divmod(minutes, 60)
    return (f"{hours}小时" if hours else "") + (f"{minutes}分钟" if minutes else "")
