from django.apps import AppConfig


class BulletinsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "bulletins"
    verbose_name = "信息编辑"

    def ready(self):
        from django.db.models.signals import pre_save

        pre_save.connect(strip_invisible_characters, dispatch_uid="bulletins.strip_invisible_characters")

        from . import audit

        audit.connect()


def strip_invisible_characters(sender, instance, raw=False, **kwargs):
    """Every text the application stores loses bidi controls and other invisible
    format characters (``sanitize.clean_text``), whatever path it came by."""
    if raw or not sender.__module__.startswith("bulletins."):
        return
    from django.db import models

    from .sanitize import clean_text

    for field in sender._meta.concrete_fields:
        if isinstance(field, (models.CharField, models.TextField)) and not field.choices:
            value = getattr(instance, field.attname)
            if isinstance(value, str):
                setattr(instance, field.attname, clean_text(value))
