from django.apps import AppConfig


class DraftsConfig(AppConfig):
    name = "bulletins.drafts"
    label = "drafts"
    verbose_name = "自动保存的草稿副本"
