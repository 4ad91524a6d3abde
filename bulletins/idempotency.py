"""One action per form: a double-click or a retry of a submitted form does not repeat it.

A form carries a one-time token (``form_token``). The view claims it inside the
transaction of the action; a second request with the same token waits for the
first (the token is unique) and is then sent to the page the first one led to.
If the first request failed, its claim was rolled back with everything else and
the retry runs normally.
"""

import datetime
import uuid

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import SubmittedForm

FIELD = "form_token"
KEEP_FOR = datetime.timedelta(days=7)


class AlreadySubmitted(Exception):
    """The form was submitted before; ``url`` is where its first submission led ("" if unknown)."""

    def __init__(self, url):
        self.url = url
        super().__init__("这份表单已经提交过，未重复处理。")


def token_for(request):
    """The token to put in a form: the posted one when the form is shown again, else a new one."""
    return _posted_token(request) or uuid.uuid4()


def _posted_token(request):
    try:
        return uuid.UUID(request.POST.get(FIELD, ""))
    except ValueError:
        return None


def claim(request):
    """Record the posted token; call inside the action's transaction.

    Raises AlreadySubmitted when the same form was already carried out. Returns
    the claim (to ``fulfil`` with the result page), or None for a form posted
    without a token.
    """
    token = _posted_token(request)
    if token is None:
        return None
    try:
        with transaction.atomic():
            return SubmittedForm.objects.create(token=token, user=request.user)
    except IntegrityError:
        first = SubmittedForm.objects.filter(token=token, user=request.user).first()
        raise AlreadySubmitted(first.result_url if first else "")


def fulfil(claimed, url):
    """Remember where the action led, for a repeated submission of the same form."""
    if claimed is None:
        return
    claimed.result_url = url
    claimed.save(update_fields=["result_url"])
    SubmittedForm.objects.filter(created_at__lt=timezone.now() - KEEP_FOR).delete()
