"""Who hears of what: the workflow's records turned into notifications.

``on_workflow_log`` and ``on_item_revision`` run inside the transaction that
wrote the record (post_save), so a notification exists exactly when its
transition committed. E-mail for it is handed to Celery after commit.
Nobody is told of their own action, and only people who may open the object
are told of it.
"""

import logging
import threading
from contextlib import contextmanager
from functools import partial

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse

from ..models import IssueState, ItemRevision, Role, person_name
from .models import EmailDelivery, Kind, Mode, Notification, Preference, default_mode

log = logging.getLogger(__name__)
_local = threading.local()


@contextmanager
def email_suspended():
    """Notifications are written but nobody is e-mailed (loading demo data)."""
    previous = getattr(_local, "no_email", False)
    _local.no_email = True
    try:
        yield
    finally:
        _local.no_email = previous


# ---------------------------------------------------------------- recipients


def active_users():
    return get_user_model().objects.filter(is_active=True)


def editors():
    return active_users().filter(groups__name=Role.EDITOR).distinct()


def desk_members():
    return active_users().filter(groups__name__in=[Role.EDITOR, Role.RESPONSIBLE_EDITOR]).distinct()


def unit_contributors(unit_id):
    return active_users().filter(groups__name=Role.CONTRIBUTOR, units__id=unit_id).distinct()


def item_people(item):
    """The unit's contributors and the item's author: the people whose item it is."""
    people = {u.pk: u for u in unit_contributors(item.unit_id)}
    author = item.author
    if author.is_active and author.pk not in people:
        people[author.pk] = author
    return list(people.values())


def issue_signers(issue):
    return [link.user for link in issue.editor_links.select_related("user") if link.user.is_active]


# ---------------------------------------------------------------- writing


def notify(recipients, kind, title, *, actor=None, body="", url="", item=None, issue=None):
    """One notification per recipient (never the actor), with its e-mail delivery
    as each recipient prefers; e-mails to send at once are queued after commit."""
    actor_id = getattr(actor, "pk", None)
    unique = {}
    for user in recipients:
        if user.pk != actor_id:
            unique[user.pk] = user
    if not unique:
        return []
    chosen = dict(Preference.objects.filter(user_id__in=list(unique), kind=kind).values_list("user_id", "mode"))
    created = []
    for user in unique.values():
        notification = Notification.objects.create(
            recipient=user, kind=kind, title=title[:300], body=body, url=url,
            actor=actor if actor_id else None, item=item, issue=issue,
        )
        created.append(notification)
        mode = chosen.get(user.pk) or default_mode(kind)
        if mode != Mode.IN_APP and user.email and not getattr(_local, "no_email", False):
            delivery = EmailDelivery.objects.create(notification=notification, mode=mode, address=user.email)
            if mode == Mode.IMMEDIATE:
                transaction.on_commit(partial(enqueue_email, delivery.pk))
    return created


def enqueue_email(delivery_id):
    """Hand one delivery to Celery (in-process without a broker). A broker that
    cannot be reached leaves the row unsent for the beat schedule's sweep."""
    from .tasks import send_email_delivery

    try:
        send_email_delivery.delay(delivery_id)
    except Exception:
        log.exception("could not enqueue e-mail delivery %s", delivery_id)


# ---------------------------------------------------------------- the workflow's records


def _item_links(item):
    return reverse("item_detail", args=[item.pk]), reverse("item_review", args=[item.pk])


def on_workflow_log(entry):
    _settled_by_acting(entry)
    if entry.item_id:
        _item_event(entry)
    elif entry.issue_id:
        _issue_event(entry)


def _settled_by_acting(entry):
    """Acting on an item or issue settles what was waiting for that person about it."""
    if not entry.actor_id:
        return
    subject = {"item_id": entry.item_id} if entry.item_id else {"issue_id": entry.issue_id}
    Notification.objects.filter(recipient_id=entry.actor_id, read_at__isnull=True, **subject).update(
        read_at=entry.created_at
    )


def _item_event(entry):
    item = entry.item
    actor = entry.actor
    who = person_name(actor) if actor else "系统"
    detail_url, review_url = _item_links(item)
    title = f"《{item.title}》"
    if entry.action == "accept":
        notify(item_people(item), Kind.ITEM_ACCEPTED, f"{title}已采用", actor=actor, item=item, url=detail_url,
               body=f"{who}采用了稿件{title}，将编入期刊。")
    elif entry.action == "return":
        notify(item_people(item), Kind.ITEM_RETURNED, f"{title}已退回，请修改后重新报送", actor=actor, item=item,
               url=reverse("item_edit", args=[item.pk]), body=f"退回原因：{entry.comment}（{who}）")
    elif entry.action == "decline":
        notify(item_people(item), Kind.ITEM_DECLINED, f"{title}未采用", actor=actor, item=item, url=detail_url,
               body=f"未采用原因：{entry.comment}（{who}）")
    elif entry.action == "publish":
        issue = item.issue
        notify(item_people(item), Kind.ITEM_PUBLISHED, f"{title}已刊发于{issue}" if issue else f"{title}已刊发",
               actor=actor, item=item, issue=issue,
               url=reverse("issue_read", args=[issue.pk]) if issue else detail_url,
               body=f"稿件{title}已随{issue}印发，可在往期存档中阅读。" if issue else "")
    elif entry.action == "submit":
        resubmitted = entry.from_state == "returned"
        unit = item.unit.short_name
        if resubmitted:
            notify(editors(), Kind.ITEM_RESUBMITTED, f"{title}退回后重新报送（{unit}）", actor=actor, item=item,
                   url=review_url, body=f"{unit}修改后重新报送了{title}，审稿页可看到与退回版本的对比。")
        else:
            notify(editors(), Kind.ITEM_SUBMITTED, f"新来稿：{title}（{unit}）", actor=actor, item=item,
                   url=review_url, body=f"{unit}{who}报送了{title}，等待处理。")


def _issue_event(entry):
    issue = entry.issue
    actor = entry.actor
    who = person_name(actor) if actor else "系统"
    review_url = reverse("issue_review", args=[issue.pk])
    compose_url = reverse("issue_compose", args=[issue.pk])
    if entry.action == "submit_for_review":
        again = issue.logs.filter(action="reject").exists()
        notify(issue_signers(issue), Kind.ISSUE_FOR_SIGNOFF,
               f"{issue}修改后重新送签，待您签发" if again else f"{issue}待您签发", actor=actor, issue=issue,
               url=review_url + ("#changes" if again else ""),
               body=f"{who}将{issue}送签，请审阅后签发或退回。" + ("审阅页顶部列出了自您退回以来的修改。" if again else ""))
    elif entry.action == "resubmit_after_edit":
        notify(issue_signers(issue), Kind.ISSUE_CHANGED, f"{issue}签发后有修改，需重新签发", actor=actor, issue=issue,
               url=review_url, body=f"{who}在签发后修改了{issue}，本期已回到“待签发”。")
    elif entry.action == "reopen":  # an edit in review: back to 编排中 (bulletins.workflow.reopen_after_edit)
        notify(issue_signers(issue), Kind.ISSUE_CHANGED, f"{issue}送签后有修改，已退回编排", actor=actor, issue=issue,
               url=review_url, body=f"{who}在送签后修改了{issue}（{entry.comment}），本期已回到“编排中”，重新送签后请再审阅。")
    elif entry.action == "reject":
        notify(editors(), Kind.ISSUE_REJECTED, f"{issue}被退回修改", actor=actor, issue=issue, url=compose_url,
               body=f"退回意见：{entry.comment}（{who}）")
    elif entry.action == "approve":
        notify(editors(), Kind.ISSUE_APPROVED, f"{issue}已签发，可以印发", actor=actor, issue=issue, url=review_url,
               body=f"{who}签发了{issue}。")
    elif entry.action == "publish" and entry.to_state == IssueState.PUBLISHED:
        notify(desk_members(), Kind.ISSUE_PUBLISHED, f"{issue}已印发", actor=actor, issue=issue,
               url=reverse("issue_read", args=[issue.pk]), body=f"{who}印发了{issue}，定稿PDF已存档。")


def on_item_revision(revision):
    """An editor's save of a unit's item tells the unit, with a link to what changed."""
    if revision.reason != ItemRevision.Reason.EDIT:
        return
    item = revision.item
    editor = revision.author
    who = person_name(editor) if editor else "编辑"
    notify(item_people(item), Kind.ITEM_EDITED, f"{who}修改了《{item.title}》", actor=editor, item=item,
           url=reverse("item_detail", args=[item.pk]) + "#editor-changes",
           body="打开稿件即可看到编辑改动的地方。")
