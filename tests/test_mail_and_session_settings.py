"""E-mail goes to the console unless an SMTP server is configured in the
environment; the idle session length and the lockout come from it too."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROBE = (
    "import json, django; from django.conf import settings; django.setup(); "
    "print(json.dumps({'backend': settings.EMAIL_BACKEND, 'host': settings.EMAIL_HOST, 'port': settings.EMAIL_PORT, "
    "'tls': settings.EMAIL_USE_TLS, 'user': settings.EMAIL_HOST_USER, 'from': settings.DEFAULT_FROM_EMAIL, "
    "'session': settings.SESSION_COOKIE_AGE, 'limit': settings.AXES_FAILURE_LIMIT}))"
)


def _settings(tmp_path, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("EMAIL_", "SESSION_", "LOGIN_"))}
    clean.update({"DJANGO_SETTINGS_MODULE": "newsroom.settings", "NEWSROOM_VAR_DIR": str(tmp_path), "DEBUG": "1"}, **env)
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=clean, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_by_default_mail_is_printed_to_the_console_and_sessions_last_eight_idle_hours(tmp_path):
    values = _settings(tmp_path)

    assert values["backend"] == "django.core.mail.backends.console.EmailBackend"
    assert values["session"] == 8 * 3600
    assert values["limit"] == 5


def test_an_smtp_server_in_the_environment_is_used_for_mail(tmp_path):
    values = _settings(
        tmp_path, EMAIL_HOST="mail.shangjie.example", EMAIL_PORT="587", EMAIL_USE_TLS="1",
        EMAIL_HOST_USER="newsroom", DEFAULT_FROM_EMAIL="newsroom@shangjie.example",
        SESSION_IDLE_HOURS="2", LOGIN_FAILURE_LIMIT="10",
    )

    assert values["backend"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (values["host"], values["port"], values["tls"], values["user"]) == ("mail.shangjie.example", 587, True, "newsroom")
    assert values["from"] == "newsroom@shangjie.example"
    assert (values["session"], values["limit"]) == (2 * 3600, 10)
