"""import_issue FILE: load a whole issue from the JSON interchange format."""

import json

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from bulletins import roles
from bulletins.interchange import IssueFormatError, import_issue
from bulletins.models import Role


class Command(BaseCommand):
    help = "从 JSON 文件导入一整期（格式见 docs/issue-format.md）。出错时不写入任何内容。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="JSON 文件路径；“-”表示从标准输入读取")
        parser.add_argument("--user", help="以哪位编辑的身份导入（用户名）；默认为第一位超级用户，没有则为第一位编辑")

    def handle(self, *args, **options):
        data = self._read(options["file"])
        actor = self._actor(options["user"])
        try:
            issue = import_issue(data, actor)
        except IssueFormatError as exc:
            raise CommandError(f"导入失败，未写入任何内容：{exc}")
        self.stdout.write(self.style.SUCCESS(
            f"已导入 {issue}（总第{issue.total_number}期），{issue.items.count()}篇稿件，状态：{issue.get_state_display()}。"
        ))

    def _read(self, path):
        try:
            if path == "-":
                import sys

                return json.load(sys.stdin)
            with open(path, encoding="utf-8") as fh:
                return json.load(fh)
        except OSError as exc:
            raise CommandError(f"无法读取文件 {path}：{exc.strerror}")
        except UnicodeDecodeError:
            raise CommandError(f"文件 {path} 不是 UTF-8 编码的文本。")
        except json.JSONDecodeError as exc:
            raise CommandError(f"文件 {path} 不是有效的 JSON：第{exc.lineno}行第{exc.colno}列，{exc.msg}。")

    def _actor(self, username):
        User = get_user_model()
        if username:
            user = User.objects.filter(username=username, is_active=True).first()
            if user is None:
                raise CommandError(f"用户“{username}”不存在。")
        else:
            active = User.objects.filter(is_active=True).order_by("pk")
            user = active.filter(groups__name=Role.EDITOR).first()
            if user is None:
                raise CommandError("请用 --user 指定一位编辑（系统中还没有编辑）。")
        if not roles.is_editor(user):
            raise CommandError(f"用户“{user.get_username()}”不是编辑，不能导入期刊。")
        return user
