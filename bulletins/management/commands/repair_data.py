"""Repair an item's or an issue's row outside the workflow, leaving a record of it.

The admin cannot change workflow state, placement or printed content; when
data really is wrong (a crash, a bad import), an operator repairs it here:

    manage.py repair_data --item 12 --set state=accepted --set issue= --reason "导入错误"

Every repair is one transaction that writes the change, a WorkflowLog row on
the object (so it shows in its history) and an AuditEntry naming the operator.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from bulletins import audit
from bulletins.models import AuditEntry, Issue, Item, WorkflowLog


class Command(BaseCommand):
    help = "修复稿件或期刊的数据（绕过流转，但留下审计记录）。"

    def add_arguments(self, parser):
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("--item", type=int, help="稿件编号")
        target.add_argument("--issue", type=int, help="期编号")
        parser.add_argument("--set", action="append", default=[], metavar="字段=值", help="要修改的字段，可重复；值为空表示置空")
        parser.add_argument("--reason", required=True, help="修复原因（记入审计记录）")
        parser.add_argument("--by", help="执行修复的用户名（记入审计记录）")

    def handle(self, *args, **options):
        model, pk = (Item, options["item"]) if options["item"] else (Issue, options["issue"])
        reason = options["reason"].strip()
        if not reason:
            raise CommandError("请填写修复原因（--reason）。")
        if not options["set"]:
            raise CommandError("请用 --set 字段=值 指明要修改的内容。")
        actor = None
        if options["by"]:
            actor = get_user_model().objects.filter(username=options["by"]).first()
            if actor is None:
                raise CommandError(f"用户“{options['by']}”不存在。")
        with transaction.atomic():
            obj = model.objects.select_for_update().filter(pk=pk).first()
            if obj is None:
                raise CommandError(f"{model._meta.verbose_name}{pk}不存在。")
            changes = {}
            lines = []
            for assignment in options["set"]:
                name, sep, raw = assignment.partition("=")
                name = name.strip()
                if not sep:
                    raise CommandError(f"“{assignment}”应写作 字段=值。")
                field = self._field(model, name)
                value = self._value(field, raw, name)
                before = getattr(obj, field.attname)
                changes[field.attname] = value
                lines.append(f"{field.verbose_name}（{name}）：{before!r} → {value!r}")
            state_before = obj.state
            model.objects.filter(pk=obj.pk).update(**changes)
            obj.refresh_from_db()
            detail = "；".join(lines) + f"。原因：{reason}"
            WorkflowLog.objects.create(
                item=obj if model is Item else None, issue=obj if model is Issue else None,
                action="repair", from_state=state_before, to_state=obj.state, actor=actor, comment=detail,
            )
            audit.record(AuditEntry.Action.REPAIR, subject=f"{model._meta.verbose_name} {obj.pk}：{obj}", detail=detail, actor=actor)
        self.stdout.write(self.style.SUCCESS(f"已修复{model._meta.verbose_name} {obj.pk}：{detail}"))

    def _field(self, model, name):
        try:
            field = model._meta.get_field(name)
        except Exception:
            raise CommandError(f"{model._meta.verbose_name}没有字段“{name}”。")
        if not getattr(field, "concrete", False) or field.primary_key or field.many_to_many:
            raise CommandError(f"字段“{name}”不能用本命令修改。")
        return field

    def _value(self, field, raw, name):
        raw = raw.strip()
        if raw == "" and field.null:
            return None
        try:
            if field.is_relation:
                value = field.target_field.to_python(raw)
                if not field.related_model.objects.filter(pk=value).exists():
                    raise CommandError(f"字段“{name}”：编号{raw}不存在。")
                return value
            value = field.to_python(raw)
            if field.choices and value not in dict(field.flatchoices):
                raise CommandError(f"字段“{name}”的值“{raw}”不在可选范围内：{'、'.join(str(k) for k, _ in field.flatchoices)}。")
            return value
        except ValidationError as exc:
            raise CommandError(f"字段“{name}”的值“{raw}”无效：{'；'.join(exc.messages)}")
