"""Changes to the assessment's records, each checked and atomic.

批示 and 上报 are recorded by editors; 落实反馈 and 约稿 answers by the unit's
contributors; a 通报 is issued by an editor and frozen. None of this touches
an item's or an issue's state.
"""

import hashlib

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from bulletins import roles
from bulletins.models import ItemState

from .models import Adjustment, Commission, CommissionAnswer, Forwarding, Instruction, Report
from .periods import Period

#: Items a 批示 or a 上报 may be recorded on.
ADOPTED_STATES = (ItemState.ACCEPTED, ItemState.PUBLISHED)


class RecordError(Exception):
    """A change that cannot be made; the message is shown to the user."""


def _require_editor(user, what):
    if not roles.is_editor(user):
        raise RecordError(f"只有编辑可以{what}。")


def _require_adopted(item, what):
    if item.state not in ADOPTED_STATES:
        raise RecordError(f"只有已采用或已刊发的稿件才能{what}。")


def record_instruction(item, actor, **fields):
    _require_editor(actor, "登记领导批示")
    _require_adopted(item, "登记批示")
    with transaction.atomic():
        instruction = Instruction(item=item, recorded_by=actor, **fields)
        if instruction.feedback_due and instruction.feedback_state == Instruction.Feedback.NOT_REQUIRED:
            instruction.feedback_state = Instruction.Feedback.PENDING
        instruction.save()
    return instruction


def submit_feedback(instruction, actor, text):
    """The unit writes back how the 批示 was carried out."""
    if not (roles.is_contributor(actor) and instruction.item.unit_id in roles.user_unit_ids(actor)):
        raise RecordError("只有本单位通讯员可以填写落实反馈。")
    text = (text or "").strip()
    if not text:
        raise RecordError("请填写落实情况。")
    with transaction.atomic():
        locked = Instruction.objects.select_for_update().get(pk=instruction.pk)
        if locked.feedback_state == Instruction.Feedback.NOT_REQUIRED:
            raise RecordError("这条批示不需要反馈。")
        locked.feedback_text = text
        locked.feedback_state = Instruction.Feedback.SUBMITTED
        locked.feedback_at = timezone.now()
        locked.feedback_by = actor
        locked.save()
    return locked


def forward_item(item, actor, target, forwarded_on, note=""):
    _require_editor(actor, "上报稿件")
    _require_adopted(item, "上报")
    with transaction.atomic():
        return Forwarding.objects.create(
            item=item, target=target, forwarded_on=forwarded_on, note=note, forwarded_by=actor
        )


def record_outcome(forwarding, actor, outcome, adopted_by=None, adopted_issue="", adopted_on=None):
    _require_editor(actor, "登记上报结果")
    if outcome == Forwarding.Outcome.ADOPTED:
        if adopted_on is None:
            raise RecordError("请填写采用日期。")
        if adopted_on < forwarding.forwarded_on:
            raise RecordError("采用日期不能早于上报日期。")
    with transaction.atomic():
        locked = Forwarding.objects.select_for_update().get(pk=forwarding.pk)
        locked.outcome = outcome
        adopted = outcome == Forwarding.Outcome.ADOPTED
        locked.adopted_by = (adopted_by or locked.target) if adopted else None
        locked.adopted_issue = adopted_issue if adopted else ""
        locked.adopted_on = adopted_on if adopted else None
        locked.save()
    return locked


def create_commission(actor, target_units=(), **fields):
    _require_editor(actor, "发出约稿")
    with transaction.atomic():
        commission = Commission.objects.create(created_by=actor, **fields)
        if commission.targets == Commission.Targets.LIST:
            if not target_units:
                raise RecordError("请选择约稿单位。")
            commission.target_units.set(target_units)
        elif commission.targets == Commission.Targets.CATEGORY and not commission.target_category:
            raise RecordError("请选择单位类别。")
    return commission


def _answering_unit(commission, actor, unit):
    if not (roles.is_contributor(actor) and unit.pk in roles.user_unit_ids(actor)):
        raise RecordError("只有本单位通讯员可以应约。")
    if not commission.targets_unit(unit):
        raise RecordError("这份约稿没有发给本单位。")


def answer_commission(commission, actor, unit, item):
    """The unit answers with one of its items (報送 or to be submitted)."""
    _answering_unit(commission, actor, unit)
    if item.unit_id != unit.pk:
        raise RecordError("只能用本单位的稿件应约。")
    if item.state == ItemState.DRAFT:
        raise RecordError("请先报送这篇稿件，再用它应约。")
    return _save_answer(commission, actor, unit, item=item, declined=False, reason="")


def decline_commission(commission, actor, unit, reason):
    _answering_unit(commission, actor, unit)
    reason = (reason or "").strip()
    if not reason:
        raise RecordError("请说明无法应约的原因。")
    return _save_answer(commission, actor, unit, item=None, declined=True, reason=reason)


def _save_answer(commission, actor, unit, **fields):
    try:
        with transaction.atomic():
            answer, _ = CommissionAnswer.objects.update_or_create(
                commission=commission, unit=unit,
                defaults={**fields, "answered_by": actor, "answered_on": timezone.localdate()},
            )
    except IntegrityError:
        raise RecordError("本单位已经应约，请刷新页面。")
    return answer


def issue_report(period, actor, published_to_units=True, today=None):
    """Freeze ``period``'s 通报: store its figures (corrections of earlier 通报 become
    adjustments of this month) and its PDF. A month is issued once."""
    from .scoring import build_report
    from .typeset import render_report_pdf

    if not roles.is_editor(actor):
        raise RecordError("只有编辑可以印发通报。")
    if period.kind != "month":
        raise RecordError("通报按月印发；季度和年度报表可以导出。")
    today = today or timezone.localdate()
    if period.end > today:
        raise RecordError(f"{period.label}尚未结束，不能印发通报。")
    with transaction.atomic():
        if Report.objects.select_for_update().filter(month=period.start).exists():
            raise RecordError(f"{period.label}的通报已经印发。")
        report = build_report(period, today=today)
        rows = {}
        from .scoring import monthly_rows, report_units

        units = report_units()
        month_rows = monthly_rows(period.start, period.start, units, today=today)[period.start]
        for unit in units:
            row = month_rows[unit.pk]
            for corrected_month, delta in row.get("corrections", {}).items():
                Adjustment.objects.create(
                    unit=unit, month=period.start, points=delta,
                    reason=f"更正{corrected_month[:4]}年{int(corrected_month[5:7])}月通报",
                    corrects=Report.objects.get(month=corrected_month), created_by=actor,
                )
            row.pop("corrections", None)
            rows[str(unit.pk)] = row
        number = Report.objects.filter(month__year=period.year).count() + 1
        from .summary import summary_text

        summary = summary_text(report)
        stored = Report.objects.create(
            month=period.start, number=number, figures={"rows": rows}, summary=summary,
            published_to_units=published_to_units, issued_by=actor,
        )
        pdf = render_report_pdf(report, number=number, summary=summary, issued_on=today)
        stored.pdf.save(f"tongbao-{period.key}.pdf", ContentFile(pdf), save=False)
        stored.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
        stored.save()
    return stored


def parse_period(text):
    return Period.parse(text)
