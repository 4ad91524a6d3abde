"""A session ends after 8 idle hours (configurable); each request moves the end forward."""

from django.contrib.sessions.models import Session
from django.urls import reverse

from bulletins.accounts import middleware


def _expiry(client):
    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_signing_in_starts_an_eight_hour_session(client, contributor):
    client.post(reverse("login"), {"username": contributor.username, "password": "pass-1234"})

    assert client.session.get_expiry_age() == 8 * 3600
    assert client.cookies["sessionid"]["max-age"] == 8 * 3600


def test_activity_moves_the_end_of_the_session_forward(client, contributor, monkeypatch):
    clock = [1_800_000_000]
    monkeypatch.setattr(middleware.time, "time", lambda: clock[0])
    client.post(reverse("login"), {"username": contributor.username, "password": "pass-1234"})
    client.get(reverse("home"))
    first = _expiry(client)

    clock[0] += 3600  # an hour later the user opens a page
    client.get(reverse("home"))

    assert _expiry(client) > first


def test_requests_within_a_minute_do_not_rewrite_the_session(client, contributor, monkeypatch):
    clock = [1_800_000_000]
    monkeypatch.setattr(middleware.time, "time", lambda: clock[0])
    client.post(reverse("login"), {"username": contributor.username, "password": "pass-1234"})
    client.get(reverse("home"))
    first = _expiry(client)

    clock[0] += 30
    client.get(reverse("home"))

    assert _expiry(client) == first


def test_an_expired_session_asks_to_sign_in_again(client, contributor):
    client.post(reverse("login"), {"username": contributor.username, "password": "pass-1234"})
    Session.objects.all().update(expire_date="2000-01-01T00:00:00Z")

    assert client.get(reverse("item_list"))["Location"].startswith(reverse("login"))
