"""Benchmark the 信息工作考核 yearly report over five years of data."""

import os

from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bulletins.assessment.benchmark import make_five_years
from bulletins.assessment.exports import xlsx_bytes
from bulletins.assessment.periods import Period
from bulletins.assessment.scoring import build_report
from bulletins.benchmarking import rolled_back, timed
from bulletins.models import Role

TARGET_SECONDS = 0.5


class Command(BaseCommand):
    help = "考核性能测试：五年数据下的年度考核报表（计算、页面、Excel 导出）"

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=5, help="每项测量次数（取中位数）")
        parser.add_argument("--items-per-year", type=int, default=2000, help="每年稿件数")

    def handle(self, *args, **options):
        year = timezone.localdate().year
        period = Period("year", year)
        with rolled_back():  # nothing the benchmark makes outlives it
            counts = make_five_years(year, items_per_year=options["items_per_year"])
            editor = User.objects.create_user("bench-assessment-editor")
            editor.groups.add(Group.objects.get_or_create(name=Role.EDITOR.value)[0])
            build_report(period)  # warm
            compute = timed(options["runs"], lambda _: build_report(period))
            client = Client(HTTP_HOST="localhost")
            client.force_login(editor)
            url = reverse("assessment:office")
            queries = []
            with connection.execute_wrapper(lambda execute, sql, *a: (queries.append(sql), execute(sql, *a))[1]):
                assert client.get(url, {"period": period.key}).status_code == 200
            page = timed(options["runs"], lambda _: client.get(url, {"period": period.key}))
            export = timed(options["runs"], lambda _: xlsx_bytes(build_report(period)))
        self.stdout.write(
            f"五年数据：{counts['items']} 篇稿件（已刊发 {counts['printed']}），批示 {counts['instructions']}，"
            f"上报 {counts['forwardings']}，约稿 {counts['commissions']}"
        )
        self._line(f"{year}年度报表计算", compute)
        self._line(f"{year}年度考核页面（{len(queries)} 次查询）", page)
        self._line(f"{year}年度 Excel 导出", export)
        verdict = "达标" if page["median"] <= TARGET_SECONDS else "未达标"
        self.stdout.write(f"目标：年度报表页面 ≤ {TARGET_SECONDS} 秒 —— {verdict}")
        # Wall time depends on what else the machine runs; the CPU time much less.
        self.stdout.write(f"测量时的系统负载（1/5/15 分钟）：{' / '.join(f'{x:.1f}' for x in os.getloadavg())}，CPU 核数 {os.cpu_count()}")

    def _line(self, label, figures):
        self.stdout.write(
            f"{label}：中位数 {figures['median']:.3f} 秒（{figures['low']:.3f}–{figures['high']:.3f}，"
            f"CPU {figures['cpu']:.3f} 秒，{figures['runs']} 次）"
        )
