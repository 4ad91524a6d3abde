"""Render one issue to a PDF file: by id, or by publication + year + number."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from bulletins.models import Issue, IssueState
from bulletins.typesetting import render_issue_pdf


class Command(BaseCommand):
    help = "把一期刊物排版输出为 PDF 文件"
    # Rendering needs no project-wide checks; they cost a cold start a tenth of a second.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--id", type=int, help="期的编号（数据库 id）")
        parser.add_argument("--publication", help="刊物代号，如 xinxi")
        parser.add_argument("--year", type=int, help="年度")
        parser.add_argument("--number", type=int, help="期号")
        parser.add_argument("-o", "--output", required=True, help="输出的 PDF 文件")
        watermark = parser.add_mutually_exclusive_group()
        watermark.add_argument("--final", action="store_true", help="不加“样稿”水印；版面有待决定的问题时以非零状态退出")
        watermark.add_argument("--draft", action="store_true", help="加“样稿”水印")

    def handle(self, *args, **options):
        issue = self._issue(options)
        final = None
        if options["final"]:
            final = True
        elif options["draft"]:
            final = False
        data = render_issue_pdf(issue, final=final)
        output = Path(options["output"])
        if not output.parent.is_dir():
            raise CommandError(f"输出目录不存在：{output.parent}")
        for note in getattr(data, "notes", ()):
            self.stdout.write(f"排版提示：{note}")
        problems = getattr(data, "problems", ())
        if options["final"] and problems:
            # No final file of a layout the editor has not decided on.
            raise CommandError(f"版面有 {len(problems)} 处问题需要编辑决定，未输出定稿：" + "；".join(problems))
        # Written whole or not at all.
        partial = output.with_name(output.name + ".part")
        partial.write_bytes(data)
        partial.replace(output)
        state = "定稿" if (final if final is not None else issue.state == IssueState.PUBLISHED) else "样稿"
        self.stdout.write(f"已输出 {issue}（{state}）：{output}（{len(data) // 1024} KB）")

    def _issue(self, options):
        queryset = Issue.objects.select_related("publication")
        if options["id"] is not None:
            try:
                return queryset.get(pk=options["id"])
            except Issue.DoesNotExist:
                raise CommandError(f"没有编号为 {options['id']} 的期。") from None
        if options["publication"] and options["year"] and options["number"]:
            try:
                return queryset.get(
                    publication__slug=options["publication"], year=options["year"], number=options["number"]
                )
            except Issue.DoesNotExist:
                raise CommandError(
                    f"没有找到 {options['publication']} {options['year']} 年第 {options['number']} 期。"
                ) from None
        raise CommandError("请用 --id，或同时用 --publication、--year、--number 指定要输出的期。")
