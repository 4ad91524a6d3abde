"""Request limits a page tells its script about, so that a form too large to send is stopped in the browser."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def max_request_bytes():
    """The most a form may send besides its files (DATA_UPLOAD_MAX_MEMORY_SIZE)."""
    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE
