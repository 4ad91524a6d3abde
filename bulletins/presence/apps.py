from django.apps import AppConfig


class PresenceConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "bulletins.presence"
    label = "presence"
    verbose_name = "编辑状态"
