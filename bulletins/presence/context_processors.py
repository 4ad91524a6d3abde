from django.conf import settings


def presence(request):
    """How often an open edit page pings (seconds)."""
    return {"presence_interval": settings.NEWSROOM_PRESENCE_PING_SECONDS}
