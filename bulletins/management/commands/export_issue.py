"""export_issue SLUG YEAR NUMBER: write an issue in the JSON interchange format."""

import json

from django.core.management.base import BaseCommand, CommandError

from bulletins.interchange import export_issue
from bulletins.models import Issue


class Command(BaseCommand):
    help = "把一期导出为 JSON（与 import_issue 的格式相同，见 docs/issue-format.md）。"

    def add_arguments(self, parser):
        # Positional (export_issue xinxi 2025 9) or named (--publication xinxi --year 2025 --number 9).
        parser.add_argument("publication", nargs="?", help="刊物代号，如 xinxi")
        parser.add_argument("year", nargs="?", type=int, help="年度，如 2025")
        parser.add_argument("number", nargs="?", type=int, help="期号（当年第几期）")
        parser.add_argument("--publication", dest="publication_opt", metavar="代号")
        parser.add_argument("--year", dest="year_opt", type=int, metavar="年度")
        parser.add_argument("--number", dest="number_opt", type=int, metavar="期号")
        parser.add_argument("-o", "--output", help="写入此文件；默认输出到标准输出")

    def handle(self, *args, **options):
        for name in ("publication", "year", "number"):
            options[name] = options[f"{name}_opt"] or options[name]
            if options[name] is None:
                raise CommandError("请指明要导出的期：export_issue 刊物代号 年度 期号（如 export_issue xinxi 2025 9）。")
        issue = (
            Issue.objects.select_related("publication")
            .filter(publication__slug=options["publication"], year=options["year"], number=options["number"])
            .first()
        )
        if issue is None:
            raise CommandError(
                f"找不到刊物“{options['publication']}”{options['year']}年第{options['number']}期。"
            )
        text = json.dumps(export_issue(issue), ensure_ascii=False, indent=2) + "\n"
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as fh:
                fh.write(text)
            self.stderr.write(f"已导出 {issue} 到 {options['output']}。")
        else:
            self.stdout.write(text, ending="")
