from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "bulletins.notifications"
    label = "notifications"
    verbose_name = "通知"

    def ready(self):
        from . import signals  # noqa: F401  (connects the workflow's records to notifications)
