"""Accounts: login lockouts as the administrator sees them (django-axes keeps the records)."""

from axes.models import AccessAttempt


class LoginLockout(AccessAttempt):
    """django-axes' record of failed logins for one user name, under a Chinese name for the admin."""

    class Meta:
        proxy = True
        verbose_name = "登录失败与锁定"
        verbose_name_plural = "登录失败与锁定"

    @property
    def is_locked(self):
        from django.conf import settings

        return self.failures_since_start >= settings.AXES_FAILURE_LIMIT
