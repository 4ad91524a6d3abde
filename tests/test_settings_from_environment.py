"""Settings come from the environment, with defaults that work on a fresh machine
and a production mode that refuses the development secret key."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = (
    "import json, django; from django.conf import settings; django.setup(); "
    "print(json.dumps({'engine': settings.DATABASES['default']['ENGINE'], "
    "'eager': settings.CELERY_TASK_ALWAYS_EAGER, 'broker': settings.CELERY_BROKER_URL, "
    "'lang': settings.LANGUAGE_CODE, 'tz': settings.TIME_ZONE, 'debug': settings.DEBUG}))"
)


def run_settings(tmp_path, **env):
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "CELERY_BROKER_URL", "SECRET_KEY", "DEBUG"}}
    clean.update({"DJANGO_SETTINGS_MODULE": "newsroom.settings", "NEWSROOM_VAR_DIR": str(tmp_path)}, **env)
    return subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=clean, capture_output=True, text=True)


def test_the_default_is_sqlite_with_tasks_in_process_in_chinese(tmp_path):
    result = run_settings(tmp_path, DEBUG="1")
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["eager"] is True and values["broker"] == ""
    assert (values["lang"], values["tz"]) == ("zh-hans", "Asia/Shanghai")


def test_database_and_broker_come_from_the_environment(tmp_path):
    result = run_settings(
        tmp_path, DEBUG="1",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/newsroom", CELERY_BROKER_URL="redis://127.0.0.1:6379/0",
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["eager"] is False and values["broker"] == "redis://127.0.0.1:6379/0"


def test_production_refuses_to_start_with_the_development_secret_key(tmp_path):
    result = run_settings(tmp_path)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_starts_with_a_real_secret_key(tmp_path):
    result = run_settings(tmp_path, SECRET_KEY="a-long-random-production-key-0123456789")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["debug"] is False
