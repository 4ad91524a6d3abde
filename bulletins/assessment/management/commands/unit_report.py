"""Write a period's assessment table as the office page shows it: .xlsx, .pdf or .csv."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from bulletins.assessment import exports
from bulletins.assessment.periods import Period, PeriodError
from bulletins.assessment.scoring import build_report


class Command(BaseCommand):
    help = "导出考核期间（2026-03 / 2026-Q1 / 2026）的各单位信息工作考核情况，数据与页面一致。"

    def add_arguments(self, parser):
        parser.add_argument("--period", required=True, help="2026-03（月）、2026-Q1（季度）或 2026（年度）")
        parser.add_argument("--format", choices=["xlsx", "pdf", "csv"], default="xlsx", help="导出格式")
        parser.add_argument("-o", "--output", required=True, help="输出文件；- 表示标准输出（仅 csv）")

    def handle(self, *args, **options):
        try:
            period = Period.parse(options["period"])
        except PeriodError as error:
            raise CommandError(str(error))
        report = build_report(period)
        fmt = options["format"]
        if fmt == "xlsx":
            data = exports.xlsx_bytes(report)
        elif fmt == "csv":
            data = exports.csv_bytes(report)
        else:
            if report.issued and report.issued.pdf:
                data = report.issued.pdf.open("rb").read()
            else:
                from bulletins.assessment.summary import summary_text
                from bulletins.assessment.typeset import render_report_pdf

                data = render_report_pdf(report, number=None, summary=summary_text(report), issued_on=timezone.localdate())
        if options["output"] == "-":
            if fmt != "csv":
                raise CommandError("只有 csv 可以写到标准输出。")
            self.stdout.write(exports.csv_text(report), ending="")
            return
        path = Path(options["output"])
        try:
            path.write_bytes(data)
        except OSError as error:
            raise CommandError(f"无法写入 {path}：{error.strerror}")
        self.stdout.write(self.style.SUCCESS(f"已写入 {path}（{period.label}，{len(report.lines)}个单位）"))
