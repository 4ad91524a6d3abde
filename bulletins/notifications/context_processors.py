from django.utils.functional import SimpleLazyObject


def bell(request):
    """The bell's unread count on every page: one COUNT query, only when the page shows it."""
    user = request.user

    def unread():
        if not user.is_authenticated:
            return 0
        return user.notifications.filter(read_at__isnull=True).count()

    return {"bell_unread": SimpleLazyObject(unread)}
