"""An idle session ends: each request of a signed-in user moves the session's
expiry forward (SESSION_COOKIE_AGE, default 8 hours); after that long without a
request, the user signs in again."""

import time

REFRESH_EVERY = 60  # seconds; the expiry slides at most once a minute, not on every request
KEY = "_idle_refreshed_at"


def session_started(sender, request, user, **kwargs):
    """On sign-in the session is fresh: the first minute's requests need not rewrite it."""
    if hasattr(request, "session"):
        request.session[KEY] = int(time.time())


class IdleSessionTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            if now - request.session.get(KEY, 0) >= REFRESH_EVERY:
                request.session[KEY] = now  # saved by SessionMiddleware with a fresh expiry
        return self.get_response(request)
