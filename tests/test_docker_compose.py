"""docker-compose.yml names every service the settings expect in production."""

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def command_text(service):
    command = service.get("command", "")
    return " ".join(command) if isinstance(command, list) else command


def test_compose_runs_web_worker_postgres_and_redis(compose):
    assert {"web", "worker", "postgres", "redis"} <= set(compose["services"])


def test_web_serves_the_wsgi_app_with_gunicorn(compose):
    assert "gunicorn newsroom.wsgi" in command_text(compose["services"]["web"])


def test_worker_runs_the_celery_app(compose):
    assert "celery -A newsroom worker" in command_text(compose["services"]["worker"])


@pytest.mark.parametrize("service", ["web", "worker"])
def test_app_services_get_database_broker_and_secret_from_the_environment(compose, service):
    env = compose["services"][service]["environment"]
    assert env["DATABASE_URL"].startswith("postgres://") and "@postgres:" in env["DATABASE_URL"]
    assert env["CELERY_BROKER_URL"].startswith("redis://redis:")
    assert env["SECRET_KEY"].startswith("${SECRET_KEY"), "the secret key must come from the operator, not the file"


def test_web_and_worker_share_one_media_volume_at_media_root(compose):
    def media_mounts(service):
        env = compose["services"][service]["environment"]
        mounts = [m.split(":") for m in compose["services"][service]["volumes"]]
        return {(volume, target) for volume, target, *_ in mounts if target == env["MEDIA_ROOT"]}

    web, worker = media_mounts("web"), media_mounts("worker")
    assert web and web == worker
    (volume, _), = web
    assert volume in compose["volumes"]


def test_app_services_wait_for_postgres_and_redis(compose):
    for service in ("web", "worker"):
        assert {"postgres", "redis"} <= set(compose["services"][service]["depends_on"])


def test_image_installs_the_fonts_and_collects_static_files():
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    packages = (ROOT / "scripts" / "debian-packages.txt").read_text(encoding="utf-8")
    assert "scripts/debian-packages.txt" in dockerfile
    assert "fonts-noto-cjk" in packages and "texlive-lang-chinese" in packages
    assert "collectstatic --noinput" in dockerfile


def test_beat_runs_the_celery_schedule_with_the_same_settings_as_the_worker(compose):
    beat = compose["services"]["beat"]
    assert "celery -A newsroom beat" in command_text(beat)
    assert beat["environment"]["CELERY_BROKER_URL"] == compose["services"]["worker"]["environment"]["CELERY_BROKER_URL"]


@pytest.mark.parametrize("service", ["web", "worker"])
def test_production_mail_goes_to_the_smtp_server_named_in_the_environment(compose, service):
    env = compose["services"][service]["environment"]
    assert env["EMAIL_HOST"] == "${EMAIL_HOST:-}"
    assert {"EMAIL_PORT", "EMAIL_HOST_USER", "EMAIL_HOST_PASSWORD", "EMAIL_USE_TLS", "DEFAULT_FROM_EMAIL"} <= set(env)
