from django.apps import AppConfig


class ChangesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "bulletins.changes"
    label = "changes"
    verbose_name = "修改对照"
