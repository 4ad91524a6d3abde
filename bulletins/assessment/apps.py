from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    """信息工作考核: 批示, 上报, 约稿, scoring rules and the monthly 通报.

    Reads the workflow's records (item states, logs, published issues); never
    changes them.
    """

    name = "bulletins.assessment"
    label = "assessment"
    verbose_name = "信息工作考核"
    default_auto_field = "django.db.models.BigAutoField"
