from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "bulletins.accounts"
    label = "accounts"
    verbose_name = "账号与登录"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .middleware import session_started

        user_logged_in.connect(session_started, dispatch_uid="accounts.session_started")
