"""Password reset that also lifts a lockout: whoever proved they own the e-mail
address may sign in with the new password at once."""

from axes.utils import reset as reset_lockout
from django.contrib.auth import views as auth_views


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    def form_valid(self, form):
        response = super().form_valid(form)
        reset_lockout(username=form.user.get_username())
        return response
